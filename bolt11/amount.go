package bolt11

import (
	"math/bits"

	"github.com/vaspkit/vaspkit/internal/bech32"
)

// msatPerUnit is the number of millisatoshis in one unit of each amount
// multiplier; the unit is the bitcoin. 'p' (pico-bitcoin, 0.1 msat) is
// handled apart.
var msatPerUnit = [256]uint64{
	0:   100_000_000_000, // no multiplier: whole bitcoin
	'm': 100_000_000,
	'u': 100_000,
	'n': 100,
}

// parseAmount parses the amount part of the human-readable part (after the
// currency prefix; either case) into millisatoshis. It rejects what zpay32
// rejects and, unlike zpay32, any amount whose millisatoshi value does not
// fit in a uint64. strict also rejects leading zeros and a zero amount,
// which BOLT11 forbids writers to produce.
func parseAmount(a string, strict bool) (uint64, *Error) {
	if a == "" {
		return 0, newError(ErrInvalidAmount, "", "empty amount")
	}
	digits, mult := a, byte(0)
	if last := a[len(a)-1]; last < '0' || last > '9' {
		digits, mult = a[:len(a)-1], lowerASCII(last)
		if mult != 'm' && mult != 'u' && mult != 'n' && mult != 'p' {
			return 0, newError(ErrInvalidAmount, "", "unknown multiplier "+quoteByte(last))
		}
	}
	if digits == "" {
		return 0, newError(ErrInvalidAmount, "", "no digits before the multiplier")
	}
	var v uint64
	for i := 0; i < len(digits); i++ {
		c := digits[i]
		if c < '0' || c > '9' {
			return 0, newError(ErrInvalidAmount, "", "non-digit "+quoteByte(c)+" in amount")
		}
		hi, lo := bits.Mul64(v, 10)
		lo, carry := bits.Add64(lo, uint64(c-'0'), 0)
		if hi != 0 || carry != 0 {
			return 0, newError(ErrInvalidAmount, "", "amount overflows 64 bits")
		}
		v = lo
	}
	if strict {
		if v == 0 {
			return 0, newError(ErrInvalidAmount, "", "zero amount (strict)")
		}
		if digits[0] == '0' {
			return 0, newError(ErrInvalidAmount, "", "leading zero in amount (strict)")
		}
	}
	if mult == 'p' {
		// zpay32 rejects 0p…9p ("minimum amount is 10p"); BOLT11 rejects
		// a last digit other than 0 (sub-millisatoshi precision).
		if v < 10 {
			return 0, newError(ErrInvalidAmount, "", "pico-bitcoin amount below 10p")
		}
		if v%10 != 0 {
			return 0, newError(ErrInvalidAmount, "", "sub-millisatoshi amount (p multiplier, last digit not 0)")
		}
		return v / 10, nil
	}
	hi, msat := bits.Mul64(v, msatPerUnit[mult])
	if hi != 0 {
		return 0, newError(ErrInvalidAmount, "", "amount in millisatoshis overflows 64 bits")
	}
	return msat, nil
}

// quoteByte renders one byte of input for an error message.
func quoteByte(c byte) string { return bech32.QuoteByte(c) }
