package gtr

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"io"
	"log/slog"

	"github.com/vaspkit/vaspkit/internal/pii"
)

// ErrInvalidKey reports a PII key that cannot be used: bad Base64, a wrong
// length, a 64-byte private key whose second half is not the public key of
// its seed, or a public key that is not a valid Ed25519 point of prime
// order. The error says which and why, never the key.
var ErrInvalidKey = pii.ErrInvalidKey

// piiRedacted stands for private key material in every printed form of a KeyPair.
const piiRedacted = "[REDACTED]"

// PublicKey is a VASP's Ed25519 PII public key, as GTR publishes it in VASP
// detail (standardInfo.publicKeyInfo.receiverKeyInfo.publicKey) and in
// piiSecuredInfo. The zero value is not a usable key.
type PublicKey [32]byte

// ParsePublicKey decodes a Base64 Ed25519 public key: standard or URL-safe
// alphabet, padded or not. It rejects keys that are not 32 bytes or not a
// canonical Ed25519 point of prime order (libsodium refuses to convert
// those), with an error that errors.Is(err, ErrInvalidKey).
func ParsePublicKey(s string) (PublicKey, error) {
	pub, err := pii.ParsePublicKey(s)
	if err != nil {
		return PublicKey{}, fmt.Errorf("gtr: parse PII %w", err)
	}
	return PublicKey(pub), nil
}

// String returns the key in standard, padded Base64 (44 characters), the
// form GTR sends and expects.
func (p PublicKey) String() string { return base64.StdEncoding.EncodeToString(p[:]) }

// IsZero reports whether p is the zero value (no key).
func (p PublicKey) IsZero() bool { return p == PublicKey{} }

// MarshalText returns the standard Base64 form, so a PublicKey is a JSON string.
func (p PublicKey) MarshalText() ([]byte, error) { return []byte(p.String()), nil }

// UnmarshalText parses a key as ParsePublicKey does.
func (p *PublicKey) UnmarshalText(text []byte) error {
	k, err := ParsePublicKey(string(text))
	if err != nil {
		return err
	}
	*p = k
	return nil
}

// KeyPair is our Ed25519 PII key pair (algorithm ed25519_curve25519). It
// keeps the private key in unexported fields and never prints it: every fmt
// verb (%v, %+v, %#v …), slog and JSON show the public key and
// "[REDACTED]". A KeyPair is immutable and safe for concurrent use.
type KeyPair struct {
	// seed returns the Ed25519 seed, the private key. It is a closure because
	// reflection cannot look inside one: even a KeyPair held in an unexported
	// field of a caller's struct, which fmt prints by reflection without
	// calling Format, shows a function address with every verb, not key bytes.
	seed func() *[32]byte
	pub  PublicKey // Ed25519 public key of the seed
}

// hideSecret wraps secret material in a closure (see KeyPair.seed).
func hideSecret[T any](p *T) func() *T { return func() *T { return p } }

// ParseKeyPair decodes a Base64 Ed25519 private key (standard or URL-safe,
// padded or not) in either form GTR uses: the 32-byte seed, or the 64-byte
// libsodium secret key seed ‖ public key (the curvePrivateKey column of
// GTR's api_key.csv). A 64-byte key whose second half is not the public key
// of its seed is rejected: it is corrupt or mismatched.
func ParseKeyPair(privateKeyBase64 string) (*KeyPair, error) {
	seed, pub, err := pii.ParsePrivateKey(privateKeyBase64)
	if err != nil {
		return nil, fmt.Errorf("gtr: parse PII %w", err)
	}
	return &KeyPair{seed: hideSecret(&seed), pub: PublicKey(pub)}, nil
}

// GenerateKeyPair creates a key pair from 32 bytes of r (crypto/rand when r
// is nil). Register kp.PublicKey() with GTR and store kp.ExportPrivateKey()
// as a secret.
func GenerateKeyPair(r io.Reader) (*KeyPair, error) {
	if r == nil {
		r = rand.Reader
	}
	seed := new([32]byte)
	if _, err := io.ReadFull(r, seed[:]); err != nil {
		return nil, fmt.Errorf("gtr: generate PII key pair: %w", err)
	}
	return &KeyPair{seed: hideSecret(seed), pub: PublicKey(pii.PublicFromSeed(seed))}, nil
}

// PublicKey returns the Ed25519 public key to publish to GTR and to put in
// piiSecuredInfo.initiatorKeyInfo / receiverKeyInfo.
func (k *KeyPair) PublicKey() PublicKey {
	if k == nil {
		return PublicKey{}
	}
	return k.pub
}

// ExportPrivateKey returns the private key as standard Base64 of the 64-byte
// seed ‖ public key, the form GTR's tools generate and ParseKeyPair reads.
// It is a secret: store it as one.
func (k *KeyPair) ExportPrivateKey() string {
	if k == nil || k.seed == nil {
		return ""
	}
	var b [64]byte
	copy(b[:32], k.seed()[:])
	copy(b[32:], k.pub[:])
	s := base64.StdEncoding.EncodeToString(b[:])
	clear(b[:])
	return s
}

// text is "gtr.KeyPair{publicKey: <base64>, privateKey: [REDACTED]}".
func (k KeyPair) text() string {
	return "gtr.KeyPair{publicKey: " + k.pub.String() + ", privateKey: " + piiRedacted + "}"
}

// Format prints "gtr.KeyPair{publicKey: <base64>, privateKey: [REDACTED]}"
// for every verb, so no fmt verb (%v, %+v, %#v, %x, %s, %d …) reaches the
// private key.
func (k KeyPair) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, k.text()) }

// LogValue logs the public key and "[REDACTED]".
func (k KeyPair) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("publicKey", k.pub.String()),
		slog.String("privateKey", piiRedacted),
	)
}

// MarshalJSON returns {"publicKey":"<base64>","privateKey":"[REDACTED]"}.
// Use ExportPrivateKey to store the key.
func (k KeyPair) MarshalJSON() ([]byte, error) {
	return []byte(`{"publicKey":"` + k.pub.String() + `","privateKey":"` + piiRedacted + `"}`), nil
}
