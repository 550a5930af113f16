package pii

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLeafType(t *testing.T) {
	t.Parallel()
	tests := []struct {
		leaf               Leaf
		wantType, wantText string
	}{
		{Leaf{StringLeaf, "Jane"}, TypeString, "Jane"},
		{Leaf{StringLeaf, ""}, TypeString, ""},
		{Leaf{BoolLeaf, "true"}, TypeBoolean, "true"},
		{Leaf{NumberLeaf, "0"}, TypeInt, "0"},
		{Leaf{NumberLeaf, "-0"}, TypeInt, "0"},
		{Leaf{NumberLeaf, "2147483647"}, TypeInt, "2147483647"},
		{Leaf{NumberLeaf, "-2147483648"}, TypeInt, "-2147483648"},
		{Leaf{NumberLeaf, "2147483648"}, TypeLong, "2147483648"},
		{Leaf{NumberLeaf, "-9223372036854775808"}, TypeLong, "-9223372036854775808"},
		{Leaf{NumberLeaf, "9223372036854775808"}, TypeString, "9223372036854775808"},
		{Leaf{NumberLeaf, "1.01"}, TypeDouble, "1.01"},
		{Leaf{NumberLeaf, "1e20"}, TypeDouble, "1.0E20"},
		{Leaf{NumberLeaf, "1E-7"}, TypeDouble, "1.0E-7"},
		{Leaf{NumberLeaf, "1.50"}, TypeDouble, "1.5"},
		{Leaf{NumberLeaf, "1e2"}, TypeDouble, "100.0"},
		{Leaf{NumberLeaf, "-0.0"}, TypeDouble, "-0.0"},
		{Leaf{NumberLeaf, "1e400"}, TypeDouble, "Infinity"},
		{Leaf{NumberLeaf, "123456789012345678901234567890"}, TypeString, "123456789012345678901234567890"},
	}
	for _, tt := range tests {
		typ, text := LeafType(tt.leaf)
		if typ != tt.wantType || text != tt.wantText {
			t.Errorf("LeafType(%+v) = %q, %q; want %q, %q", tt.leaf, typ, text, tt.wantType, tt.wantText)
		}
	}
	if got := string(AppendMetadata(nil, Leaf{StringLeaf, `a"b`})); got != `{"type":"string","value":"a\"b"}` {
		t.Errorf("AppendMetadata = %s", got)
	}
}

func TestAppendRestored(t *testing.T) {
	t.Parallel()
	tests := []struct{ meta, want, wantErr string }{
		{meta: `{"type":"string","value":"Jane"}`, want: `"Jane"`},
		{meta: `{"value":"Jane","type":"string"}`, want: `"Jane"`},
		{meta: `{"type":"int","value":"42"}`, want: `42`},
		{meta: `{"type":"short","value":"-7"}`, want: `-7`},
		{meta: `{"type":"long","value":"9007199254740993"}`, want: `9007199254740993`},
		{meta: `{"type":"int","value":42}`, want: `42`},
		{meta: `{"type":"double","value":"1.0E20"}`, want: `1.0E20`},
		{meta: `{"type":"float","value":"0.5"}`, want: `0.5`},
		{meta: `{"type":"double","value":"1."}`, want: `1`},
		{meta: `{"type":"boolean","value":"true"}`, want: `true`},
		{meta: `{"type":"boolean","value":"FALSE"}`, want: `false`},
		{meta: `{"type":"boolean","value":true}`, want: `true`},
		{meta: `{"type":"BigDecimal","value":"1.5"}`, want: `"1.5"`},
		{meta: `{"type":"string","value":"\u0001<"}`, want: `"\u0001<"`},
		{meta: `{"type":"int","value":"2147483648"}`, wantErr: "not a int"},
		{meta: `{"type":"short","value":"40000"}`, wantErr: "not a short"},
		{meta: `{"type":"int","value":"x"}`, wantErr: "not a int"},
		{meta: `{"type":"double","value":"NaN"}`, want: `"NaN"`},
		{meta: `{"type":"double","value":"-Infinity"}`, want: `"-Infinity"`},
		{meta: `{"type":"double","value":"Inf"}`, wantErr: "not a finite double"},
		{meta: `{"type":"boolean","value":"yes"}`, wantErr: "not a boolean"},
		{meta: `{"type":"string"}`, wantErr: `no "value"`},
		{meta: `{"type":"string","value":null}`, wantErr: `not a string, number or boolean`},
		{meta: `{"type":"string","value":{}}`, wantErr: `not a string, number or boolean`},
		{meta: `{"value":"x"}`, wantErr: `no string "type"`},
		{meta: `{"type":1,"value":"x"}`, wantErr: `no string "type"`},
		{meta: `["string","x"]`, wantErr: "not a JSON object"},
		{meta: `not json`, wantErr: "not a JSON object"},
	}
	for _, tt := range tests {
		got, err := AppendRestored(nil, []byte(tt.meta))
		if tt.wantErr != "" {
			if !errors.Is(err, ErrInvalidDocument) || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("AppendRestored(%s) error = %v, want ErrInvalidDocument containing %q", tt.meta, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("AppendRestored(%s): %v", tt.meta, err)
			continue
		}
		if string(got) != tt.want {
			t.Errorf("AppendRestored(%s) = %s, want %s", tt.meta, got, tt.want)
		}
	}
}

const sampleDoc = `{"ivms101":{"Originator":{"originatorPersons":[{"naturalPerson":{"name":{"nameIdentifier":[{"primaryIdentifier":"Howard","secondaryIdentifier":"Jane","nameIdentifierType":"LEGL"}]},"dateAndPlaceOfBirth":{"dateOfBirth":"1992-10-04","placeOfBirth":null}}}],"accountNumber":["14HmBSwec8XrcWge9Zi1ZngNia64u3Wd2v"]},"n":[1,2147483648,1.5,true,-0]}}`

func TestEncryptDecryptFields(t *testing.T) {
	t.Parallel()
	ab, ba := testPair(t)
	enc, err := ab.EncryptFields(nil, []byte(sampleDoc))
	if err != nil {
		t.Fatal(err)
	}
	for _, clear := range []string{"Howard", "1992-10-04", "2147483648"} {
		if bytes.Contains(enc, []byte(clear)) {
			t.Errorf("encrypted document contains %q", clear)
		}
	}
	if !bytes.Contains(enc, []byte(`"placeOfBirth":null`)) || !bytes.Contains(enc, []byte(`{"ivms101":{"Originator":{"originatorPersons":[{`)) {
		t.Errorf("structure not kept: %s", enc)
	}
	got, err := ba.DecryptFields(enc)
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(sampleDoc, "-0]", "0]", 1) // Java writes integer -0 as 0
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

func TestDecryptFieldsFailures(t *testing.T) {
	t.Parallel()
	ab, ba := testPair(t)
	sealed, err := ab.Seal(nil, []byte(`{"type":"string","value":"x"}`))
	if err != nil {
		t.Fatal(err)
	}
	notMeta, err := ab.Seal(nil, []byte(`x`))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, doc, want string
		is              error
	}{
		{"number leaf", `{"a":[` + `"` + sealed + `",5]}`, "leaf /a/1 is a JSON number", ErrInvalidDocument},
		{"bool leaf", `{"a":true}`, "leaf /a is a JSON boolean", ErrInvalidDocument},
		{"not sealed", `{"a":"Jane"}`, "leaf /a:", ErrOpenFailed},
		{"sealed but not metadata", `{"a":"` + notMeta + `"}`, "leaf /a: invalid PII JSON document: metadata is not a JSON object", ErrInvalidDocument},
		{"not JSON", `{"a":`, "syntax error", ErrInvalidDocument},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := ba.DecryptFields([]byte(tt.doc))
			if !errors.Is(err, tt.is) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("DecryptFields error = %v, want %v containing %q", err, tt.is, tt.want)
			}
		})
	}
}

func TestCompareHashes(t *testing.T) {
	t.Parallel()
	const salt = "0123456789abcdef"
	plain := []byte(`{"name":"Jane","dob":"1992-10-04","id":42,"n":null,"tags":["a","b"]}`)
	hashed, err := HashFields(plain, salt)
	if err != nil {
		t.Fatal(err)
	}
	var probe map[string]any
	if err := json.Unmarshal(hashed, &probe); err != nil {
		t.Fatalf("hashed document is not JSON: %v", err)
	}
	tests := []struct {
		name  string
		plain string
		salt  string
		want  HashComparison
	}{
		{"same", string(plain), salt, HashComparison{Matched: []string{"/name", "/dob", "/id", "/tags/0", "/tags/1"}}},
		{"other salt", string(plain), salt + "x", HashComparison{Mismatched: []string{"/name", "/dob", "/id", "/tags/0", "/tags/1"}}},
		{"changed, missing, extra", `{"dob":"1992-10-05","name":"Jane","id":"42","n":"x","tags":["a"]}`, salt, HashComparison{
			Matched:    []string{"/name", "/tags/0"},
			Mismatched: []string{"/dob", "/id"}, // "42" the string is not 42 the int
			Missing:    []string{"/tags/1"},
			Extra:      []string{"/n"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := CompareHashes([]byte(tt.plain), hashed, tt.salt)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, *got); diff != "" {
				t.Errorf("CompareHashes (-want +got):\n%s", diff)
			}
		})
	}
	bad, err := CompareHashes(plain, []byte(`{"name":"not a digest","dob":5}`), salt)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"/name", "/dob"}, bad.Mismatched); diff != "" {
		t.Errorf("malformed digests (-want +got):\n%s", diff)
	}
	if _, err := CompareHashes([]byte(`{`), hashed, salt); !errors.Is(err, ErrInvalidDocument) {
		t.Errorf("bad plaintext error = %v", err)
	}
	if _, err := CompareHashes(plain, []byte(`[`), salt); !errors.Is(err, ErrInvalidDocument) {
		t.Errorf("bad hashed error = %v", err)
	}
}

func FuzzDecryptFields(f *testing.F) {
	ab, ba := testPair(f)
	enc, err := ab.EncryptFields(nil, []byte(sampleDoc))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(enc)
	f.Add([]byte(`{"a":null}`))
	f.Add([]byte(`{"a":"AAAA"}`))
	f.Add([]byte(`[1,"x",true]`))
	f.Fuzz(func(t *testing.T, doc []byte) {
		out, err := ba.DecryptFields(doc)
		if err != nil {
			if !errors.Is(err, ErrInvalidDocument) && !errors.Is(err, ErrOpenFailed) {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		if !json.Valid(out) {
			t.Fatalf("DecryptFields produced invalid JSON %q", out)
		}
	})
}

func FuzzAppendRestored(f *testing.F) {
	for _, s := range []string{
		`{"type":"string","value":"Jane"}`, `{"type":"int","value":"42"}`,
		`{"type":"double","value":"1.0E20"}`, `{"type":"boolean","value":"true"}`,
		`{"type":"float","value":"0x1p-2"}`, `{"type":"long","value":1e3}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, meta []byte) {
		out, err := AppendRestored(nil, meta)
		if err != nil {
			if !errors.Is(err, ErrInvalidDocument) {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		if !json.Valid(out) {
			t.Fatalf("AppendRestored(%q) = %q, not JSON", meta, out)
		}
	})
}

// FuzzRewrite checks that rewriting every leaf as itself yields a document
// equal in meaning to the input (numbers compared as literals).
func FuzzRewrite(f *testing.F) {
	f.Add([]byte(sampleDoc))
	f.Add([]byte(`{"a\u0000":"\ud800","b":[1e5,-0.0,{}]}`))
	f.Add([]byte(`"\u2028"`))
	f.Fuzz(func(t *testing.T, doc []byte) {
		out, err := Rewrite(doc, func(dst []byte, _ *Path, l Leaf) ([]byte, error) {
			switch l.Kind {
			case StringLeaf:
				return AppendJSONString(dst, l.Text), nil
			default:
				return append(dst, l.Text...), nil
			}
		})
		if err != nil {
			if !errors.Is(err, ErrInvalidDocument) {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		var want, got any
		if err := decodeNumbers(doc, &want); err != nil {
			t.Fatalf("input accepted by Rewrite but not by encoding/json: %v", err)
		}
		if err := decodeNumbers(out, &got); err != nil {
			t.Fatalf("output %q is not JSON: %v", out, err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("Rewrite changed the document (-want +got):\n%s", diff)
		}
	})
}

func decodeNumbers(b []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	return d.Decode(v)
}

// FuzzCompareHashes feeds arbitrary hashed documents (outside input) to the
// comparison against a fixed plaintext document.
func FuzzCompareHashes(f *testing.F) {
	const salt = "0123456789abcdef"
	hashed, err := HashFields([]byte(sampleDoc), salt)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(hashed)
	f.Add([]byte(`{"ivms101":null}`))
	f.Add([]byte(`{"ivms101":{"n":["AAAA",1,true]}}`))
	f.Fuzz(func(t *testing.T, doc []byte) {
		c, err := CompareHashes([]byte(sampleDoc), doc, salt)
		if err != nil {
			if !errors.Is(err, ErrInvalidDocument) {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		plainLeaves := 0
		_ = Visit([]byte(sampleDoc), func(*Path, Leaf) error { plainLeaves++; return nil })
		if got := len(c.Matched) + len(c.Mismatched) + len(c.Extra); got != plainLeaves {
			t.Fatalf("matched+mismatched+extra = %d, want the %d plaintext leaves", got, plainLeaves)
		}
	})
}
