package ivms

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Dialect is a JSON form Marshal can write.
type Dialect int

const (
	// Canonical is bare lowerCamel IVMS101 2020 JSON: nested VASP objects
	// ({"originatingVASP": {"originatingVASP": …}}), nested transferPath,
	// entity-level accountNumber, nameIdentifierType, postCode, upper-case
	// codes, no payloadVersion. 2023 content is converted.
	Canonical Dialect = iota
	// GTR is what Global Travel Rule expects: {"ivms101": {…}} with the
	// entity keys Originator, Beneficiary, OriginatingVASP, BeneficiaryVASP
	// and TransferPath (a bare array of {"sequence", "intermediaryVasp"}),
	// VASP objects nested, transliteration codes lower case, otherwise as
	// Canonical (2020 edition).
	GTR
	// IVMS2023 is bare IVMS101.2023 JSON: originatorPerson /
	// beneficiaryPerson, Person-level accountNumber,
	// naturalPersonNameIdentifierType and payloadVersion "101.2023".
	IVMS2023
)

// ErrDialect is returned by Marshal for a Dialect it does not know.
var ErrDialect = errors.New("ivms: unknown dialect")

// ErrNilPayload is returned by Marshal for a nil payload.
var ErrNilPayload = errors.New("ivms: nil payload")

// String returns "Canonical", "GTR" or "IVMS2023".
func (d Dialect) String() string {
	switch d {
	case Canonical:
		return "Canonical"
	case GTR:
		return "GTR"
	case IVMS2023:
		return "IVMS2023"
	}
	return "Dialect(" + strconv.Itoa(int(d)) + ")"
}

// Marshal writes p in dialect d: compact UTF-8 JSON without HTML escaping,
// elements in the standard's order, only populated elements (never null,
// "" or an empty object or list). Converting between editions moves account
// numbers: to the entity in 2020 dialects (merged in order, repeats of a
// number already listed dropped; a VASP's or intermediary's own account
// numbers have no place in 2020 and are left out) and to the entity's first
// person in 2023 (kept at the entity when it has no person). See Convert.
//
// Marshal does not validate; call Validate first. A sequence that is not a
// number is written as a JSON string so the output stays valid JSON.
func Marshal(p *IdentityPayload, d Dialect) ([]byte, error) {
	if p == nil {
		return nil, ErrNilPayload
	}
	edition := Version2020
	switch d {
	case IVMS2023:
		edition = Version2023
	case Canonical, GTR:
	default:
		return nil, ErrDialect
	}
	q := p.Convert(edition)
	prune(reflect.ValueOf(q).Elem())
	if d == GTR {
		return marshalJSON(gtrPayload(q))
	}
	out, err := marshalJSON((*payloadJSON)(q))
	if d == IVMS2023 {
		out = to2023(out)
	}
	return out, err
}

// MarshalJSON implements json.Marshaler with the Canonical dialect, so
// json.Marshal of an IdentityPayload (or a pointer to one) writes IVMS101
// JSON, never the Go field names. The receiver is a value so that both
// forms encode alike.
func (p IdentityPayload) MarshalJSON() ([]byte, error) {
	return Marshal(&p, Canonical)
}

// payloadJSON is IdentityPayload without its methods: the model's field
// tags are the Canonical dialect (and, renamed by to2023, IVMS2023).
type payloadJSON IdentityPayload

// marshalJSON is json.Marshal without HTML escaping.
func marshalJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// prune clears in place what Marshal never writes — "" list items, empty
// objects and lists — and replaces invalid UTF-8 by U+FFFD (encoding/json
// would write the escape \ufffd). It reports whether v is left empty.
func prune(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.String:
		if s := v.String(); !utf8.ValidString(s) {
			v.SetString(strings.ToValidUTF8(s, "\uFFFD"))
		}
	case reflect.Pointer:
		if !v.IsNil() && prune(v.Elem()) {
			v.SetZero()
		}
	case reflect.Struct:
		for i := range v.NumField() {
			prune(v.Field(i))
		}
	case reflect.Slice:
		n := 0
		for i := range v.Len() {
			if !prune(v.Index(i)) {
				v.Index(n).Set(v.Index(i))
				n++
			}
		}
		if n == 0 {
			v.SetZero()
		} else {
			v.SetLen(n)
		}
	}
	return v.IsZero()
}

// to2023 renames the keys 2023 changed in the Canonical output of a 2023
// payload. Hand-written because 2023 renames the type key of Latin names
// only, below types the dialects share; a byte rewrite is exact here since
// encoding/json writes `"k":` only as a key (a quote in a string is escaped)
// and a nameIdentifier list holds flat objects of strings.
func to2023(b []byte) []byte {
	b = bytes.ReplaceAll(b, []byte(`"originatorPersons":`), []byte(`"originatorPerson":`))
	b = bytes.ReplaceAll(b, []byte(`"beneficiaryPersons":`), []byte(`"beneficiaryPerson":`))
	list := []byte(`"nameIdentifier":[`)
	out := make([]byte, 0, len(b)+256)
	for {
		i := bytes.Index(b, list)
		if i < 0 {
			return append(out, b...)
		}
		end := i + len(list) + listEnd(b[i+len(list):])
		out = append(out, b[:i]...)
		out = append(out, bytes.ReplaceAll(b[i:end], []byte(`"nameIdentifierType":`), []byte(`"naturalPersonNameIdentifierType":`))...)
		b = b[end:]
	}
}

// listEnd is the offset of the ']' closing a list of flat objects of strings.
func listEnd(b []byte) int {
	in := false
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case in && c == '\\':
			i++
		case c == '"':
			in = !in
		case !in && c == ']':
			return i
		}
	}
	return len(b)
}

// gtrPayload is the GTR form of a pruned 2020 payload.
func gtrPayload(p *IdentityPayload) any {
	type hop struct {
		Sequence any     `json:"sequence,omitempty"`
		Person   *Person `json:"intermediaryVasp,omitempty"`
	}
	type metadata struct {
		TransliterationMethods []string `json:"transliterationMethod,omitempty"`
	}
	body := struct {
		Originator      *Originator      `json:"Originator,omitempty"`
		Beneficiary     *Beneficiary     `json:"Beneficiary,omitempty"`
		OriginatingVASP *OriginatingVASP `json:"OriginatingVASP,omitempty"`
		BeneficiaryVASP *BeneficiaryVASP `json:"BeneficiaryVASP,omitempty"`
		TransferPath    []hop            `json:"TransferPath,omitempty"`
		PayloadMetadata *metadata        `json:"payloadMetadata,omitempty"`
	}{Originator: p.Originator, Beneficiary: p.Beneficiary, OriginatingVASP: p.OriginatingVASP, BeneficiaryVASP: p.BeneficiaryVASP}
	if t := p.TransferPath; t != nil {
		for _, iv := range t.Intermediaries {
			body.TransferPath = append(body.TransferPath, hop{sequenceJSON(iv.Sequence), iv.Person})
		}
	}
	if m := p.PayloadMetadata; m != nil {
		body.PayloadMetadata = &metadata{}
		for _, t := range m.TransliterationMethods {
			s := string(t)
			if c := canonicalCode(s, translitCodes); c != "" {
				s = strings.ToLower(c)
			}
			body.PayloadMetadata.TransliterationMethods = append(body.PayloadMetadata.TransliterationMethods, s)
		}
	}
	if reflect.ValueOf(body).IsZero() {
		return struct{}{}
	}
	return map[string]any{"ivms101": body}
}

// MarshalJSON writes {"intermediaryVASP": Person, "sequence": n}.
func (v IntermediaryVASP) MarshalJSON() ([]byte, error) {
	return marshalJSON(struct {
		Person   *Person `json:"intermediaryVASP,omitempty"`
		Sequence any     `json:"sequence,omitempty"`
	}{v.Person, sequenceJSON(v.Sequence)})
}

// sequenceJSON is a sequence as a JSON number (canonical digits for a valid
// one), or as a string when it is no JSON number at all, or nil when absent.
func sequenceJSON(s json.Number) any {
	if n, ok := parseSequence(string(s)); ok {
		return n
	}
	if s != "" && (s[0] == '-' || isDigit(s[0])) && isDigit(s[len(s)-1]) && json.Valid([]byte(s)) {
		return s
	}
	if s == "" {
		return nil
	}
	return string(s)
}
