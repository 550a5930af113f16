package ivms

// The model is personal data. These String and GoString methods make sure a
// stray %v, %+v or %#v (or a slog attribute formatted that way) prints the
// type only, never a name, address or identifier. Read the fields to see them.

const redactedBody = "{[REDACTED]}"

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
