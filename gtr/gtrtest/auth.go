package gtrtest

import (
	"crypto/rand"
	"crypto/sha512"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// session is the one login session GTR keeps per API key: a second login
// replaces it ("if you login from other session, current session will be
// forced logout").
type session struct {
	token   string
	expires time.Time // zero: never
	expired bool      // Server.ExpireSessions
}

// handleLogin implements POST /api/login (spec §3.1).
func (s *Server) handleLogin(r *http.Request, body []byte) answer {
	if r.Header.Get("Authorization") != "" || r.Header.Get("X-Authorization") != "" {
		return fail(codeBadParameters, "login takes no Authorization header")
	}
	var req loginRequest
	if err := decodeBody(body, &req); err != nil {
		return fail(codeBadParameters, err.Error())
	}
	switch {
	case req.VASPCode == "", req.AccessKey == "", req.SignedSecretKey == "":
		return fail(codeBadParameters, "vaspCode, accessKey and signedSecretKey are required")
	case len(req.VASPCode) > 32 || len(req.AccessKey) > 256:
		return fail(codeBadParameters, "vaspCode or accessKey too long")
	case req.ExpireInMinutes != nil && *req.ExpireInMinutes <= 0:
		return fail(codeBadParameters, "expireInMinutes must be positive")
	}
	// Plain SHA-512 of the secret key, lower-case hex: no HMAC, no
	// "SHA2-512(stdin)= " prefix (spec §3.1, pitfall 6).
	want := sha512Hex(s.secretKey)
	if req.VASPCode != s.cfg.vaspCode || !equal(req.AccessKey, s.accessKey) || !equal(req.SignedSecretKey, want) {
		return fail(codeNoAuth, "invalid vaspCode, accessKey or signedSecretKey")
	}
	now := s.now()
	sess := &session{token: newJWT(req.VASPCode, now)}
	if req.ExpireInMinutes != nil {
		sess.expires = now.Add(time.Duration(*req.ExpireInMinutes) * time.Minute)
	}
	if ttl := s.cfg.tokenTTL; ttl > 0 && (sess.expires.IsZero() || now.Add(ttl).Before(sess.expires)) {
		sess.expires = now.Add(ttl)
	}
	s.mu.Lock()
	s.session = sess
	s.mu.Unlock()
	return ok(loginData{JWT: sess.token, VASPCode: req.VASPCode})
}

// authenticate checks exactly one of Authorization: Bearer <login token>
// and X-Authorization: <app token> (spec §1, §3).
func (s *Server) authenticate(r *http.Request) (answer, bool) {
	bearer, app := r.Header.Get("Authorization"), r.Header.Get("X-Authorization")
	switch {
	case bearer != "" && app != "":
		return fail(codeNoAuth, "Please use one of Authorization or X-Authorization"), false
	case bearer != "":
		return s.checkBearer(bearer)
	case app != "":
		return s.checkAppToken(app)
	}
	return fail(codeNoAuth, "no Authorization or X-Authorization header"), false
}

func (s *Server) checkBearer(h string) (answer, bool) {
	token, found := strings.CutPrefix(h, "Bearer ")
	if !found || token == "" {
		return fail(codeNoAuth, "Authorization must be \"Bearer <jwt>\""), false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	sess := s.session
	switch {
	case sess == nil || !equal(token, sess.token):
		return fail(codeNoLoginSession, "no login session (logged in elsewhere?)"), false
	case sess.expired || (!sess.expires.IsZero() && !s.now().Before(sess.expires)):
		sess.expired = true
		return fail(codeSessionExpired, "session expired"), false
	}
	return answer{}, true
}

// checkAppToken verifies an app token (spec §3.2) independently of package
// gtr's generator.
func (s *Server) checkAppToken(h string) (answer, bool) {
	raw, err := base64.StdEncoding.DecodeString(h)
	if err != nil {
		return fail(codeNoAuth, "X-Authorization is not standard Base64"), false
	}
	var tok appToken
	if err := json.Unmarshal(raw, &tok); err != nil {
		return fail(codeNoAuth, "X-Authorization is not a JSON app token"), false
	}
	ts, err1 := strconv.ParseInt(tok.Timestamp.String(), 10, 64)
	exp, err2 := strconv.ParseInt(tok.Expires.String(), 10, 64)
	switch {
	case err1 != nil || err2 != nil || tok.VerifyType.String() != "1":
		return fail(codeNoAuth, "app token timestamp, expires or verifyType malformed"), false
	case tok.Algorithm != "hmac-sha512":
		return fail(codeNoAuth, "app token algorithm must be hmac-sha512"), false
	case tok.Nonce == "" || !equal(tok.AccessKey, s.accessKey):
		return fail(codeNoAuth, "app token nonce or accessKey invalid"), false
	case ts < 1e12:
		return fail(codeNoAuth, "app token timestamp must be Unix milliseconds"), false
	case exp <= 0:
		return fail(codeNoAuth, "app token expires must be positive seconds"), false
	}
	now := s.now()
	issued := time.UnixMilli(ts)
	skew := s.cfg.appTokenSkew
	if issued.After(now.Add(skew)) || now.After(issued.Add(time.Duration(exp)*time.Second+skew)) {
		return fail(codeSessionExpired, "app token expired or from the future"), false
	}
	hash := sha512Hex(s.secretKey + s.cfg.vaspCode)
	want := sha512Hex(strings.Join([]string{s.accessKey, hash, tok.Nonce, tok.Timestamp.String(), tok.Expires.String(), tok.VerifyType.String()}, "|"))
	if !equal(tok.SecretToken, want) {
		return fail(codeNoAuth, "app token secretToken does not verify"), false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for n, until := range s.nonces { // forget nonces of expired tokens
		if now.After(until) {
			delete(s.nonces, n)
		}
	}
	if _, seen := s.nonces[tok.Nonce]; seen {
		return fail(codeNoAuth, "app token nonce reused"), false
	}
	s.nonces[tok.Nonce] = issued.Add(time.Duration(exp)*time.Second + skew)
	return answer{}, true
}

func sha512Hex(s string) string {
	sum := sha512.Sum512([]byte(s))
	return hex.EncodeToString(sum[:])
}

func equal(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }

// newJWT returns a JWT-shaped opaque token (header.payload.signature).
func newJWT(vaspCode string, now time.Time) string {
	enc := base64.RawURLEncoding
	header := enc.EncodeToString([]byte(`{"alg":"HS512","typ":"JWT"}`))
	payload, _ := json.Marshal(map[string]any{"sub": vaspCode, "iat": now.Unix(), "jti": randomHex(16)})
	return header + "." + enc.EncodeToString(payload) + "." + enc.EncodeToString([]byte(randomHex(32)))
}

// randomKey returns n characters of GTR's API-key alphabet [A-Z1-9].
func randomKey(n int) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ123456789"
	b := make([]byte, n)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
