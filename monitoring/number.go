package monitoring

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"strings"
)

// ErrInvalidNumber reports text that is not a JSON decimal number.
var ErrInvalidNumber = errors.New("monitoring: not a decimal number")

// Limits of the numbers Number.Rat and Number.Int64 convert. A Number keeps
// any token it is given, however long, but converting one costs time that
// grows faster than its length: a three-million-digit amount from a server
// would take tens of seconds of CPU that no context can stop. Rat and Int64
// therefore refuse, without computing, a number with more than
// MaxNumberDigits digits (before and after the decimal point, leading
// zeros included) or an exponent beyond ±MaxNumberExponent, with
// ErrNumberTooLong; so is a token more than 24 characters longer than
// MaxNumberDigits (an exponent padded with zeros), before it is scanned.
//
// Both are far above any amount Sumsub documents (its examples carry at
// most 17 significant digits) and any crypto amount in base units (a
// 256-bit integer has 78 digits).
const (
	MaxNumberDigits   = 100
	MaxNumberExponent = 400
)

// maxNumberToken bounds a token's length before it is even scanned: the
// digits, a sign, a decimal point, an exponent with its sign and digits,
// and the quotes of a number sent as a string.
const maxNumberToken = MaxNumberDigits + 24

// ErrNumberTooLong reports a number beyond MaxNumberDigits or
// MaxNumberExponent. It matches ErrInvalidNumber too.
var ErrNumberTooLong = fmt.Errorf("%w: more than %d digits or an exponent beyond ±%d",
	ErrInvalidNumber, MaxNumberDigits, MaxNumberExponent)

var errInvalidProp = errors.New("monitoring: property value is not valid JSON")

// Number is a numeric wire field (amount, amountInDefaultCurrency, lat,
// lon, accuracy, sessionAgeMs, mcc, …) kept exactly as it is on the wire:
// a JSON number token, digit for digit (95238.09523809524 stays that), or —
// as some of Sumsub's own examples send — a JSON string (" 1.7976931348623157",
// "10"), re-sent as the same string. It is never a float64.
//
// The zero Number is absent and is left out of the JSON.
type Number struct {
	tok string // the JSON token: a number, or a string with its quotes; "" = absent
}

// ParseNumber returns the Number for decimal text such as "0.00125", "-3"
// or "1.5e-3" (JSON number syntax: no '+', no spaces, no leading zeros).
func ParseNumber(s string) (Number, error) {
	if !isNumber(s) {
		return Number{}, ErrInvalidNumber
	}
	return Number{tok: s}, nil
}

// NumberFromInt returns the Number for n.
func NumberFromInt(n int64) Number { return Number{tok: strconv.FormatInt(n, 10)} }

// QuotedNumber returns a Number sent as the JSON string s, the way some
// documented Sumsub examples send coordinates ("accuracy": "10"). Prefer
// ParseNumber; this exists to reproduce such payloads.
func QuotedNumber(s string) Number { return Number{tok: quote(s)} }

// IsZero reports whether the number is absent.
func (n Number) IsZero() bool { return n.tok == "" }

// Quoted reports whether the number is sent as a JSON string.
func (n Number) Quoted() bool { return strings.HasPrefix(n.tok, `"`) }

// Raw returns the JSON token exactly as sent or received ("" when absent).
func (n Number) Raw() string { return n.tok }

// String returns the number's text: the token, or the string's content
// when it is sent as a string.
func (n Number) String() string {
	if !n.Quoted() {
		return n.tok
	}
	var s string
	if err := json.Unmarshal([]byte(n.tok), &s); err != nil {
		return n.tok
	}
	return s
}

// valid reports whether the token is a JSON number or a JSON string.
func (n Number) valid() bool {
	if n.Quoted() {
		return json.Valid([]byte(n.tok))
	}
	return isNumber(n.tok)
}

// isNumber reports whether s is exactly one JSON number token: a JSON value
// that starts with '-' or a digit is a number, and one ends with a digit
// (json.Valid alone would allow surrounding space).
func isNumber(s string) bool {
	return s != "" && (s[0] == '-' || isDigit(s[0])) && isDigit(s[len(s)-1]) && json.Valid([]byte(s))
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// decimal returns the number's text when it is decimal number syntax
// within MaxNumberDigits and MaxNumberExponent. Its cost is bounded by
// maxNumberToken, whatever the token's length.
func (n Number) decimal() (string, error) {
	if len(n.tok) > maxNumberToken {
		return "", ErrNumberTooLong
	}
	s := n.String()
	if !isNumber(s) {
		return "", ErrInvalidNumber
	}
	mant, exp, hasExp := s, "", false
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		mant, exp, hasExp = s[:i], s[i+1:], true
	}
	digits := 0
	for i := 0; i < len(mant); i++ {
		if mant[i] >= '0' && mant[i] <= '9' {
			digits++
		}
	}
	if digits > MaxNumberDigits {
		return "", ErrNumberTooLong
	}
	// Refuse exponents big.Rat would expand into huge numbers.
	if hasExp {
		e, err := strconv.Atoi(strings.TrimPrefix(exp, "+"))
		if err != nil || e > MaxNumberExponent || e < -MaxNumberExponent {
			return "", ErrNumberTooLong
		}
	}
	return s, nil
}

// Rat returns the exact value. A number sent as a string converts when its
// content is decimal number syntax (" 1.5", with a space, does not). A
// number beyond MaxNumberDigits or MaxNumberExponent is refused with
// ErrNumberTooLong before any arithmetic, so a hostile amount costs
// microseconds.
func (n Number) Rat() (*big.Rat, error) {
	s, err := n.decimal()
	if err != nil {
		return nil, err
	}
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return nil, ErrInvalidNumber
	}
	return r, nil
}

// Int64 returns the value when it is a whole number that fits an int64.
// The limits of Rat apply.
func (n Number) Int64() (int64, error) {
	r, err := n.Rat()
	if err != nil {
		return 0, err
	}
	if !r.IsInt() || !r.Num().IsInt64() {
		return 0, ErrInvalidNumber
	}
	return r.Num().Int64(), nil
}

// MarshalJSON writes the token as received; an absent Number is null.
func (n Number) MarshalJSON() ([]byte, error) {
	if n.tok == "" {
		return []byte("null"), nil
	}
	if !n.valid() {
		return nil, ErrInvalidNumber
	}
	return []byte(n.tok), nil
}

// UnmarshalJSON keeps a number or string token verbatim; null leaves the
// Number absent.
func (n *Number) UnmarshalJSON(b []byte) error {
	s := strings.TrimSpace(string(b))
	if s == "null" {
		*n = Number{}
		return nil
	}
	m := Number{tok: s}
	if !m.valid() {
		return ErrInvalidNumber
	}
	*n = m
	return nil
}

// Props are a transaction's custom properties, usable in Sumsub rules.
// They are documented as strings ("dailyOutLimit": "10000"), but one
// documented example sends a number, so every value keeps its JSON token.
type Props map[string]PropValue

// Set sets key to the string value s.
func (p Props) Set(key, s string) { p[key] = PropString(s) }

// Get returns the text of key's value (see PropValue.String).
func (p Props) Get(key string) (string, bool) {
	v, ok := p[key]
	return v.String(), ok
}

// PropValue is one custom property value, kept as its JSON token.
type PropValue struct {
	raw string
}

// PropString returns a string property value.
func PropString(s string) PropValue { return PropValue{raw: quote(s)} }

// PropNumber returns a number property value.
func PropNumber(n Number) PropValue { return PropValue{raw: n.tok} }

// IsString reports whether the value is a JSON string.
func (v PropValue) IsString() bool { return strings.HasPrefix(v.raw, `"`) }

// Raw returns the JSON token.
func (v PropValue) Raw() string { return v.raw }

// String returns a string value's content, or any other value's JSON text.
func (v PropValue) String() string {
	if !v.IsString() {
		return v.raw
	}
	var s string
	if err := json.Unmarshal([]byte(v.raw), &s); err != nil {
		return v.raw
	}
	return s
}

// MarshalJSON writes the token as received.
func (v PropValue) MarshalJSON() ([]byte, error) {
	if v.raw == "" {
		return []byte("null"), nil
	}
	if !json.Valid([]byte(v.raw)) {
		return nil, errInvalidProp
	}
	return []byte(v.raw), nil
}

// UnmarshalJSON keeps any JSON value verbatim.
func (v *PropValue) UnmarshalJSON(b []byte) error {
	if !json.Valid(b) {
		return errInvalidProp
	}
	v.raw = strings.TrimSpace(string(b))
	return nil
}
