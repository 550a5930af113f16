package ivms

import "reflect"

// encoding/json support for the model's element types. json.Marshal of any
// of them writes the element's IVMS101 JSON in the Canonical dialect's
// names and shapes — the field tags of model.go, codes in upper case
// (MarshalText), a sequence as a number — never the Go field names, and
// with every value it holds: an element on its own belongs to no edition,
// so a Person's own accountNumber and a PayloadMetadata's payloadVersion
// (2023 elements) are written when set. json.Unmarshal reads an element in
// every dialect Unmarshal reads, with its errors (*DecodeError), and JSON
// null leaves the destination unchanged. IdentityPayload's MarshalJSON is
// Marshal(p, Canonical) (marshal.go).
//
// JSON is where the model shows its data: a slog attribute or a fmt verb
// never does (redact.go), but json.Marshal of a value holding these types
// (a []Person in a log attribute, say) writes the PII.

// unmarshalElement decodes data, one element, into *v with Unmarshal's decoder.
func unmarshalElement[T any](data []byte, v *T) error {
	var q T
	null := false
	err := decodeJSON(data, nil, func(d *decoder) {
		q = *new(T)
		tok := d.next()
		null = tok == nil
		d.decode(tok, reflect.ValueOf(&q).Elem())
		d.end()
	})
	if err == nil && !null {
		*v = q
	}
	return err
}

// UnmarshalJSON reads the element in any dialect Unmarshal reads.
func (v *Originator) UnmarshalJSON(data []byte) error { return unmarshalElement(data, v) }

// UnmarshalJSON reads the element in any dialect Unmarshal reads.
func (v *Beneficiary) UnmarshalJSON(data []byte) error { return unmarshalElement(data, v) }

// UnmarshalJSON reads the element in any dialect Unmarshal reads.
func (v *OriginatingVASP) UnmarshalJSON(data []byte) error { return unmarshalElement(data, v) }

// UnmarshalJSON reads the element in any dialect Unmarshal reads.
func (v *BeneficiaryVASP) UnmarshalJSON(data []byte) error { return unmarshalElement(data, v) }

// UnmarshalJSON reads the element in any dialect Unmarshal reads.
func (v *TransferPath) UnmarshalJSON(data []byte) error { return unmarshalElement(data, v) }

// UnmarshalJSON reads the element in any dialect Unmarshal reads.
func (v *IntermediaryVASP) UnmarshalJSON(data []byte) error { return unmarshalElement(data, v) }

// UnmarshalJSON reads the element in any dialect Unmarshal reads.
func (v *PayloadMetadata) UnmarshalJSON(data []byte) error { return unmarshalElement(data, v) }

// UnmarshalJSON reads the element in any dialect Unmarshal reads.
func (v *Person) UnmarshalJSON(data []byte) error { return unmarshalElement(data, v) }

// UnmarshalJSON reads the element in any dialect Unmarshal reads.
func (v *NaturalPerson) UnmarshalJSON(data []byte) error { return unmarshalElement(data, v) }

// UnmarshalJSON reads the element in any dialect Unmarshal reads.
func (v *LegalPerson) UnmarshalJSON(data []byte) error { return unmarshalElement(data, v) }

// UnmarshalJSON reads the element in any dialect Unmarshal reads.
func (v *NaturalPersonName) UnmarshalJSON(data []byte) error { return unmarshalElement(data, v) }

// UnmarshalJSON reads the element in any dialect Unmarshal reads.
func (v *NaturalPersonNameID) UnmarshalJSON(data []byte) error { return unmarshalElement(data, v) }

// UnmarshalJSON reads the element in any dialect Unmarshal reads.
func (v *LegalPersonName) UnmarshalJSON(data []byte) error { return unmarshalElement(data, v) }

// UnmarshalJSON reads the element in any dialect Unmarshal reads.
func (v *LegalPersonNameID) UnmarshalJSON(data []byte) error { return unmarshalElement(data, v) }

// UnmarshalJSON reads the element in any dialect Unmarshal reads.
func (v *Address) UnmarshalJSON(data []byte) error { return unmarshalElement(data, v) }

// UnmarshalJSON reads the element in any dialect Unmarshal reads.
func (v *NationalIdentification) UnmarshalJSON(data []byte) error { return unmarshalElement(data, v) }

// UnmarshalJSON reads the element in any dialect Unmarshal reads.
func (v *DateAndPlaceOfBirth) UnmarshalJSON(data []byte) error { return unmarshalElement(data, v) }
