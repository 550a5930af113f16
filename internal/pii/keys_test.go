package pii

import (
	"crypto/ed25519"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/crypto/curve25519"
)

// GTR's demo key pair (spec §12, TV-3).
const (
	gtrDemoSecretKey = "+aIO2lX7wZn4Qh+SQUFKfjyR5snd6AkTqeKKmDIplzY0tCgDQPELNZKsMWBXbHcZTdW9Gb4BCKsBFpIH7SoQLQ=="
	gtrDemoPublicKey = "NLQoA0DxCzWSrDFgV2x3GU3VvRm+AQirARaSB+0qEC0="
	gtrDemoPublicHex = "34b4280340f10b3592ac3160576c77194dd5bd19be0108ab01169207ed2a102d"
)

func mustB64(t testing.TB, s string) []byte {
	t.Helper()
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDecodeBase64(t *testing.T) {
	t.Parallel()
	raw := []byte{0xfb, 0xff, 0xfe, 0x01, 0x02} // uses '+', '/' and needs padding
	std := base64.StdEncoding.EncodeToString(raw)
	url := base64.URLEncoding.EncodeToString(raw)
	tests := []struct {
		name    string
		in      string
		want    []byte
		wantErr bool
	}{
		{name: "standard padded", in: std, want: raw},
		{name: "standard unpadded", in: strings.TrimRight(std, "="), want: raw},
		{name: "url-safe padded", in: url, want: raw},
		{name: "url-safe unpadded", in: strings.TrimRight(url, "="), want: raw},
		{name: "line breaks ignored", in: std[:4] + "\r\n" + std[4:] + "\n", want: raw},
		{name: "empty", in: "", want: []byte{}},
		{name: "mixed alphabets", in: "+_" + std[2:], wantErr: true},
		{name: "bad padding", in: std + "=", wantErr: true},
		{name: "padding in the middle", in: "QQ==QQ==", wantErr: true},
		{name: "not base64", in: "héllo", wantErr: true},
		{name: "impossible length", in: "QUJDR", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := DecodeBase64(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("DecodeBase64(%q) error = %v, wantErr %v", tt.in, err, tt.wantErr)
			}
			if tt.wantErr {
				if strings.Contains(err.Error(), tt.in) && tt.in != "" {
					t.Errorf("error %q repeats the input", err)
				}
				return
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("DecodeBase64(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestParsePrivateKey(t *testing.T) {
	t.Parallel()
	full := mustB64(t, gtrDemoSecretKey)
	wantPub, _ := hex.DecodeString(gtrDemoPublicHex)
	corrupt := append([]byte(nil), full...)
	corrupt[63] ^= 1
	tests := []struct {
		name    string
		in      string
		wantErr string // substring; "" means success
	}{
		{name: "64-byte standard", in: gtrDemoSecretKey},
		{name: "32-byte seed", in: base64.StdEncoding.EncodeToString(full[:32])},
		{name: "64-byte url-safe unpadded", in: base64.RawURLEncoding.EncodeToString(full)},
		{name: "32-byte url-safe padded", in: base64.URLEncoding.EncodeToString(full[:32])},
		{name: "public half mismatched", in: base64.StdEncoding.EncodeToString(corrupt), wantErr: "not the public key of the seed"},
		{name: "31 bytes", in: base64.StdEncoding.EncodeToString(full[:31]), wantErr: "decodes to 31 bytes"},
		{name: "33 bytes", in: base64.StdEncoding.EncodeToString(full[:33]), wantErr: "decodes to 33 bytes"},
		{name: "empty", in: "", wantErr: "decodes to 0 bytes"},
		{name: "not base64", in: "not base64!", wantErr: "malformed base64"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			seed, pub, err := ParsePrivateKey(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !errors.Is(err, ErrInvalidKey) {
					t.Fatalf("ParsePrivateKey error = %v, want ErrInvalidKey containing %q", err, tt.wantErr)
				}
				if seed != [32]byte{} || pub != [32]byte{} {
					t.Error("key material returned with an error")
				}
				return
			}
			if err != nil {
				t.Fatalf("ParsePrivateKey: %v", err)
			}
			if diff := cmp.Diff(full[:32], seed[:]); diff != "" {
				t.Errorf("seed (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(wantPub, pub[:]); diff != "" {
				t.Errorf("public key (-want +got):\n%s", diff)
			}
		})
	}
}

func TestPrivateToX25519(t *testing.T) {
	t.Parallel()
	// Independent of the implementation: X25519 of the converted private key
	// with the base point must equal the converted public key (u = (1+y)/(1−y)).
	var seed [32]byte
	copy(seed[:], mustB64(t, gtrDemoSecretKey)[:32])
	x := PrivateToX25519(&seed)
	h := sha512.Sum512(seed[:])
	if x[0]&7 != 0 || x[31]&0x80 != 0 || x[31]&0x40 == 0 {
		t.Errorf("not clamped: % x", x)
	}
	if diff := cmp.Diff(h[1:31], x[1:31]); diff != "" {
		t.Errorf("middle bytes differ from SHA-512(seed) (-want +got):\n%s", diff)
	}
	pub := PublicFromSeed(&seed)
	u, err := PublicToX25519(&pub)
	if err != nil {
		t.Fatal(err)
	}
	got, err := curve25519.X25519(x[:], curve25519.Basepoint)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(u[:], got); diff != "" {
		t.Errorf("X25519(converted private, base) vs converted public (-want +got):\n%s", diff)
	}
}

func TestCheckPublicKey(t *testing.T) {
	t.Parallel()
	var gtr [32]byte
	copy(gtr[:], mustB64(t, gtrDemoPublicKey))
	identity := [32]byte{1}
	orderTwo := [32]byte{0xec, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f}
	var orderEight [32]byte
	b, _ := hex.DecodeString("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a")
	copy(orderEight[:], b)
	nonCanonicalIdentity := orderTwo
	nonCanonicalIdentity[0] = 0xee // y = p + 1
	notOnCurve := [32]byte{2}
	tests := []struct {
		name    string
		key     [32]byte
		wantErr string
	}{
		{name: "GTR demo key", key: gtr},
		{name: "ed25519 generated", key: [32]byte(ed25519.NewKeyFromSeed(make([]byte, 32))[32:])},
		{name: "identity", key: identity, wantErr: "small order"},
		{name: "order 2", key: orderTwo, wantErr: "small order"},
		{name: "order 8", key: orderEight, wantErr: "small order"},
		{name: "non-canonical identity", key: nonCanonicalIdentity, wantErr: "non-canonical"},
		{name: "not on the curve", key: notOnCurve, wantErr: "not a valid Ed25519 point"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := CheckPublicKey(&tt.key)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("CheckPublicKey: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !errors.Is(err, ErrInvalidKey) {
				t.Fatalf("CheckPublicKey error = %v, want ErrInvalidKey containing %q", err, tt.wantErr)
			}
		})
	}
}

func TestParsePublicKey(t *testing.T) {
	t.Parallel()
	want := mustB64(t, gtrDemoPublicKey)
	for _, in := range []string{
		gtrDemoPublicKey,
		strings.TrimRight(gtrDemoPublicKey, "="),
		base64.URLEncoding.EncodeToString(want),
		base64.RawURLEncoding.EncodeToString(want),
	} {
		got, err := ParsePublicKey(in)
		if err != nil {
			t.Fatalf("ParsePublicKey(%q): %v", in, err)
		}
		if diff := cmp.Diff(want, got[:]); diff != "" {
			t.Errorf("ParsePublicKey(%q) (-want +got):\n%s", in, diff)
		}
	}
	for _, in := range []string{"", "AAAA", gtrDemoSecretKey, "!!!"} {
		if _, err := ParsePublicKey(in); !errors.Is(err, ErrInvalidKey) {
			t.Errorf("ParsePublicKey(%q) error = %v, want ErrInvalidKey", in, err)
		}
	}
}

func FuzzParsePublicKey(f *testing.F) {
	f.Add(gtrDemoPublicKey)
	f.Add("0szeNNub/IGoe623JCGD4B4bH8I94FozOeZjv1dKlXQ=")
	f.Add("AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")
	f.Add("7P///////////////////////////////////////38")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		pub, err := ParsePublicKey(s)
		if err != nil {
			if !errors.Is(err, ErrInvalidKey) {
				t.Fatalf("error %v is not ErrInvalidKey", err)
			}
			return
		}
		if _, err := PublicToX25519(&pub); err != nil {
			t.Fatalf("accepted key does not convert: %v", err)
		}
	})
}
