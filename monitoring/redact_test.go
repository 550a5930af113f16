package monitoring

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"reflect"
	"strings"
	"testing"

	"github.com/vaspkit/vaspkit/internal/redacttest"
)

var redactPkgs = []string{"github.com/vaspkit/vaspkit/monitoring"}

// redactTypes lists every type of the package that holds PII or a secret,
// with the facts its redacted forms show. TestRedactionTableIsComplete
// keeps it complete.
func redactTypes() []redacttest.Case {
	return []redacttest.Case{
		{Name: "Transaction", V: new(Transaction), Safe: []string{"Type", "Info.Direction", "Info.CurrencyCode"}},
		{Name: "Participant", V: new(Participant), Safe: []string{"Type"}},
		{Name: "Address", V: new(Address)},
		{Name: "IDDoc", V: new(IDDoc), Safe: []string{"IDDocType"}},
		{Name: "Device", V: new(Device)},
		{Name: "Coords", V: new(Coords)},
		{Name: "IPInfo", V: new(IPInfo)},
		{Name: "UserAgentInfo", V: new(UserAgentInfo)},
		{Name: "Person", V: new(Person)},
		{Name: "PaymentMethod", V: new(PaymentMethod), Safe: []string{"Type"}},
		{Name: "PaymentMethodData", V: new(PaymentMethodData), Safe: []string{"Type", "CurrencyCode", "CryptoChain"}},
		{Name: "ApplicantPaymentMethod", V: new(ApplicantPaymentMethod), Safe: []string{"Data.Type"}},
		{Name: "PlatformEventInfo", V: new(PlatformEventInfo), Safe: []string{"Type"}},
		{Name: "TravelRuleSDKRequest", V: new(TravelRuleSDKRequest), Safe: []string{"LevelName", "TxnInfo.CurrencyCode", "TxnInfo.Direction"}},
		{Name: "TravelRuleSDKTxn", V: new(TravelRuleSDKTxn), Safe: []string{"CurrencyCode", "CryptoChain", "Direction"}},
		{Name: "TravelRuleSDKSession", V: new(TravelRuleSDKSession)},
		{Name: "Beneficiary", V: new(Beneficiary)},
		{Name: "ImportRecord", V: new(ImportRecord), Safe: []string{"Data.Type"}},
		{Name: "Result", V: new(Result), Safe: []string{"Review.ReviewStatus", "Review.ReviewResult.ReviewAnswer", "ScoringResult.Action", "TravelRuleInfo.Status", "Data.Type"}},
		{Name: "FindResult", V: new(FindResult)},
		{Name: "Builder", V: new(Builder), Safe: []string{"t.Type"}},
		{Name: "Filter", V: new(Filter), Safe: []string{"Path"}},
		{Name: "Query", V: new(Query), Safe: []string{"Order"}},
	}
}

// redactMethodTypes hold secrets and are checked for the methods only.
var redactMethodTypes = []reflect.Type{reflect.TypeFor[*Client]()}

// redactNotPII are exported structs that hold a listed type without being
// personal data themselves.
var redactNotPII = map[string]string{
	"InstitutionInfo": "a bank or VASP: its code, name and address are an institution's",
}

// TestRedactionShowsFacts: the redacted forms still tell what a value is,
// and JSON, the wire form, keeps the data.
func TestRedactionShowsFacts(t *testing.T) {
	t.Parallel()
	txn, err := NewCryptoWithdrawal("wd-1", "1", "BTC").Applicant(NewPerson("u-1", "Jane Canary")).CounterpartyWallet("bc1qcanary").Build()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := fmt.Sprintf("%+v", txn), `monitoring.Transaction{type: "finance", direction: "out", currencyCode: "BTC", [REDACTED]}`; got != want {
		t.Errorf("%%+v = %s, want %s", got, want)
	}
	var b bytes.Buffer
	slog.New(slog.NewJSONHandler(&b, nil)).Info("m", "txn", txn, "applicant", txn.Applicant, "address", Address{Town: "Canarytown"})
	if !strings.Contains(b.String(), `"txn":{"type":"finance","direction":"out","currencyCode":"BTC"},"applicant":{"type":"individual"},"address":"[REDACTED]"`) {
		t.Errorf("JSON log: %s", b.String())
	}
	wire, err := json.Marshal(txn)
	if err != nil || !strings.Contains(string(wire), "Jane Canary") || !strings.Contains(string(wire), "bc1qcanary") {
		t.Errorf("json.Marshal = %s, %v: the wire form must keep the data", wire, err)
	}
}

// redactSpec is the package's table for the shared redaction harness (the
// checks are documented in package redacttest).
var redactSpec = redacttest.Spec{
	Pkgs:        redactPkgs,
	Cases:       redactTypes,
	MethodTypes: redactMethodTypes,
	NotPII:      redactNotPII,
}

// TestRedactionHolds: no canary shows under any verb nor through slog.
func TestRedactionHolds(t *testing.T) {
	t.Parallel()
	redactSpec.Holds(t)
}

// TestRedactionMethods: every listed type, as a value and as a pointer,
// has Format and LogValue. fmt calls Format for every verb (%#v included),
// so no String or GoString would ever run; TestRedactionHolds proves the
// output of every verb.
func TestRedactionMethods(t *testing.T) {
	t.Parallel()
	redactSpec.Methods(t)
}

// TestRedactionTableIsComplete: the source guard keeps the table complete.
func TestRedactionTableIsComplete(t *testing.T) {
	t.Parallel()
	redactSpec.TableIsComplete(t, ".")
}
