package monitoring

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
)

// encoder appends the JSON encoding of wire structs to buf. It writes the
// punctuation and the raw tokens itself; strings are escaped by
// encoding/json.
type encoder struct {
	buf     []byte
	scratch bytes.Buffer
	enc     *json.Encoder // writes to scratch
	s       string        // str's argument, passed by pointer to spare an allocation
}

func newEncoder() *encoder {
	e := &encoder{buf: make([]byte, 0, 1024)}
	e.enc = newStringEncoder(&e.scratch)
	return e
}

// newStringEncoder returns an encoding/json Encoder that leaves <, > and &
// alone: the body is never embedded in HTML, and it keeps the bytes this
// package has always sent.
func newStringEncoder(w *bytes.Buffer) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc
}

// str appends s as a JSON string.
func (e *encoder) str(s string) {
	if plainASCII(s) {
		// Printable ASCII without '"' or '\\' is its own JSON text: most
		// wire strings skip the Encoder, which halves the cost of a body.
		e.buf = append(append(append(e.buf, '"'), s...), '"')
		return
	}
	e.scratch.Reset()
	e.s = s
	_ = e.enc.Encode(&e.s) // a string always encodes
	e.buf = append(e.buf, bytes.TrimSuffix(e.scratch.Bytes(), []byte("\n"))...)
}

func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}

// quote returns s as a JSON string, escaped as the encoder does.
func quote(s string) string {
	var b bytes.Buffer
	_ = newStringEncoder(&b).Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
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
				e.str(k)
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
		e.str(s)
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
			e.str(fv.Index(i).String())
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
			e.str(k)
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
