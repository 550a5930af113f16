package gtr

import (
	"encoding/json"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestListVASPs(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	f.handle(vaspListPath, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("showVaspEntities") == "true" {
			reply(StatusSuccess, "Success", []any{
				map[string]any{"vaspCode": "beta_vasp", "vaspEntityId": 42, "vaspEntityName": "Beta Ltd", "allianceName": "GTR", "country": "SG"},
				"not an object",
				map[string]any{"vaspCode": "gamma", "vaspEntityId": "g-1", "vaspEntityName": "Gamma", "country": "GLOBAL"},
			})(w, r)
			return
		}
		reply(StatusSuccess, "Success", []any{
			map[string]any{"vaspCode": "beta_vasp", "brandName": "Beta", "supportEntities": []any{
				map[string]any{"vaspCode": "beta_vasp", "vaspEntityName": "Beta Ltd"}, "beta_eu"}},
		})(w, r)
	})
	c := f.client(t)
	ctx := ctxTimeout(t, 5*time.Second)
	brands, err := c.ListVASPs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wantBrands := []VASPBrand{{VASPCode: "beta_vasp", BrandName: "Beta", Entities: []VASPEntity{{VASPCode: "beta_vasp", EntityName: "Beta Ltd"}, {VASPCode: "beta_eu"}}}}
	if diff := cmp.Diff(wantBrands, brands); diff != "" {
		t.Errorf("ListVASPs (-want +got):\n%s", diff)
	}
	entities, err := c.ListVASPEntities(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wantEntities := []VASPEntity{
		{VASPCode: "beta_vasp", EntityID: "42", EntityName: "Beta Ltd", AllianceName: "GTR", Country: "SG"},
		{VASPCode: "gamma", EntityID: "g-1", EntityName: "Gamma", Country: "GLOBAL"},
	}
	if diff := cmp.Diff(wantEntities, entities); diff != "" {
		t.Errorf("ListVASPEntities (-want +got):\n%s", diff)
	}

	g := newFake(t)
	g.handle(vaspListPath, reply(StatusSuccess, "Success", map[string]any{"not": "a list"}))
	if _, err := g.client(t).ListVASPs(ctx); !errors.Is(err, ErrMalformedResponse) {
		t.Errorf("list as object: err = %v", err)
	}
}

func TestVASPDetail(t *testing.T) {
	t.Parallel()
	their := theirKey(t)
	raw, err := json.Marshal(map[string]any{
		"vaspCode": "beta_vasp", "vaspEntitySlug": "beta", "vaspEntityName": "Beta Ltd", "allianceName": "GTR", "country": "SG",
		"availability": 1, "supportedFeatures": []string{"STANDARD2", "ADDRESS_ROUTING"},
		"capability":                     map[string]any{"couldPending": true},
		"supportedVerifyFields":          []any{map[string]any{"id": 110026, "name": "Beneficiary Name"}, map[string]any{"id": "110025", "name": "DOB"}, 7},
		"requiredPiiFieldsAsBeneficiary": []any{map[string]any{"id": "100026", "name": "Originator Name", "direction": "BENEFICIARY"}},
		"standardInfo": map[string]any{
			"publicKeyInfo":        map[string]any{"receiverKeyInfo": map[string]any{"publicKey": their.PublicKey().String()}, "secretAlgorithm": "ED25519_CURVE25519"},
			"supportedPiiSpecInfo": map[string]any{"piiSpecVersion": "ivms101-2020"},
			"piiSecretFormatType":  "FULL_JSON_OBJECT_ENCRYPT",
		},
		"unknownField": true,
	})
	if err != nil {
		t.Fatal(err)
	}
	f := newFake(t)
	f.handle(vaspDetailPath, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("vaspCode") != "beta_vasp" {
			reply(statusVASPNotFound, "VASP not found", nil)(w, r)
			return
		}
		reply(StatusSuccess, "Success", json.RawMessage(raw))(w, r)
	})
	c := f.client(t)
	ctx := ctxTimeout(t, 5*time.Second)
	d, err := c.VASPDetail(ctx, "beta_vasp")
	if err != nil {
		t.Fatal(err)
	}
	want := &VASPDetail{
		VASPCode: "beta_vasp", EntitySlug: "beta", EntityName: "Beta Ltd", AllianceName: "GTR", Country: "SG",
		Down: true, Features: []Feature{FeatureStandard2, FeatureAddressRouting}, CouldPending: true,
		SupportedFields: []FieldID{BeneficiaryNatural.Name(), BeneficiaryNatural.DateOfBirth()},
		RequiredFields:  []FieldID{OriginatorNatural.Name()},
		PublicKey:       their.PublicKey(), PublicKeyText: their.PublicKey().String(), Algorithm: "ed25519_curve25519",
		PIISpecVersion: "ivms101-2020", PIIFormat: FullJSONObjectEncrypt,
		Meta: Meta{HTTPStatus: 200, Attempts: 1},
	}
	if diff := cmp.Diff(want, d); diff != "" {
		t.Errorf("VASPDetail (-want +got):\n%s", diff)
	}
	if !d.Supports(FeatureAddressRouting) || d.Supports(FeatureManualTravelRule) {
		t.Error("Supports")
	}
	if _, err := c.VASPDetail(ctx, "nobody"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown VASP: err = %v", err)
	}
	if _, err := c.VASPDetail(ctx, ""); !errors.Is(err, ErrInvalidRequest) {
		t.Errorf("empty code: err = %v", err)
	}
}

func TestDetectAddressVASP(t *testing.T) {
	t.Parallel()
	their := theirKey(t)
	f := newFake(t)
	f.handle("/api/verify/v2/auto_address_vasp_detection", func(w http.ResponseWriter, r *http.Request) {
		var body map[string]any
		_ = json.NewDecoder(r.Body).Decode(&body)
		if body["vaspCode"] == "beta_vasp" {
			reply(StatusSuccess, "Success", map[string]any{"vaspCode": "beta_eu", "publicKey": their.PublicKey().String(), "requestId": "r1"})(w, r)
			return
		}
		reply(StatusSuccess, "Success", map[string]any{"vaspCode": body["vaspCode"]})(w, r)
	})
	c := f.client(t)
	ctx := ctxTimeout(t, 5*time.Second)
	got, err := c.DetectAddressVASP(ctx, &AddressDetectionRequest{VASPCode: "beta_vasp", Address: "0xaa", Network: "ETH"})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(&AddressDetection{VASPCode: "beta_eu", PublicKey: their.PublicKey(), RequestID: "r1", Changed: true, Meta: Meta{HTTPStatus: 200, Attempts: 1}}, got); diff != "" {
		t.Errorf("DetectAddressVASP (-want +got):\n%s", diff)
	}
	var sent map[string]any
	if err := json.Unmarshal(f.lastBody("/api/verify/v2/auto_address_vasp_detection"), &sent); err != nil {
		t.Fatal(err)
	}
	wantSent := map[string]any{"vaspCode": "beta_vasp", "address": "0xaa", "network": "ETH", "txId": nil, "publicKey": ourKey(t).PublicKey().String()}
	if diff := cmp.Diff(wantSent, sent); diff != "" {
		t.Errorf("detection body (-want +got):\n%s", diff)
	}
	same, err := c.DetectAddressVASP(ctx, &AddressDetectionRequest{VASPCode: "gamma", Address: "0xaa", Network: "ETH", TxID: "0x1"})
	if err != nil || same.Changed || same.VASPCode != "gamma" {
		t.Errorf("unchanged detection = %+v, %v", same, err)
	}
	_, err = c.DetectAddressVASP(ctx, &AddressDetectionRequest{})
	var ve *ValidationError
	if !errors.As(err, &ve) || len(ve.Problems) != 3 {
		t.Errorf("empty request: err = %v", err)
	}
}
