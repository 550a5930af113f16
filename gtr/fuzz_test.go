package gtr

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/vaspkit/vaspkit/internal/rest"
)

// sealedResponse is a one_step answer whose piiSecuredInfo the counterparty
// sealed to us, so the fuzzer starts from bodies that open.
func sealedResponse(t testing.TB) []byte {
	their, mine := theirKey(t), ourKey(t)
	doc := []byte(`{"ivms101":{"Originator":{"originatorPersons":[{"naturalPerson":{"name":{"nameIdentifier":[{"primaryIdentifier":"Doe","secondaryIdentifier":"Jane","nameIdentifierType":"LEGL"}]}}}]}},"travelRuleMetadata":{"isBeneficiaryVaspBroker":true}}`)
	sealed, err := SealPII(doc, their, mine.PublicKey())
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(map[string]any{
		"verifyStatus": 100000, "verifyMessage": "Success", "verifyStage": "PII_VERIFICATION",
		"data": map[string]any{
			"requestId": "acme-0001", "verifyFields": []any{map[string]any{"type": "110026", "status": 1}},
			"piiSecuredInfo": map[string]any{
				"initiatorKeyInfo": map[string]any{"publicKey": mine.PublicKey().String()},
				"receiverKeyInfo":  map[string]any{"publicKey": their.PublicKey().String()},
				"secretAlgorithm":  "ed25519_curve25519", "piiSecretFormatType": "FULL_JSON_OBJECT_ENCRYPT",
				"securedPayload": sealed,
			},
		},
	})
	return b
}

// FuzzOneStepResponse feeds arbitrary bodies through the one_step answer
// decoding, PII opening and Decide: nothing may panic, the one-pass
// decoding reads what the envelope-then-data reading does (but for a
// repeated "data" member, which it merges), the verdict is the envelope's,
// and the result always names the request.
func FuzzOneStepResponse(f *testing.F) {
	for _, s := range []string{
		`{"verifyStatus":100000,"verifyMessage":"Success","data":{}}`,
		`{"verifyStatus":"100002","verifyStage":"ADDRESS_VERIFICATION","data":null}`,
		`{"verifyStatus":200003,"data":{"verifiedFields":[{"type":110026,"status":"2"},{"type":"x","status":9}]}}`,
		`{"verifyStatus":200001,"data":{"verifyFields":"nope","piiSecuredInfo":{"securedPayload":"AAAA"}}}`,
		`{"verifyStatus":100000,"data":{"encryptedPayload":"////","requestId":12}}`,
		`{"verifyStatus":100000,"data":{"piiSecuredInfo":{"securedPayload":"e30=","piiSecretFormatType":"JSON_FIELD_ENCRYPT"}}}`,
		`[]`, `null`, `{"verifyStatus":1e3}`,
	} {
		f.Add([]byte(s))
	}
	f.Add(sealedResponse(f))
	c, err := New(WithBaseURL("http://localhost"), WithAppToken("a", "b", "c"), WithKeyPair(ourKey(f)))
	if err != nil {
		f.Fatal(err)
	}
	sealer, err := c.sealers.get(c.keyPair, theirKey(f).PublicKey())
	if err != nil {
		f.Fatal(err)
	}
	req := &OneStepRequest{RequestID: "acme-0001", Direction: PreTransaction, ExpectFields: []FieldID{BeneficiaryNatural.Name()}}
	f.Fuzz(func(t *testing.T, body []byte) {
		env, err := decodeOneStepAnswer(body)
		if !repeatsData(body) {
			want, wantErr := twoPassOneStep(body)
			sameAnswer(t, body, env, want, err, wantErr)
		}
		if err != nil {
			if !errors.Is(err, ErrMalformedResponse) {
				t.Fatalf("decodeEnvelope error %v is not ErrMalformedResponse", err)
			}
			return
		}
		res := c.oneStepResult(env, req, sealer)
		if res.Status != env.VerifyStatus || res.RequestID == "" {
			t.Fatalf("result %+v does not carry the envelope's verdict", res)
		}
		if res.Identity != nil && res.IdentityErr != nil {
			t.Fatal("both an identity and an identity error")
		}
		d := res.Decide()
		if d.Action == Proceed && res.Status != StatusSuccess && res.Status != StatusPIIVerifyFail {
			t.Fatalf("Decide proceeds on status %v", res.Status)
		}
	})
}

// FuzzQueryResponse: query answers decode leniently and never panic.
func FuzzQueryResponse(f *testing.F) {
	for _, s := range []string{
		`{"requestId":"acme-0001","verifyStatus":100000,"verifyStage":"PII_VERIFICATION","verifyStartedAt":1701734400000}`,
		`{"verifyStatus":"200003","requestType":"1","verifyUpdatedAt":"1701734401","apiUsageInfo":{"dailyLimit":10}}`,
		`{"verifyStatus":[1],"txId":123,"verifyStageStatus":1.5e300}`,
		`[]`, `"x"`, `{}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		q := decodeQuery(data, "acme-0001")
		if q == nil || q.RequestID == "" {
			t.Fatal("no result")
		}
	})
}

// FuzzVASPDetail: VASP detail data decodes or fails with
// ErrMalformedResponse; a decoded public key is always valid.
func FuzzVASPDetail(f *testing.F) {
	for _, s := range []string{
		`{"vaspCode":"beta","availability":0,"capability":{"couldPending":true},"supportedVerifyFields":[{"id":110026,"name":"n"}],"standardInfo":{"publicKeyInfo":{"receiverKeyInfo":{"publicKey":"NLQoA0DxCzWSrDFgV2x3GU3VvRm+AQirARaSB+0qEC0="},"secretAlgorithm":"ed25519_curve25519"}}}`,
		`{"requiredPiiFieldsAsBeneficiary":[{"id":"100026","direction":"BENEFICIARY"},1,null],"supportedFeatures":["STANDARD2"]}`,
		`{"standardInfo":{"publicKeyInfo":{"receiverKeyInfo":{"publicKey":"-----BEGIN PUBLIC KEY-----"},"secretAlgorithm":"RSA"}}}`,
		`{"availability":"1"}`, `[]`, `null`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := decodeVASPDetail(data)
		if err != nil {
			if !errors.Is(err, ErrMalformedResponse) {
				t.Fatalf("error %v is not ErrMalformedResponse", err)
			}
			return
		}
		if !d.PublicKey.IsZero() {
			if _, err := ParsePublicKey(d.PublicKey.String()); err != nil {
				t.Fatalf("decoded an invalid public key: %v", err)
			}
		}
	})
}

// FuzzErrorBody: any error body becomes an *APIError whose message is one
// line and never holds the body's data.
func FuzzErrorBody(f *testing.F) {
	for _, s := range []string{
		`{"verifyStatus":100005,"verifyMessage":"Request ID duplicated"}`,
		`{"msg":"bad","verifyStatus":"100023","data":{"name":"PII"}}`,
		`<html>502</html>`, ``, `{"verifyMessage":"a\nb\u0000c"}`,
	} {
		f.Add(400, []byte(s))
	}
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		err := decodeError(&rest.ErrorResponse{StatusCode: status, Body: body})
		var ae *APIError
		if !errors.As(err, &ae) {
			t.Fatalf("decodeError returned %T", err)
		}
		s := ae.Error()
		if strings.ContainsAny(s, "\n\r\x00") {
			t.Fatalf("error string is not one line: %q", s)
		}
		_ = errors.Is(err, ErrNotFound)
	})
}

// FuzzAppToken: X-Authorization tokens parse or fail with
// errInvalidAppToken, never panic.
func FuzzAppToken(f *testing.F) {
	f.Add("eyJzZWNyZXRUb2tlbiI6IngiLCJhY2Nlc3NLZXkiOiJhIiwiYWxnb3JpdGhtIjoiaG1hYy1zaGE1MTIiLCJub25jZSI6Im4iLCJ0aW1lc3RhbXAiOiIxNzAxNzM0NDAwMDAwIiwiZXhwaXJlcyI6MTUsInZlcmlmeVR5cGUiOjF9")
	f.Add("e30=")
	f.Add("%%%")
	f.Fuzz(func(t *testing.T, token string) {
		tok, err := parseAppToken(token)
		if err != nil {
			if !errors.Is(err, errInvalidAppToken) {
				t.Fatalf("error %v is not errInvalidAppToken", err)
			}
			return
		}
		_ = tok.verify("v", "s", tok.Issued, 0)
	})
}

// FuzzPlainJSONString: the in-place fast path for JSON string literals
// agrees with encoding/json whenever it takes a literal.
func FuzzPlainJSONString(f *testing.F) {
	for _, s := range []string{`"110026"`, `"a\"b"`, `"\u00e9"`, `"é"`, `""`, `"\n"`, `12`, `"tab	"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, lit []byte) {
		got, ok := plainJSONString(lit)
		if !ok {
			return
		}
		var want string
		if err := json.Unmarshal(lit, &want); err != nil {
			t.Fatalf("fast path took invalid literal %q", lit)
		}
		if got != want {
			t.Fatalf("plainJSONString(%q) = %q, encoding/json says %q", lit, got, want)
		}
	})
}
