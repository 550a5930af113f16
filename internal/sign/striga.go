package sign

import (
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Striga header names and constants.
const (
	StrigaAPIKeyHeader        = "api-key"
	StrigaAuthorizationHeader = "Authorization"

	// StrigaBasePath is the prefix of every Striga v1 URL that is not part
	// of the signed endpoint; the sandbox base URL
	// (https://www.sandbox.striga.com/api/v1) carries it.
	StrigaBasePath = "/api/v1"

	// strigaEmptyBody is what a request without body (GET) signs.
	strigaEmptyBody = "{}"
)

// Striga signs requests with a Striga API key and API secret. It is safe
// for concurrent use; printing it never shows the credentials.
type Striga struct {
	key      Secret
	secret   Secret
	basePath string
	now      func() time.Time
}

// NewStriga returns a Striga signer. apiKey and apiSecret must be
// non-empty; now is the clock (nil means time.Now). basePath is the URL
// path prefix removed before signing: "" means StrigaBasePath ("/api/v1"),
// "/" means nothing is removed; otherwise it must start with "/" (a
// trailing "/" is ignored). Sign refuses a request whose path is not under
// basePath, so a base URL without the prefix fails loudly instead of
// producing signatures Striga rejects.
func NewStriga(apiKey, apiSecret, basePath string, now func() time.Time) (*Striga, error) {
	if apiKey == "" {
		return nil, fmt.Errorf("%w: api key", ErrEmptyCredential)
	}
	if apiSecret == "" {
		return nil, fmt.Errorf("%w: api secret", ErrEmptyCredential)
	}
	bp, err := normaliseBasePath(basePath)
	if err != nil {
		return nil, err
	}
	if now == nil {
		now = time.Now
	}
	return &Striga{key: NewSecret(apiKey), secret: NewSecret(apiSecret), basePath: bp, now: now}, nil
}

// Sign sets api-key and "Authorization: HMAC <ms>:<hex>" on req, signing
// ms + METHOD + endpoint + md5hex(body), where endpoint is the request URI
// after the base path and an empty body signs "{}". body is the exact bytes
// that will be sent, nil for none. Call it on every attempt: each call
// takes a fresh timestamp and replaces the previous headers.
func (s *Striga) Sign(req *http.Request, body []byte) error {
	if err := checkRequest(req); err != nil {
		return err
	}
	endpoint, ok := strigaEndpoint(requestURI(req), s.basePath)
	if !ok {
		return fmt.Errorf("%w: path is not under the Striga base path %q", ErrInvalidRequest, s.basePath)
	}
	ms := strconv.FormatInt(s.now().UnixMilli(), 10)
	sig := StrigaSignature([]byte(s.secret.Reveal()), ms, method(req), endpoint, body)
	req.Header.Set(StrigaAPIKeyHeader, s.key.Reveal())
	req.Header.Set(StrigaAuthorizationHeader, "HMAC "+ms+":"+sig)
	return nil
}

// StrigaSignature returns the hex part of Striga's Authorization header:
// lower-case hex HMAC-SHA256 keyed with secret over
// ms + method + endpoint + lower-case hex MD5(body). endpoint is the path
// after /api/v1 (with "?query" if one is sent — Striga does not publish
// whether the query is signed; the SDK sends none). An empty or nil body
// (GET) hashes the two bytes "{}".
func StrigaSignature(secret []byte, ms, method, endpoint string, body []byte) string {
	return hex.EncodeToString(strigaMAC(secret, ms, method, endpoint, body))
}

func strigaMAC(secret []byte, ms, method, endpoint string, body []byte) []byte {
	if len(body) == 0 {
		body = []byte(strigaEmptyBody)
	}
	sum := md5.Sum(body)
	var contentHash [2 * md5.Size]byte
	hex.Encode(contentHash[:], sum[:])
	m := hmac.New(sha256.New, secret)
	m.Write(append(concat(ms, method, endpoint), contentHash[:]...))
	return m.Sum(nil)
}

// VerifyStriga checks a request as Striga's server would, for fakes. body
// is the raw body received; basePath follows NewStriga's rules. It returns
// nil or:
//
//   - ErrInvalidRequest when the path is not under basePath;
//   - *HeaderError wrapping ErrMissingHeader when api-key or Authorization
//     is absent (Striga 30000 Invalid API Key / 30012 Invalid
//     Authentication Header);
//   - *HeaderError wrapping ErrMalformedHeader when Authorization is not
//     "HMAC <ms>:<64 hex>" (30012);
//   - ErrClockSkew when the timestamp is more than skew from now (skew <= 0
//     disables the check; Striga publishes no window);
//   - ErrBadSignature when the signature does not match (30012).
//
// VerifyStriga does not know which API keys exist: the caller looks the
// secret up by the api-key header.
func VerifyStriga(req *http.Request, body, secret []byte, basePath string, now time.Time, skew time.Duration) error {
	if req == nil || req.URL == nil {
		return ErrInvalidRequest
	}
	bp, err := normaliseBasePath(basePath)
	if err != nil {
		return err
	}
	endpoint, ok := strigaEndpoint(requestURI(req), bp)
	if !ok {
		return fmt.Errorf("%w: path is not under the Striga base path %q", ErrInvalidRequest, bp)
	}
	for _, h := range []string{StrigaAPIKeyHeader, StrigaAuthorizationHeader} {
		if req.Header.Get(h) == "" {
			return &HeaderError{Header: http.CanonicalHeaderKey(h), Err: ErrMissingHeader}
		}
	}
	ms, sig, ok := parseStrigaAuthorization(req.Header.Get(StrigaAuthorizationHeader))
	if !ok {
		return &HeaderError{Header: StrigaAuthorizationHeader, Err: ErrMalformedHeader}
	}
	msInt, _ := parseDecimal(ms) // parseStrigaAuthorization checked it
	if !withinSkew(time.UnixMilli(msInt), now, skew) {
		return ErrClockSkew
	}
	if !equalHex(sig, strigaMAC(secret, ms, method(req), endpoint, body)) {
		return ErrBadSignature
	}
	return nil
}

// parseStrigaAuthorization splits "HMAC <ms>:<hex>" into its parts. ms must
// be a decimal integer and hex 64 hex digits.
func parseStrigaAuthorization(v string) (ms, sig string, ok bool) {
	rest, found := strings.CutPrefix(v, "HMAC ")
	if !found {
		return "", "", false
	}
	ms, sig, found = strings.Cut(rest, ":")
	if !found {
		return "", "", false
	}
	if _, ok := parseDecimal(ms); !ok {
		return "", "", false
	}
	if len(sig) != hex.EncodedLen(sha256.Size) {
		return "", "", false
	}
	if _, err := hex.DecodeString(sig); err != nil {
		return "", "", false
	}
	return ms, sig, true
}

// strigaEndpoint removes basePath from uri. The rest must be empty or start
// with "/" or "?", so "/api/v10/x" is not under "/api/v1".
func strigaEndpoint(uri, basePath string) (string, bool) {
	rest, found := strings.CutPrefix(uri, basePath)
	if !found {
		return "", false
	}
	if rest != "" && rest[0] != '/' && rest[0] != '?' {
		return "", false
	}
	return rest, true
}

// normaliseBasePath applies NewStriga's basePath rules.
func normaliseBasePath(p string) (string, error) {
	switch {
	case p == "":
		return StrigaBasePath, nil
	case p[0] != '/':
		return "", fmt.Errorf("%w: must start with \"/\"", ErrInvalidBasePath)
	}
	return strings.TrimRight(p, "/"), nil
}
