package ivms

// encoding/json support for the model's element types. json.Marshal of any
// of them writes the element's IVMS101 JSON with the Canonical dialect's
// names and shapes (the same encoder as Marshal), never the Go field names;
// json.Unmarshal reads it in every dialect Unmarshal reads. An element on
// its own belongs to no edition, so nothing is converted: a Person's own
// accountNumber and a PayloadMetadata's payloadVersion (2023 elements) are
// written when set, and json.Marshal then json.Unmarshal gives the value
// back. IdentityPayload's MarshalJSON is Marshal(p, Canonical) (marshal.go).
//
// The receivers of MarshalJSON are values, so a T and a *T encode alike.
// An element with nothing in it is written as {}.
//
// JSON is where the model shows its data: a slog attribute or a fmt verb
// never does (redact.go), but json.Marshal of a value holding these types
// (a []Person in a log attribute, say) writes the PII.

// marshalElement writes one element with the lossless Canonical encoder.
func marshalElement(write func(e *encoder)) ([]byte, error) {
	e := encoder{b: make([]byte, 0, 512), d: Canonical, lossless: true}
	write(&e)
	if len(e.b) == 0 {
		e.b = append(e.b, "{}"...)
	}
	return e.b, nil
}

// unmarshalElement decodes data, one element, with read; JSON null leaves
// the destination unchanged (encoding/json's convention), and read is only
// called for other values. Errors are *DecodeError, as from Unmarshal.
func unmarshalElement(data []byte, read func(d *decoder)) error {
	if isJSONNull(data) {
		return nil
	}
	d := decoder{scanner: newScanner(data)}
	read(&d)
	d.end()
	if d.err != nil {
		return d.err
	}
	return nil
}

// MarshalJSON writes {"originatorPersons": […], "accountNumber": […]}.
func (o Originator) MarshalJSON() ([]byte, error) {
	return marshalElement(func(e *encoder) { e.entity("", "originatorPersons", o.OriginatorPersons, o.AccountNumbers) })
}

// UnmarshalJSON reads an originator in any dialect.
func (o *Originator) UnmarshalJSON(data []byte) error {
	return unmarshalElement(data, func(d *decoder) {
		persons, accounts := d.party("originatorPersons", "originatorpersons", "originatorperson", true)
		if d.err == nil {
			*o = Originator{OriginatorPersons: persons, AccountNumbers: accounts}
		}
	})
}

// MarshalJSON writes {"beneficiaryPersons": […], "accountNumber": […]}.
func (b Beneficiary) MarshalJSON() ([]byte, error) {
	return marshalElement(func(e *encoder) { e.entity("", "beneficiaryPersons", b.BeneficiaryPersons, b.AccountNumbers) })
}

// UnmarshalJSON reads a beneficiary in any dialect.
func (b *Beneficiary) UnmarshalJSON(data []byte) error {
	return unmarshalElement(data, func(d *decoder) {
		persons, accounts := d.party("beneficiaryPersons", "beneficiarypersons", "beneficiaryperson", false)
		if d.err == nil {
			*b = Beneficiary{BeneficiaryPersons: persons, AccountNumbers: accounts}
		}
	})
}

// MarshalJSON writes the nested form {"originatingVASP": Person}.
func (v OriginatingVASP) MarshalJSON() ([]byte, error) {
	return marshalElement(func(e *encoder) { e.vasp("", "originatingVASP", v.Person) })
}

// UnmarshalJSON reads the nested or the bare form.
func (v *OriginatingVASP) UnmarshalJSON(data []byte) error {
	return unmarshalElement(data, func(d *decoder) {
		p := d.vasp("originatingvasp", "originatingVASP")
		if d.err == nil {
			*v = OriginatingVASP{Person: p}
		}
	})
}

// MarshalJSON writes the nested form {"beneficiaryVASP": Person}.
func (v BeneficiaryVASP) MarshalJSON() ([]byte, error) {
	return marshalElement(func(e *encoder) { e.vasp("", "beneficiaryVASP", v.Person) })
}

// UnmarshalJSON reads the nested or the bare form.
func (v *BeneficiaryVASP) UnmarshalJSON(data []byte) error {
	return unmarshalElement(data, func(d *decoder) {
		p := d.vasp("beneficiaryvasp", "beneficiaryVASP")
		if d.err == nil {
			*v = BeneficiaryVASP{Person: p}
		}
	})
}

// MarshalJSON writes the nested form {"transferPath": […]}.
func (t TransferPath) MarshalJSON() ([]byte, error) {
	return marshalElement(func(e *encoder) {
		m := e.beginObject("")
		am := e.beginArray("transferPath")
		for i := range t.Intermediaries {
			e.intermediary(&t.Intermediaries[i])
		}
		e.endArray(am)
		e.endObject(m)
	})
}

// UnmarshalJSON reads the nested form or a bare array.
func (t *TransferPath) UnmarshalJSON(data []byte) error {
	return unmarshalElement(data, func(d *decoder) {
		items := d.transferPath()
		if d.err == nil {
			*t = TransferPath{Intermediaries: items}
		}
	})
}

// MarshalJSON writes {"intermediaryVASP": Person, "sequence": n}.
func (v IntermediaryVASP) MarshalJSON() ([]byte, error) {
	return marshalElement(func(e *encoder) { e.intermediary(&v) })
}

// UnmarshalJSON reads an intermediary in any dialect.
func (v *IntermediaryVASP) UnmarshalJSON(data []byte) error {
	return unmarshalElement(data, func(d *decoder) {
		iv, _ := d.intermediary()
		if d.err == nil {
			*v = iv
		}
	})
}

// MarshalJSON writes {"transliterationMethod": […], "payloadVersion": …}.
func (m PayloadMetadata) MarshalJSON() ([]byte, error) {
	return marshalElement(func(e *encoder) { e.metadata("", &m) })
}

// UnmarshalJSON reads payload metadata in any dialect.
func (m *PayloadMetadata) UnmarshalJSON(data []byte) error {
	return unmarshalElement(data, func(d *decoder) {
		md := d.metadata()
		if d.err == nil {
			*m = PayloadMetadata{}
			if md != nil {
				*m = *md
			}
		}
	})
}

// MarshalJSON writes {"naturalPerson": …, "legalPerson": …, "accountNumber": […]}.
func (p Person) MarshalJSON() ([]byte, error) {
	return marshalElement(func(e *encoder) { e.person("", &p, p.AccountNumbers) })
}

// UnmarshalJSON reads a person in any dialect.
func (p *Person) UnmarshalJSON(data []byte) error {
	return unmarshalElement(data, func(d *decoder) {
		q, _ := d.person()
		if d.err == nil {
			*p = q
		}
	})
}

// MarshalJSON writes {"name": …, "geographicAddress": […], …}.
func (np NaturalPerson) MarshalJSON() ([]byte, error) {
	return marshalElement(func(e *encoder) { e.naturalPerson("", &np) })
}

// UnmarshalJSON reads a natural person in any dialect.
func (np *NaturalPerson) UnmarshalJSON(data []byte) error {
	return unmarshalElement(data, func(d *decoder) {
		q := d.naturalPerson()
		if d.err == nil {
			*np = NaturalPerson{}
			if q != nil {
				*np = *q
			}
		}
	})
}

// MarshalJSON writes {"name": …, "geographicAddress": […], …}.
func (lp LegalPerson) MarshalJSON() ([]byte, error) {
	return marshalElement(func(e *encoder) { e.legalPerson("", &lp) })
}

// UnmarshalJSON reads a legal person in any dialect.
func (lp *LegalPerson) UnmarshalJSON(data []byte) error {
	return unmarshalElement(data, func(d *decoder) {
		q := d.legalPerson()
		if d.err == nil {
			*lp = LegalPerson{}
			if q != nil {
				*lp = *q
			}
		}
	})
}

// MarshalJSON writes {"nameIdentifier": […], "localNameIdentifier": […], …}.
func (n NaturalPersonName) MarshalJSON() ([]byte, error) {
	return marshalElement(func(e *encoder) { e.naturalName("", &n) })
}

// UnmarshalJSON reads a natural person's name: an object, or an array of
// objects whose lists are concatenated.
func (n *NaturalPersonName) UnmarshalJSON(data []byte) error {
	return unmarshalElement(data, func(d *decoder) {
		var q NaturalPersonName
		decodeName(d, &q.NameIdentifiers, &q.LocalNameIdentifiers, &q.PhoneticNameIdentifiers, (*decoder).naturalNameID)
		if d.err == nil {
			*n = q
		}
	})
}

// MarshalJSON writes {"primaryIdentifier", "secondaryIdentifier", "nameIdentifierType"}.
func (n NaturalPersonNameID) MarshalJSON() ([]byte, error) {
	return marshalElement(func(e *encoder) { e.naturalNameID("nameIdentifierType", &n) })
}

// UnmarshalJSON reads one name in any dialect.
func (n *NaturalPersonNameID) UnmarshalJSON(data []byte) error {
	return unmarshalElement(data, func(d *decoder) {
		q, _ := d.naturalNameID()
		if d.err == nil {
			*n = q
		}
	})
}

// MarshalJSON writes {"nameIdentifier": […], "localNameIdentifier": […], …}.
func (n LegalPersonName) MarshalJSON() ([]byte, error) {
	return marshalElement(func(e *encoder) { e.legalName("", &n) })
}

// UnmarshalJSON reads a legal person's name: an object, or an array of
// objects whose lists are concatenated.
func (n *LegalPersonName) UnmarshalJSON(data []byte) error {
	return unmarshalElement(data, func(d *decoder) {
		var q LegalPersonName
		decodeName(d, &q.NameIdentifiers, &q.LocalNameIdentifiers, &q.PhoneticNameIdentifiers, (*decoder).legalNameID)
		if d.err == nil {
			*n = q
		}
	})
}

// MarshalJSON writes {"legalPersonName", "legalPersonNameIdentifierType"}.
func (n LegalPersonNameID) MarshalJSON() ([]byte, error) {
	return marshalElement(func(e *encoder) { e.legalNameID(&n) })
}

// UnmarshalJSON reads one name in any dialect.
func (n *LegalPersonNameID) UnmarshalJSON(data []byte) error {
	return unmarshalElement(data, func(d *decoder) {
		q, _ := d.legalNameID()
		if d.err == nil {
			*n = q
		}
	})
}

// MarshalJSON writes one geographicAddress item.
func (a Address) MarshalJSON() ([]byte, error) {
	return marshalElement(func(e *encoder) { e.address(&a) })
}

// UnmarshalJSON reads an address in any dialect.
func (a *Address) UnmarshalJSON(data []byte) error {
	return unmarshalElement(data, func(d *decoder) {
		q, _ := d.address()
		if d.err == nil {
			*a = q
		}
	})
}

// MarshalJSON writes {"nationalIdentifier", "nationalIdentifierType", …}.
func (n NationalIdentification) MarshalJSON() ([]byte, error) {
	return marshalElement(func(e *encoder) { e.nationalID("", &n) })
}

// UnmarshalJSON reads a national identification in any dialect.
func (n *NationalIdentification) UnmarshalJSON(data []byte) error {
	return unmarshalElement(data, func(d *decoder) {
		q := d.nationalID()
		if d.err == nil {
			*n = NationalIdentification{}
			if q != nil {
				*n = *q
			}
		}
	})
}

// MarshalJSON writes {"dateOfBirth", "placeOfBirth"}.
func (b DateAndPlaceOfBirth) MarshalJSON() ([]byte, error) {
	return marshalElement(func(e *encoder) { e.birth("", &b) })
}

// UnmarshalJSON reads a date and place of birth in any dialect.
func (b *DateAndPlaceOfBirth) UnmarshalJSON(data []byte) error {
	return unmarshalElement(data, func(d *decoder) {
		q := d.birth()
		if d.err == nil {
			*b = DateAndPlaceOfBirth{}
			if q != nil {
				*b = *q
			}
		}
	})
}
