package pii

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"

	"golang.org/x/crypto/nacl/box"
)

// ErrOpenFailed reports a sealed payload that cannot be opened: malformed
// Base64, too short, or failing authentication (wrong keys or altered bytes).
var ErrOpenFailed = errors.New("cannot open sealed PII payload")

// SharedKey is the NaCl box key of a key pair and a peer's public key
// (crypto_box_beforenm). Both sides of a pair derive the same key. A
// SharedKey is read-only after Precompute, so it is safe for concurrent use.
type SharedKey [SharedKeySize]byte

// Precompute derives the shared key from an Ed25519 seed and a peer's
// Ed25519 public key: both are converted to X25519, then box.Precompute
// computes HSalsa20(X25519(myPriv, theirPub), 0). The peer key must pass
// CheckPublicKey, which also rules out the low-order points for which X25519
// yields zero.
func Precompute(seed *[32]byte, theirs *[32]byte) (*SharedKey, error) {
	theirX, err := PublicToX25519(theirs)
	if err != nil {
		return nil, err
	}
	myX := PrivateToX25519(seed)
	defer clear(myX[:])
	k := new(SharedKey)
	box.Precompute((*[32]byte)(k), &theirX, &myX)
	return k, nil
}

// SealedLen is the Base64 length of the payload sealing n plaintext bytes.
func SealedLen(n int) int { return base64.StdEncoding.EncodedLen(SealedOverhead + n) }

// scratch buffers hold nonce ‖ tag ‖ ciphertext (never plaintext) between
// sealing and Base64 encoding, so a Seal allocates only its result.
var scratchPool = sync.Pool{New: func() any { b := make([]byte, 0, 4096); return &b }}

const maxPooledScratch = 128 << 10

func getScratch(n int) *[]byte {
	bp := scratchPool.Get().(*[]byte)
	if cap(*bp) < n {
		*bp = make([]byte, 0, n)
	}
	return bp
}

func putScratch(bp *[]byte) {
	if cap(*bp) <= maxPooledScratch {
		*bp = (*bp)[:0]
		scratchPool.Put(bp)
	}
}

// sealRaw appends nonce ‖ tag ‖ ciphertext of plaintext to dst[:0], with a
// fresh nonce read from r (crypto/rand when r is nil).
func (k *SharedKey) sealRaw(dst []byte, r io.Reader, plaintext []byte) ([]byte, error) {
	if r == nil {
		r = rand.Reader
	}
	// Read the nonce straight into dst: a local array handed to an
	// io.Reader would escape to the heap on every call.
	dst = append(dst[:0], make([]byte, NonceSize)...)
	if _, err := io.ReadFull(r, dst); err != nil {
		return nil, fmt.Errorf("reading a random nonce: %w", err)
	}
	nonce := [NonceSize]byte(dst)
	return box.SealAfterPrecomputation(dst, plaintext, &nonce, (*[32]byte)(k)), nil
}

// Seal encrypts plaintext under a fresh random 24-byte nonce read from r
// (crypto/rand when r is nil) and returns Base64Std(nonce ‖ tag ‖ ciphertext).
// It allocates the returned string only.
func (k *SharedKey) Seal(r io.Reader, plaintext []byte) (string, error) {
	bp := getScratch(SealedOverhead + len(plaintext))
	defer putScratch(bp)
	raw, err := k.sealRaw(*bp, r, plaintext)
	if err != nil {
		return "", err
	}
	*bp = raw
	var sb strings.Builder
	sb.Grow(base64.StdEncoding.EncodedLen(len(raw)))
	// Encode through a stack buffer in runs of 768 bytes (a multiple of 3,
	// so the runs concatenate to the Base64 of the whole).
	var chunk [1024]byte
	for len(raw) > 0 {
		n := min(len(raw), 768)
		base64.StdEncoding.Encode(chunk[:], raw[:n])
		sb.Write(chunk[:base64.StdEncoding.EncodedLen(n)])
		raw = raw[n:]
	}
	return sb.String(), nil
}

// AppendSealed is Seal appending the Base64 payload to dst.
func (k *SharedKey) AppendSealed(dst []byte, r io.Reader, plaintext []byte) ([]byte, error) {
	bp := getScratch(SealedOverhead + len(plaintext))
	defer putScratch(bp)
	raw, err := k.sealRaw(*bp, r, plaintext)
	if err != nil {
		return dst, err
	}
	*bp = raw
	return base64.StdEncoding.AppendEncode(dst, raw), nil
}

// Open decodes a Base64 payload (standard or URL-safe, padded or not) and
// opens nonce ‖ tag ‖ ciphertext. Every failure wraps ErrOpenFailed.
func (k *SharedKey) Open(payload string) ([]byte, error) {
	raw, err := DecodeBase64(payload)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrOpenFailed, err)
	}
	return k.OpenRaw(raw)
}

// OpenRaw opens nonce ‖ tag ‖ ciphertext. Every failure wraps ErrOpenFailed.
func (k *SharedKey) OpenRaw(raw []byte) ([]byte, error) {
	if len(raw) < SealedOverhead {
		return nil, fmt.Errorf("%w: payload decodes to %d bytes, fewer than the %d bytes of nonce and tag", ErrOpenFailed, len(raw), SealedOverhead)
	}
	nonce := (*[NonceSize]byte)(raw[:NonceSize])
	out := make([]byte, 0, len(raw)-SealedOverhead)
	out, ok := box.OpenAfterPrecomputation(out, raw[NonceSize:], nonce, (*[32]byte)(k))
	if !ok {
		return nil, fmt.Errorf("%w: authentication failed (wrong key pair, wrong peer key, or altered payload)", ErrOpenFailed)
	}
	return out, nil
}
