package gtr

import (
	"encoding/json"
	"fmt"
	"strconv"
)

// FieldID is a GTR verify-field id: a 6-digit string <prefix><suffix> naming
// one IVMS101 field of one party, used in a one-step request's
// expectVerifyFields and in the verifyFields of its result (spec §9.1, GTR's
// "PII Verify Fields" table). The prefix names the party and person type, the
// suffix the IVMS field:
//
//	100 originator natural person   110 beneficiary natural person
//	101 originator legal person     111 beneficiary legal person
//	103 originator account number   113 beneficiary account number
//	121 originating VASP            131 beneficiary VASP
//
// A FieldGroup's methods build the ids of the table; String returns the
// field's name ("BeneficiaryNaturalName"). Ids the SDK does not know (GTR
// adds fields; a few arrive in UPPER_SNAKE_CASE) are kept as sent. On input a
// FieldID is read from a JSON string or number.
type FieldID string

// FieldGroup is the first half of a FieldID: the party and the kind of
// person (natural, legal, account numbers, VASP) the field belongs to, GTR's
// 3-digit prefix. Its methods name the IVMS field and return the whole id,
// so a verify field reads as gtr.BeneficiaryNatural.Name() (110026) or
// gtr.OriginatingVASP.CountryOfRegistration() (121022):
//
//	req.ExpectFields = []gtr.FieldID{gtr.BeneficiaryNatural.Name(), gtr.BeneficiaryNatural.DateOfBirth()}
//
// A method for a field the group does not have in GTR's table (the date of
// birth of a legal person, the account number of a person, the customer
// identification of a VASP) returns the empty FieldID, which OneStep
// refuses before sending (ErrInvalidRequest).
type FieldGroup string

// The eight groups of GTR's table, with their prefixes.
const (
	OriginatorNatural  FieldGroup = "100" // the originator, a natural person
	OriginatorLegal    FieldGroup = "101" // the originator, a legal person
	OriginatorAccount  FieldGroup = "103" // the originator's account numbers
	BeneficiaryNatural FieldGroup = "110" // the beneficiary, a natural person
	BeneficiaryLegal   FieldGroup = "111" // the beneficiary, a legal person
	BeneficiaryAccount FieldGroup = "113" // the beneficiary's account numbers
	OriginatingVASP    FieldGroup = "121" // the originating VASP (a legal person)
	BeneficiaryVASP    FieldGroup = "131" // the beneficiary VASP (a legal person)
)

// id returns the group's field with the natural-person suffix natural or
// the legal-person suffix legal, as the group is; "" when the group has no
// such field (an empty suffix, or an id absent from GTR's table).
func (g FieldGroup) id(natural, legal string) FieldID {
	suffix := legal
	if g == OriginatorNatural || g == BeneficiaryNatural {
		suffix = natural
	}
	if g == OriginatorAccount || g == BeneficiaryAccount || suffix == "" {
		return ""
	}
	if id := FieldID(string(g) + suffix); id.known() {
		return id
	}
	return ""
}

// AccountNumber is accountNumber, the account numbers of OriginatorAccount
// (103023) and BeneficiaryAccount (113023).
func (g FieldGroup) AccountNumber() FieldID {
	if g == OriginatorAccount || g == BeneficiaryAccount {
		return FieldID(string(g) + "023")
	}
	return ""
}

// Name is the name: name.nameIdentifier of a natural person (suffix 026),
// legalPersonName of a legal person or VASP (001).
func (g FieldGroup) Name() FieldID { return g.id("026", "001") }

// LocalName is name.localNameIdentifier of a natural person (027).
func (g FieldGroup) LocalName() FieldID { return g.id("027", "") }

// PhoneticName is name.phoneticNameIdentifier of a natural person (028).
func (g FieldGroup) PhoneticName() FieldID { return g.id("028", "") }

// DateOfBirth is dateAndPlaceOfBirth.dateOfBirth of a natural person (025).
func (g FieldGroup) DateOfBirth() FieldID { return g.id("025", "") }

// PlaceOfBirth is dateAndPlaceOfBirth.placeOfBirth of a natural person (024).
func (g FieldGroup) PlaceOfBirth() FieldID { return g.id("024", "") }

// CountryOfResidence is countryOfResidence of a natural person (048).
func (g FieldGroup) CountryOfResidence() FieldID { return g.id("048", "") }

// NationalIdentifierType is nationalIdentification.nationalIdentifierType
// (natural 044, legal 002).
func (g FieldGroup) NationalIdentifierType() FieldID { return g.id("044", "002") }

// NationalIdentifier is nationalIdentification.nationalIdentifier (natural
// 045, legal 003).
func (g FieldGroup) NationalIdentifier() FieldID { return g.id("045", "003") }

// NationalIDCountryOfIssue is nationalIdentification.countryOfIssue (natural
// 046, legal 005).
func (g FieldGroup) NationalIDCountryOfIssue() FieldID { return g.id("046", "005") }

// CustomerIdentification is customerIdentification of a customer (natural 047,
// legal 006); VASPs have none.
func (g FieldGroup) CustomerIdentification() FieldID { return g.id("047", "006") }

// RegistrationAuthority is nationalIdentification.registrationAuthority of a
// legal person or VASP (004).
func (g FieldGroup) RegistrationAuthority() FieldID { return g.id("", "004") }

// CountryOfRegistration is countryOfRegistration of a legal person or VASP
// (022).
func (g FieldGroup) CountryOfRegistration() FieldID { return g.id("", "022") }

// AddressCountry is geographicAddress.country (natural 029, legal 007).
func (g FieldGroup) AddressCountry() FieldID { return g.id("029", "007") }

// TownName is geographicAddress.townName (natural 030, legal 008).
func (g FieldGroup) TownName() FieldID { return g.id("030", "008") }

// AddressLine is geographicAddress.addressLine (natural 031, legal 009).
func (g FieldGroup) AddressLine() FieldID { return g.id("031", "009") }

// Department is geographicAddress.department (natural 032, legal 010).
func (g FieldGroup) Department() FieldID { return g.id("032", "010") }

// SubDepartment is geographicAddress.subDepartment (natural 033, legal 011).
func (g FieldGroup) SubDepartment() FieldID { return g.id("033", "011") }

// StreetName is geographicAddress.streetName (natural 034, legal 012).
func (g FieldGroup) StreetName() FieldID { return g.id("034", "012") }

// BuildingNumber is geographicAddress.buildingNumber (natural 035, legal 013).
func (g FieldGroup) BuildingNumber() FieldID { return g.id("035", "013") }

// BuildingName is geographicAddress.buildingName (natural 036, legal 014).
func (g FieldGroup) BuildingName() FieldID { return g.id("036", "014") }

// Floor is geographicAddress.floor (natural 037, legal 015).
func (g FieldGroup) Floor() FieldID { return g.id("037", "015") }

// PostBox is geographicAddress.postBox (natural 038, legal 016).
func (g FieldGroup) PostBox() FieldID { return g.id("038", "016") }

// Room is geographicAddress.room (natural 039, legal 017).
func (g FieldGroup) Room() FieldID { return g.id("039", "017") }

// PostCode is geographicAddress.postCode (natural 040, legal 018).
func (g FieldGroup) PostCode() FieldID { return g.id("040", "018") }

// TownLocationName is geographicAddress.townLocationName (natural 041, legal
// 019).
func (g FieldGroup) TownLocationName() FieldID { return g.id("041", "019") }

// DistrictName is geographicAddress.districtName (natural 042, legal 020).
func (g FieldGroup) DistrictName() FieldID { return g.id("042", "020") }

// CountrySubDivision is geographicAddress.countrySubDivision (natural 043,
// legal 021).
func (g FieldGroup) CountrySubDivision() FieldID { return g.id("043", "021") }

// info returns the table row of f, and false for an id the SDK does not know.
func (f FieldID) info() (fieldInfo, bool) {
	r, ok := f.row()
	if !ok {
		return fieldInfo{ID: f}, false
	}
	return fieldInfo{ID: r.ID, Group: FieldGroup(r.ID[:3]), IVMSPath: r.IVMSPath}, true
}

// row returns the table row of f.
func (f FieldID) row() (fieldRow, bool) {
	i, ok := fieldIndex[f]
	if !ok {
		return fieldRow{ID: f}, false
	}
	return fieldTable[i], true
}

// known reports whether f is in GTR's published table.
func (f FieldID) known() bool {
	_, ok := fieldIndex[f]
	return ok
}

// String returns the field's name, its group and its FieldGroup method
// ("BeneficiaryNaturalName" for 110026, "BeneficiaryAccountNumber" for
// 113023) for a known id, and the id as sent otherwise.
func (f FieldID) String() string {
	if i, ok := fieldIndex[f]; ok {
		return fieldTable[i].Name
	}
	return string(f)
}

// validFieldID reports whether f has one of the two published forms: six
// digits, or an UPPER_SNAKE_CASE name (at most 64 characters).
func validFieldID(f FieldID) bool {
	s := string(f)
	if len(s) == 0 || len(s) > 64 {
		return false
	}
	if len(s) == 6 && allDigits(s) {
		return true
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z', c == '_' && i > 0, c >= '0' && c <= '9' && i > 0:
		default:
			return false
		}
	}
	return true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return len(s) > 0
}

// UnmarshalJSON reads an id sent as a JSON string ("110026") or number
// (110026). null leaves f unchanged.
func (f *FieldID) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		return nil
	}
	if s, ok := plainJSONString(data); ok {
		*f = FieldID(s)
		return nil
	}
	if len(data) > 0 && data[0] == '"' {
		var s string
		if err := json.Unmarshal(data, &s); err != nil {
			return fmt.Errorf("gtr: verify field id: %w", err)
		}
		*f = FieldID(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(data, &n); err != nil {
		return fmt.Errorf("gtr: verify field id is neither a string nor a number")
	}
	s := n.String()
	if !allDigits(s) {
		return fmt.Errorf("gtr: verify field id is not an integer")
	}
	*f = FieldID(s)
	return nil
}

// FieldStatus is the verdict on one verify field (verifyFields[].status,
// spec §9.2).
type FieldStatus int

// Field statuses. 0–3 are returned only for ids the initiator asked for;
// 4 and 5 also for fields the counterparty requires whether asked or not.
const (
	// FieldSkip: asked for, but the counterparty skipped it. Treat as skip.
	FieldSkip FieldStatus = 0
	// FieldMatch: asked for and matched ("MATCH" / "PASS"). Success.
	FieldMatch FieldStatus = 1
	// FieldMismatch: asked for and did not match. The only failure.
	FieldMismatch FieldStatus = 2
	// FieldNotSupported: the counterparty neither requires nor can verify
	// it. Treat as skip.
	FieldNotSupported FieldStatus = 3
	// FieldInfoMissing: not sent, but the counterparty requires it. A
	// warning: send it next time.
	FieldInfoMissing FieldStatus = 4
	// FieldInfoExists: present, and the counterparty can only confirm it is
	// not empty (also broker accounts' "no verify"). Success.
	FieldInfoExists FieldStatus = 5
)

// String returns GTR's name for the status ("MATCH", "MISMATCH" …), or
// "FieldStatus(n)" for a value the SDK does not know.
func (s FieldStatus) String() string {
	switch s {
	case FieldSkip:
		return "SKIP"
	case FieldMatch:
		return "MATCH"
	case FieldMismatch:
		return "MISMATCH"
	case FieldNotSupported:
		return "NOT_SUPPORT"
	case FieldInfoMissing:
		return "REQUIRED_INFO_MISSING"
	case FieldInfoExists:
		return "REQUIRED_INFO_EXISTS"
	}
	return "FieldStatus(" + strconv.Itoa(int(s)) + ")"
}

// known reports whether s is one of the six published statuses.
func (s FieldStatus) known() bool { return s >= FieldSkip && s <= FieldInfoExists }

// UnmarshalJSON reads a status sent as a JSON number or numeric string.
func (s *FieldStatus) UnmarshalJSON(data []byte) error {
	n, ok, err := flexInt(data)
	if err != nil {
		return fmt.Errorf("gtr: verify field status: %w", err)
	}
	if ok {
		*s = FieldStatus(n)
	}
	return nil
}

// FieldResult is one entry of a result's verifyFields (or verifiedFields).
type FieldResult struct {
	ID      FieldID     `json:"type"`
	Status  FieldStatus `json:"status"`
	Message string      `json:"message,omitempty"`
}
