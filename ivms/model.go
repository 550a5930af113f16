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
	Originator      *Originator
	Beneficiary     *Beneficiary
	OriginatingVASP *OriginatingVASP
	BeneficiaryVASP *BeneficiaryVASP
	TransferPath    *TransferPath
	PayloadMetadata *PayloadMetadata

	// Version is the edition detected on input (see Unmarshal) and the one
	// whose rules Validate applies. It is not written on the wire by itself:
	// the Dialect given to Marshal decides the output edition.
	Version Version
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
	OriginatorPersons []Person
	// AccountNumbers is the 2020 entity-level accountNumber [0..n] (Max100Text
	// each). 2023 moved account numbers to each Person; Marshal converts.
	AccountNumbers []string
}

// Beneficiary is the intended recipient of the transfer.
type Beneficiary struct {
	// BeneficiaryPersons is [1..n]: "beneficiaryPersons" on the wire (the 2020
	// table says "beneficiaryPerson"; both are read).
	BeneficiaryPersons []Person
	// AccountNumbers is the 2020 entity-level accountNumber [0..n].
	AccountNumbers []string
}

// OriginatingVASP is the VASP that initiates the transfer on the originator's
// behalf. On the wire it is usually nested: {"originatingVASP": {"originatingVASP": Person}}.
type OriginatingVASP struct {
	Person *Person
}

// BeneficiaryVASP is the VASP that receives the transfer for the beneficiary.
type BeneficiaryVASP struct {
	Person *Person
}

// TransferPath lists the intermediary VASPs the transfer passes through.
type TransferPath struct {
	// Intermediaries are the IntermediaryVASP elements, in wire order.
	Intermediaries []IntermediaryVASP
}

// IntermediaryVASP is one hop of the transfer path.
type IntermediaryVASP struct {
	Person *Person
	// Sequence is the hop's position, starting at 0 (constraint C12). It is
	// kept as the literal the sender wrote so that Validate can report a
	// malformed or over-long value; "" means absent. Use Sequence.Int64().
	Sequence json.Number
}

// PayloadMetadata carries the transliteration methods used for the Latin
// name forms and, in 2023, the payload version.
type PayloadMetadata struct {
	TransliterationMethods []TransliterationMethod
	// PayloadVersion is mandatory in 2023 ("101.2023"); absent in 2020.
	PayloadVersion PayloadVersion
}

// Person is exactly one of NaturalPerson or LegalPerson (rule ONEOF).
type Person struct {
	NaturalPerson *NaturalPerson
	LegalPerson   *LegalPerson
	// AccountNumbers is the 2023 person-level accountNumber [0..n]
	// (Max512Text, case-sensitive).
	AccountNumbers []string
}

// NaturalPerson is a human being.
type NaturalPerson struct {
	Name                   NaturalPersonName
	GeographicAddresses    []Address
	NationalIdentification *NationalIdentification
	CustomerIdentification string // Max50Text: the VASP's own customer reference
	DateAndPlaceOfBirth    *DateAndPlaceOfBirth
	CountryOfResidence     string // ISO 3166-1 alpha-2 or XX
}

// NaturalPersonName holds a natural person's names: Latin-script identifiers
// and, optionally, the same names in a local script and phonetically.
type NaturalPersonName struct {
	// NameIdentifiers is [1..n]; one of them must be of type LEGL (C6).
	// Values must be printable ASCII: names in another script go to LocalNameIdentifiers.
	NameIdentifiers []NaturalPersonNameID
	// LocalNameIdentifiers are the names in the person's own script (any Unicode).
	LocalNameIdentifiers []NaturalPersonNameID
	// PhoneticNameIdentifiers tell how the names are pronounced (any Unicode).
	PhoneticNameIdentifiers []NaturalPersonNameID
}

// NaturalPersonNameID is one name of a natural person. The same type serves
// the Latin, local and phonetic forms (the standard's NaturalPersonNameID and
// LocalNaturalPersonNameID have the same elements).
type NaturalPersonNameID struct {
	// PrimaryIdentifier is the family (main) name, or the whole name when it
	// cannot be split (ICAO 9303). Required, 100 characters at most.
	PrimaryIdentifier string
	// SecondaryIdentifier holds forenames, initials, prefixes and suffixes.
	SecondaryIdentifier string
	// NameIdentifierType is "nameIdentifierType" (2020) or
	// "naturalPersonNameIdentifierType" (2023) on the wire.
	NameIdentifierType NaturalPersonNameType
}

// LegalPerson is a company, foundation, government body or any entity other
// than a human being (VASPs are usually legal persons).
type LegalPerson struct {
	Name                LegalPersonName
	GeographicAddresses []Address
	// CustomerIdentification is the VASP's own customer reference (Max50Text);
	// the 2020 element text calls it customerNumber, which is read too.
	CustomerIdentification string
	NationalIdentification *NationalIdentification
	CountryOfRegistration  string // ISO 3166-1 alpha-2 or XX
}

// LegalPersonName holds a legal person's names.
type LegalPersonName struct {
	// NameIdentifiers is [1..n]; one of them must be of type LEGL (C5).
	NameIdentifiers         []LegalPersonNameID
	LocalNameIdentifiers    []LegalPersonNameID
	PhoneticNameIdentifiers []LegalPersonNameID
}

// LegalPersonNameID is one name of a legal person.
type LegalPersonNameID struct {
	LegalPersonName               string // required, 100 characters at most
	LegalPersonNameIdentifierType LegalPersonNameType
}

// Address is a postal or geographic address (adapted from ISO 20022
// PostalAddress6). It needs addressLine, or streetName with buildingName
// and/or buildingNumber (C8), plus a country.
type Address struct {
	AddressType        AddressType
	Department         string   // Max50Text
	SubDepartment      string   // Max70Text
	StreetName         string   // Max70Text
	BuildingNumber     string   // Max16Text
	BuildingName       string   // Max35Text
	Floor              string   // Max70Text
	PostBox            string   // Max16Text
	Room               string   // Max70Text
	PostCode           string   // Max16Text ("postCode"; "postcode" is read too)
	TownName           string   // Max35Text
	TownLocationName   string   // Max35Text
	DistrictName       string   // Max35Text
	CountrySubDivision string   // Max35Text
	AddressLines       []string // [0..7], Max70Text each
	Country            string   // ISO 3166-1 alpha-2 or XX, required
}

// NationalIdentification is an identifier issued to a person by an
// authority: passport, tax id, company register number, LEI…
type NationalIdentification struct {
	NationalIdentifier     string // Max35Text, required
	NationalIdentifierType NationalIdentifierType
	// CountryOfIssue must be empty for legal persons (C9).
	CountryOfIssue string
	// RegistrationAuthority is a GLEIF RA code such as "RA000589" (C10); for
	// legal persons it is required unless the type is LEIX, and forbidden
	// with LEIX (C9).
	RegistrationAuthority string
}

// DateAndPlaceOfBirth of a natural person.
type DateAndPlaceOfBirth struct {
	DateOfBirth  string // YYYY-MM-DD, strictly before today (C2)
	PlaceOfBirth string // Max70Text, required
}

// Absence tests used by Unmarshal ("an object whose members are all absent
// is itself absent") and Marshal (never emit an empty object).

func (p *Person) isEmpty() bool {
	return p.NaturalPerson == nil && p.LegalPerson == nil && len(p.AccountNumbers) == 0
}

func (n *NaturalPersonName) isEmpty() bool {
	return len(n.NameIdentifiers) == 0 && len(n.LocalNameIdentifiers) == 0 && len(n.PhoneticNameIdentifiers) == 0
}

func (n *LegalPersonName) isEmpty() bool {
	return len(n.NameIdentifiers) == 0 && len(n.LocalNameIdentifiers) == 0 && len(n.PhoneticNameIdentifiers) == 0
}

func (np *NaturalPerson) isEmpty() bool {
	return np.Name.isEmpty() && len(np.GeographicAddresses) == 0 && np.NationalIdentification == nil &&
		np.CustomerIdentification == "" && np.DateAndPlaceOfBirth == nil && np.CountryOfResidence == ""
}

func (lp *LegalPerson) isEmpty() bool {
	return lp.Name.isEmpty() && len(lp.GeographicAddresses) == 0 && lp.NationalIdentification == nil &&
		lp.CustomerIdentification == "" && lp.CountryOfRegistration == ""
}

func (a *Address) isEmpty() bool {
	return a.AddressType == "" && a.Department == "" && a.SubDepartment == "" && a.StreetName == "" &&
		a.BuildingNumber == "" && a.BuildingName == "" && a.Floor == "" && a.PostBox == "" && a.Room == "" &&
		a.PostCode == "" && a.TownName == "" && a.TownLocationName == "" && a.DistrictName == "" &&
		a.CountrySubDivision == "" && len(a.AddressLines) == 0 && a.Country == ""
}
