package bech32_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vaspkit/vaspkit/internal/bech32"
)

// BIP-173's test vectors: valid bech32 strings, and invalid ones with the
// reason. The BIP's over-90-character example is left out: this package
// has no length limit.
func TestDecodeBIP173(t *testing.T) {
	t.Parallel()
	valid := []string{
		"A12UEL5L",
		"a12uel5l",
		"an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs",
		"abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
		"11" + strings.Repeat("q", 82) + "c8247j",
		"split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w",
		"?1ezyfcl",
	}
	for _, s := range valid {
		hrp, data, err := bech32.Decode(s)
		if err != nil {
			t.Errorf("Decode(%q): %v", s, err)
			continue
		}
		if got := bech32.Encode(hrp, data); got != strings.ToLower(s) {
			t.Errorf("Encode(Decode(%q)) = %q", s, got)
		}
	}

	tests := []struct {
		name string
		in   string
		want error // a *LexError's Problem, or ErrChecksum
	}{
		{"HRP character out of range 0x20", "\x201nwldj5", &bech32.LexError{Problem: bech32.InvalidChar, Pos: 0, Char: 0x20}},
		{"HRP character out of range 0x7f", "\x7f1axkwrx", &bech32.LexError{Problem: bech32.InvalidChar, Pos: 0, Char: 0x7f}},
		{"HRP character out of range 0x80", "\x801eym55h", &bech32.LexError{Problem: bech32.InvalidChar, Pos: 0, Char: 0x80}},
		{"no separator", "pzry9x0s0muk", &bech32.LexError{Problem: bech32.NoSeparator}},
		{"empty HRP", "1pzry9x0s0muk", &bech32.LexError{Problem: bech32.NoSeparator}},
		{"invalid data character", "x1b4n0q5v", &bech32.LexError{Problem: bech32.NotInCharset, Pos: 2, Char: 'b'}},
		{"too short checksum", "li1dgmt3", &bech32.LexError{Problem: bech32.NoSeparator}},
		{"invalid character in checksum", "de1lg7wt\xff", &bech32.LexError{Problem: bech32.InvalidChar, Pos: 8, Char: 0xff}},
		{"checksum over upper-case HRP", "A1G7SGD8", bech32.ErrChecksum},
		{"empty HRP, 10a06t8", "10a06t8", &bech32.LexError{Problem: bech32.TooShort}},
		{"empty HRP, 1qzzfhee", "1qzzfhee", &bech32.LexError{Problem: bech32.NoSeparator}},
		{"mixed case", "a12UEL5L", &bech32.LexError{Problem: bech32.MixedCase}},
		{"bech32m checksum (BIP-350 A1LQFN3A)", "A1LQFN3A", bech32.ErrChecksum},
		{"empty", "", &bech32.LexError{Problem: bech32.TooShort}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, _, err := bech32.Decode(tc.in)
			if diff := cmp.Diff(tc.want, err, cmp.Comparer(func(a, b error) bool { return a.Error() == b.Error() })); diff != "" {
				t.Errorf("Decode(%q) (-want +got):\n%s", tc.in, diff)
			}
		})
	}
}

func TestBytesAndUint(t *testing.T) {
	t.Parallel()
	// "qqqsyqcyq5rqwzqf" are the groups of 00 01 02 03 04 05 06 07 08 09.
	const s = "qqqsyqcyq5rqwzqf"
	got, ok := bech32.Bytes(s, 0, len(s), false)
	if diff := cmp.Diff([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, got); diff != "" || !ok {
		t.Errorf("Bytes (ok %v) (-want +got):\n%s", ok, diff)
	}
	tests := []struct {
		name   string
		s      string
		pad    bool
		want   []byte
		wantOK bool
	}{
		{"one group, padded", "l", true, []byte{0xf8}, true},
		{"one group, unpadded: 5 bits left", "l", false, []byte{}, false},
		{"two groups, 2 zero bits left", "pq", false, []byte{0x08}, true},
		{"two groups, non-zero bits left", "pp", false, []byte{0x08}, false},
		{"nothing", "", false, []byte{}, true},
	}
	for _, tc := range tests {
		got, ok := bech32.Bytes(tc.s, 0, len(tc.s), tc.pad)
		if diff := cmp.Diff(tc.want, got); diff != "" || ok != tc.wantOK {
			t.Errorf("%s: ok %v want %v (-want +got):\n%s", tc.name, ok, tc.wantOK, diff)
		}
	}
	if diff := cmp.Diff([]byte{0xf8}, bech32.GroupsToBytes([]byte{31})); diff != "" {
		t.Errorf("GroupsToBytes (-want +got):\n%s", diff)
	}
	for _, b := range [][]byte{{}, {0xff}, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, make([]byte, 65)} {
		g := bech32.BytesToGroups(b)
		if want := (len(b)*8 + 4) / 5; len(g) != want {
			t.Errorf("BytesToGroups(%d bytes): %d groups, want %d", len(b), len(g), want)
		}
		if diff := cmp.Diff(b, bech32.GroupsToBytes(g)[:len(b)]); diff != "" {
			t.Errorf("GroupsToBytes(BytesToGroups(%x)) (-want +got):\n%s", b, diff)
		}
	}
	if v, ok := bech32.Uint("pu", 0, 2); v != 1<<5|28 || !ok {
		t.Errorf("Uint(pu) = %d, %v", v, ok)
	}
	if _, ok := bech32.Uint(strings.Repeat("l", 13), 0, 13); ok {
		t.Error("Uint of 65 bits: ok")
	}
	if v, ok := bech32.Uint("p"+strings.Repeat("q", 12), 0, 13); v != 1<<60 || !ok {
		t.Errorf("Uint of 61 bits = %d, %v", v, ok)
	}
}

func TestValueAndQuoteByte(t *testing.T) {
	t.Parallel()
	for i := 0; i < len(bech32.Charset); i++ {
		if bech32.Value(bech32.Charset[i]) != i || bech32.Value(strings.ToUpper(bech32.Charset[i : i+1])[0]) != i {
			t.Errorf("Value(%q) != %d", bech32.Charset[i], i)
		}
	}
	for _, c := range []byte{'1', 'b', 'i', 'o', 'B', ' ', 0} {
		if bech32.Value(c) != -1 {
			t.Errorf("Value(%q) = %d, want -1", c, bech32.Value(c))
		}
	}
	if diff := cmp.Diff([]string{"'a'", "0x20", "0x27", "0xff"},
		[]string{bech32.QuoteByte('a'), bech32.QuoteByte(' '), bech32.QuoteByte('\''), bech32.QuoteByte(0xff)}); diff != "" {
		t.Errorf("QuoteByte (-want +got):\n%s", diff)
	}
}

// referenceDecode is BIP-173's reference decoder (its Python
// bech32_decode, without the 90-character limit), written the plain way:
// the oracle FuzzDecode compares Decode with.
func referenceDecode(bech string) (string, []byte, bool) {
	lower, upper := false, false
	for _, c := range []byte(bech) {
		if c < 33 || c > 126 {
			return "", nil, false
		}
		lower = lower || 'a' <= c && c <= 'z'
		upper = upper || 'A' <= c && c <= 'Z'
	}
	if lower && upper {
		return "", nil, false
	}
	bech = strings.ToLower(bech)
	pos := strings.LastIndex(bech, "1")
	if pos < 1 || pos+7 > len(bech) {
		return "", nil, false
	}
	var data []byte
	for _, c := range []byte(bech[pos+1:]) {
		d := strings.IndexByte(bech32.Charset, c)
		if d < 0 {
			return "", nil, false
		}
		data = append(data, byte(d))
	}
	hrp := bech[:pos]
	var values []byte
	for _, c := range []byte(hrp) {
		values = append(values, c>>5)
	}
	values = append(values, 0)
	for _, c := range []byte(hrp) {
		values = append(values, c&31)
	}
	gen := []uint32{0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3}
	chk := uint32(1)
	for _, v := range append(values, data...) {
		b := chk >> 25
		chk = (chk&0x1ffffff)<<5 ^ uint32(v)
		for i := 0; i < 5; i++ {
			if (b>>i)&1 == 1 {
				chk ^= gen[i]
			}
		}
	}
	if chk != 1 {
		return "", nil, false
	}
	return hrp, data[:len(data)-6], true
}

// FuzzDecode compares Decode with BIP-173's reference decoder: both accept
// the same strings with the same parts, and what Decode accepts encodes
// back to itself (lower-cased).
func FuzzDecode(f *testing.F) {
	// More seeds in testdata/fuzz/FuzzDecode: a Lightning invoice, a
	// bech32m string, mixed case, a bad checksum.
	for _, s := range []string{"", "a12uel5l", "A12UEL5L", "1qzzfhee", "?1ezyfcl", "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		hrp, data, err := bech32.Decode(s)
		wantHRP, wantData, ok := referenceDecode(s)
		if (err == nil) != ok {
			t.Fatalf("Decode(%q): err %v; reference accepts: %v", s, err, ok)
		}
		if err != nil {
			var le *bech32.LexError
			if !errors.As(err, &le) && !errors.Is(err, bech32.ErrChecksum) {
				t.Fatalf("untyped error %T", err)
			}
			return
		}
		if hrp != wantHRP || string(data) != string(wantData) {
			t.Fatalf("Decode(%q) = %q %v; reference %q %v", s, hrp, data, wantHRP, wantData)
		}
		if got := bech32.Encode(hrp, data); got != strings.ToLower(s) {
			t.Fatalf("Encode(Decode(%q)) = %q", s, got)
		}
	})
}
