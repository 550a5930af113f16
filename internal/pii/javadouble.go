package pii

import (
	"math"
	"math/big"
	"strconv"
	"strings"
)

// JavaDouble returns the text Java's Double.toString gives f, in the
// definition of JDK 19 and later (JDK-4511638), which is what Jackson's
// DoubleNode.asText() returns and so what GTR's Java tools put in a
// double leaf's metadata:
//
//   - NaN, Infinity, -Infinity; zero as "0.0" or "-0.0";
//   - the shortest decimal that rounds to f (the closest one when several
//     have that length; when one digit suffices, the closest of one or two
//     digits, so 4.9E-324 rather than 5E-324);
//   - for 1e-3 <= |f| < 1e7 plain notation with at least one digit after
//     the point ("100.0", "0.001", "9999999.999");
//   - otherwise d.dddE±n with at least one digit after the point ("1.0E7",
//     "1.0E-4", "1.23456789E8").
//
// JDK 18 and earlier print some values with more digits than needed
// (1e23 as "9.999999999999999E22"); see the package tests.
func JavaDouble(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == 0:
		if math.Signbit(f) {
			return "-0.0"
		}
		return "0.0"
	}
	digits, exp := javaDigits(math.Abs(f))
	var b strings.Builder
	if f < 0 {
		b.WriteByte('-')
	}
	if exp >= -3 && exp < 7 {
		// Plain notation: |f| in [1e-3, 1e7).
		if exp >= 0 {
			if len(digits) > exp+1 {
				b.WriteString(digits[:exp+1])
				b.WriteByte('.')
				b.WriteString(digits[exp+1:])
			} else {
				b.WriteString(digits)
				b.WriteString(strings.Repeat("0", exp+1-len(digits)))
				b.WriteString(".0")
			}
			return b.String()
		}
		b.WriteString("0.")
		b.WriteString(strings.Repeat("0", -exp-1))
		b.WriteString(digits)
		return b.String()
	}
	b.WriteByte(digits[0])
	b.WriteByte('.')
	if len(digits) > 1 {
		b.WriteString(digits[1:])
	} else {
		b.WriteByte('0')
	}
	b.WriteByte('E')
	b.WriteString(strconv.Itoa(exp))
	return b.String()
}

// javaDigits returns the significant digits (no trailing zeros) and the
// decimal exponent of the first digit of Java's choice for a finite
// positive x: x ≈ d.ddd × 10^exp.
func javaDigits(x float64) (string, int) {
	digits, exp := splitE(strconv.FormatFloat(x, 'e', -1, 64))
	if len(digits) > 1 {
		// Go's shortest round-tripping decimal, the closest of that length:
		// Java's choice whenever two or more digits are needed.
		return digits, exp
	}
	// One digit suffices. Java then picks the decimal of one or two digits
	// closest to x among those that round to x: one of the two-digit
	// decimals next to x (a one-digit decimal is a two-digit one ending in
	// 0, and one on the same side of x is never closer than these).
	two, e2 := splitE(strconv.FormatFloat(x, 'e', 1, 64)) // the nearest two-digit decimal
	m, _ := strconv.Atoi((two + "0")[:2])
	exact := new(big.Rat).SetFloat64(x)
	var best *big.Rat
	bestM := 0
	for _, c := range []int{m - 1, m, m + 1} {
		v := decimalRat(c, e2-1)
		if f, _ := v.Float64(); f != x { // does not round to x
			continue
		}
		d := new(big.Rat).Sub(v, exact)
		d.Abs(d)
		if best == nil || d.Cmp(best) < 0 || (d.Cmp(best) == 0 && c%2 == 0) {
			best, bestM = d, c
		}
	}
	if best == nil {
		return digits, exp
	}
	s := strconv.Itoa(bestM) // 9 … 100
	e := e2 - 1 + len(s) - 1
	return strings.TrimRight(s, "0"), e
}

// splitE splits strconv's 'e' format ("1.2345e+08") into the digits without
// trailing zeros ("12345") and the exponent (8).
func splitE(s string) (string, int) {
	mant, e, _ := strings.Cut(s, "e")
	exp, _ := strconv.Atoi(e)
	digits := strings.Replace(mant, ".", "", 1)
	if t := strings.TrimRight(digits, "0"); t != "" {
		digits = t
	} else {
		digits = "0"
	}
	return digits, exp
}

// decimalRat returns m × 10^e exactly.
func decimalRat(m, e int) *big.Rat {
	r := new(big.Rat).SetInt64(int64(m))
	p := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(abs(e))), nil)
	if e >= 0 {
		return r.Mul(r, new(big.Rat).SetInt(p))
	}
	return r.Quo(r, new(big.Rat).SetInt(p))
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// JavaNumberText returns the Java type and text Jackson gives a JSON number
// literal read with ObjectMapper.readTree and written back with asText():
// an integer that fits 32 bits is an "int", one that fits 64 bits a "long",
// a larger one a BigInteger ("string", its digits as written); a number with
// a fraction or an exponent is a "double" in JavaDouble form ("1.50" is
// "1.5", "1e2" is "100.0", "1e400" is "Infinity").
func JavaNumberText(literal string) (typ, text string) {
	if strings.ContainsAny(literal, ".eE") {
		f, _ := strconv.ParseFloat(literal, 64) // ±Inf on overflow, as Java's parseDouble
		return TypeDouble, JavaDouble(f)
	}
	n, err := strconv.ParseInt(literal, 10, 64)
	switch {
	case err != nil:
		return TypeString, literal
	case n >= math.MinInt32 && n <= math.MaxInt32:
		return TypeInt, strconv.FormatInt(n, 10)
	default:
		return TypeLong, strconv.FormatInt(n, 10)
	}
}
