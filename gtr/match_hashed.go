package gtr

import (
	"bytes"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/vaspkit/vaspkit/internal/pii"
	"github.com/vaspkit/vaspkit/ivms"
)

// verifyHashedFields is verifyPIIFields for PII the initiator sent as
// JSON_FIELD_HASH: hashed is its securedPayload (every leaf replaced by
// Base64(Keccak-256(metadata ‖ salt))), salt the salt it sent (hashSalt or
// encryptionParams.keccak256.salt). Hashes are one-way, so our customer's
// KYC record is hashed with the same salt — byte for byte as GTR's Java
// tools hash (hashFields) — and compared with the hashed values of the
// field, wherever they sit in the document:
//
//   - names (nameIdentifier and localNameIdentifier, legalPersonName):
//     any sent name whose parts hash as one of ours in any order (so a
//     swapped primary / secondary identifier still matches);
//   - addresses: any sent address whose component (all its addressLines, in
//     order) hashes as one of ours;
//   - other fields: equal hashes.
//
// The comparison is exact: the rules NAME_FUZZY_VD, ABS_CI, FUZZY_TEXT and
// POST_CODE cannot apply to hashes, so "Doe" and "DOE" do not match. A
// value hashed from "" counts as absent. Statuses follow verifyPIIFields:
// MATCH or MISMATCH, SKIP when nothing was sent, NOT_SUPPORT when we hold
// no value, REQUIRED_INFO_MISSING / REQUIRED_INFO_EXISTS for required ids.
// The error reports a hashed document that is not JSON (ErrInvalidDocument)
// or a salt outside 11..249 characters (errInvalidSalt).
func verifyHashedFields(hashed []byte, salt string, party fieldParty, customer []ivms.Person, expect, required []FieldID) ([]FieldResult, error) {
	h, err := newHashedPII(hashed, salt)
	if err != nil {
		return nil, err
	}
	return h.verify(party, customer, expect, required)
}

// hashedPII is a received JSON_FIELD_HASH document, decoded once.
type hashedPII struct {
	root  any    // objects, arrays and leaves (the hash strings)
	salt  string // the sender's salt
	empty string // the hash of "" with that salt: an absent value
}

func newHashedPII(hashed []byte, salt string) (*hashedPII, error) {
	if n := len([]rune(salt)); n <= minSaltExclusive || n >= maxSaltExclusive {
		return nil, fmt.Errorf("gtr: verify hashed PII: %w: %d characters, want %d to %d", errInvalidSalt, n, minSaltExclusive+1, maxSaltExclusive-1)
	}
	if len(hashed) > maxReceivedPayloadLen {
		return nil, payloadTooLarge("securedPayload", len(hashed), maxReceivedPayloadLen, "characters")
	}
	// Visit checks the syntax and depth and reports errors without content.
	if err := pii.Visit(hashed, func(*pii.Path, pii.Leaf) error { return nil }); err != nil {
		return nil, fmt.Errorf("gtr: verify hashed PII: %w", err)
	}
	root, err := decodeTree(hashed)
	if err != nil {
		return nil, fmt.Errorf("gtr: verify hashed PII: %w: not valid JSON", ErrInvalidDocument)
	}
	return &hashedPII{root: root, salt: salt, empty: pii.HashLeaf(pii.Leaf{Kind: pii.StringLeaf}, salt)}, nil
}

func decodeTree(doc []byte) (any, error) {
	d := json.NewDecoder(bytes.NewReader(doc))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

// ours hashes our customer's record into the layout of a GTR IVMS document.
func (h *hashedPII) ours(party fieldParty, customer []ivms.Person) (any, error) {
	p := &ivms.IdentityPayload{}
	switch party {
	case partyOriginator:
		p.Originator = &ivms.Originator{OriginatorPersons: customer}
	case partyBeneficiary:
		p.Beneficiary = &ivms.Beneficiary{BeneficiaryPersons: customer}
	case partyOriginatingVASP:
		if len(customer) > 0 {
			p.OriginatingVASP = &ivms.OriginatingVASP{Person: &customer[0]}
		}
	case partyBeneficiaryVASP:
		if len(customer) > 0 {
			p.BeneficiaryVASP = &ivms.BeneficiaryVASP{Person: &customer[0]}
		}
	}
	doc, err := ivms.Marshal(p, ivms.GTR)
	if err != nil {
		return nil, fmt.Errorf("gtr: hash our PII: %w", err)
	}
	defer clear(doc)
	out, err := pii.HashFields(doc, h.salt)
	if err != nil {
		return nil, fmt.Errorf("gtr: hash our PII: %w", err)
	}
	return decodeTree(out)
}

func (h *hashedPII) verify(party fieldParty, customer []ivms.Person, expect, required []FieldID) ([]FieldResult, error) {
	known, err := h.ours(party, customer)
	if err != nil {
		return nil, err
	}
	req := make(map[FieldID]bool, len(required))
	for _, id := range required {
		req[id] = true
	}
	asked := make(map[FieldID]bool, len(expect))
	out := make([]FieldResult, 0, len(expect)+len(required))
	for _, id := range expect {
		if asked[id] {
			continue
		}
		asked[id] = true
		out = append(out, FieldResult{ID: id, Status: h.matchAsked(id, known, party, req[id])})
	}
	for _, id := range required {
		if asked[id] {
			continue
		}
		asked[id] = true
		info, ok := id.row()
		if !ok {
			continue
		}
		st := FieldInfoMissing
		if len(h.values(h.root, info)) > 0 {
			st = FieldInfoExists
		}
		out = append(out, FieldResult{ID: id, Status: st})
	}
	return out, nil
}

func (h *hashedPII) matchAsked(id FieldID, known any, party fieldParty, required bool) FieldStatus {
	info, ok := id.row()
	if !ok {
		return FieldNotSupported
	}
	sv := h.values(h.root, info)
	switch {
	case len(sv) == 0 && required:
		return FieldInfoMissing
	case len(sv) == 0:
		return FieldSkip
	case info.Party != party && required:
		return FieldInfoExists
	case info.Party != party:
		return FieldNotSupported
	case info.Rule == byNone:
		return FieldInfoExists
	}
	kv := h.values(known, info)
	if len(kv) == 0 {
		return FieldNotSupported
	}
	for _, s := range sv {
		for _, k := range kv {
			if subtle.ConstantTimeCompare([]byte(s), []byte(k)) == 1 {
				return FieldMatch
			}
		}
	}
	return FieldMismatch
}

// values returns the field's values in a hashed document, each as one
// comparable string of hashes; absent and empty values are left out.
func (h *hashedPII) values(root any, info fieldRow) []string {
	entity := treeEntity(root, info.Party)
	if entity == nil {
		return nil
	}
	var out []string
	if info.Person == personAccount {
		out = h.appendValue(out, treeKey(entity, "accountNumber"), false)
		for _, p := range treePersons(entity, info.Party) {
			out = h.appendValue(out, treeKey(p, "accountNumber"), false)
		}
		return out
	}
	for _, p := range treePersons(entity, info.Party) {
		person, ok := treeKey(p, string(info.Person)).(map[string]any)
		if !ok {
			continue
		}
		out = h.personValues(out, person, info)
	}
	return out
}

func (h *hashedPII) personValues(out []string, person map[string]any, info fieldRow) []string {
	path := info.IVMSPath
	switch {
	case path == "name.nameIdentifier" || path == "name.localNameIdentifier" || path == "legalPersonName":
		// Local names are verified in the same list as names.
		name := treeKey(person, "name")
		for _, list := range []string{"nameIdentifier", "localNameIdentifier"} {
			out = h.appendNames(out, treeKey(name, list))
		}
		return out
	case path == "name.phoneticNameIdentifier":
		return h.appendNames(out, treeKey(treeKey(person, "name"), "phoneticNameIdentifier"))
	case strings.HasPrefix(path, "geographicAddress."):
		leaf := strings.TrimPrefix(path, "geographicAddress.")
		addrs, _ := treeKey(person, "geographicAddress").([]any)
		for _, a := range addrs {
			out = h.appendValue(out, treeKey(a, leaf), false)
		}
		return out
	}
	leaf := strings.TrimPrefix(path, "nationalIdentification.")
	switch leaf {
	case "nationalIdentifier", "nationalIdentifierType", "registrationAuthority", "countryOfIssue":
		return h.appendValue(out, treeKey(treeKey(person, "nationalIdentification"), leaf), false)
	}
	var node any = person
	for _, seg := range strings.Split(path, ".") {
		node = treeKey(node, seg)
	}
	return h.appendValue(out, node, false)
}

// appendNames adds one value per name identifier: the hashes of its parts
// (primaryIdentifier, secondaryIdentifier, or legalPersonName), sorted, so
// the parts' roles do not matter.
func (h *hashedPII) appendNames(out []string, list any) []string {
	ids, _ := list.([]any)
	for _, id := range ids {
		var parts []any
		for _, k := range []string{"primaryIdentifier", "secondaryIdentifier", "legalPersonName"} {
			if v := treeKey(id, k); v != nil {
				parts = append(parts, v)
			}
		}
		out = h.appendValue(out, parts, true)
	}
	return out
}

// appendValue adds a hashed value: a string, or a list of strings (address
// lines, name parts) kept in order unless sorted. Empty hashes are dropped;
// a value left with none is absent.
func (h *hashedPII) appendValue(out []string, v any, sorted bool) []string {
	switch v := v.(type) {
	case string:
		if v != "" && v != h.empty {
			out = append(out, v)
		}
	case []any:
		var parts []string
		for _, e := range v {
			if s, ok := e.(string); ok && s != "" && s != h.empty {
				parts = append(parts, s)
			}
		}
		if len(parts) == 0 {
			return out
		}
		if sorted {
			slices.Sort(parts)
		}
		out = append(out, strings.Join(parts, " "))
	}
	return out
}

// treeEntity finds a party's entity in a decoded IVMS document: below the
// "ivms101" envelope or at the root, under GTR's capitalised key or the
// lower-camel one of other dialects.
func treeEntity(root any, party fieldParty) map[string]any {
	doc, _ := root.(map[string]any)
	if env, ok := treeKey(doc, "ivms101").(map[string]any); ok {
		doc = env
	}
	e, _ := treeKey(doc, string(party)).(map[string]any)
	return e
}

// treePersons returns the persons of an entity: the persons array of
// Originator and Beneficiary, the (doubly nested) VASP of the VASP parties.
func treePersons(entity map[string]any, party fieldParty) []any {
	switch party {
	case partyOriginator:
		l, _ := treeKey(entity, "originatorPersons").([]any)
		return l
	case partyBeneficiary:
		l, _ := treeKey(entity, "beneficiaryPersons").([]any)
		return l
	case partyOriginatingVASP:
		if v := treeKey(entity, "originatingVASP"); v != nil {
			return []any{v}
		}
	case partyBeneficiaryVASP:
		if v := treeKey(entity, "beneficiaryVASP"); v != nil {
			return []any{v}
		}
	}
	return []any{entity}
}

// treeKey returns member key of an object: the exact key, else one that
// differs only in case; nil when node is not an object or has no such key.
func treeKey(node any, key string) any {
	m, ok := node.(map[string]any)
	if !ok {
		return nil
	}
	if v, ok := m[key]; ok {
		return v
	}
	for k, v := range m {
		if strings.EqualFold(k, key) {
			return v
		}
	}
	return nil
}
