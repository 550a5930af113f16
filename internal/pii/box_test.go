package pii

import (
	"bytes"
	"encoding/base64"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/crypto/nacl/box"
)

// testPair returns the shared keys of two fixed seeds, in both directions.
func testPair(t testing.TB) (ab, ba *SharedKey) {
	t.Helper()
	a, b := [32]byte{1, 2, 3}, [32]byte{4, 5, 6}
	pa, pb := PublicFromSeed(&a), PublicFromSeed(&b)
	ab, err := Precompute(&a, &pb)
	if err != nil {
		t.Fatal(err)
	}
	ba, err = Precompute(&b, &pa)
	if err != nil {
		t.Fatal(err)
	}
	return ab, ba
}

func TestPrecomputeMatchesBoxAndIsSymmetric(t *testing.T) {
	t.Parallel()
	ab, ba := testPair(t)
	if *ab != *ba {
		t.Fatal("the two sides derive different shared keys")
	}
	a, b := [32]byte{1, 2, 3}, [32]byte{4, 5, 6}
	pb := PublicFromSeed(&b)
	xb, err := PublicToX25519(&pb)
	if err != nil {
		t.Fatal(err)
	}
	xa := PrivateToX25519(&a)
	var want [32]byte
	box.Precompute(&want, &xb, &xa)
	if diff := cmp.Diff(want[:], ab[:]); diff != "" {
		t.Errorf("shared key vs box.Precompute (-want +got):\n%s", diff)
	}
}

func TestSealLayout(t *testing.T) {
	t.Parallel()
	ab, ba := testPair(t)
	nonce := bytes.Repeat([]byte{7}, NonceSize)
	msg := []byte(`{"name":"Jane"}`)
	got, err := ab.Seal(bytes.NewReader(nonce), msg)
	if err != nil {
		t.Fatal(err)
	}
	var n [24]byte
	copy(n[:], nonce)
	want := base64.StdEncoding.EncodeToString(box.SealAfterPrecomputation(append([]byte(nil), nonce...), msg, &n, (*[32]byte)(ab)))
	if got != want {
		t.Errorf("Seal = %s, want %s", got, want)
	}
	if len(got) != SealedLen(len(msg)) {
		t.Errorf("len = %d, SealedLen = %d", len(got), SealedLen(len(msg)))
	}
	appended, err := ab.AppendSealed([]byte("x"), bytes.NewReader(nonce), msg)
	if err != nil {
		t.Fatal(err)
	}
	if string(appended) != "x"+want {
		t.Errorf("AppendSealed = %s, want x%s", appended, want)
	}
	pt, err := ba.Open(got)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(msg, pt); diff != "" {
		t.Errorf("Open (-want +got):\n%s", diff)
	}
}

func TestSealSizes(t *testing.T) {
	t.Parallel()
	ab, ba := testPair(t)
	for _, n := range []int{0, 1, 15, 16, 17, 63, 64, 65, 767, 768, 769, 2048, 5000, 44960} {
		msg := bytes.Repeat([]byte{'a'}, n)
		s, err := ab.Seal(nil, msg)
		if err != nil {
			t.Fatal(err)
		}
		if len(s) != SealedLen(n) {
			t.Errorf("n=%d: len = %d, want %d", n, len(s), SealedLen(n))
		}
		pt, err := ba.Open(s)
		if err != nil {
			t.Fatalf("n=%d: %v", n, err)
		}
		if !bytes.Equal(pt, msg) {
			t.Errorf("n=%d: round trip differs", n)
		}
	}
}

func TestOpenFailures(t *testing.T) {
	t.Parallel()
	ab, ba := testPair(t)
	good, err := ab.Seal(nil, []byte("secret PII"))
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := base64.StdEncoding.DecodeString(good)
	flip := func(i int) string {
		b := append([]byte(nil), raw...)
		b[i] ^= 0x01
		return base64.StdEncoding.EncodeToString(b)
	}
	tests := []struct{ name, payload, want string }{
		{"nonce altered", flip(0), "authentication failed"},
		{"tag altered", flip(NonceSize), "authentication failed"},
		{"ciphertext altered", flip(len(raw) - 1), "authentication failed"},
		{"truncated", base64.StdEncoding.EncodeToString(raw[:len(raw)-1]), "authentication failed"},
		{"39 bytes", base64.StdEncoding.EncodeToString(raw[:39]), "decodes to 39 bytes"},
		{"empty", "", "decodes to 0 bytes"},
		{"bad base64", "%%%", "malformed base64"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			pt, err := ba.Open(tt.payload)
			if !errors.Is(err, ErrOpenFailed) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Open error = %v, want ErrOpenFailed containing %q", err, tt.want)
			}
			if pt != nil {
				t.Error("plaintext returned with an error")
			}
			if strings.Contains(err.Error(), "secret") {
				t.Error("error leaks plaintext")
			}
		})
	}
}

func TestSealNonceReadError(t *testing.T) {
	t.Parallel()
	ab, _ := testPair(t)
	if _, err := ab.Seal(bytes.NewReader(make([]byte, 10)), []byte("x")); err == nil {
		t.Fatal("Seal with a short nonce source succeeded")
	}
	if _, err := ab.AppendSealed(nil, bytes.NewReader(nil), []byte("x")); err == nil {
		t.Fatal("AppendSealed with an empty nonce source succeeded")
	}
}
