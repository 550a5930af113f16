package gtr

import (
	"strings"

	"github.com/vaspkit/vaspkit/ivms"
)

// matchField compares one verify field of two persons — sent, as the
// counterparty described our customer, and known, our own KYC record —
// with the field's rule (its table row). It returns:
//
//   - FieldInfoMissing when sent has no value for the field (a natural-person
//     field of a legal person has none);
//   - FieldInfoExists when sent has a value but the rule is NONE (it is
//     not compared: customerIdentification, accountNumber);
//   - FieldNotSupported when the id is unknown, or when known has no value
//     to compare with;
//   - otherwise FieldMatch or FieldMismatch. Where a field can hold several
//     values (names, addresses), any sent value matching any known value is
//     a match; local-script names count as names (GTR: "merge local name
//     array and name array to one list").
//
// matchField does not know whether the field was asked for or is required;
// verifyPIIFields turns its answer into the status GTR expects.
func matchField(id FieldID, sent, known *ivms.Person) FieldStatus {
	info, ok := id.row()
	if !ok {
		return FieldNotSupported
	}
	sv := matchPersonValues(info, sent)
	if len(sv) == 0 {
		return FieldInfoMissing
	}
	if info.Rule == byNone {
		return FieldInfoExists
	}
	kv := matchPersonValues(info, known)
	if len(kv) == 0 {
		return FieldNotSupported
	}
	return matchValues(info.Rule, sv, kv)
}

func matchValues(rule matchRule, sent, known []string) FieldStatus {
	if rule == byNameFuzzy {
		return matchAnyName(sent, known)
	}
	for _, s := range sent {
		for _, k := range known {
			if rule.compare(s, k) == FieldMatch {
				return FieldMatch
			}
		}
	}
	return FieldMismatch
}

// verifyPIIFields computes the verifyFields a receiving VASP answers to a PII
// verification (callback 4), with GTR's rules:
//
//   - sent is the IVMS document the initiator sent (opened);
//   - party is the entity our customer is in that document:
//     partyBeneficiary when we receive a pre-transaction travel rule,
//     partyOriginator for a post-transaction one (PIIVerification.party
//     tells);
//   - customer is our KYC record of that party: its persons (a legal person
//     may be followed by its representative);
//   - expect lists the ids the initiator asked for (initiatorExpectVerifyFields);
//   - required lists the ids we require from counterparties (the VASP
//     detail's requiredPiiFieldsAsBeneficiary); nil when none.
//
// Each asked id of our customer's party is compared (matchField): MATCH or
// MISMATCH; SKIP when the initiator sent no value and we do not require it;
// NOT_SUPPORT when we hold no value to compare with. Asked ids of other
// parties are NOT_SUPPORT (a receiver verifies its own customer). Required
// ids, asked or not, report REQUIRED_INFO_MISSING when the value is absent,
// and those not asked REQUIRED_INFO_EXISTS when present. The result lists
// asked ids in order, then required ids that were not asked; unknown ids are
// answered NOT_SUPPORT when asked and ignored when required.
func verifyPIIFields(sent *ivms.IdentityPayload, party fieldParty, customer []ivms.Person, expect, required []FieldID) []FieldResult {
	req := make(map[FieldID]bool, len(required))
	for _, id := range required {
		req[id] = true
	}
	asked := make(map[FieldID]bool, len(expect))
	out := make([]FieldResult, 0, len(expect)+len(required))
	for _, id := range expect {
		if asked[id] {
			continue
		}
		asked[id] = true
		out = append(out, FieldResult{ID: id, Status: matchAsked(id, sent, party, customer, req[id])})
	}
	for _, id := range required {
		if asked[id] {
			continue
		}
		asked[id] = true
		info, ok := id.row()
		if !ok {
			continue
		}
		st := FieldInfoMissing
		if len(matchPayloadValues(info, sent)) > 0 {
			st = FieldInfoExists
		}
		out = append(out, FieldResult{ID: id, Status: st})
	}
	return out
}

func matchAsked(id FieldID, sent *ivms.IdentityPayload, party fieldParty, customer []ivms.Person, required bool) FieldStatus {
	info, ok := id.row()
	if !ok {
		return FieldNotSupported
	}
	sv := matchPayloadValues(info, sent)
	if len(sv) == 0 {
		if required {
			return FieldInfoMissing
		}
		return FieldSkip
	}
	if info.Party != party {
		if required {
			return FieldInfoExists
		}
		return FieldNotSupported
	}
	if info.Rule == byNone {
		return FieldInfoExists
	}
	var kv []string
	for i := range customer {
		kv = append(kv, matchPersonValues(info, &customer[i])...)
	}
	if len(kv) == 0 {
		return FieldNotSupported
	}
	return matchValues(info.Rule, sv, kv)
}

// piiVerdict is the verifyStatus a receiver answers for the given field
// results: 200003 (PII verify fail) when any field is MISMATCH or
// REQUIRED_INFO_MISSING, 100000 otherwise.
func piiVerdict(fields []FieldResult) VerifyStatus {
	for _, f := range fields {
		if f.Status == FieldMismatch || f.Status == FieldInfoMissing {
			return StatusPIIVerifyFail
		}
	}
	return StatusSuccess
}

// matchPartyPersons returns the persons and entity-level account numbers of a
// party of the document.
func matchPartyPersons(p *ivms.IdentityPayload, party fieldParty) (persons []ivms.Person, accounts []string) {
	if p == nil {
		return nil, nil
	}
	switch party {
	case partyOriginator:
		if p.Originator != nil {
			return p.Originator.OriginatorPersons, p.Originator.AccountNumbers
		}
	case partyBeneficiary:
		if p.Beneficiary != nil {
			return p.Beneficiary.BeneficiaryPersons, p.Beneficiary.AccountNumbers
		}
	case partyOriginatingVASP:
		if p.OriginatingVASP != nil && p.OriginatingVASP.Person != nil {
			return []ivms.Person{*p.OriginatingVASP.Person}, nil
		}
	case partyBeneficiaryVASP:
		if p.BeneficiaryVASP != nil && p.BeneficiaryVASP.Person != nil {
			return []ivms.Person{*p.BeneficiaryVASP.Person}, nil
		}
	}
	return nil, nil
}

// matchPayloadValues returns the non-empty values of a field in a document.
func matchPayloadValues(info fieldRow, p *ivms.IdentityPayload) []string {
	persons, accounts := matchPartyPersons(p, info.Party)
	var out []string
	if info.Person == personAccount {
		out = matchAppendValues(out, accounts...)
		for i := range persons {
			out = matchAppendValues(out, persons[i].AccountNumbers...)
		}
		return out
	}
	for i := range persons {
		out = append(out, matchPersonValues(info, &persons[i])...)
	}
	return out
}

// matchPersonValues returns the non-empty values of a field in one person, or
// nil when the person is not of the field's kind.
func matchPersonValues(info fieldRow, p *ivms.Person) []string {
	if p == nil {
		return nil
	}
	switch info.Person {
	case personNatural:
		if p.NaturalPerson != nil {
			return matchNaturalValues(info.IVMSPath, p.NaturalPerson)
		}
	case personLegal:
		if p.LegalPerson != nil {
			return matchLegalValues(info.IVMSPath, p.LegalPerson)
		}
	case personAccount:
		return matchAppendValues(nil, p.AccountNumbers...)
	}
	return nil
}

func matchNaturalValues(path string, np *ivms.NaturalPerson) []string {
	switch path {
	case "name.nameIdentifier", "name.localNameIdentifier":
		// Local names are verified in the same list as names.
		return matchAppendNames(matchAppendNames(nil, np.Name.NameIdentifiers), np.Name.LocalNameIdentifiers)
	case "name.phoneticNameIdentifier":
		return matchAppendNames(nil, np.Name.PhoneticNameIdentifiers)
	case "dateAndPlaceOfBirth.dateOfBirth":
		if np.DateAndPlaceOfBirth != nil {
			return matchAppendValues(nil, np.DateAndPlaceOfBirth.DateOfBirth)
		}
		return nil
	case "dateAndPlaceOfBirth.placeOfBirth":
		if np.DateAndPlaceOfBirth != nil {
			return matchAppendValues(nil, np.DateAndPlaceOfBirth.PlaceOfBirth)
		}
		return nil
	case "customerIdentification":
		return matchAppendValues(nil, np.CustomerIdentification)
	case "countryOfResidence":
		return matchAppendValues(nil, np.CountryOfResidence)
	}
	if v, ok := matchNationalID(path, np.NationalIdentification); ok {
		return v
	}
	return matchAddressValues(path, np.GeographicAddresses)
}

func matchLegalValues(path string, lp *ivms.LegalPerson) []string {
	switch path {
	case "legalPersonName":
		var out []string
		for _, n := range lp.Name.NameIdentifiers {
			out = matchAppendValues(out, n.LegalPersonName)
		}
		for _, n := range lp.Name.LocalNameIdentifiers {
			out = matchAppendValues(out, n.LegalPersonName)
		}
		return out
	case "customerIdentification":
		return matchAppendValues(nil, lp.CustomerIdentification)
	case "countryOfRegistration":
		return matchAppendValues(nil, lp.CountryOfRegistration)
	}
	if v, ok := matchNationalID(path, lp.NationalIdentification); ok {
		return v
	}
	return matchAddressValues(path, lp.GeographicAddresses)
}

// matchNationalID reads the nationalIdentification fields; the legal-person
// rows of GTR's table name them without the "nationalIdentification." prefix.
func matchNationalID(path string, n *ivms.NationalIdentification) ([]string, bool) {
	leaf := strings.TrimPrefix(path, "nationalIdentification.")
	switch leaf {
	case "nationalIdentifier", "nationalIdentifierType", "registrationAuthority", "countryOfIssue":
	default:
		return nil, false
	}
	if n == nil {
		return nil, true
	}
	switch leaf {
	case "nationalIdentifier":
		return matchAppendValues(nil, n.NationalIdentifier), true
	case "nationalIdentifierType":
		return matchAppendValues(nil, string(n.NationalIdentifierType)), true
	case "registrationAuthority":
		return matchAppendValues(nil, n.RegistrationAuthority), true
	default:
		return matchAppendValues(nil, n.CountryOfIssue), true
	}
}

// matchAddressValues reads one component of every address; address lines of one
// address are joined by a space.
func matchAddressValues(path string, addrs []ivms.Address) []string {
	leaf, ok := strings.CutPrefix(path, "geographicAddress.")
	if !ok {
		return nil
	}
	var out []string
	for i := range addrs {
		a := &addrs[i]
		var v string
		switch leaf {
		case "country":
			v = a.Country
		case "townName":
			v = a.TownName
		case "addressLine":
			v = strings.Join(a.AddressLines, " ")
		case "department":
			v = a.Department
		case "subDepartment":
			v = a.SubDepartment
		case "streetName":
			v = a.StreetName
		case "buildingNumber":
			v = a.BuildingNumber
		case "buildingName":
			v = a.BuildingName
		case "floor":
			v = a.Floor
		case "postBox":
			v = a.PostBox
		case "room":
			v = a.Room
		case "postCode":
			v = a.PostCode
		case "townLocationName":
			v = a.TownLocationName
		case "districtName":
			v = a.DistrictName
		case "countrySubDivision":
			v = a.CountrySubDivision
		}
		out = matchAppendValues(out, v)
	}
	return out
}

func matchAppendNames(out []string, ids []ivms.NaturalPersonNameID) []string {
	for _, n := range ids {
		out = matchAppendValues(out, strings.TrimSpace(n.PrimaryIdentifier+" "+n.SecondaryIdentifier))
	}
	return out
}

func matchAppendValues(out []string, vals ...string) []string {
	for _, v := range vals {
		if strings.TrimSpace(v) != "" {
			out = append(out, v)
		}
	}
	return out
}
