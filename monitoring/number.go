package monitoring

import (
	"encoding/json"
	"errors"
	"math/big"
	"strconv"
	"strings"
)

// ErrInvalidNumber reports text that is not a JSON decimal number.
var ErrInvalidNumber = errors.New("monitoring: not a decimal number")

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
	if s == "" || scanNumber([]byte(s)) != len(s) {
		return Number{}, ErrInvalidNumber
	}
	return Number{tok: s}, nil
}

// NumberFromInt returns the Number for n.
func NumberFromInt(n int64) Number { return Number{tok: strconv.FormatInt(n, 10)} }

// QuotedNumber returns a Number sent as the JSON string s, the way some
// documented Sumsub examples send coordinates ("accuracy": "10"). Prefer
// ParseNumber; this exists to reproduce such payloads.
func QuotedNumber(s string) Number { return Number{tok: string(appendString(nil, s))} }

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
	return n.tok != "" && scanNumber([]byte(n.tok)) == len(n.tok)
}

// decimal returns the number's text when it is decimal number syntax.
func (n Number) decimal() (string, error) {
	s := n.String()
	if s == "" || scanNumber([]byte(s)) != len(s) {
		return "", ErrInvalidNumber
	}
	// Refuse exponents big.Rat would expand into huge numbers.
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		e, err := strconv.Atoi(strings.TrimPrefix(s[i+1:], "+"))
		if err != nil || e > 400 || e < -400 {
			return "", ErrInvalidNumber
		}
	}
	return s, nil
}

// Rat returns the exact value. A number sent as a string converts when its
// content is decimal number syntax (" 1.5", with a space, does not).
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
func PropString(s string) PropValue { return PropValue{raw: string(appendString(nil, s))} }

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
