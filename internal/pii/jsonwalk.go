package pii

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ErrInvalidDocument reports a PII document, or a field-format payload, that
// is not the JSON the format requires.
var ErrInvalidDocument = errors.New("invalid PII JSON document")

// MaxDepth is the deepest nesting of objects and arrays the walkers accept
// (Jackson's default StreamReadConstraints limit). IVMS101 documents nest
// about ten levels deep.
const MaxDepth = 1000

// LeafKind is the JSON type of a scalar leaf.
type LeafKind uint8

// Leaf kinds. null is not a leaf: the walkers keep it as it is.
const (
	StringLeaf LeafKind = iota + 1
	NumberLeaf
	BoolLeaf
)

// Leaf is a scalar of a JSON document: Text is the unescaped string, the
// number literal as written, or "true" / "false".
type Leaf struct {
	Kind LeafKind
	Text string
}

// Path is the location of a leaf as JSON Pointer (RFC 6901) segments.
type Path struct{ segs []string }

// String returns the RFC 6901 JSON Pointer, "" for the root.
func (p *Path) String() string {
	var b strings.Builder
	for _, s := range p.segs {
		b.WriteByte('/')
		_, _ = pointerEscaper.WriteString(&b, s)
	}
	return b.String()
}

var pointerEscaper = strings.NewReplacer("~", "~0", "/", "~1")

func docErr(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalidDocument, fmt.Sprintf(format, args...))
}

// checkJSON reports a syntax error by byte offset only: the messages of
// encoding/json quote the offending character, which could be PII.
func checkJSON(doc []byte) error {
	if json.Valid(doc) {
		return nil
	}
	var se *json.SyntaxError
	if err := json.Unmarshal(doc, new(json.RawMessage)); errors.As(err, &se) {
		return docErr("not valid JSON (syntax error at byte %d)", se.Offset)
	}
	return docErr("not valid JSON")
}

// leafFunc handles one leaf. When rewriting, it appends the leaf's
// replacement JSON value to dst.
type leafFunc func(dst []byte, path *Path, leaf Leaf) ([]byte, error)

type walker struct {
	dec   *json.Decoder
	out   []byte
	path  Path
	fn    leafFunc
	visit bool // no output: Visit only
}

// Rewrite parses doc and writes it back compactly with object keys and array
// structure unchanged, null kept, and every other scalar replaced by what fn
// appends. Object keys keep their order (and duplicates).
func Rewrite(doc []byte, fn leafFunc) ([]byte, error) {
	w, err := newWalker(doc, fn)
	if err != nil {
		return nil, err
	}
	w.out = make([]byte, 0, len(doc)+len(doc)/2)
	if err := w.walk(); err != nil {
		return nil, err
	}
	return w.out, nil
}

// Visit calls fn for every scalar leaf of doc, in document order; dst is nil
// and fn's returned slice is ignored.
func Visit(doc []byte, fn func(path *Path, leaf Leaf) error) error {
	w, err := newWalker(doc, func(dst []byte, p *Path, l Leaf) ([]byte, error) {
		return dst, fn(p, l)
	})
	if err != nil {
		return err
	}
	w.visit = true
	return w.walk()
}

func newWalker(doc []byte, fn leafFunc) (*walker, error) {
	if err := checkJSON(doc); err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	return &walker{dec: dec, fn: fn}, nil
}

func (w *walker) walk() error {
	tok, err := w.dec.Token()
	if err != nil {
		return docErr("not valid JSON")
	}
	return w.value(tok, 0)
}

func (w *walker) value(tok json.Token, depth int) error {
	if w.visit {
		w.out = w.out[:0] // Visit writes nothing; keep the buffer small
	}
	var err error
	switch v := tok.(type) {
	case json.Delim:
		if depth >= MaxDepth {
			return docErr("nested deeper than %d levels at %s", MaxDepth, w.path.String())
		}
		if v == '{' {
			return w.object(depth)
		}
		return w.array(depth)
	case nil:
		w.out = append(w.out, "null"...)
	case string:
		w.out, err = w.fn(w.out, &w.path, Leaf{Kind: StringLeaf, Text: v})
	case json.Number:
		w.out, err = w.fn(w.out, &w.path, Leaf{Kind: NumberLeaf, Text: string(v)})
	case bool:
		w.out, err = w.fn(w.out, &w.path, Leaf{Kind: BoolLeaf, Text: strconv.FormatBool(v)})
	default:
		return docErr("unexpected JSON token")
	}
	return err
}

func (w *walker) object(depth int) error {
	w.out = append(w.out, '{')
	for i := 0; w.dec.More(); i++ {
		kt, err := w.dec.Token()
		if err != nil {
			return docErr("not valid JSON")
		}
		key, ok := kt.(string)
		if !ok {
			return docErr("not valid JSON")
		}
		if i > 0 {
			w.out = append(w.out, ',')
		}
		w.out = AppendJSONString(w.out, key)
		w.out = append(w.out, ':')
		if err := w.member(key, depth); err != nil {
			return err
		}
	}
	if _, err := w.dec.Token(); err != nil { // '}'
		return docErr("not valid JSON")
	}
	w.out = append(w.out, '}')
	return nil
}

func (w *walker) array(depth int) error {
	w.out = append(w.out, '[')
	for i := 0; w.dec.More(); i++ {
		if i > 0 {
			w.out = append(w.out, ',')
		}
		if err := w.member(strconv.Itoa(i), depth); err != nil {
			return err
		}
	}
	if _, err := w.dec.Token(); err != nil { // ']'
		return docErr("not valid JSON")
	}
	w.out = append(w.out, ']')
	return nil
}

func (w *walker) member(seg string, depth int) error {
	tok, err := w.dec.Token()
	if err != nil {
		return docErr("not valid JSON")
	}
	w.path.segs = append(w.path.segs, seg)
	err = w.value(tok, depth+1)
	w.path.segs = w.path.segs[:len(w.path.segs)-1]
	return err
}

// AppendJSONString appends s as a JSON string escaped exactly as Jackson's
// default ObjectMapper does, so that metadata objects hash to the same bytes
// as GTR's Java tools: only '"', '\\' and control characters are escaped;
// \b \t \n \f \r use their short forms, other controls \u00XX with upper-case
// hex; '/', '<', '>', '&', DEL and non-ASCII are written as they are.
func AppendJSONString(dst []byte, s string) []byte {
	const hex = "0123456789ABCDEF"
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		dst = append(dst, s[start:i]...)
		switch c {
		case '"', '\\':
			dst = append(dst, '\\', c)
		case '\b':
			dst = append(dst, '\\', 'b')
		case '\t':
			dst = append(dst, '\\', 't')
		case '\n':
			dst = append(dst, '\\', 'n')
		case '\f':
			dst = append(dst, '\\', 'f')
		case '\r':
			dst = append(dst, '\\', 'r')
		default:
			dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
		}
		start = i + 1
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
