package gtr

import (
	"context"
	"crypto/rand"
	"crypto/sha512"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/vaspkit/vaspkit/internal/rest"
	"github.com/vaspkit/vaspkit/internal/sign"
)

// signedSecretKey returns the signedSecretKey of POST /api/login: the
// lower-case hex SHA-512 of secretKey. It is a plain hash, not an HMAC, and
// carries none of the "SHA2-512(stdin)= " prefix `openssl sha512` prints.
func signedSecretKey(secretKey string) string {
	sum := sha512.Sum512([]byte(secretKey))
	return hex.EncodeToString(sum[:])
}

// sha512Hex is the lower-case hex SHA-512 of s.
func sha512Hex(s string) string {
	sum := sha512.Sum512([]byte(s))
	return hex.EncodeToString(sum[:])
}

// appTokenAlgorithm is the label GTR expects; no HMAC is computed anywhere.
const appTokenAlgorithm = "hmac-sha512"

// appTokenWire is the JSON inside an app token. timestamp travels as a
// string (GTR's docs and its shell and Java generators), expires and
// verifyType as numbers.
type appTokenWire struct {
	SecretToken string          `json:"secretToken"`
	AccessKey   string          `json:"accessKey"`
	Algorithm   string          `json:"algorithm"`
	Nonce       string          `json:"nonce"`
	Timestamp   json.RawMessage `json:"timestamp"`
	Expires     json.RawMessage `json:"expires"`
	VerifyType  json.RawMessage `json:"verifyType"`
}

// newAppToken returns the X-Authorization app token for one request (spec
// §3.2): standard Base64 of {"secretToken", "accessKey", "algorithm",
// "nonce", "timestamp", "expires", "verifyType"}, where
//
//	secretToken = SHA512hex(accessKey|SHA512hex(secretKey+vaspCode)|nonce|timestampMillis|expiresSeconds|1)
//
// A Client made WithAppToken calls it for every attempt. (gtrtest checks
// app tokens with its own code.)
func newAppToken(vaspCode, accessKey, secretKey, nonce string, issued time.Time, expires time.Duration) string {
	ts := strconv.FormatInt(issued.UnixMilli(), 10)
	exp := strconv.FormatInt(int64(expires/time.Second), 10)
	w := appTokenWire{
		SecretToken: appSecretToken(vaspCode, accessKey, secretKey, nonce, ts, exp),
		AccessKey:   accessKey,
		Algorithm:   appTokenAlgorithm,
		Nonce:       nonce,
		Timestamp:   json.RawMessage(strconv.Quote(ts)),
		Expires:     json.RawMessage(exp),
		VerifyType:  json.RawMessage("1"),
	}
	b, _ := json.Marshal(w) // cannot fail: strings and literal numbers
	return base64.StdEncoding.EncodeToString(b)
}

func appSecretToken(vaspCode, accessKey, secretKey, nonce, ts, exp string) string {
	return sha512Hex(accessKey + "|" + sha512Hex(secretKey+vaspCode) + "|" + nonce + "|" + ts + "|" + exp + "|1")
}

// appTokenError is the error of a decoded app token; a constant, so the
// package holds no variable.
type appTokenError string

func (e appTokenError) Error() string { return string(e) }

// errInvalidAppToken reports an app token that does not decode, does not
// match the credentials, or is outside its validity window.
const errInvalidAppToken = appTokenError("gtr: invalid app token")

// appToken is a decoded X-Authorization token, as a server (or a fake)
// sees it. Its secretToken is kept unexported and never printed.
type appToken struct {
	AccessKey  string
	Algorithm  string
	Nonce      string
	Issued     time.Time     // timestamp
	Expires    time.Duration // expires
	VerifyType int

	secretToken string
	ts, exp     string // the decimal texts that were hashed
}

// parseAppToken decodes an app token without checking it. timestamp may be
// a JSON string or number (GTR's generators disagree).
func parseAppToken(token string) (*appToken, error) {
	raw, err := base64.StdEncoding.DecodeString(token)
	if err != nil {
		return nil, fmt.Errorf("%w: not standard Base64", errInvalidAppToken)
	}
	var w appTokenWire
	if err := json.Unmarshal(raw, &w); err != nil {
		return nil, fmt.Errorf("%w: not a JSON object", errInvalidAppToken)
	}
	t := &appToken{AccessKey: w.AccessKey, Algorithm: w.Algorithm, Nonce: w.Nonce, secretToken: w.SecretToken}
	ts, ok1 := numberText(w.Timestamp)
	exp, ok2 := numberText(w.Expires)
	vt, ok3 := numberText(w.VerifyType)
	if !ok1 || !ok2 || !ok3 {
		return nil, fmt.Errorf("%w: timestamp, expires or verifyType is not an integer", errInvalidAppToken)
	}
	ms, _ := strconv.ParseInt(ts, 10, 64)
	secs, _ := strconv.ParseInt(exp, 10, 64)
	v, _ := strconv.Atoi(vt)
	if secs < 0 || secs > int64(24*time.Hour/time.Second) {
		return nil, fmt.Errorf("%w: expires out of range", errInvalidAppToken)
	}
	t.Issued, t.Expires, t.VerifyType = time.UnixMilli(ms), time.Duration(secs)*time.Second, v
	t.ts, t.exp = ts, exp
	return t, nil
}

// numberText returns the decimal text of a JSON integer or of a string
// holding one.
func numberText(raw json.RawMessage) (string, bool) {
	s := string(raw)
	if len(s) >= 2 && s[0] == '"' {
		if json.Unmarshal(raw, &s) != nil {
			return "", false
		}
	}
	if len(s) == 0 || len(s) > 18 || !allDigits(s) {
		return "", false
	}
	return s, true
}

// Verify checks the token against the API key of its AccessKey: the
// secretToken (in constant time), verifyType 1, and that now lies within
// [issued − skew, issued + expires + skew].
func (t *appToken) verify(vaspCode, secretKey string, now time.Time, skew time.Duration) error {
	want := appSecretToken(vaspCode, t.AccessKey, secretKey, t.Nonce, t.ts, t.exp)
	if subtle.ConstantTimeCompare([]byte(want), []byte(t.secretToken)) != 1 {
		return fmt.Errorf("%w: secretToken does not match", errInvalidAppToken)
	}
	if t.VerifyType != 1 {
		return fmt.Errorf("%w: verifyType is not 1", errInvalidAppToken)
	}
	if now.Before(t.Issued.Add(-skew)) || now.After(t.Issued.Add(t.Expires+skew)) {
		return fmt.Errorf("%w: outside its validity window", errInvalidAppToken)
	}
	return nil
}

// String hides the secretToken.
func (t *appToken) String() string {
	return fmt.Sprintf("gtr.AppToken{accessKey: %s, nonce: %s, issued: %s, expires: %s, secretToken: %s}",
		t.AccessKey, t.Nonce, t.Issued.UTC().Format(time.RFC3339), t.Expires, sign.Redacted)
}

// appTokenSigner puts a fresh app token on every attempt.
func appTokenSigner(cr *appTokenCreds, expiry time.Duration, now func() time.Time) rest.Signer {
	return rest.SignerFunc(func(req *http.Request, _ []byte) error {
		nonce, err := newUUID()
		if err != nil {
			return err
		}
		req.Header.Set("X-Authorization", newAppToken(cr.vaspCode, cr.accessKey, cr.secretKey.Reveal(), nonce, now(), expiry))
		return nil
	})
}

// newUUID returns a random lower-case UUIDv4.
func newUUID() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("gtr: random: %w", err)
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	var out [36]byte
	hex.Encode(out[0:8], b[0:4])
	out[8] = '-'
	hex.Encode(out[9:13], b[4:6])
	out[13] = '-'
	hex.Encode(out[14:18], b[6:8])
	out[18] = '-'
	hex.Encode(out[19:23], b[8:10])
	out[23] = '-'
	hex.Encode(out[24:36], b[10:16])
	return string(out[:]), nil
}

const loginPath = "/api/login"

type loginRequest struct {
	VASPCode        string `json:"vaspCode"`
	AccessKey       string `json:"accessKey"`
	SignedSecretKey string `json:"signedSecretKey"`
	ExpireInMinutes int64  `json:"expireInMinutes"`
}

type loginData struct {
	JWT string `json:"jwt"`
}

// login performs POST /api/login with cr through c's pipeline (retry class
// Safe: a repeated login only replaces a session nobody received).
func (c *Client) login(ctx context.Context, cr *loginCreds) (string, time.Duration, error) {
	minutes := int64(c.loginExpiry / time.Minute)
	req := loginRequest{
		VASPCode:        cr.vaspCode,
		AccessKey:       cr.accessKey,
		SignedSecretKey: cr.signedSecretKey.Reveal(),
		ExpireInMinutes: minutes,
	}
	var a answer
	err := fromRest(c.rest.Post(loginPath).JSON(req).Retry(rest.Safe).Into(&a).Do(ctx))
	if err != nil {
		return "", 0, err // the caller wraps it in a *LoginError ("gtr: login: …")
	}
	var d loginData
	if err := json.Unmarshal(a.Data, &d); err != nil || d.JWT == "" {
		return "", 0, &MalformedResponseError{Path: loginPath, Reason: "no jwt in data"}
	}
	c.log(ctx, "gtr: logged in")
	return d.JWT, time.Duration(minutes) * time.Minute, nil
}
