package bolt11

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Sentinel errors. Every error Decode returns is an *Error whose Err is one
// of these, so errors.Is(err, ErrX) tells which rule failed. Messages name
// the rule and never repeat the invoice.
var (
	// Not an invoice at all.
	ErrBitcoinURI = errors.New("bitcoin: URI (BIP-21), not an invoice; pass its lightning= parameter")
	ErrLNURL      = errors.New("lnurl string, not an invoice; resolve it over HTTP first")

	// Bech32 layer.
	ErrTooLong   = errors.New("invoice too long")
	ErrMalformed = errors.New("malformed bech32 string")
	ErrMixedCase = errors.New("mixed upper and lower case")
	ErrChecksum  = errors.New("bech32 checksum does not match")

	// Human-readable part.
	ErrUnknownNetwork = errors.New("unknown network prefix")
	ErrWrongNetwork   = errors.New("invoice is for another network")
	ErrInvalidAmount  = errors.New("invalid amount")

	// Data part and tagged fields.
	ErrTooShort               = errors.New("data part shorter than timestamp and signature")
	ErrMalformedField         = errors.New("malformed tagged field")
	ErrInvalidFieldLength     = errors.New("fixed-size field (p, h, s or n) has the wrong length")
	ErrNonMinimalField        = errors.New("field not minimally encoded (strict)")
	ErrMissingPaymentHash     = errors.New("no payment hash (p field)")
	ErrDuplicatePaymentHash   = errors.New("more than one payment hash (p field)")
	ErrMissingPaymentSecret   = errors.New("no payment secret (s field)")
	ErrMissingDescription     = errors.New("neither description (d) nor description hash (h)")
	ErrConflictingDescription = errors.New("both description (d) and description hash (h)")
	ErrUnknownRequiredFeature = errors.New("unknown required (even) feature bit")

	// Signature.
	ErrInvalidSignature = errors.New("invalid signature")
	ErrHighS            = errors.New("high-S signature with an explicit payee (n field)")

	// Returned by (*Invoice).VerifyDescription.
	ErrDescriptionMismatch = errors.New("description does not match the invoice")
)

// Error is the error type of this package. errors.Is(err, e.Err) holds, and
// errors.Is also reaches the lower-level cause (from zpay32) when there is one.
type Error struct {
	// Err is the sentinel naming the rule that failed.
	Err error
	// Field is the tagged field concerned, by its bech32 letter ("p", "s",
	// "n", "9", …), or "" when the failure is not about one field.
	Field string
	// Bits lists the offending feature bits for ErrUnknownRequiredFeature.
	Bits []int
	// Detail says more about the failure, in a few words.
	Detail string

	cause error
}

func newError(sentinel error, field, detail string) *Error {
	return &Error{Err: sentinel, Field: field, Detail: detail}
}

// maxDetail bounds the text taken from a lower-level error message.
const maxDetail = 120

// detailOf returns a lower-level error message, bounded.
func detailOf(err error) string {
	d := err.Error()
	if len(d) > maxDetail {
		cut := maxDetail
		for cut > 0 && !utf8.RuneStart(d[cut]) {
			cut--
		}
		d = d[:cut] + "…"
	}
	return d
}

func (e *Error) withCause(err error) *Error {
	e.cause = err
	return e
}

// namesItsField lists the sentinels whose text already names the field.
var namesItsField = map[error]bool{
	ErrMissingPaymentHash:     true,
	ErrDuplicatePaymentHash:   true,
	ErrMissingPaymentSecret:   true,
	ErrUnknownRequiredFeature: true,
	ErrHighS:                  true,
}

// Error returns "bolt11: <rule>[ (field x)][: detail]".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("bolt11: ")
	b.WriteString(e.Err.Error())
	if e.Field != "" && !namesItsField[e.Err] {
		b.WriteString(" (field ")
		b.WriteString(e.Field)
		b.WriteString(")")
	}
	if len(e.Bits) > 0 {
		b.WriteString(": bits")
		for i, bit := range e.Bits {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteByte(' ')
			b.WriteString(strconv.Itoa(bit))
		}
	}
	if e.Detail != "" {
		b.WriteString(": ")
		b.WriteString(e.Detail)
	}
	return b.String()
}

// Unwrap returns the sentinel and, when there is one, the lower-level cause.
func (e *Error) Unwrap() []error {
	if e.cause == nil {
		return []error{e.Err}
	}
	return []error{e.Err, e.cause}
}
