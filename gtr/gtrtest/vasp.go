package gtrtest

import (
	"errors"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"time"

	"github.com/vaspkit/vaspkit/gtr"
	"github.com/vaspkit/vaspkit/internal/pii"
	"github.com/vaspkit/vaspkit/ivms"
)

// Wallet is an address at a VASP: a GTR network symbol, the address, and
// the memo / destination tag on chains that use one.
type Wallet struct {
	Network string
	Address string
	Tag     string
}

// Transfer is a transaction a simulated VASP sent: the post-transaction
// counterparty recognises it by its txId and beneficiary address.
type Transfer struct {
	To     Wallet      // the beneficiary address it went to
	Sender ivms.Person // the VASP's customer who sent it (the originator)
}

// Stage says where a simulated VASP answers "pending" (100002).
type Stage int

// Pending stages.
const (
	NotPending   Stage = iota // answers at once
	PendingCheck              // stage 1 (address or txId) pending: callbacks 13, then 15
	PendingPII                // stage 1 answered, PII pending: callback 15
)

// VASP is a simulated counterparty VASP on the platform.
type VASP struct {
	// Code is its GTR VASP code (required).
	Code string
	// Name is its entity name; Brand groups entities of one brand (the
	// brand list, and address detection's redirects between siblings).
	Name    string
	Brand   string
	Country string // ISO 3166-1 alpha-2 or "GLOBAL"; default "SG"
	// KeyPair is its PII key pair; nil generates one (see
	// Server.VASPPublicKey).
	KeyPair *gtr.KeyPair
	// Company is its own IVMS legal person, filled into the documents it
	// returns; nil builds one from Name and Country.
	Company *ivms.Person
	// Addresses are its customers' deposit addresses: the pre-transaction
	// address check and the beneficiary PII check use them. An empty Tag in
	// a request ignores tags; then several addresses differing by tag are
	// "too many addresses" (200001).
	Addresses map[Wallet]ivms.Person
	// TxIDs are transfers it sent, for the post-transaction txId check and
	// the originator PII check.
	TxIDs map[string]Transfer
	// Pending makes it answer 100002 at that stage; Server.CompletePending
	// delivers its verdict later.
	Pending Stage
	// RequiredFields are the fields it requires (requiredPiiFieldsAsBeneficiary):
	// missing ones fail the PII verification with REQUIRED_INFO_MISSING.
	RequiredFields []gtr.FieldID
	// SupportedFields are the fields it can verify (VASP detail); nil means
	// every natural- and legal-person field of GTR's table.
	SupportedFields []gtr.FieldID
	// Down marks it unavailable in VASP detail (availability 1); it still
	// answers.
	Down bool
	// Features are its supportedFeatures; nil means STANDARD2.
	Features []string
	// PIIFormat is the piiSecretFormatType it advertises in VASP detail
	// (standardInfo.piiSecretFormatType); empty means
	// FULL_JSON_OBJECT_ENCRYPT. As a receiver it reads all three formats
	// whatever it advertises.
	PIIFormat gtr.FormatType
	// PIISpecVersion is the piiSpecVersion it advertises; empty means
	// "ivms101-2020".
	PIISpecVersion string
	// Algorithm is the secretAlgorithm it advertises; empty means
	// "ed25519_curve25519".
	Algorithm string
}

// vaspState is a registered VASP.
type vaspState struct {
	VASP
	kp      *gtr.KeyPair
	seed    [32]byte // kp's private key, for internal/pii
	company ivms.Person
	added   time.Time
}

// AddVASP registers a simulated VASP (or replaces one with the same code).
func (s *Server) AddVASP(v VASP) error {
	if v.Code == "" || len(v.Code) > 32 {
		return errors.New("gtrtest: AddVASP: Code must be 1-32 characters")
	}
	if v.Code == s.cfg.vaspCode {
		return fmt.Errorf("gtrtest: AddVASP: %s is the member's own code", v.Code)
	}
	v.Addresses = maps.Clone(v.Addresses)
	v.TxIDs = maps.Clone(v.TxIDs)
	v.RequiredFields = slices.Clone(v.RequiredFields)
	v.SupportedFields = slices.Clone(v.SupportedFields)
	st := &vaspState{VASP: v, kp: v.KeyPair}
	if st.Name == "" {
		st.Name = v.Code + " Exchange"
	}
	if st.Country == "" {
		st.Country = "SG"
	}
	if st.kp == nil {
		kp, err := gtr.GenerateKeyPair(nil)
		if err != nil {
			return fmt.Errorf("gtrtest: AddVASP: %w", err)
		}
		st.kp = kp
	}
	seed, _, err := pii.ParsePrivateKey(st.kp.ExportPrivateKey())
	if err != nil {
		return fmt.Errorf("gtrtest: AddVASP: KeyPair: %w", err)
	}
	st.seed = seed
	if v.Company != nil {
		st.company = *v.Company
	} else {
		country := st.Country
		if len(country) != 2 {
			country = "SG"
		}
		st.company = ivms.NewLegalPerson(st.Name + " Ltd").CountryOfRegistration(country).Person()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	st.added = s.now()
	if _, exists := s.vasps[v.Code]; !exists {
		s.vaspOrder = append(s.vaspOrder, v.Code)
	}
	s.vasps[v.Code] = st
	return nil
}

// VASPPublicKey returns a registered VASP's PII public key.
func (s *Server) VASPPublicKey(code string) (gtr.PublicKey, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.vasps[code]
	if !ok {
		return gtr.PublicKey{}, false
	}
	return v.kp.PublicKey(), true
}

func (s *Server) vasp(code string) (*vaspState, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.vasps[code]
	return v, ok
}

type wireEntity struct {
	VASPCode       string `json:"vaspCode"`
	VASPEntityID   string `json:"vaspEntityId"`
	VASPEntityName string `json:"vaspEntityName"`
	AllianceName   string `json:"allianceName"`
	Country        string `json:"country"`
}

type wireBrand struct {
	VASPCode        string       `json:"vaspCode"`
	BrandName       string       `json:"brandName"`
	SupportEntities []wireEntity `json:"supportEntities"`
}

func (v *vaspState) entity() wireEntity {
	return wireEntity{VASPCode: v.Code, VASPEntityID: "entity-" + v.Code, VASPEntityName: v.Name, AllianceName: "GTR", Country: v.Country}
}

// handleVASPList implements GET /api/common/v3/vasp/list (spec §5.2).
func (s *Server) handleVASPList(r *http.Request, _ []byte) answer {
	entities := r.URL.Query().Get("showVaspEntities") == "true"
	s.mu.Lock()
	defer s.mu.Unlock()
	if entities {
		out := make([]wireEntity, 0, len(s.vaspOrder))
		for _, code := range s.vaspOrder {
			out = append(out, s.vasps[code].entity())
		}
		return ok(out)
	}
	var brands []*wireBrand
	byName := map[string]*wireBrand{}
	for _, code := range s.vaspOrder {
		v := s.vasps[code]
		name := v.Brand
		if name == "" {
			name = v.Name
		}
		b, seen := byName[name]
		if !seen {
			b = &wireBrand{VASPCode: v.Code, BrandName: name}
			byName[name] = b
			brands = append(brands, b)
		}
		b.SupportEntities = append(b.SupportEntities, v.entity())
	}
	return ok(brands)
}

type wireField struct {
	ID        any    `json:"id"`
	Name      string `json:"name"`
	Direction string `json:"direction,omitempty"`
}

// handleVASPDetail implements GET /api/common/v3/vasp/detail (spec §5.3).
func (s *Server) handleVASPDetail(r *http.Request, _ []byte) answer {
	code := r.URL.Query().Get("vaspCode")
	if code == "" {
		return fail(codeBadParameters, "vaspCode is required")
	}
	v, found := s.vasp(code)
	if !found {
		return fail(codeVASPNotFound, "VASP not found")
	}
	var supported []string
	for _, id := range v.SupportedFields {
		supported = append(supported, string(id))
	}
	if v.SupportedFields == nil {
		// Every natural- and legal-person field of GTR's table for the
		// originator and the beneficiary.
		for _, id := range fieldOrder {
			if r := fieldTable[id]; r.person != "accountNumber" && (r.entity == "Originator" || r.entity == "Beneficiary") {
				supported = append(supported, id)
			}
		}
	}
	sup := make([]wireField, 0, len(supported))
	for _, id := range supported {
		sup = append(sup, wireField{ID: s.fieldID(id), Name: fieldName(id)})
	}
	req := make([]wireField, 0, len(v.RequiredFields))
	for _, id := range v.RequiredFields {
		req = append(req, wireField{ID: s.fieldID(string(id)), Name: fieldName(string(id)), Direction: "BENEFICIARY"})
	}
	features := v.Features
	if features == nil {
		features = []string{"STANDARD2"}
	}
	availability := 0
	if v.Down {
		availability = 1
	}
	return ok(map[string]any{
		"vaspCode":                       v.Code,
		"vaspEntitySlug":                 "entity-" + v.Code,
		"vaspEntityName":                 v.Name,
		"allianceName":                   "GTR",
		"country":                        v.Country,
		"availability":                   availability,
		"supportedFeatures":              features,
		"capability":                     map[string]any{"couldPending": v.Pending != NotPending},
		"supportedVerifyFields":          sup,
		"requiredPiiFieldsAsBeneficiary": req,
		"standardInfo": map[string]any{
			"publicKeyInfo": map[string]any{
				"receiverKeyInfo": map[string]any{"publicKey": v.kp.PublicKey().String()},
				"secretAlgorithm": orDefault(string(v.Algorithm), algEd25519Curve25519),
			},
			"supportedPiiSpecInfo": map[string]any{"piiSpecVersion": orDefault(v.PIISpecVersion, specIVMS2020)},
			"piiSecretFormatType":  orDefault(string(v.PIIFormat), formatFull),
		},
	})
}

// fieldID writes a field id as a string, or a number with
// WithNumericFieldIDs.
func (s *Server) fieldID(id string) any {
	if s.cfg.numericIDs {
		var n int
		if _, err := fmt.Sscanf(id, "%d", &n); err == nil && fmt.Sprint(n) == id {
			return n
		}
	}
	return id
}

// fieldName names a field id for VASP detail.
func fieldName(id string) string {
	if r, ok := fieldTable[id]; ok {
		return r.name
	}
	return id
}

// handleDetection implements POST /api/verify/v2/auto_address_vasp_detection
// (spec §5.4): the sibling entity of the same brand that holds the address,
// else the VASP asked about (it is not an address-existence check).
func (s *Server) handleDetection(_ *http.Request, body []byte) answer {
	var req detectionRequest
	if err := decodeBody(body, &req); err != nil {
		return fail(codeBadParameters, err.Error())
	}
	if req.VASPCode == "" || req.Address == "" || req.Network == "" {
		return fail(codeBadParameters, "vaspCode, address and network are required")
	}
	asked, found := s.vasp(req.VASPCode)
	if !found {
		return fail(codeVASPNotFound, "VASP not found")
	}
	w := Wallet{Network: req.Network, Address: req.Address, Tag: req.Tag}
	target := asked
	if n, _ := asked.lookup(w); n == 0 && asked.Brand != "" {
		s.mu.Lock()
		for _, code := range s.vaspOrder {
			if v := s.vasps[code]; v.Brand == asked.Brand && v != asked {
				if n, _ := v.lookup(w); n == 1 {
					target = v
					break
				}
			}
		}
		s.mu.Unlock()
	}
	return ok(detectionData{VASPCode: target.Code, PublicKey: target.kp.PublicKey().String(), RequestID: randomHex(8)})
}

// lookup finds a customer by exact address; an empty tag matches any tag.
// It returns how many addresses matched and the customer when exactly one
// did.
func (v *vaspState) lookup(w Wallet) (int, *ivms.Person) {
	if w.Tag != "" {
		if p, ok := v.Addresses[w]; ok {
			return 1, &p
		}
		return 0, nil
	}
	n := 0
	var found ivms.Person
	for k, p := range v.Addresses {
		if k.Network == w.Network && k.Address == w.Address {
			n++
			found = p
		}
	}
	if n == 1 {
		return 1, &found
	}
	return n, nil
}
