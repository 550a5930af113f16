package ivms

import "strings"

// The IVMS101 code lists. Each is a typed string holding the standard's
// upper-case four-letter code. Unmarshal normalises the wire forms (any
// case, protobuf enum names, protobuf enum numbers) to these codes and keeps
// an unknown value as it came, so Validate can report it as ENUM.

// NaturalPersonNameType is the NaturalPersonNameTypeCode list.
type NaturalPersonNameType string

const (
	NameTypeAlias  NaturalPersonNameType = "ALIA" // alias name
	NameTypeBirth  NaturalPersonNameType = "BIRT" // name at birth
	NameTypeMaiden NaturalPersonNameType = "MAID" // maiden name
	NameTypeLegal  NaturalPersonNameType = "LEGL" // legal name (one is required, C6)
	NameTypeMisc   NaturalPersonNameType = "MISC" // unspecified
)

// LegalPersonNameType is the LegalPersonNameTypeCode list.
type LegalPersonNameType string

const (
	LegalNameTypeLegal   LegalPersonNameType = "LEGL" // legal name (one is required, C5)
	LegalNameTypeShort   LegalPersonNameType = "SHRT" // short name
	LegalNameTypeTrading LegalPersonNameType = "TRAD" // trading name
)

// AddressType is the AddressTypeCode list.
type AddressType string

const (
	AddressTypeHome       AddressType = "HOME" // residential
	AddressTypeBusiness   AddressType = "BIZZ" // business
	AddressTypeGeographic AddressType = "GEOG" // unspecified physical address
)

// NationalIdentifierType is the NationalIdentifierTypeCode list.
type NationalIdentifierType string

const (
	NationalIDAlienRegistration     NationalIdentifierType = "ARNU" // alien registration number
	NationalIDPassport              NationalIdentifierType = "CCPT" // passport number
	NationalIDRegistrationAuthority NationalIdentifierType = "RAID" // registration authority identifier
	NationalIDDriverLicence         NationalIdentifierType = "DRLC" // driver licence number
	NationalIDForeignInvestment     NationalIdentifierType = "FIIN" // foreign investment identity number
	NationalIDTax                   NationalIdentifierType = "TXID" // tax identification number
	NationalIDSocialSecurity        NationalIdentifierType = "SOCS" // social security number
	NationalIDCard                  NationalIdentifierType = "IDCD" // identity card number
	NationalIDLEI                   NationalIdentifierType = "LEIX" // Legal Entity Identifier (ISO 17442)
	NationalIDMisc                  NationalIdentifierType = "MISC" // unspecified
)

// TransliterationMethod is the TransliterationMethodCode list (ISO 15924
// script codes). The model holds them upper case; GTR output is lower case.
type TransliterationMethod string

const (
	TransliterationArab  TransliterationMethod = "ARAB" // Arabic (ISO 233-2)
	TransliterationAran  TransliterationMethod = "ARAN" // Persian (ISO 233-3)
	TransliterationArmn  TransliterationMethod = "ARMN" // Armenian (ISO 9985)
	TransliterationCyrl  TransliterationMethod = "CYRL" // Cyrillic (ISO 9)
	TransliterationDeva  TransliterationMethod = "DEVA" // Devanagari & related Indic (ISO 15919)
	TransliterationGeor  TransliterationMethod = "GEOR" // Georgian (ISO 9984)
	TransliterationGrek  TransliterationMethod = "GREK" // Greek (ISO 843)
	TransliterationHani  TransliterationMethod = "HANI" // Han (ISO 7098)
	TransliterationHebr  TransliterationMethod = "HEBR" // Hebrew (ISO 259-2)
	TransliterationKana  TransliterationMethod = "KANA" // Kana (ISO 3602)
	TransliterationKore  TransliterationMethod = "KORE" // Korean (Revised Romanization)
	TransliterationThai  TransliterationMethod = "THAI" // Thai (ISO 11940-2)
	TransliterationOther TransliterationMethod = "OTHR" // script other than those listed
)

// PayloadVersion is the 2023 PayloadVersionCode.
type PayloadVersion string

const (
	PayloadVersion2020 PayloadVersion = "101"      // IVMS101 (May 2020)
	PayloadVersion2023 PayloadVersion = "101.2023" // IVMS101.2023 (August 2023)
)

// Code tables. The index of a code is its protobuf enum number (TRISA's
// proto/ivms101/enum.proto); "" marks proto's "unset" zero values that are
// not IVMS codes.
var (
	naturalNameCodes = []string{"MISC", "ALIA", "BIRT", "MAID", "LEGL"}
	legalNameCodes   = []string{"", "LEGL", "SHRT", "TRAD"}
	addressCodes     = []string{"", "HOME", "BIZZ", "GEOG"}
	nationalIDCodes  = []string{"MISC", "ARNU", "CCPT", "RAID", "DRLC", "FIIN", "TXID", "SOCS", "IDCD", "LEIX"}
	translitCodes    = []string{"OTHR", "ARAB", "ARAN", "ARMN", "CYRL", "DEVA", "GEOR", "GREK", "HANI", "HEBR", "KANA", "KORE", "THAI"}
)

// protobuf enum-name prefixes.
const (
	naturalNamePrefix = "NATURAL_PERSON_NAME_TYPE_CODE_"
	legalNamePrefix   = "LEGAL_PERSON_NAME_TYPE_CODE_"
	addressPrefix     = "ADDRESS_TYPE_CODE_"
	nationalIDPrefix  = "NATIONAL_IDENTIFIER_TYPE_CODE_"
	translitPrefix    = "TRANSLITERATION_METHOD_CODE_"
)

// Valid reports whether t is a code of the list (exact, upper case).
func (t NaturalPersonNameType) Valid() bool { return inList(string(t), naturalNameCodes) }

// Valid reports whether t is a code of the list (exact, upper case).
func (t LegalPersonNameType) Valid() bool { return inList(string(t), legalNameCodes) }

// Valid reports whether t is a code of the list (exact, upper case).
func (t AddressType) Valid() bool { return inList(string(t), addressCodes) }

// Valid reports whether t is a code of the list (exact, upper case).
func (t NationalIdentifierType) Valid() bool { return inList(string(t), nationalIDCodes) }

// Valid reports whether t is a code of the list (exact, upper case).
func (t TransliterationMethod) Valid() bool { return inList(string(t), translitCodes) }

// Valid reports whether v is a PayloadVersionCode. The comparison ignores
// case, and the "IVMS101.2023" spelling of the standard's own examples is
// accepted.
func (v PayloadVersion) Valid() bool {
	return v.edition() >= 0
}

// edition maps a payload version to Version2020/Version2023, or -1.
func (v PayloadVersion) edition() Version {
	s := string(v)
	switch {
	case strings.EqualFold(s, "101"), strings.EqualFold(s, "IVMS101"):
		return Version2020
	case strings.EqualFold(s, "101.2023"), strings.EqualFold(s, "IVMS101.2023"):
		return Version2023
	}
	return -1
}

func inList(s string, codes []string) bool {
	if s == "" {
		return false
	}
	for _, c := range codes {
		if c == s {
			return true
		}
	}
	return false
}

// normalizeCode maps a wire value of a code list to its canonical code:
// a code in any case, a protobuf enum name (prefix + code, any case), or,
// when number is true, a protobuf enum number. Unknown values come back
// unchanged; proto's "unset" values come back as "".
func normalizeCode(raw string, number bool, prefix string, codes []string) string {
	if number {
		if len(raw) <= 2 {
			n := 0
			for i := 0; i < len(raw); i++ {
				c := raw[i]
				if c < '0' || c > '9' {
					return raw
				}
				n = n*10 + int(c-'0')
			}
			if raw != "" && n < len(codes) && (len(raw) == 1 || raw[0] != '0') {
				return codes[n]
			}
		}
		return raw
	}
	s := raw
	if len(s) > len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		s = s[len(prefix):]
		if strings.EqualFold(s, "MISC") && codes[0] == "" {
			return "" // proto "unset" of a list without MISC
		}
	}
	if len(s) == 4 {
		for _, c := range codes {
			if c != "" && strings.EqualFold(c, s) {
				return c
			}
		}
	}
	return raw
}

// MarshalText writes the code in the standard's upper case (a value not in
// the list as it is), so that JSON always carries canonical codes.
func (t NaturalPersonNameType) MarshalText() ([]byte, error) {
	return codeText(string(t), naturalNameCodes)
}

// MarshalText writes the code in the standard's upper case.
func (t LegalPersonNameType) MarshalText() ([]byte, error) {
	return codeText(string(t), legalNameCodes)
}

// MarshalText writes the code in the standard's upper case.
func (t AddressType) MarshalText() ([]byte, error) { return codeText(string(t), addressCodes) }

// MarshalText writes the code in the standard's upper case.
func (t NationalIdentifierType) MarshalText() ([]byte, error) {
	return codeText(string(t), nationalIDCodes)
}

// MarshalText writes the code in the standard's upper case.
func (t TransliterationMethod) MarshalText() ([]byte, error) {
	return codeText(string(t), translitCodes)
}

func codeText(s string, codes []string) ([]byte, error) {
	if c := canonicalCode(s, codes); c != "" {
		s = c
	}
	return []byte(s), nil
}
