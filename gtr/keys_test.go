package gtr_test

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/vaspkit/vaspkit/gtr"
)

func piiHexBytes(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// GTR's published demo key pair (spec §12, TV-3).
const (
	piiTV3PrivateKey = "+aIO2lX7wZn4Qh+SQUFKfjyR5snd6AkTqeKKmDIplzY0tCgDQPELNZKsMWBXbHcZTdW9Gb4BCKsBFpIH7SoQLQ=="
	piiTV3PublicKey  = "NLQoA0DxCzWSrDFgV2x3GU3VvRm+AQirARaSB+0qEC0="
	piiTV3PublicHex  = "34b4280340f10b3592ac3160576c77194dd5bd19be0108ab01169207ed2a102d"
)

func TestParseKeyPairGTRVector(t *testing.T) {
	t.Parallel()
	full, err := base64.StdEncoding.DecodeString(piiTV3PrivateKey)
	if err != nil {
		t.Fatal(err)
	}
	wrongPub := append([]byte(nil), full...)
	copy(wrongPub[32:], piiHexBytes(t, strings.Repeat("11", 32)))
	tests := []struct {
		name    string
		in      string
		wantErr string
	}{
		{name: "64-byte seed‖pub, standard", in: piiTV3PrivateKey},
		{name: "64-byte, standard unpadded", in: base64.RawStdEncoding.EncodeToString(full)},
		{name: "64-byte, url-safe padded", in: base64.URLEncoding.EncodeToString(full)},
		{name: "64-byte, url-safe unpadded", in: base64.RawURLEncoding.EncodeToString(full)},
		{name: "32-byte seed, standard", in: base64.StdEncoding.EncodeToString(full[:32])},
		{name: "32-byte seed, url-safe unpadded", in: base64.RawURLEncoding.EncodeToString(full[:32])},
		{name: "64-byte with another public half", in: base64.StdEncoding.EncodeToString(wrongPub), wantErr: "bytes 32..63 are not the public key of the seed"},
		{name: "64-byte, seed changed", in: base64.StdEncoding.EncodeToString(append([]byte{full[0] ^ 1}, full[1:]...)), wantErr: "not the public key of the seed"},
		{name: "the public key given as private", in: piiTV3PublicKey, wantErr: ""}, // 32 bytes: a valid seed of another pair
		{name: "48 bytes", in: base64.StdEncoding.EncodeToString(full[:48]), wantErr: "decodes to 48 bytes, want 32 (seed) or 64 (seed and public key)"},
		{name: "empty", in: "", wantErr: "decodes to 0 bytes"},
		{name: "garbage", in: "-----BEGIN PRIVATE KEY-----", wantErr: "malformed base64"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			kp, err := gtr.ParseKeyPair(tt.in)
			if tt.wantErr != "" {
				if !errors.Is(err, gtr.ErrInvalidKey) || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParseKeyPair error = %v, want gtr.ErrInvalidKey containing %q", err, tt.wantErr)
				}
				if kp != nil {
					t.Error("key pair returned with an error")
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseKeyPair: %v", err)
			}
			if tt.in == piiTV3PublicKey {
				if kp.PublicKey().String() == piiTV3PublicKey {
					t.Error("a public key parsed as a seed gave the same public key")
				}
				return
			}
			if got := kp.PublicKey().String(); got != piiTV3PublicKey {
				t.Errorf("public key = %s, want %s", got, piiTV3PublicKey)
			}
			if pub := kp.PublicKey(); hex.EncodeToString(pub[:]) != piiTV3PublicHex {
				got := hex.EncodeToString(pub[:])
				t.Errorf("public key hex = %s, want %s", got, piiTV3PublicHex)
			}
			if got := kp.ExportPrivateKey(); got != piiTV3PrivateKey {
				t.Errorf("ExportPrivateKey = %s, want GTR's 64-byte form", got)
			}
		})
	}
}

func TestParsePublicKeyForms(t *testing.T) {
	t.Parallel()
	raw := piiHexBytes(t, piiTV3PublicHex)
	tests := []struct {
		name, in, wantErr string
	}{
		{name: "standard padded", in: piiTV3PublicKey},
		{name: "standard unpadded", in: strings.TrimSuffix(piiTV3PublicKey, "=")},
		{name: "url-safe padded", in: base64.URLEncoding.EncodeToString(raw)},
		{name: "url-safe unpadded", in: base64.RawURLEncoding.EncodeToString(raw)},
		{name: "GTR docs sample", in: "0szeNNub/IGoe623JCGD4B4bH8I94FozOeZjv1dKlXQ="},
		{name: "64-byte private key", in: piiTV3PrivateKey, wantErr: "decodes to 64 bytes, want 32"},
		{name: "hex", in: piiTV3PublicHex, wantErr: "decodes to 48 bytes"},
		{name: "empty", in: "", wantErr: "decodes to 0 bytes"},
		{name: "PEM", in: "-----BEGIN PUBLIC KEY-----", wantErr: "malformed base64"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			pk, err := gtr.ParsePublicKey(tt.in)
			if tt.wantErr != "" {
				if !errors.Is(err, gtr.ErrInvalidKey) || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParsePublicKey error = %v, want gtr.ErrInvalidKey containing %q", err, tt.wantErr)
				}
				if !pk.IsZero() {
					t.Error("key returned with an error")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tt.name != "GTR docs sample" && pk.String() != piiTV3PublicKey {
				t.Errorf("String() = %s, want %s", pk, piiTV3PublicKey)
			}
		})
	}
}

func TestPublicKeyText(t *testing.T) {
	t.Parallel()
	pk, err := gtr.ParsePublicKey(piiTV3PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	type doc struct {
		Key gtr.PublicKey `json:"publicKey"`
	}
	b, err := json.Marshal(doc{pk})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"publicKey":"` + piiTV3PublicKey + `"}`; string(b) != want {
		t.Errorf("json = %s, want %s", b, want)
	}
	var back doc
	if err := json.Unmarshal([]byte(`{"publicKey":"`+base64.RawURLEncoding.EncodeToString(pk[:])+`"}`), &back); err != nil {
		t.Fatal(err)
	}
	if back.Key != pk {
		t.Errorf("round trip = %s, want %s", back.Key, pk)
	}
	if err := json.Unmarshal([]byte(`{"publicKey":"AAAA"}`), &back); !errors.Is(err, gtr.ErrInvalidKey) {
		t.Errorf("bad key error = %v, want gtr.ErrInvalidKey", err)
	}
	if (gtr.PublicKey{}).IsZero() != true || pk.IsZero() {
		t.Error("IsZero wrong")
	}
}

func TestGenerateKeyPair(t *testing.T) {
	t.Parallel()
	seed := bytes.Repeat([]byte{0x42}, 32)
	a, err := gtr.GenerateKeyPair(bytes.NewReader(seed))
	if err != nil {
		t.Fatal(err)
	}
	b, err := gtr.ParseKeyPair(base64.StdEncoding.EncodeToString(seed))
	if err != nil {
		t.Fatal(err)
	}
	if a.PublicKey() != b.PublicKey() || a.ExportPrivateKey() != b.ExportPrivateKey() {
		t.Error("GenerateKeyPair from a seed differs from ParseKeyPair of that seed")
	}
	c, err := gtr.ParseKeyPair(a.ExportPrivateKey())
	if err != nil || c.PublicKey() != a.PublicKey() {
		t.Fatalf("ExportPrivateKey does not parse back: %v", err)
	}
	r1, err := gtr.GenerateKeyPair(nil)
	if err != nil {
		t.Fatal(err)
	}
	r2, err := gtr.GenerateKeyPair(nil)
	if err != nil {
		t.Fatal(err)
	}
	if r1.PublicKey() == r2.PublicKey() {
		t.Error("two random key pairs are equal")
	}
	if _, err := gtr.GenerateKeyPair(bytes.NewReader(seed[:31])); err == nil {
		t.Error("GenerateKeyPair with 31 random bytes succeeded")
	}
}

// Examples of the PII API. The key pairs come from fixed seeds so that the
// output is stable; a real service loads its private key from its secret
// store (ParseKeyPair) and the peer's public key from GTR's VASP detail.

func piiDemoKeyPair(seedByte byte) *gtr.KeyPair {
	kp, err := gtr.GenerateKeyPair(bytes.NewReader(bytes.Repeat([]byte{seedByte}, 32)))
	if err != nil {
		panic(err)
	}
	return kp
}

func ExampleParseKeyPair() {
	// The curvePrivateKey column of GTR's api_key.csv (test environment):
	// the 64-byte libsodium secret key seed ‖ public key, in Base64.
	kp, err := gtr.ParseKeyPair("+aIO2lX7wZn4Qh+SQUFKfjyR5snd6AkTqeKKmDIplzY0tCgDQPELNZKsMWBXbHcZTdW9Gb4BCKsBFpIH7SoQLQ==")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(kp.PublicKey())
	fmt.Println(kp) // the private key is never printed
	// Output:
	// NLQoA0DxCzWSrDFgV2x3GU3VvRm+AQirARaSB+0qEC0=
	// gtr.KeyPair{publicKey: NLQoA0DxCzWSrDFgV2x3GU3VvRm+AQirARaSB+0qEC0=, privateKey: [REDACTED]}
}

func ExampleSealPII() {
	originator := piiDemoKeyPair('o')  // our key pair
	beneficiary := piiDemoKeyPair('b') // the counterparty VASP's
	pii := []byte(`{"ivms101":{"Originator":{"originatorPersons":[{"naturalPerson":{"name":{"nameIdentifier":[{"primaryIdentifier":"Howard","secondaryIdentifier":"Jane","nameIdentifierType":"LEGL"}]}}}]}}}`)

	securedPayload, err := gtr.SealPII(pii, originator, beneficiary.PublicKey())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("securedPayload characters:", len(securedPayload)) // Base64 of 24 + 16 + len(pii) bytes

	// The beneficiary opens it with its key pair and our public key ...
	opened, err := gtr.OpenPII(securedPayload, beneficiary, originator.PublicKey())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(opened))

	// ... and so can we: both sides derive the same shared key.
	own, _ := gtr.OpenPII(securedPayload, originator, beneficiary.PublicKey())
	fmt.Println(bytes.Equal(own, pii))

	// Anyone else gets ErrCannotDecrypt (GTR status 200002, cannot decrypt).
	_, err = gtr.OpenPII(securedPayload, piiDemoKeyPair('x'), originator.PublicKey())
	fmt.Println(errors.Is(err, gtr.ErrCannotDecrypt))
	// Output:
	// securedPayload characters: 304
	// {"ivms101":{"Originator":{"originatorPersons":[{"naturalPerson":{"name":{"nameIdentifier":[{"primaryIdentifier":"Howard","secondaryIdentifier":"Jane","nameIdentifierType":"LEGL"}]}}}]}}}
	// true
	// true
}
