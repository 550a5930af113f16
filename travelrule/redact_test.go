package travelrule

import (
	"bytes"
	"fmt"
	"log/slog"
	"reflect"
	"strings"
	"testing"

	"github.com/vaspkit/vaspkit/internal/redacttest"
)

var redactPkgs = []string{"github.com/vaspkit/vaspkit/travelrule"}

// redactTypes lists every type of the package that holds PII or a secret,
// with the facts its redacted forms show. TestRedactionTableIsComplete
// keeps it complete.
func redactTypes() []redacttest.Case {
	return []redacttest.Case{
		{Name: "WidgetSessionRequest", V: new(WidgetSessionRequest), Safe: []string{"Currency", "Network"}},
		{Name: "WidgetSession", V: new(WidgetSession), Safe: []string{"ID", "Status", "ReuseEvidence"}},
		{Name: "SelfHostedCounterpartyRequest", V: new(SelfHostedCounterpartyRequest), Safe: []string{"Currency", "Network", "SubType"}},
		{Name: "Counterparty", V: new(Counterparty), Safe: []string{"Status", "SubType"}},
		{Name: "WalletVerificationRequest", V: new(WalletVerificationRequest), Safe: []string{"Method"}},
		{Name: "WalletVerification", V: new(WalletVerification), Safe: []string{"Status"}},
		{Name: "SubmitWalletVerificationRequest", V: new(SubmitWalletVerificationRequest), Safe: []string{"Method"}},
		{Name: "WebhookEvent", V: new(WebhookEvent), Safe: []string{"Type"}},
		{Name: "DepositEvent", V: new(DepositEvent), Safe: []string{"Type", "TxType", "Currency", "BlockchainNetwork.Name"}},
	}
}

// redactMethodTypes hold secrets and are checked for the methods only.
var redactMethodTypes = []reflect.Type{reflect.TypeFor[*Client]()}

// TestRedactionShowsFacts: the redacted forms still tell what a value is.
func TestRedactionShowsFacts(t *testing.T) {
	t.Parallel()
	req := &WidgetSessionRequest{UserID: "CANARY-USER", Currency: "ETH", Network: "ETH", CounterpartyAddress: "0xCANARY"}
	const want = `travelrule.WidgetSessionRequest{currency: "ETH", network: "ETH", [REDACTED]}`
	var b bytes.Buffer
	slog.New(slog.NewJSONHandler(&b, nil)).Info("m", "req", req)
	if got := fmt.Sprintf("%d", req); got != want || !strings.Contains(b.String(), `"req":{"currency":"ETH","network":"ETH"}`) {
		t.Errorf("%%d = %s; JSON log: %s", got, b.String())
	}
}

// redactSpec is the package's table for the shared redaction harness (the
// checks are documented in package redacttest).
var redactSpec = redacttest.Spec{
	Pkgs:        redactPkgs,
	Cases:       redactTypes,
	MethodTypes: redactMethodTypes,
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
