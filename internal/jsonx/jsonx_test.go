package jsonx

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// TestMarshalString checks the escaping against what JavaScript's
// JSON.stringify writes for the same strings.
func TestMarshalString(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"plain", `"plain"`},
		{`a"b\c`, `"a\"b\\c"`},
		{"<&>", `"<&>"`},
		{"\b\f\n\r\t", `"\b\f\n\r\t"`},
		{"\x00\x1f\x7f", `"\u0000\u001f` + "\x7f" + `"`},
		{"é ✓ 𝄞", `"é ✓ 𝄞"`},
		{"\u2028\u2029", "\"\u2028\u2029\""},
		{"bad\xffutf8\xe2\x82", "\"bad\ufffdutf8\ufffd\ufffd\""},
		{"\ufffd", "\"\ufffd\""},
		{"", `""`},
	}
	for _, tc := range tests {
		got, err := Marshal(tc.in)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tc.want, string(got)); diff != "" {
			t.Errorf("Marshal(%q) (-want +got):\n%s", tc.in, diff)
		}
	}
}

// stringifyCases are JSON texts and what JSON.stringify(JSON.parse(text))
// gives for them (checked with node by TestStringifyMatchesNode).
var stringifyCases = []struct{ name, in, want string }{
	{"plain", `{"a":"x","b":[1,true,null,{}],"c":-1.5e-7}`, `{"a":"x","b":[1,true,null,{}],"c":-1.5e-7}`},
	{"whitespace", " { \"a\" :\n [ 1 , \"b c\" ] ,\t\"d\":{ } } ", `{"a":[1,"b c"],"d":{}}`},
	{"encoding/json escapes", `["\u003c\u0026\u003e","\u2028\u2029","\ufffd","\u0000\u001f\b\f\n\r\t"]`,
		"[\"<&>\",\"\u2028\u2029\",\"\ufffd\",\"\\u0000\\u001f\\b\\f\\n\\r\\t\"]"},
	{"other escapes", `["\/","\u0041\u00E9","\u0008\u000C\u000a\u000D\u0009","\u0022\u005C","\u001F"]`,
		`["/","Aé","\b\f\n\r\t","\"\\","\u001f"]`},
	{"surrogates", `["\uD834\uDD1E","\ud800","\udc00x","\uDBFF\u0041","\ud800\ud800\udc00"]`,
		`["𝄞","\ud800","\udc00x","\udbffA","\ud800𐀀"]`},
	{"escaped keys", `{"\u0069d":1,"a\"b":2,"\u2028":3}`, "{\"id\":1,\"a\\\"b\":2,\"\u2028\":3}"},
	{"raw non-ASCII", "[\"é ✓ 𝄞 \u2028 \u007f\"]", "[\"é ✓ 𝄞 \u2028 \u007f\"]"},
	{"escaped backslash before u", `["\\u2028","\\\u2028"]`, "[\"\\\\u2028\",\"\\\\\u2028\"]"},
}

func TestStringify(t *testing.T) {
	t.Parallel()
	for _, tc := range stringifyCases {
		got := string(Stringify([]byte("x:"), []byte(tc.in)))
		if diff := cmp.Diff("x:"+tc.want, got); diff != "" {
			t.Errorf("%s: Stringify(%s) (-want +got):\n%s", tc.name, tc.in, diff)
		}
	}
	// Invalid UTF-8 (json.Valid accepts it) becomes U+FFFD byte by byte.
	if got, want := string(Stringify(nil, []byte("[\"a\xffb\xe2\x82\"]"))), "[\"a\ufffdb\ufffd\ufffd\"]"; got != want {
		t.Errorf("Stringify(invalid UTF-8) = %q, want %q", got, want)
	}
}

// TestStringifyMatchesNode runs JSON.stringify(JSON.parse(text)) in node,
// when node is installed, and compares with Stringify.
func TestStringifyMatchesNode(t *testing.T) {
	t.Parallel()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed")
	}
	var texts []string
	for _, tc := range stringifyCases {
		texts = append(texts, tc.in)
	}
	// More texts as encoding/json writes them.
	for _, v := range []any{
		"\u2028<&>\x00\x1f\"\\é𝄞\ufffd\xff",
		map[string]any{"\u2029k": []any{1.5, "x\u2028", map[string]string{"<": ">\b\f"}}},
		[]float64{0, 1e21, 1e-7, 123456789.125, -2.5e-300},
	} {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	in, err := json.Marshal(texts)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, "-e", `let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{
		process.stdout.write(JSON.stringify(JSON.parse(s).map(t=>JSON.stringify(JSON.parse(t)))))})`)
	cmd.Stdin = bytes.NewReader(in)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var want []string
	if err := json.Unmarshal(out, &want); err != nil {
		t.Fatalf("node output %q: %v", out, err)
	}
	if len(want) != len(texts) {
		t.Fatalf("node answered %d texts for %d", len(want), len(texts))
	}
	for i, text := range texts {
		got := string(Stringify(nil, []byte(text)))
		if got != want[i] {
			t.Errorf("Stringify(%s)\n got %q\nnode %q", text, got, want[i])
		}
	}
}

func TestMarshal(t *testing.T) {
	t.Parallel()
	v := map[string]any{
		"s\u2028": "<a href=\"x\">\u2029\xff</a>\n",
		"n":       []any{1, 2.5, nil, true, json.RawMessage(`{ "r" : "\u2028\/" }`)},
	}
	got, err := Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	want := "{\"n\":[1,2.5,null,true,{\"r\":\"\u2028/\"}],\"s\u2028\":\"<a href=\\\"x\\\">\u2029\ufffd</a>\\n\"}"
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("Marshal (-want +got):\n%s", diff)
	}
	if _, err := Marshal(func() {}); err == nil {
		t.Error("Marshal(func) did not fail")
	}
}

// stringifyByByte is JSON.stringify's escaping written out byte by byte,
// the reference FuzzMarshalString holds Marshal to.
func stringifyByByte(s string) []byte {
	const hex = "0123456789abcdef"
	b := []byte{'"'}
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
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
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

// FuzzMarshalString: Marshal of a string (encoding/json, then Stringify)
// agrees with the byte-by-byte escaper, and the literal decodes to the
// input when the input is valid UTF-8.
func FuzzMarshalString(f *testing.F) {
	for _, s := range []string{"plain", `a"b\c`, "\b\f\n\r\t\x00\x1f\x7f", "é ✓ 𝄞", "bad\xffutf8\xe2\x82", "\u2028<&>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if want := stringifyByByte(s); !bytes.Equal(got, want) {
			t.Fatalf("Marshal(%q) = %s, the byte-by-byte escaper gives %s", s, got, want)
		}
		var back string
		if err := json.Unmarshal(got, &back); err != nil {
			t.Fatalf("%s does not decode: %v", got, err)
		}
		if utf8.ValidString(s) && back != s {
			t.Fatalf("%q came back as %q", s, back)
		}
	})
}

// FuzzStringify: on valid JSON, Stringify's output is valid UTF-8 and
// valid JSON, decodes to the same value as the input, and is a fixed point.
func FuzzStringify(f *testing.F) {
	for _, tc := range stringifyCases {
		f.Add([]byte(tc.in))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !json.Valid(data) {
			return
		}
		got := Stringify(nil, data)
		if !json.Valid(got) || !utf8.Valid(got) {
			t.Fatalf("Stringify(%q) = %q: not valid JSON in UTF-8", data, got)
		}
		want, back := decodeNumbers(t, data), decodeNumbers(t, got)
		if diff := cmp.Diff(want, back); diff != "" {
			t.Fatalf("Stringify(%q) = %q decodes differently (-want +got):\n%s", data, got, diff)
		}
		if again := Stringify(nil, got); !bytes.Equal(again, got) {
			t.Fatalf("Stringify is not idempotent on %q: %q then %q", data, got, again)
		}
	})
}

// decodeNumbers decodes data keeping numbers as json.Number, so that any
// number (1e1000 too) decodes.
func decodeNumbers(t *testing.T, data []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("decode %q: %v", data, err)
	}
	return v
}
