package ivms

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Paths into valid_derived_base.json, the payload every case mutates.
const (
	origNP   = "originator.originatorPersons[0].naturalPerson"
	benefNP  = "beneficiary.beneficiaryPersons[0].naturalPerson"
	oVASP    = "originatingVASP.originatingVASP.legalPerson"
	bVASP    = "beneficiaryVASP.beneficiaryVASP.legalPerson"
	bVASPnid = bVASP + ".nationalIdentification"
	oVASPnid = oVASP + ".nationalIdentification"
)

type mutation struct {
	name   string
	mutate func(p *IdentityPayload)
	opts   []ValidateOption
	want   []string // violations; nil: valid
}

func runMutations(t *testing.T, tests []mutation) {
	t.Helper()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := sample(t, "valid_derived_base.json")
			tc.mutate(p)
			got := violations(t, p.ValidateWith(append([]ValidateOption{AsOf(testNow)}, tc.opts...)...))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("violations (-want +got):\n%s", diff)
			}
		})
	}
}

func origNatural(p *IdentityPayload) *NaturalPerson {
	return p.Originator.OriginatorPersons[0].NaturalPerson
}
func benefNatural(p *IdentityPayload) *NaturalPerson {
	return p.Beneficiary.BeneficiaryPersons[0].NaturalPerson
}
func bVASPLegal(p *IdentityPayload) *LegalPerson { return p.BeneficiaryVASP.Person.LegalPerson }
func oVASPLegal(p *IdentityPayload) *LegalPerson { return p.OriginatingVASP.Person.LegalPerson }

// onlyName strips a natural person down to their name.
func onlyName(np *NaturalPerson) {
	*np = NaturalPerson{Name: np.Name}
}

// originatorLegal turns the originator into a legal person with a LEGL name only.
func originatorLegal(p *IdentityPayload) *LegalPerson {
	lp := &LegalPerson{Name: LegalPersonName{NameIdentifiers: []LegalPersonNameID{{"Example Holdings Ltd", LegalNameTypeLegal}}}}
	p.Originator.OriginatorPersons[0] = Person{LegalPerson: lp}
	return lp
}

func TestC1OriginatorNaturalPerson(t *testing.T) {
	t.Parallel()
	runMutations(t, []mutation{
		{"name and customer id", func(p *IdentityPayload) {
			np := origNatural(p)
			id := np.CustomerIdentification
			onlyName(np)
			np.CustomerIdentification = id
		}, nil, nil},
		{"name and a BIZZ address", func(p *IdentityPayload) {
			np := origNatural(p)
			a := np.GeographicAddresses
			onlyName(np)
			a[0].AddressType = AddressTypeBusiness
			np.GeographicAddresses = a
		}, nil, nil},
		{"beneficiary with a name only is not bound", func(p *IdentityPayload) { onlyName(benefNatural(p)) }, nil, nil},
		{"originator with a name only", func(p *IdentityPayload) { onlyName(origNatural(p)) }, nil, []string{origNP + " [C1]"}},
		{"originator with a name and a country of residence only", func(p *IdentityPayload) {
			np := origNatural(p)
			onlyName(np)
			np.CountryOfResidence = "US"
		}, nil, []string{origNP + " [C1]"}},
	})
}

func TestC2DateInPast(t *testing.T) {
	t.Parallel()
	dob := func(date string) func(*IdentityPayload) {
		return func(p *IdentityPayload) { origNatural(p).DateAndPlaceOfBirth.DateOfBirth = date }
	}
	runMutations(t, []mutation{
		{"yesterday", dob("2025-05-31"), nil, nil},
		{"today", dob("2025-06-01"), nil, []string{origNP + ".dateAndPlaceOfBirth.dateOfBirth [C2]"}},
		{"tomorrow", dob("2025-06-02"), nil, []string{origNP + ".dateAndPlaceOfBirth.dateOfBirth [C2]"}},
		{"not a real date is FORMAT, not C2", dob("2999-02-30"), nil, []string{origNP + ".dateAndPlaceOfBirth.dateOfBirth [FORMAT]"}},
	})
}

func TestC3Country(t *testing.T) {
	t.Parallel()
	runMutations(t, []mutation{
		{"XX", func(p *IdentityPayload) { origNatural(p).CountryOfResidence = "XX" }, nil, nil},
		{"lower case", func(p *IdentityPayload) { origNatural(p).GeographicAddresses[0].Country = "us" }, nil, nil},
		{"alpha-3", func(p *IdentityPayload) { origNatural(p).CountryOfResidence = "USA" }, nil, []string{origNP + ".countryOfResidence [C3]"}},
		{"UK is not assigned", func(p *IdentityPayload) { benefNatural(p).GeographicAddresses[0].Country = "UK" }, nil,
			[]string{benefNP + ".geographicAddress[0].country [C3]"}},
		{"country of issue and registration", func(p *IdentityPayload) {
			origNatural(p).NationalIdentification.CountryOfIssue = "ZZ"
			bVASPLegal(p).CountryOfRegistration = "United Kingdom"
		}, nil, []string{origNP + ".nationalIdentification.countryOfIssue [C3]", bVASP + ".countryOfRegistration [C3]"}},
	})
}

func TestC4OriginatorLegalPerson(t *testing.T) {
	t.Parallel()
	addr := Address{AddressType: AddressTypeBusiness, StreetName: "Grimsby Road", BuildingNumber: "762", Country: "GB"}
	runMutations(t, []mutation{
		{"GEOG address", func(p *IdentityPayload) {
			a := addr
			a.AddressType = "geog"
			originatorLegal(p).GeographicAddresses = []Address{a}
		}, nil, nil},
		{"customer id", func(p *IdentityPayload) { originatorLegal(p).CustomerIdentification = "C-1" }, nil, nil},
		{"national id", func(p *IdentityPayload) {
			originatorLegal(p).NationalIdentification = &NationalIdentification{NationalIdentifier: "506700GE1G29325QX363", NationalIdentifierType: NationalIDLEI}
		}, nil, nil},
		{"beneficiary legal person with a name only is not bound", func(p *IdentityPayload) {
			p.Beneficiary.BeneficiaryPersons[0] = Person{LegalPerson: &LegalPerson{Name: LegalPersonName{NameIdentifiers: []LegalPersonNameID{{"B Ltd", LegalNameTypeLegal}}}}}
		}, nil, nil},
		{"only a BIZZ address", func(p *IdentityPayload) { originatorLegal(p).GeographicAddresses = []Address{addr} }, nil,
			[]string{"originator.originatorPersons[0].legalPerson [C4]"}},
		{"name only", func(p *IdentityPayload) { originatorLegal(p) }, nil, []string{"originator.originatorPersons[0].legalPerson [C4]"}},
	})
}

func TestC5LegalNamePresentLegalPerson(t *testing.T) {
	t.Parallel()
	runMutations(t, []mutation{
		{"LEGL in lower case", func(p *IdentityPayload) {
			bVASPLegal(p).Name.NameIdentifiers[0].LegalPersonNameIdentifierType = "legl"
		}, nil, nil},
		{"no LEGL", func(p *IdentityPayload) {
			bVASPLegal(p).Name.NameIdentifiers[0].LegalPersonNameIdentifierType = LegalNameTypeTrading
		}, nil, []string{bVASP + ".name [C5]"}},
		{"a local LEGL name does not count", func(p *IdentityPayload) {
			n := &bVASPLegal(p).Name
			n.LocalNameIdentifiers = []LegalPersonNameID{{"鲍勃", LegalNameTypeLegal}}
			n.NameIdentifiers = n.NameIdentifiers[1:]
		}, nil, []string{bVASP + ".name [C5]"}},
		{"no nameIdentifier at all", func(p *IdentityPayload) {
			n := &bVASPLegal(p).Name
			n.LocalNameIdentifiers = []LegalPersonNameID{{"鲍勃", LegalNameTypeLegal}}
			n.NameIdentifiers = nil
		}, nil, []string{bVASP + ".name.nameIdentifier [REQUIRED]", bVASP + ".name [C5]"}},
	})
}

func TestC6LegalNamePresentNaturalPerson(t *testing.T) {
	t.Parallel()
	runMutations(t, []mutation{
		{"MISC beside LEGL", func(p *IdentityPayload) {
			origNatural(p).Name.NameIdentifiers[1].NameIdentifierType = NameTypeMisc
		}, nil, nil},
		{"only MISC and MAID", func(p *IdentityPayload) {
			origNatural(p).Name.NameIdentifiers[0].NameIdentifierType = NameTypeMisc
		}, nil, []string{origNP + ".name [C6]"}},
		{"a local LEGL name does not count", func(p *IdentityPayload) {
			n := &benefNatural(p).Name
			n.NameIdentifiers[0].NameIdentifierType = NameTypeAlias
			n.LocalNameIdentifiers = []NaturalPersonNameID{{"クラーク", "", NameTypeLegal}}
		}, nil, []string{benefNP + ".name [C6]"}},
	})
}

func TestC7ValidNationalIdentifierLegalPerson(t *testing.T) {
	t.Parallel()
	typ := func(t NationalIdentifierType) func(*IdentityPayload) {
		return func(p *IdentityPayload) { bVASPLegal(p).NationalIdentification.NationalIdentifierType = t }
	}
	runMutations(t, []mutation{
		{"RAID", typ(NationalIDRegistrationAuthority), nil, nil},
		{"MISC", typ(NationalIDMisc), nil, nil},
		{"a natural person may use a passport", func(p *IdentityPayload) {
			origNatural(p).NationalIdentification.NationalIdentifierType = NationalIDPassport
		}, nil, nil},
		{"passport", typ(NationalIDPassport), nil, []string{bVASPnid + ".nationalIdentifierType [C7]"}},
		{"social security", typ(NationalIDSocialSecurity), nil, []string{bVASPnid + ".nationalIdentifierType [C7]"}},
		{"unknown code is ENUM only", typ("PASS"), nil, []string{bVASPnid + ".nationalIdentifierType [ENUM]"}},
	})
}

func TestC8ValidAddress(t *testing.T) {
	t.Parallel()
	address := func(f func(a *Address)) func(*IdentityPayload) {
		return func(p *IdentityPayload) { f(&origNatural(p).GeographicAddresses[0]) }
	}
	const path = origNP + ".geographicAddress[0] [C8]"
	runMutations(t, []mutation{
		{"address lines only", address(func(a *Address) {
			*a = Address{AddressType: AddressTypeHome, AddressLines: []string{"28 Greystone Street"}, Country: "US"}
		}), nil, nil},
		{"street and building name", address(func(a *Address) { a.BuildingNumber, a.BuildingName = "", "Greystone House" }), nil, nil},
		{"both forms", address(func(a *Address) { a.AddressLines = []string{"28 Greystone Street"} }), nil, nil},
		{"street without building", address(func(a *Address) { a.BuildingNumber = "" }), nil, []string{path}},
		{"building without street", address(func(a *Address) { a.StreetName = "" }), nil, []string{path}},
	})
}

func TestC9CompleteNationalIdentifierLegalPerson(t *testing.T) {
	t.Parallel()
	runMutations(t, []mutation{
		{"a natural person may have a country of issue and no authority", func(p *IdentityPayload) {
			origNatural(p).NationalIdentification.RegistrationAuthority = ""
		}, nil, nil},
		{"country of issue", func(p *IdentityPayload) { bVASPLegal(p).NationalIdentification.CountryOfIssue = "GB" }, nil,
			[]string{bVASPnid + ".countryOfIssue [C9]"}},
		{"TXID without registration authority", func(p *IdentityPayload) { bVASPLegal(p).NationalIdentification.RegistrationAuthority = "" }, nil,
			[]string{bVASPnid + ".registrationAuthority [C9]"}},
		{"LEIX with registration authority", func(p *IdentityPayload) { oVASPLegal(p).NationalIdentification.RegistrationAuthority = "RA000665" }, nil,
			[]string{oVASPnid + ".registrationAuthority [C9]"}},
	})
}

func TestC10RegistrationAuthority(t *testing.T) {
	t.Parallel()
	ra := func(code string) func(*IdentityPayload) {
		return func(p *IdentityPayload) { bVASPLegal(p).NationalIdentification.RegistrationAuthority = code }
	}
	runMutations(t, []mutation{
		{"listed", ra("RA000585"), nil, nil},
		{"listed, lower case", ra("ra000585"), nil, nil},
		{"added after the snapshot", ra("RA999998"), []ValidateOption{AllowRegistrationAuthorities("RA999998")}, nil},
		{"unknown", ra("RA999998"), nil, []string{bVASPnid + ".registrationAuthority [C10]"}},
		{"malformed", ra("RA12345"), nil, []string{bVASPnid + ".registrationAuthority [C10]"}},
		{"applies to natural persons too", func(p *IdentityPayload) {
			origNatural(p).NationalIdentification.RegistrationAuthority = "GB-COH"
		}, nil, []string{origNP + ".nationalIdentification.registrationAuthority [C10]"}},
	})
}

func TestC11ValidLEI(t *testing.T) {
	t.Parallel()
	lei := func(v string) func(*IdentityPayload) {
		return func(p *IdentityPayload) { oVASPLegal(p).NationalIdentification.NationalIdentifier = v }
	}
	const path = oVASPnid + ".nationalIdentifier [C11]"
	runMutations(t, []mutation{
		{"GLEIF's own LEI", lei("506700GE1G29325QX363"), nil, nil},
		{"bad check digits, format only", lei("506700T7Z685VUOZL878"), []ValidateOption{LEIFormatOnly()}, nil},
		{"bad check digits", lei("506700T7Z685VUOZL878"), nil, []string{path}},
		{"lower case", lei("506700ge1g29325qx363"), []ValidateOption{LEIFormatOnly()}, []string{path}},
		{"19 characters", lei("506700GE1G29325QX36"), []ValidateOption{LEIFormatOnly()}, []string{path}},
		{"letters in the check digits", lei("506700GE1G29325QX3AB"), []ValidateOption{LEIFormatOnly()}, []string{path}},
		{"not checked for other types", func(p *IdentityPayload) {
			bVASPLegal(p).NationalIdentification.NationalIdentifier = "NOT-AN-LEI"
		}, nil, nil},
	})
}

func TestC12SequentialIntegrity(t *testing.T) {
	t.Parallel()
	path := func(seqs ...string) func(*IdentityPayload) {
		return func(p *IdentityPayload) {
			t := &TransferPath{}
			for _, s := range seqs {
				t.Intermediaries = append(t.Intermediaries, IntermediaryVASP{Person: p.BeneficiaryVASP.Person.clone(), Sequence: json.Number(s)})
			}
			p.TransferPath = t
		}
	}
	const c12 = "transferPath.transferPath [C12]"
	runMutations(t, []mutation{
		{"one hop at 0", path("0"), nil, nil},
		{"out of order", path("2", "0", "1"), nil, nil},
		{"starting at 1", path("1", "2"), nil, []string{c12}},
		{"gap", path("0", "2"), nil, []string{c12}},
		{"duplicate", path("0", "0"), nil, []string{c12}},
		{"negative", path("0", "-1"), nil, []string{"transferPath.transferPath[1].sequence [FORMAT]"}},
		{"missing", path("0", ""), nil, []string{"transferPath.transferPath[1].sequence [REQUIRED]"}},
		{"19 digits", path("0", "1000000000000000000"), nil, []string{"transferPath.transferPath[1].sequence [LENGTH]"}},
	})
}
