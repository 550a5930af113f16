package ivms

import (
	"errors"
	"strconv"
	"strings"
)

// Decode errors, for errors.Is on what Unmarshal returns (always a *DecodeError).
var (
	// ErrSyntax: the input is not well-formed JSON.
	ErrSyntax = errors.New("ivms: malformed JSON")
	// ErrType: a JSON value of a type the element cannot take (an object
	// where a name string is expected, a number where an object is…).
	ErrType = errors.New("ivms: wrong JSON type")
	// ErrUnknownKey: a key that is no IVMS101 element in any known dialect,
	// such as the typo "originatorPersons1". UnmarshalWith(data,
	// IgnoreUnknownKeys()) skips such keys instead.
	ErrUnknownKey = errors.New("ivms: unknown key")
)

// ErrInvalid matches every ValidationErrors with errors.Is, for callers
// that only need to know that a payload failed validation.
var ErrInvalid = errors.New("ivms: invalid payload")

// DecodeError reports why Unmarshal rejected its input. It names the place
// (canonical element path and byte offset) and, for ErrUnknownKey, the key;
// it never carries a value from the payload.
type DecodeError struct {
	// Path is the canonical path of the element being decoded, e.g.
	// "originator.originatorPersons[0].naturalPerson" ("" for the top level).
	Path string
	// Key is the offending key for ErrUnknownKey (at most 64 bytes).
	Key string
	// Offset is the byte offset in the input where the problem was found.
	Offset int
	// Err is ErrSyntax, ErrType or ErrUnknownKey.
	Err error
	// Detail says what was expected, e.g. "expected an object".
	Detail string
}

// Error implements error.
func (e *DecodeError) Error() string {
	var b strings.Builder
	b.WriteString("ivms: decode")
	if e.Path != "" {
		b.WriteString(" ")
		b.WriteString(e.Path)
	}
	b.WriteString(": ")
	switch {
	case errors.Is(e.Err, ErrUnknownKey):
		b.WriteString("unknown key ")
		b.WriteString(strconv.QuoteToASCII(e.Key))
	case e.Err != nil:
		b.WriteString(strings.TrimPrefix(e.Err.Error(), "ivms: "))
	}
	if e.Detail != "" {
		b.WriteString(": ")
		b.WriteString(e.Detail)
	}
	b.WriteString(" (offset ")
	b.WriteString(strconv.Itoa(e.Offset))
	b.WriteString(")")
	return b.String()
}

// Unwrap returns the sentinel.
func (e *DecodeError) Unwrap() error { return e.Err }

// Constraint ids of FieldError besides "C1"…"C12".
const (
	ConstraintRequired = "REQUIRED" // a mandatory element is missing or an [1..n] list is empty
	ConstraintLength   = "LENGTH"   // text longer than its datatype (in characters), > 7 address lines, > 18 digits
	ConstraintEnum     = "ENUM"     // a value not in its code list
	ConstraintOneOf    = "ONEOF"    // a Person that is not exactly one of natural / legal person
	ConstraintFormat   = "FORMAT"   // a malformed date, sequence, or text outside the allowed characters
)

// FieldError is one violation found by Validate.
type FieldError struct {
	// Path locates the element in the Marshal(p, Canonical) output, e.g.
	// "originator.originatorPersons[0].naturalPerson.name" (2023-only
	// elements use their 2023 names; "" is the payload itself).
	Path string
	// Constraint is "C1"…"C12" or one of REQUIRED, LENGTH, ENUM, ONEOF, FORMAT.
	Constraint string
	// Message says which rule is broken, never with the value itself.
	Message string
}

// Error implements error: "ivms: <path>: <message> [<constraint>]".
func (e *FieldError) Error() string {
	path := e.Path
	if path == "" {
		path = "payload"
	}
	return "ivms: " + path + ": " + e.Message + " [" + e.Constraint + "]"
}

// ValidationErrors is every violation Validate found, in document order.
type ValidationErrors []*FieldError

// Error implements error. It lists every violation, one per line after the
// first, with no PII.
func (v ValidationErrors) Error() string {
	switch len(v) {
	case 0:
		return "ivms: no validation errors"
	case 1:
		return v[0].Error()
	}
	var b strings.Builder
	b.WriteString("ivms: ")
	b.WriteString(strconv.Itoa(len(v)))
	b.WriteString(" validation errors:")
	for _, e := range v {
		b.WriteString("\n  ")
		b.WriteString(strings.TrimPrefix(e.Error(), "ivms: "))
	}
	return b.String()
}

// Is makes errors.Is(err, ErrInvalid) true for any ValidationErrors.
func (v ValidationErrors) Is(target error) bool { return target == ErrInvalid }

// Unwrap returns the individual errors, so errors.As finds a *FieldError.
func (v ValidationErrors) Unwrap() []error {
	out := make([]error, len(v))
	for i, e := range v {
		out[i] = e
	}
	return out
}

// Constraints returns the constraint ids in order, e.g. ["C1", "LENGTH"].
func (v ValidationErrors) Constraints() []string {
	out := make([]string, len(v))
	for i, e := range v {
		out[i] = e.Constraint
	}
	return out
}

// Has reports whether a violation of the given constraint id was found.
func (v ValidationErrors) Has(constraint string) bool {
	for _, e := range v {
		if e.Constraint == constraint {
			return true
		}
	}
	return false
}

// pathSeg is one step of a path: an element name and, for list items, an index.
type pathSeg struct {
	name  string
	index int // -1 when the step is not a list item
}

func formatPath(segs []pathSeg) string {
	b := make([]byte, 0, 64)
	for i, seg := range segs {
		if i > 0 {
			b = append(b, '.')
		}
		b = append(b, seg.name...)
		if seg.index >= 0 {
			b = append(b, '[')
			b = strconv.AppendInt(b, int64(seg.index), 10)
			b = append(b, ']')
		}
	}
	return string(b)
}
