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
// Every id of the table has a constant below; String returns its name. Ids
// the SDK does not know (GTR adds fields; a few arrive in UPPER_SNAKE_CASE)
// are kept as sent. On input a FieldID is read from a JSON string or number.
type FieldID string

// The verify fields of GTR's table ("Update: 2025 Sep 03"). The comment is
// the IVMS field, relative to the person (naturalPerson or legalPerson).
const (
	// Originator natural person (prefix 100)
	OriginatorNaturalPlaceOfBirth             FieldID = "100024" // dateAndPlaceOfBirth.placeOfBirth
	OriginatorNaturalDateOfBirth              FieldID = "100025" // dateAndPlaceOfBirth.dateOfBirth
	OriginatorNaturalName                     FieldID = "100026" // name.nameIdentifier
	OriginatorNaturalLocalName                FieldID = "100027" // name.localNameIdentifier
	OriginatorNaturalPhoneticName             FieldID = "100028" // name.phoneticNameIdentifier
	OriginatorNaturalAddressCountry           FieldID = "100029" // geographicAddress.country
	OriginatorNaturalTownName                 FieldID = "100030" // geographicAddress.townName
	OriginatorNaturalAddressLine              FieldID = "100031" // geographicAddress.addressLine
	OriginatorNaturalDepartment               FieldID = "100032" // geographicAddress.department
	OriginatorNaturalSubDepartment            FieldID = "100033" // geographicAddress.subDepartment
	OriginatorNaturalStreetName               FieldID = "100034" // geographicAddress.streetName
	OriginatorNaturalBuildingNumber           FieldID = "100035" // geographicAddress.buildingNumber
	OriginatorNaturalBuildingName             FieldID = "100036" // geographicAddress.buildingName
	OriginatorNaturalFloor                    FieldID = "100037" // geographicAddress.floor
	OriginatorNaturalPostBox                  FieldID = "100038" // geographicAddress.postBox
	OriginatorNaturalRoom                     FieldID = "100039" // geographicAddress.room
	OriginatorNaturalPostCode                 FieldID = "100040" // geographicAddress.postCode
	OriginatorNaturalTownLocationName         FieldID = "100041" // geographicAddress.townLocationName
	OriginatorNaturalDistrictName             FieldID = "100042" // geographicAddress.districtName
	OriginatorNaturalCountrySubDivision       FieldID = "100043" // geographicAddress.countrySubDivision
	OriginatorNaturalNationalIdentifierType   FieldID = "100044" // nationalIdentification.nationalIdentifierType
	OriginatorNaturalNationalIdentifier       FieldID = "100045" // nationalIdentification.nationalIdentifier
	OriginatorNaturalNationalIDCountryOfIssue FieldID = "100046" // nationalIdentification.countryOfIssue
	OriginatorNaturalCustomerIdentification   FieldID = "100047" // customerIdentification
	OriginatorNaturalCountryOfResidence       FieldID = "100048" // countryOfResidence

	// Originator legal person (prefix 101)
	OriginatorLegalName                     FieldID = "101001" // legalPersonName
	OriginatorLegalNationalIdentifierType   FieldID = "101002" // nationalIdentifierType
	OriginatorLegalNationalIdentifier       FieldID = "101003" // nationalIdentifier
	OriginatorLegalRegistrationAuthority    FieldID = "101004" // registrationAuthority
	OriginatorLegalNationalIDCountryOfIssue FieldID = "101005" // nationalIdentification.countryOfIssue
	OriginatorLegalCustomerIdentification   FieldID = "101006" // customerIdentification
	OriginatorLegalAddressCountry           FieldID = "101007" // geographicAddress.country
	OriginatorLegalTownName                 FieldID = "101008" // geographicAddress.townName
	OriginatorLegalAddressLine              FieldID = "101009" // geographicAddress.addressLine
	OriginatorLegalDepartment               FieldID = "101010" // geographicAddress.department
	OriginatorLegalSubDepartment            FieldID = "101011" // geographicAddress.subDepartment
	OriginatorLegalStreetName               FieldID = "101012" // geographicAddress.streetName
	OriginatorLegalBuildingNumber           FieldID = "101013" // geographicAddress.buildingNumber
	OriginatorLegalBuildingName             FieldID = "101014" // geographicAddress.buildingName
	OriginatorLegalFloor                    FieldID = "101015" // geographicAddress.floor
	OriginatorLegalPostBox                  FieldID = "101016" // geographicAddress.postBox
	OriginatorLegalRoom                     FieldID = "101017" // geographicAddress.room
	OriginatorLegalPostCode                 FieldID = "101018" // geographicAddress.postCode
	OriginatorLegalTownLocationName         FieldID = "101019" // geographicAddress.townLocationName
	OriginatorLegalDistrictName             FieldID = "101020" // geographicAddress.districtName
	OriginatorLegalCountrySubDivision       FieldID = "101021" // geographicAddress.countrySubDivision
	OriginatorLegalCountryOfRegistration    FieldID = "101022" // countryOfRegistration

	// Originator account (prefix 103)
	OriginatorAccountNumber FieldID = "103023" // accountNumber

	// Beneficiary natural person (prefix 110)
	BeneficiaryNaturalPlaceOfBirth             FieldID = "110024" // dateAndPlaceOfBirth.placeOfBirth
	BeneficiaryNaturalDateOfBirth              FieldID = "110025" // dateAndPlaceOfBirth.dateOfBirth
	BeneficiaryNaturalName                     FieldID = "110026" // name.nameIdentifier
	BeneficiaryNaturalLocalName                FieldID = "110027" // name.localNameIdentifier
	BeneficiaryNaturalPhoneticName             FieldID = "110028" // name.phoneticNameIdentifier
	BeneficiaryNaturalAddressCountry           FieldID = "110029" // geographicAddress.country
	BeneficiaryNaturalTownName                 FieldID = "110030" // geographicAddress.townName
	BeneficiaryNaturalAddressLine              FieldID = "110031" // geographicAddress.addressLine
	BeneficiaryNaturalDepartment               FieldID = "110032" // geographicAddress.department
	BeneficiaryNaturalSubDepartment            FieldID = "110033" // geographicAddress.subDepartment
	BeneficiaryNaturalStreetName               FieldID = "110034" // geographicAddress.streetName
	BeneficiaryNaturalBuildingNumber           FieldID = "110035" // geographicAddress.buildingNumber
	BeneficiaryNaturalBuildingName             FieldID = "110036" // geographicAddress.buildingName
	BeneficiaryNaturalFloor                    FieldID = "110037" // geographicAddress.floor
	BeneficiaryNaturalPostBox                  FieldID = "110038" // geographicAddress.postBox
	BeneficiaryNaturalRoom                     FieldID = "110039" // geographicAddress.room
	BeneficiaryNaturalPostCode                 FieldID = "110040" // geographicAddress.postCode
	BeneficiaryNaturalTownLocationName         FieldID = "110041" // geographicAddress.townLocationName
	BeneficiaryNaturalDistrictName             FieldID = "110042" // geographicAddress.districtName
	BeneficiaryNaturalCountrySubDivision       FieldID = "110043" // geographicAddress.countrySubDivision
	BeneficiaryNaturalNationalIdentifierType   FieldID = "110044" // nationalIdentification.nationalIdentifierType
	BeneficiaryNaturalNationalIdentifier       FieldID = "110045" // nationalIdentification.nationalIdentifier
	BeneficiaryNaturalNationalIDCountryOfIssue FieldID = "110046" // nationalIdentification.countryOfIssue
	BeneficiaryNaturalCustomerIdentification   FieldID = "110047" // customerIdentification
	BeneficiaryNaturalCountryOfResidence       FieldID = "110048" // countryOfResidence

	// Beneficiary legal person (prefix 111)
	BeneficiaryLegalName                     FieldID = "111001" // legalPersonName
	BeneficiaryLegalNationalIdentifierType   FieldID = "111002" // nationalIdentifierType
	BeneficiaryLegalNationalIdentifier       FieldID = "111003" // nationalIdentifier
	BeneficiaryLegalRegistrationAuthority    FieldID = "111004" // registrationAuthority
	BeneficiaryLegalNationalIDCountryOfIssue FieldID = "111005" // nationalIdentification.countryOfIssue
	BeneficiaryLegalCustomerIdentification   FieldID = "111006" // customerIdentification
	BeneficiaryLegalAddressCountry           FieldID = "111007" // geographicAddress.country
	BeneficiaryLegalTownName                 FieldID = "111008" // geographicAddress.townName
	BeneficiaryLegalAddressLine              FieldID = "111009" // geographicAddress.addressLine
	BeneficiaryLegalDepartment               FieldID = "111010" // geographicAddress.department
	BeneficiaryLegalSubDepartment            FieldID = "111011" // geographicAddress.subDepartment
	BeneficiaryLegalStreetName               FieldID = "111012" // geographicAddress.streetName
	BeneficiaryLegalBuildingNumber           FieldID = "111013" // geographicAddress.buildingNumber
	BeneficiaryLegalBuildingName             FieldID = "111014" // geographicAddress.buildingName
	BeneficiaryLegalFloor                    FieldID = "111015" // geographicAddress.floor
	BeneficiaryLegalPostBox                  FieldID = "111016" // geographicAddress.postBox
	BeneficiaryLegalRoom                     FieldID = "111017" // geographicAddress.room
	BeneficiaryLegalPostCode                 FieldID = "111018" // geographicAddress.postCode
	BeneficiaryLegalTownLocationName         FieldID = "111019" // geographicAddress.townLocationName
	BeneficiaryLegalDistrictName             FieldID = "111020" // geographicAddress.districtName
	BeneficiaryLegalCountrySubDivision       FieldID = "111021" // geographicAddress.countrySubDivision
	BeneficiaryLegalCountryOfRegistration    FieldID = "111022" // countryOfRegistration

	// Beneficiary account (prefix 113)
	BeneficiaryAccountNumber FieldID = "113023" // accountNumber

	// Originating VASP (prefix 121)
	OriginatingVASPName                     FieldID = "121001" // legalPersonName
	OriginatingVASPNationalIdentifierType   FieldID = "121002" // nationalIdentifierType
	OriginatingVASPNationalIdentifier       FieldID = "121003" // nationalIdentifier
	OriginatingVASPRegistrationAuthority    FieldID = "121004" // registrationAuthority
	OriginatingVASPNationalIDCountryOfIssue FieldID = "121005" // nationalIdentification.countryOfIssue
	OriginatingVASPAddressCountry           FieldID = "121007" // geographicAddress.country
	OriginatingVASPTownName                 FieldID = "121008" // geographicAddress.townName
	OriginatingVASPAddressLine              FieldID = "121009" // geographicAddress.addressLine
	OriginatingVASPDepartment               FieldID = "121010" // geographicAddress.department
	OriginatingVASPSubDepartment            FieldID = "121011" // geographicAddress.subDepartment
	OriginatingVASPStreetName               FieldID = "121012" // geographicAddress.streetName
	OriginatingVASPBuildingNumber           FieldID = "121013" // geographicAddress.buildingNumber
	OriginatingVASPBuildingName             FieldID = "121014" // geographicAddress.buildingName
	OriginatingVASPFloor                    FieldID = "121015" // geographicAddress.floor
	OriginatingVASPPostBox                  FieldID = "121016" // geographicAddress.postBox
	OriginatingVASPRoom                     FieldID = "121017" // geographicAddress.room
	OriginatingVASPPostCode                 FieldID = "121018" // geographicAddress.postCode
	OriginatingVASPTownLocationName         FieldID = "121019" // geographicAddress.townLocationName
	OriginatingVASPDistrictName             FieldID = "121020" // geographicAddress.districtName
	OriginatingVASPCountrySubDivision       FieldID = "121021" // geographicAddress.countrySubDivision
	OriginatingVASPCountryOfRegistration    FieldID = "121022" // countryOfRegistration

	// Beneficiary VASP (prefix 131)
	BeneficiaryVASPName                     FieldID = "131001" // legalPersonName
	BeneficiaryVASPNationalIdentifierType   FieldID = "131002" // nationalIdentifierType
	BeneficiaryVASPNationalIdentifier       FieldID = "131003" // nationalIdentifier
	BeneficiaryVASPRegistrationAuthority    FieldID = "131004" // registrationAuthority
	BeneficiaryVASPNationalIDCountryOfIssue FieldID = "131005" // nationalIdentification.countryOfIssue
	BeneficiaryVASPAddressCountry           FieldID = "131007" // geographicAddress.country
	BeneficiaryVASPTownName                 FieldID = "131008" // geographicAddress.townName
	BeneficiaryVASPAddressLine              FieldID = "131009" // geographicAddress.addressLine
	BeneficiaryVASPDepartment               FieldID = "131010" // geographicAddress.department
	BeneficiaryVASPSubDepartment            FieldID = "131011" // geographicAddress.subDepartment
	BeneficiaryVASPStreetName               FieldID = "131012" // geographicAddress.streetName
	BeneficiaryVASPBuildingNumber           FieldID = "131013" // geographicAddress.buildingNumber
	BeneficiaryVASPBuildingName             FieldID = "131014" // geographicAddress.buildingName
	BeneficiaryVASPFloor                    FieldID = "131015" // geographicAddress.floor
	BeneficiaryVASPPostBox                  FieldID = "131016" // geographicAddress.postBox
	BeneficiaryVASPRoom                     FieldID = "131017" // geographicAddress.room
	BeneficiaryVASPPostCode                 FieldID = "131018" // geographicAddress.postCode
	BeneficiaryVASPTownLocationName         FieldID = "131019" // geographicAddress.townLocationName
	BeneficiaryVASPDistrictName             FieldID = "131020" // geographicAddress.districtName
	BeneficiaryVASPCountrySubDivision       FieldID = "131021" // geographicAddress.countrySubDivision
	BeneficiaryVASPCountryOfRegistration    FieldID = "131022" // countryOfRegistration
)

// Info returns the table row of f, and false for an id the SDK does not know.
func (f FieldID) Info() (FieldInfo, bool) {
	i, ok := fieldIndex[f]
	if !ok {
		return FieldInfo{ID: f}, false
	}
	return fieldTable[i], true
}

// Known reports whether f is in GTR's published table.
func (f FieldID) Known() bool {
	_, ok := fieldIndex[f]
	return ok
}

// String returns the constant's name ("BeneficiaryNaturalName") for a known
// id, and the id as sent otherwise.
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

// Known reports whether s is one of the six published statuses.
func (s FieldStatus) Known() bool { return s >= FieldSkip && s <= FieldInfoExists }

// Passed reports a status GTR treats as success: MATCH or REQUIRED_INFO_EXISTS.
func (s FieldStatus) Passed() bool { return s == FieldMatch || s == FieldInfoExists }

// Failed reports MISMATCH, the status that means "do not transfer" for a
// field the caller asked for.
func (s FieldStatus) Failed() bool { return s == FieldMismatch }

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
