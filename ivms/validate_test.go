package ivms

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestValidateStructure(t *testing.T) {
	t.Parallel()
	runMutations(t, []mutation{
		{"no originator person", func(p *IdentityPayload) { p.Originator.OriginatorPersons = nil }, nil,
			[]string{"originator.originatorPersons [REQUIRED]"}},
		{"person with neither form", func(p *IdentityPayload) { p.Beneficiary.BeneficiaryPersons[0].NaturalPerson = nil }, nil,
			[]string{"beneficiary.beneficiaryPersons[0] [ONEOF]"}},
		{"VASP without person", func(p *IdentityPayload) { p.BeneficiaryVASP.Person = nil }, nil,
			[]string{"beneficiaryVASP.beneficiaryVASP [REQUIRED]"}},
		{"no name", func(p *IdentityPayload) { benefNatural(p).Name = NaturalPersonName{} }, nil,
			[]string{benefNP + ".name [REQUIRED]", benefNP + ".name [C6]"}},
		{"required leaves", func(p *IdentityPayload) {
			np := origNatural(p)
			np.Name.NameIdentifiers[1] = NaturalPersonNameID{SecondaryIdentifier: "Jane"}
			np.GeographicAddresses[0].AddressType = ""
			np.GeographicAddresses[0].Country = ""
			np.NationalIdentification.NationalIdentifier = ""
			np.DateAndPlaceOfBirth = &DateAndPlaceOfBirth{}
			bVASPLegal(p).Name.NameIdentifiers[1].LegalPersonName = ""
		}, nil, []string{
			origNP + ".name.nameIdentifier[1].primaryIdentifier [REQUIRED]",
			origNP + ".name.nameIdentifier[1].nameIdentifierType [REQUIRED]",
			origNP + ".geographicAddress[0].addressType [REQUIRED]",
			origNP + ".geographicAddress[0].country [REQUIRED]",
			origNP + ".nationalIdentification.nationalIdentifier [REQUIRED]",
			origNP + ".dateAndPlaceOfBirth.dateOfBirth [REQUIRED]",
			origNP + ".dateAndPlaceOfBirth.placeOfBirth [REQUIRED]",
			bVASP + ".name.nameIdentifier[1].legalPersonName [REQUIRED]",
		}},
		{"unknown codes", func(p *IdentityPayload) {
			origNatural(p).Name.NameIdentifiers[1].NameIdentifierType = "NICK"
			origNatural(p).GeographicAddresses[0].AddressType = "WORK"
			bVASPLegal(p).Name.NameIdentifiers[1].LegalPersonNameIdentifierType = "MISC"
			p.PayloadMetadata = &PayloadMetadata{TransliterationMethods: []TransliterationMethod{"hani", "LATN"}, PayloadVersion: "102"}
		}, nil, []string{
			origNP + ".name.nameIdentifier[1].nameIdentifierType [ENUM]",
			origNP + ".geographicAddress[0].addressType [ENUM]",
			bVASP + ".name.nameIdentifier[1].legalPersonNameIdentifierType [ENUM]",
			"payloadMetadata.transliterationMethod[1] [ENUM]",
			"payloadMetadata.payloadVersion [ENUM]",
		}},
		{"dates", func(p *IdentityPayload) {
			origNatural(p).DateAndPlaceOfBirth.DateOfBirth = "1992-02-30"
			benefNatural(p).DateAndPlaceOfBirth.DateOfBirth = "13/12/1986"
		}, nil, []string{
			origNP + ".dateAndPlaceOfBirth.dateOfBirth [FORMAT]",
			benefNP + ".dateAndPlaceOfBirth.dateOfBirth [FORMAT]",
		}},
		{"leap day", func(p *IdentityPayload) { origNatural(p).DateAndPlaceOfBirth.DateOfBirth = "2000-02-29" }, nil, nil},
		{"intermediary without person or sequence", func(p *IdentityPayload) {
			p.TransferPath = &TransferPath{Intermediaries: []IntermediaryVASP{{}}}
		}, nil, []string{
			"transferPath.transferPath[0].intermediaryVASP [REQUIRED]",
			"transferPath.transferPath[0].sequence [REQUIRED]",
		}},
	})
}

func TestValidateEmptyPayload(t *testing.T) {
	t.Parallel()
	var nilPayload *IdentityPayload
	for _, p := range []*IdentityPayload{nilPayload, {}, {PayloadMetadata: &PayloadMetadata{TransliterationMethods: []TransliterationMethod{TransliterationHani}}}} {
		if diff := cmp.Diff([]string{" [REQUIRED]"}, violations(t, p.Validate())); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	}
}

// Lengths count characters, not bytes: a 100-character local name in
// Chinese (300 bytes) is valid, 101 characters are not.
func TestValidateLengthInCharacters(t *testing.T) {
	t.Parallel()
	local := func(n int) func(*IdentityPayload) {
		return func(p *IdentityPayload) {
			origNatural(p).Name.LocalNameIdentifiers = []NaturalPersonNameID{{strings.Repeat("吴", n), "", NameTypeLegal}}
		}
	}
	long := func(n int) string { return strings.Repeat("a", n) }
	runMutations(t, []mutation{
		{"100 CJK characters", local(100), nil, nil},
		{"101 CJK characters", local(101), nil, []string{origNP + ".name.localNameIdentifier[0].primaryIdentifier [LENGTH]"}},
		{"Max35Text", func(p *IdentityPayload) { origNatural(p).GeographicAddresses[0].TownName = long(36) }, nil,
			[]string{origNP + ".geographicAddress[0].townName [LENGTH]"}},
		{"Max16Text", func(p *IdentityPayload) { origNatural(p).GeographicAddresses[0].PostCode = long(16) }, nil, nil},
		{"Max50Text", func(p *IdentityPayload) { origNatural(p).CustomerIdentification = long(51) }, nil,
			[]string{origNP + ".customerIdentification [LENGTH]"}},
		{"7 address lines", func(p *IdentityPayload) {
			origNatural(p).GeographicAddresses[0].AddressLines = []string{"1", "2", "3", "4", "5", "6", long(70)}
		}, nil, nil},
		{"2020 account number of 101", func(p *IdentityPayload) { p.Originator.AccountNumbers = []string{long(101)} }, nil,
			[]string{"originator.accountNumber[0] [LENGTH]"}},
		{"2023 account number of 512", func(p *IdentityPayload) {
			q := p.Convert(Version2023)
			q.Originator.OriginatorPersons[0].AccountNumbers = []string{long(512)}
			*p = *q
		}, nil, nil},
		{"2023 account number of 513", func(p *IdentityPayload) {
			q := p.Convert(Version2023)
			q.Originator.OriginatorPersons[0].AccountNumbers = []string{long(513)}
			*p = *q
		}, nil, []string{"originator.originatorPersons[0].accountNumber[0] [LENGTH]"}},
	})
}

func TestValidateCharset(t *testing.T) {
	t.Parallel()
	runMutations(t, []mutation{
		{"accented Latin name", func(p *IdentityPayload) { origNatural(p).Name.NameIdentifiers[0].PrimaryIdentifier = "Hé" }, nil,
			[]string{origNP + ".name.nameIdentifier[0].primaryIdentifier [FORMAT]"}},
		{"control character", func(p *IdentityPayload) { origNatural(p).GeographicAddresses[0].StreetName = "a\tb" }, nil,
			[]string{origNP + ".geographicAddress[0].streetName [FORMAT]"}},
		{"any script in local names", func(p *IdentityPayload) {
			origNatural(p).Name.LocalNameIdentifiers = []NaturalPersonNameID{{"Hé", "Zoë", NameTypeLegal}}
		}, nil, nil},
		{"2020 charset on request", func(p *IdentityPayload) {}, []ValidateOption{Strict2020Charset()}, []string{
			origNP + ".dateAndPlaceOfBirth.placeOfBirth [FORMAT]",
			benefNP + ".dateAndPlaceOfBirth.placeOfBirth [FORMAT]",
			oVASP + ".name.nameIdentifier[0].legalPersonName [FORMAT]",
			bVASP + ".name.nameIdentifier[0].legalPersonName [FORMAT]",
		}},
	})
}

func TestValidate2023(t *testing.T) {
	t.Parallel()
	p := sample(t, "valid_derived_base_ivms101-2023.json")
	p.PayloadMetadata = nil
	p.Originator.OriginatorPersons[0].NaturalPerson.Name.NameIdentifiers[0].NameIdentifierType = ""
	want := []string{
		origNP + ".name.nameIdentifier[0].nameIdentifierType [REQUIRED]", // canonical name
		origNP + ".name [C6]",
		"payloadMetadata.payloadVersion [REQUIRED]",
	}
	if diff := cmp.Diff(want, violations(t, p.ValidateWith(AsOf(testNow)))); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestValidationErrorsAPI(t *testing.T) {
	t.Parallel()
	p := sample(t, "valid_derived_base.json")
	np := origNatural(p)
	np.Name.NameIdentifiers[0].PrimaryIdentifier = "Höward"
	np.CountryOfResidence = "Narnia"
	np.DateAndPlaceOfBirth.DateOfBirth = "2999-01-01"
	oVASPLegal(p).NationalIdentification.NationalIdentifier = "506700T7Z685VUOZL878"
	err := p.ValidateWith(AsOf(testNow))

	if !errors.Is(err, ErrInvalid) {
		t.Error("errors.Is(err, ErrInvalid) is false")
	}
	var fe *FieldError
	if !errors.As(err, &fe) || fe.Constraint != ConstraintFormat {
		t.Errorf("errors.As *FieldError = %+v", fe)
	}
	var verrs ValidationErrors
	if !errors.As(err, &verrs) {
		t.Fatal("not ValidationErrors")
	}
	if diff := cmp.Diff([]string{"FORMAT", "C2", "C3", "C11"}, verrs.Constraints()); diff != "" {
		t.Errorf("Constraints (-want +got):\n%s", diff)
	}
	if !verrs.Has("C11") || verrs.Has("C1") {
		t.Error("Has is wrong")
	}
	msg := err.Error()
	for _, pii := range []string{"Höward", "Narnia", "2999", "506700T7Z685VUOZL878"} {
		if strings.Contains(msg, pii) {
			t.Errorf("error message quotes %q:\n%s", pii, msg)
		}
	}
	wantFirst := "ivms: originator.originatorPersons[0].naturalPerson.name.nameIdentifier[0].primaryIdentifier: primaryIdentifier must be printable ASCII; names in other scripts belong in localNameIdentifier [FORMAT]"
	if diff := cmp.Diff(wantFirst, verrs[0].Error()); diff != "" {
		t.Errorf("FieldError.Error (-want +got):\n%s", diff)
	}
	if !strings.HasPrefix(msg, "ivms: 4 validation errors:\n  originator.") {
		t.Errorf("ValidationErrors.Error = %q", msg)
	}
}

func TestValidateDefaultsToNow(t *testing.T) {
	t.Parallel()
	p := sample(t, "valid_derived_base.json")
	origNatural(p).DateAndPlaceOfBirth.DateOfBirth = time.Now().UTC().AddDate(0, 0, 2).Format("2006-01-02")
	if diff := cmp.Diff([]string{origNP + ".dateAndPlaceOfBirth.dateOfBirth [C2]"}, violations(t, p.Validate())); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// %v of any part of the model prints no personal data.
func TestModelRedacted(t *testing.T) {
	t.Parallel()
	p := sample(t, "valid_derived_base.json")
	for _, v := range []any{p, *p.Originator, p.Originator.OriginatorPersons[0], *origNatural(p), origNatural(p).Name,
		origNatural(p).GeographicAddresses, *origNatural(p).NationalIdentification, *origNatural(p).DateAndPlaceOfBirth,
		*oVASPLegal(p), *p.OriginatingVASP, *p.BeneficiaryVASP, *p.Beneficiary} {
		for _, format := range []string{"%v", "%+v", "%#v", "%s"} {
			s := fmt.Sprintf(format, v)
			for _, pii := range []string{"Howard", "Greystone", "112502920", "1992", "AliceCoin", "14HmBS"} {
				if strings.Contains(s, pii) {
					t.Errorf("%s of %T prints %q: %s", format, v, pii, s)
				}
			}
		}
	}
}
