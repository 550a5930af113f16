package ivms

import (
	"fmt"
	"io"
	"log/slog"
)

// The model is personal data. Every type that holds some prints its type
// only, never a name, address or identifier: String and GoString, Format
// for every fmt verb (%v, %+v, %#v, %s, %q, %x, %d …), and LogValue for
// log/slog, whose JSON handler would otherwise encode the value with
// MarshalJSON. Read the fields to see the data; json.Marshal writes it
// (json.go).
//
// The receivers are values, so a T and a *T print alike. A nil pointer
// prints as <nil> under fmt; IdentityPayload's String and Format take a
// pointer and print "ivms.IdentityPayload(nil)".

const redactedBody = "{[REDACTED]}"

// formatRedacted writes s whatever the verb and flags.
func formatRedacted(f fmt.State, s string) { _, _ = io.WriteString(f, s) }

// Format prints String for every verb.
func (p *IdentityPayload) Format(f fmt.State, _ rune) { formatRedacted(f, p.String()) }

// LogValue logs String: the edition and which entities are present.
func (p IdentityPayload) LogValue() slog.Value { return slog.StringValue(p.String()) }

func (Originator) String() string      { return "ivms.Originator" + redactedBody }
func (Beneficiary) String() string     { return "ivms.Beneficiary" + redactedBody }
func (OriginatingVASP) String() string { return "ivms.OriginatingVASP" + redactedBody }
func (BeneficiaryVASP) String() string { return "ivms.BeneficiaryVASP" + redactedBody }
func (TransferPath) String() string    { return "ivms.TransferPath" + redactedBody }
func (IntermediaryVASP) String() string {
	return "ivms.IntermediaryVASP" + redactedBody
}
func (Person) String() string            { return "ivms.Person" + redactedBody }
func (NaturalPerson) String() string     { return "ivms.NaturalPerson" + redactedBody }
func (LegalPerson) String() string       { return "ivms.LegalPerson" + redactedBody }
func (NaturalPersonName) String() string { return "ivms.NaturalPersonName" + redactedBody }
func (NaturalPersonNameID) String() string {
	return "ivms.NaturalPersonNameID" + redactedBody
}
func (LegalPersonName) String() string   { return "ivms.LegalPersonName" + redactedBody }
func (LegalPersonNameID) String() string { return "ivms.LegalPersonNameID" + redactedBody }
func (Address) String() string           { return "ivms.Address" + redactedBody }
func (NationalIdentification) String() string {
	return "ivms.NationalIdentification" + redactedBody
}
func (DateAndPlaceOfBirth) String() string { return "ivms.DateAndPlaceOfBirth" + redactedBody }
func (NaturalPersonBuilder) String() string {
	return "ivms.NaturalPersonBuilder" + redactedBody
}
func (LegalPersonBuilder) String() string { return "ivms.LegalPersonBuilder" + redactedBody }
func (PayloadBuilder) String() string     { return "ivms.PayloadBuilder" + redactedBody }

func (o Originator) GoString() string             { return o.String() }
func (b Beneficiary) GoString() string            { return b.String() }
func (v OriginatingVASP) GoString() string        { return v.String() }
func (v BeneficiaryVASP) GoString() string        { return v.String() }
func (t TransferPath) GoString() string           { return t.String() }
func (v IntermediaryVASP) GoString() string       { return v.String() }
func (p Person) GoString() string                 { return p.String() }
func (p NaturalPerson) GoString() string          { return p.String() }
func (p LegalPerson) GoString() string            { return p.String() }
func (n NaturalPersonName) GoString() string      { return n.String() }
func (n NaturalPersonNameID) GoString() string    { return n.String() }
func (n LegalPersonName) GoString() string        { return n.String() }
func (n LegalPersonNameID) GoString() string      { return n.String() }
func (a Address) GoString() string                { return a.String() }
func (n NationalIdentification) GoString() string { return n.String() }
func (d DateAndPlaceOfBirth) GoString() string    { return d.String() }
func (b NaturalPersonBuilder) GoString() string   { return b.String() }
func (b LegalPersonBuilder) GoString() string     { return b.String() }
func (b PayloadBuilder) GoString() string         { return b.String() }

func (o Originator) Format(f fmt.State, _ rune)             { formatRedacted(f, o.String()) }
func (b Beneficiary) Format(f fmt.State, _ rune)            { formatRedacted(f, b.String()) }
func (v OriginatingVASP) Format(f fmt.State, _ rune)        { formatRedacted(f, v.String()) }
func (v BeneficiaryVASP) Format(f fmt.State, _ rune)        { formatRedacted(f, v.String()) }
func (t TransferPath) Format(f fmt.State, _ rune)           { formatRedacted(f, t.String()) }
func (v IntermediaryVASP) Format(f fmt.State, _ rune)       { formatRedacted(f, v.String()) }
func (p Person) Format(f fmt.State, _ rune)                 { formatRedacted(f, p.String()) }
func (p NaturalPerson) Format(f fmt.State, _ rune)          { formatRedacted(f, p.String()) }
func (p LegalPerson) Format(f fmt.State, _ rune)            { formatRedacted(f, p.String()) }
func (n NaturalPersonName) Format(f fmt.State, _ rune)      { formatRedacted(f, n.String()) }
func (n NaturalPersonNameID) Format(f fmt.State, _ rune)    { formatRedacted(f, n.String()) }
func (n LegalPersonName) Format(f fmt.State, _ rune)        { formatRedacted(f, n.String()) }
func (n LegalPersonNameID) Format(f fmt.State, _ rune)      { formatRedacted(f, n.String()) }
func (a Address) Format(f fmt.State, _ rune)                { formatRedacted(f, a.String()) }
func (n NationalIdentification) Format(f fmt.State, _ rune) { formatRedacted(f, n.String()) }
func (d DateAndPlaceOfBirth) Format(f fmt.State, _ rune)    { formatRedacted(f, d.String()) }
func (b NaturalPersonBuilder) Format(f fmt.State, _ rune)   { formatRedacted(f, b.String()) }
func (b LegalPersonBuilder) Format(f fmt.State, _ rune)     { formatRedacted(f, b.String()) }
func (b PayloadBuilder) Format(f fmt.State, _ rune)         { formatRedacted(f, b.String()) }

func (o Originator) LogValue() slog.Value             { return slog.StringValue(o.String()) }
func (b Beneficiary) LogValue() slog.Value            { return slog.StringValue(b.String()) }
func (v OriginatingVASP) LogValue() slog.Value        { return slog.StringValue(v.String()) }
func (v BeneficiaryVASP) LogValue() slog.Value        { return slog.StringValue(v.String()) }
func (t TransferPath) LogValue() slog.Value           { return slog.StringValue(t.String()) }
func (v IntermediaryVASP) LogValue() slog.Value       { return slog.StringValue(v.String()) }
func (p Person) LogValue() slog.Value                 { return slog.StringValue(p.String()) }
func (p NaturalPerson) LogValue() slog.Value          { return slog.StringValue(p.String()) }
func (p LegalPerson) LogValue() slog.Value            { return slog.StringValue(p.String()) }
func (n NaturalPersonName) LogValue() slog.Value      { return slog.StringValue(n.String()) }
func (n NaturalPersonNameID) LogValue() slog.Value    { return slog.StringValue(n.String()) }
func (n LegalPersonName) LogValue() slog.Value        { return slog.StringValue(n.String()) }
func (n LegalPersonNameID) LogValue() slog.Value      { return slog.StringValue(n.String()) }
func (a Address) LogValue() slog.Value                { return slog.StringValue(a.String()) }
func (n NationalIdentification) LogValue() slog.Value { return slog.StringValue(n.String()) }
func (d DateAndPlaceOfBirth) LogValue() slog.Value    { return slog.StringValue(d.String()) }
func (b NaturalPersonBuilder) LogValue() slog.Value   { return slog.StringValue(b.String()) }
func (b LegalPersonBuilder) LogValue() slog.Value     { return slog.StringValue(b.String()) }
func (b PayloadBuilder) LogValue() slog.Value         { return slog.StringValue(b.String()) }
