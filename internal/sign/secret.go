package sign

import (
	"fmt"
	"io"
	"log/slog"
)

// Redacted is what every textual form of a Secret prints.
const Redacted = "[REDACTED]"

// Secret holds a credential (API secret, app token, API key) so that no
// printing, logging or marshalling path can show it: String, GoString,
// Format (every verb: %v %+v %#v %s %q %x %d …), LogValue, MarshalJSON and
// MarshalText all yield [REDACTED]. Only Reveal returns the value.
//
// The value sits behind a pointer, so even a Secret stored in an unexported
// struct field — where fmt cannot call its methods and falls back to
// reflection — prints as an address, never as the text. The zero Secret is
// empty. Secrets are immutable and safe for concurrent use.
type Secret struct {
	p *string
}

// NewSecret wraps s. NewSecret("") is the zero (empty) Secret.
func NewSecret(s string) Secret {
	if s == "" {
		return Secret{}
	}
	return Secret{p: &s}
}

// Reveal returns the secret value. Call it only where the value goes on
// the wire or into a MAC.
func (s Secret) Reveal() string {
	if s.p == nil {
		return ""
	}
	return *s.p
}

// IsZero reports whether the secret is empty.
func (s Secret) IsZero() bool { return s.p == nil || *s.p == "" }

// String implements fmt.Stringer.
func (Secret) String() string { return Redacted }

// GoString implements fmt.GoStringer.
func (Secret) GoString() string { return Redacted }

// Format implements fmt.Formatter for every verb and flag.
func (Secret) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, Redacted) }

// LogValue implements slog.LogValuer.
func (Secret) LogValue() slog.Value { return slog.StringValue(Redacted) }

// MarshalJSON implements json.Marshaler: the JSON string "[REDACTED]".
func (Secret) MarshalJSON() ([]byte, error) { return []byte(`"` + Redacted + `"`), nil }

// MarshalText implements encoding.TextMarshaler.
func (Secret) MarshalText() ([]byte, error) { return []byte(Redacted), nil }
