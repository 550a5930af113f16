package monitoring

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
)

// maxDepth bounds nesting so hostile input cannot exhaust the stack.
const maxDepth = 512

// SyntaxError is malformed JSON given to a wire type. It reports the byte
// offset and what was wrong, never the input itself.
type SyntaxError struct {
	Offset int
	msg    string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("monitoring: invalid JSON at offset %d: %s", e.Offset, e.msg)
}

// decoder is a one-pass recursive-descent JSON decoder over data.
type decoder struct {
	data []byte
	pos  int
}

func (d *decoder) syntax(msg string) error { return &SyntaxError{Offset: d.pos, msg: msg} }

func (d *decoder) ws() {
	for d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

func (d *decoder) peek() byte {
	if d.pos < len(d.data) {
		return d.data[d.pos]
	}
	return 0
}

// object decodes a JSON object into the struct v.
func (d *decoder) object(v reflect.Value, c *structCodec, depth int) error {
	if depth > maxDepth {
		return d.syntax("nesting too deep")
	}
	if d.peek() != '{' {
		return d.syntax("expected an object")
	}
	d.pos++
	d.ws()
	if d.peek() == '}' {
		d.pos++
		return nil
	}
	for {
		d.ws()
		key, err := d.key()
		if err != nil {
			return err
		}
		d.ws()
		if d.peek() != ':' {
			return d.syntax("expected ':' after an object key")
		}
		d.pos++
		d.ws()
		start := d.pos
		kept := false
		i, modelled := c.byName[string(key)] // no allocation for the lookup
		if modelled {
			f := &c.fields[i]
			kept, err = d.field(v, f, depth)
			if err != nil {
				return err
			}
			// With a repeated key the last one wins, whether it lands in
			// the field or in Extra.
			fv := v.Field(f.index)
			if kept && c.extra >= 0 {
				if ev := v.Field(c.extra); !ev.IsNil() {
					ev.SetMapIndex(reflect.ValueOf(string(key)), reflect.Value{})
				}
			} else if !kept {
				fv.SetZero()
			}
		}
		if !kept {
			d.pos = start
			if err := d.skip(depth + 1); err != nil {
				return err
			}
			if c.extra >= 0 {
				ev := v.Field(c.extra)
				if ev.IsNil() {
					ev.Set(reflect.MakeMap(typeExtraMap))
				}
				raw := append(json.RawMessage(nil), d.data[start:d.pos]...)
				ev.SetMapIndex(reflect.ValueOf(string(key)), reflect.ValueOf(raw))
			}
		}
		d.ws()
		switch d.peek() {
		case ',':
			d.pos++
		case '}':
			d.pos++
			return nil
		default:
			return d.syntax("expected ',' or '}' in an object")
		}
	}
}

// field decodes one modelled field. It reports false, leaving the position
// anywhere, when the value should instead be kept verbatim in Extra: a zero
// value ("" or false), null, or a JSON type the field does not take.
func (d *decoder) field(v reflect.Value, f *fieldInfo, depth int) (bool, error) {
	fv := v.Field(f.index)
	c := d.peek()
	switch f.kind {
	case kindString:
		if c != '"' {
			return false, nil
		}
		s, err := d.str()
		if err != nil || s == "" {
			return false, err
		}
		fv.SetString(s)
	case kindBool:
		if !d.literal("true") {
			return false, nil
		}
		fv.SetBool(true)
	case kindNumber:
		start := d.pos
		switch {
		case c == '"':
			if _, err := d.str(); err != nil {
				return false, err
			}
		case c == '-' || (c >= '0' && c <= '9'):
			if err := d.number(); err != nil {
				return false, err
			}
		default:
			return false, nil
		}
		fv.Addr().Interface().(*Number).tok = string(d.data[start:d.pos])
	case kindRaw:
		if c == 'n' {
			return false, nil
		}
		start := d.pos
		if err := d.skip(depth + 1); err != nil {
			return false, err
		}
		fv.SetBytes(append([]byte(nil), d.data[start:d.pos]...))
	case kindStruct:
		if c != '{' {
			return false, nil
		}
		p := reflect.New(f.elem)
		if err := d.object(p.Elem(), f.elemCodec(), depth+1); err != nil {
			return false, err
		}
		fv.Set(p)
	case kindStructSlice:
		if c != '[' {
			return false, nil
		}
		ec := f.elemCodec()
		s := reflect.MakeSlice(fv.Type(), 0, 4)
		err := d.array(depth, func() (bool, error) {
			if d.peek() != '{' {
				return false, nil
			}
			s = reflect.Append(s, reflect.Zero(f.elem))
			return true, d.object(s.Index(s.Len()-1), ec, depth+2)
		})
		if errors.Is(err, errKeepRaw) {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		fv.Set(s)
	case kindStringSlice:
		if c != '[' {
			return false, nil
		}
		var out []string
		err := d.array(depth, func() (bool, error) {
			if d.peek() != '"' {
				return false, nil
			}
			s, err := d.str()
			out = append(out, s)
			return true, err
		})
		if errors.Is(err, errKeepRaw) {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		if out == nil {
			out = []string{}
		}
		fv.Set(reflect.ValueOf(out).Convert(fv.Type()))
	case kindProps:
		if c != '{' {
			return false, nil
		}
		p, err := d.props(depth + 1)
		if err != nil {
			return false, err
		}
		fv.Set(reflect.ValueOf(p))
	}
	return true, nil
}

// array decodes a JSON array, calling elem at each element. elem returns
// false when the element has a type the field does not take; array then
// reports false so the caller keeps the whole array raw.
func (d *decoder) array(depth int, elem func() (bool, error)) error {
	if depth+1 > maxDepth {
		return d.syntax("nesting too deep")
	}
	d.pos++ // '['
	d.ws()
	if d.peek() == ']' {
		d.pos++
		return nil
	}
	for {
		d.ws()
		ok, err := elem()
		if err != nil {
			return err
		}
		if !ok {
			return errKeepRaw
		}
		d.ws()
		switch d.peek() {
		case ',':
			d.pos++
		case ']':
			d.pos++
			return nil
		default:
			return d.syntax("expected ',' or ']' in an array")
		}
	}
}

// errKeepRaw makes field keep an array of unexpected element types raw.
var errKeepRaw = errors.New("keep raw")

// props decodes an object whose values are kept as raw tokens.
func (d *decoder) props(depth int) (Props, error) {
	p := Props{}
	d.pos++ // '{'
	d.ws()
	if d.peek() == '}' {
		d.pos++
		return p, nil
	}
	for {
		d.ws()
		key, err := d.str()
		if err != nil {
			return nil, err
		}
		d.ws()
		if d.peek() != ':' {
			return nil, d.syntax("expected ':' after an object key")
		}
		d.pos++
		d.ws()
		start := d.pos
		if err := d.skip(depth + 1); err != nil {
			return nil, err
		}
		p[key] = PropValue{raw: string(d.data[start:d.pos])}
		d.ws()
		switch d.peek() {
		case ',':
			d.pos++
		case '}':
			d.pos++
			return p, nil
		default:
			return nil, d.syntax("expected ',' or '}' in an object")
		}
	}
}

// skip moves past one JSON value, checking its syntax.
func (d *decoder) skip(depth int) error {
	if depth > maxDepth {
		return d.syntax("nesting too deep")
	}
	switch c := d.peek(); {
	case c == '{':
		d.pos++
		d.ws()
		if d.peek() == '}' {
			d.pos++
			return nil
		}
		for {
			d.ws()
			if _, err := d.str(); err != nil {
				return err
			}
			d.ws()
			if d.peek() != ':' {
				return d.syntax("expected ':' after an object key")
			}
			d.pos++
			d.ws()
			if err := d.skip(depth + 1); err != nil {
				return err
			}
			d.ws()
			switch d.peek() {
			case ',':
				d.pos++
			case '}':
				d.pos++
				return nil
			default:
				return d.syntax("expected ',' or '}' in an object")
			}
		}
	case c == '[':
		d.pos++
		d.ws()
		if d.peek() == ']' {
			d.pos++
			return nil
		}
		for {
			d.ws()
			if err := d.skip(depth + 1); err != nil {
				return err
			}
			d.ws()
			switch d.peek() {
			case ',':
				d.pos++
			case ']':
				d.pos++
				return nil
			default:
				return d.syntax("expected ',' or ']' in an array")
			}
		}
	case c == '"':
		_, err := d.str()
		return err
	case c == '-' || (c >= '0' && c <= '9'):
		return d.number()
	case d.literal("true"), d.literal("false"), d.literal("null"):
		return nil
	}
	return d.syntax("expected a value")
}
