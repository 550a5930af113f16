package ivms

import "encoding/json"

// Version is the edition of IVMS101 a payload follows.
type Version int

const (
	// Version2020 is IVMS101 Issue 1 FINAL (May 2020), the edition GTR, TRISA and
	// most counterparties speak. It is the zero value.
	Version2020 Version = iota
	// Version2023 is IVMS 101.2023 (August 2023): person-level account numbers,
	// naturalPersonNameIdentifierType and a mandatory payloadVersion.
	Version2023
)

// String returns "IVMS101 2020" or "IVMS101.2023".
func (v Version) String() string {
	switch v {
	case Version2020:
		return "IVMS101 2020"
	case Version2023:
		return "IVMS101.2023"
	}
	return "IVMS101 (unknown edition)"
}

// IdentityPayload is one IVMS101 message: the six entities of the standard.
// It holds the union of the 2020 and 2023 editions; Version records which
// edition Unmarshal detected (or which one a builder targets).
//
// Every entity is optional here: which ones a message must carry is protocol
// policy (GTR wants Originator, Beneficiary and the sender's VASP; TRISA all
// four parties). Validate only requires at least one.
//
// The type has no secret but is full of PII: never log it. Its String,
// GoString, Format and LogValue methods print no field value; MarshalJSON
// writes the Canonical dialect.
type IdentityPayload struct {
	Originator      *Originator      `json:"originator,omitempty"`
	Beneficiary     *Beneficiary     `json:"beneficiary,omitempty"`
	OriginatingVASP *OriginatingVASP `json:"originatingVASP,omitempty"`
	BeneficiaryVASP *BeneficiaryVASP `json:"beneficiaryVASP,omitempty"`
	TransferPath    *TransferPath    `json:"transferPath,omitempty"`
	PayloadMetadata *PayloadMetadata `json:"payloadMetadata,omitempty"`

	// Version is the edition detected on input (see Unmarshal) and the one
	// whose rules Validate applies. It is not written on the wire by itself:
	// the Dialect given to Marshal decides the output edition.
	Version Version `json:"-"`
}

// String describes the payload's shape without any personal data, so an
// accidental %v in a log line leaks nothing.
func (p *IdentityPayload) String() string {
	if p == nil {
		return "ivms.IdentityPayload(nil)"
	}
	s := "ivms.IdentityPayload{" + p.Version.String()
	if p.Originator != nil {
		s += " originator"
	}
	if p.Beneficiary != nil {
		s += " beneficiary"
	}
	if p.OriginatingVASP != nil {
		s += " originatingVASP"
	}
	if p.BeneficiaryVASP != nil {
		s += " beneficiaryVASP"
	}
	if p.TransferPath != nil {
		s += " transferPath"
	}
	return s + "}"
}

// GoString is String, so %#v leaks nothing either.
func (p *IdentityPayload) GoString() string { return p.String() }

// Originator is the account holder who sends the transfer (or the customer
// placing the order at the originating VASP).
type Originator struct {
	// OriginatorPersons is [1..n]: "originatorPersons" in 2020,
	// "originatorPerson" in 2023.
	OriginatorPersons []Person `json:"originatorPersons,omitempty"`
	// AccountNumbers is the 2020 entity-level accountNumber [0..n] (Max100Text
	// each). 2023 moved account numbers to each Person; Marshal converts.
	AccountNumbers []string `json:"accountNumber,omitempty"`
}

// Beneficiary is the intended recipient of the transfer.
type Beneficiary struct {
	// BeneficiaryPersons is [1..n]: "beneficiaryPersons" on the wire (the 2020
	// table says "beneficiaryPerson"; both are read).
	BeneficiaryPersons []Person `json:"beneficiaryPersons,omitempty"`
	// AccountNumbers is the 2020 entity-level accountNumber [0..n].
	AccountNumbers []string `json:"accountNumber,omitempty"`
}

// OriginatingVASP is the VASP that initiates the transfer on the originator's
// behalf. On the wire it is usually nested: {"originatingVASP": {"originatingVASP": Person}}.
type OriginatingVASP struct {
	Person *Person `json:"originatingVASP,omitempty"`
}

// BeneficiaryVASP is the VASP that receives the transfer for the beneficiary.
type BeneficiaryVASP struct {
	Person *Person `json:"beneficiaryVASP,omitempty"`
}

// TransferPath lists the intermediary VASPs the transfer passes through.
type TransferPath struct {
	// Intermediaries are the IntermediaryVASP elements, in wire order.
	Intermediaries []IntermediaryVASP `json:"transferPath,omitempty"`
}

// IntermediaryVASP is one hop of the transfer path.
type IntermediaryVASP struct {
	Person *Person `json:"intermediaryVASP,omitempty"`
	// Sequence is the hop's position, starting at 0 (constraint C12). It is
	// kept as the literal the sender wrote so that Validate can report a
	// malformed or over-long value; "" means absent. Use Sequence.Int64().
	Sequence json.Number `json:"sequence,omitempty"`
}

// PayloadMetadata carries the transliteration methods used for the Latin
// name forms and, in 2023, the payload version.
type PayloadMetadata struct {
	TransliterationMethods []TransliterationMethod `json:"transliterationMethod,omitempty"`
	// PayloadVersion is mandatory in 2023 ("101.2023"); absent in 2020.
	PayloadVersion PayloadVersion `json:"payloadVersion,omitempty"`
}

// Person is exactly one of NaturalPerson or LegalPerson (rule ONEOF).
type Person struct {
	NaturalPerson *NaturalPerson `json:"naturalPerson,omitempty"`
	LegalPerson   *LegalPerson   `json:"legalPerson,omitempty"`
	// AccountNumbers is the 2023 person-level accountNumber [0..n]
	// (Max512Text, case-sensitive).
	AccountNumbers []string `json:"accountNumber,omitempty"`
}

// NaturalPerson is a human being.
type NaturalPerson struct {
	Name                   NaturalPersonName       `json:"name,omitzero"`
	GeographicAddresses    []Address               `json:"geographicAddress,omitempty"`
	NationalIdentification *NationalIdentification `json:"nationalIdentification,omitempty"`
	CustomerIdentification string                  `json:"customerIdentification,omitempty"` // Max50Text: the VASP's own customer reference
	DateAndPlaceOfBirth    *DateAndPlaceOfBirth    `json:"dateAndPlaceOfBirth,omitempty"`
	CountryOfResidence     string                  `json:"countryOfResidence,omitempty"` // ISO 3166-1 alpha-2 or XX
}

// NaturalPersonName holds a natural person's names: Latin-script identifiers
// and, optionally, the same names in a local script and phonetically.
type NaturalPersonName struct {
	// NameIdentifiers is [1..n]; one of them must be of type LEGL (C6).
	// Values must be printable ASCII: names in another script go to LocalNameIdentifiers.
	NameIdentifiers []NaturalPersonNameID `json:"nameIdentifier,omitempty"`
	// LocalNameIdentifiers are the names in the person's own script (any Unicode).
	LocalNameIdentifiers []NaturalPersonNameID `json:"localNameIdentifier,omitempty"`
	// PhoneticNameIdentifiers tell how the names are pronounced (any Unicode).
	PhoneticNameIdentifiers []NaturalPersonNameID `json:"phoneticNameIdentifier,omitempty"`
}

// NaturalPersonNameID is one name of a natural person. The same type serves
// the Latin, local and phonetic forms (the standard's NaturalPersonNameID and
// LocalNaturalPersonNameID have the same elements).
type NaturalPersonNameID struct {
	// PrimaryIdentifier is the family (main) name, or the whole name when it
	// cannot be split (ICAO 9303). Required, 100 characters at most.
	PrimaryIdentifier string `json:"primaryIdentifier,omitempty"`
	// SecondaryIdentifier holds forenames, initials, prefixes and suffixes.
	SecondaryIdentifier string `json:"secondaryIdentifier,omitempty"`
	// NameIdentifierType is "nameIdentifierType" (2020) or
	// "naturalPersonNameIdentifierType" (2023) on the wire.
	NameIdentifierType NaturalPersonNameType `json:"nameIdentifierType,omitempty"`
}

// LegalPerson is a company, foundation, government body or any entity other
// than a human being (VASPs are usually legal persons).
type LegalPerson struct {
	Name                LegalPersonName `json:"name,omitzero"`
	GeographicAddresses []Address       `json:"geographicAddress,omitempty"`
	// CustomerIdentification is the VASP's own customer reference (Max50Text);
	// the 2020 element text calls it customerNumber, which is read too.
	CustomerIdentification string                  `json:"customerIdentification,omitempty"`
	NationalIdentification *NationalIdentification `json:"nationalIdentification,omitempty"`
	CountryOfRegistration  string                  `json:"countryOfRegistration,omitempty"` // ISO 3166-1 alpha-2 or XX
}

// LegalPersonName holds a legal person's names.
type LegalPersonName struct {
	// NameIdentifiers is [1..n]; one of them must be of type LEGL (C5).
	NameIdentifiers         []LegalPersonNameID `json:"nameIdentifier,omitempty"`
	LocalNameIdentifiers    []LegalPersonNameID `json:"localNameIdentifier,omitempty"`
	PhoneticNameIdentifiers []LegalPersonNameID `json:"phoneticNameIdentifier,omitempty"`
}

// LegalPersonNameID is one name of a legal person.
type LegalPersonNameID struct {
	LegalPersonName               string              `json:"legalPersonName,omitempty"` // required, 100 characters at most
	LegalPersonNameIdentifierType LegalPersonNameType `json:"legalPersonNameIdentifierType,omitempty"`
}

// Address is a postal or geographic address (adapted from ISO 20022
// PostalAddress6). It needs addressLine, or streetName with buildingName
// and/or buildingNumber (C8), plus a country.
type Address struct {
	AddressType        AddressType `json:"addressType,omitempty"`
	Department         string      `json:"department,omitempty"`         // Max50Text
	SubDepartment      string      `json:"subDepartment,omitempty"`      // Max70Text
	StreetName         string      `json:"streetName,omitempty"`         // Max70Text
	BuildingNumber     string      `json:"buildingNumber,omitempty"`     // Max16Text
	BuildingName       string      `json:"buildingName,omitempty"`       // Max35Text
	Floor              string      `json:"floor,omitempty"`              // Max70Text
	PostBox            string      `json:"postBox,omitempty"`            // Max16Text
	Room               string      `json:"room,omitempty"`               // Max70Text
	PostCode           string      `json:"postCode,omitempty"`           // Max16Text ("postCode"; "postcode" is read too)
	TownName           string      `json:"townName,omitempty"`           // Max35Text
	TownLocationName   string      `json:"townLocationName,omitempty"`   // Max35Text
	DistrictName       string      `json:"districtName,omitempty"`       // Max35Text
	CountrySubDivision string      `json:"countrySubDivision,omitempty"` // Max35Text
	AddressLines       []string    `json:"addressLine,omitempty"`        // [0..7], Max70Text each
	Country            string      `json:"country,omitempty"`            // ISO 3166-1 alpha-2 or XX, required
}

// NationalIdentification is an identifier issued to a person by an
// authority: passport, tax id, company register number, LEI…
type NationalIdentification struct {
	NationalIdentifier     string                 `json:"nationalIdentifier,omitempty"` // Max35Text, required
	NationalIdentifierType NationalIdentifierType `json:"nationalIdentifierType,omitempty"`
	// CountryOfIssue must be empty for legal persons (C9).
	CountryOfIssue string `json:"countryOfIssue,omitempty"`
	// RegistrationAuthority is a GLEIF RA code such as "RA000589" (C10); for
	// legal persons it is required unless the type is LEIX, and forbidden
	// with LEIX (C9).
	RegistrationAuthority string `json:"registrationAuthority,omitempty"`
}

// DateAndPlaceOfBirth of a natural person.
type DateAndPlaceOfBirth struct {
	DateOfBirth  string `json:"dateOfBirth,omitempty"`  // YYYY-MM-DD, strictly before today (C2)
	PlaceOfBirth string `json:"placeOfBirth,omitempty"` // Max70Text, required
}

// isEmpty reports that a Person holds nothing: Unmarshal drops such a
// person ("an object whose members are all absent is itself absent").
func (p *Person) isEmpty() bool {
	return p.NaturalPerson == nil && p.LegalPerson == nil && len(p.AccountNumbers) == 0
}
