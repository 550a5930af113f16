package gtr

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// twoPassOneStep is how a one_step answer used to be read, and how
// decodeOneStepAnswer still reads an unusual one: the envelope, then data
// on its own, leniently.
func twoPassOneStep(raw []byte) (*envelope, error) {
	env, err := decodeEnvelope(raw, oneStepPath)
	if err != nil {
		return nil, err
	}
	env.oneStep = decodeOneStepData(env.Data)
	return env, nil
}

// sameAnswer compares what the one_step result is built from.
func sameAnswer(t *testing.T, body []byte, got, want *envelope, gotErr, wantErr error) {
	t.Helper()
	if (gotErr == nil) != (wantErr == nil) {
		t.Fatalf("body %q: error %v, the two-pass reading says %v", body, gotErr, wantErr)
	}
	if gotErr != nil {
		if diff := cmp.Diff(wantErr.Error(), gotErr.Error()); diff != "" {
			t.Fatalf("body %q: error (-want +got):\n%s", body, diff)
		}
		return
	}
	type view struct {
		Status  VerifyStatus
		Message string
		Stage   VerifyStage
		Msg     string
		Success *bool
		Data    *oneStepData
	}
	v := func(e *envelope) view {
		return view{e.VerifyStatus, e.VerifyMessage, e.VerifyStage, e.Msg, e.Success, e.oneStep}
	}
	if diff := cmp.Diff(v(want), v(got)); diff != "" {
		t.Fatalf("body %q: answer (-want +got):\n%s", body, diff)
	}
}

// repeatsData reports whether body is an object with more than one
// top-level member encoding/json reads as "data": the one pass then
// merges them where the two-pass reading keeps the last.
func repeatsData(body []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(body))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return false
	}
	n := 0
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		if k, _ := tok.(string); strings.EqualFold(k, "data") {
			n++
		}
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			return false
		}
	}
	return n > 1
}

func TestDecodeOneStepAnswer(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		body string
	}{
		{"verdict with fields and PII", `{"verifyStatus":100000,"verifyMessage":"Success","verifyStage":"PII_VERIFICATION","data":{"requestId":"acme-0001","travelruleId":"gtr-1","verifyFields":[{"type":"110026","status":1},{"type":"","status":1}],"piiSecuredInfo":{"initiatorKeyInfo":{"publicKey":"a"},"receiverKeyInfo":{"publicKey":"b"},"secretAlgorithm":"ed25519_curve25519","piiSecretFormatType":"FULL_JSON_OBJECT_ENCRYPT","securedPayload":"AAAA","encryptionParams":{"x":1}},"encryptedPayload":"AAAA","addressRiskLevel":"low","preflightCheckStatus":"ACCEPTED"}}`},
		{"verifiedFields only", `{"verifyStatus":200003,"data":{"verifiedFields":[{"type":110026,"status":"2"}]}}`},
		{"numbers for strings", `{"verifyStatus":"100002","data":{"requestId":12,"verifyStage":3}}`},
		{"empty securedPayload", `{"verifyStatus":100000,"data":{"piiSecuredInfo":{"securedPayload":""},"encryptedPayload":"////"}}`},
		{"data null", `{"verifyStatus":100002,"data":null}`},
		{"no data", `{"verifyStatus":200001,"verifyMessage":"address not found"}`},
		{"keys in another case", `{"VerifyStatus":100000,"DATA":{"RequestId":"r"}}`},
		{"a member of the wrong type", `{"verifyStatus":200001,"data":{"requestId":"r","verifyFields":"nope","piiSecuredInfo":{"securedPayload":"AAAA"}}}`},
		{"a field entry of the wrong type", `{"verifyStatus":200003,"data":{"verifyFields":[{"type":"110026","status":1},7]}}`},
		{"data not an object", `{"verifyStatus":100000,"data":"x"}`},
		{"data an array", `{"verifyStatus":100000,"data":[1]}`},
		{"bad verifyStatus", `{"verifyStatus":[1],"data":{}}`},
		{"not JSON", `<html>`},
		{"array", `[]`},
		{"null", `null`},
		{"empty", ``},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			body := []byte(tc.body)
			got, gotErr := decodeOneStepAnswer(body)
			want, wantErr := twoPassOneStep(body)
			sameAnswer(t, body, got, want, gotErr, wantErr)
		})
	}
}

// TestOpenIdentityMetadata: the counterparty's travelRuleMetadata is read
// from the opened document when it has one, in any key case, and is nil
// otherwise.
func TestOpenIdentityMetadata(t *testing.T) {
	t.Parallel()
	mine, their := ourKey(t), theirKey(t)
	c, err := New(WithBaseURL("http://localhost"), WithAppToken("a", "b", "c"), WithKeyPair(mine))
	if err != nil {
		t.Fatal(err)
	}
	sealer, err := c.sealers.get(c.keyPair, their.PublicKey())
	if err != nil {
		t.Fatal(err)
	}
	const ivms101 = `{"ivms101":{"Originator":{"originatorPersons":[{"naturalPerson":{"name":{"nameIdentifier":[{"primaryIdentifier":"Doe","secondaryIdentifier":"Jane","nameIdentifierType":"LEGL"}]}}}]}}`
	tests := []struct {
		name string
		doc  string
		want *TravelRuleMetadata
	}{
		{"none", ivms101 + `}`, nil},
		{"present", ivms101 + `,"travelRuleMetadata":{"isBeneficiaryVaspBroker":true,"originatingVaspIntermediaryVaspCount":2}}`,
			&TravelRuleMetadata{IsBeneficiaryVASPBroker: true, OriginatingVASPIntermediaryVASPCount: 2}},
		{"another key case", ivms101 + `,"TravelRuleMetadata":{"isOriginatingVaspBroker":true}}`,
			&TravelRuleMetadata{IsOriginatingVASPBroker: true}},
		{"escaped key", ivms101 + `,"travelRule\u004detadata":{"isOriginatingVaspBroker":true}}`,
			&TravelRuleMetadata{IsOriginatingVASPBroker: true}},
		{"null", ivms101 + `,"travelRuleMetadata":null}`, nil},
		{"only a sibling's string", ivms101 + `,"note":"travelRuleMetadata"}`, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			sealed, err := SealPII([]byte(tc.doc), their, mine.PublicKey())
			if err != nil {
				t.Fatal(err)
			}
			p, meta, err := c.openIdentity(&wireSecuredInfo{SecuredPayload: sealed, PIISecretFormatType: string(FullJSONObjectEncrypt)}, sealer)
			if err != nil {
				t.Fatal(err)
			}
			if p == nil || p.Originator == nil {
				t.Fatal("the IVMS document was not decoded")
			}
			if diff := cmp.Diff(tc.want, meta); diff != "" {
				t.Errorf("travelRuleMetadata (-want +got):\n%s", diff)
			}
		})
	}
}
