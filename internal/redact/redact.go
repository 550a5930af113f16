// Package redact renders the redacted form the client packages give every
// type that holds PII or a secret: the type's name and the facts that
// identify no one, the same under fmt and log/slog.
package redact

import (
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
