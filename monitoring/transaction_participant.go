package monitoring

import "encoding/json"

// ParticipantType tells a person from a company. Unknown values are kept.
type ParticipantType string

// Participant types.
const (
	Individual ParticipantType = "individual"
	Company    ParticipantType = "company"
)

// NameType qualifies a participant's name. Unknown values are kept.
type NameType string

// Name types.
const (
	AliasName   NameType = "aliasName"
	BirthName   NameType = "birthName"
	MaidenName  NameType = "maidenName"
	LegalName   NameType = "legalName"
	ShortName   NameType = "shortName"
	TradingName NameType = "tradingName"
	OtherName   NameType = "other"
)

// PaymentMethodType is an open set: Sumsub's examples use crypto, card,
// account, bankCard, bankAccount, cryptoWallet, eWallet, unhostedWallet,
// smartContract, "" and free placeholders.
type PaymentMethodType string

// Payment method types seen in Sumsub's documentation.
const (
	PaymentCrypto         PaymentMethodType = "crypto"
	PaymentCard           PaymentMethodType = "card"
	PaymentAccount        PaymentMethodType = "account"
	PaymentBankCard       PaymentMethodType = "bankCard"
	PaymentBankAccount    PaymentMethodType = "bankAccount"
	PaymentCryptoWallet   PaymentMethodType = "cryptoWallet"
	PaymentEWallet        PaymentMethodType = "eWallet"
	PaymentUnhostedWallet PaymentMethodType = "unhostedWallet"
	PaymentSmartContract  PaymentMethodType = "smartContract"
	// PaymentOther is an applicant payment method of another kind
	// (AddPaymentMethod).
	PaymentOther PaymentMethodType = "other"
)

// Participant is the "applicant" or the "counterparty" of a transaction.
// Countries are ISO 3166-1 alpha-3 codes throughout.
//
// It is personal data, and so are Address, IDDoc, Device, Coords, IPInfo,
// UserAgentInfo, PaymentMethod and Person: fmt (every verb) and log/slog
// show their type only (redact.go). JSON is the wire form and shows all.
type Participant struct {
	Type ParticipantType `json:"type"`
	// ExternalUserID is the person's stable id in our system; required for
	// the applicant.
	ExternalUserID string `json:"externalUserId"`
	// FullName is required for companies and when submitting for an
	// applicant Sumsub does not know yet.
	FullName    string   `json:"fullName"`
	FullNameEn  string   `json:"fullNameEn"`
	FirstName   string   `json:"firstName"`
	FirstNameEn string   `json:"firstNameEn"`
	LastName    string   `json:"lastName"`
	LastNameEn  string   `json:"lastNameEn"`
	NameType    NameType `json:"nameType"`
	// DOB is YYYY-MM-DD.
	DOB              string `json:"dob"`
	PlaceOfBirth     string `json:"placeOfBirth"`
	Email            string `json:"email"`
	Phone            string `json:"phone"`
	ResidenceCountry string `json:"residenceCountry"`

	Address         *Address         `json:"address"`
	IDDoc           *IDDoc           `json:"idDoc"`
	Device          *Device          `json:"device"`
	PaymentMethod   *PaymentMethod   `json:"paymentMethod"`
	InstitutionInfo *InstitutionInfo `json:"institutionInfo"`

	// Company fields.
	CompanyType        string  `json:"companyType"`
	RegistrationNumber string  `json:"registrationNumber"`
	LicenseNumber      string  `json:"licenseNumber"`
	LEICode            string  `json:"leiCode"`
	CEO                *Person `json:"ceo"`

	// Extra: see Transaction.Extra.
	Extra map[string]json.RawMessage `json:"-"`
}

// MarshalJSON encodes the object losslessly.
func (x Participant) MarshalJSON() ([]byte, error) { return marshalWire(&x) }

// UnmarshalJSON decodes the object, keeping what it does not model.
func (x *Participant) UnmarshalJSON(b []byte) error {
	*x = Participant{}
	return unmarshalWire(b, x)
}

// Address is a postal address.
type Address struct {
	// Country is ISO 3166-1 alpha-3.
	Country          string `json:"country"`
	PostCode         string `json:"postCode"`
	Town             string `json:"town"`
	Street           string `json:"street"`
	SubStreet        string `json:"subStreet"`
	State            string `json:"state"`
	BuildingName     string `json:"buildingName"`
	BuildingNumber   string `json:"buildingNumber"`
	FlatNumber       string `json:"flatNumber"`
	FormattedAddress string `json:"formattedAddress"`

	// Extra: see Transaction.Extra.
	Extra map[string]json.RawMessage `json:"-"`
}

// MarshalJSON encodes the object losslessly.
func (x Address) MarshalJSON() ([]byte, error) { return marshalWire(&x) }

// UnmarshalJSON decodes the object, keeping what it does not model.
func (x *Address) UnmarshalJSON(b []byte) error { *x = Address{}; return unmarshalWire(b, x) }

// IDDoc is an identity document.
type IDDoc struct {
	Number string `json:"number"`
	// Country is ISO 3166-1 alpha-3.
	Country string `json:"country"`
	// IDDocType is e.g. PASSPORT.
	IDDocType             string `json:"idDocType"`
	RegistrationAuthority string `json:"registrationAuthority"`

	// Extra: see Transaction.Extra.
	Extra map[string]json.RawMessage `json:"-"`
}

// MarshalJSON encodes the object losslessly.
func (x IDDoc) MarshalJSON() ([]byte, error) { return marshalWire(&x) }

// UnmarshalJSON decodes the object, keeping what it does not model.
func (x *IDDoc) UnmarshalJSON(b []byte) error { *x = IDDoc{}; return unmarshalWire(b, x) }

// Device is the device a participant used.
type Device struct {
	UserAgent string `json:"userAgent"`
	SessionID string `json:"sessionId"`
	// SessionAgeMs is the session's age in milliseconds.
	SessionAgeMs    Number `json:"sessionAgeMs"`
	Fingerprint     string `json:"fingerprint"`
	AcceptLang      string `json:"acceptLang"`
	Platform        string `json:"platform"`
	DeviceBindingID string `json:"deviceBindingId"`

	Address       *Address       `json:"address"`
	Coords        *Coords        `json:"coords"`
	IPInfo        *IPInfo        `json:"ipInfo"`
	UserAgentInfo *UserAgentInfo `json:"userAgentInfo"`

	// Extra: see Transaction.Extra.
	Extra map[string]json.RawMessage `json:"-"`
}

// MarshalJSON encodes the object losslessly.
func (x Device) MarshalJSON() ([]byte, error) { return marshalWire(&x) }

// UnmarshalJSON decodes the object, keeping what it does not model.
func (x *Device) UnmarshalJSON(b []byte) error { *x = Device{}; return unmarshalWire(b, x) }

// Coords are a device's coordinates. Sumsub's examples send them both as
// numbers and as strings; each keeps its token.
type Coords struct {
	Lat Number `json:"lat"`
	Lon Number `json:"lon"`
	// Accuracy is in metres.
	Accuracy Number `json:"accuracy"`

	// Extra: see Transaction.Extra.
	Extra map[string]json.RawMessage `json:"-"`
}

// MarshalJSON encodes the object losslessly.
func (x Coords) MarshalJSON() ([]byte, error) { return marshalWire(&x) }

// UnmarshalJSON decodes the object, keeping what it does not model.
func (x *Coords) UnmarshalJSON(b []byte) error { *x = Coords{}; return unmarshalWire(b, x) }

// IPInfo is what is known of a device's IP address. IP is a plain string:
// Sumsub's own examples carry values that are not IP addresses ("242.1.1"),
// and coordinates outside geographic ranges; nothing here validates them.
// Sumsub fills the fields after Lon in its responses.
type IPInfo struct {
	IP           string `json:"ip"`
	Lat          Number `json:"lat"`
	Lon          Number `json:"lon"`
	CountryCode3 string `json:"countryCode3"`
	CountryCode2 string `json:"countryCode2"`
	City         string `json:"city"`
	ZipCode      string `json:"zipCode"`
	ASN          Number `json:"asn"`
	ASNOrg       string `json:"asnOrg"`
	RiskyASN     bool   `json:"riskyAsn"`

	// Extra: see Transaction.Extra.
	Extra map[string]json.RawMessage `json:"-"`
}

// MarshalJSON encodes the object losslessly.
func (x IPInfo) MarshalJSON() ([]byte, error) { return marshalWire(&x) }

// UnmarshalJSON decodes the object, keeping what it does not model.
func (x *IPInfo) UnmarshalJSON(b []byte) error { *x = IPInfo{}; return unmarshalWire(b, x) }

// UserAgentInfo is "userAgentInfo".
type UserAgentInfo struct {
	UserAgent string `json:"userAgent"`

	// Extra: see Transaction.Extra.
	Extra map[string]json.RawMessage `json:"-"`
}

// MarshalJSON encodes the object losslessly.
func (x UserAgentInfo) MarshalJSON() ([]byte, error) { return marshalWire(&x) }

// UnmarshalJSON decodes the object, keeping what it does not model.
func (x *UserAgentInfo) UnmarshalJSON(b []byte) error {
	*x = UserAgentInfo{}
	return unmarshalWire(b, x)
}

// PaymentMethod is how a participant pays or is paid: a card, a bank
// account, a wallet.
type PaymentMethod struct {
	Type    PaymentMethodType `json:"type"`
	SubType string            `json:"subType"`
	// AccountID is the IBAN, masked card number or wallet address. Sumsub
	// documents it as required for a crypto check, on the side that
	// receives; whether a transaction is one is Sumsub's decision, so
	// Validate does not require it.
	AccountID      string `json:"accountId"`
	AccountIDHash  string `json:"accountIdHash"`
	IssuingCountry string `json:"issuingCountry"`
	Memo           string `json:"memo"`
	Fingerprint    string `json:"fingerprint"`
	ThreeDSUsed    bool   `json:"3dsUsed"`
	TwoFAUsed      bool   `json:"2faUsed"`

	// Extra: see Transaction.Extra.
	Extra map[string]json.RawMessage `json:"-"`
}

// MarshalJSON encodes the object losslessly.
func (x PaymentMethod) MarshalJSON() ([]byte, error) { return marshalWire(&x) }

// UnmarshalJSON decodes the object, keeping what it does not model.
func (x *PaymentMethod) UnmarshalJSON(b []byte) error {
	*x = PaymentMethod{}
	return unmarshalWire(b, x)
}

// InstitutionInfo is the participant's bank or VASP.
type InstitutionInfo struct {
	// Code is e.g. a BIC.
	Code    string   `json:"code"`
	Name    string   `json:"name"`
	Address *Address `json:"address"`
	// InternalID is Sumsub's VASP id of the counterparty's VASP. When given
	// Sumsub trusts it and uses that VASP; strongly recommended for the
	// Travel Rule.
	InternalID string `json:"internalId"`

	// Extra: see Transaction.Extra.
	Extra map[string]json.RawMessage `json:"-"`
}

// MarshalJSON encodes the object losslessly.
func (x InstitutionInfo) MarshalJSON() ([]byte, error) { return marshalWire(&x) }

// UnmarshalJSON decodes the object, keeping what it does not model.
func (x *InstitutionInfo) UnmarshalJSON(b []byte) error {
	*x = InstitutionInfo{}
	return unmarshalWire(b, x)
}

// Person is a company's "ceo".
type Person struct {
	FirstName   string   `json:"firstName"`
	FirstNameEn string   `json:"firstNameEn"`
	LastName    string   `json:"lastName"`
	LastNameEn  string   `json:"lastNameEn"`
	NameType    NameType `json:"nameType"`

	// Extra: see Transaction.Extra.
	Extra map[string]json.RawMessage `json:"-"`
}

// MarshalJSON encodes the object losslessly.
func (x Person) MarshalJSON() ([]byte, error) { return marshalWire(&x) }

// UnmarshalJSON decodes the object, keeping what it does not model.
func (x *Person) UnmarshalJSON(b []byte) error { *x = Person{}; return unmarshalWire(b, x) }
