package gtr

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/vaspkit/vaspkit/internal/pii"
)

// Size limits of piiSecuredInfo.securedPayload (spec §5.1).
const (
	// maxSecuredPayloadLen is the longest securedPayload the SDK sends, in
	// characters: GTR's one-step page says "current max of length is 60000
	// bytes". Sealing anything longer fails with ErrPayloadTooLarge.
	maxSecuredPayloadLen = 60000

	// maxPlaintextLen is the largest plaintext SealPII accepts: the Base64 of
	// nonce ‖ tag ‖ ciphertext of 44 960 bytes is exactly 60 000 characters.
	maxPlaintextLen = maxSecuredPayloadLen/4*3 - pii.SealedOverhead

	// maxReceivedPayloadLen is the longest securedPayload the SDK opens, in
	// characters: the PIISecuredInfo type allows up to 80000. Longer input
	// fails with ErrPayloadTooLarge before any decoding.
	maxReceivedPayloadLen = 80000
)

// Errors of PII sealing and opening. Test with errors.Is; messages never hold
// plaintext, ciphertext or key material.
var (
	// ErrCannotDecrypt reports a securedPayload that cannot be opened: bad
	// Base64, shorter than the 40 bytes of nonce and tag, or failing
	// authentication (wrong key pair, wrong peer key, or altered bytes);
	// answer GTR with 200002 (cannot decrypt). An *APIError with 200002
	// (the counterparty could not decrypt our PII) matches it too: usually
	// a stale public key or another algorithm, so fetch VASPDetail again.
	ErrCannotDecrypt = pii.ErrOpenFailed

	// ErrEmptyPayload reports an empty plaintext or securedPayload. GTR's
	// tools pass empty input through unencrypted; the SDK never seals or
	// opens nothing.
	ErrEmptyPayload = errors.New("empty PII payload")

	// ErrPayloadTooLarge reports a payload over one of GTR's documented
	// size limits: a plaintext over 44 960 bytes (its securedPayload would
	// exceed GTR's 60 000 characters) or a received securedPayload over
	// 80 000 characters. The message carries sizes only, never content.
	ErrPayloadTooLarge = errors.New("PII payload too large")

	// ErrUnsupportedAlgorithm reports a secretAlgorithm other than
	// ed25519_curve25519 (and keccak256 for hashing).
	ErrUnsupportedAlgorithm = errors.New("unsupported PII secretAlgorithm")
)

// payloadTooLarge is the ErrPayloadTooLarge of a payload of size units
// (what: "plaintext" or "securedPayload"; unit: "bytes" or "characters").
func payloadTooLarge(what string, size, limit int, unit string) error {
	return fmt.Errorf("gtr: PII %s is %d %s, over the limit of %d %s: %w", what, size, unit, limit, unit, ErrPayloadTooLarge)
}

// secretAlg is a piiSecuredInfo.secretAlgorithm value. GTR's docs write it
// in upper case in prose, but its Java tools match the lower-case wire value
// exactly: the SDK sends the constants as they are and reads any case. GTR
// knows others (RSA, ECIES variants); they are refused with
// ErrUnsupportedAlgorithm.
type secretAlg string

// The algorithms the SDK implements.
const (
	algEd25519Curve25519 secretAlg = "ed25519_curve25519" // NaCl box over Ed25519 keys converted to X25519
	algKeccak256         secretAlg = "keccak256"          // hash only, with JSON_FIELD_HASH
)

// parseAlgorithm reads a secretAlgorithm in any case. It returns the
// lower-case value; for values the SDK does not implement it also returns an
// error that errors.Is(err, ErrUnsupportedAlgorithm), naming the value.
func parseAlgorithm(s string) (secretAlg, error) {
	a := secretAlg(strings.ToLower(strings.TrimSpace(s)))
	switch a {
	case algEd25519Curve25519, algKeccak256:
		return a, nil
	}
	return a, fmt.Errorf("gtr: %w %q (the SDK implements %s)", ErrUnsupportedAlgorithm, truncate(s, 64), algEd25519Curve25519)
}

// truncate shortens an enum value echoed in an error message.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// piiSealer seals and opens PII between our key pair and one peer with the
// NaCl box shared key computed once, for repeated traffic with the same
// VASP. It is immutable and safe for concurrent use. It never prints its
// shared key.
type piiSealer struct {
	key    func() *pii.SharedKey // a closure, for the reason given at KeyPair.seed
	mine   PublicKey
	theirs PublicKey
	rand   io.Reader // nonce source; nil means crypto/rand (tests inject)

	// mine and theirs in Base64, as every one_step sends them
	mineB64, theirsB64 string
}

// newSealer returns a sealer for traffic between k and the peer key theirs. It
// fails with ErrInvalidKey when theirs is not a usable Ed25519 key.
func (k *KeyPair) newSealer(theirs PublicKey) (*piiSealer, error) {
	if k == nil || k.seed == nil {
		return nil, fmt.Errorf("gtr: PII sealer: no key pair (use ParseKeyPair or GenerateKeyPair): %w", ErrInvalidKey)
	}
	t := [32]byte(theirs)
	sk, err := pii.Precompute(k.seed(), &t)
	if err != nil {
		return nil, fmt.Errorf("gtr: PII sealer: peer %w", err)
	}
	return &piiSealer{key: hideSecret(sk), mine: k.pub, theirs: theirs,
		mineB64: k.pub.String(), theirsB64: theirs.String()}, nil
}

// shared returns the shared key, or an error for a sealer not made by
// KeyPair.newSealer (the zero value).
func (s *piiSealer) shared() (*pii.SharedKey, error) {
	if s == nil || s.key == nil {
		return nil, fmt.Errorf("gtr: PII sealer not initialised (use SealPII or OpenPII): %w", ErrInvalidKey)
	}
	return s.key(), nil
}

// PublicKey returns our public key (piiSecuredInfo.initiatorKeyInfo when we
// initiate).
func (s *piiSealer) PublicKey() PublicKey { return s.mine }

// PeerKey returns the peer's public key.
func (s *piiSealer) PeerKey() PublicKey { return s.theirs }

// keyStrings returns PublicKey and PeerKey in standard Base64.
func (s *piiSealer) keyStrings() (mine, theirs string) {
	if s.mineB64 == "" {
		return s.mine.String(), s.theirs.String()
	}
	return s.mineB64, s.theirsB64
}

// String shows both public keys and hides the shared key.
func (s *piiSealer) String() string {
	return "gtr.Sealer{publicKey: " + s.mine.String() + ", peerKey: " + s.theirs.String() + ", sharedKey: " + piiRedacted + "}"
}

// GoString is String.
func (s *piiSealer) GoString() string { return s.String() }

// Format prints String for every verb.
func (s *piiSealer) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, s.String()) }

// Seal encrypts plaintext (the PII JSON as UTF-8 bytes, sent as is) to the
// peer and returns the securedPayload: standard Base64 of a fresh random
// 24-byte nonce ‖ 16-byte Poly1305 tag ‖ XSalsa20 ciphertext. Empty input
// fails with ErrEmptyPayload; over maxPlaintextLen bytes with
// ErrPayloadTooLarge.
func (s *piiSealer) Seal(plaintext []byte) (string, error) {
	if len(plaintext) == 0 {
		return "", fmt.Errorf("gtr: seal PII: %w", ErrEmptyPayload)
	}
	if len(plaintext) > maxPlaintextLen {
		return "", payloadTooLarge("plaintext", len(plaintext), maxPlaintextLen, "bytes")
	}
	k, err := s.shared()
	if err != nil {
		return "", err
	}
	out, err := k.Seal(s.rand, plaintext)
	if err != nil {
		return "", fmt.Errorf("gtr: seal PII: %w", err)
	}
	return out, nil
}

// Open decrypts a securedPayload the peer sealed to us, or we sealed to the
// peer (both sides derive the same key). It accepts standard or URL-safe
// Base64, padded or not. Failures wrap ErrCannotDecrypt; payloads over
// maxReceivedPayloadLen characters fail with ErrPayloadTooLarge.
func (s *piiSealer) Open(securedPayload string) ([]byte, error) {
	if err := checkReceived(securedPayload); err != nil {
		return nil, err
	}
	k, err := s.shared()
	if err != nil {
		return nil, err
	}
	pt, err := k.Open(securedPayload)
	if err != nil {
		return nil, fmt.Errorf("gtr: open PII: %w", err)
	}
	return pt, nil
}

func checkReceived(securedPayload string) error {
	if securedPayload == "" {
		return fmt.Errorf("gtr: open PII: %w", ErrEmptyPayload)
	}
	if len(securedPayload) > maxReceivedPayloadLen {
		return payloadTooLarge("securedPayload", len(securedPayload), maxReceivedPayloadLen, "characters")
	}
	return nil
}

// SealPII seals plaintext from mine to theirs with ed25519_curve25519 and
// returns the securedPayload: standard Base64 of a fresh random 24-byte nonce
// ‖ 16-byte Poly1305 tag ‖ XSalsa20 ciphertext. Empty input fails with
// ErrEmptyPayload; over 44 960 bytes with ErrPayloadTooLarge. The client
// and the callback handler keep one shared key per peer; SealPII computes
// it on every call.
func SealPII(plaintext []byte, mine *KeyPair, theirs PublicKey) (string, error) {
	s, err := mine.newSealer(theirs)
	if err != nil {
		return "", err
	}
	return s.Seal(plaintext)
}

// OpenPII opens a securedPayload exchanged between mine and theirs (both
// sides derive the same key). It accepts standard or URL-safe Base64, padded
// or not. Failures wrap ErrCannotDecrypt; payloads over 80 000 characters fail
// with ErrPayloadTooLarge.
func OpenPII(securedPayload string, mine *KeyPair, theirs PublicKey) ([]byte, error) {
	if err := checkReceived(securedPayload); err != nil {
		return nil, err
	}
	s, err := mine.newSealer(theirs)
	if err != nil {
		return nil, err
	}
	return s.Open(securedPayload)
}

// normalAlgorithm returns a secretAlgorithm the SDK implements in its
// lower-case wire form, and any other value as sent (forward compatible).
func normalAlgorithm(s string) string {
	if a, err := parseAlgorithm(s); err == nil {
		return string(a)
	}
	return s
}
