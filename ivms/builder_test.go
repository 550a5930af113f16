package ivms

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// The builders reproduce valid_derived_base.json exactly.
func TestBuildersReproduceSample(t *testing.T) {
	t.Parallel()
	originator := NewNaturalPerson("Howard", "Jane").
		Name(NameTypeMaiden, "Price", "Jane").
		Address(Address{AddressType: AddressTypeHome, StreetName: "Greystone Street", BuildingNumber: "28",
			PostCode: "38017", TownName: "Collierville", CountrySubDivision: "TN", Country: "us"}).
		NationalID(NationalIDSocialSecurity, "112502920", "US").
		CustomerID("2642").
		DateOfBirth(time.Date(1992, 10, 4, 0, 0, 0, 0, time.UTC), "West Islip, NY").
		CountryOfResidence("US")
	beneficiary := NewNaturalPerson("Clark", "Lawrence").
		Name(NameTypeAlias, "Clark", "Larry").
		Address(Address{AddressType: AddressTypeHome, StreetName: "Watling St", BuildingNumber: "249",
			PostCode: "WD7 7AL", TownName: "Radlett", Country: "GB"}).
		NationalID(NationalIDDriverLicence, "319560446", "GB").
		CustomerID("5610").
		DateOfBirth(time.Date(1986, 12, 13, 23, 0, 0, 0, time.FixedZone("UTC-5", -5*3600)), "Leeds, United Kingdom").
		CountryOfResidence("gb")
	alice := NewVASP("AliceCoin, Inc.", "506700T7Z685VUOZL877").
		Name(LegalNameTypeShort, "Alice VASP").
		Name(LegalNameTypeTrading, "AliceCoin").
		Address(Address{AddressType: AddressTypeBusiness, StreetName: "Roosevelt Place", BuildingNumber: "23",
			PostCode: "02151", TownName: "Boston", CountrySubDivision: "MA", Country: "US"}).
		CountryOfRegistration("US")
	bob := NewLegalPerson("Bob's Discount VASP, PLC").
		Name(LegalNameTypeShort, "Bob VASP").
		Address(Address{AddressType: AddressTypeBusiness, StreetName: "Grimsby Road", BuildingNumber: "762",
			PostCode: "OX8 U89", TownName: "Oxford", Country: "GB"}).
		NationalID(NationalIDTax, "213800AQUAUP6I215N33", "RA777777").
		CountryOfRegistration("GB")

	p, err := NewPayload().
		Originator(originator.Person(), "14HmBSwec8XrcWge9Zi1ZngNia64u3Wd2v").
		Beneficiary(beneficiary.Person(), "14WU745djqecaJ1gmtWQGeMCFim1W5MNp3").
		OriginatingVASP(alice.Person()).
		BeneficiaryVASP(bob.Person()).
		Build(AsOf(testNow))
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	if diff := cmp.Diff(sample(t, "valid_derived_base.json"), p); diff != "" {
		t.Errorf("(-sample +built):\n%s", diff)
	}

	p23, err := NewPayload().
		Originator(originator.Person(), "14HmBSwec8XrcWge9Zi1ZngNia64u3Wd2v").
		Beneficiary(beneficiary.Person(), "14WU745djqecaJ1gmtWQGeMCFim1W5MNp3").
		OriginatingVASP(alice.Person()).
		BeneficiaryVASP(bob.Person()).
		Edition(Version2023).
		Build(AsOf(testNow))
	if err != nil {
		t.Fatalf("Build 2023: %v", err)
	}
	if diff := cmp.Diff(sample(t, "valid_derived_base_ivms101-2023.json"), p23); diff != "" {
		t.Errorf("2023 (-sample +built):\n%s", diff)
	}
}

func TestBuilderTransferPathAndLocalNames(t *testing.T) {
	t.Parallel()
	wu := NewNaturalPerson("Wu", "Xinli").
		LocalName(NameTypeLegal, "吴", "信利").
		PhoneticName(NameTypeLegal, "Wu", "Shinli").
		NationalID(NationalIDRegistrationAuthority, "446005", "").
		CountryOfResidence("TZ")
	abc := NewLegalPerson("ABC Limited").Name(LegalNameTypeTrading, "CBA Trading").LocalName(LegalNameTypeLegal, "ABC有限公司")
	p, err := NewPayload().
		Originator(wu.Person()).
		Beneficiary(abc.Person(), "00010190CBATRAD").
		Intermediary(NewLegalPerson("VASP E").Person()).
		Intermediary(NewLegalPerson("VASP F").Person()).
		Transliteration(TransliterationHani).
		Build(AsOf(testNow))
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	var seqs []json.Number
	for _, iv := range p.TransferPath.Intermediaries {
		seqs = append(seqs, iv.Sequence)
	}
	if diff := cmp.Diff([]json.Number{"0", "1"}, seqs); diff != "" {
		t.Errorf("sequences (-want +got):\n%s", diff)
	}
}

// Build reports what is missing, and still returns the payload.
func TestBuilderReportsProblems(t *testing.T) {
	t.Parallel()
	p, err := NewPayload().
		Originator(NewNaturalPerson("Howard", "Jane").Person()).
		OriginatingVASP(NewVASP("AliceCoin, Inc.", "506700T7Z685VUOZL878").Person()).
		Build(AsOf(testNow))
	if p == nil || !errors.Is(err, ErrInvalid) {
		t.Fatalf("Build = %v, %v", p, err)
	}
	want := []string{
		"originator.originatorPersons[0].naturalPerson [C1]",
		"originatingVASP.originatingVASP.legalPerson.nationalIdentification.nationalIdentifier [C11]",
	}
	if diff := cmp.Diff(want, violations(t, err)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// A builder is a template: Person and Build return copies.
func TestBuilderReuse(t *testing.T) {
	t.Parallel()
	b := NewNaturalPerson("Howard", "Jane").Address(Address{AddressType: AddressTypeHome, AddressLines: []string{"1 Main St"}, Country: "US"})
	first := b.Person()
	b.Address(Address{AddressType: AddressTypeBusiness, AddressLines: []string{"2 Main St"}, Country: "US"})
	first.NaturalPerson.GeographicAddresses[0].AddressLines[0] = "changed"
	second := b.Person()
	if len(first.NaturalPerson.GeographicAddresses) != 1 || len(second.NaturalPerson.GeographicAddresses) != 2 {
		t.Fatalf("addresses: %d and %d", len(first.NaturalPerson.GeographicAddresses), len(second.NaturalPerson.GeographicAddresses))
	}
	if second.NaturalPerson.GeographicAddresses[0].AddressLines[0] != "1 Main St" {
		t.Error("Person shares memory with the builder")
	}
}
