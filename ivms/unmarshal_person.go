package ivms

// Decoders for Person and everything below it. Key cases are the lookup
// form (lower case, no '_') of every spelling seen on the wire.

// field reads a text member, with name on the path for errors.
func (d *decoder) field(name string) string {
	d.push(name, -1)
	v := d.text()
	d.pop()
	return v
}

// setText stores v unless it is absent, so that a blank duplicate (say
// "customerNumber": "" beside "customerIdentification") never erases a value.
func setText(dst *string, v string) {
	if v != "" {
		*dst = v
	}
}

func (d *decoder) person() (Person, bool) {
	var p Person
	if !d.enterObject() {
		return p, false
	}
	first := true
	for d.member(&first) {
		if !d.personMember(&p) {
			d.unknown()
		}
	}
	return p, !p.isEmpty()
}

// personMember decodes the member at hand into p if it is a Person element.
func (d *decoder) personMember(p *Person) bool {
	switch string(d.key) {
	case "naturalperson":
		d.push("naturalPerson", -1)
		if np := d.naturalPerson(); np != nil {
			p.NaturalPerson = np
		}
	case "legalperson":
		d.push("legalPerson", -1)
		if lp := d.legalPerson(); lp != nil {
			p.LegalPerson = lp
		}
	case "accountnumber", "accountnumbers":
		n := len(p.AccountNumbers)
		p.AccountNumbers = d.texts("accountNumber", p.AccountNumbers)
		if len(p.AccountNumbers) > n {
			d.saw2023 = true
		}
		return true
	default:
		return false
	}
	d.pop()
	return true
}

func (d *decoder) naturalPerson() *NaturalPerson {
	if !d.enterObject() {
		return nil
	}
	var np NaturalPerson
	first := true
	for d.member(&first) {
		switch string(d.key) {
		case "name":
			n := &np.Name
			decodeName(d, &n.NameIdentifiers, &n.LocalNameIdentifiers, &n.PhoneticNameIdentifiers, (*decoder).naturalNameID)
		case "geographicaddress", "geographicaddresses":
			np.GeographicAddresses = decodeList(d, "geographicAddress", np.GeographicAddresses, (*decoder).address)
		case "nationalidentification":
			d.push("nationalIdentification", -1)
			np.NationalIdentification = d.nationalID()
			d.pop()
		case "customeridentification":
			setText(&np.CustomerIdentification, d.field("customerIdentification"))
		case "dateandplaceofbirth":
			d.push("dateAndPlaceOfBirth", -1)
			np.DateAndPlaceOfBirth = d.birth()
			d.pop()
		case "countryofresidence":
			d.push("countryOfResidence", -1)
			setText(&np.CountryOfResidence, d.country())
			d.pop()
		default:
			d.unknown()
		}
	}
	if np.isEmpty() {
		return nil
	}
	return &np
}

// decodeName decodes a name — natural or legal, whose identifier lists
// elem decodes — given as an object, or as an array of objects whose lists
// are concatenated (Notabene v1).
func decodeName[T any](d *decoder, latin, local, phonetic *[]T, elem func(*decoder) (T, bool)) {
	d.push("name", -1)
	defer d.pop()
	if d.peek() != '[' {
		decodeNameObject(d, latin, local, phonetic, elem)
		return
	}
	d.pos++
	first := true
	for d.elem(&first) {
		decodeNameObject(d, latin, local, phonetic, elem)
	}
}

func decodeNameObject[T any](d *decoder, latin, local, phonetic *[]T, elem func(*decoder) (T, bool)) {
	if !d.enterObject() {
		return
	}
	first := true
	for d.member(&first) {
		switch string(d.key) {
		case "nameidentifier", "nameidentifiers":
			*latin = decodeList(d, "nameIdentifier", *latin, elem)
		case "localnameidentifier", "localnameidentifiers":
			*local = decodeList(d, "localNameIdentifier", *local, elem)
		case "phoneticnameidentifier", "phoneticnameidentifiers":
			*phonetic = decodeList(d, "phoneticNameIdentifier", *phonetic, elem)
		default:
			d.unknown()
		}
	}
}

func (d *decoder) naturalNameID() (NaturalPersonNameID, bool) {
	var id NaturalPersonNameID
	if !d.enterObject() {
		return id, false
	}
	first := true
	for d.member(&first) {
		switch string(d.key) {
		case "primaryidentifier":
			setText(&id.PrimaryIdentifier, d.field("primaryIdentifier"))
		case "secondaryidentifier":
			setText(&id.SecondaryIdentifier, d.field("secondaryIdentifier"))
		case "nameidentifiertype":
			d.push("nameIdentifierType", -1)
			setText((*string)(&id.NameIdentifierType), d.code(naturalNamePrefix, naturalNameCodes))
			d.pop()
		case "naturalpersonnameidentifiertype":
			d.saw2023 = true
			d.push("naturalPersonNameIdentifierType", -1)
			setText((*string)(&id.NameIdentifierType), d.code(naturalNamePrefix, naturalNameCodes))
			d.pop()
		default:
			d.unknown()
		}
	}
	return id, id != NaturalPersonNameID{}
}

func (d *decoder) legalPerson() *LegalPerson {
	if !d.enterObject() {
		return nil
	}
	var lp LegalPerson
	first := true
	for d.member(&first) {
		switch string(d.key) {
		case "name":
			n := &lp.Name
			decodeName(d, &n.NameIdentifiers, &n.LocalNameIdentifiers, &n.PhoneticNameIdentifiers, (*decoder).legalNameID)
		case "geographicaddress", "geographicaddresses":
			lp.GeographicAddresses = decodeList(d, "geographicAddress", lp.GeographicAddresses, (*decoder).address)
		case "customeridentification", "customernumber":
			setText(&lp.CustomerIdentification, d.field("customerIdentification"))
		case "nationalidentification":
			d.push("nationalIdentification", -1)
			lp.NationalIdentification = d.nationalID()
			d.pop()
		case "countryofregistration":
			d.push("countryOfRegistration", -1)
			setText(&lp.CountryOfRegistration, d.country())
			d.pop()
		default:
			d.unknown()
		}
	}
	if lp.isEmpty() {
		return nil
	}
	return &lp
}

func (d *decoder) legalNameID() (LegalPersonNameID, bool) {
	var id LegalPersonNameID
	if !d.enterObject() {
		return id, false
	}
	first := true
	for d.member(&first) {
		switch string(d.key) {
		case "legalpersonname":
			setText(&id.LegalPersonName, d.field("legalPersonName"))
		case "legalpersonnameidentifiertype":
			d.push("legalPersonNameIdentifierType", -1)
			setText((*string)(&id.LegalPersonNameIdentifierType), d.code(legalNamePrefix, legalNameCodes))
			d.pop()
		default:
			d.unknown()
		}
	}
	return id, id != LegalPersonNameID{}
}

func (d *decoder) address() (Address, bool) {
	var a Address
	if !d.enterObject() {
		return a, false
	}
	first := true
	for d.member(&first) {
		switch string(d.key) {
		case "addresstype":
			d.push("addressType", -1)
			setText((*string)(&a.AddressType), d.code(addressPrefix, addressCodes))
			d.pop()
		case "department":
			setText(&a.Department, d.field("department"))
		case "subdepartment":
			setText(&a.SubDepartment, d.field("subDepartment"))
		case "streetname":
			setText(&a.StreetName, d.field("streetName"))
		case "buildingnumber":
			setText(&a.BuildingNumber, d.field("buildingNumber"))
		case "buildingname":
			setText(&a.BuildingName, d.field("buildingName"))
		case "floor":
			setText(&a.Floor, d.field("floor"))
		case "postbox":
			setText(&a.PostBox, d.field("postBox"))
		case "room":
			setText(&a.Room, d.field("room"))
		case "postcode":
			setText(&a.PostCode, d.field("postCode"))
		case "townname":
			setText(&a.TownName, d.field("townName"))
		case "townlocationname":
			setText(&a.TownLocationName, d.field("townLocationName"))
		case "districtname":
			setText(&a.DistrictName, d.field("districtName"))
		case "countrysubdivision":
			setText(&a.CountrySubDivision, d.field("countrySubDivision"))
		case "addressline", "addresslines":
			a.AddressLines = d.texts("addressLine", a.AddressLines)
		case "country":
			d.push("country", -1)
			setText(&a.Country, d.country())
			d.pop()
		default:
			d.unknown()
		}
	}
	return a, !a.isEmpty()
}

func (d *decoder) nationalID() *NationalIdentification {
	if !d.enterObject() {
		return nil
	}
	var n NationalIdentification
	first := true
	for d.member(&first) {
		switch string(d.key) {
		case "nationalidentifier":
			setText(&n.NationalIdentifier, d.field("nationalIdentifier"))
		case "nationalidentifiertype":
			d.push("nationalIdentifierType", -1)
			setText((*string)(&n.NationalIdentifierType), d.code(nationalIDPrefix, nationalIDCodes))
			d.pop()
		case "countryofissue":
			d.push("countryOfIssue", -1)
			setText(&n.CountryOfIssue, d.country())
			d.pop()
		case "registrationauthority":
			setText(&n.RegistrationAuthority, d.field("registrationAuthority"))
		default:
			d.unknown()
		}
	}
	if n == (NationalIdentification{}) {
		return nil
	}
	return &n
}

func (d *decoder) birth() *DateAndPlaceOfBirth {
	if !d.enterObject() {
		return nil
	}
	var b DateAndPlaceOfBirth
	first := true
	for d.member(&first) {
		switch string(d.key) {
		case "dateofbirth":
			setText(&b.DateOfBirth, d.field("dateOfBirth"))
		case "placeofbirth":
			setText(&b.PlaceOfBirth, d.field("placeOfBirth"))
		default:
			d.unknown()
		}
	}
	if b == (DateAndPlaceOfBirth{}) {
		return nil
	}
	return &b
}
