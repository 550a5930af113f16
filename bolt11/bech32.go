package bolt11

import (
	"strconv"

	"github.com/vaspkit/vaspkit/internal/bech32"
)

// This file holds the package's light bech32 layer, over the shared reader
// internal/bech32. On the success path the string is bech32-decoded once,
// by zpay32; the package only runs a lexical pass (characters, case,
// separator, alphabet) before it and reads 5-bit groups straight from the
// string afterwards. The checksum is computed here only to explain a
// failure.

const (
	checksumLen  = bech32.ChecksumLen // groups of bech32 checksum
	timestampLen = 7                  // groups of the 35-bit timestamp
	signatureLen = 104                // groups of the 65-byte signature
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
func (l *layout) g(i int) int { return bech32.Value(l.s[i]) }

func (l *layout) fieldsStart() int { return l.one + 1 + timestampLen }

// lastSeparator returns the index of the last '1' in s, or -1.
func lastSeparator(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '1' {
			return i
		}
	}
	return -1
}

// lex runs the checks zpay32's bech32 decoder runs before the checksum
// (internal/bech32's Lex) after zpay32's length cap, without decoding
// anything.
func lex(s string) (layout, *Error) {
	if len(s) > maxLength {
		return layout{}, newError(ErrTooLong, "", strconv.Itoa(len(s))+" characters, limit "+strconv.Itoa(maxLength))
	}
	one, le := bech32.Lex(s)
	if le != nil {
		if le.Problem == bech32.MixedCase {
			return layout{}, newError(ErrMixedCase, "", "")
		}
		return layout{}, newError(ErrMalformed, "", lexDetail(le))
	}
	return layout{s: s, one: one, sig: len(s) - checksumLen - signatureLen}, nil
}

// lexDetail words a lexical failure for an *Error's Detail.
func lexDetail(le *bech32.LexError) string {
	switch le.Problem {
	case bech32.TooShort:
		return "shorter than 8 characters"
	case bech32.InvalidChar:
		return "invalid character " + bech32.QuoteByte(le.Char) + " at position " + strconv.Itoa(le.Pos)
	case bech32.NoSeparator:
		return "no separator '1' between a human-readable part and the data"
	case bech32.NotInCharset:
		return "character " + bech32.QuoteByte(le.Char) + " at position " + strconv.Itoa(le.Pos) + " is not in the bech32 alphabet"
	}
	return ""
}

// dataLen is the number of 5-bit groups between the separator and the
// checksum.
func (l *layout) dataLen() int { return len(l.s) - l.one - 1 - checksumLen }

// checksumOK verifies the bech32 (not bech32m) checksum.
func (l *layout) checksumOK() bool { return bech32.VerifyChecksum(l.s, l.one) }

// bytesOf converts n 5-bit groups starting at string index off to bytes.
// Without pad, it fails (false) as bech32.ConvertBits does: when more than
// 4 bits are left over or the left-over bits are not zero.
func (l *layout) bytesOf(off, n int, pad bool) ([]byte, bool) { return bech32.Bytes(l.s, off, n, pad) }

// uintOf reads n groups at off as a big-endian number; ok is false when the
// value does not fit in 64 bits.
func (l *layout) uintOf(off, n int) (uint64, bool) { return bech32.Uint(l.s, off, n) }
