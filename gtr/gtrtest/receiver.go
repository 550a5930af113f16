package gtrtest

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"

	"github.com/vaspkit/vaspkit/gtr"
	"github.com/vaspkit/vaspkit/internal/pii"
	"github.com/vaspkit/vaspkit/ivms"
)

// receivedPII is the initiator's PII as a simulated receiver reads it: the
// document's tree (plaintext, or the hashes of JSON_FIELD_HASH).
type receivedPII struct {
	tree   any
	hashed bool
	salt   string
	empty  string // the hash of "" with salt: an absent value
}

// openReceived reads piiSecuredInfo with the receiver's key the way GTR's
// Java tools would (spec §7): FULL_JSON_OBJECT_ENCRYPT and
// JSON_FIELD_ENCRYPT are opened, JSON_FIELD_HASH is kept as hashes. The
// message is the 200002 text's detail.
func openReceived(in *piiSecuredInfo, shared *pii.SharedKey, salt string) (*receivedPII, []byte, string) {
	switch in.PIISecretFormatType {
	case "", formatFull, formatFieldEncrypt:
		// GTR's Java looks algorithms up case-sensitively (spec §7.1).
		if in.SecretAlgorithm != algEd25519Curve25519 {
			return nil, nil, "unsupported secretAlgorithm"
		}
		var doc []byte
		var err error
		if in.PIISecretFormatType == formatFieldEncrypt {
			doc, err = shared.DecryptFields([]byte(in.SecuredPayload))
		} else {
			doc, err = shared.Open(in.SecuredPayload)
		}
		if err != nil {
			return nil, nil, "cannot open securedPayload"
		}
		tree, err := decodeTree(doc)
		if err != nil {
			return nil, nil, "PII is not JSON"
		}
		return &receivedPII{tree: tree}, doc, ""
	case formatFieldHash:
		if in.SecretAlgorithm != algKeccak256 {
			return nil, nil, "JSON_FIELD_HASH needs secretAlgorithm keccak256"
		}
		if n := len([]rune(salt)); n <= saltMinExclusive || n >= saltMaxExclusive {
			return nil, nil, "JSON_FIELD_HASH needs a salt of 11 to 249 characters"
		}
		tree, err := decodeTree([]byte(in.SecuredPayload))
		if err != nil {
			return nil, nil, "hashed PII is not JSON"
		}
		return &receivedPII{tree: tree, hashed: true, salt: salt, empty: pii.HashLeaf(pii.Leaf{Kind: pii.StringLeaf}, salt)}, nil, ""
	}
	return nil, nil, "unsupported piiSecretFormatType"
}

func decodeTree(doc []byte) (any, error) {
	d := json.NewDecoder(bytes.NewReader(doc))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, err
	}
	if d.More() {
		return nil, errJSONTrailing
	}
	return v, nil
}

type jsonError string

func (e jsonError) Error() string { return string(e) }

const errJSONTrailing = jsonError("data after the JSON value")

// keccakSalt reads encryptionParams.keccak256.salt (GTR's Java bean).
func keccakSalt(raw json.RawMessage) string {
	var p struct {
		Keccak256 struct {
			Salt string `json:"salt"`
		} `json:"keccak256"`
	}
	if len(raw) == 0 || json.Unmarshal(raw, &p) != nil {
		return ""
	}
	return p.Keccak256.Salt
}

// verifyFields is the receiver's answer per field (spec §9.2): the asked
// ids of its customer's entity compared with its KYC record, other asked
// ids skipped or not supported, and the ids it requires reported missing or
// present. customerEntity is Beneficiary pre-transaction, Originator
// post-transaction.
func verifyFields(sent *receivedPII, customerEntity string, customer []ivms.Person, expect, required []string) []fieldResult {
	known := customerTree(customerEntity, customer)
	req := map[string]bool{}
	for _, id := range required {
		req[id] = true
	}
	seen := map[string]bool{}
	var out []fieldResult
	for _, id := range expect {
		if seen[id] {
			continue
		}
		seen[id] = true
		row, ok := fieldTable[id]
		if !ok {
			out = append(out, fieldResult{id, statusNotSupport})
			continue
		}
		sv := sent.values(sent.tree, row)
		var st int
		switch {
		case len(sv) == 0 && req[id]:
			st = statusInfoMissing
		case len(sv) == 0:
			st = statusSkip
		case row.entity != customerEntity && req[id]:
			st = statusInfoExists
		case row.entity != customerEntity:
			st = statusNotSupport
		case row.rule == ruleNone:
			st = statusInfoExists
		default:
			st = sent.match(row, sv, (&receivedPII{}).values(known, row))
		}
		out = append(out, fieldResult{id, st})
	}
	for _, id := range required {
		row, ok := fieldTable[id]
		if seen[id] || !ok {
			continue
		}
		seen[id] = true
		st := statusInfoMissing
		if len(sent.values(sent.tree, row)) > 0 {
			st = statusInfoExists
		}
		out = append(out, fieldResult{id, st})
	}
	return out
}

type fieldResult struct {
	id     string
	status int
}

// piiVerdict: "200003 PII verify fail (mismatch / missing)" (spec §10).
func piiVerdict(fields []fieldResult) int {
	for _, f := range fields {
		if f.status == statusMismatch || f.status == statusInfoMissing {
			return codePIIVerifyFail
		}
	}
	return codeSuccess
}

// match compares the sent values of a field with the receiver's: by the
// field's rule for plaintext, by equal hashes for JSON_FIELD_HASH (the
// receiver hashes its own values with the sender's salt).
func (r *receivedPII) match(row fieldRow, sent, known [][]string) int {
	if len(known) == 0 {
		return statusNotSupport
	}
	for _, k := range known {
		for _, s := range sent {
			if r.hashed {
				if r.sameHashes(row, s, k) {
					return statusMatch
				}
				continue
			}
			if compareRule(row.rule, strings.Join(s, " "), strings.Join(k, " ")) {
				return statusMatch
			}
		}
	}
	return statusMismatch
}

// sameHashes reports whether the hashed parts equal the hashes of the
// plaintext parts: in any order for names (GTR's docs disagree on which
// identifier is the family name), in order for address lines.
func (r *receivedPII) sameHashes(row fieldRow, hashed, plain []string) bool {
	mine := make([]string, 0, len(plain))
	for _, p := range plain {
		mine = append(mine, pii.HashLeaf(pii.Leaf{Kind: pii.StringLeaf, Text: p}, r.salt))
	}
	theirs := slices.Clone(hashed)
	if row.rule == ruleName {
		slices.Sort(mine)
		slices.Sort(theirs)
	}
	return slices.Equal(mine, theirs)
}

// customerTree writes the receiver's KYC record as the entity of a GTR IVMS
// document, so the same reader extracts both sides' values.
func customerTree(entity string, customer []ivms.Person) any {
	p := &ivms.IdentityPayload{}
	switch entity {
	case "Originator":
		p.Originator = &ivms.Originator{OriginatorPersons: customer}
	case "Beneficiary":
		p.Beneficiary = &ivms.Beneficiary{BeneficiaryPersons: customer}
	}
	doc, err := ivms.Marshal(p, ivms.GTR)
	if err != nil {
		return nil
	}
	tree, err := decodeTree(doc)
	if err != nil {
		return nil
	}
	return tree
}

// values returns the field's values in a GTR IVMS document tree, each as
// its parts (a name's identifiers, an address's lines, or one value);
// absent and empty parts are left out.
func (r *receivedPII) values(tree any, row fieldRow) [][]string {
	root, _ := tree.(map[string]any)
	if env, ok := root["ivms101"].(map[string]any); ok {
		root = env
	}
	entity, _ := root[row.entity].(map[string]any)
	if entity == nil {
		return nil
	}
	var out [][]string
	if row.person == "accountNumber" {
		return r.add(out, entity["accountNumber"])
	}
	var persons []any
	switch row.entity {
	case "Originator":
		persons, _ = entity["originatorPersons"].([]any)
	case "Beneficiary":
		persons, _ = entity["beneficiaryPersons"].([]any)
	case "OriginatingVASP":
		persons = []any{entity["originatingVASP"]}
	case "BeneficiaryVASP":
		persons = []any{entity["beneficiaryVASP"]}
	}
	for _, p := range persons {
		pm, _ := p.(map[string]any)
		person, _ := pm[row.person].(map[string]any)
		if person == nil {
			continue
		}
		switch {
		case row.path == "legalPersonName" || row.path == "name.nameIdentifier" || row.path == "name.localNameIdentifier":
			// "merge local name array and name array to one list"
			name, _ := person["name"].(map[string]any)
			out = r.addNames(out, name["nameIdentifier"])
			out = r.addNames(out, name["localNameIdentifier"])
		case row.path == "name.phoneticNameIdentifier":
			name, _ := person["name"].(map[string]any)
			out = r.addNames(out, name["phoneticNameIdentifier"])
		case strings.HasPrefix(row.path, "geographicAddress."):
			addrs, _ := person["geographicAddress"].([]any)
			leaf := strings.TrimPrefix(row.path, "geographicAddress.")
			for _, a := range addrs {
				am, _ := a.(map[string]any)
				out = r.add(out, am[leaf])
			}
		default:
			var node any = person
			for _, seg := range strings.Split(row.path, ".") {
				m, _ := node.(map[string]any)
				node = m[seg]
			}
			out = r.add(out, node)
		}
	}
	return out
}

func (r *receivedPII) addNames(out [][]string, list any) [][]string {
	ids, _ := list.([]any)
	for _, id := range ids {
		m, _ := id.(map[string]any)
		if m == nil {
			continue
		}
		if v, ok := m["legalPersonName"]; ok {
			out = r.add(out, v)
			continue
		}
		out = r.add(out, []any{m["primaryIdentifier"], m["secondaryIdentifier"]})
	}
	return out
}

// add appends one value: a string, or a list of strings taken as its parts.
func (r *receivedPII) add(out [][]string, v any) [][]string {
	var parts []string
	keep := func(x any) {
		if s, ok := x.(string); ok && strings.TrimSpace(s) != "" && (!r.hashed || s != r.empty) {
			parts = append(parts, s)
		}
	}
	switch v := v.(type) {
	case []any:
		for _, x := range v {
			keep(x)
		}
	default:
		keep(v)
	}
	if len(parts) == 0 {
		return out
	}
	return append(out, parts)
}

// withVASP returns the document tree with the receiver's VASP filled in
// (spec §8.2: the receiver "fills own company" and returns the rest).
func withVASP(tree any, entity string, company ivms.Person) any {
	root, _ := tree.(map[string]any)
	if root == nil {
		root = map[string]any{}
	}
	doc := root
	if env, ok := root["ivms101"].(map[string]any); ok {
		doc = env
	} else if _, has := root["ivms101"]; !has {
		doc = map[string]any{}
		root["ivms101"] = doc
	}
	p := &ivms.IdentityPayload{}
	if entity == "BeneficiaryVASP" {
		p.BeneficiaryVASP = &ivms.BeneficiaryVASP{Person: &company}
	} else {
		p.OriginatingVASP = &ivms.OriginatingVASP{Person: &company}
	}
	if b, err := ivms.Marshal(p, ivms.GTR); err == nil {
		if t, err := decodeTree(b); err == nil {
			if m, ok := t.(map[string]any)["ivms101"].(map[string]any); ok {
				doc[entity] = m[entity]
			}
		}
	}
	return root
}

// recordedIdentity decodes an opened document for Record.Identity, which
// tests read; the fake's verdicts never depend on it.
func recordedIdentity(doc []byte) *ivms.IdentityPayload {
	if doc == nil {
		return nil
	}
	id, err := ivms.UnmarshalWith(doc, ivms.IgnoreUnknownKeys())
	if err != nil {
		return nil
	}
	return id
}

// toFieldResults converts for Record.Fields (package gtr's types, for tests).
func toFieldResults(fields []fieldResult) []gtr.FieldResult {
	out := make([]gtr.FieldResult, 0, len(fields))
	for _, f := range fields {
		out = append(out, gtr.FieldResult{ID: gtr.FieldID(f.id), Status: gtr.FieldStatus(f.status)})
	}
	return out
}
