package ivms

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// decodableSamples returns the 32 shared samples that decode (all but the
// one with an unknown key), by file name.
func decodableSamples(t *testing.T) map[string]*IdentityPayload {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "samples", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 32 {
		t.Fatalf("found %d samples, want 32", len(files))
	}
	out := map[string]*IdentityPayload{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		p, err := Unmarshal(data)
		if filepath.Base(f) == "invalid_veriscope_malformed-full-example.json" {
			if err == nil {
				t.Fatal("the malformed sample decoded")
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out[filepath.Base(f)] = p
	}
	return out
}

// json.Marshal of an IdentityPayload (pointer or value) is Marshal's
// Canonical dialect, and Unmarshal reads it back to the payload (converted
// to 2020 for the 2023 samples, the Canonical edition), across the samples.
func TestJSONMarshalPayloadIsCanonical(t *testing.T) {
	t.Parallel()
	for name, p := range decodableSamples(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			want, err := Marshal(p, Canonical)
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range []any{p, *p, struct{ P *IdentityPayload }{p}} {
				got, err := json.Marshal(v)
				if err != nil {
					t.Fatal(err)
				}
				if s, ok := v.(struct{ P *IdentityPayload }); ok {
					_ = s
					got = []byte(strings.TrimSuffix(strings.TrimPrefix(string(got), `{"P":`), `}`))
				}
				if string(got) != string(want) {
					t.Errorf("json.Marshal(%T) is not the Canonical dialect:\n got %s\nwant %s", v, got, want)
				}
			}
			back, err := Unmarshal(want)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(p.Convert(Version2020), back); diff != "" {
				t.Errorf("round trip (-want +got):\n%s", diff)
			}
			if p.Version == Version2020 {
				if diff := cmp.Diff(p, back); diff != "" {
					t.Errorf("a 2020 payload changed in the round trip (-want +got):\n%s", diff)
				}
			}
			var q IdentityPayload
			if err := json.Unmarshal(want, &q); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(back, &q); diff != "" {
				t.Errorf("json.Unmarshal differs from Unmarshal (-want +got):\n%s", diff)
			}
		})
	}
}

// Every model element found in the samples survives json.Marshal then
// json.Unmarshal unchanged, and is written in IVMS101 names.
func TestJSONElementsRoundTrip(t *testing.T) {
	t.Parallel()
	types := map[reflect.Type]bool{}
	for _, v := range []any{
		Originator{}, Beneficiary{}, OriginatingVASP{}, BeneficiaryVASP{}, TransferPath{}, IntermediaryVASP{},
		PayloadMetadata{}, Person{}, NaturalPerson{}, LegalPerson{}, NaturalPersonName{}, NaturalPersonNameID{},
		LegalPersonName{}, LegalPersonNameID{}, Address{}, NationalIdentification{}, DateAndPlaceOfBirth{},
	} {
		types[reflect.TypeOf(v)] = true
	}
	seen := map[reflect.Type]int{}
	for name, p := range decodableSamples(t) {
		// The 2023 edition too, so that person-level account numbers and
		// payloadVersion are exercised.
		for _, q := range []*IdentityPayload{p, p.Convert(Version2023)} {
			for _, el := range jsonElements(reflect.ValueOf(q).Elem(), types) {
				seen[el.Type()]++
				data, err := json.Marshal(el.Interface())
				if err != nil {
					t.Fatalf("%s: %v: %v", name, el.Type(), err)
				}
				for _, goName := range []string{`"NameIdentifiers"`, `"PrimaryIdentifier"`, `"NaturalPerson"`, `"LegalPerson"`, `"Person"`, `"AccountNumbers"`, `"StreetName"`, `"Country"`} {
					if strings.Contains(string(data), goName) {
						t.Errorf("%s: %v: Go field name %s in %s", name, el.Type(), goName, data)
					}
				}
				back := reflect.New(el.Type())
				if err := json.Unmarshal(data, back.Interface()); err != nil {
					t.Fatalf("%s: %v: json.Unmarshal(%s): %v", name, el.Type(), data, err)
				}
				if diff := cmp.Diff(el.Interface(), back.Elem().Interface()); diff != "" {
					t.Errorf("%s: %v round trip via %s (-want +got):\n%s", name, el.Type(), data, diff)
				}
			}
		}
	}
	for typ := range types {
		if seen[typ] == 0 {
			t.Errorf("no %v in the samples", typ)
		}
	}
}

// jsonElements returns every value of one of types reachable from v.
func jsonElements(v reflect.Value, types map[reflect.Type]bool) []reflect.Value {
	var out []reflect.Value
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.Slice:
			for i := range v.Len() {
				walk(v.Index(i))
			}
		case reflect.Struct:
			if types[v.Type()] {
				out = append(out, v)
			}
			for i := range v.NumField() {
				walk(v.Field(i))
			}
		}
	}
	walk(v)
	return out
}

func TestJSONElementShapes(t *testing.T) {
	t.Parallel()
	jane := NewNaturalPerson("Doe", "Jane").Address(Address{AddressType: AddressTypeHome, AddressLines: []string{"1 Main St"}, Country: "de"}).Person()
	jane.AccountNumbers = []string{"acct-1"}
	tests := []struct {
		v    any
		want string
	}{
		{jane, `{"naturalPerson":{"name":{"nameIdentifier":[{"primaryIdentifier":"Doe","secondaryIdentifier":"Jane","nameIdentifierType":"LEGL"}]},"geographicAddress":[{"addressType":"HOME","addressLine":["1 Main St"],"country":"DE"}]},"accountNumber":["acct-1"]}`},
		{&jane, `{"naturalPerson":{"name":{"nameIdentifier":[{"primaryIdentifier":"Doe","secondaryIdentifier":"Jane","nameIdentifierType":"LEGL"}]},"geographicAddress":[{"addressType":"HOME","addressLine":["1 Main St"],"country":"DE"}]},"accountNumber":["acct-1"]}`},
		{Person{}, `{}`},
		{NaturalPersonName{}, `{}`},
		{Originator{OriginatorPersons: []Person{{LegalPerson: &LegalPerson{Name: LegalPersonName{NameIdentifiers: []LegalPersonNameID{{"ACME", "legl"}}}}}}, AccountNumbers: []string{"a"}},
			`{"originatorPersons":[{"legalPerson":{"name":{"nameIdentifier":[{"legalPersonName":"ACME","legalPersonNameIdentifierType":"LEGL"}]}}}],"accountNumber":["a"]}`},
		{BeneficiaryVASP{Person: &Person{LegalPerson: &LegalPerson{CountryOfRegistration: "FR"}}}, `{"beneficiaryVASP":{"legalPerson":{"countryOfRegistration":"FR"}}}`},
		{TransferPath{Intermediaries: []IntermediaryVASP{{Sequence: "0", Person: &Person{LegalPerson: &LegalPerson{CountryOfRegistration: "FR"}}}}},
			`{"transferPath":[{"intermediaryVASP":{"legalPerson":{"countryOfRegistration":"FR"}},"sequence":0}]}`},
		{PayloadMetadata{TransliterationMethods: []TransliterationMethod{"hani"}, PayloadVersion: PayloadVersion2023}, `{"transliterationMethod":["HANI"],"payloadVersion":"101.2023"}`},
		{DateAndPlaceOfBirth{DateOfBirth: "1990-01-02", PlaceOfBirth: "Lyon"}, `{"dateOfBirth":"1990-01-02","placeOfBirth":"Lyon"}`},
		{NationalIdentification{NationalIdentifier: "X1", NationalIdentifierType: NationalIDPassport}, `{"nationalIdentifier":"X1","nationalIdentifierType":"CCPT"}`},
		{struct {
			P Person  `json:"p"`
			Q *Person `json:"q"`
		}{}, `{"p":{},"q":null}`},
	}
	for _, tt := range tests {
		got, err := json.Marshal(tt.v)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.want, string(got)); diff != "" {
			t.Errorf("json.Marshal(%T) (-want +got):\n%s", tt.v, diff)
		}
	}
}

// The element decoders read every dialect Unmarshal reads, treat null as
// "leave unchanged", and fail like Unmarshal on an unknown key.
func TestJSONElementUnmarshal(t *testing.T) {
	t.Parallel()
	var p Person
	snake := `{"natural_person":{"name":[{"name_identifiers":[{"primary_identifier":"Doe","name_identifier_type":"NATURAL_PERSON_NAME_TYPE_CODE_LEGL"}]}],"country_of_residence":"de"}}`
	if err := json.Unmarshal([]byte(snake), &p); err != nil {
		t.Fatal(err)
	}
	want := Person{NaturalPerson: &NaturalPerson{
		Name:               NaturalPersonName{NameIdentifiers: []NaturalPersonNameID{{PrimaryIdentifier: "Doe", NameIdentifierType: NameTypeLegal}}},
		CountryOfResidence: "DE",
	}}
	if diff := cmp.Diff(want, p); diff != "" {
		t.Errorf("snake_case person (-want +got):\n%s", diff)
	}

	var doc struct {
		P  Person
		ID IdentityPayload
	}
	doc.P = want
	doc.ID.Version = Version2023
	if err := json.Unmarshal([]byte(`{"P":null,"ID":null}`), &doc); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, doc.P); diff != "" || doc.ID.Version != Version2023 {
		t.Errorf("null changed the values (-want +got):\n%s", diff)
	}

	var v OriginatingVASP
	if err := json.Unmarshal([]byte(`{"legalPerson":{"countryOfRegistration":"fr"}}`), &v); err != nil {
		t.Fatal(err)
	}
	if v.Person == nil || v.Person.LegalPerson == nil || v.Person.LegalPerson.CountryOfRegistration != "FR" {
		t.Errorf("bare VASP form: %#v", v.Person.LegalPerson)
	}

	var a Address
	err := json.Unmarshal([]byte(`{"country":"DE","city":"Berlin"}`), &a)
	var de *DecodeError
	if !errors.As(err, &de) || !errors.Is(err, ErrUnknownKey) || de.Key != "city" {
		t.Errorf("unknown key: err = %v, want a *DecodeError for ErrUnknownKey", err)
	}
	if strings.Contains(err.Error(), "Berlin") {
		t.Errorf("the error quotes a value: %v", err)
	}
	if err := json.Unmarshal([]byte(`["x"]`), &a); !errors.Is(err, ErrType) {
		t.Errorf("an array for an address: err = %v, want ErrType", err)
	}
}
