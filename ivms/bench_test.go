package ivms

import (
	"encoding/json"
	"testing"
)

// The benchmarks decode, validate and encode the four-entity sample
// (valid_derived_base.json, 4.6 kB). Each *Baseline does the nearest work
// by hand with encoding/json and plain structs of the canonical dialect
// only — no dialects, no normalisation, no checks — so the package's cost
// reads as a ratio.

type plainNameID struct {
	PrimaryIdentifier   string `json:"primaryIdentifier,omitempty"`
	SecondaryIdentifier string `json:"secondaryIdentifier,omitempty"`
	NameIdentifierType  string `json:"nameIdentifierType,omitempty"`
}

type plainLegalNameID struct {
	LegalPersonName               string `json:"legalPersonName,omitempty"`
	LegalPersonNameIdentifierType string `json:"legalPersonNameIdentifierType,omitempty"`
}

type plainAddress struct {
	AddressType        string   `json:"addressType,omitempty"`
	StreetName         string   `json:"streetName,omitempty"`
	BuildingNumber     string   `json:"buildingNumber,omitempty"`
	BuildingName       string   `json:"buildingName,omitempty"`
	PostCode           string   `json:"postCode,omitempty"`
	TownName           string   `json:"townName,omitempty"`
	CountrySubDivision string   `json:"countrySubDivision,omitempty"`
	AddressLine        []string `json:"addressLine,omitempty"`
	Country            string   `json:"country,omitempty"`
}

type plainNationalID struct {
	NationalIdentifier     string `json:"nationalIdentifier,omitempty"`
	NationalIdentifierType string `json:"nationalIdentifierType,omitempty"`
	CountryOfIssue         string `json:"countryOfIssue,omitempty"`
	RegistrationAuthority  string `json:"registrationAuthority,omitempty"`
}

type plainPerson struct {
	NaturalPerson *struct {
		Name struct {
			NameIdentifier []plainNameID `json:"nameIdentifier,omitempty"`
		} `json:"name"`
		GeographicAddress      []plainAddress   `json:"geographicAddress,omitempty"`
		NationalIdentification *plainNationalID `json:"nationalIdentification,omitempty"`
		CustomerIdentification string           `json:"customerIdentification,omitempty"`
		DateAndPlaceOfBirth    *struct {
			DateOfBirth  string `json:"dateOfBirth"`
			PlaceOfBirth string `json:"placeOfBirth"`
		} `json:"dateAndPlaceOfBirth,omitempty"`
		CountryOfResidence string `json:"countryOfResidence,omitempty"`
	} `json:"naturalPerson,omitempty"`
	LegalPerson *struct {
		Name struct {
			NameIdentifier []plainLegalNameID `json:"nameIdentifier,omitempty"`
		} `json:"name"`
		GeographicAddress      []plainAddress   `json:"geographicAddress,omitempty"`
		NationalIdentification *plainNationalID `json:"nationalIdentification,omitempty"`
		CountryOfRegistration  string           `json:"countryOfRegistration,omitempty"`
	} `json:"legalPerson,omitempty"`
}

type plainPayload struct {
	Originator *struct {
		OriginatorPersons []plainPerson `json:"originatorPersons"`
		AccountNumber     []string      `json:"accountNumber,omitempty"`
	} `json:"originator,omitempty"`
	Beneficiary *struct {
		BeneficiaryPersons []plainPerson `json:"beneficiaryPersons"`
		AccountNumber      []string      `json:"accountNumber,omitempty"`
	} `json:"beneficiary,omitempty"`
	OriginatingVASP *struct {
		OriginatingVASP plainPerson `json:"originatingVASP"`
	} `json:"originatingVASP,omitempty"`
	BeneficiaryVASP *struct {
		BeneficiaryVASP plainPerson `json:"beneficiaryVASP"`
	} `json:"beneficiaryVASP,omitempty"`
}

func benchDoc(b *testing.B) []byte {
	b.Helper()
	return readTestdata(b, "samples/valid_derived_base.json")
}

func BenchmarkUnmarshal(b *testing.B) {
	data := benchDoc(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Unmarshal(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkUnmarshalBaseline(b *testing.B) {
	data := benchDoc(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		var p plainPayload
		if err := json.Unmarshal(data, &p); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkUnmarshalValidate(b *testing.B) {
	data := benchDoc(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		p, err := Unmarshal(data)
		if err != nil {
			b.Fatal(err)
		}
		if err := p.Validate(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkValidate(b *testing.B) {
	p := mustUnmarshal(b, benchDoc(b))
	b.ReportAllocs()
	for b.Loop() {
		if err := p.Validate(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMarshal(b *testing.B) {
	p := mustUnmarshal(b, benchDoc(b))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Marshal(p, GTR); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMarshalBaseline(b *testing.B) {
	var p plainPayload
	if err := json.Unmarshal(benchDoc(b), &p); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := json.Marshal(map[string]any{"ivms101": &p}); err != nil {
			b.Fatal(err)
		}
	}
}
