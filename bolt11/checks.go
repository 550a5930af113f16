package bolt11

import (
	"bytes"
	"slices"
	"strconv"

	"github.com/lightningnetwork/lnd/zpay32"
	"github.com/vaspkit/vaspkit/internal/bech32"
)

// The checks of this file close the gaps BOLT11 leaves between what a reader
// must reject and what zpay32 v0.21 rejects. They run after zpay32 accepted
// the invoice, on one walk over the 5-bit groups of the (now
// checksum-verified) string: no second bech32 decode, no allocation, no
// second signature operation.

// Tagged field types (the 5-bit value of the field's letter).
const (
	typeP = 1  // p: payment hash
	typeR = 3  // r: route hint
	type9 = 5  // 9: features
	typeX = 6  // x: expiry
	typeF = 9  // f: fallback address
	typeD = 13 // d: description
	typeS = 16 // s: payment secret
	typeN = 19 // n: payee public key
	typeB = 20 // b: blinded path (lnd-specific)
	typeH = 23 // h: description hash
	typeC = 24 // c: min_final_cltv_expiry_delta
	typeM = 27 // m: payment metadata
)

// Data lengths, in groups, of the fixed-size fields.
const (
	hashLen   = 52 // p, h, s: 256 bits + 4 bits of zero padding
	pubKeyLen = 53 // n: 264 bits + 1 bit of zero padding
)

// span is one tagged field: its type and where its data groups are.
type span struct {
	typ int
	off int // string index of the first data group
	n   int // number of data groups
}

func (f span) tag() string { return bech32.Charset[f.typ : f.typ+1] }

// fieldScan is what one walk over the tagged fields learns.
type fieldScan struct {
	pCount int
	// badLen is the first p, h, s or n field of the wrong length.
	badLen    span
	hasBadLen bool
	// hasN: a payee field of the right length is present.
	hasN bool
	// First occurrences (the ones zpay32 uses).
	x, c, nine       span
	hasX, hasC, has9 bool
	fCount           int
	// broken describes a structural failure; "" when the fields walk cleanly.
	broken      string
	brokenField string
}

// scan walks the tagged fields.
func (l *layout) scan() fieldScan {
	var fs fieldScan
	i, end := l.fieldsStart(), l.sig
	for i < end {
		if end-i < 3 {
			fs.broken = "truncated field header at the end of the data"
			return fs
		}
		f := span{typ: l.g(i), off: i + 3, n: l.g(i+1)<<5 | l.g(i+2)}
		if f.off+f.n > end {
			fs.broken, fs.brokenField = "field data runs into the signature", f.tag()
			return fs
		}
		switch f.typ {
		case typeP:
			fs.pCount++
			fs.wantLen(f, hashLen)
		case typeH, typeS:
			fs.wantLen(f, hashLen)
		case typeN:
			if f.n == pubKeyLen {
				fs.hasN = true
			}
			fs.wantLen(f, pubKeyLen)
		case typeX:
			if !fs.hasX {
				fs.x, fs.hasX = f, true
			}
		case typeC:
			if !fs.hasC {
				fs.c, fs.hasC = f, true
			}
		case type9:
			if !fs.has9 {
				fs.nine, fs.has9 = f, true
			}
		case typeF:
			fs.fCount++
		}
		i = f.off + f.n
	}
	return fs
}

func (fs *fieldScan) wantLen(f span, n int) {
	if f.n != n && !fs.hasBadLen {
		fs.badLen, fs.hasBadLen = f, true
	}
}

// check applies, in the documented order, the reader rules zpay32 does not:
// unknown required features, missing payment secret, duplicate payment
// hash, wrong-length fixed fields, high-S with n, 64-bit overflow of x and
// c, and (strict) non-minimal x, c and 9.
func (d Decoder) check(l *layout, fs *fieldScan, z *zpay32.Invoice) *Error {
	if fs.broken != "" {
		return newError(ErrMalformedField, fs.brokenField, fs.broken)
	}
	if unknown := z.Features.UnknownRequiredFeatures(); len(unknown) > 0 {
		e := newError(ErrUnknownRequiredFeature, "9", "")
		for _, b := range unknown {
			e.Bits = append(e.Bits, int(b))
		}
		slices.Sort(e.Bits)
		return e
	}
	if z.PaymentAddr.IsNone() {
		return newError(ErrMissingPaymentSecret, "s", "")
	}
	if fs.pCount > 1 {
		return newError(ErrDuplicatePaymentHash, "p", strconv.Itoa(fs.pCount)+" p fields")
	}
	if fs.hasBadLen {
		want := hashLen
		if fs.badLen.typ == typeN {
			want = pubKeyLen
		}
		return newError(ErrInvalidFieldLength, fs.badLen.tag(),
			strconv.Itoa(fs.badLen.n)+" groups, want "+strconv.Itoa(want))
	}
	if fs.hasN && l.highS() {
		return newError(ErrHighS, "n", "")
	}
	for _, f := range [...]struct {
		s   span
		has bool
	}{{fs.x, fs.hasX}, {fs.c, fs.hasC}} {
		if f.has {
			if _, ok := l.uintOf(f.s.off, f.s.n); !ok {
				return newError(ErrMalformedField, f.s.tag(), "value exceeds 64 bits")
			}
		}
	}
	if d.Strict {
		for _, f := range [...]struct {
			s   span
			has bool
		}{{fs.x, fs.hasX}, {fs.c, fs.hasC}, {fs.nine, fs.has9}} {
			if f.has && f.s.n > 0 && l.g(f.s.off) == 0 {
				return newError(ErrNonMinimalField, f.s.tag(), "leading zero group")
			}
		}
	}
	return nil
}

// halfOrder is n/2 for the secp256k1 group order n: a signature is low-S
// when S <= halfOrder.
var halfOrder = [32]byte{
	0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
	0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
	0x5D, 0x57, 0x6E, 0x73, 0x57, 0xA4, 0x50, 0x1D,
	0xDF, 0xE9, 0x2F, 0x46, 0x68, 0x1B, 0x20, 0xA0,
}

// signature returns the 65 signature bytes R ‖ S ‖ recovery id.
func (l *layout) signature() (sig [65]byte) {
	var acc uint32
	var nbits uint
	j := 0
	for i := l.sig; i < l.sig+signatureLen; i++ {
		acc = acc<<5 | uint32(l.g(i))
		nbits += 5
		if nbits >= 8 {
			nbits -= 8
			sig[j] = byte(acc >> nbits)
			j++
		}
	}
	return sig
}

// highS reports whether the signature's S value is above n/2.
func (l *layout) highS() bool {
	sig := l.signature()
	return bytes.Compare(sig[32:64], halfOrder[:]) > 0
}

// featureBits lists the set bits of the first 9 field, ascending. Bit 0 is
// the least significant bit of the last group.
func (l *layout) featureBits(fs *fieldScan) []int {
	if !fs.has9 {
		return nil
	}
	count := 0
	for i := 0; i < fs.nine.n; i++ {
		count += popcount5[l.g(fs.nine.off+i)]
	}
	if count == 0 {
		return nil
	}
	out := make([]int, 0, count)
	last := fs.nine.off + fs.nine.n - 1
	for k := 0; k < fs.nine.n; k++ {
		v := l.g(last - k)
		for j := 0; j < 5; j++ {
			if v>>j&1 == 1 {
				out = append(out, k*5+j)
			}
		}
	}
	return out
}

var popcount5 = [32]int{0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4, 1, 2, 2, 3, 2, 3, 3, 4, 2, 3, 3, 4, 3, 4, 4, 5}
