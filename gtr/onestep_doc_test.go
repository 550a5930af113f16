package gtr

import (
	"encoding/json"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/vaspkit/vaspkit/ivms"
)

// TestOneStepDocumentedBodies builds the OneStepRequest equivalent to each
// one_step body GTR documents (testdata/gtr_doc_onestep_*.json, from
// spec/gtr.md §5.1) and checks that the SDK's wire body is that body: every
// documented member with its documented value (placeholders stand for our
// key, theirs, the address, the counterparty, the txId and the sealed PII),
// plus only the legacy mirrors the spec asks for.
func TestOneStepDocumentedBodies(t *testing.T) {
	t.Parallel()
	their := theirKey(t)
	post := preRequest(t, "acme-2d6f3a10-8c4e-4b7a-b1d2-5e9f0a1c3b44")
	post.Direction, post.TxID, post.Address, post.Identity = PostTransaction, "0xabc", "0xdeposit", testPostIdentity()
	post.ExpectFields = []FieldID{OriginatorNatural.Name(), OriginatorNatural.DateOfBirth(), OriginatorNatural.NationalIdentifier()}
	pre := preRequest(t, "acme-0b7c1f0e-3a44-4d8e-9a6b-2f0c4e1d9a77")
	pre.ExpectFields = []FieldID{BeneficiaryNatural.Name(), BeneficiaryNatural.DateOfBirth()}
	pre.FiatName = "USD"
	for _, tt := range []struct {
		file string
		req  *OneStepRequest
	}{{"gtr_doc_onestep_pre.json", pre}, {"gtr_doc_onestep_post.json", post}} {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			raw, err := os.ReadFile("testdata/" + tt.file)
			if err != nil {
				t.Fatal(err)
			}
			placeholders := strings.NewReplacer(
				"<beneficiary address>", tt.req.Address, "<our customer's deposit address>", tt.req.Address,
				"<on-chain transaction id>", tt.req.TxID, "<counterparty vaspCode>", tt.req.TargetVASPCode,
				"<our Ed25519 public key, Base64>", ourKey(t).PublicKey().String(),
				"<their Ed25519 public key, Base64>", their.PublicKey().String())
			var want map[string]any
			if err := json.Unmarshal([]byte(placeholders.Replace(string(raw))), &want); err != nil {
				t.Fatal(err)
			}
			if err := tt.req.Validate(); err != nil {
				t.Fatalf("GTR's documented body is refused: %v", err)
			}
			f := newFake(t)
			f.handle(oneStepPath, counterparty(t, their, StatusSuccess, StagePIIVerification, nil))
			if _, err := f.client(t).OneStep(ctxTimeout(t, 5*time.Second), tt.req); err != nil {
				t.Fatal(err)
			}
			var got map[string]any
			if err := json.Unmarshal(f.lastBody(oneStepPath), &got); err != nil {
				t.Fatal(err)
			}
			// The sealed PII opens to the request's IVMS envelope.
			gotSI := got["piiSecuredInfo"].(map[string]any)
			doc, err := OpenPII(gotSI["securedPayload"].(string), their, ourKey(t).PublicKey())
			if err != nil {
				t.Fatalf("securedPayload: %v", err)
			}
			if p, err := ivms.Unmarshal(doc); err != nil || (p.Originator == nil && p.Beneficiary == nil) {
				t.Errorf("securedPayload is not the IVMS envelope: %v", err)
			}
			want["piiSecuredInfo"].(map[string]any)["securedPayload"] = gotSI["securedPayload"]
			var extra []string
			for k := range got {
				if _, documented := want[k]; !documented {
					extra = append(extra, k)
				}
			}
			slices.Sort(extra)
			if diff := cmp.Diff([]string{"encryptedPayload", "initiatorPublicKey", "targetVaspPublicKey"}, extra); diff != "" {
				t.Errorf("members beyond GTR's example (-want +got):\n%s", diff)
			}
			for _, k := range extra {
				delete(got, k)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("wire body vs GTR's documented body (-want +got):\n%s", diff)
			}
		})
	}
}

// TestOneStepDocumentedInvalid: the requests GTR documents as invalid (the
// limits of spec §4 and §5.1, the same list gtrtest's raw-HTTP test sends)
// are refused by the SDK with a *ValidationError, and nothing is sent.
func TestOneStepDocumentedInvalid(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		mutate func(r *OneStepRequest)
		field  string
	}{
		{"requestId of 3 characters", func(r *OneStepRequest) { r.RequestID = "abc" }, "RequestID"},
		{"requestId of 65 characters", func(r *OneStepRequest) { r.RequestID = strings.Repeat("a", 65) }, "RequestID"},
		{"requestId outside [\\w\\d_=-]", func(r *OneStepRequest) { r.RequestID = "acme/0001" }, "RequestID"},
		{"verifyDirection 3", func(r *OneStepRequest) { r.Direction = 3 }, "Direction"},
		{"network missing", func(r *OneStepRequest) { r.Network = "" }, "Network"},
		{"network of 65 characters", func(r *OneStepRequest) { r.Network = strings.Repeat("E", 65) }, "Network"},
		{"ticker missing", func(r *OneStepRequest) { r.Ticker = "" }, "Ticker"},
		{"address of 257 characters", func(r *OneStepRequest) { r.Address = strings.Repeat("a", 257) }, "Address"},
		{"tag of 65 characters", func(r *OneStepRequest) { r.Tag = strings.Repeat("1", 65) }, "Tag"},
		{"txId pre-transaction", func(r *OneStepRequest) { r.TxID = "0xabc" }, "TxID"},
		{"txId missing post-transaction", func(r *OneStepRequest) { r.Direction, r.Identity = PostTransaction, testPostIdentity() }, "TxID"},
		{"txId of 257 characters", func(r *OneStepRequest) {
			r.Direction, r.Identity, r.TxID = PostTransaction, testPostIdentity(), strings.Repeat("a", 257)
		}, "TxID"},
		{"targetVaspCode missing", func(r *OneStepRequest) { r.TargetVASPCode = "" }, "TargetVASPCode"},
		{"sourceVaspCode of 33 characters", func(r *OneStepRequest) { r.SourceVASPCode = strings.Repeat("S", 33) }, "SourceVASPCode"},
		{"amount empty", func(r *OneStepRequest) { r.Amount = "" }, "Amount"},
		{"amount negative", func(r *OneStepRequest) { r.Amount = "-1" }, "Amount"},
		{"amount with 19 decimals", func(r *OneStepRequest) { r.Amount = "0.0000000000000000001" }, "Amount"},
		{"amount of 29 digits", func(r *OneStepRequest) { r.Amount = "12345678901234567890123456789" }, "Amount"},
		{"fiatPrice empty", func(r *OneStepRequest) { r.FiatPrice = "" }, "FiatPrice"},
		{"fiatName of 33 characters", func(r *OneStepRequest) { r.FiatName = strings.Repeat("U", 33) }, "FiatName"},
		{"piiSecuredInfo missing", func(r *OneStepRequest) { r.Identity = nil }, "Identity"},
		{"piiSpecVersion not ivms101-2020", func(r *OneStepRequest) { r.PIISpecVersion = "ivms101-2023" }, "PIISpecVersion"},
	}
	f := newFake(t)
	c := f.client(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := preRequest(t, "acme-doc-invalid")
			tt.mutate(r)
			_, err := c.OneStep(ctxTimeout(t, 5*time.Second), r)
			var ve *ValidationError
			if !errors.As(err, &ve) || len(ve.Problems) != 1 || ve.Problems[0].Path != "OneStepRequest."+tt.field {
				t.Fatalf("err = %v, want one problem with OneStepRequest.%s", err, tt.field)
			}
		})
	}
	t.Cleanup(func() {
		if n := f.count(oneStepPath); n != 0 {
			t.Errorf("documented-invalid requests sent %d one_step calls", n)
		}
	})
}
