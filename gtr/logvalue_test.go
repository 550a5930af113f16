package gtr

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"reflect"
	"strings"
	"testing"

	"github.com/vaspkit/vaspkit/internal/redacttest"
	"github.com/vaspkit/vaspkit/ivms"
)

var redactPkgs = []string{"github.com/vaspkit/vaspkit/gtr", "github.com/vaspkit/vaspkit/ivms"}

// redactHeader are the CallbackHeader facts an event shows.
var redactHeader = []string{"CallbackHeader.InvokeVASPCode", "CallbackHeader.OriginatorVASP", "CallbackHeader.BeneficiaryVASP"}

// redactTypes lists every type of the package that holds PII or a secret,
// with the facts its redacted forms show. TestRedactionTableIsComplete
// keeps it complete.
func redactTypes() []redacttest.Case {
	return []redacttest.Case{
		{Name: "OneStepRequest", V: new(OneStepRequest), Verbs: redactStringerVerbs,
			Safe: []string{"Network", "Ticker", "TargetVASPCode", "Format"}},
		{Name: "OneStepResult", V: new(OneStepResult), Verbs: redactStringerVerbs,
			Safe: []string{"Stage", "OriginatorVASP", "BeneficiaryVASP", "TargetVASPCode", "Format", "PreflightStatus", "AddressRiskLevel"}},
		{Name: "PIIVerification", V: new(PIIVerification), Verbs: redactStringerVerbs,
			Safe: append([]string{"Network", "Ticker", "InitiatorVASP", "ReceiverVASP", "Format"}, redactHeader...)},
		{Name: "PIIVerifyAnswer", V: new(PIIVerifyAnswer), Safe: []string{"PreflightStatus"}},
		{Name: "PIIResult", V: new(PIIResult), Safe: append([]string{"PreflightStatus"}, redactHeader...)},
		{Name: "AddressCheck", V: new(AddressCheck), Safe: append([]string{"InitiatorVASP", "Network", "Ticker"}, redactHeader...)},
		{Name: "TxIDCheck", V: new(TxIDCheck), Safe: append([]string{"InitiatorVASP", "Network", "Ticker"}, redactHeader...)},
		{Name: "AddressRouting", V: new(AddressRouting), Safe: append([]string{"InitiatorVASP", "Network"}, redactHeader...)},
		{Name: "StageResult", V: new(StageResult), Safe: redactHeader},
		{Name: "BeneficiaryAddress", V: new(BeneficiaryAddress), Safe: []string{"AddressType"}},
		{Name: "BlockchainTransaction", V: new(BlockchainTransaction), Safe: []string{"Network", "Ticker"}},
		{Name: "UnknownCallback", V: new(UnknownCallback), Safe: redactHeader},
		{Name: "AddressDetectionRequest", V: new(AddressDetectionRequest), Safe: []string{"VASPCode", "Network"}},
	}
}

// redactMethodTypes hold secrets and are checked for the methods only
// (TestRedactionSecrets prints them).
var redactMethodTypes = []reflect.Type{
	reflect.TypeFor[*Client](), reflect.TypeFor[*Sealer](), reflect.TypeFor[*CallbackHandler](),
	reflect.TypeFor[*AppToken](), reflect.TypeFor[KeyPair](), reflect.TypeFor[*KeyPair](),
	reflect.TypeFor[*LoginSession](),
}

// redactNoFormat are listed types without a Format method, and why.
var redactNoFormat = map[string]string{
	"OneStepRequest":  "a field is named Format: String serves %v %+v %s %q %x %X, GoString %#v; %d and the like print the fields",
	"OneStepResult":   "a field is named Format (see OneStepRequest)",
	"PIIVerification": "a field is named Format (see OneStepRequest)",
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
		&AppToken{AccessKey: "ak", Nonce: "n", secretToken: secret},
		&APIError{HTTPStatus: 400, Code: StatusBadParameters, Message: message, RequestID: reqID, Body: []byte(body), Method: "POST", Path: "/p"},
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
	NoFormat:    redactNoFormat,
	ExternalPII: redactExternalPII,
}

// TestRedactionHolds: no canary shows under any verb nor through slog.
func TestRedactionHolds(t *testing.T) {
	t.Parallel()
	redactSpec.Holds(t)
}

// TestRedactionMethods: every listed type has the four redacting methods.
func TestRedactionMethods(t *testing.T) {
	t.Parallel()
	redactSpec.Methods(t)
}

// TestRedactionTableIsComplete: the source guard keeps the table complete.
func TestRedactionTableIsComplete(t *testing.T) {
	t.Parallel()
	redactSpec.TableIsComplete(t, ".")
}

// redactStringerVerbs are the verbs fmt answers with String (or GoString)
// when a type has no Format method.
var redactStringerVerbs = []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%10.3v", "%-8s"}

// The shared harness under the names session_test.go uses.
var (
	redactVerbs     = redacttest.Verbs
	redactOutputs   = redacttest.Outputs
	redactEncodings = redacttest.Encodings
)
