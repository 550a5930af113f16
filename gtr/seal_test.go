package gtr

import (
	"bytes"
	"crypto/rand"
	"crypto/sha512"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"math/bits"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/crypto/nacl/box"

	"github.com/vaspkit/vaspkit/internal/pii"
)

// piiVectors is testdata/pii/libsodium_vectors.json, made by
// testdata/pii/libsodium_vectors.py with libsodium, the library GTR's Java
// tools use.
type piiVectors struct {
	Generator string `json:"generator"`
	Keys      []struct {
		Name, Seed, SecretKey, PublicKey, X25519Public, X25519Secret string
	} `json:"keys"`
	Shared []struct{ Mine, Theirs, Key string } `json:"shared"`
	Boxes  []struct {
		Label, From, To, Nonce, Plaintext, SecuredPayload string
	} `json:"boxes"`
	PublicKeyChecks []struct {
		Label, PublicKey, X25519Public string
		LibsodiumAccepts               bool
	} `json:"publicKeyChecks"`
	FieldEncrypt struct{ From, To, SecuredPayload, Plaintext string } `json:"fieldEncrypt"`
	FieldHash    struct {
		Salt   string
		Leaves []struct{ Type, Value, Metadata, Hash string }
	} `json:"fieldHash"`
}

var (
	piiVectorsOnce sync.Once
	piiVectorsData piiVectors
	piiVectorsErr  error
)

func loadPIIVectors(t testing.TB) *piiVectors {
	t.Helper()
	piiVectorsOnce.Do(func() {
		b, err := os.ReadFile("testdata/pii/libsodium_vectors.json")
		if err != nil {
			piiVectorsErr = err
			return
		}
		piiVectorsErr = json.Unmarshal(b, &piiVectorsData)
	})
	if piiVectorsErr != nil {
		t.Fatal(piiVectorsErr)
	}
	return &piiVectorsData
}

// piiKeyPair returns the named key pair of the vectors ("alice", "bob", "gtr-demo").
func piiKeyPair(t testing.TB, name string) *KeyPair {
	t.Helper()
	for _, k := range loadPIIVectors(t).Keys {
		if k.Name == name {
			kp, err := ParseKeyPair(k.SecretKey)
			if err != nil {
				t.Fatal(err)
			}
			return kp
		}
	}
	t.Fatalf("no key %q in the vectors", name)
	return nil
}

func piiHex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestKeysMatchLibsodium(t *testing.T) {
	t.Parallel()
	v := loadPIIVectors(t)
	for _, k := range v.Keys {
		t.Run(k.Name, func(t *testing.T) {
			t.Parallel()
			fromSeed, err := ParseKeyPair(k.Seed)
			if err != nil {
				t.Fatal(err)
			}
			fromSecret, err := ParseKeyPair(k.SecretKey)
			if err != nil {
				t.Fatal(err)
			}
			if fromSeed.PublicKey().String() != k.PublicKey || fromSecret.PublicKey().String() != k.PublicKey {
				t.Errorf("public keys %s / %s, libsodium %s", fromSeed.PublicKey(), fromSecret.PublicKey(), k.PublicKey)
			}
			if got := fromSeed.ExportPrivateKey(); got != k.SecretKey {
				t.Errorf("ExportPrivateKey differs from libsodium's secret key")
			}
			pub := [32]byte(fromSeed.PublicKey())
			xpub, err := pii.PublicToX25519(&pub)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(k.X25519Public, hex.EncodeToString(xpub[:])); diff != "" {
				t.Errorf("X25519 public vs crypto_sign_ed25519_pk_to_curve25519 (-want +got):\n%s", diff)
			}
			xsec := pii.PrivateToX25519(fromSeed.seed())
			if diff := cmp.Diff(k.X25519Secret, hex.EncodeToString(xsec[:])); diff != "" {
				t.Errorf("X25519 secret vs crypto_sign_ed25519_sk_to_curve25519 (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParsePublicKeyAgreesWithLibsodium(t *testing.T) {
	t.Parallel()
	for _, c := range loadPIIVectors(t).PublicKeyChecks {
		t.Run(c.Label, func(t *testing.T) {
			t.Parallel()
			raw := piiHex(t, c.PublicKey)
			pk, err := ParsePublicKey(base64.StdEncoding.EncodeToString(raw))
			if got := err == nil; got != c.LibsodiumAccepts {
				t.Fatalf("ParsePublicKey accepted = %v (err %v), libsodium accepts = %v", got, err, c.LibsodiumAccepts)
			}
			if err != nil {
				if !errors.Is(err, ErrInvalidKey) {
					t.Errorf("error %v is not ErrInvalidKey", err)
				}
				return
			}
			p := [32]byte(pk)
			x, err := pii.PublicToX25519(&p)
			if err != nil {
				t.Fatal(err)
			}
			if got := hex.EncodeToString(x[:]); got != c.X25519Public {
				t.Errorf("X25519 = %s, libsodium %s", got, c.X25519Public)
			}
		})
	}
}

// TestKeyPairRedaction prints a key pair every way a program might and checks
// that no form carries the private key.
func TestKeyPairRedaction(t *testing.T) {
	t.Parallel()
	kp := piiKeyPair(t, "gtr-demo")
	demoPrivateKey, demoPublicKey := kp.ExportPrivateKey(), kp.PublicKey().String()
	peer := piiKeyPair(t, "bob")
	sealer, err := kp.newSealer(peer.PublicKey())
	if err != nil {
		t.Fatal(err)
	}
	full, _ := base64.StdEncoding.DecodeString(demoPrivateKey)
	secrets := []string{
		demoPrivateKey,
		base64.StdEncoding.EncodeToString(full[:32]),
		base64.RawStdEncoding.EncodeToString(full[:32])[:40],
		hex.EncodeToString(full[:32]),
		fmt.Sprint(full[:32]),
		fmt.Sprint(full[:8])[1:20],
		hex.EncodeToString(sealer.key()[:]),
		fmt.Sprint(sealer.key()[:8])[1:20],
	}
	type wrapper struct {
		Name   string
		Key    *KeyPair
		Val    KeyPair
		hidden KeyPair // fmt cannot call methods on unexported fields
		sealer piiSealer
	}
	w := wrapper{Name: "w", Key: kp, Val: *kp, hidden: *kp, sealer: *sealer}
	var outputs []string
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d"} {
		outputs = append(outputs,
			fmt.Sprintf(verb, kp), fmt.Sprintf(verb, *kp), fmt.Sprintf(verb, w), fmt.Sprintf(verb, &w),
			fmt.Sprintf(verb, sealer), fmt.Sprintf(verb, []any{kp, sealer}))
	}
	outputs = append(outputs, kp.text(), fmt.Sprint(kp), fmt.Sprintln(*kp))
	js, err := json.Marshal(w)
	if err != nil {
		t.Fatal(err)
	}
	outputs = append(outputs, string(js))
	var logs bytes.Buffer
	for _, h := range []slog.Handler{slog.NewJSONHandler(&logs, nil), slog.NewTextHandler(&logs, nil)} {
		slog.New(h).Info("pii", "kp", kp, "val", *kp, "w", w, "sealer", sealer)
	}
	outputs = append(outputs, logs.String())
	for _, out := range outputs {
		for _, s := range secrets {
			if strings.Contains(out, s) {
				t.Errorf("output %q contains secret %q", out, s)
			}
		}
	}
	if want := "gtr.KeyPair{publicKey: " + demoPublicKey + ", privateKey: [REDACTED]}"; fmt.Sprintf("%+v", kp) != want {
		t.Errorf("%%+v = %s, want %s", fmt.Sprintf("%+v", kp), want)
	}
	if want := `{"publicKey":"` + demoPublicKey + `","privateKey":"[REDACTED]"}`; !strings.Contains(string(js), want) {
		t.Errorf("json %s does not contain %s", js, want)
	}
	if !strings.Contains(logs.String(), `"kp":{"publicKey":"`+demoPublicKey+`","privateKey":"[REDACTED]"}`) {
		t.Errorf("slog JSON output lacks the redacted group: %s", logs.String())
	}
}

func TestSharedKeysMatchLibsodium(t *testing.T) {
	t.Parallel()
	for _, s := range loadPIIVectors(t).Shared {
		mine, theirs := piiKeyPair(t, s.Mine), piiKeyPair(t, s.Theirs)
		sealer, err := mine.newSealer(theirs.PublicKey())
		if err != nil {
			t.Fatal(err)
		}
		if got := hex.EncodeToString(sealer.key()[:]); got != s.Key {
			t.Errorf("%s→%s: shared key %s, crypto_box_beforenm %s", s.Mine, s.Theirs, got, s.Key)
		}
	}
}

// piiNonceReader returns the given nonces one after the other, then fails.
func piiNonceReader(t testing.TB, hexNonces ...string) *bytes.Reader {
	t.Helper()
	var b []byte
	for _, n := range hexNonces {
		b = append(b, piiHex(t, n)...)
	}
	return bytes.NewReader(b)
}

// TestSealPIIMatchesLibsodium opens payloads that libsodium's
// crypto_box_easy_afternm made, from both ends, and reproduces them byte for
// byte from the same nonce.
func TestSealPIIMatchesLibsodium(t *testing.T) {
	t.Parallel()
	for _, b := range loadPIIVectors(t).Boxes {
		t.Run(b.Label+" "+b.From+"→"+b.To, func(t *testing.T) {
			t.Parallel()
			from, to := piiKeyPair(t, b.From), piiKeyPair(t, b.To)
			want, err := base64.StdEncoding.DecodeString(b.Plaintext)
			if err != nil {
				t.Fatal(err)
			}
			got, err := OpenPII(b.SecuredPayload, to, from.PublicKey())
			if err != nil {
				t.Fatalf("receiver OpenPII: %v", err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("receiver OpenPII (-want +got):\n%s", diff)
			}
			got, err = OpenPII(b.SecuredPayload, from, to.PublicKey())
			if err != nil {
				t.Fatalf("sender OpenPII: %v", err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("sender OpenPII (-want +got):\n%s", diff)
			}
			s, err := from.newSealer(to.PublicKey())
			if err != nil {
				t.Fatal(err)
			}
			s.rand = piiNonceReader(t, b.Nonce)
			sealed, err := s.Seal(want)
			if err != nil {
				t.Fatal(err)
			}
			if sealed != b.SecuredPayload {
				t.Errorf("Seal with libsodium's nonce = %s, libsodium %s", sealed, b.SecuredPayload)
			}
		})
	}
}

// ---------------------------------------------------------------------------
// An independent ed25519_curve25519 written from the specifications alone,
// with math/big for the field arithmetic and no golang.org/x/crypto or
// filippo.io code: the Edwards→Montgomery map (RFC 7748 §4.1), the X25519
// ladder (RFC 7748 §5), Salsa20 and HSalsa20 (Bernstein), Poly1305
// (RFC 8439 §2.5) and NaCl's crypto_box layout (tag ‖ ciphertext).

var (
	refP     = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 255), big.NewInt(19))
	refP1305 = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 130), big.NewInt(5))
)

func refLE(b []byte) *big.Int {
	r := make([]byte, len(b))
	for i := range b {
		r[len(b)-1-i] = b[i]
	}
	return new(big.Int).SetBytes(r)
}

func refPutLE(dst []byte, x *big.Int) {
	b := x.Bytes()
	clear(dst)
	for i := range b {
		if i < len(dst) {
			dst[i] = b[len(b)-1-i]
		}
	}
}

func refMod(x *big.Int) *big.Int { return x.Mod(x, refP) }

func refInv(x *big.Int) *big.Int {
	return new(big.Int).Exp(x, new(big.Int).Sub(refP, big.NewInt(2)), refP)
}

// refEdwardsToMontgomery maps an Ed25519 public key to its X25519 u = (1+y)/(1−y).
func refEdwardsToMontgomery(pub [32]byte) [32]byte {
	pub[31] &= 0x7f
	y := refMod(refLE(pub[:]))
	num := refMod(new(big.Int).Add(big.NewInt(1), y))
	den := refMod(new(big.Int).Sub(big.NewInt(1), y))
	var out [32]byte
	refPutLE(out[:], refMod(new(big.Int).Mul(num, refInv(den))))
	return out
}

// refX25519 is RFC 7748's Montgomery ladder.
func refX25519(k, u [32]byte) [32]byte {
	k[0] &= 248
	k[31] &= 127
	k[31] |= 64
	u[31] &= 127
	x1 := refMod(refLE(u[:]))
	x2, z2, x3, z3 := big.NewInt(1), big.NewInt(0), new(big.Int).Set(x1), big.NewInt(1)
	swap := uint(0)
	a24 := big.NewInt(121665)
	mul := func(a, b *big.Int) *big.Int { return refMod(new(big.Int).Mul(a, b)) }
	add := func(a, b *big.Int) *big.Int { return refMod(new(big.Int).Add(a, b)) }
	sub := func(a, b *big.Int) *big.Int { return refMod(new(big.Int).Sub(a, b)) }
	for t := 254; t >= 0; t-- {
		kt := uint(k[t/8]>>(t%8)) & 1
		if swap^kt == 1 {
			x2, x3, z2, z3 = x3, x2, z3, z2
		}
		swap = kt
		a, b := add(x2, z2), sub(x2, z2)
		aa, bb := mul(a, a), mul(b, b)
		e := sub(aa, bb)
		c, d := add(x3, z3), sub(x3, z3)
		da, cb := mul(d, a), mul(c, b)
		x3 = mul(add(da, cb), add(da, cb))
		z3 = mul(x1, mul(sub(da, cb), sub(da, cb)))
		x2 = mul(aa, bb)
		z2 = mul(e, add(aa, mul(a24, e)))
	}
	if swap == 1 {
		x2, z2 = x3, z3
	}
	var out [32]byte
	refPutLE(out[:], mul(x2, refInv(z2)))
	return out
}

func refQuarter(a, b, c, d *uint32) {
	*b ^= bits.RotateLeft32(*a+*d, 7)
	*c ^= bits.RotateLeft32(*b+*a, 9)
	*d ^= bits.RotateLeft32(*c+*b, 13)
	*a ^= bits.RotateLeft32(*d+*c, 18)
}

// refSalsaState lays out Salsa20's input: constants, key, 16 input bytes.
func refSalsaState(key [32]byte, in [16]byte) [16]uint32 {
	w := func(b []byte) uint32 { return binary.LittleEndian.Uint32(b) }
	return [16]uint32{
		0x61707865, w(key[0:]), w(key[4:]), w(key[8:]),
		w(key[12:]), 0x3320646e, w(in[0:]), w(in[4:]),
		w(in[8:]), w(in[12:]), 0x79622d32, w(key[16:]),
		w(key[20:]), w(key[24:]), w(key[28:]), 0x6b206574,
	}
}

func refRounds(x [16]uint32) [16]uint32 {
	for range 10 {
		refQuarter(&x[0], &x[4], &x[8], &x[12]) // column round
		refQuarter(&x[5], &x[9], &x[13], &x[1])
		refQuarter(&x[10], &x[14], &x[2], &x[6])
		refQuarter(&x[15], &x[3], &x[7], &x[11])
		refQuarter(&x[0], &x[1], &x[2], &x[3]) // row round
		refQuarter(&x[5], &x[6], &x[7], &x[4])
		refQuarter(&x[10], &x[11], &x[8], &x[9])
		refQuarter(&x[15], &x[12], &x[13], &x[14])
	}
	return x
}

func refHSalsa20(key [32]byte, in [16]byte) [32]byte {
	x := refRounds(refSalsaState(key, in))
	var out [32]byte
	for i, j := range []int{0, 5, 10, 15, 6, 7, 8, 9} {
		binary.LittleEndian.PutUint32(out[4*i:], x[j])
	}
	return out
}

// refXSalsa20 returns n bytes of XSalsa20 key stream.
func refXSalsa20(key [32]byte, nonce [24]byte, n int) []byte {
	sub := refHSalsa20(key, [16]byte(nonce[:16]))
	var out []byte
	for ctr := uint64(0); len(out) < n; ctr++ {
		var in [16]byte
		copy(in[:8], nonce[16:])
		binary.LittleEndian.PutUint64(in[8:], ctr)
		s := refSalsaState(sub, in)
		x := refRounds(s)
		for i := range x {
			out = binary.LittleEndian.AppendUint32(out, x[i]+s[i])
		}
	}
	return out[:n]
}

func refPoly1305(msg []byte, key [32]byte) [16]byte {
	rb := key
	rb[3], rb[7], rb[11], rb[15] = rb[3]&15, rb[7]&15, rb[11]&15, rb[15]&15
	rb[4], rb[8], rb[12] = rb[4]&252, rb[8]&252, rb[12]&252
	r, s := refLE(rb[:16]), refLE(key[16:])
	acc := new(big.Int)
	for i := 0; i < len(msg); i += 16 {
		chunk := append(append([]byte(nil), msg[i:min(i+16, len(msg))]...), 1)
		acc.Add(acc, refLE(chunk))
		acc.Mul(acc, r)
		acc.Mod(acc, refP1305)
	}
	acc.Add(acc, s)
	var tag [16]byte
	refPutLE(tag[:], acc.Mod(acc, new(big.Int).Lsh(big.NewInt(1), 128)))
	return tag
}

// refBoxKey is crypto_box_beforenm over Ed25519 keys converted to X25519.
func refBoxKey(mySeed [32]byte, theirEd [32]byte) [32]byte {
	h := sha512.Sum512(mySeed[:])
	return refHSalsa20(refX25519([32]byte(h[:32]), refEdwardsToMontgomery(theirEd)), [16]byte{})
}

func refSealPII(mySeed, theirEd [32]byte, nonce [24]byte, msg []byte) string {
	k := refBoxKey(mySeed, theirEd)
	ks := refXSalsa20(k, nonce, 32+len(msg))
	ct := make([]byte, len(msg))
	for i := range msg {
		ct[i] = msg[i] ^ ks[32+i]
	}
	tag := refPoly1305(ct, [32]byte(ks[:32]))
	return base64.StdEncoding.EncodeToString(append(append(nonce[:], tag[:]...), ct...))
}

func refOpenPII(mySeed, theirEd [32]byte, payload string) ([]byte, error) {
	raw, err := base64.StdEncoding.DecodeString(payload)
	if err != nil || len(raw) < 40 {
		return nil, errors.New("malformed")
	}
	k := refBoxKey(mySeed, theirEd)
	nonce, tag, ct := [24]byte(raw[:24]), raw[24:40], raw[40:]
	ks := refXSalsa20(k, nonce, 32+len(ct))
	if want := refPoly1305(ct, [32]byte(ks[:32])); !bytes.Equal(want[:], tag) {
		return nil, errors.New("bad tag")
	}
	msg := make([]byte, len(ct))
	for i := range ct {
		msg[i] = ct[i] ^ ks[32+i]
	}
	return msg, nil
}

func TestReferenceImplementationVectors(t *testing.T) {
	t.Parallel()
	// RFC 7748 §5.2 and §6.1.
	x := refX25519([32]byte(piiHex(t, "a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4")),
		[32]byte(piiHex(t, "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c")))
	if got, want := hex.EncodeToString(x[:]), "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552"; got != want {
		t.Errorf("refX25519 §5.2 = %s, want %s", got, want)
	}
	alice := [32]byte(piiHex(t, "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"))
	bobPub := [32]byte(piiHex(t, "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"))
	shared := refX25519(alice, bobPub)
	if got, want := hex.EncodeToString(shared[:]), "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742"; got != want {
		t.Errorf("refX25519 §6.1 = %s, want %s", got, want)
	}
	// NaCl's crypto_box_beforenm of the same keys ("Cryptography in NaCl", firstkey).
	k := refHSalsa20(shared, [16]byte{})
	if got, want := hex.EncodeToString(k[:]), "1b27556473e985d462cd51197a9a46c76009549eac6474f206c4ee0844f68389"; got != want {
		t.Errorf("refHSalsa20 = %s, want %s", got, want)
	}
	// RFC 8439 §2.5.2.
	tag := refPoly1305([]byte("Cryptographic Forum Research Group"),
		[32]byte(piiHex(t, "85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b")))
	if got, want := hex.EncodeToString(tag[:]), "a8061dc1305136c6c22b8baf0c0127a9"; got != want {
		t.Errorf("refPoly1305 = %s, want %s", got, want)
	}
	// And against libsodium: the converted keys and shared keys of the vectors.
	v := loadPIIVectors(t)
	for _, key := range v.Keys {
		pub := [32]byte(piiMust(base64.StdEncoding.DecodeString(key.PublicKey)))
		if got := refEdwardsToMontgomery(pub); hex.EncodeToString(got[:]) != key.X25519Public {
			t.Errorf("%s: refEdwardsToMontgomery = %x, libsodium %s", key.Name, got, key.X25519Public)
		}
	}
	for _, s := range v.Shared {
		mine := [32]byte(piiMust(base64.StdEncoding.DecodeString(piiKeyPair(t, s.Mine).ExportPrivateKey()))[:32])
		theirs := [32]byte(piiKeyPair(t, s.Theirs).PublicKey())
		if got := refBoxKey(mine, theirs); hex.EncodeToString(got[:]) != s.Key {
			t.Errorf("%s→%s: refBoxKey = %x, libsodium %s", s.Mine, s.Theirs, got, s.Key)
		}
	}
}

func piiMust[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// TestSealPIIAgainstIndependentImplementation: what SealPII seals, the
// reference opens, and what the reference seals, OpenPII opens — for random
// key pairs and sizes around the Salsa20 and Poly1305 block boundaries.
func TestSealPIIAgainstIndependentImplementation(t *testing.T) {
	t.Parallel()
	sizes := []int{1, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 2048}
	for i, n := range sizes {
		a, err := GenerateKeyPair(nil)
		if err != nil {
			t.Fatal(err)
		}
		b, err := GenerateKeyPair(nil)
		if err != nil {
			t.Fatal(err)
		}
		aSeed, bSeed := *a.seed(), *b.seed()
		msg := make([]byte, n)
		if _, err := rand.Read(msg); err != nil {
			t.Fatal(err)
		}

		sealed, err := SealPII(msg, a, b.PublicKey())
		if err != nil {
			t.Fatal(err)
		}
		got, err := refOpenPII(bSeed, [32]byte(a.PublicKey()), sealed)
		if err != nil {
			t.Fatalf("case %d (n=%d): reference cannot open SealPII output: %v", i, n, err)
		}
		if !bytes.Equal(got, msg) {
			t.Errorf("case %d (n=%d): reference opened different bytes", i, n)
		}

		var nonce [24]byte
		if _, err := rand.Read(nonce[:]); err != nil {
			t.Fatal(err)
		}
		refSealed := refSealPII(aSeed, [32]byte(b.PublicKey()), nonce, msg)
		got, err = OpenPII(refSealed, b, a.PublicKey())
		if err != nil {
			t.Fatalf("case %d (n=%d): OpenPII cannot open the reference's payload: %v", i, n, err)
		}
		if !bytes.Equal(got, msg) {
			t.Errorf("case %d (n=%d): OpenPII opened different bytes", i, n)
		}
		s, err := a.newSealer(b.PublicKey())
		if err != nil {
			t.Fatal(err)
		}
		s.rand = bytes.NewReader(nonce[:])
		if again, err := s.Seal(msg); err != nil || again != refSealed {
			t.Errorf("case %d (n=%d): Seal with the reference's nonce differs (err %v)", i, n, err)
		}
	}
}

// ---------------------------------------------------------------------------

func TestOpenPIIFailures(t *testing.T) {
	t.Parallel()
	alice, bob, eve := piiKeyPair(t, "alice"), piiKeyPair(t, "bob"), piiKeyPair(t, "gtr-demo")
	const secret = `{"name":"Jane Howard, secret"}`
	payload, err := SealPII([]byte(secret), alice, bob.PublicKey())
	if err != nil {
		t.Fatal(err)
	}
	raw := piiMust(base64.StdEncoding.DecodeString(payload))
	alter := func(i int) string {
		b := bytes.Clone(raw)
		b[i] ^= 0x80
		return base64.StdEncoding.EncodeToString(b)
	}
	smallOrder := PublicKey{1} // the identity point
	tests := []struct {
		name    string
		payload string
		mine    *KeyPair
		theirs  PublicKey
		is      error
		want    string
	}{
		{"wrong receiver key", payload, eve, alice.PublicKey(), ErrCannotDecrypt, "authentication failed"},
		{"wrong sender key", payload, bob, eve.PublicKey(), ErrCannotDecrypt, "authentication failed"},
		{"nonce altered", alter(0), bob, alice.PublicKey(), ErrCannotDecrypt, "authentication failed"},
		{"tag altered", alter(30), bob, alice.PublicKey(), ErrCannotDecrypt, "authentication failed"},
		{"ciphertext altered", alter(len(raw) - 1), bob, alice.PublicKey(), ErrCannotDecrypt, "authentication failed"},
		{"truncated by one byte", base64.StdEncoding.EncodeToString(raw[:len(raw)-1]), bob, alice.PublicKey(), ErrCannotDecrypt, "authentication failed"},
		{"extended by one byte", base64.StdEncoding.EncodeToString(append(bytes.Clone(raw), 0)), bob, alice.PublicKey(), ErrCannotDecrypt, "authentication failed"},
		{"nonce and tag only, no ciphertext", base64.StdEncoding.EncodeToString(raw[:40]), bob, alice.PublicKey(), ErrCannotDecrypt, "authentication failed"},
		{"39 bytes", base64.StdEncoding.EncodeToString(raw[:39]), bob, alice.PublicKey(), ErrCannotDecrypt, "decodes to 39 bytes, fewer than the 40"},
		{"one byte", "AA==", bob, alice.PublicKey(), ErrCannotDecrypt, "decodes to 1 bytes"},
		{"not base64", "{not base64}", bob, alice.PublicKey(), ErrCannotDecrypt, "malformed base64 at input byte 0"},
		{"JSON instead of a payload", secret, bob, alice.PublicKey(), ErrCannotDecrypt, "malformed base64"},
		{"empty", "", bob, alice.PublicKey(), ErrEmptyPayload, "empty PII payload"},
		{"too large", strings.Repeat("A", maxReceivedPayloadLen+4), bob, alice.PublicKey(), ErrPayloadTooLarge, "securedPayload is 80004 characters, over the limit of 80000 characters"},
		{"zero peer key", payload, bob, PublicKey{}, ErrInvalidKey, "peer public key"},
		{"small-order peer key", payload, bob, smallOrder, ErrInvalidKey, "small order"},
		{"nil key pair", payload, nil, alice.PublicKey(), ErrInvalidKey, "no key pair"},
		{"zero key pair", payload, &KeyPair{}, alice.PublicKey(), ErrInvalidKey, "no key pair"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := OpenPII(tt.payload, tt.mine, tt.theirs)
			if !errors.Is(err, tt.is) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("OpenPII error = %v, want %v containing %q", err, tt.is, tt.want)
			}
			if got != nil {
				t.Error("plaintext returned with an error")
			}
			for _, leak := range []string{"Jane", "secret", payload[:16]} {
				if strings.Contains(err.Error(), leak) {
					t.Errorf("error %q leaks %q", err, leak)
				}
			}
		})
	}
}

func TestSealPIIFailuresAndLimits(t *testing.T) {
	t.Parallel()
	alice, bob := piiKeyPair(t, "alice"), piiKeyPair(t, "bob")

	atLimit := bytes.Repeat([]byte{'x'}, maxPlaintextLen)
	s, err := SealPII(atLimit, alice, bob.PublicKey())
	if err != nil {
		t.Fatalf("SealPII at the limit: %v", err)
	}
	if len(s) != maxSecuredPayloadLen {
		t.Errorf("payload of %d plaintext bytes has %d characters, want exactly %d", maxPlaintextLen, len(s), maxSecuredPayloadLen)
	}
	if back, err := OpenPII(s, bob, alice.PublicKey()); err != nil || !bytes.Equal(back, atLimit) {
		t.Errorf("round trip at the limit failed: %v", err)
	}

	_, err = SealPII(append(atLimit, 'x'), alice, bob.PublicKey())
	if !errors.Is(err, ErrPayloadTooLarge) {
		t.Fatalf("SealPII over the limit error = %v, want ErrPayloadTooLarge", err)
	}
	if got := err.Error(); got != "gtr: PII plaintext is 44961 bytes, over the limit of 44960 bytes: PII payload too large" {
		t.Errorf("message = %q", got)
	}

	for _, tt := range []struct {
		name   string
		pt     []byte
		mine   *KeyPair
		theirs PublicKey
		is     error
	}{
		{"empty", nil, alice, bob.PublicKey(), ErrEmptyPayload},
		{"zero peer key", []byte("x"), alice, PublicKey{}, ErrInvalidKey},
		{"nil key pair", []byte("x"), nil, bob.PublicKey(), ErrInvalidKey},
	} {
		if _, err := SealPII(tt.pt, tt.mine, tt.theirs); !errors.Is(err, tt.is) {
			t.Errorf("%s: SealPII error = %v, want %v", tt.name, err, tt.is)
		}
	}

	sealer, err := alice.newSealer(bob.PublicKey())
	if err != nil {
		t.Fatal(err)
	}
	var zero piiSealer
	if _, err := zero.Seal([]byte("x")); !errors.Is(err, ErrInvalidKey) {
		t.Errorf("zero Sealer Seal: %v", err)
	}
	if _, err := zero.Open("AAAA"); !errors.Is(err, ErrInvalidKey) {
		t.Errorf("zero Sealer Open: %v", err)
	}
	if _, err := zero.SealDocument([]byte("{}"), JSONFieldEncrypt); !errors.Is(err, ErrInvalidKey) {
		t.Errorf("zero Sealer SealDocument: %v", err)
	}
	if _, err := zero.OpenDocument("{}", JSONFieldEncrypt); !errors.Is(err, ErrInvalidKey) {
		t.Errorf("zero Sealer OpenDocument: %v", err)
	}
	sealer.rand = bytes.NewReader(make([]byte, 5))
	if _, err := sealer.Seal([]byte("x")); err == nil || !strings.Contains(err.Error(), "random nonce") {
		t.Errorf("Seal with a failing nonce source: %v", err)
	}
}

func TestOpenPIIAcceptsBase64Variants(t *testing.T) {
	t.Parallel()
	alice, bob := piiKeyPair(t, "alice"), piiKeyPair(t, "bob")
	msg := []byte(`{"a":"b"}`) // 49 sealed bytes: padded Base64 ends in "="
	payload, err := SealPII(msg, alice, bob.PublicKey())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(payload, "=") || strings.ContainsAny(payload, "-_") {
		t.Fatalf("SealPII piiMust emit standard padded Base64, got %s", payload)
	}
	raw := piiMust(base64.StdEncoding.DecodeString(payload))
	for name, p := range map[string]string{
		"standard padded":   payload,
		"standard unpadded": base64.RawStdEncoding.EncodeToString(raw),
		"url-safe padded":   base64.URLEncoding.EncodeToString(raw),
		"url-safe unpadded": base64.RawURLEncoding.EncodeToString(raw),
		"with line breaks":  payload[:20] + "\r\n" + payload[20:] + "\n",
	} {
		got, err := OpenPII(p, bob, alice.PublicKey())
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !bytes.Equal(got, msg) {
			t.Errorf("%s: opened %q", name, got)
		}
	}
}

func TestSealUsesFreshNonces(t *testing.T) {
	t.Parallel()
	alice, bob := piiKeyPair(t, "alice"), piiKeyPair(t, "bob")
	s, err := alice.newSealer(bob.PublicKey())
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for range 100 {
		p, err := s.Seal([]byte("same plaintext"))
		if err != nil {
			t.Fatal(err)
		}
		nonce := string(piiMust(base64.StdEncoding.DecodeString(p))[:24])
		if seen[nonce] {
			t.Fatal("a nonce repeated")
		}
		seen[nonce] = true
	}
}

// TestSealerConcurrent shares one Sealer between goroutines (run with -race).
func TestSealerConcurrent(t *testing.T) {
	t.Parallel()
	alice, bob := piiKeyPair(t, "alice"), piiKeyPair(t, "bob")
	toBob, err := alice.newSealer(bob.PublicKey())
	if err != nil {
		t.Fatal(err)
	}
	fromAlice, err := bob.newSealer(alice.PublicKey())
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 50 {
				msg := fmt.Appendf(nil, `{"g":%d,"i":%d,"pad":"%s"}`, g, i, strings.Repeat("p", i*13))
				p, err := toBob.Seal(msg)
				if err != nil {
					errs <- err
					return
				}
				got, err := fromAlice.Open(p)
				if err != nil {
					errs <- err
					return
				}
				if !bytes.Equal(got, msg) {
					errs <- fmt.Errorf("goroutine %d message %d: opened other bytes", g, i)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestParseAlgorithm(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		want    secretAlg
		wantErr bool
	}{
		{"ed25519_curve25519", algEd25519Curve25519, false},
		{"ED25519_CURVE25519", algEd25519Curve25519, false},
		{" Ed25519_Curve25519 ", algEd25519Curve25519, false},
		{"KECCAK256", algKeccak256, false},
		{"rsa_ecb_oaep_with_sha1_and_mgf1padding", "rsa_ecb_oaep_with_sha1_and_mgf1padding", true},
		{"ECIES_SECP384R1_TUBITAK", "ecies_secp384r1_tubitak", true},
		{"", "", true},
	}
	for _, tt := range tests {
		got, err := parseAlgorithm(tt.in)
		if got != tt.want || (err != nil) != tt.wantErr {
			t.Errorf("parseAlgorithm(%q) = %q, %v; want %q, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
		if err != nil && !errors.Is(err, ErrUnsupportedAlgorithm) {
			t.Errorf("parseAlgorithm(%q) error %v is not ErrUnsupportedAlgorithm", tt.in, err)
		}
	}
	for in, want := range map[string]string{"ED25519_CURVE25519": "ed25519_curve25519", "Ecies_Secp256r1": "Ecies_Secp256r1"} {
		if got := normalAlgorithm(in); got != want {
			t.Errorf("normalAlgorithm(%q) = %q, want %q", in, got, want)
		}
	}
	if _, err := parseAlgorithm(strings.Repeat("z", 500)); err == nil || len(err.Error()) > 200 {
		t.Errorf("long algorithm name echoed in full: %v", err)
	}
}

// ---------------------------------------------------------------------------
// Benchmarks: the Sealer against the same work done by hand with
// golang.org/x/crypto/nacl/box (shared key precomputed in both, fresh random
// nonce, box.SealAfterPrecomputation, standard Base64).

var piiBenchSink string

func loadBench2KiB(b *testing.B) []byte {
	b.Helper()
	p, err := os.ReadFile("testdata/pii/ivms_gtr_envelope_2kib.json")
	if err != nil {
		b.Fatal(err)
	}
	if len(p) != 2048 {
		b.Fatalf("benchmark payload is %d bytes, want 2048", len(p))
	}
	return p
}

func BenchmarkSealPII2KiB(b *testing.B) {
	payload := loadBench2KiB(b)
	s, err := piiKeyPair(b, "alice").newSealer(piiKeyPair(b, "bob").PublicKey())
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(payload)))
	b.ReportAllocs()
	for b.Loop() {
		out, err := s.Seal(payload)
		if err != nil {
			b.Fatal(err)
		}
		piiBenchSink = out
	}
}

func BenchmarkSealPII2KiBBaseline(b *testing.B) {
	payload := loadBench2KiB(b)
	v := loadPIIVectors(b)
	var xpriv, xpub, key [32]byte
	copy(xpriv[:], piiHex(b, v.Keys[0].X25519Secret)) // alice
	copy(xpub[:], piiHex(b, v.Keys[1].X25519Public))  // bob
	box.Precompute(&key, &xpub, &xpriv)
	b.SetBytes(int64(len(payload)))
	b.ReportAllocs()
	for b.Loop() {
		var nonce [24]byte
		if _, err := rand.Read(nonce[:]); err != nil {
			b.Fatal(err)
		}
		out := make([]byte, 24, 24+box.Overhead+len(payload))
		copy(out, nonce[:])
		out = box.SealAfterPrecomputation(out, payload, &nonce, &key)
		piiBenchSink = base64.StdEncoding.EncodeToString(out)
	}
}

func BenchmarkOpenPII2KiB(b *testing.B) {
	payload := loadBench2KiB(b)
	alice, bob := piiKeyPair(b, "alice"), piiKeyPair(b, "bob")
	sealed, err := SealPII(payload, alice, bob.PublicKey())
	if err != nil {
		b.Fatal(err)
	}
	s, err := bob.newSealer(alice.PublicKey())
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(payload)))
	b.ReportAllocs()
	for b.Loop() {
		out, err := s.Open(sealed)
		if err != nil {
			b.Fatal(err)
		}
		piiBenchSink = string(out[:1])
	}
}

func BenchmarkOpenPII2KiBBaseline(b *testing.B) {
	payload := loadBench2KiB(b)
	alice, bob := piiKeyPair(b, "alice"), piiKeyPair(b, "bob")
	sealed, err := SealPII(payload, alice, bob.PublicKey())
	if err != nil {
		b.Fatal(err)
	}
	v := loadPIIVectors(b)
	var xpriv, xpub, key [32]byte
	copy(xpriv[:], piiHex(b, v.Keys[1].X25519Secret)) // bob
	copy(xpub[:], piiHex(b, v.Keys[0].X25519Public))  // alice
	box.Precompute(&key, &xpub, &xpriv)
	b.SetBytes(int64(len(payload)))
	b.ReportAllocs()
	for b.Loop() {
		raw, err := base64.StdEncoding.DecodeString(sealed)
		if err != nil || len(raw) < 40 {
			b.Fatal("decode")
		}
		out, ok := box.OpenAfterPrecomputation(nil, raw[24:], (*[24]byte)(raw[:24]), &key)
		if !ok {
			b.Fatal("open")
		}
		piiBenchSink = string(out[:1])
	}
}

// BenchmarkSealPIIOneShot is SealPII without a Sealer: key conversion and
// X25519 on every call.
func BenchmarkSealPIIOneShot(b *testing.B) {
	payload := loadBench2KiB(b)
	alice, bobPub := piiKeyPair(b, "alice"), piiKeyPair(b, "bob").PublicKey()
	b.ReportAllocs()
	for b.Loop() {
		out, err := SealPII(payload, alice, bobPub)
		if err != nil {
			b.Fatal(err)
		}
		piiBenchSink = out
	}
}

// ---------------------------------------------------------------------------

// FuzzOpenPII feeds arbitrary securedPayload strings to OpenPII: it piiMust
// never panic, piiMust fail only with the documented errors, never echo the
// input, and anything it opens piiMust re-seal and open to the same bytes.
func FuzzOpenPII(f *testing.F) {
	alice, bob := piiKeyPair(f, "alice"), piiKeyPair(f, "bob")
	for _, b := range loadPIIVectors(f).Boxes {
		if b.From == "alice" && len(b.SecuredPayload) < 400 {
			f.Add(b.SecuredPayload)
		}
	}
	good, err := SealPII([]byte(`{"a":1}`), alice, bob.PublicKey())
	if err != nil {
		f.Fatal(err)
	}
	raw := piiMust(base64.StdEncoding.DecodeString(good))
	f.Add(base64.RawURLEncoding.EncodeToString(raw))
	f.Add(base64.StdEncoding.EncodeToString(raw[:39]))
	f.Add(base64.StdEncoding.EncodeToString(raw[:40]))
	f.Add("")
	f.Add("====")
	f.Add("AA\r\nAA")
	f.Add("-_+/")
	f.Fuzz(func(t *testing.T, payload string) {
		pt, err := OpenPII(payload, bob, alice.PublicKey())
		if err != nil {
			if !errors.Is(err, ErrCannotDecrypt) && !errors.Is(err, ErrEmptyPayload) && !errors.Is(err, ErrPayloadTooLarge) {
				t.Fatalf("OpenPII error %v is none of the documented ones", err)
			}
			if len(payload) >= 8 && strings.Contains(err.Error(), payload) {
				t.Fatalf("error %q echoes the input", err)
			}
			if pt != nil {
				t.Fatal("plaintext returned with an error")
			}
			return
		}
		if dec, derr := pii.DecodeBase64(payload); derr != nil || len(dec) != len(pt)+40 {
			t.Fatalf("opened a payload whose decoded length (%d, %v) is not plaintext+40 (%d)", len(dec), derr, len(pt)+40)
		}
		if len(pt) == 0 {
			return // a genuine empty box; SealPII refuses to make one
		}
		again, err := SealPII(pt, alice, bob.PublicKey())
		if err != nil {
			t.Fatalf("re-seal: %v", err)
		}
		back, err := OpenPII(again, bob, alice.PublicKey())
		if err != nil || !bytes.Equal(back, pt) {
			t.Fatalf("re-sealed plaintext does not open back: %v", err)
		}
	})
}
