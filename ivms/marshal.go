package ivms

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Dialect is a JSON form Marshal can write.
type Dialect int

const (
	// Canonical is bare lowerCamel IVMS101 2020 JSON: nested VASP objects
	// ({"originatingVASP": {"originatingVASP": …}}), nested transferPath,
	// entity-level accountNumber, nameIdentifierType, postCode, upper-case
	// codes, no payloadVersion. 2023 content is converted.
	Canonical Dialect = iota
	// GTR is what Global Travel Rule expects: {"ivms101": {…}} with the
	// entity keys Originator, Beneficiary, OriginatingVASP, BeneficiaryVASP
	// and TransferPath (a bare array of {"sequence", "intermediaryVasp"}),
	// VASP objects nested, transliteration codes lower case, otherwise as
	// Canonical (2020 edition).
	GTR
	// IVMS2023 is bare IVMS101.2023 JSON: originatorPerson /
	// beneficiaryPerson, Person-level accountNumber,
	// naturalPersonNameIdentifierType and payloadVersion "101.2023".
	IVMS2023
)

// ErrDialect is returned by Marshal for a Dialect it does not know.
var ErrDialect = errors.New("ivms: unknown dialect")

// ErrNilPayload is returned by Marshal for a nil payload.
var ErrNilPayload = errors.New("ivms: nil payload")

// String returns "Canonical", "GTR" or "IVMS2023".
func (d Dialect) String() string {
	switch d {
	case Canonical:
		return "Canonical"
	case GTR:
		return "GTR"
	case IVMS2023:
		return "IVMS2023"
	}
	return "Dialect(" + strconv.Itoa(int(d)) + ")"
}

// Marshal writes p in dialect d: compact UTF-8 JSON without HTML escaping,
// elements in the standard's order, only populated elements (never null,
// "" or an empty object or list). Converting between editions moves account
// numbers: to the entity in 2020 dialects (merged in order, repeats of a
// number already listed dropped; a VASP's or intermediary's own account
// numbers have no place in 2020 and are left out) and to the entity's first
// person in 2023 (kept at the entity when it has no person). See Convert.
//
// Marshal does not validate; call Validate first. A sequence that is not a
// number is written as a JSON string so the output stays valid JSON.
func Marshal(p *IdentityPayload, d Dialect) ([]byte, error) {
	if p == nil {
		return nil, ErrNilPayload
	}
	if d != Canonical && d != GTR && d != IVMS2023 {
		return nil, ErrDialect
	}
	e := encoder{b: make([]byte, 0, 4096), d: d}
	if d == GTR {
		m := e.beginObject("")
		e.payload(p, "ivms101")
		e.endObject(m)
	} else {
		e.payload(p, "")
	}
	if len(e.b) == 0 {
		e.b = append(e.b, "{}"...)
	}
	return e.b, nil
}

// MarshalJSON implements json.Marshaler with the Canonical dialect, so
// json.Marshal of an IdentityPayload (or a pointer to one) writes IVMS101
// JSON, never the Go field names. The receiver is a value so that both
// forms encode alike.
func (p IdentityPayload) MarshalJSON() ([]byte, error) {
	return Marshal(&p, Canonical)
}

// encoder appends JSON to b. Objects and arrays are opened with begin*,
// which returns a mark, and closed with end*, which rolls the output back to
// the mark (dropping the key too) when nothing was written inside.
type encoder struct {
	b []byte
	d Dialect
	// lossless writes every value the model holds, in the dialect's names:
	// a Person's own account numbers and a payloadVersion even in a 2020
	// dialect, and an entity's account numbers where they are. It is the
	// mode of the model types' MarshalJSON (an element out of any payload
	// has no edition to convert to).
	lossless bool
}

func (e *encoder) v2023() bool { return e.d == IVMS2023 }

// own is a Person's own account numbers where the edition has a place for
// them (2023 only; in 2020 a VASP or intermediary has none).
func (e *encoder) own(p *Person) []string {
	if e.v2023() || e.lossless {
		return p.AccountNumbers
	}
	return nil
}

// sep writes the ',' a new member or element needs, unless one opens.
func (e *encoder) sep() {
	if n := len(e.b); n > 0 && e.b[n-1] != '{' && e.b[n-1] != '[' {
		e.b = append(e.b, ',')
	}
}

func (e *encoder) key(k string) {
	e.sep()
	e.b = append(e.b, '"')
	e.b = append(e.b, k...)
	e.b = append(e.b, '"', ':')
}

// beginObject opens an object as member k, or as a list item when k is "".
func (e *encoder) beginObject(k string) int {
	mark := len(e.b)
	if k != "" {
		e.key(k)
	} else {
		e.sep()
	}
	e.b = append(e.b, '{')
	return mark
}

func (e *encoder) endObject(mark int) {
	if e.b[len(e.b)-1] == '{' {
		e.b = e.b[:mark]
		return
	}
	e.b = append(e.b, '}')
}

func (e *encoder) beginArray(k string) int {
	mark := len(e.b)
	e.key(k)
	e.b = append(e.b, '[')
	return mark
}

func (e *encoder) endArray(mark int) {
	if e.b[len(e.b)-1] == '[' {
		e.b = e.b[:mark]
		return
	}
	e.b = append(e.b, ']')
}

// field writes member k unless v is empty.
func (e *encoder) field(k, v string) {
	if v == "" {
		return
	}
	e.key(k)
	e.str(v)
}

func (e *encoder) strings(k string, vs []string) {
	m := e.beginArray(k)
	for _, v := range vs {
		if v != "" {
			e.sep()
			e.str(v)
		}
	}
	e.endArray(m)
}

// str writes s as a JSON string: no HTML escaping, invalid UTF-8 as U+FFFD.
func (e *encoder) str(s string) {
	e.b = append(e.b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			e.b = append(e.b, s[start:i]...)
			switch c {
			case '"', '\\':
				e.b = append(e.b, '\\', c)
			case '\n':
				e.b = append(e.b, '\\', 'n')
			case '\r':
				e.b = append(e.b, '\\', 'r')
			case '\t':
				e.b = append(e.b, '\\', 't')
			default:
				const hex = "0123456789abcdef"
				e.b = append(e.b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			e.b = append(e.b, s[start:i]...)
			e.b = append(e.b, "\uFFFD"...)
			i++
			start = i
			continue
		}
		i += size
	}
	e.b = append(e.b, s[start:]...)
	e.b = append(e.b, '"')
}

// code writes a code-list member in its canonical upper case (lower case
// when lower is set); an unknown value is written as it is.
func (e *encoder) code(k, v string, codes []string, lower bool) {
	if v == "" {
		return
	}
	if c := canonicalCode(v, codes); c != "" {
		v = c
		if lower {
			v = strings.ToLower(c)
		}
	}
	e.key(k)
	e.str(v)
}

func (e *encoder) payload(p *IdentityPayload, envelope string) {
	m := e.beginObject(envelope)
	gtr := e.d == GTR
	if o := p.Originator; o != nil {
		k, pk := "originator", "originatorPersons"
		if gtr {
			k = "Originator"
		} else if e.v2023() {
			pk = "originatorPerson"
		}
		e.entity(k, pk, o.OriginatorPersons, o.AccountNumbers)
	}
	if b := p.Beneficiary; b != nil {
		k, pk := "beneficiary", "beneficiaryPersons"
		if gtr {
			k = "Beneficiary"
		} else if e.v2023() {
			pk = "beneficiaryPerson"
		}
		e.entity(k, pk, b.BeneficiaryPersons, b.AccountNumbers)
	}
	if v := p.OriginatingVASP; v != nil && v.Person != nil {
		k := "originatingVASP"
		if gtr {
			k = "OriginatingVASP"
		}
		e.vasp(k, "originatingVASP", v.Person)
	}
	if v := p.BeneficiaryVASP; v != nil && v.Person != nil {
		k := "beneficiaryVASP"
		if gtr {
			k = "BeneficiaryVASP"
		}
		e.vasp(k, "beneficiaryVASP", v.Person)
	}
	if t := p.TransferPath; t != nil {
		e.transferPath(t.Intermediaries)
	}
	e.metadata("payloadMetadata", p.PayloadMetadata)
	e.endObject(m)
}

// vasp writes a VASP entity as member k (bare when k is ""), its person
// nested under inner.
func (e *encoder) vasp(k, inner string, p *Person) {
	vm := e.beginObject(k)
	if p != nil {
		e.person(inner, p, e.own(p))
	}
	e.endObject(vm)
}

// entity writes an Originator or Beneficiary, placing account numbers as
// the dialect's edition wants them.
func (e *encoder) entity(k, personsKey string, persons []Person, accounts []string) {
	m := e.beginObject(k)
	pm := e.beginArray(personsKey)
	for i := range persons {
		var own []string
		switch {
		case e.lossless:
			own = persons[i].AccountNumbers
		case e.v2023():
			own = persons[i].AccountNumbers
			if i == 0 {
				own = mergeAccounts(accounts, own)
			}
		}
		e.person("", &persons[i], own)
	}
	e.endArray(pm)
	switch {
	case e.lossless:
		e.strings("accountNumber", accounts)
	case !e.v2023():
		e.strings("accountNumber", accountNumbers2020(accounts, persons))
	case len(persons) == 0:
		e.strings("accountNumber", accounts) // no person to carry them
	}
	e.endObject(m)
}

// person writes a Person as member k (or list item when k is ""), with
// accounts as its 2023 Person-level accountNumber.
func (e *encoder) person(k string, p *Person, accounts []string) {
	m := e.beginObject(k)
	if np := p.NaturalPerson; np != nil {
		e.naturalPerson("naturalPerson", np)
	}
	if lp := p.LegalPerson; lp != nil {
		e.legalPerson("legalPerson", lp)
	}
	e.strings("accountNumber", accounts)
	e.endObject(m)
}

// naturalPerson writes a NaturalPerson as member k (or as a bare value
// when k is ""); so do the element writers below.
func (e *encoder) naturalPerson(k string, np *NaturalPerson) {
	m := e.beginObject(k)
	e.naturalName("name", &np.Name)
	e.addresses(np.GeographicAddresses)
	e.nationalID("nationalIdentification", np.NationalIdentification)
	e.field("customerIdentification", np.CustomerIdentification)
	if b := np.DateAndPlaceOfBirth; b != nil {
		e.birth("dateAndPlaceOfBirth", b)
	}
	e.field("countryOfResidence", np.CountryOfResidence)
	e.endObject(m)
}

func (e *encoder) naturalName(k string, n *NaturalPersonName) {
	nm := e.beginObject(k)
	e.naturalNameIDs("nameIdentifier", e.naturalNameTypeKey(), n.NameIdentifiers)
	e.naturalNameIDs("localNameIdentifier", "nameIdentifierType", n.LocalNameIdentifiers)
	e.naturalNameIDs("phoneticNameIdentifier", "nameIdentifierType", n.PhoneticNameIdentifiers)
	e.endObject(nm)
}

// naturalNameTypeKey is the key of a Latin name's type in the dialect.
func (e *encoder) naturalNameTypeKey() string {
	if e.v2023() {
		return "naturalPersonNameIdentifierType"
	}
	return "nameIdentifierType"
}

func (e *encoder) birth(k string, b *DateAndPlaceOfBirth) {
	bm := e.beginObject(k)
	e.field("dateOfBirth", b.DateOfBirth)
	e.field("placeOfBirth", b.PlaceOfBirth)
	e.endObject(bm)
}

func (e *encoder) naturalNameIDs(k, typeKey string, ids []NaturalPersonNameID) {
	m := e.beginArray(k)
	for i := range ids {
		e.naturalNameID(typeKey, &ids[i])
	}
	e.endArray(m)
}

// naturalNameID writes one name as a list item (or a bare value).
func (e *encoder) naturalNameID(typeKey string, id *NaturalPersonNameID) {
	im := e.beginObject("")
	e.field("primaryIdentifier", id.PrimaryIdentifier)
	e.field("secondaryIdentifier", id.SecondaryIdentifier)
	e.code(typeKey, string(id.NameIdentifierType), naturalNameCodes, false)
	e.endObject(im)
}

func (e *encoder) legalPerson(k string, lp *LegalPerson) {
	m := e.beginObject(k)
	e.legalName("name", &lp.Name)
	e.addresses(lp.GeographicAddresses)
	e.field("customerIdentification", lp.CustomerIdentification)
	e.nationalID("nationalIdentification", lp.NationalIdentification)
	e.field("countryOfRegistration", lp.CountryOfRegistration)
	e.endObject(m)
}

func (e *encoder) legalName(k string, n *LegalPersonName) {
	nm := e.beginObject(k)
	e.legalNameIDs("nameIdentifier", n.NameIdentifiers)
	e.legalNameIDs("localNameIdentifier", n.LocalNameIdentifiers)
	e.legalNameIDs("phoneticNameIdentifier", n.PhoneticNameIdentifiers)
	e.endObject(nm)
}

func (e *encoder) legalNameIDs(k string, ids []LegalPersonNameID) {
	m := e.beginArray(k)
	for i := range ids {
		e.legalNameID(&ids[i])
	}
	e.endArray(m)
}

// legalNameID writes one name as a list item (or a bare value).
func (e *encoder) legalNameID(id *LegalPersonNameID) {
	im := e.beginObject("")
	e.field("legalPersonName", id.LegalPersonName)
	e.code("legalPersonNameIdentifierType", string(id.LegalPersonNameIdentifierType), legalNameCodes, false)
	e.endObject(im)
}

func (e *encoder) addresses(addrs []Address) {
	m := e.beginArray("geographicAddress")
	for i := range addrs {
		e.address(&addrs[i])
	}
	e.endArray(m)
}

// address writes one address as a list item (or a bare value).
func (e *encoder) address(a *Address) {
	am := e.beginObject("")
	e.code("addressType", string(a.AddressType), addressCodes, false)
	e.field("department", a.Department)
	e.field("subDepartment", a.SubDepartment)
	e.field("streetName", a.StreetName)
	e.field("buildingNumber", a.BuildingNumber)
	e.field("buildingName", a.BuildingName)
	e.field("floor", a.Floor)
	e.field("postBox", a.PostBox)
	e.field("room", a.Room)
	e.field("postCode", a.PostCode)
	e.field("townName", a.TownName)
	e.field("townLocationName", a.TownLocationName)
	e.field("districtName", a.DistrictName)
	e.field("countrySubDivision", a.CountrySubDivision)
	e.strings("addressLine", a.AddressLines)
	e.field("country", a.Country)
	e.endObject(am)
}

func (e *encoder) nationalID(k string, n *NationalIdentification) {
	if n == nil {
		return
	}
	m := e.beginObject(k)
	e.field("nationalIdentifier", n.NationalIdentifier)
	e.code("nationalIdentifierType", string(n.NationalIdentifierType), nationalIDCodes, false)
	e.field("countryOfIssue", n.CountryOfIssue)
	e.field("registrationAuthority", n.RegistrationAuthority)
	e.endObject(m)
}

func (e *encoder) transferPath(items []IntermediaryVASP) {
	var m, am int
	if e.d == GTR {
		am = e.beginArray("TransferPath")
	} else {
		m = e.beginObject("transferPath")
		am = e.beginArray("transferPath")
	}
	for i := range items {
		e.intermediary(&items[i])
	}
	e.endArray(am)
	if e.d != GTR {
		e.endObject(m)
	}
}

// intermediary writes one hop as a list item (or a bare value).
func (e *encoder) intermediary(iv *IntermediaryVASP) {
	im := e.beginObject("")
	if e.d == GTR {
		e.sequence(string(iv.Sequence))
		if iv.Person != nil {
			e.person("intermediaryVasp", iv.Person, e.own(iv.Person))
		}
	} else {
		if iv.Person != nil {
			e.person("intermediaryVASP", iv.Person, e.own(iv.Person))
		}
		e.sequence(string(iv.Sequence))
	}
	e.endObject(im)
}

// sequence writes a sequence as a JSON number (canonical digits for a valid
// one), or as a string when it is no JSON number at all.
func (e *encoder) sequence(s string) {
	if s == "" {
		return
	}
	e.key("sequence")
	switch n, ok := parseSequence(s); {
	case ok:
		e.b = strconv.AppendInt(e.b, n, 10)
	case isJSONNumber(s):
		e.b = append(e.b, s...)
	default:
		e.str(s)
	}
}

func (e *encoder) metadata(k string, md *PayloadMetadata) {
	if md == nil && !e.v2023() {
		return
	}
	m := e.beginObject(k)
	if md != nil {
		am := e.beginArray("transliterationMethod")
		for _, t := range md.TransliterationMethods {
			if t == "" {
				continue
			}
			v := string(t)
			if c := canonicalCode(v, translitCodes); c != "" {
				v = c
				if e.d == GTR {
					v = strings.ToLower(c)
				}
			}
			e.sep()
			e.str(v)
		}
		e.endArray(am)
	}
	switch {
	case e.v2023():
		e.field("payloadVersion", string(PayloadVersion2023))
	case e.lossless && md != nil:
		e.field("payloadVersion", string(md.PayloadVersion))
	}
	e.endObject(m)
}

// isJSONNumber reports whether s is a JSON number literal.
func isJSONNumber(s string) bool {
	sc := scanner{data: []byte(s), src: s}
	if s == "" || (s[0] != '-' && !isDigit(s[0])) {
		return false
	}
	sc.number()
	return sc.err == nil && sc.pos == len(s)
}
