package pii

import (
	"crypto/ed25519"
	"crypto/sha512"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"filippo.io/edwards25519"
)

// Key sizes, as in libsodium's crypto_sign_* and crypto_box_*.
const (
	SeedSize       = ed25519.SeedSize       // 32-byte Ed25519 seed
	SecretKeySize  = ed25519.PrivateKeySize // 64-byte seed ‖ public key (libsodium secret key)
	PublicKeySize  = ed25519.PublicKeySize  // 32-byte Ed25519 public key
	X25519KeySize  = 32                     // X25519 private or public key
	SharedKeySize  = 32                     // crypto_box_BEFORENMBYTES
	NonceSize      = 24                     // crypto_box_NONCEBYTES
	TagSize        = 16                     // crypto_box_MACBYTES
	SealedOverhead = NonceSize + TagSize    // bytes added to a plaintext by Seal
)

// ErrInvalidKey reports a private or public key that cannot be used: bad
// Base64, wrong length, a 64-byte secret key whose public half does not match
// its seed, or a public key that is not a valid prime-order Edwards point.
var ErrInvalidKey = errors.New("invalid PII key")

// KeyError describes why a key was rejected. It never holds key bytes.
type KeyError struct {
	Which  string // "private key" or "public key"
	Reason string
}

func (e *KeyError) Error() string { return e.Which + ": " + e.Reason }

// Is reports whether target is ErrInvalidKey.
func (e *KeyError) Is(target error) bool { return target == ErrInvalidKey }

func keyErr(which, format string, args ...any) error {
	return &KeyError{Which: which, Reason: fmt.Sprintf(format, args...)}
}

// DecodeBase64 decodes standard or URL-safe Base64, padded or unpadded.
// Carriage returns and newlines are ignored, as encoding/base64 does.
// The error names only the kind of problem, never the input.
func DecodeBase64(s string) ([]byte, error) {
	padded := strings.HasSuffix(strings.TrimRight(s, "\r\n"), "=")
	std, url := base64.RawStdEncoding, base64.RawURLEncoding
	if padded {
		std, url = base64.StdEncoding, base64.URLEncoding
	}
	// Standard first, as GTR sends it: the common case costs one pass.
	b, err := std.DecodeString(s)
	if err != nil && strings.ContainsAny(s, "-_") {
		b, err = url.DecodeString(s)
	}
	if err != nil {
		var ce base64.CorruptInputError
		if errors.As(err, &ce) {
			return nil, fmt.Errorf("malformed base64 at input byte %d", int64(ce))
		}
		return nil, errors.New("malformed base64")
	}
	return b, nil
}

// ParsePrivateKey decodes a Base64 Ed25519 private key given either as the
// 32-byte seed or as the 64-byte libsodium secret key seed ‖ public key. For
// the 64-byte form the public half must equal the key derived from the seed.
// It returns the seed and the Ed25519 public key.
func ParsePrivateKey(s string) (seed, pub [32]byte, err error) {
	raw, err := DecodeBase64(s)
	if err != nil {
		return seed, pub, keyErr("private key", "%v", err)
	}
	defer clear(raw)
	switch len(raw) {
	case SeedSize, SecretKeySize:
	default:
		return seed, pub, keyErr("private key", "decodes to %d bytes, want %d (seed) or %d (seed and public key)", len(raw), SeedSize, SecretKeySize)
	}
	copy(seed[:], raw[:SeedSize])
	pub = PublicFromSeed(&seed)
	if len(raw) == SecretKeySize && subtle.ConstantTimeCompare(raw[SeedSize:], pub[:]) != 1 {
		clear(seed[:])
		return [32]byte{}, [32]byte{}, keyErr("private key", "bytes 32..63 are not the public key of the seed in bytes 0..31")
	}
	return seed, pub, nil
}

// PublicFromSeed returns the Ed25519 public key of seed.
func PublicFromSeed(seed *[32]byte) [32]byte {
	priv := ed25519.NewKeyFromSeed(seed[:])
	defer clear(priv)
	var pub [32]byte
	copy(pub[:], priv[SeedSize:])
	return pub
}

// PrivateToX25519 converts an Ed25519 seed to the X25519 private key, as
// libsodium's crypto_sign_ed25519_sk_to_curve25519: the first 32 bytes of
// SHA-512(seed), clamped.
func PrivateToX25519(seed *[32]byte) [32]byte {
	h := sha512.Sum512(seed[:])
	var x [32]byte
	copy(x[:], h[:32])
	clear(h[:])
	x[0] &= 248
	x[31] &= 127
	x[31] |= 64
	return x
}

// orderMinusOne is ℓ−1 in little-endian, ℓ = 2^252 + 27742317777372353535851937790883648493.
var orderMinusOne = [32]byte{
	0xec, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
}

// CheckPublicKey reports whether pub is a canonical encoding of an Edwards
// point of prime order ℓ, the only public keys libsodium converts (it rejects
// invalid encodings, small-order points and points outside the prime-order
// subgroup). Non-canonical encodings are rejected too: no key generator
// produces them.
func CheckPublicKey(pub *[32]byte) error {
	p, err := new(edwards25519.Point).SetBytes(pub[:])
	if err != nil {
		return keyErr("public key", "not a valid Ed25519 point")
	}
	if subtle.ConstantTimeCompare(p.Bytes(), pub[:]) != 1 {
		return keyErr("public key", "non-canonical Ed25519 point encoding")
	}
	id := edwards25519.NewIdentityPoint()
	if new(edwards25519.Point).MultByCofactor(p).Equal(id) == 1 {
		return keyErr("public key", "Ed25519 point of small order")
	}
	lm1, err := edwards25519.NewScalar().SetCanonicalBytes(orderMinusOne[:])
	if err != nil { // unreachable: the constant is canonical
		return keyErr("public key", "internal: bad group order constant")
	}
	// [ℓ]P = [ℓ−1]P + P is the identity exactly when P is in the prime-order subgroup.
	q := new(edwards25519.Point).VarTimeDoubleScalarBaseMult(lm1, p, edwards25519.NewScalar())
	if q.Add(q, p).Equal(id) != 1 {
		return keyErr("public key", "Ed25519 point outside the prime-order subgroup")
	}
	return nil
}

// PublicToX25519 converts a checked Ed25519 public key to its X25519 public
// key u = (1+y)/(1−y), as libsodium's crypto_sign_ed25519_pk_to_curve25519.
func PublicToX25519(pub *[32]byte) ([32]byte, error) {
	var u [32]byte
	if err := CheckPublicKey(pub); err != nil {
		return u, err
	}
	p, err := new(edwards25519.Point).SetBytes(pub[:])
	if err != nil { // unreachable after CheckPublicKey
		return u, keyErr("public key", "not a valid Ed25519 point")
	}
	copy(u[:], p.BytesMontgomery())
	return u, nil
}

// ParsePublicKey decodes a Base64 Ed25519 public key (standard or URL-safe,
// padded or not) and checks it with CheckPublicKey.
func ParsePublicKey(s string) ([32]byte, error) {
	var pub [32]byte
	raw, err := DecodeBase64(s)
	if err != nil {
		return pub, keyErr("public key", "%v", err)
	}
	if len(raw) != PublicKeySize {
		return pub, keyErr("public key", "decodes to %d bytes, want %d", len(raw), PublicKeySize)
	}
	copy(pub[:], raw)
	if err := CheckPublicKey(&pub); err != nil {
		return [32]byte{}, err
	}
	return pub, nil
}
