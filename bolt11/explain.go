package bolt11

import (
	"bytes"
	"errors"
	"math/big"
	"strings"

	"github.com/lightningnetwork/lnd/zpay32"
)

// explain turns a zpay32 failure into a typed error. Most zpay32 errors are
// unexported fmt.Errorf values, so the failed step is found again on the
// string itself (checksum, field structure, field contents, the invoice-level
// rules), never by reading the message. Only this failure path pays for it.
// What remains when every other step passes is the signature.
func (l *layout) explain(zerr error) *Error {
	var p decoderPanic
	switch {
	case errors.As(zerr, &p):
		return newError(ErrMalformed, "", "decoder failure").withCause(zerr)
	case errors.Is(zerr, zpay32.ErrInvoiceTooLarge):
		return newError(ErrTooLong, "", "").withCause(zerr)
	case !l.checksumOK():
		return newError(ErrChecksum, "", "").withCause(zerr)
	}
	fs := l.scan()
	switch {
	case fs.broken != "":
		return newError(ErrMalformedField, fs.brokenField, fs.broken).withCause(zerr)
	case errors.Is(zerr, zpay32.ErrInvalidUTF8Description):
		return newError(ErrMalformedField, "d", "description is not valid UTF-8").withCause(zerr)
	case errors.Is(zerr, zpay32.ErrLengthNotMultipleOfHopHint), errors.Is(zerr, zpay32.ErrEmptyRouteHint):
		return newError(ErrMalformedField, "r", detailOf(zerr)).withCause(zerr)
	}
	if e := l.fieldContent(); e != nil {
		return e.withCause(zerr)
	}

	// The rules zpay32's validateInvoice applies after the signature.
	var hasP, hasD, hasH, hasR, hasB bool
	for i := l.fieldsStart(); i < l.sig; {
		f := span{typ: l.g(i), off: i + 3, n: l.g(i+1)<<5 | l.g(i+2)}
		i = f.off + f.n
		switch f.typ {
		case typeP:
			hasP = hasP || f.n == hashLen
		case typeD:
			hasD = true
		case typeH:
			hasH = hasH || f.n == hashLen
		case typeR:
			hasR = true
		case typeB:
			hasB = true
		}
	}
	switch {
	case !hasP:
		return newError(ErrMissingPaymentHash, "p", "").withCause(zerr)
	case hasR && hasB:
		return newError(ErrMalformedField, "b", "route hints and blinded paths together").withCause(zerr)
	case hasD && hasH:
		return newError(ErrConflictingDescription, "", "").withCause(zerr)
	case !hasD && !hasH:
		return newError(ErrMissingDescription, "", "").withCause(zerr)
	}
	detail := strings.TrimPrefix(detailOf(zerr), "invalid signature: ")
	return newError(ErrInvalidSignature, "", detail).withCause(zerr)
}

// fieldContent re-checks the contents zpay32 parses, field by field in
// invoice order and with zpay32's first-occurrence rules, and describes the
// first one zpay32 would have refused.
func (l *layout) fieldContent() *Error {
	var seen [32]bool
	for i := l.fieldsStart(); i < l.sig; {
		f := span{typ: l.g(i), off: i + 3, n: l.g(i+1)<<5 | l.g(i+2)}
		i = f.off + f.n
		switch f.typ {
		case typeP, typeS, typeH:
			// A wrong-length field is skipped by zpay32 (and rejected later
			// by this package); the first right-length one is parsed.
			if seen[f.typ] || f.n != hashLen {
				continue
			}
			seen[f.typ] = true
			if _, ok := l.bytesOf(f.off, f.n, false); !ok {
				return newError(ErrMalformedField, f.tag(), "non-zero padding bits")
			}
		case typeD, typeM:
			if seen[f.typ] {
				continue
			}
			seen[f.typ] = true
			if _, ok := l.bytesOf(f.off, f.n, false); !ok {
				return newError(ErrMalformedField, f.tag(), "not a whole number of bytes")
			}
		case typeN:
			if seen[f.typ] || f.n != pubKeyLen {
				continue
			}
			seen[f.typ] = true
			b, ok := l.bytesOf(f.off, f.n, false)
			if !ok || !validPubKey(b) {
				return newError(ErrMalformedField, "n", "not a valid public key")
			}
		case typeX, typeC:
			if seen[f.typ] {
				continue
			}
			seen[f.typ] = true
			if f.n > 13 {
				return newError(ErrMalformedField, f.tag(), "value longer than 13 groups")
			}
		case typeF:
			if seen[f.typ] {
				continue
			}
			if f.n == 0 {
				return newError(ErrMalformedField, "f", "empty fallback address (no version)")
			}
			version := l.g(f.off)
			if !knownFallbackVersion(version) {
				continue // BOLT11: skip an unknown version, with or without data
			}
			if f.n == 1 {
				return newError(ErrMalformedField, "f", "empty fallback address")
			}
			seen[f.typ] = true
			prog, ok := l.bytesOf(f.off+1, f.n-1, false)
			if !ok {
				return newError(ErrMalformedField, "f", "not a whole number of bytes")
			}
			if _, err := fallbackAddress(version, prog, networkInfo[Mainnet].params); err != nil {
				return newError(ErrMalformedField, "f", "invalid fallback address")
			}
		case typeR:
			b, ok := l.bytesOf(f.off, f.n, false)
			if !ok {
				return newError(ErrMalformedField, "r", "not a whole number of bytes")
			}
			for len(b) >= 51 {
				if !validPubKey(b[:33]) {
					return newError(ErrMalformedField, "r", "hop node id is not a valid public key")
				}
				b = b[51:]
			}
		case typeB:
			b, ok := l.bytesOf(f.off, f.n, false)
			if !ok {
				return newError(ErrMalformedField, "b", "not a whole number of bytes")
			}
			if _, err := zpay32.DecodeBlindedPayment(bytes.NewReader(b)); err != nil {
				return newError(ErrMalformedField, "b", "invalid blinded payment path")
			}
		}
	}
	return nil
}

// secp256k1 field prime.
var secpP, _ = new(big.Int).SetString("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F", 16)

// validPubKey reports whether b is a compressed secp256k1 point, as
// btcec.ParsePubKey requires: prefix 02 or 03, x below the field prime and
// x³+7 a square.
func validPubKey(b []byte) bool {
	if len(b) != 33 || (b[0] != 2 && b[0] != 3) {
		return false
	}
	x := new(big.Int).SetBytes(b[1:])
	if x.Cmp(secpP) >= 0 {
		return false
	}
	y2 := new(big.Int).Exp(x, big.NewInt(3), secpP)
	y2.Add(y2, big.NewInt(7))
	y2.Mod(y2, secpP)
	return big.Jacobi(y2, secpP) >= 0
}
