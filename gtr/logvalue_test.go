package gtr

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vaspkit/vaspkit/internal/redacttest"
	"github.com/vaspkit/vaspkit/ivms"
)

var redactPkgs = []string{"github.com/vaspkit/vaspkit/gtr", "github.com/vaspkit/vaspkit/ivms"}

// redactHeader are the CallbackHeader facts an event shows.
var redactHeader = []string{"CallbackHeader.InvokeVASPCode", "CallbackHeader.OriginatorVASP", "CallbackHeader.BeneficiaryVASP",
	"CallbackHeader.InitiatorVASP", "CallbackHeader.ReceiverVASP"}

// redactTypes lists every type of the package that holds PII or a secret,
// with the facts its redacted forms show. TestRedactionTableIsComplete
// keeps it complete.
func redactTypes() []redacttest.Case {
	return []redacttest.Case{
		{Name: "OneStepRequest", V: new(OneStepRequest),
			Safe: []string{"Network", "Ticker", "TargetVASPCode", "PIIFormat"}},
		{Name: "OneStepResult", V: new(OneStepResult),
			Safe: []string{"Stage", "OriginatorVASP", "BeneficiaryVASP", "TargetVASPCode", "PIIFormat", "PreflightStatus", "AddressRiskLevel"}},
		{Name: "PIIVerification", V: new(PIIVerification),
			Safe: append([]string{"Network", "Ticker", "PIIFormat"}, redactHeader...)},
		{Name: "PIIVerifyAnswer", V: new(PIIVerifyAnswer), Safe: []string{"PreflightStatus"}},
		{Name: "PIIResult", V: new(PIIResult), Safe: append([]string{"PreflightStatus"}, redactHeader...)},
		{Name: "AddressCheck", V: new(AddressCheck), Safe: append([]string{"Network", "Ticker"}, redactHeader...)},
		{Name: "TxIDCheck", V: new(TxIDCheck), Safe: append([]string{"Network", "Ticker"}, redactHeader...)},
		{Name: "AddressRouting", V: new(AddressRouting), Safe: append([]string{"Network"}, redactHeader...)},
		{Name: "StageResult", V: new(StageResult), Safe: append([]string{"Network", "Ticker"}, redactHeader...)},
		{Name: "UnknownCallback", V: new(UnknownCallback), Safe: redactHeader},
		{Name: "AddressDetectionRequest", V: new(AddressDetectionRequest), Safe: []string{"VASPCode", "Network"}},
		{Name: "TxIDNotification", V: new(TxIDNotification)},
		{Name: "EndRequest", V: new(EndRequest), Safe: []string{"Reason"}},
		{Name: "ManualVerifyRequest", V: new(ManualVerifyRequest)},
	}
}

// redactMethodTypes hold secrets and are checked for the methods only
// (TestRedactionSecrets prints them).
var redactMethodTypes = []reflect.Type{
	reflect.TypeFor[*Client](), reflect.TypeFor[*piiSealer](), reflect.TypeFor[*CallbackHandler](),
	reflect.TypeFor[*appToken](), reflect.TypeFor[KeyPair](), reflect.TypeFor[*KeyPair](),
	reflect.TypeFor[*LoginSession](),
}

// redactExternalPII are the PII types of ivms.
var redactExternalPII = []string{
	"ivms.IdentityPayload", "ivms.Originator", "ivms.Beneficiary", "ivms.OriginatingVASP", "ivms.BeneficiaryVASP",
	"ivms.TransferPath", "ivms.IntermediaryVASP", "ivms.Person", "ivms.NaturalPerson", "ivms.LegalPerson",
	"ivms.NaturalPersonName", "ivms.NaturalPersonNameID", "ivms.LegalPersonName", "ivms.LegalPersonNameID",
	"ivms.Address", "ivms.NationalIdentification", "ivms.DateAndPlaceOfBirth",
}

// TestRedactionSecrets: the secret holders and the errors that keep
// request values print none of them under any verb nor through slog.
func TestRedactionSecrets(t *testing.T) {
	t.Parallel()
	const (
		secret  = "CANARYSECRETTOKEN0001"
		message = "CANARYMESSAGE0002"
		reqID   = "CANARYREQUEST0003"
		body    = "CANARYBODY0004"
	)
	values := []any{
		&appToken{AccessKey: "ak", Nonce: "n", secretToken: secret},
		&APIError{HTTPStatus: 400, Code: statusBadParameters, Message: message, RequestID: reqID, Body: []byte(body), Method: "POST", Path: "/p"},
		&OutcomeUnknownError{Op: "one_step", RequestID: reqID, Err: errors.New("gtr: timeout")},
	}
	for _, v := range values {
		out := redacttest.Outputs(v, redacttest.Verbs)
		for _, c := range []string{secret, message, reqID, body} {
			for _, enc := range redacttest.Encodings(c) {
				if strings.Contains(out, enc) {
					t.Errorf("%T: %s leaked", v, c)
				}
			}
		}
	}
}

// TestRedactionShowsFacts: the redacted forms still tell what a value is.
func TestRedactionShowsFacts(t *testing.T) {
	t.Parallel()
	res := &OneStepResult{Direction: PreTransaction, Status: StatusSuccess, Stage: StagePIIVerification,
		Identity: &ivms.IdentityPayload{}, Recovered: true, BeneficiaryVASP: "beta"}
	const want = `gtr.OneStepResult{direction: "pre-transaction", status: "100000 SUCCESS", stage: "PII_VERIFICATION", beneficiaryVasp: "beta", identity: true, recovered: true, [REDACTED]}`
	if got := fmt.Sprintf("%+v", res); got != want {
		t.Errorf("%%+v =\n%s, want\n%s", got, want)
	}
	var b bytes.Buffer
	slog.New(slog.NewJSONHandler(&b, nil)).Info("m", "res", res)
	if !strings.Contains(b.String(), `"res":{"direction":"pre-transaction","status":"100000 SUCCESS","stage":"PII_VERIFICATION","beneficiaryVasp":"beta","identity":true,"recovered":true}`) {
		t.Errorf("JSON log: %s", b.String())
	}
}

// redactSpec is the package's table for the shared redaction harness (the
// checks are documented in package redacttest).
var redactSpec = redacttest.Spec{
	Pkgs:        redactPkgs,
	Cases:       redactTypes,
	MethodTypes: redactMethodTypes,
	ExternalPII: redactExternalPII,
}

// TestRedactionHolds: no canary shows under any verb nor through slog.
func TestRedactionHolds(t *testing.T) {
	t.Parallel()
	redactSpec.Holds(t)
}

// TestRedactionMethods: every listed type, as a value and as a pointer,
// and every redactMethodTypes entry, implements fmt.Formatter (fmt calls
// Format for every verb, %#v included) and slog.LogValuer.
func TestRedactionMethods(t *testing.T) {
	t.Parallel()
	redactSpec.Methods(t)
}

// TestRedactionTableIsComplete: the source guard keeps the table complete.
func TestRedactionTableIsComplete(t *testing.T) {
	t.Parallel()
	redactSpec.TableIsComplete(t, ".")
}

// The shared harness under the names session_test.go uses.
var (
	redactVerbs     = redacttest.Verbs
	redactOutputs   = redacttest.Outputs
	redactEncodings = redacttest.Encodings
)

// TestRedactionFormatFieldTypes: the types whose PII format field was once
// named Format (so they had no Format method and %d, %x printed their
// fields) print their redacted form under every verb.
func TestRedactionFormatFieldTypes(t *testing.T) {
	t.Parallel()
	id := &ivms.IdentityPayload{}
	tests := []struct {
		v    any
		want string
	}{
		{OneStepRequest{Direction: PreTransaction, Network: "ETH", Address: "0xCANARY", TxID: "CANARYTX", PIIFormat: JSONFieldHash, Identity: id},
			`gtr.OneStepRequest{direction: "pre-transaction", network: "ETH", format: "JSON_FIELD_HASH", identity: true, [REDACTED]}`},
		{OneStepResult{RequestID: "CANARYREQ", Status: StatusSuccess, PIIFormat: FullJSONObjectEncrypt, HashSalt: "CANARYSALT"},
			`gtr.OneStepResult{status: "100000 SUCCESS", format: "FULL_JSON_OBJECT_ENCRYPT", [REDACTED]}`},
		{PIIVerification{CallbackHeader: CallbackHeader{RequestID: "CANARYREQ", InitiatorVASP: "ACME"}, Address: "0xCANARY", Amount: "12.5", PIIFormat: JSONFieldEncrypt},
			`gtr.PIIVerification{type: "HEALTH_CHECK", initiatorVasp: "ACME", format: "JSON_FIELD_ENCRYPT", [REDACTED]}`},
	}
	for _, tt := range tests {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%d", "%x", "%X", "%o", "%t", "%e"} {
			ptr := reflect.New(reflect.TypeOf(tt.v))
			ptr.Elem().Set(reflect.ValueOf(tt.v))
			for _, v := range []any{tt.v, ptr.Interface()} {
				if diff := cmp.Diff(tt.want, fmt.Sprintf(verb, v)); diff != "" {
					t.Errorf("%T under %s (-want +got):\n%s", v, verb, diff)
				}
			}
		}
	}
}
