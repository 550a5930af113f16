package sign

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// Sumsub header names.
const (
	SumsubTokenHeader     = "X-App-Token"
	SumsubTimestampHeader = "X-App-Access-Ts"
	SumsubSignatureHeader = "X-App-Access-Sig"
)

// SumsubMaxSkew is the documented tolerance between X-App-Access-Ts and
// Sumsub's clock ("within 1 minute of the API server time").
const SumsubMaxSkew = time.Minute

// Sumsub signs requests with a Sumsub app token and its secret key. It is
// safe for concurrent use; printing it never shows the credentials.
type Sumsub struct {
	token  Secret
	secret Secret
	now    func() time.Time
}

// NewSumsub returns a Sumsub signer. appToken and secretKey must be
// non-empty; now is the clock (nil means time.Now).
func NewSumsub(appToken, secretKey string, now func() time.Time) (*Sumsub, error) {
	if appToken == "" {
		return nil, fmt.Errorf("%w: app token", ErrEmptyCredential)
	}
	if secretKey == "" {
		return nil, fmt.Errorf("%w: secret key", ErrEmptyCredential)
	}
	if now == nil {
		now = time.Now
	}
	return &Sumsub{token: NewSecret(appToken), secret: NewSecret(secretKey), now: now}, nil
}

// Sign sets X-App-Token, X-App-Access-Ts (Unix seconds) and
// X-App-Access-Sig on req, signing ts + METHOD + request URI (path and
// query exactly as sent) + body. body is the exact bytes that will be sent,
// nil for none. Call it on every attempt: each call takes a fresh
// timestamp and replaces the previous headers.
func (s *Sumsub) Sign(req *http.Request, body []byte) error {
	if err := checkRequest(req); err != nil {
		return err
	}
	ts := strconv.FormatInt(s.now().Unix(), 10)
	sig := SumsubSignature([]byte(s.secret.Reveal()), ts, method(req), requestURI(req), body)
	req.Header.Set(SumsubTokenHeader, s.token.Reveal())
	req.Header.Set(SumsubTimestampHeader, ts)
	req.Header.Set(SumsubSignatureHeader, sig)
	return nil
}

// SumsubSignature returns the X-App-Access-Sig value: lower-case hex
// HMAC-SHA256 keyed with secret over ts + method + pathQuery + body, with
// no separators. pathQuery is the request URI without scheme and host,
// starting with "/", including "?" and the query as sent. A request without
// body passes nil (nothing is appended — not "{}").
func SumsubSignature(secret []byte, ts, method, pathQuery string, body []byte) string {
	return hex.EncodeToString(sumsubMAC(secret, ts, method, pathQuery, body))
}

func sumsubMAC(secret []byte, ts, method, pathQuery string, body []byte) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write(concat(ts, method, pathQuery))
	m.Write(body)
	return m.Sum(nil)
}

// VerifySumsub checks a request as Sumsub's server does, for fakes. body is
// the raw body received. It returns nil or:
//
//   - *HeaderError wrapping ErrMissingHeader when X-App-Token,
//     X-App-Access-Ts or X-App-Access-Sig is absent (Sumsub 401: 4000 for
//     the token, 4006 "missing auth header(s)" for the others);
//   - *HeaderError wrapping ErrMalformedHeader when X-App-Access-Ts is not
//     a decimal integer (4005 "invalid auth header values");
//   - ErrClockSkew when the timestamp is more than skew from now (4004);
//     skew <= 0 disables the check, SumsubMaxSkew is Sumsub's window;
//   - ErrBadSignature when the signature does not match (4003
//     app-token-signature-mismatch).
//
// VerifySumsub does not know which app tokens exist: the caller looks the
// secret up by X-App-Token and answers 4000/4002 itself for an unknown or
// malformed token.
func VerifySumsub(req *http.Request, body, secret []byte, now time.Time, skew time.Duration) error {
	if req == nil || req.URL == nil {
		return ErrInvalidRequest
	}
	for _, h := range []string{SumsubTokenHeader, SumsubTimestampHeader, SumsubSignatureHeader} {
		if req.Header.Get(h) == "" {
			return &HeaderError{Header: h, Err: ErrMissingHeader}
		}
	}
	ts := req.Header.Get(SumsubTimestampHeader)
	sec, ok := parseDecimal(ts)
	if !ok {
		return &HeaderError{Header: SumsubTimestampHeader, Err: ErrMalformedHeader}
	}
	if !withinSkew(time.Unix(sec, 0), now, skew) {
		return ErrClockSkew
	}
	want := sumsubMAC(secret, ts, method(req), requestURI(req), body)
	if !equalHex(req.Header.Get(SumsubSignatureHeader), want) {
		return ErrBadSignature
	}
	return nil
}
