package travelrule

import (
	"bytes"
	"encoding/json"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// TestAppendJSONString checks the escaping against what JavaScript's
// JSON.stringify produces for the same strings.
func TestAppendJSONString(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"plain", `"plain"`},
		{`a"b\c`, `"a\"b\\c"`},
		{"<&>", `"<&>"`},
		{"\b\f\n\r\t", `"\b\f\n\r\t"`},
		{"\x00\x1f\x7f", `"\u0000\u001f` + "\x7f" + `"`},
		{"é ✓ 𝄞", `"é ✓ 𝄞"`},
		{"\u2028\u2029", "\"\u2028\u2029\""},
		{"bad\xffutf8", "\"bad\ufffdutf8\""},
		{"", `""`},
	}
	for _, tc := range tests {
		got := string(appendJSONString(nil, tc.in))
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("appendJSONString(%q) (-want +got):\n%s", tc.in, diff)
		}
		var back string
		if err := json.Unmarshal([]byte(got), &back); err != nil {
			t.Errorf("%s does not decode: %v", got, err)
		}
	}
}

func TestJSONObject(t *testing.T) {
	t.Parallel()
	o := newJSONObject(0)
	o.str("a", "x")
	o.str("skipped", "")
	o.flag("f", false)
	o.flag("t", true)
	if err := o.extra(map[string]any{"z": []int{1}, "m": "<b>", "n": nil}); err != nil {
		t.Fatal(err)
	}
	want := `{"a":"x","t":true,"m":"<b>","n":null,"z":[1]}`
	if diff := cmp.Diff(want, string(o.bytes())); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if diff := cmp.Diff("{}", string(newJSONObject(0).bytes())); diff != "" {
		t.Errorf("empty object (-want +got):\n%s", diff)
	}
}

func TestPrintable(t *testing.T) {
	t.Parallel()
	if got := printable("a\nb\x00c\xff", 10); got != "a?b?c?" {
		t.Errorf("printable = %q", got)
	}
	if got := printable("abcdef", 3); got != "abc…" {
		t.Errorf("printable cut = %q", got)
	}
}

// looseString's fast path agrees with encoding/json.
func TestLooseString(t *testing.T) {
	t.Parallel()
	for _, raw := range []string{`"plain"`, `"a\"b"`, `"\u00e9"`, `"é"`, `"\\"`, `""`, `12.50`, `-1`, `true`, `null`, `{}`, "\"\xff\""} {
		want := ""
		var s string
		if json.Unmarshal([]byte(raw), &s) == nil {
			want = s
		} else {
			var n json.Number
			if json.Unmarshal([]byte(raw), &n) == nil {
				want = n.String()
			}
		}
		if got := looseString(json.RawMessage(raw)); got != want {
			t.Errorf("looseString(%s) = %q, want %q", raw, got, want)
		}
	}
}

// appendJSONStringByByte is the byte-at-a-time escaper appendJSONString
// replaced; FuzzAppendJSONString holds the two to the same output.
func appendJSONStringByByte(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\b':
				b = append(b, '\\', 'b')
			case c == '\f':
				b = append(b, '\\', 'f')
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c == '\t':
				b = append(b, '\\', 't')
			case c < 0x20:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, "\ufffd"...)
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}

// FuzzAppendJSONString checks appendJSONString against the byte-at-a-time
// escaper, and checks with encoding/json that the literal decodes (to the
// input itself when the input is valid UTF-8).
func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"plain", `a"b\c`, "\b\f\n\r\t\x00\x1f\x7f", "é ✓ 𝄞", "bad\xffutf8\xe2\x82", "\u2028<&>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := appendJSONString([]byte("prefix:"), s)
		want := appendJSONStringByByte([]byte("prefix:"), s)
		if !bytes.Equal(got, want) {
			t.Fatalf("appendJSONString(%q) = %s, the byte-at-a-time escaper gives %s", s, got, want)
		}
		var back string
		if err := json.Unmarshal(got[len("prefix:"):], &back); err != nil {
			t.Fatalf("%s does not decode: %v", got, err)
		}
		if utf8.ValidString(s) && back != s {
			t.Fatalf("%q came back as %q", s, back)
		}
	})
}
