package ivms

import (
	"encoding/json"
	"strconv"
	"time"
)

// Builders for the common cases. They only assemble the model: whatever is
// missing or malformed is reported by Validate (PayloadBuilder.Build runs it).
// Each builder method returns the builder, so calls chain; Person and Build
// return copies, so a builder can be reused as a template.

// NaturalPersonBuilder builds a natural Person.
type NaturalPersonBuilder struct{ np NaturalPerson }

// NewNaturalPerson starts a natural person with their legal (LEGL) name:
// the family name as primaryIdentifier and the given names as
// secondaryIdentifier (pass "" for a name that cannot be split). Names in
// a non-Latin script go to LocalName.
func NewNaturalPerson(familyName, givenNames string) *NaturalPersonBuilder {
	return (&NaturalPersonBuilder{}).Name(NameTypeLegal, familyName, givenNames)
}

// Name adds a Latin-script name of the given type (an alias, a maiden name…).
func (b *NaturalPersonBuilder) Name(typ NaturalPersonNameType, primary, secondary string) *NaturalPersonBuilder {
	b.np.Name.NameIdentifiers = append(b.np.Name.NameIdentifiers, NaturalPersonNameID{primary, secondary, typ})
	return b
}

// LocalName adds a name in the person's own script (any Unicode).
func (b *NaturalPersonBuilder) LocalName(typ NaturalPersonNameType, primary, secondary string) *NaturalPersonBuilder {
	b.np.Name.LocalNameIdentifiers = append(b.np.Name.LocalNameIdentifiers, NaturalPersonNameID{primary, secondary, typ})
	return b
}

// PhoneticName adds how a name is pronounced.
func (b *NaturalPersonBuilder) PhoneticName(typ NaturalPersonNameType, primary, secondary string) *NaturalPersonBuilder {
	b.np.Name.PhoneticNameIdentifiers = append(b.np.Name.PhoneticNameIdentifiers, NaturalPersonNameID{primary, secondary, typ})
	return b
}

// Address adds a geographic address.
func (b *NaturalPersonBuilder) Address(a Address) *NaturalPersonBuilder {
	a.Country = normalizeCountry(a.Country)
	b.np.GeographicAddresses = append(b.np.GeographicAddresses, a)
	return b
}

// DateOfBirth sets the date (its calendar date in its own location) and
// place of birth.
func (b *NaturalPersonBuilder) DateOfBirth(date time.Time, place string) *NaturalPersonBuilder {
	b.np.DateAndPlaceOfBirth = &DateAndPlaceOfBirth{DateOfBirth: date.Format("2006-01-02"), PlaceOfBirth: place}
	return b
}

// NationalID sets the national identification: a passport (NationalIDPassport),
// identity card, tax id… and the country that issued it.
func (b *NaturalPersonBuilder) NationalID(typ NationalIdentifierType, id, countryOfIssue string) *NaturalPersonBuilder {
	b.np.NationalIdentification = &NationalIdentification{
		NationalIdentifier:     id,
		NationalIdentifierType: typ,
		CountryOfIssue:         normalizeCountry(countryOfIssue),
	}
	return b
}

// CustomerID sets the VASP's own reference for the customer (customerIdentification).
func (b *NaturalPersonBuilder) CustomerID(id string) *NaturalPersonBuilder {
	b.np.CustomerIdentification = id
	return b
}

// CountryOfResidence sets the ISO 3166-1 alpha-2 country of residence.
func (b *NaturalPersonBuilder) CountryOfResidence(country string) *NaturalPersonBuilder {
	b.np.CountryOfResidence = normalizeCountry(country)
	return b
}

// Person returns the natural person built so far (a copy).
func (b *NaturalPersonBuilder) Person() Person {
	np := b.np
	p := Person{NaturalPerson: &np}
	p.deepen()
	return p
}

// LegalPersonBuilder builds a legal Person: a company, or a VASP.
type LegalPersonBuilder struct{ lp LegalPerson }

// NewLegalPerson starts a legal person with its legal (LEGL) name.
func NewLegalPerson(legalName string) *LegalPersonBuilder {
	return (&LegalPersonBuilder{}).Name(LegalNameTypeLegal, legalName)
}

// NewVASP starts a VASP: a legal person with its legal name and its LEI as
// national identification (type LEIX, no registration authority, C9).
func NewVASP(legalName, lei string) *LegalPersonBuilder {
	return NewLegalPerson(legalName).LEI(lei)
}

// Name adds a name of the given type (LegalNameTypeShort, LegalNameTypeTrading…).
func (b *LegalPersonBuilder) Name(typ LegalPersonNameType, name string) *LegalPersonBuilder {
	b.lp.Name.NameIdentifiers = append(b.lp.Name.NameIdentifiers, LegalPersonNameID{name, typ})
	return b
}

// LocalName adds a name in a local script (any Unicode).
func (b *LegalPersonBuilder) LocalName(typ LegalPersonNameType, name string) *LegalPersonBuilder {
	b.lp.Name.LocalNameIdentifiers = append(b.lp.Name.LocalNameIdentifiers, LegalPersonNameID{name, typ})
	return b
}

// LEI sets the national identification to a Legal Entity Identifier.
func (b *LegalPersonBuilder) LEI(lei string) *LegalPersonBuilder {
	b.lp.NationalIdentification = &NationalIdentification{NationalIdentifier: lei, NationalIdentifierType: NationalIDLEI}
	return b
}

// NationalID sets another national identification: a company register
// number (NationalIDRegistrationAuthority), a tax id (NationalIDTax) or
// NationalIDMisc, with the GLEIF code of the registration authority
// (e.g. "RA000585"), which legal persons need for these types (C9).
func (b *LegalPersonBuilder) NationalID(typ NationalIdentifierType, id, registrationAuthority string) *LegalPersonBuilder {
	b.lp.NationalIdentification = &NationalIdentification{
		NationalIdentifier:     id,
		NationalIdentifierType: typ,
		RegistrationAuthority:  registrationAuthority,
	}
	return b
}

// Address adds a geographic address (for an originator, a GEOG one
// satisfies C4).
func (b *LegalPersonBuilder) Address(a Address) *LegalPersonBuilder {
	a.Country = normalizeCountry(a.Country)
	b.lp.GeographicAddresses = append(b.lp.GeographicAddresses, a)
	return b
}

// CustomerID sets the VASP's own reference for the customer.
func (b *LegalPersonBuilder) CustomerID(id string) *LegalPersonBuilder {
	b.lp.CustomerIdentification = id
	return b
}

// CountryOfRegistration sets the ISO 3166-1 alpha-2 country of registration.
func (b *LegalPersonBuilder) CountryOfRegistration(country string) *LegalPersonBuilder {
	b.lp.CountryOfRegistration = normalizeCountry(country)
	return b
}

// Person returns the legal person built so far (a copy).
func (b *LegalPersonBuilder) Person() Person {
	lp := b.lp
	p := Person{LegalPerson: &lp}
	p.deepen()
	return p
}

// PayloadBuilder assembles an IdentityPayload.
type PayloadBuilder struct {
	p       IdentityPayload
	edition Version
}

// NewPayload starts an empty IVMS101 2020 payload.
func NewPayload() *PayloadBuilder { return &PayloadBuilder{} }

// Edition selects the edition of the result (Version2020 by default);
// Build converts to it (see IdentityPayload.Convert).
func (b *PayloadBuilder) Edition(v Version) *PayloadBuilder {
	b.edition = v
	return b
}

// Originator adds an originator person and account numbers (wallet
// addresses, with a ":tag" or memo if the chain needs one).
func (b *PayloadBuilder) Originator(p Person, accountNumbers ...string) *PayloadBuilder {
	if b.p.Originator == nil {
		b.p.Originator = &Originator{}
	}
	b.p.Originator.OriginatorPersons = append(b.p.Originator.OriginatorPersons, p)
	b.p.Originator.AccountNumbers = append(b.p.Originator.AccountNumbers, accountNumbers...)
	return b
}

// Beneficiary adds a beneficiary person and account numbers.
func (b *PayloadBuilder) Beneficiary(p Person, accountNumbers ...string) *PayloadBuilder {
	if b.p.Beneficiary == nil {
		b.p.Beneficiary = &Beneficiary{}
	}
	b.p.Beneficiary.BeneficiaryPersons = append(b.p.Beneficiary.BeneficiaryPersons, p)
	b.p.Beneficiary.AccountNumbers = append(b.p.Beneficiary.AccountNumbers, accountNumbers...)
	return b
}

// OriginatingVASP sets the originating VASP.
func (b *PayloadBuilder) OriginatingVASP(p Person) *PayloadBuilder {
	b.p.OriginatingVASP = &OriginatingVASP{Person: &p}
	return b
}

// BeneficiaryVASP sets the beneficiary VASP.
func (b *PayloadBuilder) BeneficiaryVASP(p Person) *PayloadBuilder {
	b.p.BeneficiaryVASP = &BeneficiaryVASP{Person: &p}
	return b
}

// Intermediary appends an intermediary VASP to the transfer path with the
// next sequence number (0, 1, 2…).
func (b *PayloadBuilder) Intermediary(p Person) *PayloadBuilder {
	if b.p.TransferPath == nil {
		b.p.TransferPath = &TransferPath{}
	}
	t := b.p.TransferPath
	t.Intermediaries = append(t.Intermediaries, IntermediaryVASP{
		Person:   &p,
		Sequence: json.Number(strconv.Itoa(len(t.Intermediaries))),
	})
	return b
}

// Transliteration records the methods used to write local names in Latin script.
func (b *PayloadBuilder) Transliteration(methods ...TransliterationMethod) *PayloadBuilder {
	if b.p.PayloadMetadata == nil {
		b.p.PayloadMetadata = &PayloadMetadata{}
	}
	b.p.PayloadMetadata.TransliterationMethods = append(b.p.PayloadMetadata.TransliterationMethods, methods...)
	return b
}

// Build returns the payload (a copy, in the selected edition) and the
// result of validating it with opts: nil or ValidationErrors. The payload
// is returned in both cases so the caller can inspect or fix it.
func (b *PayloadBuilder) Build(opts ...ValidateOption) (*IdentityPayload, error) {
	p := b.p.Convert(b.edition)
	return p, p.ValidateWith(opts...)
}

// normalizeCountry upper-cases a two-letter country code (codes are
// case-insensitive; the canonical form is upper case).
func normalizeCountry(v string) string {
	if len(v) == 2 && (isLowerASCII(v[0]) || isLowerASCII(v[1])) {
		return string([]byte{upperASCII(v[0]), upperASCII(v[1])})
	}
	return v
}

func isLowerASCII(c byte) bool { return c >= 'a' && c <= 'z' }
