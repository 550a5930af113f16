package ivms

import "encoding/json"

// UnmarshalOption tunes UnmarshalWith.
type UnmarshalOption func(*decoder)

// IgnoreUnknownKeys makes UnmarshalWith skip keys that are no IVMS101
// element in any dialect (such as Notabene v1's "city" or GTR's typo
// "countryOfIssuse") instead of failing with ErrUnknownKey. Their values are
// dropped. Use it only for counterparties known to send such keys: a typo
// like "originatorPersons1" then loses data silently.
func IgnoreUnknownKeys() UnmarshalOption {
	return func(d *decoder) { d.ignoreUnknown = true }
}

// Unmarshal decodes an IVMS101 payload in any of the wire dialects seen in
// practice and returns it in one normalised model:
//
//   - canonical lowerCamel JSON (TRISA encoding/json, 21 Analytics, TRP),
//     bare or under an "ivms101" / "IVMS101" envelope key, whose sibling keys
//     (e.g. GTR's travelRuleMetadata) are ignored;
//   - GTR's PascalCase entity keys ("Originator", "OriginatingVASP", "TransferPath");
//   - snake_case protobuf field names and TRISA protojson, with enum values
//     as protobuf names ("NATURAL_PERSON_NAME_TYPE_CODE_LEGL") or numbers;
//   - VASP entities nested ({"originatingVASP": {"originatingVASP": {…}}}) or
//     bare ({"originatingVASP": {"legalPerson": {…}}});
//   - transferPath nested ({"transferPath": [ … ]}) or as a bare array;
//   - "postCode" / "postcode" / "post_code", "originatingVASP" /
//     "originatingVasp", "customerNumber" for legal persons, plural
//     protobuf list names ("name_identifiers", "geographic_addresses",
//     "account_numbers");
//   - "name" as an object or a one-element (or longer) array, a single
//     string where a list of strings is expected, a number where a string is;
//   - 2023 names ("originatorPerson", "naturalPersonNameIdentifierType",
//     Person-level "accountNumber", "payloadVersion").
//
// Keys match case-insensitively with underscores ignored. Enum codes are
// normalised to the standard's upper-case codes; an unknown code is kept as
// sent for Validate to report. "", null, [] and {} mean absent, and an
// object with nothing but absent members is dropped from its list.
//
// A key that matches no element is an error (ErrUnknownKey) naming the key
// and its place; see IgnoreUnknownKeys. Malformed JSON is ErrSyntax and a
// value of an impossible type ErrType; every error is a *DecodeError and
// none carries a value from the input. Unmarshal does not validate: call
// Validate on the result.
//
// The edition is detected and recorded in Version: 2023 when
// payloadMetadata.payloadVersion says "101.2023" (or "IVMS101.2023"), or
// when 2023-only names were used and payloadVersion does not say "101";
// otherwise 2020.
func Unmarshal(data []byte) (*IdentityPayload, error) {
	return UnmarshalWith(data)
}

// UnmarshalWith is Unmarshal with options.
func UnmarshalWith(data []byte, opts ...UnmarshalOption) (*IdentityPayload, error) {
	d := decoder{scanner: newScanner(data)}
	for _, o := range opts {
		o(&d)
	}
	p := d.top()
	if d.err != nil {
		return nil, d.err
	}
	return p, nil
}

// UnmarshalJSON implements json.Unmarshaler with Unmarshal, so an
// IdentityPayload can sit inside a larger JSON document.
// JSON null leaves p unchanged, as encoding/json does.
func (p *IdentityPayload) UnmarshalJSON(data []byte) error {
	if isJSONNull(data) {
		return nil
	}
	q, err := Unmarshal(data)
	if err != nil {
		return err
	}
	*p = *q
	return nil
}

// isJSONNull reports whether data is the literal null (white space aside).
func isJSONNull(data []byte) bool {
	s := newScanner(data)
	if s.peek() != 'n' {
		return false
	}
	s.literal()
	s.end()
	return s.err == nil
}

// decoder turns scanner events into the model. Each method decodes one
// element at the scanner's position and returns its value, the zero value
// when the element is absent.
type decoder struct {
	scanner
	ignoreUnknown bool
	saw2023       bool // a 2023-only element name or placement was seen
}

// unknown handles a member whose key no element matched.
func (d *decoder) unknown() {
	if d.ignoreUnknown {
		d.skip()
		return
	}
	d.unknownKey()
}

// top decodes the whole input: a bare payload, or an envelope with an
// "ivms101" member (any case) whose siblings are ignored.
func (d *decoder) top() *IdentityPayload {
	c := d.peek()
	if c != '{' {
		if d.err == nil {
			d.typeError("an object")
		}
		return nil
	}
	var bare, env IdentityPayload
	var inEnvelope bool
	var unknown *DecodeError // first unknown top-level key, reported unless an envelope shows up
	d.pos++
	first := true
	for d.member(&first) {
		if string(d.key) == "ivms101" {
			inEnvelope = true
			d.push("ivms101", -1)
			d.body(&env)
			d.pop()
			continue
		}
		if d.entity(&bare) {
			continue
		}
		if unknown == nil && !d.ignoreUnknown {
			d.unknownKey()
			unknown, d.err = d.err, nil
		}
		d.skip()
	}
	d.end()
	if d.err != nil {
		return nil
	}
	p := &bare
	if inEnvelope {
		p = &env
	} else if unknown != nil {
		d.err = unknown
		return nil
	}
	p.Version = d.version(p)
	return p
}

// body decodes the object holding the entities (the envelope's value).
func (d *decoder) body(p *IdentityPayload) {
	if !d.enterObject() {
		return
	}
	first := true
	for d.member(&first) {
		if !d.entity(p) {
			d.unknown()
		}
	}
}

// entity decodes the member at hand if its key names an entity.
func (d *decoder) entity(p *IdentityPayload) bool {
	switch string(d.key) {
	case "originator":
		d.push("originator", -1)
		if persons, accounts := d.party("originatorPersons", "originatorpersons", "originatorperson", true); persons != nil || accounts != nil {
			if p.Originator == nil {
				p.Originator = &Originator{}
			}
			p.Originator.OriginatorPersons = append(p.Originator.OriginatorPersons, persons...)
			p.Originator.AccountNumbers = append(p.Originator.AccountNumbers, accounts...)
		}
	case "beneficiary":
		d.push("beneficiary", -1)
		// "beneficiaryPerson" is 2023's name and the 2020 table's too: no edition marker.
		if persons, accounts := d.party("beneficiaryPersons", "beneficiarypersons", "beneficiaryperson", false); persons != nil || accounts != nil {
			if p.Beneficiary == nil {
				p.Beneficiary = &Beneficiary{}
			}
			p.Beneficiary.BeneficiaryPersons = append(p.Beneficiary.BeneficiaryPersons, persons...)
			p.Beneficiary.AccountNumbers = append(p.Beneficiary.AccountNumbers, accounts...)
		}
	case "originatingvasp", "originatorvasp":
		d.push("originatingVASP", -1)
		if person := d.vasp("originatingvasp", "originatingVASP"); person != nil {
			p.OriginatingVASP = &OriginatingVASP{Person: person}
		}
	case "beneficiaryvasp":
		d.push("beneficiaryVASP", -1)
		if person := d.vasp("beneficiaryvasp", "beneficiaryVASP"); person != nil {
			p.BeneficiaryVASP = &BeneficiaryVASP{Person: person}
		}
	case "transferpath":
		d.push("transferPath", -1)
		if items := d.transferPath(); len(items) > 0 {
			if p.TransferPath == nil {
				p.TransferPath = &TransferPath{}
			}
			p.TransferPath.Intermediaries = append(p.TransferPath.Intermediaries, items...)
		}
	case "payloadmetadata":
		d.push("payloadMetadata", -1)
		if m := d.metadata(); m != nil {
			p.PayloadMetadata = m
		}
	default:
		return false
	}
	d.pop()
	return true
}

// version applies the edition detection rule.
func (d *decoder) version(p *IdentityPayload) Version {
	if p.PayloadMetadata != nil && p.PayloadMetadata.PayloadVersion != "" {
		if v := p.PayloadMetadata.PayloadVersion.edition(); v >= 0 {
			return v
		}
	}
	if d.saw2023 {
		return Version2023
	}
	return Version2020
}

// party decodes the body of an Originator or Beneficiary: its persons,
// listed under the 2020 key or the 2023 one (whose use marks the payload as
// 2023 when marks2023 is set), and its entity-level account numbers.
func (d *decoder) party(name, key2020, key2023 string, marks2023 bool) (persons []Person, accounts []string) {
	if !d.enterObject() {
		return nil, nil
	}
	first := true
	for d.member(&first) {
		switch string(d.key) {
		case key2020, key2023:
			if marks2023 && string(d.key) == key2023 {
				d.saw2023 = true
			}
			persons = decodeList(d, name, persons, (*decoder).person)
		case "accountnumber", "accountnumbers":
			accounts = d.texts("accountNumber", accounts)
		default:
			d.unknown()
		}
	}
	return persons, accounts
}

// vasp decodes a VASP entity: nested ({inner: Person}) or bare (the Person's
// own members). inner is the lookup form of the nested key, name its
// canonical spelling.
func (d *decoder) vasp(inner, name string) *Person {
	if !d.enterObject() {
		return nil
	}
	var nested, bare Person
	first := true
	for d.member(&first) {
		if string(d.key) == inner {
			d.push(name, -1)
			if p, ok := d.person(); ok {
				nested = p
			}
			d.pop()
			continue
		}
		d.push(name, -1)
		if !d.personMember(&bare) {
			d.pop()
			d.unknown()
			continue
		}
		d.pop()
	}
	switch {
	case bare.isEmpty() && nested.isEmpty():
		return nil
	case bare.isEmpty():
		return &nested
	case nested.isEmpty():
		return &bare
	}
	d.push(name, -1)
	d.fail(ErrType, "both a nested "+name+" object and bare person members")
	d.pop()
	return nil
}

// transferPath decodes {"transferPath": [...]} or a bare array.
func (d *decoder) transferPath() []IntermediaryVASP {
	var items []IntermediaryVASP
	switch d.peek() {
	case '[':
		return decodeList(d, "transferPath", items, (*decoder).intermediary)
	case '{':
		d.pos++
		first := true
		for d.member(&first) {
			if string(d.key) == "transferpath" {
				items = decodeList(d, "transferPath", items, (*decoder).intermediary)
			} else {
				d.unknown()
			}
		}
		return items
	case 'n':
		d.literal()
		return nil
	}
	d.typeError("an object or an array")
	return nil
}

func (d *decoder) intermediary() (IntermediaryVASP, bool) {
	var iv IntermediaryVASP
	if !d.enterObject() {
		return iv, false
	}
	first := true
	for d.member(&first) {
		switch string(d.key) {
		case "intermediaryvasp":
			d.push("intermediaryVASP", -1)
			if p, ok := d.person(); ok {
				iv.Person = &p
			}
			d.pop()
		case "sequence":
			d.push("sequence", -1)
			if v, _ := d.scalar("a number"); v != "" {
				iv.Sequence = json.Number(v)
			}
			d.pop()
		default:
			d.unknown()
		}
	}
	return iv, iv.Person != nil || iv.Sequence != ""
}

func (d *decoder) metadata() *PayloadMetadata {
	if !d.enterObject() {
		return nil
	}
	var m PayloadMetadata
	first := true
	for d.member(&first) {
		switch string(d.key) {
		case "transliterationmethod", "transliterationmethods":
			m.TransliterationMethods = d.codes("transliterationMethod", m.TransliterationMethods)
		case "payloadversion":
			d.push("payloadVersion", -1)
			if v := d.text(); v != "" {
				m.PayloadVersion = PayloadVersion(v)
			}
			d.pop()
		default:
			d.unknown()
		}
	}
	if len(m.TransliterationMethods) == 0 && m.PayloadVersion == "" {
		return nil
	}
	return &m
}

// decodeList decodes a list whose items elem decodes, appending the items
// that are not absent to dst. A single object stands for a one-item list.
func decodeList[T any](d *decoder, name string, dst []T, elem func(*decoder) (T, bool)) []T {
	switch d.peek() {
	case '{':
		d.push(name, 0)
		if v, ok := elem(d); ok {
			dst = append(dst, v)
		}
		d.pop()
		return dst
	case '[':
		d.pos++
	case 'n':
		d.literal()
		return dst
	default:
		d.typeError("an array")
		return dst
	}
	first := true
	for i := 0; d.elem(&first); i++ {
		d.push(name, i)
		if v, ok := elem(d); ok {
			dst = append(dst, v)
		}
		d.pop()
	}
	return dst
}

// texts decodes a list of strings, or a single string, dropping "".
func (d *decoder) texts(name string, dst []string) []string {
	if c := d.peek(); c != '[' {
		d.push(name, -1)
		if v := d.text(); v != "" {
			dst = append(dst, v)
		}
		d.pop()
		return dst
	}
	d.pos++
	first := true
	for i := 0; d.elem(&first); i++ {
		d.push(name, i)
		if v := d.text(); v != "" {
			dst = append(dst, v)
		}
		d.pop()
	}
	return dst
}

// codes decodes a list of transliteration method codes.
func (d *decoder) codes(name string, dst []TransliterationMethod) []TransliterationMethod {
	if c := d.peek(); c != '[' {
		d.push(name, -1)
		if v := d.code(translitPrefix, translitCodes); v != "" {
			dst = append(dst, TransliterationMethod(v))
		}
		d.pop()
		return dst
	}
	d.pos++
	first := true
	for i := 0; d.elem(&first); i++ {
		d.push(name, i)
		if v := d.code(translitPrefix, translitCodes); v != "" {
			dst = append(dst, TransliterationMethod(v))
		}
		d.pop()
	}
	return dst
}

// code decodes a code-list value: a code in any case, a protobuf enum name,
// or a protobuf enum number.
func (d *decoder) code(prefix string, codes []string) string {
	v, isNumber := d.scalar("a code")
	if v == "" {
		return ""
	}
	return normalizeCode(v, isNumber, prefix, codes)
}

// country decodes a country code, upper-casing a two-letter value.
func (d *decoder) country() string { return normalizeCountry(d.text()) }

func isLowerASCII(c byte) bool { return c >= 'a' && c <= 'z' }
