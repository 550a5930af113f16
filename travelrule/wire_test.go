package travelrule

import (
	"bytes"
	"encoding/json"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/vaspkit/vaspkit/internal/jsonx"
)

// TestRequestBody: the fields in struct order, then the tail's members in
// key order, every string as JSON.stringify writes it, in the tail's
// nested values too.
func TestRequestBody(t *testing.T) {
	t.Parallel()
	type fields struct {
		A string `json:"a,omitempty"`
		B string `json:"b,omitempty"`
		F bool   `json:"f,omitempty"`
	}
	tests := []struct {
		name   string
		fields fields
		tail   map[string]any
		want   string
	}{
		{"fields only", fields{A: "x", F: true}, nil, `{"a":"x","f":true}`},
		{"empty", fields{}, nil, `{}`},
		{"tail only", fields{}, map[string]any{"z": 1, "m": nil}, `{"m":null,"z":1}`},
		{"fields and tail", fields{A: "<\u2028>", B: "\u2028\u2029\xff"}, map[string]any{
			"z": []any{"\u2029&"}, "m": map[string]any{"k\u2028": "\x01\xfe"}, "r": json.RawMessage(`"\/\u2028"`)},
			"{\"a\":\"<\u2028>\",\"b\":\"\u2028\u2029\ufffd\",\"m\":{\"k\u2028\":\"\\u0001\ufffd\"},\"r\":\"/\u2028\",\"z\":[\"\u2029&\"]}"},
	}
	for _, tc := range tests {
		got, err := requestBody(tc.fields, tc.tail)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if diff := cmp.Diff(tc.want, string(got)); diff != "" {
			t.Errorf("%s: (-want +got):\n%s", tc.name, diff)
		}
	}
	if _, err := requestBody(fields{}, map[string]any{"f": func() {}}); err == nil {
		t.Error("a tail that does not encode gave no error")
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

// FuzzRequestBody: whatever the strings, a verify-wallet body is valid
// JSON in UTF-8, what JSON.stringify writes back (jsonx.Stringify leaves
// it unchanged) and decodes to the strings sent, invalid UTF-8 as U+FFFD.
func FuzzRequestBody(f *testing.F) {
	f.Add("0xsig", "note", "value")
	f.Add("0x\u2028\xff<", "k\u2029\x00", "\"\\/\b\xe2\x82é𝄞")
	f.Fuzz(func(t *testing.T, sig, key, val string) {
		r := &WalletVerificationRequest{UserID: "550e8400-e29b-41d4-a716-446655440000", SignedAddress: "0xabc",
			Message: "m", Signature: sig, Extra: map[string]any{key: []any{val, map[string]string{key: val}}}}
		b, err := r.body()
		if err != nil {
			return // an empty signature, or a key Extra may not hold
		}
		if !json.Valid(b) || !utf8.Valid(b) {
			t.Fatalf("body %q is not valid JSON in UTF-8", b)
		}
		if again := jsonx.Stringify(nil, b); !bytes.Equal(again, b) {
			t.Fatalf("body %q is not what JSON.stringify writes back: %q", b, again)
		}
		var got map[string]any
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatal(err)
		}
		k, v := string([]rune(key)), string([]rune(val))
		want := map[string]any{"userId": r.UserID, "method": "WALLET_SIGNATURE", "signed_address": "0xabc",
			"message": "m", "signature": string([]rune(sig)), k: []any{v, map[string]any{k: v}}}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("body %q decodes to (-want +got):\n%s", b, diff)
		}
	})
}
