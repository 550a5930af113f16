package monitoring

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"unicode/utf8"
)

// encoder appends the JSON encoding of wire structs to buf.
type encoder struct {
	buf []byte
}

// object writes the non-zero modelled fields of struct v in declaration
// order, then its Extra keys sorted; an Extra key naming a modelled field
// that was written is skipped.
func (e *encoder) object(v reflect.Value, c *structCodec) error {
	e.buf = append(e.buf, '{')
	first := true
	var written uint64 // bit i: fields[i] written (wire structs have < 64 fields)
	for i := range c.fields {
		f := &c.fields[i]
		fv := v.Field(f.index)
		start := len(e.buf)
		if !first {
			e.buf = append(e.buf, ',')
		}
		e.buf = append(e.buf, f.key...)
		ok, err := e.value(fv, f)
		if err != nil {
			return err
		}
		if !ok {
			e.buf = e.buf[:start]
			continue
		}
		first = false
		if i < 64 {
			written |= 1 << i
		}
	}
	if c.extra >= 0 {
		ev := v.Field(c.extra)
		if ev.Len() > 0 {
			extra := ev.Interface().(map[string]json.RawMessage)
			keys := make([]string, 0, len(extra))
			for k := range extra {
				if i, ok := c.byName[k]; ok && i < 64 && written&(1<<i) != 0 {
					continue
				}
				keys = append(keys, k)
			}
			slices.Sort(keys)
			for _, k := range keys {
				raw := extra[k]
				if !json.Valid(raw) {
					return fmt.Errorf("monitoring: Extra value of key %q is not valid JSON", k)
				}
				if !first {
					e.buf = append(e.buf, ',')
				}
				first = false
				e.buf = appendString(e.buf, k)
				e.buf = append(e.buf, ':')
				e.buf = append(e.buf, raw...)
			}
		}
	}
	e.buf = append(e.buf, '}')
	return nil
}

// value writes one field's value and reports whether it wrote anything
// (zero values are left out).
func (e *encoder) value(fv reflect.Value, f *fieldInfo) (bool, error) {
	switch f.kind {
	case kindString:
		s := fv.String()
		if s == "" {
			return false, nil
		}
		e.buf = appendString(e.buf, s)
	case kindBool:
		if !fv.Bool() {
			return false, nil
		}
		e.buf = append(e.buf, "true"...)
	case kindNumber:
		n := Number{tok: fv.Field(0).String()} // Number's only field
		if n.tok == "" {
			return false, nil
		}
		if !n.valid() {
			return false, fmt.Errorf("monitoring: %s: %w", f.name, ErrInvalidNumber)
		}
		e.buf = append(e.buf, n.tok...)
	case kindRaw:
		raw := fv.Bytes()
		if len(raw) == 0 {
			return false, nil
		}
		if !json.Valid(raw) {
			return false, fmt.Errorf("monitoring: %s is not valid JSON", f.name)
		}
		e.buf = append(e.buf, raw...)
	case kindStruct:
		if fv.IsNil() {
			return false, nil
		}
		if err := e.object(fv.Elem(), f.elemCodec()); err != nil {
			return false, err
		}
	case kindStructSlice:
		if fv.IsNil() {
			return false, nil
		}
		ec := f.elemCodec()
		e.buf = append(e.buf, '[')
		for i := 0; i < fv.Len(); i++ {
			if i > 0 {
				e.buf = append(e.buf, ',')
			}
			if err := e.object(fv.Index(i), ec); err != nil {
				return false, err
			}
		}
		e.buf = append(e.buf, ']')
	case kindStringSlice:
		if fv.IsNil() {
			return false, nil
		}
		e.buf = append(e.buf, '[')
		for i := 0; i < fv.Len(); i++ {
			if i > 0 {
				e.buf = append(e.buf, ',')
			}
			e.buf = appendString(e.buf, fv.Index(i).String())
		}
		e.buf = append(e.buf, ']')
	case kindProps:
		if fv.IsNil() {
			return false, nil
		}
		p := fv.Interface().(Props)
		keys := make([]string, 0, len(p))
		for k := range p {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		e.buf = append(e.buf, '{')
		for i, k := range keys {
			if i > 0 {
				e.buf = append(e.buf, ',')
			}
			e.buf = appendString(e.buf, k)
			e.buf = append(e.buf, ':')
			raw := p[k].raw
			if raw == "" || !json.Valid([]byte(raw)) {
				return false, fmt.Errorf("monitoring: props[%q] is not a valid value", k)
			}
			e.buf = append(e.buf, raw...)
		}
		e.buf = append(e.buf, '}')
	}
	return true, nil
}

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string. Like encoding/json it escapes
// control characters, U+2028, U+2029 and invalid UTF-8 (as U+FFFD); unlike
// it, it leaves <, > and & alone (the body is never embedded in HTML).
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
