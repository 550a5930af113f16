package ivms_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/vaspkit/vaspkit/ivms"
)

// Decode what a counterparty sent, whatever its dialect, and check it.
func Example() {
	received := []byte(`{"ivms101": {
		"Originator": {"originatorPersons": [{"naturalPerson": {
			"name": {"nameIdentifier": [{"primaryIdentifier": "Howard", "secondaryIdentifier": "Jane", "nameIdentifierType": "LEGL"}]}}}],
			"accountNumber": ["14HmBSwec8XrcWge9Zi1ZngNia64u3Wd2v"]},
		"OriginatingVASP": {"originatingVASP": {"legalPerson": {
			"name": {"nameIdentifier": [{"legalPersonName": "AliceCoin, Inc.", "legalPersonNameIdentifierType": "LEGL"}]},
			"nationalIdentification": {"nationalIdentifier": "506700T7Z685VUOZL878", "nationalIdentifierType": "LEIX"}}}}},
		"travelRuleMetadata": {"requestId": "42"}}`)

	p, err := ivms.Unmarshal(received)
	if err != nil {
		fmt.Println(err)
		return
	}
	var problems ivms.ValidationErrors
	if errors.As(p.Validate(), &problems) {
		for _, e := range problems {
			fmt.Println(e.Constraint, e.Path)
		}
	}
	// Output:
	// C1 originator.originatorPersons[0].naturalPerson
	// C11 originatingVASP.originatingVASP.legalPerson.nationalIdentification.nationalIdentifier
}

// Build an originator and its VASP in a few lines, then write them for GTR.
func ExampleNewPayload() {
	originator := ivms.NewNaturalPerson("Howard", "Jane").
		DateOfBirth(time.Date(1992, 10, 4, 0, 0, 0, 0, time.UTC), "West Islip, NY").
		NationalID(ivms.NationalIDPassport, "561234567", "US")
	vasp := ivms.NewVASP("AliceCoin, Inc.", "506700T7Z685VUOZL877").CountryOfRegistration("US")

	p, err := ivms.NewPayload().
		Originator(originator.Person(), "14HmBSwec8XrcWge9Zi1ZngNia64u3Wd2v").
		OriginatingVASP(vasp.Person()).
		Build()
	if err != nil {
		fmt.Println(err)
		return
	}
	out, _ := ivms.Marshal(p, ivms.GTR)
	fmt.Println(string(out))
	// Output:
	// {"ivms101":{"Originator":{"originatorPersons":[{"naturalPerson":{"name":{"nameIdentifier":[{"primaryIdentifier":"Howard","secondaryIdentifier":"Jane","nameIdentifierType":"LEGL"}]},"nationalIdentification":{"nationalIdentifier":"561234567","nationalIdentifierType":"CCPT","countryOfIssue":"US"},"dateAndPlaceOfBirth":{"dateOfBirth":"1992-10-04","placeOfBirth":"West Islip, NY"}}}],"accountNumber":["14HmBSwec8XrcWge9Zi1ZngNia64u3Wd2v"]},"OriginatingVASP":{"originatingVASP":{"legalPerson":{"name":{"nameIdentifier":[{"legalPersonName":"AliceCoin, Inc.","legalPersonNameIdentifierType":"LEGL"}]},"nationalIdentification":{"nationalIdentifier":"506700T7Z685VUOZL877","nationalIdentifierType":"LEIX"},"countryOfRegistration":"US"}}}}}
}

// Convert a 2020 payload to IVMS101.2023: the account numbers move to the
// person and payloadVersion appears.
func ExampleMarshal() {
	p, _ := ivms.Unmarshal([]byte(`{"originator": {
		"originatorPersons": [{"legalPerson": {"name": {"nameIdentifier": [{"legalPersonName": "ABC Limited", "legalPersonNameIdentifierType": "LEGL"}]}, "customerIdentification": "C-9"}}],
		"accountNumber": ["rAPERVgXZavGgiGv6xBgtiZurirW2yAmY"]}}`))
	out, _ := ivms.Marshal(p, ivms.IVMS2023)
	fmt.Println(string(out))
	// Output:
	// {"originator":{"originatorPerson":[{"legalPerson":{"name":{"nameIdentifier":[{"legalPersonName":"ABC Limited","legalPersonNameIdentifierType":"LEGL"}]},"customerIdentification":"C-9"},"accountNumber":["rAPERVgXZavGgiGv6xBgtiZurirW2yAmY"]}]},"payloadMetadata":{"payloadVersion":"101.2023"}}
}

// The IVMS101 2020 standard's own Example 1 carries an LEI whose check
// digits are wrong; accept it by checking the LEI format only.
func ExampleLEIFormatOnly() {
	p, err := ivms.NewPayload().OriginatingVASP(ivms.NewVASP("VASP A", "3M5E1GQKGL17HI8CPN20").Person()).Build()
	fmt.Println(err)
	fmt.Println(p.ValidateWith(ivms.LEIFormatOnly()))
	// Output:
	// ivms: originatingVASP.originatingVASP.legalPerson.nationalIdentification.nationalIdentifier: the LEI check digits do not match (ISO 17442) [C11]
	// <nil>
}

// A key that is no IVMS element is an error naming it, never a silent loss.
func ExampleUnmarshal() {
	_, err := ivms.Unmarshal([]byte(`{"originator": {"originatorPersons1": []}}`))
	fmt.Println(err)
	fmt.Println(errors.Is(err, ivms.ErrUnknownKey))
	// Output:
	// ivms: decode originator: unknown key "originatorPersons1" (offset 16)
	// true
}
