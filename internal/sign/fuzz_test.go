package sign

import (
	"errors"
	"net/http"
	"net/url"
	"testing"
	"time"
)

// knownErr reports whether err wraps one of the package's sentinels.
func knownErr(err error) bool {
	for _, s := range []error{ErrInvalidRequest, ErrInvalidBasePath, ErrMissingHeader, ErrMalformedHeader,
		ErrClockSkew, ErrBadSignature, ErrMissingSignature, ErrUnknownAlgorithm} {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// FuzzParseStrigaAuthorization: any Authorization value either parses and
// re-renders to itself, or is refused; VerifyStriga never panics on it and
// fails with a sentinel.
func FuzzParseStrigaAuthorization(f *testing.F) {
	f.Add("HMAC 1700000000000:4250db2617af84e49945d6d1643e0200d4d5838d42c56eaa8c047cfec404a6e5")
	f.Add("HMAC 1:")
	f.Add("HMAC :")
	f.Add("Bearer x")
	f.Add("HMAC -1:4250db2617af84e49945d6d1643e0200d4d5838d42c56eaa8c047cfec404a6e5")
	f.Fuzz(func(t *testing.T, v string) {
		ms, sig, ok := parseStrigaAuthorization(v)
		if ok && "HMAC "+ms+":"+sig != v {
			t.Fatalf("parsed %q into %q, %q which do not re-render to it", v, ms, sig)
		}
		req := &http.Request{Method: http.MethodGet, URL: &url.URL{Path: "/api/v1/x"}, Header: http.Header{}}
		req.Header.Set(StrigaAPIKeyHeader, "k")
		req.Header.Set(StrigaAuthorizationHeader, v)
		err := VerifyStriga(req, nil, []byte("s"), "", time.UnixMilli(1700000000000), time.Minute)
		if err == nil || !knownErr(err) {
			t.Fatalf("VerifyStriga(%q) = %v, want a sentinel error", v, err)
		}
	})
}

// FuzzVerifySumsub: arbitrary header values never panic and fail with a
// sentinel; a request the signer signed over an arbitrary path, query and
// body always verifies.
func FuzzVerifySumsub(f *testing.F) {
	f.Add("1700000000", "15cc96be3e65ed8805f374db7f4c49c5723ae2a20eea3159cf0ab7c3badc3ad0", "/resources/accessTokens?userId=a&levelName=b", []byte(nil))
	f.Add("", "", "/", []byte("{}"))
	f.Add("+1700000000", "zz", "/a%2Fb;c=d", []byte(`{"a":1}`))
	f.Add("99999999999999999999", "00", "/x?y=%20", []byte{0xff})
	f.Fuzz(func(t *testing.T, ts, sig, path string, body []byte) {
		at := time.Unix(1700000000, 0)
		req := &http.Request{Method: http.MethodPost, URL: &url.URL{Path: "/x"}, Header: http.Header{}}
		req.Header.Set(SumsubTokenHeader, "tok")
		req.Header.Set(SumsubTimestampHeader, ts)
		req.Header.Set(SumsubSignatureHeader, sig)
		if err := VerifySumsub(req, body, []byte("sec"), at, SumsubMaxSkew); err != nil && !knownErr(err) {
			t.Fatalf("VerifySumsub = %v, want nil or a sentinel error", err)
		}

		u, err := url.Parse("https://api.sumsub.com" + path)
		if err != nil {
			return
		}
		s, _ := NewSumsub("tok", "sec", fixedClock(at))
		signed := &http.Request{Method: http.MethodPost, URL: u, Header: http.Header{}}
		if err := s.Sign(signed, body); err != nil {
			t.Fatalf("Sign: %v", err)
		}
		if err := VerifySumsub(signed, body, []byte("sec"), at, SumsubMaxSkew); err != nil {
			t.Fatalf("a signed request does not verify: %v", err)
		}
	})
}

// FuzzVerifySumsubWebhook: arbitrary digest headers never panic and fail
// with a sentinel; a digest made by Digest always verifies.
func FuzzVerifySumsubWebhook(f *testing.F) {
	f.Add("HMAC_SHA1_HEX", "f6e92ffe371718694d46e28436f76589312df8db", []byte("someText"))
	f.Add("", "", []byte(nil))
	f.Add("HMAC_SHA512_HEX", "F6E9", []byte("{}"))
	f.Add("hmac_sha256_hex", "not hex at all", []byte(`{"type":"applicantKytTxnApproved"}`))
	f.Fuzz(func(t *testing.T, alg, digest string, body []byte) {
		h := http.Header{}
		h.Set(SumsubDigestAlgHeader, alg)
		h.Set(SumsubDigestHeader, digest)
		if err := VerifySumsubWebhook(body, h, []byte("k")); err != nil && !knownErr(err) {
			t.Fatalf("VerifySumsubWebhook = %v, want nil or a sentinel error", err)
		}
		for _, a := range []Algorithm{SHA1, SHA256, SHA512} {
			h.Set(SumsubDigestAlgHeader, a.String())
			h.Set(SumsubDigestHeader, Digest(a, []byte("k"), body))
			if err := VerifySumsubWebhook(body, h, []byte("k")); err != nil {
				t.Fatalf("%v digest of its own body does not verify: %v", a, err)
			}
		}
	})
}
