package ivms

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Every wire dialect of the spec decodes, and its Canonical re-encoding is
// pinned by a golden file (testdata/golden/decode/<name>.json).
func TestUnmarshalDialectGolden(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, input string
		version     Version
	}{
		{"canonical", "samples/valid_derived_base.json", Version2020},
		{"gtr-envelope-pascalcase", "samples/valid_derived_base_gtr-envelope.json", Version2020},
		{"gtr-bare-transferpath-and-siblings", "dialects/gtr-broker-transferpath.json", Version2020},
		{"gtr-blank-skeleton", "dialects/gtr-blank-skeleton.json", Version2020},
		{"ivms2023-names", "samples/valid_derived_base_ivms101-2023.json", Version2023},
		{"ivms2023-spec-example2", "samples/valid_ivms101-2023_spec-example2.json", Version2023},
		{"bare-vasp-postcode", "samples/valid_veriscope_complete-example.json", Version2020},
		{"snake-case", "samples/valid_sygna-bridge-util-go_readme-snake-case.json", Version2020},
		{"protojson-enum-names", "samples/invalid_trisa_identity-payload.pb.json", Version2020},
		{"protojson-enum-numbers", "dialects/protojson-enum-numbers.json", Version2020},
		{"code-pascalcase-empty-string", "samples/edge_code_complete-example.json", Version2020},
		{"notabene-name-array", "dialects/notabene-name-array.json", Version2020},
		{"trp-envelope", "dialects/trp-envelope.json", Version2020},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := mustUnmarshal(t, readTestdata(t, tc.input))
			if p.Version != tc.version {
				t.Errorf("Version = %v, want %v", p.Version, tc.version)
			}
			out, err := Marshal(p, Canonical)
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, "decode/"+tc.name+".json", out)
		})
	}
}

// The same payload in other dialects decodes to the same model.
func TestUnmarshalDialectsAgree(t *testing.T) {
	t.Parallel()
	base := sample(t, "valid_derived_base.json")
	gtr := sample(t, "valid_derived_base_gtr-envelope.json")
	if diff := cmp.Diff(base, gtr); diff != "" {
		t.Errorf("GTR envelope (-canonical +gtr):\n%s", diff)
	}
	v23 := sample(t, "valid_derived_base_ivms101-2023.json")
	if diff := cmp.Diff(base, v23.Convert(Version2020)); diff != "" {
		t.Errorf("2023 converted to 2020 (-canonical +2023):\n%s", diff)
	}
	ex20 := sample(t, "valid_ivms101-2020_spec-example2.json")
	ex23 := sample(t, "valid_ivms101-2023_spec-example2.json")
	if diff := cmp.Diff(ex20, ex23.Convert(Version2020)); diff != "" {
		t.Errorf("spec example 2, 2023 → 2020 (-2020 +2023):\n%s", diff)
	}
	if diff := cmp.Diff(ex23, ex20.Convert(Version2023)); diff != "" {
		t.Errorf("spec example 2, 2020 → 2023 (-2023 +2020):\n%s", diff)
	}
}

func TestUnmarshalVariants(t *testing.T) {
	t.Parallel()
	legl := []NaturalPersonNameID{{PrimaryIdentifier: "Wu", NameIdentifierType: NameTypeLegal}}
	natural := func(np NaturalPerson) *IdentityPayload {
		if np.Name.NameIdentifiers == nil {
			np.Name.NameIdentifiers = legl
		}
		return &IdentityPayload{Originator: &Originator{OriginatorPersons: []Person{{NaturalPerson: &np}}}}
	}
	orig := func(personJSON string) string {
		return `{"originator":{"originatorPersons":[{"naturalPerson":{"name":{"nameIdentifier":[{"primaryIdentifier":"Wu","nameIdentifierType":"LEGL"}]},` + personJSON + `}}]}}`
	}
	addr := Address{AddressType: AddressTypeHome, PostCode: "38017", Country: "US"}
	tests := []struct {
		name string
		in   string
		want *IdentityPayload
	}{
		{"postcode", orig(`"geographicAddress":[{"addressType":"HOME","postcode":"38017","country":"US"}]`), natural(NaturalPerson{GeographicAddresses: []Address{addr}})},
		{"post_code", orig(`"geographic_addresses":[{"address_type":"ADDRESS_TYPE_CODE_HOME","post_code":"38017","country":"US"}]`), natural(NaturalPerson{GeographicAddresses: []Address{addr}})},
		{"numbers as text and lower-case codes", orig(`"geographicAddress":{"addressType":"home","postCode":38017,"country":"us"}`), natural(NaturalPerson{GeographicAddresses: []Address{addr}})},
		{"unknown code kept", orig(`"nationalIdentification":{"nationalIdentifier":"1","nationalIdentifierType":"PASS"}`),
			natural(NaturalPerson{NationalIdentification: &NationalIdentification{NationalIdentifier: "1", NationalIdentifierType: "PASS"}})},
		{"unknown code number kept", orig(`"nationalIdentification":{"nationalIdentifier":"1","nationalIdentifierType":42}`),
			natural(NaturalPerson{NationalIdentification: &NationalIdentification{NationalIdentifier: "1", NationalIdentifierType: "42"}})},
		{"protobuf name", orig(`"nationalIdentification":{"nationalIdentifier":"1","nationalIdentifierType":"national_identifier_type_code_ccpt"}`),
			natural(NaturalPerson{NationalIdentification: &NationalIdentification{NationalIdentifier: "1", NationalIdentifierType: NationalIDPassport}})},
		{"escapes", `{"originator":{"originatorPersons":[{"naturalPerson":{"name":{"nameIdentifier":[{"primaryIdentifier":"O\u0027Brien \"\ud83d\ude00\"\t\/","nameIdentifierType":"LEGL"}]}}}]}}`,
			natural(NaturalPerson{Name: NaturalPersonName{NameIdentifiers: []NaturalPersonNameID{{PrimaryIdentifier: "O'Brien \"😀\"\t/", NameIdentifierType: NameTypeLegal}}}})},
		{"lone surrogate and invalid UTF-8 become U+FFFD", "{\"originator\":{\"originatorPersons\":[{\"naturalPerson\":{\"name\":{\"nameIdentifier\":[{\"primaryIdentifier\":\"a\\ud800b\xffc\",\"nameIdentifierType\":\"LEGL\"}]}}}]}}",
			natural(NaturalPerson{Name: NaturalPersonName{NameIdentifiers: []NaturalPersonNameID{{PrimaryIdentifier: "a\uFFFDb\uFFFDc", NameIdentifierType: NameTypeLegal}}}})},
		{"customerNumber on a legal person", `{"beneficiary":{"beneficiaryPerson":[{"legalPerson":{"customerNumber":"42","customerIdentification":""}}]}}`,
			&IdentityPayload{Beneficiary: &Beneficiary{BeneficiaryPersons: []Person{{LegalPerson: &LegalPerson{CustomerIdentification: "42"}}}}}},
		{"account number as a single string", `{"beneficiary":{"accountNumber":"rAPERV:7"}}`,
			&IdentityPayload{Beneficiary: &Beneficiary{AccountNumbers: []string{"rAPERV:7"}}}},
		{"transfer path sequence as string", `{"transferPath":{"transferPath":[{"sequence":"0","intermediaryVasp":{"legalPerson":{"countryOfRegistration":"DE"}}}]}}`,
			&IdentityPayload{TransferPath: &TransferPath{Intermediaries: []IntermediaryVASP{{Person: &Person{LegalPerson: &LegalPerson{CountryOfRegistration: "DE"}}, Sequence: "0"}}}}},
		{"bare VASP", `{"beneficiaryVASP":{"legalPerson":{"countryOfRegistration":"GB"}}}`,
			&IdentityPayload{BeneficiaryVASP: &BeneficiaryVASP{Person: &Person{LegalPerson: &LegalPerson{CountryOfRegistration: "GB"}}}}},
		{"nested VASP, proto spelling", `{"originating_vasp":{"originating_vasp":{"legal_person":{"country_of_registration":"GB"}}}}`,
			&IdentityPayload{OriginatingVASP: &OriginatingVASP{Person: &Person{LegalPerson: &LegalPerson{CountryOfRegistration: "GB"}}}}},
		{"envelope in upper case, siblings ignored", `{"IVMS101":{"Beneficiary":{"accountNumber":["x"]}},"whatever":{"originatorPersons1":[]}}`,
			&IdentityPayload{Beneficiary: &Beneficiary{AccountNumbers: []string{"x"}}}},
		{"a key given twice: the last one counts", `{"beneficiary":{"accountNumber":["a"],"accountNumber":["b"]}}`,
			&IdentityPayload{Beneficiary: &Beneficiary{AccountNumbers: []string{"b"}}}},
		{"an element under two spellings: merged in document order", `{"beneficiary":{"account_numbers":["b"],"accountNumber":["a"]}}`,
			&IdentityPayload{Beneficiary: &Beneficiary{AccountNumbers: []string{"b", "a"}}}},
		{"empties are absent", `{"originator":{"originatorPersons":[{},{"naturalPerson":{}},{"legalPerson":null}],"accountNumber":[""]},"beneficiary":{},"transferPath":[],"payloadMetadata":{"transliterationMethod":[]}}`,
			&IdentityPayload{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := Unmarshal([]byte(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Unmarshal (-want +got):\n%s", diff)
			}
		})
	}
}

func TestUnmarshalVersionDetection(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want Version
	}{
		{`{"payloadMetadata":{"payloadVersion":"101.2023"}}`, Version2023},
		{`{"payloadMetadata":{"payloadVersion":"ivms101.2023"}}`, Version2023},
		{`{"payloadMetadata":{"payloadVersion":101.2023}}`, Version2023},
		{`{"originator":{"originatorPerson":[{"legalPerson":{"countryOfRegistration":"DE"}}]}}`, Version2023},
		{`{"originator":{"originatorPersons":[{"legalPerson":{"countryOfRegistration":"DE"},"accountNumber":["a"]}]}}`, Version2023},
		{`{"originator":{"originatorPersons":[{"naturalPerson":{"name":{"nameIdentifier":[{"primaryIdentifier":"A","naturalPersonNameIdentifierType":"LEGL"}]}}}]}}`, Version2023},
		{`{"originator":{"originatorPerson":[{"legalPerson":{"countryOfRegistration":"DE"}}]},"payloadMetadata":{"payloadVersion":"101"}}`, Version2020},
		{`{"beneficiary":{"beneficiaryPerson":[{"legalPerson":{"countryOfRegistration":"DE"}}]}}`, Version2020},
		{`{"originator":{"originatorPersons":[{"legalPerson":{"countryOfRegistration":"DE"}}],"accountNumber":["a"]}}`, Version2020},
	}
	for _, tc := range tests {
		p, err := Unmarshal([]byte(tc.in))
		if err != nil {
			t.Fatalf("%s: %v", tc.in, err)
		}
		if p.Version != tc.want {
			t.Errorf("%s: Version = %v, want %v", tc.in, p.Version, tc.want)
		}
	}
}

func TestUnmarshalErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		in       string
		sentinel error
		path     string
	}{
		{"empty input", ``, ErrSyntax, ""},
		{"top-level array", `[]`, ErrType, ""},
		{"top-level null", `null`, ErrType, ""},
		{"truncated", `{"originator":{"originatorPersons":[`, ErrSyntax, "originator.originatorPersons[0]"},
		{"trailing data", `{} {}`, ErrSyntax, ""},
		{"trailing NUL", "{}\x00", ErrSyntax, ""},
		{"trailing comma in object", `{"originator":{},}`, ErrSyntax, ""},
		{"trailing comma in array", `{"beneficiary":{"accountNumber":["a",]}}`, ErrSyntax, "beneficiary.accountNumber[1]"},
		{"missing value", `{"originator":}`, ErrSyntax, "originator"},
		{"bad literal", `{"originator":nul}`, ErrSyntax, "originator"},
		{"bad number", `{"transferPath":[{"sequence":01}]}`, ErrSyntax, "transferPath.transferPath[0]"},
		{"bad escape", `{"beneficiary":{"accountNumber":["\x"]}}`, ErrSyntax, "beneficiary.accountNumber[0]"},
		{"control character", "{\"beneficiary\":{\"accountNumber\":[\"a\nb\"]}}", ErrSyntax, "beneficiary.accountNumber[0]"},
		{"unterminated string", `{"beneficiary":{"accountNumber":["ab`, ErrSyntax, "beneficiary.accountNumber[0]"},
		{"object for a string", `{"originator":{"originatorPersons":[{"naturalPerson":{"customerIdentification":{"id":1}}}]}}`, ErrType, "originator.originatorPersons[0].naturalPerson.customerIdentification"},
		{"boolean for a code", `{"originator":{"originatorPersons":[{"legalPerson":{"name":{"nameIdentifier":[{"legalPersonNameIdentifierType":true}]}}}]}}`, ErrType, "originator.originatorPersons[0].legalPerson.name.nameIdentifier[0].legalPersonNameIdentifierType"},
		{"string for a person", `{"originator":{"originatorPersons":["Jane Howard"]}}`, ErrType, "originator.originatorPersons[0]"},
		{"nested name array", `{"originator":{"originatorPersons":[{"naturalPerson":{"name":[[]]}}]}}`, ErrType, "originator.originatorPersons[0].naturalPerson.name"},
		{"unknown key", `{"originator":{"originatorPersons":[{"naturalPerson":{"name":{},"city":"Paris"}}]}}`, ErrUnknownKey, "originator.originatorPersons[0].naturalPerson"},
		{"unknown top-level key", `{"originator":{},"extra":1}`, ErrUnknownKey, ""},
		{"unknown key in envelope", `{"ivms101":{"Originator":{},"Extra":1}}`, ErrUnknownKey, "ivms101"},
		{"nested and bare VASP", `{"originatingVASP":{"originatingVASP":{"legalPerson":{"countryOfRegistration":"DE"}},"legalPerson":{"countryOfRegistration":"FR"}}}`, ErrType, "originatingVASP.originatingVASP"},
		{"deep skip", `{"ivms101":{},"x":` + strings.Repeat("[", 10001) + strings.Repeat("]", 10001) + `}`, ErrSyntax, "x"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p, err := Unmarshal([]byte(tc.in))
			if p != nil || !errors.Is(err, tc.sentinel) {
				t.Fatalf("Unmarshal = %v, %v; want nil, %v", p, err, tc.sentinel)
			}
			var de *DecodeError
			if !errors.As(err, &de) {
				t.Fatalf("%T is not a *DecodeError", err)
			}
			if tc.name != "deep skip" && de.Path != tc.path {
				t.Errorf("Path = %q, want %q", de.Path, tc.path)
			}
			if strings.Contains(err.Error(), "Jane") || strings.Contains(err.Error(), "Paris") {
				t.Errorf("error %q quotes a value", err)
			}
		})
	}
}

func TestIgnoreUnknownKeys(t *testing.T) {
	t.Parallel()
	in := []byte(`{"originator":{"originatorPersons":[{"naturalPerson":{"city":{"a":[1,2]},"countryOfResidence":"FR"}}],"extra":null},"extra":true}`)
	if _, err := Unmarshal(in); !errors.Is(err, ErrUnknownKey) {
		t.Fatalf("Unmarshal error = %v, want ErrUnknownKey", err)
	}
	got, err := UnmarshalWith(in, IgnoreUnknownKeys())
	if err != nil {
		t.Fatal(err)
	}
	want := &IdentityPayload{Originator: &Originator{OriginatorPersons: []Person{{NaturalPerson: &NaturalPerson{CountryOfResidence: "FR"}}}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestIdentityPayloadJSON(t *testing.T) {
	t.Parallel()
	var doc struct {
		Identity *IdentityPayload `json:"identity"`
		Other    string           `json:"other"`
	}
	in := `{"identity":{"Beneficiary":{"accountNumber":["x"]}},"other":"y"}`
	if err := json.Unmarshal([]byte(in), &doc); err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(`{"identity":{"beneficiary":{"accountNumber":["x"]}},"other":"y"}`, string(out)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
