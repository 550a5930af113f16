package gtr

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// ignoreSealed compares the decoded fields, unexported ones included, but the
// sealed payloads and the hashed document.
var ignoreSealed = cmp.Options{cmp.AllowUnexported(PIIVerification{}, PIIResult{}),
	cmpopts.IgnoreFields(PIIVerification{}, "sealed", "hashed"), cmpopts.IgnoreFields(PIIResult{}, "sealed")}

func mustKey(t testing.TB, s string) PublicKey {
	t.Helper()
	k, err := ParsePublicKey(s)
	if err != nil {
		t.Fatalf("ParsePublicKey: %v", err)
	}
	return k
}

func TestDecodeCallbackGolden(t *testing.T) {
	t.Parallel()
	demoKey := mustKey(t, "NLQoA0DxCzWSrDFgV2x3GU3VvRm+AQirARaSB+0qEC0=")
	sampleKey := mustKey(t, "0szeNNub/IGoe623JCGD4B4bH8I94FozOeZjv1dKlXQ=")
	const (
		preReq  = "acme-6f1d2c3b-aaaa-4bbb-8ccc-123456789abc"
		ourReq  = "vaspkit-0d9c8b7a-6543-4210-9876-fedcba987654"
		eth     = "0x00000000219ab540356cBB839Cbe05303d7705Fa"
		invoked = "VASPKIT_TEST"
	)
	tests := []struct {
		file string
		want Callback
	}{
		{"type0_health_check.json", &HealthCheck{CallbackHeader{Type: callbackHealthCheck, InvokeVASPCode: invoked}}},
		{"type4_pii_verification.json", &PIIVerification{
			CallbackHeader: CallbackHeader{Type: callbackPIIVerification, RequestID: "acme-0b7c1f0e-3a44-4d8e-9a6b-2f0c4e1d9a77",
				InvokeVASPCode: invoked, OriginatorVASP: "ACME", BeneficiaryVASP: invoked,
				InitiatorVASP: "ACME", ReceiverVASP: invoked, Direction: PreTransaction},
			Network: "ETH", Ticker: "ETH", Address: eth,
			Amount: "0.5", FiatName: "USD", FiatPrice: "1500",
			BeneficiaryVASPName: "Vaspkit Test Exchange",
			ExpectFields:        []FieldID{BeneficiaryNatural.Name(), BeneficiaryNatural.DateOfBirth()},
			InitiatorPublicKey:  demoKey, receiverKey: sampleKey,
			algorithm: algEd25519Curve25519, PIIFormat: FullJSONObjectEncrypt,
		}},
		{"type6_address_verification.json", &AddressCheck{
			CallbackHeader: CallbackHeader{Type: callbackAddressVerification, RequestID: preReq, InvokeVASPCode: invoked,
				OriginatorVASP: "ACME", BeneficiaryVASP: invoked, InitiatorVASP: "ACME"},
			OriginatorVASPName: "Acme Exchange", Network: "XRP", Ticker: "XRP",
			Address: "rEb8TK3gBgk5auZkwc6sHnwrGVJH8DuaLh", Tag: "12345",
		}},
		{"type7_txid_notification.json", &TxIDNotice{
			CallbackHeader: CallbackHeader{Type: callbackTxIDNotification, RequestID: preReq, InvokeVASPCode: invoked,
				OriginatorVASP: "ACME", BeneficiaryVASP: invoked},
			TxID: "0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060",
		}},
		{"type9_txid_verification.json", &TxIDCheck{
			CallbackHeader: CallbackHeader{Type: callbackTxIDVerification, RequestID: "bene-1c2d3e4f-0000-4111-8222-333344445555",
				InvokeVASPCode: invoked, OriginatorVASP: invoked, BeneficiaryVASP: "BENE", InitiatorVASP: "BENE"},
			TravelRuleID: "gtr-7d1f0c9a", Network: "BTC", Ticker: "BTC",
			Address: "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
			TxID:    "4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b",
		}},
		{"type10_address_routing.json", &AddressRouting{
			CallbackHeader: CallbackHeader{Type: callbackAddressRouting, RequestID: "acme-77777777-8888-4999-aaaa-bbbbccccdddd", InvokeVASPCode: invoked,
				InitiatorVASP: "ACME", Direction: PreTransaction},
			Network: "TRX", Address: "TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7",
		}},
		{"type12_unknown.json", &UnknownCallback{
			CallbackHeader: CallbackHeader{Type: 12, RequestID: "acme-12121212", InvokeVASPCode: invoked},
			Data:           json.RawMessage(`{"question":"out of network inquiry"}`),
		}},
		{"type13_stage_result.json", &StageResult{
			CallbackHeader: CallbackHeader{Type: callbackStageResult, RequestID: ourReq, InvokeVASPCode: invoked, OriginatorVASP: invoked, BeneficiaryVASP: "BENE",
				InitiatorVASP: invoked, ReceiverVASP: "BENE", Direction: PreTransaction},
			Result:  NotifyResult{Status: StatusSuccess, Message: "Address Verification Success"},
			Network: "ETH", Ticker: "USDT", Address: eth,
		}},
		{"type15_pii_result.json", &PIIResult{
			CallbackHeader: CallbackHeader{Type: callbackPIIResult, RequestID: ourReq, InvokeVASPCode: invoked, OriginatorVASP: invoked, BeneficiaryVASP: "BENE",
				InitiatorVASP: invoked, ReceiverVASP: "BENE", Direction: PreTransaction},
			Result:          NotifyResult{Status: statusServerFail, Message: "PII Verification Success"},
			Fields:          []FieldResult{{ID: BeneficiaryNatural.Name(), Status: FieldMatch, Message: "match"}, {ID: BeneficiaryNatural.DateOfBirth(), Status: FieldNotSupported}},
			PreflightStatus: "ACCEPTED",
		}},
		{"type16_preflight_checked.json", &PreflightResult{
			CallbackHeader: CallbackHeader{Type: callbackPreflightChecked, RequestID: ourReq, InvokeVASPCode: invoked,
				InitiatorVASP: invoked, ReceiverVASP: "BENE", Direction: PreTransaction},
			Status: "REJECTED", Message: "jurisdiction not supported",
		}},
		{"type17_travel_rule_ended.json", &TravelRuleEnded{
			CallbackHeader: CallbackHeader{Type: callbackTravelRuleEnded, RequestID: preReq, InvokeVASPCode: invoked, OriginatorVASP: "ACME", BeneficiaryVASP: invoked,
				InitiatorVASP: "ACME", ReceiverVASP: invoked, Direction: PreTransaction},
			Result:     NotifyResult{Status: StatusCancelled, Message: "travel rule canceled"},
			ReasonType: "CANCELLED", Reason: "user cancelled the withdrawal",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			body, err := os.ReadFile(filepath.Join("testdata", "callbacks", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			got, err := DecodeCallback(body)
			if err != nil {
				t.Fatalf("DecodeCallback: %v", err)
			}
			if diff := cmp.Diff(tt.want, got, ignoreSealed); diff != "" {
				t.Errorf("DecodeCallback mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDecodeCallbackMalformed(t *testing.T) {
	t.Parallel()
	const secret = "Jane-Secret-Doe"
	tests := []struct {
		name      string
		body      string
		wantField string
		wantIn    string
	}{
		{"empty", ``, "", "empty body"},
		{"array", `[1,2]`, "", "not a JSON object"},
		{"syntax", `{"callbackType":6,"requestId":"x` + secret, "", "syntax error at byte"},
		{"no type", `{"requestId":"abcd"}`, "callbackType", "missing"},
		{"type not int", `{"callbackType":"six","requestId":"abcd"}`, "", "expected an integer"},
		{"type float", `{"callbackType":6.5,"requestId":"abcd"}`, "", "expected an integer"},
		{"data not object", `{"callbackType":6,"requestId":"abcd","callbackData":"` + secret + `"}`, "callbackData", "not a JSON object"},
		{"no request id", `{"callbackType":6,"callbackData":{"address":"a","network":"ETH"}}`, "requestId", "missing"},
		{"bad request id", `{"callbackType":6,"requestId":"` + secret + ` x","callbackData":{"address":"a","network":"ETH"}}`, "requestId", "outside"},
		{"long request id", `{"callbackType":6,"requestId":"` + strings.Repeat("a", 129) + `","callbackData":{"address":"a","network":"ETH"}}`, "requestId", "longer than 128"},
		{"request ids differ", `{"callbackType":6,"requestId":"abcd","callbackData":{"requestId":"efgh","address":"a","network":"ETH"}}`, "callbackData.requestId", "differs"},
		{"address missing", `{"callbackType":6,"requestId":"abcd","callbackData":{"network":"ETH"}}`, "callbackData.address", "missing"},
		{"address wrong type", `{"callbackType":6,"requestId":"abcd","callbackData":{"address":12345678,"network":"ETH"}}`, "callbackData.address", "wrong JSON type (number)"},
		{"network missing", `{"callbackType":6,"requestId":"abcd","callbackData":{"address":"a"}}`, "callbackData.network", "missing"},
		{"txid missing (9)", `{"callbackType":9,"requestId":"abcd","callbackData":{"network":"BTC"}}`, "callbackData.txId", "missing"},
		{"txid missing (7)", `{"callbackType":7,"requestId":"abcd","callbackData":{}}`, "callbackData.txId", "missing"},
		{"txid object", `{"callbackType":7,"requestId":"abcd","callbackData":{"txId":{"a":"` + secret + `"}}}`, "callbackData", "expected a string or a number"},
		{"routing address missing", `{"callbackType":10,"requestId":"abcd","callbackData":{}}`, "callbackData.beneficiaryAddress.address", "missing"},
		{"pii no direction", `{"callbackType":4,"requestId":"abcd","callbackData":{"piiSecuredInfo":{"securedPayload":"x"}}}`, "callbackData.verificationDirection", "missing"},
		{"pii bad direction", `{"callbackType":4,"requestId":"abcd","callbackData":{"verificationDirection":3,"piiSecuredInfo":{"securedPayload":"x"}}}`, "callbackData.verificationDirection", "not 1"},
		{"pii no secured info", `{"callbackType":4,"requestId":"abcd","callbackData":{"verificationDirection":2}}`, "callbackData.piiSecuredInfo", "missing"},
		{"pii no payload", `{"callbackType":4,"requestId":"abcd","callbackData":{"verificationDirection":2,"piiSecuredInfo":{}}}`, "callbackData.piiSecuredInfo.securedPayload", "missing"},
		{"pii bad field ids", `{"callbackType":4,"requestId":"abcd","callbackData":{"verificationDirection":2,"initiatorExpectVerifyFields":{"x":1},"piiSecuredInfo":{"securedPayload":"x"}}}`, "callbackData", "expected a list of field ids"},
		{"stage result ids differ", `{"callbackType":13,"requestId":"abcd","callbackData":{"travelruleInfo":{"requestId":"efgh"}}}`, "callbackData.requestId", "differs"},
		{"ended no request id", `{"callbackType":17,"callbackData":{"basicMessage":{}}}`, "requestId", "missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ev, err := DecodeCallback([]byte(tt.body))
			if err == nil {
				t.Fatalf("DecodeCallback = %T, want an error", ev)
			}
			if !errors.Is(err, ErrMalformedCallback) {
				t.Errorf("errors.Is(err, ErrMalformedCallback) = false for %v", err)
			}
			var de *callbackDecodeError
			if !errors.As(err, &de) {
				t.Fatalf("error %T is not a *callbackDecodeError", err)
			}
			if de.Field != tt.wantField {
				t.Errorf("Field = %q, want %q", de.Field, tt.wantField)
			}
			if !strings.Contains(de.Reason, tt.wantIn) {
				t.Errorf("Reason = %q, want it to contain %q", de.Reason, tt.wantIn)
			}
			if strings.Contains(err.Error(), "Secret") || strings.Contains(err.Error(), "12345678") {
				t.Errorf("error %q quotes a value of the body", err)
			}
		})
	}
}
