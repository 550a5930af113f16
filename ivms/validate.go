package ivms

import (
	"strings"
	"time"
)

// ValidateOption tunes ValidateWith.
type ValidateOption func(*validateConfig)

type validateConfig struct {
	leiFormatOnly bool
	strict2020    bool
	now           time.Time
	extraRA       []string
}

// LEIFormatOnly checks an LEI against the LEIText format only
// (^[0-9A-Z]{18}[0-9]{2}$, what C11 literally requires) and not the ISO
// 17442 check digits. The standard's own Example 1 needs it: its LEI fails
// the check digits.
func LEIFormatOnly() ValidateOption {
	return func(c *validateConfig) { c.leiFormatOnly = true }
}

// Strict2020Charset applies the 2020 edition's text pattern
// ^[a-zA-Z0-9' ]$ to every non-local text element instead of printable
// ASCII. Real payloads break it ("AliceCoin, Inc.", "West Islip, NY"), so it
// is opt-in.
func Strict2020Charset() ValidateOption {
	return func(c *validateConfig) { c.strict2020 = true }
}

// AsOf validates as of the given instant: a dateOfBirth must be before its
// UTC calendar date (C2). The default is the time of the call.
func AsOf(t time.Time) ValidateOption {
	return func(c *validateConfig) { c.now = t }
}

// AllowRegistrationAuthorities accepts RA codes that GLEIF added after the
// embedded snapshot of its list (C10). Codes must still be well formed.
func AllowRegistrationAuthorities(codes ...string) ValidateOption {
	return func(c *validateConfig) { c.extraRA = append(c.extraRA, codes...) }
}

// Validate checks the payload against IVMS101: cardinalities, lengths in
// characters, code lists, datatypes and the constraints C1–C12, with the
// rules of p.Version (2023 requires payloadVersion and allows 512-character
// account numbers). LEI check digits are verified (see LEIFormatOnly).
//
// It returns nil or a ValidationErrors holding every violation in document
// order, each with the element's path and the constraint id. Messages never
// include the offending value.
func (p *IdentityPayload) Validate() error {
	return p.ValidateWith()
}

// ValidateWith is Validate with options.
func (p *IdentityPayload) ValidateWith(opts ...ValidateOption) error {
	v := validator{path: make([]pathSeg, 0, 16)}
	if len(opts) > 0 {
		cfg := new(validateConfig) // options are opaque funcs: cfg escapes, so only build it when asked
		for _, o := range opts {
			o(cfg)
		}
		v.cfg = *cfg
	}
	v.payload(p)
	if len(v.errs) == 0 {
		return nil
	}
	return v.errs
}

// validator walks the model, tracking the canonical path of the element at
// hand; a path string is only built for an element in error.
type validator struct {
	cfg     validateConfig
	edition Version
	today   [10]byte // UTC date of cfg.now as YYYY-MM-DD, computed on first use
	hasDay  bool
	path    []pathSeg
	errs    ValidationErrors
}

func (v *validator) push(name string, index int) { v.path = append(v.path, pathSeg{name, index}) }
func (v *validator) pop()                        { v.path = v.path[:len(v.path)-1] }

// add records a violation at the current path, or at its child leaf.
func (v *validator) add(leaf, constraint, message string) {
	path := formatPath(v.path)
	if leaf != "" {
		if path != "" {
			path += "."
		}
		path += leaf
	}
	v.errs = append(v.errs, &FieldError{Path: path, Constraint: constraint, Message: message})
}

func (v *validator) payload(p *IdentityPayload) {
	if p == nil {
		v.add("", ConstraintRequired, "no payload")
		return
	}
	v.edition = p.Version
	if p.Originator == nil && p.Beneficiary == nil && p.OriginatingVASP == nil &&
		p.BeneficiaryVASP == nil && p.TransferPath == nil {
		v.add("", ConstraintRequired, "the payload must hold at least one entity")
	}
	if o := p.Originator; o != nil {
		v.push("originator", -1)
		v.persons("originatorPersons", o.OriginatorPersons, true)
		v.accountNumbers(o.AccountNumbers)
		v.pop()
	}
	if b := p.Beneficiary; b != nil {
		v.push("beneficiary", -1)
		v.persons("beneficiaryPersons", b.BeneficiaryPersons, false)
		v.accountNumbers(b.AccountNumbers)
		v.pop()
	}
	if p.OriginatingVASP != nil {
		v.push("originatingVASP", -1)
		v.vasp("originatingVASP", p.OriginatingVASP.Person)
		v.pop()
	}
	if p.BeneficiaryVASP != nil {
		v.push("beneficiaryVASP", -1)
		v.vasp("beneficiaryVASP", p.BeneficiaryVASP.Person)
		v.pop()
	}
	if p.TransferPath != nil {
		v.push("transferPath", -1)
		v.transferPath(p.TransferPath.Intermediaries)
		v.pop()
	}
	v.metadata(p.PayloadMetadata)
}

func (v *validator) persons(name string, persons []Person, originator bool) {
	if len(persons) == 0 {
		v.add(name, ConstraintRequired, "at least one person is required")
		return
	}
	for i := range persons {
		v.push(name, i)
		v.person(&persons[i], originator)
		v.pop()
	}
}

func (v *validator) vasp(name string, p *Person) {
	if p == nil {
		v.add(name, ConstraintRequired, "the VASP's person is required")
		return
	}
	v.push(name, -1)
	v.person(p, false)
	v.pop()
}

// accountNumbers checks a list of accountNumber values: Max100Text in 2020,
// Max512Text in 2023 (case-sensitive, printable ASCII).
func (v *validator) accountNumbers(numbers []string) {
	max := 100
	if v.edition == Version2023 {
		max = 512
	}
	for i, n := range numbers {
		v.push("accountNumber", i)
		v.text("", n, max, false)
		v.pop()
	}
}

func (v *validator) person(p *Person, originator bool) {
	switch {
	case p.NaturalPerson == nil && p.LegalPerson == nil:
		v.add("", ConstraintOneOf, "a person must be a naturalPerson or a legalPerson")
	case p.NaturalPerson != nil && p.LegalPerson != nil:
		v.add("", ConstraintOneOf, "a person must be either a naturalPerson or a legalPerson, not both")
	}
	if p.NaturalPerson != nil {
		v.push("naturalPerson", -1)
		v.naturalPerson(p.NaturalPerson, originator)
		v.pop()
	}
	if p.LegalPerson != nil {
		v.push("legalPerson", -1)
		v.legalPerson(p.LegalPerson, originator)
		v.pop()
	}
	v.accountNumbers(p.AccountNumbers)
}

func (v *validator) naturalPerson(np *NaturalPerson, originator bool) {
	n := &np.Name
	validateName(v, n.NameIdentifiers, n.LocalNameIdentifiers, n.PhoneticNameIdentifiers)
	v.checkC6(n)

	v.addresses(np.GeographicAddresses)
	if np.NationalIdentification != nil {
		v.push("nationalIdentification", -1)
		v.nationalID(np.NationalIdentification, false)
		v.pop()
	}
	v.text("customerIdentification", np.CustomerIdentification, 50, false)
	if b := np.DateAndPlaceOfBirth; b != nil {
		v.push("dateAndPlaceOfBirth", -1)
		v.birth(b)
		v.pop()
	}
	v.country("countryOfResidence", np.CountryOfResidence, false)
	if originator {
		v.checkC1(np)
	}
}

// validateName checks a natural or legal name: it is required, needs a
// Latin-script nameIdentifier, and the local and phonetic forms may use any
// script.
func validateName[T NaturalPersonNameID | LegalPersonNameID](v *validator, latin, local, phonetic []T) {
	if len(latin)+len(local)+len(phonetic) == 0 {
		v.add("name", ConstraintRequired, "a name is required")
	} else if len(latin) == 0 {
		v.add("name.nameIdentifier", ConstraintRequired, "at least one nameIdentifier is required")
	}
	v.push("name", -1)
	for i := range latin {
		v.push("nameIdentifier", i)
		v.nameID(any(&latin[i]), false)
		v.pop()
	}
	for i := range local {
		v.push("localNameIdentifier", i)
		v.nameID(any(&local[i]), true)
		v.pop()
	}
	for i := range phonetic {
		v.push("phoneticNameIdentifier", i)
		v.nameID(any(&phonetic[i]), true)
		v.pop()
	}
	v.pop()
}

// nameID dispatches to the checks of the identifier's type (a type switch
// rather than a func parameter keeps the validator off the heap).
func (v *validator) nameID(id any, local bool) {
	switch id := id.(type) {
	case *NaturalPersonNameID:
		v.naturalNameID(id, local)
	case *LegalPersonNameID:
		v.legalNameID(id, local)
	}
}

func (v *validator) naturalNameID(id *NaturalPersonNameID, local bool) {
	v.text("primaryIdentifier", id.PrimaryIdentifier, 100, local)
	if id.PrimaryIdentifier == "" {
		v.add("primaryIdentifier", ConstraintRequired, "primaryIdentifier is required")
	}
	v.text("secondaryIdentifier", id.SecondaryIdentifier, 100, local)
	// Paths use the canonical 2020 name, also for 2023's naturalPersonNameIdentifierType.
	v.code("nameIdentifierType", string(id.NameIdentifierType), naturalNameCodes)
}

func (v *validator) legalPerson(lp *LegalPerson, originator bool) {
	n := &lp.Name
	validateName(v, n.NameIdentifiers, n.LocalNameIdentifiers, n.PhoneticNameIdentifiers)
	v.checkC5(n)

	v.addresses(lp.GeographicAddresses)
	v.text("customerIdentification", lp.CustomerIdentification, 50, false)
	if lp.NationalIdentification != nil {
		v.push("nationalIdentification", -1)
		v.nationalID(lp.NationalIdentification, true)
		v.pop()
	}
	v.country("countryOfRegistration", lp.CountryOfRegistration, false)
	if originator {
		v.checkC4(lp)
	}
}

func (v *validator) legalNameID(id *LegalPersonNameID, local bool) {
	v.text("legalPersonName", id.LegalPersonName, 100, local)
	if id.LegalPersonName == "" {
		v.add("legalPersonName", ConstraintRequired, "legalPersonName is required")
	}
	v.code("legalPersonNameIdentifierType", string(id.LegalPersonNameIdentifierType), legalNameCodes)
}

func (v *validator) addresses(addrs []Address) {
	for i := range addrs {
		v.push("geographicAddress", i)
		v.address(&addrs[i])
		v.pop()
	}
}

func (v *validator) address(a *Address) {
	v.code("addressType", string(a.AddressType), addressCodes)
	v.text("department", a.Department, 50, false)
	v.text("subDepartment", a.SubDepartment, 70, false)
	v.text("streetName", a.StreetName, 70, false)
	v.text("buildingNumber", a.BuildingNumber, 16, false)
	v.text("buildingName", a.BuildingName, 35, false)
	v.text("floor", a.Floor, 70, false)
	v.text("postBox", a.PostBox, 16, false)
	v.text("room", a.Room, 70, false)
	v.text("postCode", a.PostCode, 16, false)
	v.text("townName", a.TownName, 35, false)
	v.text("townLocationName", a.TownLocationName, 35, false)
	v.text("districtName", a.DistrictName, 35, false)
	v.text("countrySubDivision", a.CountrySubDivision, 35, false)
	if len(a.AddressLines) > 7 {
		v.add("addressLine", ConstraintLength, "at most 7 address lines are allowed")
	}
	for i, line := range a.AddressLines {
		v.push("addressLine", i)
		v.text("", line, 70, false)
		v.pop()
	}
	v.country("country", a.Country, true)
	v.checkC8(a)
}

func (v *validator) nationalID(n *NationalIdentification, legal bool) {
	v.text("nationalIdentifier", n.NationalIdentifier, 35, false)
	if n.NationalIdentifier == "" {
		v.add("nationalIdentifier", ConstraintRequired, "nationalIdentifier is required")
	}
	v.code("nationalIdentifierType", string(n.NationalIdentifierType), nationalIDCodes)
	v.country("countryOfIssue", n.CountryOfIssue, false)
	if n.RegistrationAuthority != "" {
		v.checkC10(n.RegistrationAuthority)
	}
	if legal {
		typ := canonicalCode(string(n.NationalIdentifierType), nationalIDCodes)
		v.checkC7(typ)
		v.checkC9(n, typ)
		if typ == string(NationalIDLEI) {
			v.checkC11(n.NationalIdentifier)
		}
	}
}

func (v *validator) birth(b *DateAndPlaceOfBirth) {
	if b.DateOfBirth == "" {
		v.add("dateOfBirth", ConstraintRequired, "dateOfBirth is required")
	} else if !isDate(b.DateOfBirth) {
		v.add("dateOfBirth", ConstraintFormat, "dateOfBirth must be a real calendar date written YYYY-MM-DD")
	} else {
		v.checkC2(b.DateOfBirth)
	}
	if b.PlaceOfBirth == "" {
		v.add("placeOfBirth", ConstraintRequired, "placeOfBirth is required")
	}
	v.text("placeOfBirth", b.PlaceOfBirth, 70, false)
}

func (v *validator) transferPath(items []IntermediaryVASP) {
	for i := range items {
		iv := &items[i]
		v.push("transferPath", i)
		if iv.Person == nil {
			v.add("intermediaryVASP", ConstraintRequired, "intermediaryVASP is required")
		} else {
			v.push("intermediaryVASP", -1)
			v.person(iv.Person, false)
			v.pop()
		}
		v.sequence(string(iv.Sequence))
		v.pop()
	}
	v.push("transferPath", -1)
	v.checkC12(items)
	v.pop()
}

func (v *validator) sequence(s string) {
	if s == "" {
		v.add("sequence", ConstraintRequired, "sequence is required")
		return
	}
	if _, ok := parseSequence(s); !ok {
		if digits := strings.TrimLeft(s, "0"); isDigits(s) && len(digits) > 18 {
			v.add("sequence", ConstraintLength, "sequence must have at most 18 digits")
		} else {
			v.add("sequence", ConstraintFormat, "sequence must be a non-negative integer")
		}
	}
}

func (v *validator) metadata(m *PayloadMetadata) {
	var version PayloadVersion
	if m != nil {
		v.push("payloadMetadata", -1)
		for i, t := range m.TransliterationMethods {
			v.push("transliterationMethod", i)
			v.code("", string(t), translitCodes)
			v.pop()
		}
		if m.PayloadVersion != "" && !m.PayloadVersion.Valid() {
			v.add("payloadVersion", ConstraintEnum, "payloadVersion must be 101 or 101.2023")
		}
		v.pop()
		version = m.PayloadVersion
	}
	if v.edition == Version2023 && version == "" {
		v.add("payloadMetadata.payloadVersion", ConstraintRequired, "payloadVersion is required in IVMS101.2023")
	}
}

// code checks a required code-list element. Codes are case-insensitive.
func (v *validator) code(leaf, value string, codes []string) {
	switch {
	case value == "":
		v.add(leaf, ConstraintRequired, leafOr(leaf, "the code")+" is required")
	case canonicalCode(value, codes) == "":
		v.add(leaf, ConstraintEnum, leafOr(leaf, "the code")+" is not in its code list")
	}
}

func leafOr(leaf, fallback string) string {
	if leaf == "" {
		return fallback
	}
	return leaf
}

// canonicalCode returns the list's code equal to s ignoring case, or "".
func canonicalCode(s string, codes []string) string {
	if len(s) != 4 {
		return ""
	}
	for _, c := range codes {
		if c != "" && strings.EqualFold(c, s) {
			return c
		}
	}
	return ""
}
