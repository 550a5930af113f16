// Package bech32 reads and writes BIP-173 bech32 strings, without the
// 90-character limit (Lightning invoices exceed it) and with the bech32
// checksum constant only (a bech32m checksum is not valid here).
//
// It is a pure codec with no dependencies, shared by package bolt11 (which
// decodes invoices in full, over lnd) and package travelrule (which checks,
// without lnd or secp256k1, that an invoice is a well-formed bech32 string
// for the right network). It reads the 5-bit groups straight from the
// string, so checking a string allocates nothing.
package bech32

import "strconv"

// Charset is the bech32 alphabet: the character for each 5-bit value.
const Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"

// ChecksumLen is the number of checksum characters at the end of a string.
const ChecksumLen = 6

// minLen is the shortest bech32 string: a one-character HRP, the
// separator and the checksum.
const minLen = 8

// charsetRev maps a character of either case to its 5-bit value, or -1.
var charsetRev = func() (t [256]int8) {
	for i := range t {
		t[i] = -1
	}
	for i := 0; i < len(Charset); i++ {
		c := Charset[i]
		t[c] = int8(i)
		if 'a' <= c && c <= 'z' {
			t[c-('a'-'A')] = int8(i)
		}
	}
	return t
}()

// Value returns the 5-bit value of c, a character of the alphabet in
// either case, or -1 when c is not one.
func Value(c byte) int { return int(charsetRev[c]) }

// Problem says why a string is not lexically bech32.
type Problem int

// The lexical problems Lex reports.
const (
	// TooShort: fewer than 8 characters.
	TooShort Problem = iota + 1
	// InvalidChar: a character outside ASCII 33–126 (LexError.Pos).
	InvalidChar
	// MixedCase: both lower- and upper-case letters.
	MixedCase
	// NoSeparator: no '1' with a non-empty human-readable part before it
	// and at least the checksum after it.
	NoSeparator
	// NotInCharset: a character after the separator outside the alphabet
	// (LexError.Pos).
	NotInCharset
)

// LexError is a lexical failure: the Problem, and for InvalidChar and
// NotInCharset the position and the byte.
type LexError struct {
	Problem Problem
	Pos     int
	Char    byte
}

func (e *LexError) Error() string {
	switch e.Problem {
	case TooShort:
		return "bech32: shorter than 8 characters"
	case InvalidChar:
		return "bech32: invalid character " + QuoteByte(e.Char) + " at position " + strconv.Itoa(e.Pos)
	case MixedCase:
		return "bech32: mixed upper and lower case"
	case NoSeparator:
		return "bech32: no separator '1' between a human-readable part and the data"
	case NotInCharset:
		return "bech32: character " + QuoteByte(e.Char) + " at position " + strconv.Itoa(e.Pos) + " is not in the bech32 alphabet"
	}
	return "bech32: malformed"
}

// Lex checks s lexically, as BIP-173 readers do before the checksum: at
// least 8 characters, all ASCII 33–126, not mixed case, a last '1' with a
// non-empty human-readable part before it and at least ChecksumLen
// characters after it, all of them in the alphabet. It returns the index
// of that separator. Lex does not bound the length: callers that must
// (against denial of service) check it first.
func Lex(s string) (sep int, err *LexError) {
	if len(s) < minLen {
		return 0, &LexError{Problem: TooShort}
	}
	var lower, upper bool
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c < 33 || c > 126:
			return 0, &LexError{Problem: InvalidChar, Pos: i, Char: c}
		case 'a' <= c && c <= 'z':
			lower = true
		case 'A' <= c && c <= 'Z':
			upper = true
		}
	}
	if lower && upper {
		return 0, &LexError{Problem: MixedCase}
	}
	sep = lastIndex(s, '1')
	if sep < 1 || sep+1+ChecksumLen > len(s) {
		return 0, &LexError{Problem: NoSeparator}
	}
	for i := sep + 1; i < len(s); i++ {
		if charsetRev[s[i]] < 0 {
			return 0, &LexError{Problem: NotInCharset, Pos: i, Char: s[i]}
		}
	}
	return sep, nil
}

func lastIndex(s string, c byte) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == c {
			return i
		}
	}
	return -1
}

// VerifyChecksum reports whether the bech32 checksum of s holds (the
// constant 1 of BIP-173; a bech32m checksum does not). s must have passed
// Lex, which returned sep. Case is ignored, as BIP-173 requires.
func VerifyChecksum(s string, sep int) bool {
	p := hrpPolymod(s[:sep])
	for i := sep + 1; i < len(s); i++ {
		p.add(byte(charsetRev[s[i]]))
	}
	return p == 1
}

// polymod is the BIP-173 checksum state.
type polymod uint32

var gen = [5]uint32{0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3}

func (p *polymod) add(v byte) {
	b := uint32(*p) >> 25
	x := (uint32(*p)&0x1ffffff)<<5 ^ uint32(v)
	for i := 0; i < 5; i++ {
		if (b>>i)&1 == 1 {
			x ^= gen[i]
		}
	}
	*p = polymod(x)
}

// hrpPolymod starts a checksum with the expanded human-readable part
// (lower-cased).
func hrpPolymod(hrp string) polymod {
	var p polymod = 1
	for i := 0; i < len(hrp); i++ {
		p.add(lower(hrp[i]) >> 5)
	}
	p.add(0)
	for i := 0; i < len(hrp); i++ {
		p.add(lower(hrp[i]) & 31)
	}
	return p
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + ('a' - 'A')
	}
	return c
}

// Decode checks s (Lex and VerifyChecksum) and returns its human-readable
// part in lower case and its data as 5-bit groups, checksum excluded. Like
// Lex it does not bound the length. The error is a *LexError, or
// ErrChecksum.
func Decode(s string) (hrp string, data []byte, err error) {
	sep, lerr := Lex(s)
	if lerr != nil {
		return "", nil, lerr
	}
	if !VerifyChecksum(s, sep) {
		return "", nil, ErrChecksum
	}
	h := make([]byte, sep)
	for i := range h {
		h[i] = lower(s[i])
	}
	data = make([]byte, len(s)-sep-1-ChecksumLen)
	for i := range data {
		data[i] = byte(charsetRev[s[sep+1+i]])
	}
	return string(h), data, nil
}

// ErrChecksum is Decode's error for a string whose checksum does not hold.
var ErrChecksum = checksumError{}

type checksumError struct{}

func (checksumError) Error() string { return "bech32: checksum does not match" }

// Encode returns the lower-case bech32 string of hrp (lower case, ASCII
// 33–126) and data (5-bit groups, each below 32), checksum appended. It is
// Decode's inverse.
func Encode(hrp string, data []byte) string {
	b := make([]byte, 0, len(hrp)+1+len(data)+ChecksumLen)
	b = append(b, hrp...)
	b = append(b, '1')
	p := hrpPolymod(hrp)
	for _, v := range data {
		v &= 31
		p.add(v)
		b = append(b, Charset[v])
	}
	for i := 0; i < ChecksumLen; i++ {
		p.add(0)
	}
	p ^= 1
	for i := 0; i < ChecksumLen; i++ {
		b = append(b, Charset[(uint32(p)>>(5*(ChecksumLen-1-i)))&31])
	}
	return string(b)
}

// Bytes converts the n 5-bit groups of s starting at index off (characters
// of the alphabet, already checked) to bytes, big-endian. With pad, a last
// partial byte is zero-padded. Without pad, ok is false, as BIP-173's
// convertbits fails, when more than 4 bits are left over or the left-over
// bits are not zero.
func Bytes(s string, off, n int, pad bool) (out []byte, ok bool) {
	out = make([]byte, 0, n*5/8+1)
	var acc uint32
	var nbits uint
	for i := off; i < off+n; i++ {
		acc = acc<<5 | uint32(charsetRev[s[i]])
		nbits += 5
		if nbits >= 8 {
			nbits -= 8
			out = append(out, byte(acc>>nbits))
		}
	}
	rest := acc & (1<<nbits - 1)
	if pad && nbits > 0 {
		return append(out, byte(rest<<(8-nbits))), true
	}
	return out, nbits <= 4 && rest == 0
}

// GroupsToBytes is Bytes over 5-bit groups held in a slice, padding a last
// partial byte with zero bits.
func GroupsToBytes(groups []byte) []byte {
	out := make([]byte, 0, len(groups)*5/8+1)
	var acc uint32
	var nbits uint
	for _, g := range groups {
		acc = acc<<5 | uint32(g&31)
		nbits += 5
		if nbits >= 8 {
			nbits -= 8
			out = append(out, byte(acc>>nbits))
		}
	}
	if nbits > 0 {
		out = append(out, byte(acc<<(8-nbits)))
	}
	return out
}

// BytesToGroups converts bytes to 5-bit groups, big-endian, padding a last
// partial group with zero bits: Encode's input from bytes.
func BytesToGroups(b []byte) []byte {
	out := make([]byte, 0, (len(b)*8+4)/5)
	var acc uint32
	var nbits uint
	for _, c := range b {
		acc = acc<<8 | uint32(c)
		nbits += 8
		for nbits >= 5 {
			nbits -= 5
			out = append(out, byte(acc>>nbits)&31)
		}
	}
	if nbits > 0 {
		out = append(out, byte(acc<<(5-nbits))&31)
	}
	return out
}

// Uint reads the n groups of s at index off as a big-endian number; ok is
// false when it does not fit in 64 bits.
func Uint(s string, off, n int) (v uint64, ok bool) {
	for i := off; i < off+n; i++ {
		if v>>59 != 0 {
			return 0, false
		}
		v = v<<5 | uint64(charsetRev[s[i]])
	}
	return v, true
}

// QuoteByte renders one byte of input for an error message: the character
// in single quotes when printable, else 0xNN.
func QuoteByte(c byte) string {
	if c >= 33 && c <= 126 && c != '\'' && c != '\\' {
		return "'" + string(rune(c)) + "'"
	}
	const hexdigits = "0123456789abcdef"
	return "0x" + string(hexdigits[c>>4]) + string(hexdigits[c&15])
}
