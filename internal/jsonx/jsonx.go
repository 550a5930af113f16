// Package jsonx writes JSON strings the way JavaScript's JSON.stringify
// writes them, for request bodies a JavaScript server may hash after
// re-serialising them (Striga signs the MD5 of the body).
//
// JSON.stringify escapes only the quote, the backslash and the control
// characters U+0000–U+001F (\b \f \n \r \t in short form, the others as
// \u00xx in lower case); encoding/json, even with SetEscapeHTML(false),
// also escapes U+2028 and U+2029 and writes invalid UTF-8 as the escape
// \ufffd. Build the JSON with encoding/json and pass it through Stringify
// (or call Marshal) to get JSON.stringify's bytes: a hand-written pass,
// because encoding/json has no option for these escapes.
package jsonx

import (
	"bytes"
	"encoding/json"
	"unicode/utf16"
	"unicode/utf8"
)

const hexDigits = "0123456789abcdef"

// appendRune appends r, a valid rune, inside a string literal.
func appendRune(dst []byte, r rune) []byte {
	switch r {
	case '"', '\\':
		return append(dst, '\\', byte(r))
	case '\b':
		return append(dst, '\\', 'b')
	case '\f':
		return append(dst, '\\', 'f')
	case '\n':
		return append(dst, '\\', 'n')
	case '\r':
		return append(dst, '\\', 'r')
	case '\t':
		return append(dst, '\\', 't')
	}
	if r < 0x20 {
		return append(dst, '\\', 'u', '0', '0', hexDigits[r>>4], hexDigits[r&0xf])
	}
	return utf8.AppendRune(dst, r)
}

// Marshal is json.Marshal with every string, map keys included, written
// as JSON.stringify writes it: Stringify over encoding/json's output with
// HTML escaping off.
func Marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return Stringify(make([]byte, 0, buf.Len()), buf.Bytes()), nil
}

// Stringify appends data, which must be valid JSON (json.Valid), to dst
// without whitespace and with every string literal rewritten as
// JSON.stringify writes its value: escapes it does not write
// (\/, \u2028, \u0041, \uD83D\uDE00, upper-case hex) are decoded, invalid
// UTF-8 becomes U+FFFD, and a lone surrogate stays a \udxxx escape, as
// JSON.stringify writes it. Numbers, literals and member order are kept:
// for data whose numbers JavaScript writes the same way (encoding/json
// writes float64 so, but -0) and whose keys are not array indices, the
// result is what JSON.stringify(JSON.parse(data)) gives.
func Stringify(dst, data []byte) []byte {
	for i := 0; i < len(data); i++ {
		switch c := data[i]; c {
		case ' ', '\t', '\n', '\r':
		case '"':
			end := literalEnd(data, i)
			dst = appendLiteral(dst, data[i+1:end-1])
			i = end - 1
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// literalEnd returns the index just past the string literal starting at
// data[i] (a quote).
func literalEnd(data []byte, i int) int {
	for i++; i < len(data); i++ {
		switch data[i] {
		case '\\':
			i++ // the escaped byte; the rest of \uXXXX is plain
		case '"':
			return i + 1
		}
	}
	return len(data)
}

// appendLiteral appends the string literal whose content (between the
// quotes, valid JSON) is lit as JSON.stringify writes its value. Invalid
// UTF-8 becomes U+FFFD, one per bad byte, as in encoding/json.
func appendLiteral(dst, lit []byte) []byte {
	dst = append(dst, '"')
	for i := 0; i < len(lit); {
		c := lit[i]
		switch {
		case c == '\\' && lit[i+1] != 'u':
			if e := lit[i+1]; e == '/' {
				dst = append(dst, '/')
			} else {
				dst = append(dst, '\\', e) // \" \\ \b \f \n \r \t
			}
			i += 2
		case c == '\\':
			r := hex4(lit[i+2:])
			i += 6
			if utf16.IsSurrogate(r) {
				if r < 0xdc00 && i+6 <= len(lit) && lit[i] == '\\' && lit[i+1] == 'u' {
					if r2 := hex4(lit[i+2:]); r2 >= 0xdc00 && r2 < 0xe000 {
						dst = utf8.AppendRune(dst, utf16.DecodeRune(r, r2))
						i += 6
						continue
					}
				}
				// A lone surrogate, which JSON.stringify writes escaped.
				dst = append(dst, '\\', 'u', hexDigits[r>>12], hexDigits[r>>8&0xf], hexDigits[r>>4&0xf], hexDigits[r&0xf])
				continue
			}
			dst = appendRune(dst, r)
		case c < utf8.RuneSelf:
			dst = append(dst, c)
			i++
		default:
			r, size := utf8.DecodeRune(lit[i:])
			if r == utf8.RuneError && size == 1 {
				dst = append(dst, "\ufffd"...)
			} else {
				dst = append(dst, lit[i:i+size]...)
			}
			i += size
		}
	}
	return append(dst, '"')
}

// hex4 decodes the four hexadecimal digits at the start of b.
func hex4(b []byte) rune {
	var r rune
	for _, c := range b[:4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		default:
			c -= 'A' - 10
		}
		r = r<<4 | rune(c)
	}
	return r
}
