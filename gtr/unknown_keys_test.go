package gtr

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/vaspkit/vaspkit/ivms"
)

// unknownKeyDocs are a counterparty's IVMS document (GTR's dialect) with
// keys this SDK does not know, as a newer IVMS edition or a counterparty's
// own extension would add them. Each function edits the decoded document.
var unknownKeyDocs = []struct {
	name string
	edit func(doc map[string]any)
}{
	{"none", func(map[string]any) {}},
	{"in a person", func(doc map[string]any) {
		np := at(doc, "ivms101", "Originator", "originatorPersons", 0, "naturalPerson")
		np["futureField"] = "x"
		np["name"].(map[string]any)["futureNameField"] = map[string]any{"a": []any{1, "b"}}
	}},
	{"in a party", func(doc map[string]any) {
		at(doc, "ivms101", "Originator")["futureList"] = []any{1, 2}
	}},
	{"a new entity", func(doc map[string]any) {
		at(doc, "ivms101")["FutureEntity"] = map[string]any{"legalPerson": map[string]any{"x": 1}}
	}},
	{"beside ivms101", func(doc map[string]any) {
		doc["futureMetadata"] = map[string]any{"version": 3}
	}},
}

// at walks doc along keys (string) and indexes (int).
func at(doc any, path ...any) map[string]any {
	for _, p := range path {
		switch p := p.(type) {
		case string:
			doc = doc.(map[string]any)[p]
		case int:
			doc = doc.([]any)[p]
		}
	}
	return doc.(map[string]any)
}

// unknownKeyDoc returns the counterparty's document with tc's edit, and
// the payload the SDK should read from it.
func unknownKeyDoc(t *testing.T, edit func(map[string]any)) ([]byte, *ivms.IdentityPayload) {
	t.Helper()
	want := testIdentity()
	want.Beneficiary.AccountNumbers = []string{"0xbene"}
	want.BeneficiaryVASP = &ivms.BeneficiaryVASP{Person: ptr(ivms.NewLegalPerson("Beta VASP Ltd").Person())}
	clean, err := ivms.Marshal(want, ivms.GTR)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(clean, &doc); err != nil {
		t.Fatal(err)
	}
	edit(doc)
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	read, err := ivms.Unmarshal(clean) // what the SDK reads from a clean document
	if err != nil {
		t.Fatal(err)
	}
	return b, read
}

// TestUnknownKeysFromCounterparties: every read of a counterparty's data
// follows one forward-compatible rule. Keys the SDK does not know — in the
// IVMS document, beside it, and in GTR's envelope, data and piiSecuredInfo
// — are ignored, never an error, in OneStep's answer and in a callback
// alike.
func TestUnknownKeysFromCounterparties(t *testing.T) {
	t.Parallel()
	for _, tc := range unknownKeyDocs {
		t.Run("one_step/"+tc.name, func(t *testing.T) {
			t.Parallel()
			doc, want := unknownKeyDoc(t, tc.edit)
			their, ours := theirKey(t), ourKey(t)
			sealed, err := SealPII(doc, their, ours.PublicKey())
			if err != nil {
				t.Fatal(err)
			}
			f := newFake(t)
			f.handle(oneStepPath, func(w http.ResponseWriter, _ *http.Request) {
				writeJSON(w, http.StatusOK, map[string]any{
					"verifyStatus": 100000, "verifyMessage": "SUCCESS", "verifyStage": "PII_VERIFICATION",
					"futureEnvelopeKey": map[string]any{"a": 1},
					"data": map[string]any{
						"requestId":     "acme-unknown-0001",
						"verifyFields":  []map[string]any{{"type": "110026", "status": 1, "message": "match", "futureFieldKey": true}},
						"futureDataKey": []any{1, "two"},
						"piiSecuredInfo": map[string]any{
							"initiatorKeyInfo":    map[string]any{"publicKey": ours.PublicKey().String(), "futureKeyKey": 1},
							"receiverKeyInfo":     map[string]any{"publicKey": their.PublicKey().String()},
							"secretAlgorithm":     "ed25519_curve25519",
							"piiSecretFormatType": "FULL_JSON_OBJECT_ENCRYPT",
							"piiSpecVersion":      "ivms101-2020",
							"securedPayload":      sealed,
							"futureSecuredKey":    "x",
						},
					},
				})
			})
			res, err := f.client(t).OneStep(ctxTimeout(t, 5*time.Second), preRequest(t, "acme-unknown-0001"))
			if err != nil {
				t.Fatal(err)
			}
			if res.IdentityErr != nil {
				t.Fatalf("IdentityErr = %v, want the document opened", res.IdentityErr)
			}
			if diff := cmp.Diff(want, res.Identity); diff != "" {
				t.Errorf("Identity (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff([]FieldResult{{ID: BeneficiaryNatural.Name(), Status: FieldMatch, Message: "match"}}, res.Fields); diff != "" {
				t.Errorf("Fields (-want +got):\n%s", diff)
			}
		})
		t.Run("callback/"+tc.name, func(t *testing.T) {
			t.Parallel()
			doc, want := unknownKeyDoc(t, tc.edit)
			peer := newTestPeer(t)
			sealed, err := SealPII(doc, peer.theirs, peer.ours.PublicKey())
			if err != nil {
				t.Fatal(err)
			}
			var body map[string]any
			if err := json.Unmarshal(peer.piiCallbackPayload(t, sealed), &body); err != nil {
				t.Fatal(err)
			}
			body["futureEnvelopeKey"] = map[string]any{"a": 1}
			at(body, "callbackData")["futureDataKey"] = []any{1}
			at(body, "callbackData", "piiSecuredInfo")["futureSecuredKey"] = "x"
			raw, err := json.Marshal(body)
			if err != nil {
				t.Fatal(err)
			}
			var got *ivms.IdentityPayload
			h := newHandler(t, WithCallbackKeyPair(peer.ours), OnPIIVerify(func(_ context.Context, v *PIIVerification) (PIIVerifyAnswer, error) {
				got = v.Identity.Clone()
				return PIIVerifyAnswer{Status: StatusSuccess, Identity: v.Identity}, nil
			}))
			if r := post(t, h, raw); r.HTTPStatus != http.StatusOK || r.VerifyStatus != StatusSuccess {
				t.Fatalf("reply = %d/%d %q, want 200/100000", r.HTTPStatus, r.VerifyStatus, r.VerifyMessage)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Identity (-want +got):\n%s", diff)
			}
		})
	}
}
