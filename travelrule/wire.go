package travelrule

import (
	"bytes"
	"encoding/json"
	"sort"
	"unicode/utf8"
)

// jsonObject writes a JSON object the way JavaScript's JSON.stringify
// does — compact, keys in insertion order, no HTML escaping — because
// Striga hashes the body it receives and documents JSON.stringify. Empty
// strings and false are left out, as the API omits unset fields.
type jsonObject struct {
	b []byte
}

func newJSONObject(size int) *jsonObject {
	o := &jsonObject{b: make([]byte, 0, size)}
	o.b = append(o.b, '{')
	return o
}

func (o *jsonObject) key(k string) {
	if len(o.b) > 1 {
		o.b = append(o.b, ',')
	}
	o.b = appendJSONString(o.b, k)
	o.b = append(o.b, ':')
}

// str writes k: v unless v is empty.
func (o *jsonObject) str(k, v string) {
	if v == "" {
		return
	}
	o.key(k)
	o.b = appendJSONString(o.b, v)
}

// flag writes k: true when v is true.
func (o *jsonObject) flag(k string, v bool) {
	if !v {
		return
	}
	o.key(k)
	o.b = append(o.b, "true"...)
}

// extra writes every pair of m, in sorted key order, each value encoded
// like JSON.stringify would (no HTML escaping).
func (o *jsonObject) extra(m map[string]any) error {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v, err := marshalNoHTML(m[k])
		if err != nil {
			return err
		}
		o.key(k)
		o.b = append(o.b, v...)
	}
	return nil
}

func (o *jsonObject) bytes() []byte { return append(o.b, '}') }

// marshalNoHTML is json.Marshal without HTML escaping and without the
// trailing newline of json.Encoder.
func marshalNoHTML(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string literal escaped as
// JSON.stringify escapes: quote, backslash and control characters only.
// Invalid UTF-8 becomes U+FFFD, as encoding/json does.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0 // s[start:i] is plain and not yet appended
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r != utf8.RuneError || size != 1 {
				i += size
				continue
			}
			b = append(b, s[start:i]...)
			b = append(b, "\ufffd"...)
			i++
			start = i
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\b':
			b = append(b, '\\', 'b')
		case '\f':
			b = append(b, '\\', 'f')
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
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
