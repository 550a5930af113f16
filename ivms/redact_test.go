package ivms

import (
	"bytes"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/vaspkit/vaspkit/internal/redacttest"
)

var redactPkgs = []string{"github.com/vaspkit/vaspkit/ivms"}

// redactTypes lists every type of the package that holds PII, with the
// facts its redacted forms show. TestRedactionTableIsComplete keeps it
// complete.
func redactTypes() []redacttest.Case {
	return []redacttest.Case{
		// The value has no Format (String, GoString and Format take a
		// pointer, nil-safe); it prints its fields' redacted forms, and
		// PayloadMetadata, which holds codes only.
		{Name: "IdentityPayload", V: new(IdentityPayload), Safe: []string{"PayloadMetadata"}},
		{Name: "Originator", V: new(Originator)},
		{Name: "Beneficiary", V: new(Beneficiary)},
		{Name: "OriginatingVASP", V: new(OriginatingVASP)},
		{Name: "BeneficiaryVASP", V: new(BeneficiaryVASP)},
		{Name: "TransferPath", V: new(TransferPath)},
		{Name: "IntermediaryVASP", V: new(IntermediaryVASP)},
		{Name: "Person", V: new(Person)},
		{Name: "NaturalPerson", V: new(NaturalPerson)},
		{Name: "LegalPerson", V: new(LegalPerson)},
		{Name: "NaturalPersonName", V: new(NaturalPersonName)},
		{Name: "NaturalPersonNameID", V: new(NaturalPersonNameID)},
		{Name: "LegalPersonName", V: new(LegalPersonName)},
		{Name: "LegalPersonNameID", V: new(LegalPersonNameID)},
		{Name: "Address", V: new(Address)},
		{Name: "NationalIdentification", V: new(NationalIdentification)},
		{Name: "DateAndPlaceOfBirth", V: new(DateAndPlaceOfBirth)},
		{Name: "NaturalPersonBuilder", V: new(NaturalPersonBuilder)},
		{Name: "LegalPersonBuilder", V: new(LegalPersonBuilder)},
		{Name: "PayloadBuilder", V: new(PayloadBuilder)},
	}
}

// redactValueNoFmt are listed types whose value (not pointer) has no
// String, GoString and Format, and why.
var redactValueNoFmt = map[string]string{
	"IdentityPayload": "String, GoString and Format take a pointer (nil-safe); the value prints its fields' redacted forms",
}

// redactNotPII are exported structs that hold a listed type without being
// personal data themselves, or errors that print no value.
var redactNotPII = map[string]string{
	"PayloadMetadata": "transliteration codes and the payload version",
	"DecodeError":     "an element path and a rule, never a value",
	"FieldError":      "an element path and a rule, never a value",
}

// TestRedactionNilPointers: nil pointers print without panicking under fmt.
func TestRedactionNilPointers(t *testing.T) {
	t.Parallel()
	var p *IdentityPayload
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%d"} {
		if got := fmt.Sprintf(verb, p); got != "ivms.IdentityPayload(nil)" {
			t.Errorf("Sprintf(%s, nil) = %q", verb, got)
		}
	}
	var person *Person
	if got := fmt.Sprintf("%+v", person); got != "<nil>" {
		t.Errorf("nil *Person = %q", got)
	}
}

// TestRedactionShowsFacts: the payload's redacted form still tells its
// shape.
func TestRedactionShowsFacts(t *testing.T) {
	t.Parallel()
	p, _ := NewPayload().Originator(NewNaturalPerson("Canaryname", "Jane").Person(), "acct").
		OriginatingVASP(NewVASP("VASP", "").Person()).Build() // invalid, and printable
	const want = "ivms.IdentityPayload{IVMS101 2020 originator originatingVASP}"
	var b bytes.Buffer
	slog.New(slog.NewJSONHandler(&b, nil)).Info("m", "p", p, "person", p.Originator.OriginatorPersons[0])
	if got := fmt.Sprintf("%+v", p); got != want || !strings.Contains(b.String(), `"p":"`+want+`","person":"ivms.Person{[REDACTED]}"`) {
		t.Errorf("%%+v = %s; JSON log: %s", got, b.String())
	}
}

// redactSpec is the package's table for the shared redaction harness (the
// checks are documented in package redacttest).
var redactSpec = redacttest.Spec{
	Pkgs:       redactPkgs,
	Cases:      redactTypes,
	ValueNoFmt: redactValueNoFmt,
	NotPII:     redactNotPII,
}

// TestRedactionHolds: no canary shows under any verb nor through slog.
func TestRedactionHolds(t *testing.T) {
	t.Parallel()
	redactSpec.Holds(t)
}

// TestRedactionMethods: every listed type has the four redacting methods.
func TestRedactionMethods(t *testing.T) {
	t.Parallel()
	redactSpec.Methods(t)
}

// TestRedactionTableIsComplete: the source guard keeps the table complete.
func TestRedactionTableIsComplete(t *testing.T) {
	t.Parallel()
	redactSpec.TableIsComplete(t, ".")
}
