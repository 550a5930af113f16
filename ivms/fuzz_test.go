package ivms

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// addSeeds adds every sample and dialect file to the fuzz corpus.
func addSeeds(f *testing.F) {
	for _, dir := range []string{"samples", "dialects"} {
		files, err := filepath.Glob(filepath.Join("testdata", dir, "*.json"))
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range files {
			b, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
	for _, s := range []string{
		`{}`, `[]`, `null`, `{"ivms101":null}`, `{"originator":{"originatorPersons":{}}}`,
		`{"transferPath":[{"sequence":"-1"},{"sequence":1e400}]}`,
		`{"originator":{"originatorPersons":[{"naturalPerson":{"name":[[{"nameIdentifier":[]}]]}}]}}`,
		`{"beneficiary":{"beneficiaryPersons":[{"naturalPerson":{"name":{"nameIdentifier":[{"primaryIdentifier":"\ud83d\ude00\ud800x\u00e9\"","nameIdentifierType":4.5}]}}}]}}`,
		"{\"a\xff\":1}", `{"originatingVASP":{"legalPerson":{},"originatingVASP":{"legalPerson":{"name":{}}}}}`,
		`{"originator":{"originatorPersons":[{"naturalPerson":{"name":{"nameIdentifier":[{"primaryIdentifier":"]\\\"nameIdentifierType\":[\"originatorPersons\":","secondaryIdentifier":"x\"]","nameIdentifierType":"LEGL"}],"localNameIdentifier":[{"primaryIdentifier":"\"nameIdentifier\":[","nameIdentifierType":"LEGL"}]}}}]}}`,
	} {
		f.Add([]byte(s))
	}
}

// FuzzUnmarshal: no input makes Unmarshal panic; it accepts only valid JSON
// and rejects valid JSON never as a syntax error; its fast walk of
// json.Unmarshal's tree agrees with its walk of encoding/json's token
// stream; what it accepts, Marshal writes in every dialect as JSON that
// decodes to the same output again.
func FuzzUnmarshal(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Unmarshal(data)
		var tp *IdentityPayload
		terr := decodeTokens(data, nil, func(d *decoder) { tp = d.top() }, nil)
		if (err == nil) != (terr == nil) || (err == nil && !cmp.Equal(p, tp)) {
			t.Fatalf("tree and token walks differ: %v, %v\n%s", err, terr, cmp.Diff(p, tp))
		}
		valid := json.Valid(data)
		if err != nil {
			var de *DecodeError
			if !errors.As(err, &de) || (de.Err != ErrSyntax && de.Err != ErrType && de.Err != ErrUnknownKey) {
				t.Fatalf("error %v is not a *DecodeError with a sentinel", err)
			}
			if valid && de.Err == ErrSyntax && !strings.Contains(de.Detail, "too deep") {
				t.Fatalf("valid JSON rejected as malformed: %v", err)
			}
			return
		}
		if !valid {
			t.Fatalf("accepted invalid JSON")
		}
		for _, d := range []Dialect{Canonical, GTR, IVMS2023} {
			out, err := Marshal(p, d)
			if err != nil {
				t.Fatalf("Marshal %v: %v", d, err)
			}
			if !json.Valid(out) {
				t.Fatalf("Marshal %v wrote invalid JSON: %s", d, out)
			}
			q, err := Unmarshal(out)
			if err != nil {
				t.Fatalf("Unmarshal(Marshal %v): %v\n%s", d, err, out)
			}
			again, err := Marshal(q, d)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out, again) {
				t.Fatalf("Marshal %v not stable:\n%s\n%s", d, out, again)
			}
		}
		check2023Rewrite(t, p)
	})
}

// check2023Rewrite: to2023, the one hand-written piece of Marshal, renames
// keys in bytes; it must agree with the same renaming done by encoding/json
// on the decoded tree.
func check2023Rewrite(t *testing.T, p *IdentityPayload) {
	q := p.Convert(Version2023)
	prune(reflect.ValueOf(q).Elem())
	canonical, err := marshalJSON((*payloadJSON)(q))
	if err != nil {
		t.Fatal(err)
	}
	var got, want any
	for _, x := range []struct {
		in  []byte
		out *any
	}{{to2023(canonical), &got}, {canonical, &want}} {
		dec := json.NewDecoder(bytes.NewReader(x.in))
		dec.UseNumber()
		if err := dec.Decode(x.out); err != nil {
			t.Fatalf("%v in %s", err, x.in)
		}
	}
	if diff := cmp.Diff(rename2023(want, false), got); diff != "" {
		t.Fatalf("to2023 differs from the renaming of the tree (-want +got):\n%s", diff)
	}
}

// rename2023 renames a decoded tree's keys as to2023 does; inNames is set
// within a nameIdentifier list.
func rename2023(v any, inNames bool) any {
	switch v := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, x := range v {
			switch {
			case k == "originatorPersons" || k == "beneficiaryPersons":
				k = strings.TrimSuffix(k, "s")
			case k == "nameIdentifierType" && inNames:
				k = "naturalPersonNameIdentifierType"
			}
			out[k] = rename2023(x, k == "nameIdentifier")
		}
		return out
	case []any:
		for i := range v {
			v[i] = rename2023(v[i], inNames)
		}
	}
	return v
}

// FuzzValidate: for any payload Unmarshal accepts, Validate, Convert and
// Clone do not panic, every violation carries a path-independent constraint
// id and a message, and Clone gives an equal payload.
func FuzzValidate(f *testing.F) {
	addSeeds(f)
	known := map[string]bool{
		ConstraintRequired: true, ConstraintLength: true, ConstraintEnum: true, ConstraintOneOf: true, ConstraintFormat: true,
		"C1": true, "C2": true, "C3": true, "C4": true, "C5": true, "C6": true, "C7": true, "C8": true, "C9": true,
		"C10": true, "C11": true, "C12": true,
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := UnmarshalWith(data, IgnoreUnknownKeys())
		if err != nil {
			return
		}
		for _, q := range []*IdentityPayload{p, p.Convert(Version2020), p.Convert(Version2023)} {
			err := q.ValidateWith(AsOf(testNow), Strict2020Charset())
			if err == nil {
				continue
			}
			var verrs ValidationErrors
			if !errors.As(err, &verrs) || len(verrs) == 0 {
				t.Fatalf("Validate returned %v", err)
			}
			for _, e := range verrs {
				if !known[e.Constraint] || e.Message == "" {
					t.Fatalf("bad FieldError %+v", e)
				}
			}
			_ = err.Error()
		}
		if diff := cmp.Diff(p, p.Clone()); diff != "" {
			t.Fatalf("Clone differs (-orig +clone):\n%s", diff)
		}
	})
}
