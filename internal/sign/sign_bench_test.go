package sign

import (
	"bytes"
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"testing"
	"time"
)

// benchBody is a realistic ~1 KiB KYT submission body.
var benchBody = bytes.Repeat([]byte(`{"txnId":"0123456789abcdef","type":"finance"},`), 22)

const (
	benchSumsubURL = "https://api.sumsub.com/resources/applicants/-/kyt/txns/-/data?levelName=basic-kyc-level"
	benchStrigaURL = "https://www.sandbox.striga.com/api/v1/travel-rule/widget-session"
)

func BenchmarkSumsubSign(b *testing.B) {
	s, err := NewSumsub("sbx:token", "secret-key", time.Now)
	if err != nil {
		b.Fatal(err)
	}
	req := newRequest(b, http.MethodPost, benchSumsubURL)
	b.ReportAllocs()
	for b.Loop() {
		if err := s.Sign(req, benchBody); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSumsubSignBaseline does the same work by hand.
func BenchmarkSumsubSignBaseline(b *testing.B) {
	key := []byte("secret-key")
	req := newRequest(b, http.MethodPost, benchSumsubURL)
	b.ReportAllocs()
	for b.Loop() {
		ts := strconv.FormatInt(time.Now().Unix(), 10)
		m := hmac.New(sha256.New, key)
		m.Write([]byte(ts + req.Method + req.URL.RequestURI()))
		m.Write(benchBody)
		req.Header.Set("X-App-Token", "sbx:token")
		req.Header.Set("X-App-Access-Ts", ts)
		req.Header.Set("X-App-Access-Sig", hex.EncodeToString(m.Sum(nil)))
	}
}

func BenchmarkStrigaSign(b *testing.B) {
	s, err := NewStriga("api-key", "api-secret", "", time.Now)
	if err != nil {
		b.Fatal(err)
	}
	req := newRequest(b, http.MethodPost, benchStrigaURL)
	b.ReportAllocs()
	for b.Loop() {
		if err := s.Sign(req, benchBody); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStrigaSignBaseline does the same work by hand.
func BenchmarkStrigaSignBaseline(b *testing.B) {
	key := []byte("api-secret")
	req := newRequest(b, http.MethodPost, benchStrigaURL)
	b.ReportAllocs()
	for b.Loop() {
		ms := strconv.FormatInt(time.Now().UnixMilli(), 10)
		sum := md5.Sum(benchBody)
		m := hmac.New(sha256.New, key)
		m.Write([]byte(ms + req.Method + req.URL.Path[len("/api/v1"):] + hex.EncodeToString(sum[:])))
		req.Header.Set("api-key", "api-key")
		req.Header.Set("Authorization", "HMAC "+ms+":"+hex.EncodeToString(m.Sum(nil)))
	}
}
