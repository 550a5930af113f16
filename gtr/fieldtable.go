package gtr

// Party is the IVMS101 entity a verify field belongs to.
type Party string

// Parties, named as the root keys of GTR's IVMS envelope.
const (
	PartyOriginator      Party = "Originator"
	PartyBeneficiary     Party = "Beneficiary"
	PartyOriginatingVASP Party = "OriginatingVASP"
	PartyBeneficiaryVASP Party = "BeneficiaryVASP"
)

// PersonKind tells which IVMS person a verify field reads.
type PersonKind string

// Person kinds.
const (
	PersonNatural PersonKind = "naturalPerson"
	PersonLegal   PersonKind = "legalPerson"
	PersonAccount PersonKind = "accountNumber" // the entity's accountNumber list, not a person
)

// MatchRule is how GTR compares a verify field (spec §9.1, GTR's "PII
// verification methods"); the names are GTR's.
type MatchRule string

// Match rules.
const (
	// MatchNameFuzzy: lower case, punctuation and separators stripped,
	// token-sort Levenshtein; any name of the list matching is a match.
	MatchNameFuzzy MatchRule = "NAME_FUZZY_VD"
	// MatchType: a code (national identifier type), compared case-insensitively.
	MatchType MatchRule = "TYPE"
	// MatchExact: case-insensitive equality.
	MatchExact MatchRule = "ABS_CI"
	// MatchFuzzyText: Levenshtein similarity of at least 0.7.
	MatchFuzzyText MatchRule = "FUZZY_TEXT"
	// MatchPostCode: digits only, then equality.
	MatchPostCode MatchRule = "POST_CODE"
	// MatchNone: not compared.
	MatchNone MatchRule = "NONE"
)

// FieldInfo describes one row of GTR's verify-field table.
type FieldInfo struct {
	ID     FieldID
	Name   string     // the Go constant's name, e.g. "BeneficiaryNaturalName"
	Party  Party      // which IVMS entity
	Person PersonKind // which person of the entity (or its account numbers)
	// IVMSPath is the IVMS101 field below the person, e.g.
	// "dateAndPlaceOfBirth.dateOfBirth" or "geographicAddress.townName".
	IVMSPath string
	Rule     MatchRule
}

var fieldTable = [...]FieldInfo{
	{OriginatorNaturalPlaceOfBirth, "OriginatorNaturalPlaceOfBirth", PartyOriginator, PersonNatural, "dateAndPlaceOfBirth.placeOfBirth", MatchFuzzyText},
	{OriginatorNaturalDateOfBirth, "OriginatorNaturalDateOfBirth", PartyOriginator, PersonNatural, "dateAndPlaceOfBirth.dateOfBirth", MatchExact},
	{OriginatorNaturalName, "OriginatorNaturalName", PartyOriginator, PersonNatural, "name.nameIdentifier", MatchNameFuzzy},
	{OriginatorNaturalLocalName, "OriginatorNaturalLocalName", PartyOriginator, PersonNatural, "name.localNameIdentifier", MatchNameFuzzy},
	{OriginatorNaturalPhoneticName, "OriginatorNaturalPhoneticName", PartyOriginator, PersonNatural, "name.phoneticNameIdentifier", MatchNameFuzzy},
	{OriginatorNaturalAddressCountry, "OriginatorNaturalAddressCountry", PartyOriginator, PersonNatural, "geographicAddress.country", MatchExact},
	{OriginatorNaturalTownName, "OriginatorNaturalTownName", PartyOriginator, PersonNatural, "geographicAddress.townName", MatchFuzzyText},
	{OriginatorNaturalAddressLine, "OriginatorNaturalAddressLine", PartyOriginator, PersonNatural, "geographicAddress.addressLine", MatchFuzzyText},
	{OriginatorNaturalDepartment, "OriginatorNaturalDepartment", PartyOriginator, PersonNatural, "geographicAddress.department", MatchFuzzyText},
	{OriginatorNaturalSubDepartment, "OriginatorNaturalSubDepartment", PartyOriginator, PersonNatural, "geographicAddress.subDepartment", MatchFuzzyText},
	{OriginatorNaturalStreetName, "OriginatorNaturalStreetName", PartyOriginator, PersonNatural, "geographicAddress.streetName", MatchFuzzyText},
	{OriginatorNaturalBuildingNumber, "OriginatorNaturalBuildingNumber", PartyOriginator, PersonNatural, "geographicAddress.buildingNumber", MatchFuzzyText},
	{OriginatorNaturalBuildingName, "OriginatorNaturalBuildingName", PartyOriginator, PersonNatural, "geographicAddress.buildingName", MatchFuzzyText},
	{OriginatorNaturalFloor, "OriginatorNaturalFloor", PartyOriginator, PersonNatural, "geographicAddress.floor", MatchFuzzyText},
	{OriginatorNaturalPostBox, "OriginatorNaturalPostBox", PartyOriginator, PersonNatural, "geographicAddress.postBox", MatchFuzzyText},
	{OriginatorNaturalRoom, "OriginatorNaturalRoom", PartyOriginator, PersonNatural, "geographicAddress.room", MatchFuzzyText},
	{OriginatorNaturalPostCode, "OriginatorNaturalPostCode", PartyOriginator, PersonNatural, "geographicAddress.postCode", MatchPostCode},
	{OriginatorNaturalTownLocationName, "OriginatorNaturalTownLocationName", PartyOriginator, PersonNatural, "geographicAddress.townLocationName", MatchFuzzyText},
	{OriginatorNaturalDistrictName, "OriginatorNaturalDistrictName", PartyOriginator, PersonNatural, "geographicAddress.districtName", MatchFuzzyText},
	{OriginatorNaturalCountrySubDivision, "OriginatorNaturalCountrySubDivision", PartyOriginator, PersonNatural, "geographicAddress.countrySubDivision", MatchFuzzyText},
	{OriginatorNaturalNationalIdentifierType, "OriginatorNaturalNationalIdentifierType", PartyOriginator, PersonNatural, "nationalIdentification.nationalIdentifierType", MatchType},
	{OriginatorNaturalNationalIdentifier, "OriginatorNaturalNationalIdentifier", PartyOriginator, PersonNatural, "nationalIdentification.nationalIdentifier", MatchExact},
	{OriginatorNaturalNationalIDCountryOfIssue, "OriginatorNaturalNationalIDCountryOfIssue", PartyOriginator, PersonNatural, "nationalIdentification.countryOfIssue", MatchExact},
	{OriginatorNaturalCustomerIdentification, "OriginatorNaturalCustomerIdentification", PartyOriginator, PersonNatural, "customerIdentification", MatchNone},
	{OriginatorNaturalCountryOfResidence, "OriginatorNaturalCountryOfResidence", PartyOriginator, PersonNatural, "countryOfResidence", MatchExact},
	{OriginatorLegalName, "OriginatorLegalName", PartyOriginator, PersonLegal, "legalPersonName", MatchNameFuzzy},
	{OriginatorLegalNationalIdentifierType, "OriginatorLegalNationalIdentifierType", PartyOriginator, PersonLegal, "nationalIdentifierType", MatchType},
	{OriginatorLegalNationalIdentifier, "OriginatorLegalNationalIdentifier", PartyOriginator, PersonLegal, "nationalIdentifier", MatchExact},
	{OriginatorLegalRegistrationAuthority, "OriginatorLegalRegistrationAuthority", PartyOriginator, PersonLegal, "registrationAuthority", MatchExact},
	{OriginatorLegalNationalIDCountryOfIssue, "OriginatorLegalNationalIDCountryOfIssue", PartyOriginator, PersonLegal, "nationalIdentification.countryOfIssue", MatchExact},
	{OriginatorLegalCustomerIdentification, "OriginatorLegalCustomerIdentification", PartyOriginator, PersonLegal, "customerIdentification", MatchNone},
	{OriginatorLegalAddressCountry, "OriginatorLegalAddressCountry", PartyOriginator, PersonLegal, "geographicAddress.country", MatchExact},
	{OriginatorLegalTownName, "OriginatorLegalTownName", PartyOriginator, PersonLegal, "geographicAddress.townName", MatchFuzzyText},
	{OriginatorLegalAddressLine, "OriginatorLegalAddressLine", PartyOriginator, PersonLegal, "geographicAddress.addressLine", MatchFuzzyText},
	{OriginatorLegalDepartment, "OriginatorLegalDepartment", PartyOriginator, PersonLegal, "geographicAddress.department", MatchFuzzyText},
	{OriginatorLegalSubDepartment, "OriginatorLegalSubDepartment", PartyOriginator, PersonLegal, "geographicAddress.subDepartment", MatchFuzzyText},
	{OriginatorLegalStreetName, "OriginatorLegalStreetName", PartyOriginator, PersonLegal, "geographicAddress.streetName", MatchFuzzyText},
	{OriginatorLegalBuildingNumber, "OriginatorLegalBuildingNumber", PartyOriginator, PersonLegal, "geographicAddress.buildingNumber", MatchFuzzyText},
	{OriginatorLegalBuildingName, "OriginatorLegalBuildingName", PartyOriginator, PersonLegal, "geographicAddress.buildingName", MatchFuzzyText},
	{OriginatorLegalFloor, "OriginatorLegalFloor", PartyOriginator, PersonLegal, "geographicAddress.floor", MatchFuzzyText},
	{OriginatorLegalPostBox, "OriginatorLegalPostBox", PartyOriginator, PersonLegal, "geographicAddress.postBox", MatchFuzzyText},
	{OriginatorLegalRoom, "OriginatorLegalRoom", PartyOriginator, PersonLegal, "geographicAddress.room", MatchFuzzyText},
	{OriginatorLegalPostCode, "OriginatorLegalPostCode", PartyOriginator, PersonLegal, "geographicAddress.postCode", MatchPostCode},
	{OriginatorLegalTownLocationName, "OriginatorLegalTownLocationName", PartyOriginator, PersonLegal, "geographicAddress.townLocationName", MatchFuzzyText},
	{OriginatorLegalDistrictName, "OriginatorLegalDistrictName", PartyOriginator, PersonLegal, "geographicAddress.districtName", MatchFuzzyText},
	{OriginatorLegalCountrySubDivision, "OriginatorLegalCountrySubDivision", PartyOriginator, PersonLegal, "geographicAddress.countrySubDivision", MatchFuzzyText},
	{OriginatorLegalCountryOfRegistration, "OriginatorLegalCountryOfRegistration", PartyOriginator, PersonLegal, "countryOfRegistration", MatchExact},
	{OriginatorAccountNumber, "OriginatorAccountNumber", PartyOriginator, PersonAccount, "accountNumber", MatchNone},
	{BeneficiaryNaturalPlaceOfBirth, "BeneficiaryNaturalPlaceOfBirth", PartyBeneficiary, PersonNatural, "dateAndPlaceOfBirth.placeOfBirth", MatchFuzzyText},
	{BeneficiaryNaturalDateOfBirth, "BeneficiaryNaturalDateOfBirth", PartyBeneficiary, PersonNatural, "dateAndPlaceOfBirth.dateOfBirth", MatchExact},
	{BeneficiaryNaturalName, "BeneficiaryNaturalName", PartyBeneficiary, PersonNatural, "name.nameIdentifier", MatchNameFuzzy},
	{BeneficiaryNaturalLocalName, "BeneficiaryNaturalLocalName", PartyBeneficiary, PersonNatural, "name.localNameIdentifier", MatchNameFuzzy},
	{BeneficiaryNaturalPhoneticName, "BeneficiaryNaturalPhoneticName", PartyBeneficiary, PersonNatural, "name.phoneticNameIdentifier", MatchNameFuzzy},
	{BeneficiaryNaturalAddressCountry, "BeneficiaryNaturalAddressCountry", PartyBeneficiary, PersonNatural, "geographicAddress.country", MatchExact},
	{BeneficiaryNaturalTownName, "BeneficiaryNaturalTownName", PartyBeneficiary, PersonNatural, "geographicAddress.townName", MatchFuzzyText},
	{BeneficiaryNaturalAddressLine, "BeneficiaryNaturalAddressLine", PartyBeneficiary, PersonNatural, "geographicAddress.addressLine", MatchFuzzyText},
	{BeneficiaryNaturalDepartment, "BeneficiaryNaturalDepartment", PartyBeneficiary, PersonNatural, "geographicAddress.department", MatchFuzzyText},
	{BeneficiaryNaturalSubDepartment, "BeneficiaryNaturalSubDepartment", PartyBeneficiary, PersonNatural, "geographicAddress.subDepartment", MatchFuzzyText},
	{BeneficiaryNaturalStreetName, "BeneficiaryNaturalStreetName", PartyBeneficiary, PersonNatural, "geographicAddress.streetName", MatchFuzzyText},
	{BeneficiaryNaturalBuildingNumber, "BeneficiaryNaturalBuildingNumber", PartyBeneficiary, PersonNatural, "geographicAddress.buildingNumber", MatchFuzzyText},
	{BeneficiaryNaturalBuildingName, "BeneficiaryNaturalBuildingName", PartyBeneficiary, PersonNatural, "geographicAddress.buildingName", MatchFuzzyText},
	{BeneficiaryNaturalFloor, "BeneficiaryNaturalFloor", PartyBeneficiary, PersonNatural, "geographicAddress.floor", MatchFuzzyText},
	{BeneficiaryNaturalPostBox, "BeneficiaryNaturalPostBox", PartyBeneficiary, PersonNatural, "geographicAddress.postBox", MatchFuzzyText},
	{BeneficiaryNaturalRoom, "BeneficiaryNaturalRoom", PartyBeneficiary, PersonNatural, "geographicAddress.room", MatchFuzzyText},
	{BeneficiaryNaturalPostCode, "BeneficiaryNaturalPostCode", PartyBeneficiary, PersonNatural, "geographicAddress.postCode", MatchPostCode},
	{BeneficiaryNaturalTownLocationName, "BeneficiaryNaturalTownLocationName", PartyBeneficiary, PersonNatural, "geographicAddress.townLocationName", MatchFuzzyText},
	{BeneficiaryNaturalDistrictName, "BeneficiaryNaturalDistrictName", PartyBeneficiary, PersonNatural, "geographicAddress.districtName", MatchFuzzyText},
	{BeneficiaryNaturalCountrySubDivision, "BeneficiaryNaturalCountrySubDivision", PartyBeneficiary, PersonNatural, "geographicAddress.countrySubDivision", MatchFuzzyText},
	{BeneficiaryNaturalNationalIdentifierType, "BeneficiaryNaturalNationalIdentifierType", PartyBeneficiary, PersonNatural, "nationalIdentification.nationalIdentifierType", MatchType},
	{BeneficiaryNaturalNationalIdentifier, "BeneficiaryNaturalNationalIdentifier", PartyBeneficiary, PersonNatural, "nationalIdentification.nationalIdentifier", MatchExact},
	{BeneficiaryNaturalNationalIDCountryOfIssue, "BeneficiaryNaturalNationalIDCountryOfIssue", PartyBeneficiary, PersonNatural, "nationalIdentification.countryOfIssue", MatchExact},
	{BeneficiaryNaturalCustomerIdentification, "BeneficiaryNaturalCustomerIdentification", PartyBeneficiary, PersonNatural, "customerIdentification", MatchNone},
	{BeneficiaryNaturalCountryOfResidence, "BeneficiaryNaturalCountryOfResidence", PartyBeneficiary, PersonNatural, "countryOfResidence", MatchExact},
	{BeneficiaryLegalName, "BeneficiaryLegalName", PartyBeneficiary, PersonLegal, "legalPersonName", MatchNameFuzzy},
	{BeneficiaryLegalNationalIdentifierType, "BeneficiaryLegalNationalIdentifierType", PartyBeneficiary, PersonLegal, "nationalIdentifierType", MatchType},
	{BeneficiaryLegalNationalIdentifier, "BeneficiaryLegalNationalIdentifier", PartyBeneficiary, PersonLegal, "nationalIdentifier", MatchExact},
	{BeneficiaryLegalRegistrationAuthority, "BeneficiaryLegalRegistrationAuthority", PartyBeneficiary, PersonLegal, "registrationAuthority", MatchExact},
	{BeneficiaryLegalNationalIDCountryOfIssue, "BeneficiaryLegalNationalIDCountryOfIssue", PartyBeneficiary, PersonLegal, "nationalIdentification.countryOfIssue", MatchExact},
	{BeneficiaryLegalCustomerIdentification, "BeneficiaryLegalCustomerIdentification", PartyBeneficiary, PersonLegal, "customerIdentification", MatchNone},
	{BeneficiaryLegalAddressCountry, "BeneficiaryLegalAddressCountry", PartyBeneficiary, PersonLegal, "geographicAddress.country", MatchExact},
	{BeneficiaryLegalTownName, "BeneficiaryLegalTownName", PartyBeneficiary, PersonLegal, "geographicAddress.townName", MatchFuzzyText},
	{BeneficiaryLegalAddressLine, "BeneficiaryLegalAddressLine", PartyBeneficiary, PersonLegal, "geographicAddress.addressLine", MatchFuzzyText},
	{BeneficiaryLegalDepartment, "BeneficiaryLegalDepartment", PartyBeneficiary, PersonLegal, "geographicAddress.department", MatchFuzzyText},
	{BeneficiaryLegalSubDepartment, "BeneficiaryLegalSubDepartment", PartyBeneficiary, PersonLegal, "geographicAddress.subDepartment", MatchFuzzyText},
	{BeneficiaryLegalStreetName, "BeneficiaryLegalStreetName", PartyBeneficiary, PersonLegal, "geographicAddress.streetName", MatchFuzzyText},
	{BeneficiaryLegalBuildingNumber, "BeneficiaryLegalBuildingNumber", PartyBeneficiary, PersonLegal, "geographicAddress.buildingNumber", MatchFuzzyText},
	{BeneficiaryLegalBuildingName, "BeneficiaryLegalBuildingName", PartyBeneficiary, PersonLegal, "geographicAddress.buildingName", MatchFuzzyText},
	{BeneficiaryLegalFloor, "BeneficiaryLegalFloor", PartyBeneficiary, PersonLegal, "geographicAddress.floor", MatchFuzzyText},
	{BeneficiaryLegalPostBox, "BeneficiaryLegalPostBox", PartyBeneficiary, PersonLegal, "geographicAddress.postBox", MatchFuzzyText},
	{BeneficiaryLegalRoom, "BeneficiaryLegalRoom", PartyBeneficiary, PersonLegal, "geographicAddress.room", MatchFuzzyText},
	{BeneficiaryLegalPostCode, "BeneficiaryLegalPostCode", PartyBeneficiary, PersonLegal, "geographicAddress.postCode", MatchPostCode},
	{BeneficiaryLegalTownLocationName, "BeneficiaryLegalTownLocationName", PartyBeneficiary, PersonLegal, "geographicAddress.townLocationName", MatchFuzzyText},
	{BeneficiaryLegalDistrictName, "BeneficiaryLegalDistrictName", PartyBeneficiary, PersonLegal, "geographicAddress.districtName", MatchFuzzyText},
	{BeneficiaryLegalCountrySubDivision, "BeneficiaryLegalCountrySubDivision", PartyBeneficiary, PersonLegal, "geographicAddress.countrySubDivision", MatchFuzzyText},
	{BeneficiaryLegalCountryOfRegistration, "BeneficiaryLegalCountryOfRegistration", PartyBeneficiary, PersonLegal, "countryOfRegistration", MatchExact},
	{BeneficiaryAccountNumber, "BeneficiaryAccountNumber", PartyBeneficiary, PersonAccount, "accountNumber", MatchNone},
	{OriginatingVASPName, "OriginatingVASPName", PartyOriginatingVASP, PersonLegal, "legalPersonName", MatchNameFuzzy},
	{OriginatingVASPNationalIdentifierType, "OriginatingVASPNationalIdentifierType", PartyOriginatingVASP, PersonLegal, "nationalIdentifierType", MatchType},
	{OriginatingVASPNationalIdentifier, "OriginatingVASPNationalIdentifier", PartyOriginatingVASP, PersonLegal, "nationalIdentifier", MatchExact},
	{OriginatingVASPRegistrationAuthority, "OriginatingVASPRegistrationAuthority", PartyOriginatingVASP, PersonLegal, "registrationAuthority", MatchExact},
	{OriginatingVASPNationalIDCountryOfIssue, "OriginatingVASPNationalIDCountryOfIssue", PartyOriginatingVASP, PersonLegal, "nationalIdentification.countryOfIssue", MatchExact},
	{OriginatingVASPAddressCountry, "OriginatingVASPAddressCountry", PartyOriginatingVASP, PersonLegal, "geographicAddress.country", MatchExact},
	{OriginatingVASPTownName, "OriginatingVASPTownName", PartyOriginatingVASP, PersonLegal, "geographicAddress.townName", MatchFuzzyText},
	{OriginatingVASPAddressLine, "OriginatingVASPAddressLine", PartyOriginatingVASP, PersonLegal, "geographicAddress.addressLine", MatchFuzzyText},
	{OriginatingVASPDepartment, "OriginatingVASPDepartment", PartyOriginatingVASP, PersonLegal, "geographicAddress.department", MatchFuzzyText},
	{OriginatingVASPSubDepartment, "OriginatingVASPSubDepartment", PartyOriginatingVASP, PersonLegal, "geographicAddress.subDepartment", MatchFuzzyText},
	{OriginatingVASPStreetName, "OriginatingVASPStreetName", PartyOriginatingVASP, PersonLegal, "geographicAddress.streetName", MatchFuzzyText},
	{OriginatingVASPBuildingNumber, "OriginatingVASPBuildingNumber", PartyOriginatingVASP, PersonLegal, "geographicAddress.buildingNumber", MatchFuzzyText},
	{OriginatingVASPBuildingName, "OriginatingVASPBuildingName", PartyOriginatingVASP, PersonLegal, "geographicAddress.buildingName", MatchFuzzyText},
	{OriginatingVASPFloor, "OriginatingVASPFloor", PartyOriginatingVASP, PersonLegal, "geographicAddress.floor", MatchFuzzyText},
	{OriginatingVASPPostBox, "OriginatingVASPPostBox", PartyOriginatingVASP, PersonLegal, "geographicAddress.postBox", MatchFuzzyText},
	{OriginatingVASPRoom, "OriginatingVASPRoom", PartyOriginatingVASP, PersonLegal, "geographicAddress.room", MatchFuzzyText},
	{OriginatingVASPPostCode, "OriginatingVASPPostCode", PartyOriginatingVASP, PersonLegal, "geographicAddress.postCode", MatchPostCode},
	{OriginatingVASPTownLocationName, "OriginatingVASPTownLocationName", PartyOriginatingVASP, PersonLegal, "geographicAddress.townLocationName", MatchFuzzyText},
	{OriginatingVASPDistrictName, "OriginatingVASPDistrictName", PartyOriginatingVASP, PersonLegal, "geographicAddress.districtName", MatchFuzzyText},
	{OriginatingVASPCountrySubDivision, "OriginatingVASPCountrySubDivision", PartyOriginatingVASP, PersonLegal, "geographicAddress.countrySubDivision", MatchFuzzyText},
	{OriginatingVASPCountryOfRegistration, "OriginatingVASPCountryOfRegistration", PartyOriginatingVASP, PersonLegal, "countryOfRegistration", MatchExact},
	{BeneficiaryVASPName, "BeneficiaryVASPName", PartyBeneficiaryVASP, PersonLegal, "legalPersonName", MatchNameFuzzy},
	{BeneficiaryVASPNationalIdentifierType, "BeneficiaryVASPNationalIdentifierType", PartyBeneficiaryVASP, PersonLegal, "nationalIdentifierType", MatchType},
	{BeneficiaryVASPNationalIdentifier, "BeneficiaryVASPNationalIdentifier", PartyBeneficiaryVASP, PersonLegal, "nationalIdentifier", MatchExact},
	{BeneficiaryVASPRegistrationAuthority, "BeneficiaryVASPRegistrationAuthority", PartyBeneficiaryVASP, PersonLegal, "registrationAuthority", MatchExact},
	{BeneficiaryVASPNationalIDCountryOfIssue, "BeneficiaryVASPNationalIDCountryOfIssue", PartyBeneficiaryVASP, PersonLegal, "nationalIdentification.countryOfIssue", MatchExact},
	{BeneficiaryVASPAddressCountry, "BeneficiaryVASPAddressCountry", PartyBeneficiaryVASP, PersonLegal, "geographicAddress.country", MatchExact},
	{BeneficiaryVASPTownName, "BeneficiaryVASPTownName", PartyBeneficiaryVASP, PersonLegal, "geographicAddress.townName", MatchFuzzyText},
	{BeneficiaryVASPAddressLine, "BeneficiaryVASPAddressLine", PartyBeneficiaryVASP, PersonLegal, "geographicAddress.addressLine", MatchFuzzyText},
	{BeneficiaryVASPDepartment, "BeneficiaryVASPDepartment", PartyBeneficiaryVASP, PersonLegal, "geographicAddress.department", MatchFuzzyText},
	{BeneficiaryVASPSubDepartment, "BeneficiaryVASPSubDepartment", PartyBeneficiaryVASP, PersonLegal, "geographicAddress.subDepartment", MatchFuzzyText},
	{BeneficiaryVASPStreetName, "BeneficiaryVASPStreetName", PartyBeneficiaryVASP, PersonLegal, "geographicAddress.streetName", MatchFuzzyText},
	{BeneficiaryVASPBuildingNumber, "BeneficiaryVASPBuildingNumber", PartyBeneficiaryVASP, PersonLegal, "geographicAddress.buildingNumber", MatchFuzzyText},
	{BeneficiaryVASPBuildingName, "BeneficiaryVASPBuildingName", PartyBeneficiaryVASP, PersonLegal, "geographicAddress.buildingName", MatchFuzzyText},
	{BeneficiaryVASPFloor, "BeneficiaryVASPFloor", PartyBeneficiaryVASP, PersonLegal, "geographicAddress.floor", MatchFuzzyText},
	{BeneficiaryVASPPostBox, "BeneficiaryVASPPostBox", PartyBeneficiaryVASP, PersonLegal, "geographicAddress.postBox", MatchFuzzyText},
	{BeneficiaryVASPRoom, "BeneficiaryVASPRoom", PartyBeneficiaryVASP, PersonLegal, "geographicAddress.room", MatchFuzzyText},
	{BeneficiaryVASPPostCode, "BeneficiaryVASPPostCode", PartyBeneficiaryVASP, PersonLegal, "geographicAddress.postCode", MatchPostCode},
	{BeneficiaryVASPTownLocationName, "BeneficiaryVASPTownLocationName", PartyBeneficiaryVASP, PersonLegal, "geographicAddress.townLocationName", MatchFuzzyText},
	{BeneficiaryVASPDistrictName, "BeneficiaryVASPDistrictName", PartyBeneficiaryVASP, PersonLegal, "geographicAddress.districtName", MatchFuzzyText},
	{BeneficiaryVASPCountrySubDivision, "BeneficiaryVASPCountrySubDivision", PartyBeneficiaryVASP, PersonLegal, "geographicAddress.countrySubDivision", MatchFuzzyText},
	{BeneficiaryVASPCountryOfRegistration, "BeneficiaryVASPCountryOfRegistration", PartyBeneficiaryVASP, PersonLegal, "countryOfRegistration", MatchExact},
}

var fieldIndex = func() map[FieldID]int {
	m := make(map[FieldID]int, len(fieldTable))
	for i, f := range fieldTable {
		m[f.ID] = i
	}
	return m
}()

// KnownFields returns GTR's whole verify-field table, in id order. The slice
// is a copy.
func KnownFields() []FieldInfo {
	out := make([]FieldInfo, len(fieldTable))
	copy(out, fieldTable[:])
	return out
}
