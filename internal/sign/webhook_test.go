package sign

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"hash"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestSumsubWebhookVector is the published digest vector of
// spec/sumsub.md §7.2 (thrownew/go-sumsub webhook_test.go, also
// andyle182810/gosumsub webhook_unit_test.go), copied verbatim.
func TestSumsubWebhookVector(t *testing.T) {
	t.Parallel()
	const (
		secret = "SoMe_SeCrEt_KeY"
		body   = "someText"
		alg    = "HMAC_SHA1_HEX"
		digest = "f6e92ffe371718694d46e28436f76589312df8db"
	)
	a, err := ParseAlgorithm(alg)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(digest, Digest(a, []byte(secret), []byte(body))); diff != "" {
		t.Errorf("Digest (-want +got):\n%s", diff)
	}
	h := http.Header{}
	h.Set(SumsubDigestHeader, digest)
	h.Set(SumsubDigestAlgHeader, alg)
	checkErr(t, VerifySumsubWebhook([]byte(body), h, []byte(secret)), nil)
}

func TestParseAlgorithm(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want Algorithm
		err  error
	}{
		{"HMAC_SHA1_HEX", SHA1, nil},
		{"HMAC_SHA256_HEX", SHA256, nil},
		{"HMAC_SHA512_HEX", SHA512, nil},
		{"hmac_sha512_hex", SHA512, nil},
		{"", 0, ErrUnknownAlgorithm},
		{"HMAC_SHA384_HEX", 0, ErrUnknownAlgorithm},
		{"SHA256", 0, ErrUnknownAlgorithm},
		{strings.Repeat("X", 1000), 0, ErrUnknownAlgorithm},
	}
	for _, tt := range tests {
		got, err := ParseAlgorithm(tt.in)
		checkErr(t, err, tt.err)
		if got != tt.want {
			t.Errorf("ParseAlgorithm(%.20q) = %v, want %v", tt.in, got, tt.want)
		}
		if err != nil && len(err.Error()) > 100 {
			t.Errorf("error for a long value is %d bytes long, want it truncated", len(err.Error()))
		}
	}
	for _, a := range []Algorithm{SHA1, SHA256, SHA512} {
		if got, err := ParseAlgorithm(a.String()); err != nil || got != a {
			t.Errorf("ParseAlgorithm(%v.String()) = %v, %v", a, got, err)
		}
	}
	if diff := cmp.Diff("Algorithm(9)", Algorithm(9).String()); diff != "" {
		t.Errorf("String of unknown (-want +got):\n%s", diff)
	}
}

// TestDigestMatchesHandComputed checks every algorithm against crypto/hmac
// used directly.
func TestDigestMatchesHandComputed(t *testing.T) {
	t.Parallel()
	key, body := []byte("webhook-secret"), []byte(`{"type":"applicantKytTxnApproved"}`)
	hand := func(h func() hash.Hash) string {
		m := hmac.New(h, key)
		m.Write(body)
		return hex.EncodeToString(m.Sum(nil))
	}
	want := map[Algorithm]string{SHA1: hand(sha1.New), SHA256: hand(sha256.New), SHA512: hand(sha512.New)}
	got := map[Algorithm]string{}
	for a := range want {
		got[a] = Digest(a, key, body)
		checkErr(t, VerifyDigest(a, key, body, got[a]), nil)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Digest (-want +got):\n%s", diff)
	}
	if got := Digest(Algorithm(-1), key, body); got != "" {
		t.Errorf("Digest(unknown) = %q, want \"\"", got)
	}
}

func TestVerifyDigest(t *testing.T) {
	t.Parallel()
	key, body := []byte("k"), []byte("payload")
	good := Digest(SHA512, key, body)
	tests := []struct {
		name string
		alg  Algorithm
		key  []byte
		body []byte
		got  string
		want error
	}{
		{"valid", SHA512, key, body, good, nil},
		{"upper-case hex", SHA512, key, body, strings.ToUpper(good), nil},
		{"empty", SHA512, key, body, "", ErrMissingSignature},
		{"unknown algorithm", Algorithm(42), key, body, good, ErrUnknownAlgorithm},
		{"wrong algorithm", SHA256, key, body, good, ErrBadSignature},
		{"truncated to SHA-256 length", SHA512, key, body, good[:64], ErrBadSignature},
		{"wrong key", SHA512, []byte("K"), body, good, ErrBadSignature},
		{"body with trailing newline", SHA512, key, append(body, '\n'), good, ErrBadSignature},
		{"not hex", SHA512, key, body, strings.Repeat("z", len(good)), ErrBadSignature},
		{"base64 instead of hex", SHA256, key, body, "3q2+7w==", ErrBadSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			checkErr(t, VerifyDigest(tt.alg, tt.key, tt.body, tt.got), tt.want)
		})
	}
}

func TestVerifySumsubWebhook(t *testing.T) {
	t.Parallel()
	secret, body := []byte("wh-secret"), []byte(`{"type":"applicantKytOnHold"}`)
	hdr := func(kv ...string) http.Header {
		h := http.Header{}
		for i := 0; i+1 < len(kv); i += 2 {
			h.Set(kv[i], kv[i+1])
		}
		return h
	}
	tests := []struct {
		name   string
		header http.Header
		want   error
	}{
		{"SHA256 named", hdr(SumsubDigestHeader, Digest(SHA256, secret, body), SumsubDigestAlgHeader, "HMAC_SHA256_HEX"), nil},
		{"SHA512 named", hdr(SumsubDigestHeader, Digest(SHA512, secret, body), SumsubDigestAlgHeader, "HMAC_SHA512_HEX"), nil},
		{"SHA1 named", hdr(SumsubDigestHeader, Digest(SHA1, secret, body), SumsubDigestAlgHeader, "HMAC_SHA1_HEX"), nil},
		{"alg absent means SHA256", hdr(SumsubDigestHeader, Digest(SHA256, secret, body)), nil},
		{"alg absent, SHA512 digest", hdr(SumsubDigestHeader, Digest(SHA512, secret, body)), ErrBadSignature},
		{"SHA512 digest labelled SHA256", hdr(SumsubDigestHeader, Digest(SHA512, secret, body), SumsubDigestAlgHeader, "HMAC_SHA256_HEX"), ErrBadSignature},
		{"unknown alg", hdr(SumsubDigestHeader, Digest(SHA256, secret, body), SumsubDigestAlgHeader, "HMAC_MD5_HEX"), ErrUnknownAlgorithm},
		{"digest absent", hdr(SumsubDigestAlgHeader, "HMAC_SHA256_HEX"), ErrMissingSignature},
		{"nil header", nil, ErrMissingSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			checkErr(t, VerifySumsubWebhook(body, tt.header, secret), tt.want)
		})
	}
}

func TestVerifyStrigaWebhook(t *testing.T) {
	t.Parallel()
	apiKey, apiSecret := []byte("api-key"), []byte("api-secret")
	body := []byte(`{"type":"ON_CHAIN_DEPOSIT_PENDING","id":"1"}`)
	tests := []struct {
		name string
		sig  string
		want error
	}{
		{"keyed with the API key", Digest(SHA256, apiKey, body), nil},
		{"keyed with the API secret", Digest(SHA256, apiSecret, body), ErrBadSignature},
		{"SHA512", Digest(SHA512, apiKey, body), ErrBadSignature},
		{"absent", "", ErrMissingSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := http.Header{}
			if tt.sig != "" {
				h.Set("Signature", tt.sig) // header names are case-insensitive
			}
			checkErr(t, VerifyStrigaWebhook(body, h, apiKey), tt.want)
		})
	}
}
