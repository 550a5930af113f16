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
		{BeneficiaryNaturalName, other, known, FieldMatch},
		{BeneficiaryNaturalLocalName, &ivms.Person{NaturalPerson: &ivms.NaturalPerson{Name: ivms.NaturalPersonName{
			LocalNameIdentifiers: []ivms.NaturalPersonNameID{{PrimaryIdentifier: "ジェーン ドウ"}}}}}, known, FieldMatch},
		{BeneficiaryNaturalDateOfBirth, other, known, FieldMatch},
		{BeneficiaryNaturalPlaceOfBirth, other, known, FieldInfoMissing},
		{BeneficiaryNaturalStreetName, other, known, FieldMatch},
		{BeneficiaryNaturalPostCode, other, known, FieldMatch},
		{BeneficiaryNaturalTownName, other, known, FieldMatch},
		{BeneficiaryNaturalAddressCountry, other, known, FieldMatch},
		{BeneficiaryNaturalAddressLine, other, known, FieldMatch},
		{BeneficiaryNaturalNationalIdentifier, other, known, FieldMismatch},
		{BeneficiaryNaturalNationalIdentifierType, other, known, FieldMatch},
		{BeneficiaryNaturalNationalIDCountryOfIssue, other, known, FieldInfoMissing},
		{BeneficiaryNaturalCustomerIdentification, other, known, FieldInfoExists}, // rule NONE
		{BeneficiaryNaturalCountryOfResidence, known, other, FieldNotSupported},   // we hold none
		{BeneficiaryNaturalBuildingName, other, known, FieldInfoMissing},
		{BeneficiaryNaturalName, legal, known, FieldInfoMissing}, // a legal person has no natural name
		{BeneficiaryLegalName, &ivms.Person{LegalPerson: &ivms.LegalPerson{Name: ivms.LegalPersonName{
			NameIdentifiers: []ivms.LegalPersonNameID{{LegalPersonName: "ACME TRADING, LDA."}}}}}, legal, FieldMatch},
		{BeneficiaryLegalNationalIdentifier, legal, legal, FieldMatch},
		{BeneficiaryLegalNationalIdentifierType, legal, legal, FieldMatch},
		{BeneficiaryLegalCountryOfRegistration, legal, legal, FieldMatch},
		{BeneficiaryLegalAddressLine, legal, legal, FieldMatch},
		{BeneficiaryLegalRegistrationAuthority, legal, legal, FieldInfoMissing},
		{FieldID("999999"), other, known, FieldNotSupported},
		{BeneficiaryNaturalName, nil, known, FieldInfoMissing},
	}
	for _, tt := range tests {
		if got := MatchField(tt.id, tt.sent, tt.know); got != tt.want {
			t.Errorf("MatchField(%s) = %v, want %v", tt.id, got, tt.want)
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
		party            Party
		expect, required []FieldID
		want             []FieldResult
		verdict          VerifyStatus
	}{
		{
			name:  "pre-transaction receiver",
			party: PartyBeneficiary,
			expect: []FieldID{BeneficiaryNaturalName, BeneficiaryNaturalDateOfBirth, BeneficiaryNaturalNationalIdentifier,
				OriginatorNaturalName, FieldID("UNKNOWN_FIELD"), BeneficiaryNaturalName},
			required: []FieldID{OriginatorNaturalName, OriginatorNaturalDateOfBirth, OriginatorAccountNumber, FieldID("999999")},
			want: []FieldResult{
				{ID: BeneficiaryNaturalName, Status: FieldMatch},
				{ID: BeneficiaryNaturalDateOfBirth, Status: FieldMismatch},
				{ID: BeneficiaryNaturalNationalIdentifier, Status: FieldSkip},
				{ID: OriginatorNaturalName, Status: FieldInfoExists},
				{ID: "UNKNOWN_FIELD", Status: FieldNotSupported},
				{ID: OriginatorNaturalDateOfBirth, Status: FieldInfoMissing},
				{ID: OriginatorAccountNumber, Status: FieldInfoExists},
			},
			verdict: StatusPIIVerifyFail,
		},
		{
			name:     "asked and required but absent",
			party:    PartyBeneficiary,
			expect:   []FieldID{BeneficiaryNaturalName, BeneficiaryNaturalNationalIdentifier, OriginatingVASPName},
			required: []FieldID{BeneficiaryNaturalNationalIdentifier},
			want: []FieldResult{
				{ID: BeneficiaryNaturalName, Status: FieldMatch},
				{ID: BeneficiaryNaturalNationalIdentifier, Status: FieldInfoMissing},
				{ID: OriginatingVASPName, Status: FieldNotSupported},
			},
			verdict: StatusPIIVerifyFail,
		},
		{
			name:    "success",
			party:   PartyBeneficiary,
			expect:  []FieldID{BeneficiaryNaturalName, BeneficiaryNaturalCountryOfResidence},
			want:    []FieldResult{{ID: BeneficiaryNaturalName, Status: FieldMatch}, {ID: BeneficiaryNaturalCountryOfResidence, Status: FieldSkip}},
			verdict: StatusSuccess,
		},
		{
			name:    "nothing asked",
			party:   PartyOriginator,
			want:    []FieldResult{},
			verdict: StatusSuccess,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := VerifyFields(sent, tt.party, customer, tt.expect, tt.required)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("VerifyFields mismatch (-want +got):\n%s", diff)
			}
			if v := PIIVerdict(got); v != tt.verdict {
				t.Errorf("PIIVerdict = %v, want %v", v, tt.verdict)
			}
		})
	}
}
