package ivms

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Each output dialect is pinned by golden files (testdata/golden/marshal/).
func TestMarshalGolden(t *testing.T) {
	t.Parallel()
	inputs := map[string]string{
		"base":          "samples/valid_derived_base.json",
		"spec-example2": "samples/valid_ivms101-2023_spec-example2.json",
		"gtr-broker":    "dialects/gtr-broker-transferpath.json",
	}
	for name, input := range inputs {
		for _, d := range []Dialect{Canonical, GTR, IVMS2023} {
			t.Run(name+"/"+d.String(), func(t *testing.T) {
				t.Parallel()
				p := mustUnmarshal(t, readTestdata(t, input))
				out, err := Marshal(p, d)
				if err != nil {
					t.Fatal(err)
				}
				checkGolden(t, "marshal/"+name+"."+strings.ToLower(d.String())+".json", out)
				// What Marshal writes, Unmarshal reads back to the same model
				// in the dialect's edition.
				back := mustUnmarshal(t, out)
				want := p.Convert(Version2020)
				if d == IVMS2023 {
					want = p.Convert(Version2023)
				}
				if diff := cmp.Diff(want, back); diff != "" {
					t.Errorf("round trip (-want +got):\n%s", diff)
				}
			})
		}
	}
}

// Marshal(IVMS2023) of the 2020 base sample is the published 2023 version of it.
func TestMarshalIVMS2023MatchesSample(t *testing.T) {
	t.Parallel()
	out, err := Marshal(sample(t, "valid_derived_base.json"), IVMS2023)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(sample(t, "valid_derived_base_ivms101-2023.json"), mustUnmarshal(t, out)); diff != "" {
		t.Errorf("(-sample +marshalled):\n%s", diff)
	}
}

func TestMarshalShape(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		p    *IdentityPayload
		d    Dialect
		want string
	}{
		{"empty payload", &IdentityPayload{}, Canonical, `{}`},
		{"empty payload GTR", &IdentityPayload{}, GTR, `{}`},
		{"only the version in 2023", &IdentityPayload{}, IVMS2023, `{"payloadMetadata":{"payloadVersion":"101.2023"}}`},
		{"empty objects and strings are dropped", &IdentityPayload{
			Originator:      &Originator{OriginatorPersons: []Person{{NaturalPerson: &NaturalPerson{DateAndPlaceOfBirth: &DateAndPlaceOfBirth{}}}, {}}, AccountNumbers: []string{""}},
			OriginatingVASP: &OriginatingVASP{},
			TransferPath:    &TransferPath{Intermediaries: []IntermediaryVASP{{}}},
			PayloadMetadata: &PayloadMetadata{TransliterationMethods: []TransliterationMethod{""}},
		}, Canonical, `{}`},
		{"no HTML escaping, control characters escaped, invalid UTF-8 replaced", &IdentityPayload{
			Beneficiary: &Beneficiary{AccountNumbers: []string{"<a&b>\"\\\n\x01é\xff"}},
		}, Canonical, `{"beneficiary":{"accountNumber":["<a&b>\"\\\n\u0001é` + "\uFFFD" + `"]}}`},
		{"codes in canonical case", &IdentityPayload{
			Originator: &Originator{OriginatorPersons: []Person{{NaturalPerson: &NaturalPerson{Name: NaturalPersonName{
				NameIdentifiers: []NaturalPersonNameID{{PrimaryIdentifier: "A", NameIdentifierType: "legl"}, {PrimaryIdentifier: "B", NameIdentifierType: "nick"}},
			}}}}},
			PayloadMetadata: &PayloadMetadata{TransliterationMethods: []TransliterationMethod{"Hani"}},
		}, GTR, `{"ivms101":{"Originator":{"originatorPersons":[{"naturalPerson":{"name":{"nameIdentifier":[{"primaryIdentifier":"A","nameIdentifierType":"LEGL"},{"primaryIdentifier":"B","nameIdentifierType":"nick"}]}}}]},"payloadMetadata":{"transliterationMethod":["hani"]}}}`},
		{"sequences", &IdentityPayload{TransferPath: &TransferPath{Intermediaries: []IntermediaryVASP{
			{Sequence: "007"}, {Sequence: "-1"}, {Sequence: "1.5"}, {Sequence: "two"},
		}}}, Canonical, `{"transferPath":{"transferPath":[{"sequence":7},{"sequence":-1},{"sequence":1.5},{"sequence":"two"}]}}`},
		{"GTR transfer path", &IdentityPayload{TransferPath: &TransferPath{Intermediaries: []IntermediaryVASP{
			{Sequence: "0", Person: &Person{LegalPerson: &LegalPerson{CountryOfRegistration: "DE"}}},
		}}}, GTR, `{"ivms101":{"TransferPath":[{"sequence":0,"intermediaryVasp":{"legalPerson":{"countryOfRegistration":"DE"}}}]}}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			out, err := Marshal(tc.p, tc.d)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, string(out)); diff != "" {
				t.Errorf("Marshal (-want +got):\n%s", diff)
			}
		})
	}
}

func TestMarshalAccountNumbers(t *testing.T) {
	t.Parallel()
	legal := func(accounts ...string) Person {
		return Person{LegalPerson: &LegalPerson{CountryOfRegistration: "DE"}, AccountNumbers: accounts}
	}
	p := &IdentityPayload{
		Originator:      &Originator{OriginatorPersons: []Person{legal("b"), legal("a", "c")}, AccountNumbers: []string{"a"}},
		Beneficiary:     &Beneficiary{AccountNumbers: []string{"x"}},
		OriginatingVASP: &OriginatingVASP{Person: &Person{LegalPerson: &LegalPerson{CountryOfRegistration: "FR"}, AccountNumbers: []string{"v"}}},
	}
	tests := []struct {
		d    Dialect
		want string
	}{
		{Canonical, `{"originator":{"originatorPersons":[{"legalPerson":{"countryOfRegistration":"DE"}},{"legalPerson":{"countryOfRegistration":"DE"}}],"accountNumber":["a","b","c"]},` +
			`"beneficiary":{"accountNumber":["x"]},"originatingVASP":{"originatingVASP":{"legalPerson":{"countryOfRegistration":"FR"}}}}`},
		{IVMS2023, `{"originator":{"originatorPerson":[{"legalPerson":{"countryOfRegistration":"DE"},"accountNumber":["a","b"]},{"legalPerson":{"countryOfRegistration":"DE"},"accountNumber":["a","c"]}]},` +
			`"beneficiary":{"accountNumber":["x"]},"originatingVASP":{"originatingVASP":{"legalPerson":{"countryOfRegistration":"FR"},"accountNumber":["v"]}},"payloadMetadata":{"payloadVersion":"101.2023"}}`},
	}
	for _, tc := range tests {
		out, err := Marshal(p, tc.d)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tc.want, string(out)); diff != "" {
			t.Errorf("%v (-want +got):\n%s", tc.d, diff)
		}
	}
	if diff := cmp.Diff([]string{"a"}, p.Originator.AccountNumbers); diff != "" {
		t.Errorf("Marshal modified its input (-want +got):\n%s", diff)
	}
}

func TestMarshalErrors(t *testing.T) {
	t.Parallel()
	if _, err := Marshal(nil, Canonical); !errors.Is(err, ErrNilPayload) {
		t.Errorf("Marshal(nil) error = %v, want ErrNilPayload", err)
	}
	if _, err := Marshal(&IdentityPayload{}, Dialect(7)); !errors.Is(err, ErrDialect) {
		t.Errorf("Marshal(Dialect(7)) error = %v, want ErrDialect", err)
	}
	if got := Dialect(7).String(); got != "Dialect(7)" {
		t.Errorf("String() = %q", got)
	}
}

func TestConvert(t *testing.T) {
	t.Parallel()
	base := sample(t, "valid_derived_base.json")
	v23 := base.Convert(Version2023)
	if v23.Version != Version2023 || v23.PayloadMetadata.PayloadVersion != PayloadVersion2023 {
		t.Errorf("Convert(2023): Version %v, payloadVersion %q", v23.Version, v23.PayloadMetadata.PayloadVersion)
	}
	if diff := cmp.Diff([]string{"14HmBSwec8XrcWge9Zi1ZngNia64u3Wd2v"}, v23.Originator.OriginatorPersons[0].AccountNumbers); diff != "" {
		t.Errorf("account numbers on the first person (-want +got):\n%s", diff)
	}
	if v23.Originator.AccountNumbers != nil {
		t.Errorf("entity account numbers left: %d", len(v23.Originator.AccountNumbers))
	}
	if err := v23.ValidateWith(AsOf(testNow)); err != nil {
		t.Errorf("converted payload: %v", err)
	}
	if diff := cmp.Diff(base, v23.Convert(Version2020)); diff != "" {
		t.Errorf("2020 → 2023 → 2020 (-want +got):\n%s", diff)
	}
	// Convert and Clone share nothing with the original.
	v23.OriginatingVASP.Person.LegalPerson.Name.NameIdentifiers[0].LegalPersonName = "changed"
	if base.OriginatingVASP.Person.LegalPerson.Name.NameIdentifiers[0].LegalPersonName == "changed" {
		t.Error("Convert shares memory with its input")
	}
	var nilPayload *IdentityPayload
	if nilPayload.Convert(Version2023) != nil || nilPayload.Clone() != nil {
		t.Error("nil payload did not convert to nil")
	}
}

func TestMergeAccountsLongLists(t *testing.T) {
	t.Parallel()
	var a, b, want []string
	for i := range 40 {
		a = append(a, fmt.Sprint("a", i))
		b = append(b, fmt.Sprint("a", i*2), fmt.Sprint("b", i), "")
	}
	want = append(want, a...)
	for i := range 40 {
		if i*2 >= 40 {
			want = append(want, fmt.Sprint("a", i*2))
		}
		want = append(want, fmt.Sprint("b", i))
	}
	if diff := cmp.Diff(want, mergeAccounts(a, b)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want[:3], mergeAccounts(want[:3], want[:2])); diff != "" {
		t.Errorf("short lists (-want +got):\n%s", diff)
	}
}
