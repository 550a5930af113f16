package gtr

import (
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/vaspkit/vaspkit/internal/pii"
)

// hashedCounterparty answers a JSON_FIELD_HASH one_step: it checks the PII
// settings GTR's Java tools need and sends nothing back.
func hashedCounterparty(status VerifyStatus) http.HandlerFunc {
	return reply(status, "Success", map[string]any{"verifyFields": []map[string]any{{"type": "110026", "status": 1}}})
}

// TestOneStepFieldHash sends a travel rule as JSON_FIELD_HASH: every leaf of
// the same IVMS envelope FULL_JSON_OBJECT_ENCRYPT would seal (the golden
// plaintext) becomes Base64(Keccak-256(metadata ‖ salt)), byte for byte, with
// secretAlgorithm keccak256 and the salt in hashSalt and
// encryptionParams.keccak256.salt.
func TestOneStepFieldHash(t *testing.T) {
	t.Parallel()
	const salt = "5b9d1c2e-7f3a-4c8b-9e6d-0a1b2c3d4e5f"
	f := newFake(t)
	f.handle(oneStepPath, hashedCounterparty(StatusSuccess))
	c := f.client(t)
	req := preRequest(t, "acme-0b7c1f0e-3a44-4d8e-9a6b-2f0c4e1d9a77")
	req.PIIFormat, req.HashSalt = JSONFieldHash, salt
	res, err := c.OneStep(ctxTimeout(t, 5*time.Second), req)
	if err != nil {
		t.Fatal(err)
	}
	if res.PIIFormat != JSONFieldHash || res.HashSalt != salt || res.PIISpecVersion != PIISpecVersion {
		t.Errorf("result settings = %s, %q, %q", res.PIIFormat, res.HashSalt, res.PIISpecVersion)
	}
	var sent struct {
		HashSalt         string          `json:"hashSalt"`
		EncryptedPayload *string         `json:"encryptedPayload"`
		PIISecuredInfo   wireSecuredInfo `json:"piiSecuredInfo"`
	}
	if err := json.Unmarshal(f.lastBody(oneStepPath), &sent); err != nil {
		t.Fatal(err)
	}
	plain, err := os.ReadFile("testdata/plain_onestep_pre_request.json")
	if err != nil {
		t.Fatal(err)
	}
	want, err := pii.HashFields(compactJSON(t, plain), salt)
	if err != nil {
		t.Fatal(err)
	}
	si := sent.PIISecuredInfo
	got := map[string]any{
		"hashSalt": sent.HashSalt, "encryptedPayload": sent.EncryptedPayload, "secretAlgorithm": si.SecretAlgorithm,
		"piiSecretFormatType": si.PIISecretFormatType, "piiSpecVersion": si.PIISpecVersion,
		"encryptionParams": string(si.EncryptionParams), "securedPayload": si.SecuredPayload,
		"initiatorKey": si.initiatorKey(), "receiverKey": si.receiverKey(),
	}
	wantSent := map[string]any{
		"hashSalt": salt, "encryptedPayload": (*string)(nil), "secretAlgorithm": "keccak256",
		"piiSecretFormatType": "JSON_FIELD_HASH", "piiSpecVersion": "ivms101-2020",
		"encryptionParams": `{"keccak256":{"salt":"` + salt + `"}}`, "securedPayload": string(want),
		"initiatorKey": ourKey(t).PublicKey().String(), "receiverKey": theirKey(t).PublicKey().String(),
	}
	if diff := cmp.Diff(wantSent, got); diff != "" {
		t.Errorf("one_step body (-want +got):\n%s", diff)
	}

	// No salt: a fresh one per travel rule.
	req = preRequest(t, "acme-hash-nosalt-1")
	req.PIIFormat = JSONFieldHash
	a, err := c.OneStep(ctxTimeout(t, 5*time.Second), req)
	if err != nil {
		t.Fatal(err)
	}
	req.RequestID = "acme-hash-nosalt-2"
	b, err := c.OneStep(ctxTimeout(t, 5*time.Second), req)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.HashSalt) != 36 || a.HashSalt == b.HashSalt {
		t.Errorf("generated salts %q, %q: want two fresh UUIDs", a.HashSalt, b.HashSalt)
	}
}

func compactJSON(t testing.TB, b []byte) []byte {
	t.Helper()
	var v json.RawMessage
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestOneStepAdvertisedSettings: with TargetPublicKey zero, OneStep takes
// the format and spec version the target advertises in VASP detail unless
// the request sets them, and refuses — nothing sent — what the SDK cannot
// produce.
func TestOneStepAdvertisedSettings(t *testing.T) {
	t.Parallel()
	their := theirKey(t)
	detail := func(alg, format, spec string) http.HandlerFunc {
		std := map[string]any{"publicKeyInfo": map[string]any{
			"receiverKeyInfo": map[string]any{"publicKey": their.PublicKey().String()}, "secretAlgorithm": alg}}
		if format != "" {
			std["piiSecretFormatType"] = format
		}
		if spec != "" {
			std["supportedPiiSpecInfo"] = map[string]any{"piiSpecVersion": spec}
		}
		return reply(StatusSuccess, "Success", map[string]any{"vaspCode": "beta_vasp", "standardInfo": std})
	}
	tests := []struct {
		name              string
		alg, format, spec string // advertised
		reqFormat         FormatType
		reqSpec           string
		wantFormat        string // sent; "" when nothing may be sent
		wantAlg           string
		wantErr           error
	}{
		{name: "nothing advertised", alg: "ed25519_curve25519", wantFormat: "FULL_JSON_OBJECT_ENCRYPT", wantAlg: "ed25519_curve25519"},
		{name: "full", alg: "ed25519_curve25519", format: "FULL_JSON_OBJECT_ENCRYPT", spec: "ivms101-2020", wantFormat: "FULL_JSON_OBJECT_ENCRYPT", wantAlg: "ed25519_curve25519"},
		{name: "field encrypt", alg: "ed25519_curve25519", format: "JSON_FIELD_ENCRYPT", spec: "ivms101-2020", wantFormat: "JSON_FIELD_ENCRYPT", wantAlg: "ed25519_curve25519"},
		{name: "field hash", alg: "ed25519_curve25519", format: "JSON_FIELD_HASH", spec: "ivms101-2020", wantFormat: "JSON_FIELD_HASH", wantAlg: "keccak256"},
		{name: "Java constant name", alg: "ed25519_curve25519", format: "json_field_hashed", wantFormat: "JSON_FIELD_HASH", wantAlg: "keccak256"},
		{name: "keccak256 key info", alg: "keccak256", format: "JSON_FIELD_HASH", wantFormat: "JSON_FIELD_HASH", wantAlg: "keccak256"},
		{name: "request overrides", alg: "ed25519_curve25519", format: "JSON_FIELD_HASH", reqFormat: FullJSONObjectEncrypt, wantFormat: "FULL_JSON_OBJECT_ENCRYPT", wantAlg: "ed25519_curve25519"},
		{name: "spec upper case", alg: "ed25519_curve25519", spec: "IVMS101-2020", wantFormat: "FULL_JSON_OBJECT_ENCRYPT", wantAlg: "ed25519_curve25519"},
		{name: "unknown format", alg: "ed25519_curve25519", format: "XML_ENCRYPT", wantErr: ErrUnsupportedFormat},
		{name: "other spec", alg: "ed25519_curve25519", spec: "ivms101-2023", wantErr: ErrUnsupportedSpecVersion},
		{name: "other spec, request sets ours", alg: "ed25519_curve25519", spec: "ivms101-2023", reqSpec: "ivms101-2020", wantFormat: "FULL_JSON_OBJECT_ENCRYPT", wantAlg: "ed25519_curve25519"},
		{name: "keccak256 without hashing", alg: "keccak256", format: "FULL_JSON_OBJECT_ENCRYPT", wantErr: ErrUnsupportedAlgorithm},
		{name: "rsa", alg: "rsa_ecb_oaep_with_sha1_and_mgf1padding", format: "FULL_JSON_OBJECT_ENCRYPT", wantErr: ErrUnsupportedAlgorithm},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFake(t)
			f.handle(vaspDetailPath, detail(tt.alg, tt.format, tt.spec))
			f.handle(oneStepPath, hashedCounterparty(StatusSuccess))
			req := preRequest(t, "acme-advertised-1")
			req.TargetPublicKey, req.PIIFormat, req.PIISpecVersion = PublicKey{}, tt.reqFormat, tt.reqSpec
			_, err := f.client(t).OneStep(ctxTimeout(t, 5*time.Second), req)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) || MaybeSent(err) || f.count(oneStepPath) != 0 {
					t.Fatalf("err = %v (one_step calls %d), want %v and nothing sent", err, f.count(oneStepPath), tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var sent struct{ PIISecuredInfo wireSecuredInfo }
			if err := json.Unmarshal(f.lastBody(oneStepPath), &sent); err != nil {
				t.Fatal(err)
			}
			got := []string{sent.PIISecuredInfo.PIISecretFormatType, sent.PIISecuredInfo.SecretAlgorithm, sent.PIISecuredInfo.PIISpecVersion}
			if diff := cmp.Diff([]string{tt.wantFormat, tt.wantAlg, "ivms101-2020"}, got); diff != "" {
				t.Errorf("sent format, algorithm, spec version (-want +got):\n%s", diff)
			}
		})
	}
}

// TestOneStepDetailWithKeySet: a TargetPublicKey does not stop OneStep from
// reading VASP detail. With Format or PIISpecVersion unset it fetches
// detail and uses what the target advertises (keeping the caller's key), or
// refuses — nothing sent — what the SDK cannot produce; only a request
// setting all three makes no detail call.
func TestOneStepDetailWithKeySet(t *testing.T) {
	t.Parallel()
	const salt = "5b9d1c2e-7f3a-4c8b-9e6d-0a1b2c3d4e5f"
	their := theirKey(t)
	advertised, err := GenerateKeyPair(nil) // detail's key: never used when the request sets one
	if err != nil {
		t.Fatal(err)
	}
	detail := func(format, spec string) http.HandlerFunc {
		std := map[string]any{"publicKeyInfo": map[string]any{
			"receiverKeyInfo": map[string]any{"publicKey": advertised.PublicKey().String()}, "secretAlgorithm": "ed25519_curve25519"}}
		if format != "" {
			std["piiSecretFormatType"] = format
		}
		if spec != "" {
			std["supportedPiiSpecInfo"] = map[string]any{"piiSpecVersion": spec}
		}
		return reply(StatusSuccess, "Success", map[string]any{"vaspCode": "beta_vasp", "standardInfo": std})
	}
	plain, err := os.ReadFile("testdata/plain_onestep_pre_request.json")
	if err != nil {
		t.Fatal(err)
	}
	hashed, err := pii.HashFields(compactJSON(t, plain), salt)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name         string
		format, spec string // advertised
		detail       http.HandlerFunc
		reqFormat    FormatType
		reqSpec      string
		wantDetail   int    // VASP detail calls
		wantFormat   string // sent; "" when nothing may be sent
		wantErr      error
	}{
		{name: "format unset, target hashes", format: "JSON_FIELD_HASH", spec: "ivms101-2020", reqSpec: PIISpecVersion,
			wantDetail: 1, wantFormat: "JSON_FIELD_HASH"},
		{name: "format and spec unset, target encrypts fields", format: "JSON_FIELD_ENCRYPT", spec: "ivms101-2020",
			wantDetail: 1, wantFormat: "JSON_FIELD_ENCRYPT"},
		{name: "spec unset, request format kept", format: "JSON_FIELD_HASH", spec: "ivms101-2020", reqFormat: FullJSONObjectEncrypt,
			wantDetail: 1, wantFormat: "FULL_JSON_OBJECT_ENCRYPT"},
		{name: "nothing advertised", wantDetail: 1, wantFormat: "FULL_JSON_OBJECT_ENCRYPT"},
		{name: "all three set", format: "JSON_FIELD_HASH", spec: "ivms101-2020", reqFormat: FullJSONObjectEncrypt, reqSpec: PIISpecVersion,
			wantDetail: 0, wantFormat: "FULL_JSON_OBJECT_ENCRYPT"},
		{name: "unknown advertised format", format: "XML_ENCRYPT", spec: "ivms101-2020", reqSpec: PIISpecVersion,
			wantDetail: 1, wantErr: ErrUnsupportedFormat},
		{name: "other advertised spec", format: "FULL_JSON_OBJECT_ENCRYPT", spec: "ivms101-2023", reqFormat: FullJSONObjectEncrypt,
			wantDetail: 1, wantErr: ErrUnsupportedSpecVersion},
		{name: "detail fails", detail: reply(statusVASPNotFound, "VASP not found", nil),
			wantDetail: 1, wantErr: ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFake(t)
			if tt.detail == nil {
				tt.detail = detail(tt.format, tt.spec)
			}
			f.handle(vaspDetailPath, tt.detail)
			f.handle(oneStepPath, hashedCounterparty(StatusSuccess))
			req := preRequest(t, "acme-keyset-0001")
			req.PIIFormat, req.PIISpecVersion = tt.reqFormat, tt.reqSpec
			if req.PIIFormat == "" {
				req.HashSalt = salt // used if the advertised format is JSON_FIELD_HASH
			}
			res, err := f.client(t).OneStep(ctxTimeout(t, 5*time.Second), req)
			if got := f.count(vaspDetailPath); got != tt.wantDetail {
				t.Errorf("VASP detail calls = %d, want %d", got, tt.wantDetail)
			}
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) || MaybeSent(err) || f.count(oneStepPath) != 0 {
					t.Fatalf("err = %v (one_step calls %d), want %v and nothing sent", err, f.count(oneStepPath), tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var sent struct{ PIISecuredInfo wireSecuredInfo }
			if err := json.Unmarshal(f.lastBody(oneStepPath), &sent); err != nil {
				t.Fatal(err)
			}
			si := sent.PIISecuredInfo
			got := []string{si.PIISecretFormatType, si.PIISpecVersion, si.receiverKey(), string(res.PIIFormat)}
			want := []string{tt.wantFormat, "ivms101-2020", their.PublicKey().String(), tt.wantFormat}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("sent format, spec version, receiver key; result format (-want +got):\n%s", diff)
			}
			if tt.wantFormat == "JSON_FIELD_HASH" && (si.SecretAlgorithm != "keccak256" || si.SecuredPayload != string(hashed)) {
				t.Errorf("JSON_FIELD_HASH body: algorithm %q, payload not the keccak256 hashes of the envelope", si.SecretAlgorithm)
			}
		})
	}
}
