package monitoringtest_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/vaspkit/vaspkit/monitoring"
	"github.com/vaspkit/vaspkit/monitoring/monitoringtest"
)

// The fake prints as its URL under every verb: never the app tokens and
// secrets it accepts, nor the transactions it stores.
func TestServerPrintsNoSecrets(t *testing.T) {
	t.Parallel()
	const token, secret, person = "sbx:print-token-4d2a", "print-secret-9c81f0", "Printable Canaryperson"
	srv := monitoringtest.NewServer(t, monitoringtest.WithAppToken(token, secret))
	c, err := srv.NewClient()
	if err != nil {
		t.Fatal(err)
	}
	txn, err := monitoring.NewCryptoWithdrawal("print-1", "1", "USDT").Chain("TRX").
		Applicant(monitoring.NewPerson("user-print-1", person)).
		CounterpartyWallet("TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE").Build()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Submit(context.Background(), txn); err != nil {
		t.Fatal(err)
	}
	want := "monitoringtest.Server(" + srv.URL + ")"
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
		if got := fmt.Sprintf(verb, srv); got != want {
			t.Errorf("Sprintf(%q) = %q, want %q", verb, got, want)
		}
	}
	for _, leak := range []string{secret, token, person} {
		if s := fmt.Sprint(srv, []any{srv}, struct{ S *monitoringtest.Server }{srv}); strings.Contains(s, leak) {
			t.Errorf("printed server shows %q: %s", leak, s)
		}
	}
	var nilSrv *monitoringtest.Server
	if got := fmt.Sprintf("%v", nilSrv); got != "monitoringtest.Server(nil)" {
		t.Errorf("nil server prints %q", got)
	}
}
