package gtr

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/vaspkit/vaspkit/internal/rest"
)

// VASPBrand is one entry of the brand list: a brand and the entities
// (legal VASPs) it groups. VASPCode is the brand's representative entity.
type VASPBrand struct {
	VASPCode  string
	BrandName string
	Entities  []VASPEntity
}

// VASPEntity is one VASP entity.
type VASPEntity struct {
	VASPCode     string
	EntityID     string // vaspEntityId
	EntityName   string // vaspEntityName
	AllianceName string
	// Country is an ISO 3166-1 alpha-2 code, or "GLOBAL".
	Country string
}

type wireEntity struct {
	VASPCode       flexString `json:"vaspCode"`
	VASPEntityID   flexString `json:"vaspEntityId"`
	VASPEntityName flexString `json:"vaspEntityName"`
	VASPName       flexString `json:"vaspName"`
	AllianceName   flexString `json:"allianceName"`
	Country        flexString `json:"country"`
}

func (w *wireEntity) entity() VASPEntity {
	e := VASPEntity{
		VASPCode:     string(w.VASPCode),
		EntityID:     string(w.VASPEntityID),
		EntityName:   string(w.VASPEntityName),
		AllianceName: string(w.AllianceName),
		Country:      string(w.Country),
	}
	if e.EntityName == "" {
		e.EntityName = string(w.VASPName)
	}
	return e
}

type wireBrand struct {
	VASPCode        flexString        `json:"vaspCode"`
	BrandName       flexString        `json:"brandName"`
	SupportEntities []json.RawMessage `json:"supportEntities"`
}

const vaspListPath = "/api/common/v3/vasp/list"

// ListVASPs returns GTR's VASP brand list (GET /api/common/v3/vasp/list).
// The list changes and entries disappear: sync it about hourly, keep the
// previous copy when a sync fails, and offer "Others" to users.
func (c *Client) ListVASPs(ctx context.Context) ([]VASPBrand, error) {
	items, err := c.vaspList(ctx, "false")
	if err != nil {
		return nil, err
	}
	out := make([]VASPBrand, 0, len(items))
	for _, raw := range items {
		var w wireBrand
		if json.Unmarshal(raw, &w) != nil {
			continue
		}
		b := VASPBrand{VASPCode: string(w.VASPCode), BrandName: string(w.BrandName)}
		for _, er := range w.SupportEntities {
			var we wireEntity
			if json.Unmarshal(er, &we) == nil {
				b.Entities = append(b.Entities, we.entity())
				continue
			}
			var code string // an entity given by its code only
			if json.Unmarshal(er, &code) == nil && code != "" {
				b.Entities = append(b.Entities, VASPEntity{VASPCode: code})
			}
		}
		out = append(out, b)
	}
	return out, nil
}

// ListVASPEntities returns GTR's VASP entity list (GET
// /api/common/v3/vasp/list?showVaspEntities=true).
func (c *Client) ListVASPEntities(ctx context.Context) ([]VASPEntity, error) {
	items, err := c.vaspList(ctx, "true")
	if err != nil {
		return nil, err
	}
	out := make([]VASPEntity, 0, len(items))
	for _, raw := range items {
		var w wireEntity
		if json.Unmarshal(raw, &w) == nil {
			out = append(out, w.entity())
		}
	}
	return out, nil
}

func (c *Client) vaspList(ctx context.Context, entities string) ([]json.RawMessage, error) {
	var a answer
	if err := c.do(ctx, &a, func() *rest.Request {
		return c.rest.Get(vaspListPath).Query("showVaspEntities", entities).Retry(rest.Safe)
	}); err != nil {
		return nil, err
	}
	if !a.hasData() {
		return nil, nil
	}
	var items []json.RawMessage
	if err := json.Unmarshal(a.Data, &items); err != nil {
		return nil, &MalformedResponseError{Path: vaspListPath, Reason: "data is not a list"}
	}
	return items, nil
}

// Feature is a supportedFeatures value (an open set).
type Feature string

// Features GTR documents.
const (
	FeatureStandard2           Feature = "STANDARD2"
	FeatureManualTravelRule    Feature = "MANUAL_TRAVEL_RULE"
	FeatureAddressRouting      Feature = "ADDRESS_ROUTING"
	FeatureUnhostedWalletCheck Feature = "UNHOSTED_WALLET_VERIFY"
)

// VASPDetail is what GTR publishes about one VASP entity (GET
// /api/common/v3/vasp/detail).
type VASPDetail struct {
	VASPCode     string
	EntitySlug   string
	EntityName   string
	AllianceName string
	Country      string
	// Down: the VASP is marked unavailable (availability other than 0).
	Down     bool
	Features []Feature
	// CouldPending: the VASP may answer a one_step with 100002 (pending)
	// and deliver its verdict up to 72 h later.
	CouldPending bool
	// SupportedFields are the ids of the fields it can verify;
	// RequiredFields those it requires from an originator
	// (requiredPiiFieldsAsBeneficiary): send them, or expect status 4
	// (REQUIRED_INFO_MISSING). GTR's display names are not kept
	// (FieldID.String names a known id).
	SupportedFields []FieldID
	RequiredFields  []FieldID
	// PublicKey is its PII key for ed25519_curve25519 (zero when it uses
	// another algorithm or sent none); PublicKeyText is the key as sent
	// (Base64, or PEM for RSA/ECIES).
	PublicKey     PublicKey
	PublicKeyText string
	Algorithm     string
	// PIISpecVersion ("ivms101-2020") and PIIFormat are its PII settings.
	PIISpecVersion string
	PIIFormat      FormatType
	// Meta describes the call that fetched the detail.
	Meta Meta
}

// Supports reports whether the VASP lists feature f.
func (d *VASPDetail) Supports(f Feature) bool {
	for _, x := range d.Features {
		if strings.EqualFold(string(x), string(f)) {
			return true
		}
	}
	return false
}

type wireField struct {
	ID FieldID `json:"id"`
}

type wireDetail struct {
	VASPCode          flexString   `json:"vaspCode"`
	VASPEntitySlug    flexString   `json:"vaspEntitySlug"`
	VASPEntityName    flexString   `json:"vaspEntityName"`
	AllianceName      flexString   `json:"allianceName"`
	Country           flexString   `json:"country"`
	Availability      flexInt64    `json:"availability"`
	SupportedFeatures []flexString `json:"supportedFeatures"`
	Capability        *struct {
		CouldPending bool `json:"couldPending"`
	} `json:"capability"`
	SupportedVerifyFields          json.RawMessage `json:"supportedVerifyFields"`
	RequiredPIIFieldsAsBeneficiary json.RawMessage `json:"requiredPiiFieldsAsBeneficiary"`
	StandardInfo                   *struct {
		PublicKeyInfo *struct {
			ReceiverKeyInfo *struct {
				PublicKey flexString `json:"publicKey"`
			} `json:"receiverKeyInfo"`
			SecretAlgorithm flexString `json:"secretAlgorithm"`
		} `json:"publicKeyInfo"`
		SupportedPIISpecInfo *struct {
			PIISpecVersion flexString `json:"piiSpecVersion"`
		} `json:"supportedPiiSpecInfo"`
		PIISecretFormatType flexString `json:"piiSecretFormatType"`
	} `json:"standardInfo"`
}

const vaspDetailPath = "/api/common/v3/vasp/detail"

// VASPDetail returns a VASP's detail: its PII public key and algorithm, the
// fields it verifies and requires, and whether it may answer pending.
func (c *Client) VASPDetail(ctx context.Context, vaspCode string) (*VASPDetail, error) {
	if vaspCode == "" || len(vaspCode) > maxSymbolLen {
		return nil, invalid("vaspCode", ruleLength, "must be 1–64 characters")
	}
	var a answer
	if err := c.do(ctx, &a, func() *rest.Request {
		return c.rest.Get(vaspDetailPath).Query("vaspCode", vaspCode).Retry(rest.Safe)
	}); err != nil {
		return nil, err
	}
	d, err := decodeVASPDetail(a.Data)
	if err != nil {
		return nil, err
	}
	d.Meta = a.meta
	return d, nil
}

// decodeVASPDetail reads a VASP detail's data.
func decodeVASPDetail(raw json.RawMessage) (*VASPDetail, error) {
	var w wireDetail
	if err := json.Unmarshal(raw, &w); err != nil {
		return nil, &MalformedResponseError{Path: vaspDetailPath, Reason: "data is not a VASP detail object"}
	}
	d := &VASPDetail{
		VASPCode:        string(w.VASPCode),
		EntitySlug:      string(w.VASPEntitySlug),
		EntityName:      string(w.VASPEntityName),
		AllianceName:    string(w.AllianceName),
		Country:         string(w.Country),
		Down:            w.Availability != 0,
		SupportedFields: decodeVASPFields(w.SupportedVerifyFields),
		RequiredFields:  decodeVASPFields(w.RequiredPIIFieldsAsBeneficiary),
	}
	for _, f := range w.SupportedFeatures {
		d.Features = append(d.Features, Feature(f))
	}
	if w.Capability != nil {
		d.CouldPending = w.Capability.CouldPending
	}
	if si := w.StandardInfo; si != nil {
		if pk := si.PublicKeyInfo; pk != nil {
			d.Algorithm = normalAlgorithm(string(pk.SecretAlgorithm))
			if pk.ReceiverKeyInfo != nil {
				d.PublicKeyText = string(pk.ReceiverKeyInfo.PublicKey)
			}
		}
		if sp := si.SupportedPIISpecInfo; sp != nil {
			d.PIISpecVersion = string(sp.PIISpecVersion)
		}
		if si.PIISecretFormatType != "" {
			d.PIIFormat, _ = parseFormatType(string(si.PIISecretFormatType))
		}
	}
	if d.PublicKeyText != "" && (d.Algorithm == "" || d.Algorithm == string(algEd25519Curve25519)) {
		if k, err := ParsePublicKey(d.PublicKeyText); err == nil {
			d.PublicKey = k
		}
	}
	return d, nil
}

// decodeVASPFields reads the ids of [{id, name, direction}], skipping odd
// entries.
func decodeVASPFields(raw json.RawMessage) []FieldID {
	var items []json.RawMessage
	if json.Unmarshal(raw, &items) != nil {
		return nil
	}
	var out []FieldID
	for _, it := range items {
		var w wireField
		if json.Unmarshal(it, &w) == nil && w.ID != "" {
			out = append(out, w.ID)
		}
	}
	return out
}

// AddressDetectionRequest asks which VASP entity holds an address (POST
// /api/verify/v2/auto_address_vasp_detection).
type AddressDetectionRequest struct {
	// VASPCode is the VASP the user selected.
	VASPCode string
	Address  string
	Network  string
	Tag      string
	// TxID is required post-transaction, empty pre-transaction.
	TxID           string
	SourceVASPCode string // travel-rule service providers only
}

// AddressDetection is GTR's answer: the entity that holds the address. It
// is the input VASP both when that is right and when the address is unknown
// — this is not an address-existence check.
type AddressDetection struct {
	VASPCode string
	// PublicKey is that entity's PII key, when sent as an Ed25519 key.
	PublicKey PublicKey
	RequestID string
	// Changed reports that GTR named another entity than the request's.
	Changed bool
	// Meta describes the call.
	Meta Meta
}

const addressDetectionPath = "/api/verify/v2/auto_address_vasp_detection"

type addressDetectionBody struct {
	VASPCode       string  `json:"vaspCode"`
	Address        string  `json:"address"`
	Network        string  `json:"network"`
	Tag            string  `json:"tag,omitempty"`
	TxID           *string `json:"txId"`
	PublicKey      string  `json:"publicKey,omitempty"`
	SourceVASPCode string  `json:"sourceVaspCode,omitempty"`
}

// DetectAddressVASP corrects the user's choice of VASP: GTR returns the
// sibling entity (same brand) that holds the address, or the input VASP.
// Call it before OneStep, then fetch VASPDetail for the returned code. It
// is a read and is retried as one.
func (c *Client) DetectAddressVASP(ctx context.Context, req *AddressDetectionRequest) (*AddressDetection, error) {
	var p problems
	if req == nil {
		return nil, invalid("AddressDetectionRequest", ruleRequired, "is nil")
	}
	check := func(field, v string, required bool, limit int) {
		checkText(&p, "AddressDetectionRequest."+field, v, required, limit)
	}
	check("VASPCode", req.VASPCode, true, maxSymbolLen)
	check("Address", req.Address, true, maxAddressLen)
	check("Network", req.Network, true, maxSymbolLen)
	check("Tag", req.Tag, false, maxSymbolLen)
	check("TxID", req.TxID, false, maxTxIDLen)
	check("SourceVASPCode", req.SourceVASPCode, false, maxSourceVASPCode)
	if err := p.err(); err != nil {
		return nil, err
	}
	body := addressDetectionBody{
		VASPCode:       req.VASPCode,
		Address:        req.Address,
		Network:        req.Network,
		Tag:            req.Tag,
		SourceVASPCode: req.SourceVASPCode,
	}
	if req.TxID != "" {
		tx := req.TxID
		body.TxID = &tx
	}
	if c.keyPair != nil {
		body.PublicKey = c.keyPair.PublicKey().String()
	}
	var a answer
	if err := c.do(ctx, &a, func() *rest.Request {
		return c.rest.Post(addressDetectionPath).JSON(body).Retry(rest.Safe)
	}); err != nil {
		return nil, err
	}
	var w struct {
		VASPCode  flexString `json:"vaspCode"`
		PublicKey flexString `json:"publicKey"`
		RequestID flexString `json:"requestId"`
	}
	if json.Unmarshal(a.Data, &w) != nil || w.VASPCode == "" {
		// GTR always names a VASP, the input one when it has no better.
		return nil, &MalformedResponseError{Path: addressDetectionPath, Reason: "no vaspCode in data"}
	}
	out := &AddressDetection{VASPCode: string(w.VASPCode), RequestID: string(w.RequestID), Meta: a.meta}
	out.Changed = out.VASPCode != req.VASPCode
	if k, err := ParsePublicKey(string(w.PublicKey)); err == nil {
		out.PublicKey = k
	}
	return out, nil
}
