package sign

import (
	"crypto/hmac"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// requestURI returns the request target as it is (or was) on the wire:
// escaped path, "?" and raw query. On the server side it is the raw
// request-target the client sent (req.RequestURI), so a verifier never
// re-encodes what it received; on the client side it is what net/http
// will write (req.URL.RequestURI()).
func requestURI(req *http.Request) string {
	if strings.HasPrefix(req.RequestURI, "/") {
		return req.RequestURI
	}
	return req.URL.RequestURI()
}

// method returns the method net/http sends: "" means GET.
func method(req *http.Request) string {
	if req.Method == "" {
		return http.MethodGet
	}
	return req.Method
}

// checkRequest rejects what cannot be signed without panicking.
func checkRequest(req *http.Request) error {
	if req == nil || req.URL == nil {
		return ErrInvalidRequest
	}
	if req.Header == nil {
		req.Header = make(http.Header)
	}
	return nil
}

// equalHex compares a received hex MAC with the expected raw MAC in
// constant time. Upper- or lower-case hex is accepted; anything that is not
// hex of the right length is a mismatch.
func equalHex(gotHex string, want []byte) bool {
	if len(gotHex) != hex.EncodedLen(len(want)) {
		return false
	}
	got := make([]byte, len(want))
	if _, err := hex.Decode(got, []byte(gotHex)); err != nil {
		return false
	}
	return hmac.Equal(got, want)
}

// parseDecimal parses a non-negative decimal timestamp: digits only, no
// sign, no spaces, at most 19 digits.
func parseDecimal(s string) (int64, bool) {
	if s == "" || len(s) > 19 {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}

// withinSkew reports whether ts is within skew of now; skew <= 0 disables
// the check.
func withinSkew(ts, now time.Time, skew time.Duration) bool {
	if skew <= 0 {
		return true
	}
	d := now.Sub(ts)
	return d <= skew && d >= -skew
}

// concat joins the parts of a string to sign into one buffer, with room
// for a 32-byte suffix, so the MAC sees one Write.
func concat(parts ...string) []byte {
	n := 32
	for _, p := range parts {
		n += len(p)
	}
	b := make([]byte, 0, n)
	for _, p := range parts {
		b = append(b, p...)
	}
	return b
}
