// Package redact renders the redacted form the client packages give every
// type that holds PII or a secret: the type's name and the facts that
// identify no one, the same under fmt and log/slog.
package redact

import (
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
)

// Redacted stands for everything a redacted value hides.
const Redacted = "[REDACTED]"

// Text renders "pkg.name{k: v, …, [REDACTED]}": string facts quoted, the
// others as slog prints them.
func Text(pkg, name string, facts []slog.Attr) string {
	var b strings.Builder
	b.WriteString(pkg)
	b.WriteByte('.')
	b.WriteString(name)
	b.WriteByte('{')
	for _, a := range facts {
		b.WriteString(a.Key)
		b.WriteString(": ")
		if a.Value.Kind() == slog.KindString {
			b.WriteString(strconv.Quote(a.Value.String()))
		} else {
			b.WriteString(a.Value.String())
		}
		b.WriteString(", ")
	}
	b.WriteString(Redacted + "}")
	return b.String()
}

// Value is the slog form: a group of the facts, or "[REDACTED]" when there
// are none (an empty group would vanish from the record).
func Value(facts []slog.Attr) slog.Value {
	if len(facts) == 0 {
		return slog.StringValue(Redacted)
	}
	return slog.GroupValue(facts...)
}

// View is a redacted type's rendering under construction: its package and
// name, and the facts it may show. Build one per call to String, Format or
// LogValue.
type View struct {
	pkg, name string
	facts     []slog.Attr
}

// NewView starts the view of pkg.name with no facts.
func NewView(pkg, name string) *View { return &View{pkg: pkg, name: name} }

// Str adds a string fact unless s is empty.
func (v *View) Str(k, s string) *View {
	if s != "" {
		v.facts = append(v.facts, slog.String(k, s))
	}
	return v
}

// Flag adds a boolean fact when b is true.
func (v *View) Flag(k string, b bool) *View {
	if b {
		v.facts = append(v.facts, slog.Bool(k, b))
	}
	return v
}

// Count adds a whole-number fact, zero included.
func (v *View) Count(k string, n int) *View {
	v.facts = append(v.facts, slog.Int(k, n))
	return v
}

// NonZero adds a whole-number fact unless n is zero.
func (v *View) NonZero(k string, n int) *View {
	if n != 0 {
		v.facts = append(v.facts, slog.Int(k, n))
	}
	return v
}

// String is Text of the view.
func (v *View) String() string { return Text(v.pkg, v.name, v.facts) }

// Value is Value of the view's facts.
func (v *View) Value() slog.Value { return Value(v.facts) }

// Write is a redacted type's Format under every verb: it writes s, the
// type's redacted text, whatever the verb asks for, so no verb (%+v, %#v,
// %x, %d …) reaches the fields s leaves out.
func Write(f fmt.State, s string) { _, _ = io.WriteString(f, s) }
