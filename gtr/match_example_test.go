package gtr_test

import (
	"fmt"

	"github.com/vaspkit/vaspkit/gtr"
	"github.com/vaspkit/vaspkit/ivms"
)

// NAME_FUZZY_VD tolerates order, case, punctuation, a missing middle name
// and small typos, and rejects a different first or last name.
func ExampleMatchName() {
	fmt.Println(gtr.MatchName("DOE, Jane", "Jane Doe"))
	fmt.Println(gtr.MatchName("Jane Doe", "Jane Mary Doe"))
	fmt.Println(gtr.MatchName("Tudor-Andrei Vilceanu", "Tudorandrei Vilceanu"))
	fmt.Println(gtr.MatchName("Jon Smith", "John Smith"))
	fmt.Println(gtr.MatchName("Jane Doe", "John Doe"))
	fmt.Printf("%.2f\n", gtr.NameSimilarity("Jane Doe", "John Doe"))
	// Output:
	// MATCH
	// MATCH
	// MATCH
	// MATCH
	// MISMATCH
	// 0.60
}

// Each verify field has its rule: ABS_CI for dates and ids, POST_CODE keeps
// digits only, FUZZY_TEXT accepts a Levenshtein similarity of 0.7.
func ExampleMatchRule_Compare() {
	info, _ := gtr.BeneficiaryNaturalPostCode.Info()
	fmt.Println(info.Rule, info.Rule.Compare("1100-148", "1100 148"))
	fmt.Println(gtr.MatchExact.Compare("1985-04-12", "1985-04-21"))
	fmt.Println(gtr.MatchFuzzyText.Compare("Rua Augusta", "rua agusta"))
	// Output:
	// POST_CODE MATCH
	// MISMATCH
	// MATCH
}

// A receiving VASP verifies the fields the initiator asked for against its
// customer, and reports the fields it requires itself.
func ExampleVerifyFields() {
	sent, _ := ivms.NewPayload().
		Originator(ivms.NewNaturalPerson("Roe", "Richard").Person()).
		Beneficiary(ivms.NewNaturalPerson("Doe", "Jane").Person(), "0xA11CE").
		Build()
	ourCustomer := ivms.NewNaturalPerson("DOE", "Jane").
		NationalID(ivms.NationalIDPassport, "P1234567", "PT").
		Person()

	fields := gtr.VerifyFields(sent, gtr.PartyBeneficiary, []ivms.Person{ourCustomer},
		[]gtr.FieldID{gtr.BeneficiaryNaturalName, gtr.BeneficiaryNaturalNationalIdentifier}, // asked
		[]gtr.FieldID{gtr.OriginatorNaturalName, gtr.OriginatorNaturalDateOfBirth})          // we require
	for _, f := range fields {
		fmt.Println(f.ID, f.Status)
	}
	fmt.Println(gtr.PIIVerdict(fields))
	// Output:
	// BeneficiaryNaturalName MATCH
	// BeneficiaryNaturalNationalIdentifier SKIP
	// OriginatorNaturalName REQUIRED_INFO_EXISTS
	// OriginatorNaturalDateOfBirth REQUIRED_INFO_MISSING
	// PII_VERIFY_FAIL
}
