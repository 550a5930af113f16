package ivms

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The 32 public payloads of testdata/samples (see the README of the shared
// test data): valid_* decode and validate, invalid_* fail validation (or
// decoding) with exactly the violations listed, edge_* follow the
// documented policy on both sides.
func TestSamples(t *testing.T) {
	t.Parallel()
	const (
		ovasp = "originatingVASP.originatingVASP.legalPerson."
		bvasp = "beneficiaryVASP.beneficiaryVASP.legalPerson."
	)
	tests := map[string][]string{
		"valid_derived_base.json":                                               nil,
		"valid_derived_base_gtr-envelope.json":                                  nil,
		"valid_derived_base_ivms101-2023.json":                                  nil,
		"valid_ivms101-2020_spec-example2.json":                                 nil,
		"valid_ivms101-2023_spec-example2.json":                                 nil,
		"valid_sygna-bridge-util-go_readme-snake-case.json":                     nil,
		"valid_trisa-openvasp_trp-inquiry-ivms101.json":                         nil,
		"valid_trisa_identity-payload.json":                                     nil,
		"valid_veriscope_complete-example.json":                                 nil,
		"edge_code_complete-example.json":                                       nil, // empty secondaryIdentifier = absent
		"edge_ivms101-2020_spec-example1_lei-checksum.json":                     {ovasp + "nationalIdentification.nationalIdentifier [C11]"},
		"invalid_derived_address-line-8-lines.json":                             {"originator.originatorPersons[0].naturalPerson.geographicAddress[0].addressLine [LENGTH]"},
		"invalid_derived_c1_originator-natural-person-no-identifying-info.json": {"originator.originatorPersons[0].naturalPerson [C1]"},
		"invalid_derived_c2_date-of-birth-in-future.json":                       {"originator.originatorPersons[0].naturalPerson.dateAndPlaceOfBirth.dateOfBirth [C2]"},
		"invalid_derived_c3_country-alpha3.json":                                {"originator.originatorPersons[0].naturalPerson.countryOfResidence [C3]"},
		"invalid_derived_c4_originator-legal-person-only-bizz-address.json":     {"originator.originatorPersons[0].legalPerson [C4]"},
		"invalid_derived_c5_legal-person-no-legl-name.json":                     {bvasp + "name [C5]"},
		"invalid_derived_c6_natural-person-no-legl-name.json":                   {"originator.originatorPersons[0].naturalPerson.name [C6]"},
		"invalid_derived_c7_legal-person-passport-id.json":                      {bvasp + "nationalIdentification.nationalIdentifierType [C7]"},
		"invalid_derived_c8_address-without-street-or-lines.json":               {"originator.originatorPersons[0].naturalPerson.geographicAddress[0] [C8]"},
		"invalid_derived_c9_leix-with-registration-authority.json":              {ovasp + "nationalIdentification.registrationAuthority [C9]"},
		"invalid_derived_c10_unknown-registration-authority.json":               {bvasp + "nationalIdentification.registrationAuthority [C10]"},
		"invalid_derived_c11_lei-bad-checksum.json":                             {ovasp + "nationalIdentification.nationalIdentifier [C11]"},
		"invalid_derived_c12_transfer-path-not-starting-at-zero.json":           {"transferPath.transferPath [C12]"},
		"invalid_derived_max100text-primary-identifier-101-chars.json":          {"originator.originatorPersons[0].naturalPerson.name.nameIdentifier[0].primaryIdentifier [LENGTH]"},
		"invalid_derived_person-both-natural-and-legal.json":                    {"beneficiary.beneficiaryPersons[0] [ONEOF]"},
		"invalid_code_complete-example-legal-person.json": {
			"originator.originatorPersons[0].legalPerson.nationalIdentification.nationalIdentifier [C11]",
			"originator.originatorPersons[1].naturalPerson [C1]",
			"beneficiary.beneficiaryPersons[0].legalPerson.nationalIdentification.nationalIdentifier [C11]",
		},
		"invalid_gtr-integration-tools_pre-ivms-kyc-template.json": {
			ovasp + "nationalIdentification.nationalIdentifier [LENGTH]",
			ovasp + "nationalIdentification.registrationAuthority [C10]",
			ovasp + "nationalIdentification.countryOfIssue [C9]",
			bvasp + "nationalIdentification.nationalIdentifier [LENGTH]",
			bvasp + "nationalIdentification.registrationAuthority [C10]",
			bvasp + "nationalIdentification.countryOfIssue [C9]",
		},
		"invalid_gtr-ivms101-protocols_complete-example.json": {
			"beneficiary.beneficiaryPersons[0].legalPerson.nationalIdentification.nationalIdentifier [C11]",
			ovasp + "geographicAddress[0].buildingNumber [LENGTH]",
			bvasp + "nationalIdentification.nationalIdentifier [C11]",
		},
		"invalid_trisa_identity-payload.pb.json": {
			"beneficiary.beneficiaryPersons[0].naturalPerson.geographicAddress[0].country [C3]",
			ovasp + "nationalIdentification.countryOfIssue [C9]",
			ovasp + "nationalIdentification.registrationAuthority [C9]",
			ovasp + "nationalIdentification.nationalIdentifier [C11]",
			bvasp + "nationalIdentification.countryOfIssue [C9]",
			bvasp + "nationalIdentification.registrationAuthority [C9]",
			bvasp + "nationalIdentification.nationalIdentifier [C11]",
		},
		"invalid_veriscope_complete-example_pre-2024-fix.json": {
			"beneficiary.beneficiaryPersons[0].legalPerson.nationalIdentification.countryOfIssue [C9]",
			"beneficiary.beneficiaryPersons[0].legalPerson.nationalIdentification.registrationAuthority [C9]",
			"beneficiary.beneficiaryPersons[0].legalPerson.nationalIdentification.nationalIdentifier [C11]",
			bvasp + "nationalIdentification.nationalIdentifier [C11]",
		},
	}
	files, err := filepath.Glob(filepath.Join("testdata", "samples", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 32 {
		t.Fatalf("found %d samples, want 32", len(files))
	}
	for _, f := range files {
		name := filepath.Base(f)
		if name == "invalid_veriscope_malformed-full-example.json" {
			continue // a decode failure, below
		}
		want, ok := tests[name]
		if !ok {
			t.Errorf("sample %s has no expectation", name)
			continue
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			p := mustUnmarshal(t, data)
			got := violations(t, p.ValidateWith(AsOf(testNow)))
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("violations (-want +got):\n%s", diff)
			}
			if strings.HasPrefix(name, "invalid_") && len(want) == 0 {
				t.Error("an invalid_ sample needs an expected violation")
			}
		})
	}
}

func TestSampleUnknownKeyFailsDecoding(t *testing.T) {
	t.Parallel()
	_, err := Unmarshal(readTestdata(t, "samples/invalid_veriscope_malformed-full-example.json"))
	var de *DecodeError
	if !errors.As(err, &de) || !errors.Is(err, ErrUnknownKey) {
		t.Fatalf("Unmarshal error = %v, want a *DecodeError for ErrUnknownKey", err)
	}
	if diff := cmp.Diff([]string{"originator", "originatorPersons1"}, []string{de.Path, de.Key}); diff != "" {
		t.Errorf("path and key (-want +got):\n%s", diff)
	}
	if !strings.Contains(err.Error(), `"originatorPersons1"`) {
		t.Errorf("error %q does not name the key", err)
	}
}

// edge_ivms101-2020_spec-example1: the standard's own LEI fails the ISO 17442
// check digits. Invalid by default, valid when only the format is checked.
func TestEdgeSpecExampleLEI(t *testing.T) {
	t.Parallel()
	p := sample(t, "edge_ivms101-2020_spec-example1_lei-checksum.json")
	err := p.ValidateWith(AsOf(testNow))
	var verrs ValidationErrors
	if !errors.As(err, &verrs) || len(verrs) != 1 || !strings.Contains(verrs[0].Message, "check digits") {
		t.Fatalf("default Validate = %v, want one C11 check-digit violation", err)
	}
	if err := p.ValidateWith(AsOf(testNow), LEIFormatOnly()); err != nil {
		t.Errorf("with LEIFormatOnly: %v", err)
	}
}

// edge_code_complete-example: its localNameIdentifier has
// "secondaryIdentifier": "". Policy: "" is absent, so the payload is valid,
// the blank does not survive in the model or in the output — and the flip
// side: a blank *required* element is reported as missing.
func TestEdgeEmptyStringIsAbsent(t *testing.T) {
	t.Parallel()
	p := sample(t, "edge_code_complete-example.json")
	if err := p.ValidateWith(AsOf(testNow)); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	local := p.Originator.OriginatorPersons[0].NaturalPerson.Name.LocalNameIdentifiers
	want := []NaturalPersonNameID{{PrimaryIdentifier: "로버트 반스", NameIdentifierType: NameTypeLegal}}
	if diff := cmp.Diff(want, local); diff != "" {
		t.Errorf("local name (-want +got):\n%s", diff)
	}
	out, err := Marshal(p, Canonical)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(out), `""`) {
		t.Errorf("Marshal wrote an empty string: %s", out)
	}

	blank := strings.Replace(string(readTestdata(t, "samples/edge_code_complete-example.json")),
		`"primaryIdentifier": "Barnes"`, `"primaryIdentifier": ""`, 1)
	got := violations(t, mustUnmarshal(t, []byte(blank)).ValidateWith(AsOf(testNow)))
	if diff := cmp.Diff([]string{"originator.originatorPersons[0].naturalPerson.name.nameIdentifier[0].primaryIdentifier [REQUIRED]"}, got); diff != "" {
		t.Errorf("blank primaryIdentifier (-want +got):\n%s", diff)
	}
}
