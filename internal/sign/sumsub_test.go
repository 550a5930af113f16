package sign

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// sumsubVectors are the published vectors of spec/sumsub.md §2.4, copied
// verbatim (P1: string-to-sign from Sumsub's authentication page with the
// community digest; P2: thrownew/go-sumsub signer_test.go).
var sumsubVectors = []struct {
	name, secret, ts, method, uri, body, want string
}{
	{
		name:   "P1 accessTokens query, no body",
		secret: "SoMe_SeCrEt_KeY",
		ts:     "1607551635",
		method: "POST",
		uri:    "/resources/accessTokens?userId=cfd20712-24a2-4c7d-9ab0-146f3c142335&levelName=basic-kyc-level&ttlInSecs=600",
		want:   "15cc96be3e65ed8805f374db7f4c49c5723ae2a20eea3159cf0ab7c3badc3ad0",
	},
	{
		name:   "P2 accessTokens JSON body",
		secret: "api_secret",
		ts:     "1712760187",
		method: "POST",
		uri:    "/resources/accessTokens",
		body:   `{"userId":"1000","levelName":"default","ttl":60}`,
		want:   "260c8893fb0317e8a714ce3bce9c16821649f1e27a49bd7d926fcf23942628c0",
	},
}

func TestSumsubSignatureVectors(t *testing.T) {
	t.Parallel()
	for _, v := range sumsubVectors {
		t.Run(v.name, func(t *testing.T) {
			t.Parallel()
			var body []byte
			if v.body != "" {
				body = []byte(v.body)
			}
			got := SumsubSignature([]byte(v.secret), v.ts, v.method, v.uri, body)
			if diff := cmp.Diff(v.want, got); diff != "" {
				t.Errorf("SumsubSignature (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSumsubSignVectors(t *testing.T) {
	t.Parallel()
	for _, v := range sumsubVectors {
		t.Run(v.name, func(t *testing.T) {
			t.Parallel()
			sec, err := strconv.ParseInt(v.ts, 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			s, err := NewSumsub("sbx:token", v.secret, fixedClock(time.Unix(sec, 0)))
			if err != nil {
				t.Fatal(err)
			}
			req := newRequest(t, v.method, "https://api.sumsub.com"+v.uri)
			var body []byte
			if v.body != "" {
				body = []byte(v.body)
			}
			if err := s.Sign(req, body); err != nil {
				t.Fatal(err)
			}
			want := http.Header{
				"X-App-Token":      {"sbx:token"},
				"X-App-Access-Ts":  {v.ts},
				"X-App-Access-Sig": {v.want},
			}
			if diff := cmp.Diff(want, req.Header); diff != "" {
				t.Errorf("headers (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSumsubSignsWhatIsSent(t *testing.T) {
	t.Parallel()
	at := time.Unix(1700000000, 999_000_000) // seconds are truncated, not rounded
	q := url.Values{"levelName": {"basic kyc+level@x"}}
	tests := []struct {
		name, method, url string
		body              []byte
		wantURI           string
	}{
		{"GET without body signs nothing after the URI", http.MethodGet, "https://api.sumsub.com/resources/kyt/txns/abc/one", nil, "/resources/kyt/txns/abc/one"},
		{"empty method is GET", "", "https://api.sumsub.com/x", nil, "/x"},
		{"escaped query signed as sent", http.MethodPost, "https://api.sumsub.com/resources/applicants/-/kyt/txns/-/data?levelName=basic%20kyc%2Blevel%40x", []byte(`{"a":1}`), "/resources/applicants/-/kyt/txns/-/data?levelName=basic%20kyc%2Blevel%40x"},
		{"form-encoded query signed as sent", http.MethodPost, "https://api.sumsub.com/p?" + q.Encode(), []byte(`{}`), "/p?levelName=basic+kyc%2Blevel%40x"},
		{"filter path keeps ; and =", http.MethodGet, "https://api.sumsub.com/resources/kyt/txns/-;data.txnId=XYZ/one", nil, "/resources/kyt/txns/-;data.txnId=XYZ/one"},
		{"escaped path segment", http.MethodGet, "https://api.sumsub.com/a%2Fb/c", nil, "/a%2Fb/c"},
		{"empty path is /", http.MethodGet, "https://api.sumsub.com", nil, "/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, err := NewSumsub("tok", "sec", fixedClock(at))
			if err != nil {
				t.Fatal(err)
			}
			req := newRequest(t, tt.method, tt.url)
			if err := s.Sign(req, tt.body); err != nil {
				t.Fatal(err)
			}
			m := tt.method
			if m == "" {
				m = "GET"
			}
			want := SumsubSignature([]byte("sec"), "1700000000", m, tt.wantURI, tt.body)
			got := []string{req.Header.Get(SumsubTimestampHeader), req.Header.Get(SumsubSignatureHeader)}
			if diff := cmp.Diff([]string{"1700000000", want}, got); diff != "" {
				t.Errorf("ts, sig (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSumsubFreshTimestampEachAttempt(t *testing.T) {
	t.Parallel()
	now := time.Unix(1700000000, 0)
	s, err := NewSumsub("tok", "sec", func() time.Time { now = now.Add(time.Second); return now })
	if err != nil {
		t.Fatal(err)
	}
	req := newRequest(t, http.MethodPost, "https://api.sumsub.com/x")
	var got []string
	for range 2 {
		if err := s.Sign(req, []byte(`{}`)); err != nil {
			t.Fatal(err)
		}
		got = append(got, req.Header.Get(SumsubTimestampHeader))
		if n := len(req.Header.Values(SumsubSignatureHeader)); n != 1 {
			t.Errorf("%d signature headers after re-signing, want 1", n)
		}
	}
	if diff := cmp.Diff([]string{"1700000001", "1700000002"}, got); diff != "" {
		t.Errorf("timestamps (-want +got):\n%s", diff)
	}
}

func TestNewSumsubRejectsEmpty(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, token, secret string }{
		{"no token", "", "sec"},
		{"no secret", "tok", ""},
		{"neither", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, err := NewSumsub(tt.token, tt.secret, nil)
			checkErr(t, err, ErrEmptyCredential)
			if s != nil {
				t.Errorf("signer = %p, want nil", s)
			}
		})
	}
}

func TestSumsubSignBadRequest(t *testing.T) {
	t.Parallel()
	s, err := NewSumsub("tok", "sec", nil)
	if err != nil {
		t.Fatal(err)
	}
	checkErr(t, s.Sign(nil, nil), ErrInvalidRequest)
	checkErr(t, s.Sign(&http.Request{}, nil), ErrInvalidRequest)
	req := &http.Request{Method: "GET", URL: &url.URL{Path: "/x"}} // nil Header
	checkErr(t, s.Sign(req, nil), nil)
	if req.Header.Get(SumsubSignatureHeader) == "" {
		t.Error("no signature set on a request with nil Header")
	}
}

func TestVerifySumsub(t *testing.T) {
	t.Parallel()
	at := time.Unix(1700000000, 0)
	secret := []byte("sec")
	body := []byte(`{"txnId":"1"}`)
	s, err := NewSumsub("tok", string(secret), fixedClock(at))
	if err != nil {
		t.Fatal(err)
	}
	signed := newRequest(t, http.MethodPost, "https://api.sumsub.com/resources/applicants/-/kyt/txns/-/data?levelName=a%20b")
	if err := s.Sign(signed, body); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		req        *http.Request
		body       []byte
		secret     []byte
		now        time.Time
		skew       time.Duration
		want       error
		wantHeader string
	}{
		{name: "valid", req: signed, body: body, secret: secret, now: at, skew: SumsubMaxSkew},
		{name: "valid at the edge of the window", req: signed, body: body, secret: secret, now: at.Add(60 * time.Second), skew: SumsubMaxSkew},
		{name: "valid, skew check off", req: signed, body: body, secret: secret, now: at.Add(time.Hour)},
		{name: "nil request", req: nil, want: ErrInvalidRequest},
		{name: "missing token", req: cloneWith(signed, func(h http.Header) { h.Del(SumsubTokenHeader) }), body: body, secret: secret, now: at, want: ErrMissingHeader, wantHeader: SumsubTokenHeader},
		{name: "missing ts", req: cloneWith(signed, func(h http.Header) { h.Del(SumsubTimestampHeader) }), body: body, secret: secret, now: at, want: ErrMissingHeader, wantHeader: SumsubTimestampHeader},
		{name: "missing sig", req: cloneWith(signed, func(h http.Header) { h.Set(SumsubSignatureHeader, "") }), body: body, secret: secret, now: at, want: ErrMissingHeader, wantHeader: SumsubSignatureHeader},
		{name: "ts in milliseconds is skew", req: cloneWith(signed, func(h http.Header) { h.Set(SumsubTimestampHeader, "1700000000000") }), body: body, secret: secret, now: at, skew: SumsubMaxSkew, want: ErrClockSkew},
		{name: "ts not decimal", req: cloneWith(signed, func(h http.Header) { h.Set(SumsubTimestampHeader, "-1700000000") }), body: body, secret: secret, now: at, want: ErrMalformedHeader, wantHeader: SumsubTimestampHeader},
		{name: "ts too old", req: signed, body: body, secret: secret, now: at.Add(61 * time.Second), skew: SumsubMaxSkew, want: ErrClockSkew},
		{name: "ts in the future", req: signed, body: body, secret: secret, now: at.Add(-61 * time.Second), skew: SumsubMaxSkew, want: ErrClockSkew},
		{name: "wrong secret", req: signed, body: body, secret: []byte("other"), now: at, want: ErrBadSignature},
		{name: "body changed", req: signed, body: []byte(`{"txnId":"2"}`), secret: secret, now: at, want: ErrBadSignature},
		{name: "no body", req: signed, body: nil, secret: secret, now: at, want: ErrBadSignature},
		{name: "query changed", req: func() *http.Request { r := signed.Clone(signed.Context()); r.URL.RawQuery = "levelName=a+b"; return r }(), body: body, secret: secret, now: at, want: ErrBadSignature},
		{name: "method changed", req: func() *http.Request { r := signed.Clone(signed.Context()); r.Method = "PUT"; return r }(), body: body, secret: secret, now: at, want: ErrBadSignature},
		{name: "sig not hex", req: cloneWith(signed, func(h http.Header) { h.Set(SumsubSignatureHeader, "zz") }), body: body, secret: secret, now: at, want: ErrBadSignature},
		{name: "sig upper-case hex accepted", req: cloneWith(signed, func(h http.Header) {
			h.Set(SumsubSignatureHeader, string(bytes.ToUpper([]byte(h.Get(SumsubSignatureHeader)))))
		}), body: body, secret: secret, now: at},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := VerifySumsub(tt.req, tt.body, tt.secret, tt.now, tt.skew)
			checkErr(t, err, tt.want)
			if diff := cmp.Diff(tt.wantHeader, headerOf(err)); diff != "" {
				t.Errorf("HeaderError.Header (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSumsubRoundTripOverHTTP signs on the client and verifies on an
// httptest server, where the URI comes from the raw request-target.
func TestSumsubRoundTripOverHTTP(t *testing.T) {
	t.Parallel()
	secret := []byte("sec")
	results := make(chan error, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		results <- VerifySumsub(r, b, secret, time.Now(), SumsubMaxSkew)
	}))
	defer srv.Close()
	s, err := NewSumsub("tok", string(secret), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{
		"/resources/kyt/txns/-;data.txnId=A%20B/one",
		"/resources/applicants/-/kyt/txns/-/data?levelName=basic%20kyc%2Blevel",
		"/a%2Fb?x=1&x=2&y=%E2%82%AC",
	} {
		body := []byte(`{"k":"v"}`)
		req := newRequest(t, http.MethodPost, srv.URL+path)
		req.Body = io.NopCloser(bytes.NewReader(body))
		req.ContentLength = int64(len(body))
		if err := s.Sign(req, body); err != nil {
			t.Fatal(err)
		}
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if err := <-results; err != nil {
			t.Errorf("%s: server verification: %v", path, err)
		}
	}
}
