package gtr

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vaspkit/vaspkit/ivms"
)

func fullNatural() *ivms.Person {
	return &ivms.Person{NaturalPerson: &ivms.NaturalPerson{
		Name: ivms.NaturalPersonName{
			NameIdentifiers:      []ivms.NaturalPersonNameID{{PrimaryIdentifier: "Doe", SecondaryIdentifier: "Jane", NameIdentifierType: "LEGL"}},
			LocalNameIdentifiers: []ivms.NaturalPersonNameID{{PrimaryIdentifier: "ドウ", SecondaryIdentifier: "ジェーン", NameIdentifierType: "LEGL"}},
		},
		GeographicAddresses: []ivms.Address{{
			AddressType: "HOME", StreetName: "Rua Augusta", BuildingNumber: "10", PostCode: "1100-148",
			TownName: "Lisboa", AddressLines: []string{"Rua Augusta 10", "1100-148 Lisboa"}, Country: "PT",
		}},
		NationalIdentification: &ivms.NationalIdentification{NationalIdentifier: "AB123456", NationalIdentifierType: "CCPT", CountryOfIssue: "PT"},
		CustomerIdentification: "cust-42",
		DateAndPlaceOfBirth:    &ivms.DateAndPlaceOfBirth{DateOfBirth: "1985-04-12", PlaceOfBirth: "Porto"},
		CountryOfResidence:     "PT",
	}}
}

func fullLegal() *ivms.Person {
	return &ivms.Person{LegalPerson: &ivms.LegalPerson{
		Name:                   ivms.LegalPersonName{NameIdentifiers: []ivms.LegalPersonNameID{{LegalPersonName: "Acme Trading Lda", LegalPersonNameIdentifierType: "LEGL"}}},
		GeographicAddresses:    []ivms.Address{{AddressType: "BIZZ", AddressLines: []string{"Av. da Liberdade 1"}, TownName: "Lisboa", Country: "PT"}},
		NationalIdentification: &ivms.NationalIdentification{NationalIdentifier: "529900T8BM49AURSDO55", NationalIdentifierType: "LEIX"},
		CountryOfRegistration:  "PT",
	}}
}

func TestMatchField(t *testing.T) {
	t.Parallel()
	known := fullNatural()
	other := &ivms.Person{NaturalPerson: &ivms.NaturalPerson{
		Name:                   ivms.NaturalPersonName{NameIdentifiers: []ivms.NaturalPersonNameID{{PrimaryIdentifier: "JANE DOE"}}},
		GeographicAddresses:    []ivms.Address{{StreetName: "Rua Agusta", PostCode: "1100 148", TownName: "Lisbon", Country: "pt", AddressLines: []string{"Rua Augusta, 10", "1100-148 Lisboa"}}},
		NationalIdentification: &ivms.NationalIdentification{NationalIdentifier: "ab123457", NationalIdentifierType: "ccpt"},
		DateAndPlaceOfBirth:    &ivms.DateAndPlaceOfBirth{DateOfBirth: "1985-04-12"},
		CustomerIdentification: "theirs-9",
	}}
	legal := fullLegal()
	tests := []struct {
		id         FieldID
		sent, know *ivms.Person
		want       FieldStatus
	}{
		{BeneficiaryNatural.Name(), other, known, FieldMatch},
		{BeneficiaryNatural.LocalName(), &ivms.Person{NaturalPerson: &ivms.NaturalPerson{Name: ivms.NaturalPersonName{
			LocalNameIdentifiers: []ivms.NaturalPersonNameID{{PrimaryIdentifier: "ジェーン ドウ"}}}}}, known, FieldMatch},
		{BeneficiaryNatural.DateOfBirth(), other, known, FieldMatch},
		{BeneficiaryNatural.PlaceOfBirth(), other, known, FieldInfoMissing},
		{BeneficiaryNatural.StreetName(), other, known, FieldMatch},
		{BeneficiaryNatural.PostCode(), other, known, FieldMatch},
		{BeneficiaryNatural.TownName(), other, known, FieldMatch},
		{BeneficiaryNatural.AddressCountry(), other, known, FieldMatch},
		{BeneficiaryNatural.AddressLine(), other, known, FieldMatch},
		{BeneficiaryNatural.NationalIdentifier(), other, known, FieldMismatch},
		{BeneficiaryNatural.NationalIdentifierType(), other, known, FieldMatch},
		{BeneficiaryNatural.NationalIDCountryOfIssue(), other, known, FieldInfoMissing},
		{BeneficiaryNatural.CustomerIdentification(), other, known, FieldInfoExists}, // rule NONE
		{BeneficiaryNatural.CountryOfResidence(), known, other, FieldNotSupported},   // we hold none
		{BeneficiaryNatural.BuildingName(), other, known, FieldInfoMissing},
		{BeneficiaryNatural.Name(), legal, known, FieldInfoMissing}, // a legal person has no natural name
		{BeneficiaryLegal.Name(), &ivms.Person{LegalPerson: &ivms.LegalPerson{Name: ivms.LegalPersonName{
			NameIdentifiers: []ivms.LegalPersonNameID{{LegalPersonName: "ACME TRADING, LDA."}}}}}, legal, FieldMatch},
		{BeneficiaryLegal.NationalIdentifier(), legal, legal, FieldMatch},
		{BeneficiaryLegal.NationalIdentifierType(), legal, legal, FieldMatch},
		{BeneficiaryLegal.CountryOfRegistration(), legal, legal, FieldMatch},
		{BeneficiaryLegal.AddressLine(), legal, legal, FieldMatch},
		{BeneficiaryLegal.RegistrationAuthority(), legal, legal, FieldInfoMissing},
		{FieldID("999999"), other, known, FieldNotSupported},
		{BeneficiaryNatural.Name(), nil, known, FieldInfoMissing},
	}
	for _, tt := range tests {
		if got := matchField(tt.id, tt.sent, tt.know); got != tt.want {
			t.Errorf("matchField(%s) = %v, want %v", tt.id, got, tt.want)
		}
	}
}

func TestVerifyFields(t *testing.T) {
	t.Parallel()
	sent := &ivms.IdentityPayload{
		Originator: &ivms.Originator{OriginatorPersons: []ivms.Person{{NaturalPerson: &ivms.NaturalPerson{
			Name: ivms.NaturalPersonName{NameIdentifiers: []ivms.NaturalPersonNameID{{PrimaryIdentifier: "Example", SecondaryIdentifier: "Alice"}}}}}},
			AccountNumbers: []string{"acct-1"}},
		Beneficiary: &ivms.Beneficiary{BeneficiaryPersons: []ivms.Person{{NaturalPerson: &ivms.NaturalPerson{
			Name:                ivms.NaturalPersonName{NameIdentifiers: []ivms.NaturalPersonNameID{{PrimaryIdentifier: "Doe", SecondaryIdentifier: "Jane Mary"}}},
			DateAndPlaceOfBirth: &ivms.DateAndPlaceOfBirth{DateOfBirth: "1985-04-21"},
		}}}},
		OriginatingVASP: &ivms.OriginatingVASP{Person: fullLegal()},
	}
	customer := []ivms.Person{*fullNatural()}
	tests := []struct {
		name             string
		party            fieldParty
		expect, required []FieldID
		want             []FieldResult
		verdict          VerifyStatus
	}{
		{
			name:  "pre-transaction receiver",
			party: partyBeneficiary,
			expect: []FieldID{BeneficiaryNatural.Name(), BeneficiaryNatural.DateOfBirth(), BeneficiaryNatural.NationalIdentifier(),
				OriginatorNatural.Name(), FieldID("UNKNOWN_FIELD"), BeneficiaryNatural.Name()},
			required: []FieldID{OriginatorNatural.Name(), OriginatorNatural.DateOfBirth(), OriginatorAccount.AccountNumber(), FieldID("999999")},
			want: []FieldResult{
				{ID: BeneficiaryNatural.Name(), Status: FieldMatch},
				{ID: BeneficiaryNatural.DateOfBirth(), Status: FieldMismatch},
				{ID: BeneficiaryNatural.NationalIdentifier(), Status: FieldSkip},
				{ID: OriginatorNatural.Name(), Status: FieldInfoExists},
				{ID: "UNKNOWN_FIELD", Status: FieldNotSupported},
				{ID: OriginatorNatural.DateOfBirth(), Status: FieldInfoMissing},
				{ID: OriginatorAccount.AccountNumber(), Status: FieldInfoExists},
			},
			verdict: StatusPIIVerifyFail,
		},
		{
			name:     "asked and required but absent",
			party:    partyBeneficiary,
			expect:   []FieldID{BeneficiaryNatural.Name(), BeneficiaryNatural.NationalIdentifier(), OriginatingVASP.Name()},
			required: []FieldID{BeneficiaryNatural.NationalIdentifier()},
			want: []FieldResult{
				{ID: BeneficiaryNatural.Name(), Status: FieldMatch},
				{ID: BeneficiaryNatural.NationalIdentifier(), Status: FieldInfoMissing},
				{ID: OriginatingVASP.Name(), Status: FieldNotSupported},
			},
			verdict: StatusPIIVerifyFail,
		},
		{
			name:    "success",
			party:   partyBeneficiary,
			expect:  []FieldID{BeneficiaryNatural.Name(), BeneficiaryNatural.CountryOfResidence()},
			want:    []FieldResult{{ID: BeneficiaryNatural.Name(), Status: FieldMatch}, {ID: BeneficiaryNatural.CountryOfResidence(), Status: FieldSkip}},
			verdict: StatusSuccess,
		},
		{
			name:    "nothing asked",
			party:   partyOriginator,
			want:    []FieldResult{},
			verdict: StatusSuccess,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := verifyPIIFields(sent, tt.party, customer, tt.expect, tt.required)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("verifyPIIFields mismatch (-want +got):\n%s", diff)
			}
			if v := piiVerdict(got); v != tt.verdict {
				t.Errorf("piiVerdict = %v, want %v", v, tt.verdict)
			}
		})
	}
}
