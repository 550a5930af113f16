package bolt11

import (
	"strconv"
	"strings"
)

// This file holds the package's own light bech32 layer. On the success path
// the string is bech32-decoded once, by zpay32; the package only runs a
// lexical pass (characters, case, separator, alphabet) before it and reads
// 5-bit groups straight from the string afterwards, through charsetRev. The
// checksum is computed here only to explain a failure.

const charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"

// charsetRev maps a character of either case to its 5-bit value, or -1.
var charsetRev = func() (t [256]int8) {
	for i := range t {
		t[i] = -1
	}
	for i := 0; i < len(charset); i++ {
		c := charset[i]
		t[c] = int8(i)
		if 'a' <= c && c <= 'z' {
			t[c-('a'-'A')] = int8(i)
		}
	}
	return t
}()

const (
	checksumLen  = 6   // groups of bech32 checksum
	timestampLen = 7   // groups of the 35-bit timestamp
	signatureLen = 104 // groups of the 65-byte signature
	maxLength    = 7089
)

// layout locates the parts of a lexically valid invoice string s:
// s[:one] is the HRP, s[one+1:sig] the timestamp and tagged fields,
// s[sig:sig+104] the signature and the last 6 characters the checksum.
type layout struct {
	s   string
	one int
	sig int
}

// g returns the 5-bit group at string index i (already checked to be in
// the alphabet).
func (l *layout) g(i int) int { return int(charsetRev[l.s[i]]) }

func (l *layout) fieldsStart() int { return l.one + 1 + timestampLen }

// lastSeparator returns the index of the last '1' in s, or -1.
func lastSeparator(s string) int { return strings.LastIndexByte(s, '1') }

// lex runs the checks zpay32's bech32 decoder runs before the checksum, and
// the data-length check it runs after it, without decoding anything.
func lex(s string) (layout, *Error) {
	if len(s) > maxLength {
		return layout{}, newError(ErrTooLong, "", strconv.Itoa(len(s))+" characters, limit "+strconv.Itoa(maxLength))
	}
	if len(s) < 8 {
		return layout{}, newError(ErrMalformed, "", "shorter than 8 characters")
	}
	var lower, upper bool
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c < 33 || c > 126:
			return layout{}, newError(ErrMalformed, "", "invalid character "+quoteByte(c)+" at position "+strconv.Itoa(i))
		case 'a' <= c && c <= 'z':
			lower = true
		case 'A' <= c && c <= 'Z':
			upper = true
		}
	}
	if lower && upper {
		return layout{}, newError(ErrMixedCase, "", "")
	}
	one := lastSeparator(s)
	if one < 1 || one+1+checksumLen > len(s) {
		return layout{}, newError(ErrMalformed, "", "no separator '1' between a human-readable part and the data")
	}
	for i := one + 1; i < len(s); i++ {
		if charsetRev[s[i]] < 0 {
			return layout{}, newError(ErrMalformed, "", "character "+quoteByte(s[i])+" at position "+strconv.Itoa(i)+" is not in the bech32 alphabet")
		}
	}
	return layout{s: s, one: one, sig: len(s) - checksumLen - signatureLen}, nil
}

// dataLen is the number of 5-bit groups between the separator and the
// checksum.
func (l *layout) dataLen() int { return len(l.s) - l.one - 1 - checksumLen }

// checksumOK verifies the bech32 (not bech32m) checksum.
func (l *layout) checksumOK() bool {
	var p polymod = 1
	hrp := l.s[:l.one]
	for i := 0; i < len(hrp); i++ {
		p.add(lowerASCII(hrp[i]) >> 5)
	}
	p.add(0)
	for i := 0; i < len(hrp); i++ {
		p.add(lowerASCII(hrp[i]) & 31)
	}
	for i := l.one + 1; i < len(l.s); i++ {
		p.add(byte(l.g(i)))
	}
	return p == 1
}

// polymod is the BIP-173 checksum state.
type polymod uint32

var polymodGen = [5]uint32{0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3}

func (p *polymod) add(v byte) {
	b := uint32(*p) >> 25
	x := (uint32(*p)&0x1ffffff)<<5 ^ uint32(v)
	for i := 0; i < 5; i++ {
		if (b>>i)&1 == 1 {
			x ^= polymodGen[i]
		}
	}
	*p = polymod(x)
}

// bytesOf converts n 5-bit groups starting at string index off to bytes.
// Without pad, it fails (false) as bech32.ConvertBits does: when more than
// 4 bits are left over or the left-over bits are not zero.
func (l *layout) bytesOf(off, n int, pad bool) ([]byte, bool) {
	out := make([]byte, 0, n*5/8+1)
	var acc uint32
	var nbits uint
	for i := off; i < off+n; i++ {
		acc = acc<<5 | uint32(l.g(i))
		nbits += 5
		if nbits >= 8 {
			nbits -= 8
			out = append(out, byte(acc>>nbits))
		}
	}
	rest := acc & (1<<nbits - 1)
	if pad && nbits > 0 {
		out = append(out, byte(rest<<(8-nbits)))
		return out, true
	}
	return out, nbits <= 4 && rest == 0
}

// uintOf reads n groups at off as a big-endian number; ok is false when the
// value does not fit in 64 bits.
func (l *layout) uintOf(off, n int) (v uint64, ok bool) {
	for i := off; i < off+n; i++ {
		if v>>59 != 0 {
			return 0, false
		}
		v = v<<5 | uint64(l.g(i))
	}
	return v, true
}
