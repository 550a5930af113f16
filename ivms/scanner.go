package ivms

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// scanner is a small pull JSON reader, written for Unmarshal's one pass over
// the input: no reflection, no intermediate tree, and string values that are
// substrings of one copy of the input (an escape or an invalid UTF-8 sequence
// costs a fresh string). It accepts exactly RFC 8259 JSON; like encoding/json
// it replaces invalid UTF-8 and lone surrogates with U+FFFD.
//
// The first error sticks: every method becomes a no-op once err is set, so
// the decoders can be written without checking after each call.
type scanner struct {
	data []byte
	src  string // string(data): values are sliced from it
	pos  int
	err  *DecodeError

	rawKey string // the current member's key as written
	keyPos int    // its offset in data
	key    []byte // the same, ASCII lower case without '_': the lookup form
	buf    []byte // scratch for unescaping

	path []pathSeg // where the decoder is, for error messages
}

// pathSeg is one step of a path: an element name and, for list items, an index.
type pathSeg struct {
	name  string
	index int // -1 when the step is not a list item
}

const maxSkipDepth = 512

func newScanner(data []byte) scanner {
	return scanner{data: data, src: string(data), path: make([]pathSeg, 0, 16)}
}

func (s *scanner) push(name string, index int) { s.path = append(s.path, pathSeg{name, index}) }
func (s *scanner) pop()                        { s.path = s.path[:len(s.path)-1] }

func formatPath(segs []pathSeg) string {
	b := make([]byte, 0, 64)
	for i, seg := range segs {
		if i > 0 {
			b = append(b, '.')
		}
		b = append(b, seg.name...)
		if seg.index >= 0 {
			b = append(b, '[')
			b = strconv.AppendInt(b, int64(seg.index), 10)
			b = append(b, ']')
		}
	}
	return string(b)
}

func (s *scanner) fail(sentinel error, detail string) {
	if s.err != nil {
		return
	}
	s.err = &DecodeError{Path: formatPath(s.path), Offset: s.pos, Err: sentinel, Detail: detail}
}

func (s *scanner) syntax(detail string) { s.fail(ErrSyntax, detail) }

// unknownKey reports the current member's key, positioned at its value.
func (s *scanner) unknownKey() {
	if s.err != nil {
		return
	}
	s.fail(ErrUnknownKey, "")
	k := s.rawKey
	if len(k) > 64 {
		k = k[:64]
	}
	s.err.Key = k
	s.err.Offset = s.keyPos
}

// typeError reports a value of the wrong JSON type at the current position
// (or a syntax error when no value starts there).
func (s *scanner) typeError(expected string) {
	if s.err != nil {
		return
	}
	k := s.kind()
	if k == "" {
		s.syntax("expected a value")
		return
	}
	s.fail(ErrType, "expected "+expected+", found "+k)
}

func (s *scanner) kind() string {
	if s.pos >= len(s.data) {
		return ""
	}
	switch c := s.data[s.pos]; {
	case c == '{':
		return "an object"
	case c == '[':
		return "an array"
	case c == '"':
		return "a string"
	case c == 't' || c == 'f':
		return "a boolean"
	case c == 'n':
		return "null"
	case c == '-' || isDigit(c):
		return "a number"
	}
	return ""
}

func (s *scanner) ws() {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return
		}
	}
}

// peek skips white space and returns the next byte (0 at the end or after an error).
func (s *scanner) peek() byte {
	if s.err != nil {
		return 0
	}
	s.ws()
	if s.pos >= len(s.data) {
		return 0
	}
	return s.data[s.pos]
}

// end checks that only white space follows the top-level value.
func (s *scanner) end() {
	if s.err != nil {
		return
	}
	s.ws()
	if s.pos < len(s.data) {
		s.syntax("data after the top-level value")
	}
}

// literal consumes true, false or null.
func (s *scanner) literal() {
	for _, lit := range [...]string{"true", "false", "null"} {
		if len(s.src)-s.pos >= len(lit) && s.src[s.pos:s.pos+len(lit)] == lit {
			s.pos += len(lit)
			return
		}
	}
	s.syntax("invalid literal")
}

// enterObject consumes '{' and returns true, or consumes null and returns
// false (absent). Any other value is a type error.
func (s *scanner) enterObject() bool {
	switch s.peek() {
	case '{':
		s.pos++
		return true
	case 'n':
		s.literal()
		return false
	}
	if s.err == nil {
		s.typeError("an object")
	}
	return false
}

// member moves to the next member of the current object. It returns false
// after consuming the closing '}' or on error; on true, rawKey and key are
// set and the scanner is at the member's value.
func (s *scanner) member(first *bool) bool {
	c := s.peek()
	if s.err != nil {
		return false
	}
	if c == '}' {
		s.pos++
		return false
	}
	if !*first {
		if c != ',' {
			s.syntax("expected ',' or '}' in object")
			return false
		}
		s.pos++
		c = s.peek()
	}
	*first = false
	if c != '"' {
		s.syntax("expected a string key")
		return false
	}
	s.keyPos = s.pos
	s.rawKey = s.readString()
	if s.err != nil {
		return false
	}
	s.key = s.key[:0]
	for i := 0; i < len(s.rawKey); i++ {
		c := s.rawKey[i]
		switch {
		case c == '_':
		case c >= 'A' && c <= 'Z':
			s.key = append(s.key, c+('a'-'A'))
		default:
			s.key = append(s.key, c)
		}
	}
	if s.peek() != ':' {
		s.syntax("expected ':' after object key")
		return false
	}
	s.pos++
	return true
}

// elem moves to the next element of the current array; false after ']'.
func (s *scanner) elem(first *bool) bool {
	c := s.peek()
	if s.err != nil {
		return false
	}
	if c == ']' {
		s.pos++
		return false
	}
	if !*first {
		if c != ',' {
			s.syntax("expected ',' or ']' in array")
			return false
		}
		s.pos++
		if c := s.peek(); c == ']' || c == 0 {
			s.syntax("expected a value after ','")
			return false
		}
	}
	*first = false
	return true
}

// text reads a string value. A number is taken as its literal text (some
// producers send postcodes and identifiers as numbers); null is "".
func (s *scanner) text() string {
	v, _ := s.scalar("a string")
	return v
}

// scalar reads a string or a number (isNumber true) or null ("").
func (s *scanner) scalar(expected string) (v string, isNumber bool) {
	switch c := s.peek(); {
	case c == '"':
		return s.readString(), false
	case c == '-' || isDigit(c):
		return s.number(), true
	case c == 'n':
		s.literal()
		return "", false
	}
	if s.err == nil {
		s.typeError(expected)
	}
	return "", false
}

// number reads a number literal, checked against the JSON grammar.
func (s *scanner) number() string {
	start := s.pos
	d := s.data
	i := s.pos
	if i < len(d) && d[i] == '-' {
		i++
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case i < len(d) && d[i] >= '1' && d[i] <= '9':
		for i < len(d) && isDigit(d[i]) {
			i++
		}
	default:
		s.pos = i
		s.syntax("invalid number")
		return ""
	}
	if i < len(d) && d[i] == '.' {
		i++
		if i >= len(d) || !isDigit(d[i]) {
			s.pos = i
			s.syntax("invalid number")
			return ""
		}
		for i < len(d) && isDigit(d[i]) {
			i++
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if i >= len(d) || !isDigit(d[i]) {
			s.pos = i
			s.syntax("invalid number")
			return ""
		}
		for i < len(d) && isDigit(d[i]) {
			i++
		}
	}
	s.pos = i
	return s.src[start:i]
}

// readString reads the string starting at s.pos (which holds '"').
func (s *scanner) readString() string {
	start := s.pos + 1
	d := s.data
	i := start
	for i < len(d) {
		c := d[i]
		switch {
		case c == '"':
			s.pos = i + 1
			return s.src[start:i]
		case c == '\\' || c < 0x20:
			return s.readStringSlow(start, i)
		case c < utf8.RuneSelf:
			i++
		default:
			r, size := utf8.DecodeRune(d[i:])
			if r == utf8.RuneError && size == 1 {
				return s.readStringSlow(start, i)
			}
			i += size
		}
	}
	s.pos = i
	s.syntax("unterminated string")
	return ""
}

// readStringSlow handles escapes and invalid UTF-8 from index i on.
func (s *scanner) readStringSlow(start, i int) string {
	d := s.data
	b := append(s.buf[:0], d[start:i]...)
	for i < len(d) {
		c := d[i]
		switch {
		case c == '"':
			s.pos = i + 1
			s.buf = b
			return string(b)
		case c < 0x20:
			s.pos = i
			s.syntax("control character in string")
			return ""
		case c == '\\':
			if i+1 >= len(d) {
				s.pos = i
				s.syntax("unterminated string")
				return ""
			}
			i++
			switch d[i] {
			case '"', '\\', '/':
				b = append(b, d[i])
			case 'b':
				b = append(b, '\b')
			case 'f':
				b = append(b, '\f')
			case 'n':
				b = append(b, '\n')
			case 'r':
				b = append(b, '\r')
			case 't':
				b = append(b, '\t')
			case 'u':
				r, ok := hex4(d, i+1)
				if !ok {
					s.pos = i
					s.syntax("invalid \\u escape")
					return ""
				}
				i += 4 // at the last hex digit
				if utf16.IsSurrogate(r) {
					pair := utf8.RuneError
					if i+2 < len(d) && d[i+1] == '\\' && d[i+2] == 'u' {
						if lo, ok := hex4(d, i+3); ok {
							if x := utf16.DecodeRune(r, lo); x != utf8.RuneError {
								pair = x
								i += 6
							}
						}
					}
					r = pair
				}
				b = utf8.AppendRune(b, r)
			default:
				s.pos = i
				s.syntax("invalid escape")
				return ""
			}
			i++
		case c < utf8.RuneSelf:
			b = append(b, c)
			i++
		default:
			r, size := utf8.DecodeRune(d[i:])
			if r == utf8.RuneError && size == 1 {
				b = append(b, "\uFFFD"...)
			} else {
				b = append(b, d[i:i+size]...)
			}
			i += size
		}
	}
	s.pos = i
	s.syntax("unterminated string")
	return ""
}

// hex4 parses the four hex digits at d[i:i+4].
func hex4(d []byte, i int) (rune, bool) {
	if i < 0 || i+4 > len(d) {
		return 0, false
	}
	var r rune
	for _, c := range d[i : i+4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}

// skip consumes one value of any type, nested to at most maxSkipDepth.
func (s *scanner) skip() { s.skipDepth(0) }

func (s *scanner) skipDepth(depth int) {
	if depth > maxSkipDepth {
		s.syntax("nesting too deep")
		return
	}
	switch c := s.peek(); {
	case s.err != nil:
	case c == '{':
		s.pos++
		first := true
		for s.member(&first) {
			s.skipDepth(depth + 1)
		}
	case c == '[':
		s.pos++
		first := true
		for s.elem(&first) {
			s.skipDepth(depth + 1)
		}
	case c == '"':
		s.readString()
	case c == '-' || isDigit(c):
		s.number()
	case c == 't' || c == 'f' || c == 'n':
		s.literal()
	case c == 0:
		s.syntax("unexpected end of input")
	default:
		s.syntax("invalid character")
	}
}
