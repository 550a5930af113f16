package monitoring

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"unicode/utf8"
)

// maxDepth bounds nesting: a wire body nested deeper than this is refused.
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

// unmarshalWire decodes data into the wire struct pointed to by v.
//
// encoding/json validates data; a walker then splits the objects of the
// valid input into members and hands each value's bytes to the field table.
// The walker is hand-written because encoding/json cannot hand back an
// object's members with their bytes in one pass: doing it level by level
// (map[string]json.RawMessage) rescans each nested object and made
// decoding a result six times slower, Submit 1.3x a raw signed POST.
// FuzzTransactionUnmarshal checks it against exactly that encoding/json
// decoding (decodeObjectStd, in the tests).
func unmarshalWire(data []byte, v any) error {
	if !json.Valid(data) {
		var se *json.SyntaxError
		if errors.As(json.Unmarshal(data, new(any)), &se) {
			return &SyntaxError{Offset: int(se.Offset), msg: "malformed JSON"}
		}
		return &SyntaxError{msg: "malformed JSON"}
	}
	if tooDeep(data) {
		return &SyntaxError{msg: "nesting too deep"}
	}
	i := skipSpace(data, 0)
	if data[i] != '{' {
		return &SyntaxError{Offset: i, msg: "expected an object"}
	}
	rv := reflect.ValueOf(v).Elem()
	_, err := walker(data).object(i, rv, codecFor(rv.Type()))
	return err
}

// tooDeep reports whether the valid JSON data nests objects and arrays
// deeper than maxDepth. Hand-written: encoding/json's limit (10000) is
// fixed.
func tooDeep(data []byte) bool {
	if len(data) <= maxDepth {
		return false
	}
	depth := 0
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '"':
			i = stringEnd(data, i) - 1
		case '{', '[':
			if depth++; depth > maxDepth {
				return true
			}
		case '}', ']':
			depth--
		}
	}
	return false
}

// walker walks JSON that json.Valid has accepted, so it checks nothing:
// it only finds where values end. Offsets are into the walker.
type walker []byte

func skipSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
		i++
	}
	return i
}

// stringEnd returns the end of the string starting at data[i].
func stringEnd(data []byte, i int) int {
	for i++; ; i++ {
		switch data[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
}

// valueEnd returns the end of the value starting at w[i].
func (w walker) valueEnd(i int) int {
	switch w[i] {
	case '"':
		return stringEnd(w, i)
	case '{', '[':
		for depth := 0; ; i++ {
			switch w[i] {
			case '"':
				i = stringEnd(w, i) - 1
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return i + 1
				}
			}
		}
	}
	for i < len(w) && w[i] != ',' && w[i] != '}' && w[i] != ']' && w[i] != ' ' && w[i] != '\t' && w[i] != '\n' && w[i] != '\r' {
		i++ // a number or a literal
	}
	return i
}

// members calls fn with each key and value offset of the object at w[i],
// and returns the object's end. fn returns the value's end.
func (w walker) members(i int, fn func(key []byte, at int) (int, error)) (int, error) {
	i = skipSpace(w, i+1)
	if w[i] == '}' {
		return i + 1, nil
	}
	for {
		kEnd := stringEnd(w, i)
		at := skipSpace(w, skipSpace(w, kEnd)+1) // past ':'
		end, err := fn(w[i:kEnd], at)
		if err != nil {
			return 0, err
		}
		i = skipSpace(w, end)
		if w[i] == '}' {
			return i + 1, nil
		}
		i = skipSpace(w, i+1) // past ','
	}
}

// elements is members for the array at w[i].
func (w walker) elements(i int, fn func(at int) (int, error)) (int, error) {
	i = skipSpace(w, i+1)
	if w[i] == ']' {
		return i + 1, nil
	}
	for {
		end, err := fn(i)
		if err != nil {
			return 0, err
		}
		i = skipSpace(w, end)
		if w[i] == ']' {
			return i + 1, nil
		}
		i = skipSpace(w, i+1)
	}
}

// unquote returns the content of the string token s. encoding/json
// unescapes it; one without escapes is its own content.
func unquote(s []byte) string {
	if c := s[1 : len(s)-1]; bytes.IndexByte(c, '\\') < 0 && utf8.Valid(c) {
		return string(c)
	}
	var out string
	_ = json.Unmarshal(s, &out) // s is a valid string token
	return out
}

// errKeepRaw stops the decoding of an array with an element of a type the
// field does not take; the array then goes to Extra whole.
var errKeepRaw = errors.New("keep raw")

// object decodes the object at w[i] into the struct v and returns its end.
// Each modelled member is decoded into its field unless field refuses it;
// it then goes to Extra raw, as does every other member. With a repeated
// key the last one wins, whether it lands in the field or in Extra.
func (w walker) object(i int, v reflect.Value, c *structCodec) (int, error) {
	return w.members(i, func(key []byte, at int) (int, error) {
		name := key[1 : len(key)-1]
		if bytes.IndexByte(name, '\\') >= 0 {
			name = []byte(unquote(key))
		}
		if j, modelled := c.byName[string(name)]; modelled {
			f := &c.fields[j]
			fv := v.Field(f.index)
			end, err := w.field(at, fv, f)
			if err == nil {
				if c.extra >= 0 {
					if ev := v.Field(c.extra); !ev.IsNil() {
						if ev.SetMapIndex(reflect.ValueOf(string(name)), reflect.Value{}); ev.Len() == 0 {
							ev.SetZero()
						}
					}
				}
				return end, nil
			}
			if err != errKeepRaw {
				return 0, err
			}
			fv.SetZero()
		}
		end := w.valueEnd(at)
		if c.extra >= 0 {
			ev := v.Field(c.extra)
			if ev.IsNil() {
				ev.Set(reflect.MakeMap(typeExtraMap))
			}
			raw := json.RawMessage(bytes.Clone(w[at:end]))
			ev.SetMapIndex(reflect.ValueOf(unquote(key)), reflect.ValueOf(raw))
		}
		return end, nil
	})
}

// field decodes the value at w[i] into a modelled field and returns its
// end, or errKeepRaw when the value should instead be kept verbatim in
// Extra: a zero value ("" or false), null, or a JSON type the field does
// not take.
func (w walker) field(i int, fv reflect.Value, f *fieldInfo) (int, error) {
	c := w[i]
	switch f.kind {
	case kindString:
		end := w.valueEnd(i)
		if c != '"' || end-i == 2 {
			return 0, errKeepRaw
		}
		fv.SetString(unquote(w[i:end]))
		return end, nil
	case kindBool:
		if !bytes.HasPrefix(w[i:], []byte("true")) {
			return 0, errKeepRaw
		}
		fv.SetBool(true)
		return i + 4, nil
	case kindNumber:
		if c != '"' && c != '-' && !isDigit(c) {
			return 0, errKeepRaw
		}
		end := w.valueEnd(i)
		fv.Addr().Interface().(*Number).tok = string(w[i:end])
		return end, nil
	case kindRaw:
		if c == 'n' {
			return 0, errKeepRaw
		}
		end := w.valueEnd(i)
		fv.SetBytes(bytes.Clone(w[i:end]))
		return end, nil
	case kindStruct:
		if c != '{' {
			return 0, errKeepRaw
		}
		p := reflect.New(f.elem)
		end, err := w.object(i, p.Elem(), f.elemCodec())
		if err == nil {
			fv.Set(p)
		}
		return end, err
	case kindStructSlice, kindStringSlice:
		if c != '[' {
			return 0, errKeepRaw
		}
		s := reflect.MakeSlice(fv.Type(), 0, 4)
		end, err := w.elements(i, func(at int) (int, error) {
			switch {
			case f.kind == kindStructSlice && w[at] == '{':
				s = reflect.Append(s, reflect.Zero(f.elem))
				return w.object(at, s.Index(s.Len()-1), f.elemCodec())
			case f.kind == kindStringSlice && w[at] == '"':
				end := stringEnd(w, at)
				s = reflect.Append(s, reflect.ValueOf(unquote(w[at:end])).Convert(fv.Type().Elem()))
				return end, nil
			}
			return 0, errKeepRaw
		})
		if err == nil {
			fv.Set(s)
		}
		return end, err
	case kindProps:
		if c != '{' {
			return 0, errKeepRaw
		}
		p := Props{}
		end, _ := w.members(i, func(key []byte, at int) (int, error) {
			end := w.valueEnd(at)
			p[unquote(key)] = PropValue{raw: string(w[at:end])}
			return end, nil
		})
		fv.Set(reflect.ValueOf(p))
		return end, nil
	}
	return 0, errKeepRaw
}
