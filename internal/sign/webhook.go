package sign

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"hash"
	"net/http"
	"strings"
)

// Webhook header names.
const (
	SumsubDigestHeader           = "X-Payload-Digest"
	SumsubDigestAlgHeader        = "X-Payload-Digest-Alg"
	StrigaWebhookSignatureHeader = "signature"
)

// Algorithm is a webhook digest algorithm: an HMAC rendered as lower-case
// hex. The zero value is SHA256, the algorithm Sumsub assumes when
// X-Payload-Digest-Alg is absent and the one Striga uses.
type Algorithm int

// Digest algorithms, named after Sumsub's X-Payload-Digest-Alg values.
const (
	SHA256 Algorithm = iota // HMAC_SHA256_HEX
	SHA1                    // HMAC_SHA1_HEX
	SHA512                  // HMAC_SHA512_HEX
)

// String returns the Sumsub header value, e.g. "HMAC_SHA256_HEX".
func (a Algorithm) String() string {
	switch a {
	case SHA256:
		return "HMAC_SHA256_HEX"
	case SHA1:
		return "HMAC_SHA1_HEX"
	case SHA512:
		return "HMAC_SHA512_HEX"
	}
	return fmt.Sprintf("Algorithm(%d)", int(a))
}

func (a Algorithm) hash() func() hash.Hash {
	switch a {
	case SHA256:
		return sha256.New
	case SHA1:
		return sha1.New
	case SHA512:
		return sha512.New
	}
	return nil
}

// ParseAlgorithm parses an X-Payload-Digest-Alg value (HMAC_SHA1_HEX,
// HMAC_SHA256_HEX, HMAC_SHA512_HEX; case-insensitive). Anything else,
// including "", is ErrUnknownAlgorithm: the "absent header means SHA256"
// rule belongs to VerifySumsubWebhook, not to the parser.
func ParseAlgorithm(s string) (Algorithm, error) {
	for _, a := range []Algorithm{SHA256, SHA1, SHA512} {
		if strings.EqualFold(s, a.String()) {
			return a, nil
		}
	}
	if len(s) > 32 {
		s = s[:32] + "…"
	}
	return 0, fmt.Errorf("%w: %q", ErrUnknownAlgorithm, s)
}

// Digest returns the lower-case hex HMAC of body keyed with key, as a
// provider would put it in a webhook header. It returns "" for an unknown
// algorithm. Meant for test signers and fakes.
func Digest(alg Algorithm, key, body []byte) string {
	mac := digestMAC(alg, key, body)
	if mac == nil {
		return ""
	}
	return hex.EncodeToString(mac)
}

func digestMAC(alg Algorithm, key, body []byte) []byte {
	h := alg.hash()
	if h == nil {
		return nil
	}
	m := hmac.New(h, key)
	m.Write(body)
	return m.Sum(nil)
}

// VerifyDigest checks gotHex (hex, either case) against the HMAC of body
// keyed with key, in constant time. It returns nil, ErrMissingSignature
// (gotHex empty), ErrUnknownAlgorithm or ErrBadSignature. The error never
// contains the key or the expected digest.
func VerifyDigest(alg Algorithm, key, body []byte, gotHex string) error {
	want := digestMAC(alg, key, body)
	if want == nil {
		return fmt.Errorf("%w: %v", ErrUnknownAlgorithm, alg)
	}
	if gotHex == "" {
		return ErrMissingSignature
	}
	if !equalHex(gotHex, want) {
		return ErrBadSignature
	}
	return nil
}

// VerifySumsubWebhook verifies a Sumsub webhook: X-Payload-Digest is the
// hex HMAC of the raw body keyed with the webhook's secret, with the
// algorithm named by X-Payload-Digest-Alg (SHA256 when that header is
// absent). Pass the body exactly as received, before any JSON parsing.
func VerifySumsubWebhook(body []byte, header http.Header, secret []byte) error {
	got := header.Get(SumsubDigestHeader)
	if got == "" {
		return ErrMissingSignature
	}
	alg := SHA256
	if v := header.Get(SumsubDigestAlgHeader); v != "" {
		var err error
		if alg, err = ParseAlgorithm(v); err != nil {
			return err
		}
	}
	return VerifyDigest(alg, secret, body, got)
}

// VerifyStrigaWebhook verifies a Striga webhook: the "signature" header is
// the hex HMAC-SHA256 of the raw body keyed with the API key (the key, not
// the secret). Pass the body exactly as received; never a re-serialised
// payload.
func VerifyStrigaWebhook(body []byte, header http.Header, apiKey []byte) error {
	got := header.Get(StrigaWebhookSignatureHeader)
	if got == "" {
		return ErrMissingSignature
	}
	return VerifyDigest(SHA256, apiKey, body, got)
}
