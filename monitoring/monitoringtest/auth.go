package monitoringtest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"time"
)

// Sumsub's app-token headers (https://docs.sumsub.com/reference/authentication).
const (
	headerToken = "X-App-Token"
	headerTs    = "X-App-Access-Ts"
	headerSig   = "X-App-Access-Sig"
)

// defaultMaxSkew is how far X-App-Access-Ts may be from the server's
// clock: "Your timestamp must be within 1 minute of the API server time".
const defaultMaxSkew = time.Minute

// authenticate checks a request the way Sumsub documents, written here
// rather than taken from the client's signer so that a signing bug cannot
// pass its own fake:
//
//   - X-App-Token must be present (else 4000) and known (else 4002);
//   - X-App-Access-Ts and X-App-Access-Sig must be present (else 4006);
//   - X-App-Access-Ts is Unix time in seconds, digits only (else 4005),
//     within the allowed skew of the server's clock (else 4004);
//   - X-App-Access-Sig is the hex HMAC-SHA256, keyed with the token's
//     secret, of the timestamp, the method in upper case, the request
//     target exactly as received (path and query, escaped as sent) and
//     the body bytes as received, concatenated without separators (else
//     4003). Hex of either case is accepted.
func (s *Server) authenticate(r *http.Request, body []byte) (apiError, bool) {
	tok := r.Header.Get(headerToken)
	if tok == "" {
		return errBadToken, false
	}
	secret, ok := s.tokens[tok]
	if !ok {
		return errWrongToken, false
	}
	ts, sig := r.Header.Get(headerTs), r.Header.Get(headerSig)
	if ts == "" || sig == "" {
		return errMissingAuth, false
	}
	sec, ok := unixSeconds(ts)
	if !ok {
		return errBadAuthValue, false
	}
	if s.skew > 0 {
		d := s.now().Sub(time.Unix(sec, 0))
		if d > s.skew || d < -s.skew {
			return errSkew, false
		}
	}
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(ts))
	mac.Write([]byte(r.Method))
	mac.Write([]byte(r.RequestURI))
	mac.Write(body)
	got, err := hex.DecodeString(sig)
	if err != nil || !hmac.Equal(got, mac.Sum(nil)) {
		return errSignature, false
	}
	return apiError{}, true
}

// unixSeconds parses a timestamp of 1 to 19 decimal digits.
func unixSeconds(s string) (int64, bool) {
	if len(s) == 0 || len(s) > 19 {
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
