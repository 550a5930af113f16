package gtr

// fieldParty is the IVMS101 entity a verify field belongs to, named as the root
// keys of GTR's IVMS envelope.
type fieldParty string

const (
	partyOriginator      fieldParty = "Originator"
	partyBeneficiary     fieldParty = "Beneficiary"
	partyOriginatingVASP fieldParty = "OriginatingVASP"
	partyBeneficiaryVASP fieldParty = "BeneficiaryVASP"
)

// personKind tells which IVMS person a verify field reads.
type personKind string

const (
	personNatural personKind = "naturalPerson"
	personLegal   personKind = "legalPerson"
	personAccount personKind = "accountNumber" // the entity's accountNumber list, not a person
)

// matchRule is how GTR compares a verify field (spec §9.1, GTR's "PII
// verification methods"); the names are GTR's.
type matchRule string

// Match rules, named by the comparison.
const (
	// byNameFuzzy: lower case, punctuation and separators stripped,
	// token-sort Levenshtein; any name of the list matching is a match.
	byNameFuzzy matchRule = "NAME_FUZZY_VD"
	// byType: a code (national identifier type), compared case-insensitively.
	byType matchRule = "TYPE"
	// byExact: case-insensitive equality.
	byExact matchRule = "ABS_CI"
	// byFuzzyText: Levenshtein similarity of at least 0.7.
	byFuzzyText matchRule = "FUZZY_TEXT"
	// byPostCode: digits only, then equality.
	byPostCode matchRule = "POST_CODE"
	// byNone: not compared.
	byNone matchRule = "NONE"
)

// fieldInfo describes one row of GTR's verify-field table.
type fieldInfo struct {
	ID    FieldID
	Group FieldGroup // the party and kind of person
	// IVMSPath is the IVMS101 field below the person, e.g.
	// "dateAndPlaceOfBirth.dateOfBirth" or "geographicAddress.townName".
	IVMSPath string
}

// fieldRow is one row of the table as the matching code reads it.
type fieldRow struct {
	ID       FieldID
	Name     string // the group and its method, e.g. "BeneficiaryNaturalName"
	Party    fieldParty
	Person   personKind
	IVMSPath string
	Rule     matchRule
}

var fieldTable = [...]fieldRow{
	{"100024", "OriginatorNaturalPlaceOfBirth", partyOriginator, personNatural, "dateAndPlaceOfBirth.placeOfBirth", byFuzzyText},
	{"100025", "OriginatorNaturalDateOfBirth", partyOriginator, personNatural, "dateAndPlaceOfBirth.dateOfBirth", byExact},
	{"100026", "OriginatorNaturalName", partyOriginator, personNatural, "name.nameIdentifier", byNameFuzzy},
	{"100027", "OriginatorNaturalLocalName", partyOriginator, personNatural, "name.localNameIdentifier", byNameFuzzy},
	{"100028", "OriginatorNaturalPhoneticName", partyOriginator, personNatural, "name.phoneticNameIdentifier", byNameFuzzy},
	{"100029", "OriginatorNaturalAddressCountry", partyOriginator, personNatural, "geographicAddress.country", byExact},
	{"100030", "OriginatorNaturalTownName", partyOriginator, personNatural, "geographicAddress.townName", byFuzzyText},
	{"100031", "OriginatorNaturalAddressLine", partyOriginator, personNatural, "geographicAddress.addressLine", byFuzzyText},
	{"100032", "OriginatorNaturalDepartment", partyOriginator, personNatural, "geographicAddress.department", byFuzzyText},
	{"100033", "OriginatorNaturalSubDepartment", partyOriginator, personNatural, "geographicAddress.subDepartment", byFuzzyText},
	{"100034", "OriginatorNaturalStreetName", partyOriginator, personNatural, "geographicAddress.streetName", byFuzzyText},
	{"100035", "OriginatorNaturalBuildingNumber", partyOriginator, personNatural, "geographicAddress.buildingNumber", byFuzzyText},
	{"100036", "OriginatorNaturalBuildingName", partyOriginator, personNatural, "geographicAddress.buildingName", byFuzzyText},
	{"100037", "OriginatorNaturalFloor", partyOriginator, personNatural, "geographicAddress.floor", byFuzzyText},
	{"100038", "OriginatorNaturalPostBox", partyOriginator, personNatural, "geographicAddress.postBox", byFuzzyText},
	{"100039", "OriginatorNaturalRoom", partyOriginator, personNatural, "geographicAddress.room", byFuzzyText},
	{"100040", "OriginatorNaturalPostCode", partyOriginator, personNatural, "geographicAddress.postCode", byPostCode},
	{"100041", "OriginatorNaturalTownLocationName", partyOriginator, personNatural, "geographicAddress.townLocationName", byFuzzyText},
	{"100042", "OriginatorNaturalDistrictName", partyOriginator, personNatural, "geographicAddress.districtName", byFuzzyText},
	{"100043", "OriginatorNaturalCountrySubDivision", partyOriginator, personNatural, "geographicAddress.countrySubDivision", byFuzzyText},
	{"100044", "OriginatorNaturalNationalIdentifierType", partyOriginator, personNatural, "nationalIdentification.nationalIdentifierType", byType},
	{"100045", "OriginatorNaturalNationalIdentifier", partyOriginator, personNatural, "nationalIdentification.nationalIdentifier", byExact},
	{"100046", "OriginatorNaturalNationalIDCountryOfIssue", partyOriginator, personNatural, "nationalIdentification.countryOfIssue", byExact},
	{"100047", "OriginatorNaturalCustomerIdentification", partyOriginator, personNatural, "customerIdentification", byNone},
	{"100048", "OriginatorNaturalCountryOfResidence", partyOriginator, personNatural, "countryOfResidence", byExact},
	{"101001", "OriginatorLegalName", partyOriginator, personLegal, "legalPersonName", byNameFuzzy},
	{"101002", "OriginatorLegalNationalIdentifierType", partyOriginator, personLegal, "nationalIdentifierType", byType},
	{"101003", "OriginatorLegalNationalIdentifier", partyOriginator, personLegal, "nationalIdentifier", byExact},
	{"101004", "OriginatorLegalRegistrationAuthority", partyOriginator, personLegal, "registrationAuthority", byExact},
	{"101005", "OriginatorLegalNationalIDCountryOfIssue", partyOriginator, personLegal, "nationalIdentification.countryOfIssue", byExact},
	{"101006", "OriginatorLegalCustomerIdentification", partyOriginator, personLegal, "customerIdentification", byNone},
	{"101007", "OriginatorLegalAddressCountry", partyOriginator, personLegal, "geographicAddress.country", byExact},
	{"101008", "OriginatorLegalTownName", partyOriginator, personLegal, "geographicAddress.townName", byFuzzyText},
	{"101009", "OriginatorLegalAddressLine", partyOriginator, personLegal, "geographicAddress.addressLine", byFuzzyText},
	{"101010", "OriginatorLegalDepartment", partyOriginator, personLegal, "geographicAddress.department", byFuzzyText},
	{"101011", "OriginatorLegalSubDepartment", partyOriginator, personLegal, "geographicAddress.subDepartment", byFuzzyText},
	{"101012", "OriginatorLegalStreetName", partyOriginator, personLegal, "geographicAddress.streetName", byFuzzyText},
	{"101013", "OriginatorLegalBuildingNumber", partyOriginator, personLegal, "geographicAddress.buildingNumber", byFuzzyText},
	{"101014", "OriginatorLegalBuildingName", partyOriginator, personLegal, "geographicAddress.buildingName", byFuzzyText},
	{"101015", "OriginatorLegalFloor", partyOriginator, personLegal, "geographicAddress.floor", byFuzzyText},
	{"101016", "OriginatorLegalPostBox", partyOriginator, personLegal, "geographicAddress.postBox", byFuzzyText},
	{"101017", "OriginatorLegalRoom", partyOriginator, personLegal, "geographicAddress.room", byFuzzyText},
	{"101018", "OriginatorLegalPostCode", partyOriginator, personLegal, "geographicAddress.postCode", byPostCode},
	{"101019", "OriginatorLegalTownLocationName", partyOriginator, personLegal, "geographicAddress.townLocationName", byFuzzyText},
	{"101020", "OriginatorLegalDistrictName", partyOriginator, personLegal, "geographicAddress.districtName", byFuzzyText},
	{"101021", "OriginatorLegalCountrySubDivision", partyOriginator, personLegal, "geographicAddress.countrySubDivision", byFuzzyText},
	{"101022", "OriginatorLegalCountryOfRegistration", partyOriginator, personLegal, "countryOfRegistration", byExact},
	{"103023", "OriginatorAccountNumber", partyOriginator, personAccount, "accountNumber", byNone},
	{"110024", "BeneficiaryNaturalPlaceOfBirth", partyBeneficiary, personNatural, "dateAndPlaceOfBirth.placeOfBirth", byFuzzyText},
	{"110025", "BeneficiaryNaturalDateOfBirth", partyBeneficiary, personNatural, "dateAndPlaceOfBirth.dateOfBirth", byExact},
	{"110026", "BeneficiaryNaturalName", partyBeneficiary, personNatural, "name.nameIdentifier", byNameFuzzy},
	{"110027", "BeneficiaryNaturalLocalName", partyBeneficiary, personNatural, "name.localNameIdentifier", byNameFuzzy},
	{"110028", "BeneficiaryNaturalPhoneticName", partyBeneficiary, personNatural, "name.phoneticNameIdentifier", byNameFuzzy},
	{"110029", "BeneficiaryNaturalAddressCountry", partyBeneficiary, personNatural, "geographicAddress.country", byExact},
	{"110030", "BeneficiaryNaturalTownName", partyBeneficiary, personNatural, "geographicAddress.townName", byFuzzyText},
	{"110031", "BeneficiaryNaturalAddressLine", partyBeneficiary, personNatural, "geographicAddress.addressLine", byFuzzyText},
	{"110032", "BeneficiaryNaturalDepartment", partyBeneficiary, personNatural, "geographicAddress.department", byFuzzyText},
	{"110033", "BeneficiaryNaturalSubDepartment", partyBeneficiary, personNatural, "geographicAddress.subDepartment", byFuzzyText},
	{"110034", "BeneficiaryNaturalStreetName", partyBeneficiary, personNatural, "geographicAddress.streetName", byFuzzyText},
	{"110035", "BeneficiaryNaturalBuildingNumber", partyBeneficiary, personNatural, "geographicAddress.buildingNumber", byFuzzyText},
	{"110036", "BeneficiaryNaturalBuildingName", partyBeneficiary, personNatural, "geographicAddress.buildingName", byFuzzyText},
	{"110037", "BeneficiaryNaturalFloor", partyBeneficiary, personNatural, "geographicAddress.floor", byFuzzyText},
	{"110038", "BeneficiaryNaturalPostBox", partyBeneficiary, personNatural, "geographicAddress.postBox", byFuzzyText},
	{"110039", "BeneficiaryNaturalRoom", partyBeneficiary, personNatural, "geographicAddress.room", byFuzzyText},
	{"110040", "BeneficiaryNaturalPostCode", partyBeneficiary, personNatural, "geographicAddress.postCode", byPostCode},
	{"110041", "BeneficiaryNaturalTownLocationName", partyBeneficiary, personNatural, "geographicAddress.townLocationName", byFuzzyText},
	{"110042", "BeneficiaryNaturalDistrictName", partyBeneficiary, personNatural, "geographicAddress.districtName", byFuzzyText},
	{"110043", "BeneficiaryNaturalCountrySubDivision", partyBeneficiary, personNatural, "geographicAddress.countrySubDivision", byFuzzyText},
	{"110044", "BeneficiaryNaturalNationalIdentifierType", partyBeneficiary, personNatural, "nationalIdentification.nationalIdentifierType", byType},
	{"110045", "BeneficiaryNaturalNationalIdentifier", partyBeneficiary, personNatural, "nationalIdentification.nationalIdentifier", byExact},
	{"110046", "BeneficiaryNaturalNationalIDCountryOfIssue", partyBeneficiary, personNatural, "nationalIdentification.countryOfIssue", byExact},
	{"110047", "BeneficiaryNaturalCustomerIdentification", partyBeneficiary, personNatural, "customerIdentification", byNone},
	{"110048", "BeneficiaryNaturalCountryOfResidence", partyBeneficiary, personNatural, "countryOfResidence", byExact},
	{"111001", "BeneficiaryLegalName", partyBeneficiary, personLegal, "legalPersonName", byNameFuzzy},
	{"111002", "BeneficiaryLegalNationalIdentifierType", partyBeneficiary, personLegal, "nationalIdentifierType", byType},
	{"111003", "BeneficiaryLegalNationalIdentifier", partyBeneficiary, personLegal, "nationalIdentifier", byExact},
	{"111004", "BeneficiaryLegalRegistrationAuthority", partyBeneficiary, personLegal, "registrationAuthority", byExact},
	{"111005", "BeneficiaryLegalNationalIDCountryOfIssue", partyBeneficiary, personLegal, "nationalIdentification.countryOfIssue", byExact},
	{"111006", "BeneficiaryLegalCustomerIdentification", partyBeneficiary, personLegal, "customerIdentification", byNone},
	{"111007", "BeneficiaryLegalAddressCountry", partyBeneficiary, personLegal, "geographicAddress.country", byExact},
	{"111008", "BeneficiaryLegalTownName", partyBeneficiary, personLegal, "geographicAddress.townName", byFuzzyText},
	{"111009", "BeneficiaryLegalAddressLine", partyBeneficiary, personLegal, "geographicAddress.addressLine", byFuzzyText},
	{"111010", "BeneficiaryLegalDepartment", partyBeneficiary, personLegal, "geographicAddress.department", byFuzzyText},
	{"111011", "BeneficiaryLegalSubDepartment", partyBeneficiary, personLegal, "geographicAddress.subDepartment", byFuzzyText},
	{"111012", "BeneficiaryLegalStreetName", partyBeneficiary, personLegal, "geographicAddress.streetName", byFuzzyText},
	{"111013", "BeneficiaryLegalBuildingNumber", partyBeneficiary, personLegal, "geographicAddress.buildingNumber", byFuzzyText},
	{"111014", "BeneficiaryLegalBuildingName", partyBeneficiary, personLegal, "geographicAddress.buildingName", byFuzzyText},
	{"111015", "BeneficiaryLegalFloor", partyBeneficiary, personLegal, "geographicAddress.floor", byFuzzyText},
	{"111016", "BeneficiaryLegalPostBox", partyBeneficiary, personLegal, "geographicAddress.postBox", byFuzzyText},
	{"111017", "BeneficiaryLegalRoom", partyBeneficiary, personLegal, "geographicAddress.room", byFuzzyText},
	{"111018", "BeneficiaryLegalPostCode", partyBeneficiary, personLegal, "geographicAddress.postCode", byPostCode},
	{"111019", "BeneficiaryLegalTownLocationName", partyBeneficiary, personLegal, "geographicAddress.townLocationName", byFuzzyText},
	{"111020", "BeneficiaryLegalDistrictName", partyBeneficiary, personLegal, "geographicAddress.districtName", byFuzzyText},
	{"111021", "BeneficiaryLegalCountrySubDivision", partyBeneficiary, personLegal, "geographicAddress.countrySubDivision", byFuzzyText},
	{"111022", "BeneficiaryLegalCountryOfRegistration", partyBeneficiary, personLegal, "countryOfRegistration", byExact},
	{"113023", "BeneficiaryAccountNumber", partyBeneficiary, personAccount, "accountNumber", byNone},
	{"121001", "OriginatingVASPName", partyOriginatingVASP, personLegal, "legalPersonName", byNameFuzzy},
	{"121002", "OriginatingVASPNationalIdentifierType", partyOriginatingVASP, personLegal, "nationalIdentifierType", byType},
	{"121003", "OriginatingVASPNationalIdentifier", partyOriginatingVASP, personLegal, "nationalIdentifier", byExact},
	{"121004", "OriginatingVASPRegistrationAuthority", partyOriginatingVASP, personLegal, "registrationAuthority", byExact},
	{"121005", "OriginatingVASPNationalIDCountryOfIssue", partyOriginatingVASP, personLegal, "nationalIdentification.countryOfIssue", byExact},
	{"121007", "OriginatingVASPAddressCountry", partyOriginatingVASP, personLegal, "geographicAddress.country", byExact},
	{"121008", "OriginatingVASPTownName", partyOriginatingVASP, personLegal, "geographicAddress.townName", byFuzzyText},
	{"121009", "OriginatingVASPAddressLine", partyOriginatingVASP, personLegal, "geographicAddress.addressLine", byFuzzyText},
	{"121010", "OriginatingVASPDepartment", partyOriginatingVASP, personLegal, "geographicAddress.department", byFuzzyText},
	{"121011", "OriginatingVASPSubDepartment", partyOriginatingVASP, personLegal, "geographicAddress.subDepartment", byFuzzyText},
	{"121012", "OriginatingVASPStreetName", partyOriginatingVASP, personLegal, "geographicAddress.streetName", byFuzzyText},
	{"121013", "OriginatingVASPBuildingNumber", partyOriginatingVASP, personLegal, "geographicAddress.buildingNumber", byFuzzyText},
	{"121014", "OriginatingVASPBuildingName", partyOriginatingVASP, personLegal, "geographicAddress.buildingName", byFuzzyText},
	{"121015", "OriginatingVASPFloor", partyOriginatingVASP, personLegal, "geographicAddress.floor", byFuzzyText},
	{"121016", "OriginatingVASPPostBox", partyOriginatingVASP, personLegal, "geographicAddress.postBox", byFuzzyText},
	{"121017", "OriginatingVASPRoom", partyOriginatingVASP, personLegal, "geographicAddress.room", byFuzzyText},
	{"121018", "OriginatingVASPPostCode", partyOriginatingVASP, personLegal, "geographicAddress.postCode", byPostCode},
	{"121019", "OriginatingVASPTownLocationName", partyOriginatingVASP, personLegal, "geographicAddress.townLocationName", byFuzzyText},
	{"121020", "OriginatingVASPDistrictName", partyOriginatingVASP, personLegal, "geographicAddress.districtName", byFuzzyText},
	{"121021", "OriginatingVASPCountrySubDivision", partyOriginatingVASP, personLegal, "geographicAddress.countrySubDivision", byFuzzyText},
	{"121022", "OriginatingVASPCountryOfRegistration", partyOriginatingVASP, personLegal, "countryOfRegistration", byExact},
	{"131001", "BeneficiaryVASPName", partyBeneficiaryVASP, personLegal, "legalPersonName", byNameFuzzy},
	{"131002", "BeneficiaryVASPNationalIdentifierType", partyBeneficiaryVASP, personLegal, "nationalIdentifierType", byType},
	{"131003", "BeneficiaryVASPNationalIdentifier", partyBeneficiaryVASP, personLegal, "nationalIdentifier", byExact},
	{"131004", "BeneficiaryVASPRegistrationAuthority", partyBeneficiaryVASP, personLegal, "registrationAuthority", byExact},
	{"131005", "BeneficiaryVASPNationalIDCountryOfIssue", partyBeneficiaryVASP, personLegal, "nationalIdentification.countryOfIssue", byExact},
	{"131007", "BeneficiaryVASPAddressCountry", partyBeneficiaryVASP, personLegal, "geographicAddress.country", byExact},
	{"131008", "BeneficiaryVASPTownName", partyBeneficiaryVASP, personLegal, "geographicAddress.townName", byFuzzyText},
	{"131009", "BeneficiaryVASPAddressLine", partyBeneficiaryVASP, personLegal, "geographicAddress.addressLine", byFuzzyText},
	{"131010", "BeneficiaryVASPDepartment", partyBeneficiaryVASP, personLegal, "geographicAddress.department", byFuzzyText},
	{"131011", "BeneficiaryVASPSubDepartment", partyBeneficiaryVASP, personLegal, "geographicAddress.subDepartment", byFuzzyText},
	{"131012", "BeneficiaryVASPStreetName", partyBeneficiaryVASP, personLegal, "geographicAddress.streetName", byFuzzyText},
	{"131013", "BeneficiaryVASPBuildingNumber", partyBeneficiaryVASP, personLegal, "geographicAddress.buildingNumber", byFuzzyText},
	{"131014", "BeneficiaryVASPBuildingName", partyBeneficiaryVASP, personLegal, "geographicAddress.buildingName", byFuzzyText},
	{"131015", "BeneficiaryVASPFloor", partyBeneficiaryVASP, personLegal, "geographicAddress.floor", byFuzzyText},
	{"131016", "BeneficiaryVASPPostBox", partyBeneficiaryVASP, personLegal, "geographicAddress.postBox", byFuzzyText},
	{"131017", "BeneficiaryVASPRoom", partyBeneficiaryVASP, personLegal, "geographicAddress.room", byFuzzyText},
	{"131018", "BeneficiaryVASPPostCode", partyBeneficiaryVASP, personLegal, "geographicAddress.postCode", byPostCode},
	{"131019", "BeneficiaryVASPTownLocationName", partyBeneficiaryVASP, personLegal, "geographicAddress.townLocationName", byFuzzyText},
	{"131020", "BeneficiaryVASPDistrictName", partyBeneficiaryVASP, personLegal, "geographicAddress.districtName", byFuzzyText},
	{"131021", "BeneficiaryVASPCountrySubDivision", partyBeneficiaryVASP, personLegal, "geographicAddress.countrySubDivision", byFuzzyText},
	{"131022", "BeneficiaryVASPCountryOfRegistration", partyBeneficiaryVASP, personLegal, "countryOfRegistration", byExact},
}

var fieldIndex = func() map[FieldID]int {
	m := make(map[FieldID]int, len(fieldTable))
	for i, f := range fieldTable {
		m[f.ID] = i
	}
	return m
}()
