package travelruletest_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/vaspkit/vaspkit/travelrule"
	"github.com/vaspkit/vaspkit/travelrule/travelruletest"
)

// The fake prints as its URL under every verb: never its API key and
// secret (exported as fields for clients to use) nor the requests it
// recorded; and it records no credential.
func TestServerPrintsNoSecrets(t *testing.T) {
	t.Parallel()
	const key, secret = "print-key-5e0b7a41", "print-secret-c3d9e2f7"
	srv := travelruletest.NewServer(t, travelruletest.WithCredentials(key, secret))
	c, err := travelrule.New(srv.ClientOptions()...)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.CreateWidgetSession(context.Background(), &travelrule.WidgetSessionRequest{
		UserID: userID, Currency: "ETH", Network: "ETH", CounterpartyAddress: ethAddress,
	}); err != nil {
		t.Fatal(err)
	}
	recorded := srv.Requests()[0]
	if len(recorded.Header) == 0 || recorded.Header.Get("Authorization") != "" || recorded.Header.Get("api-key") != "" {
		t.Errorf("the recorded request keeps its credentials, or no header at all: %v", recorded.Header)
	}
	want := "travelruletest.Server(" + srv.URL + ")"
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
		if got := fmt.Sprintf(verb, srv); got != want {
			t.Errorf("Sprintf(%q) = %q, want %q", verb, got, want)
		}
	}
	for _, leak := range []string{secret, key, ethAddress} {
		if s := fmt.Sprint(srv, []any{srv}, struct{ S *travelruletest.Server }{srv}); strings.Contains(s, leak) {
			t.Errorf("printed server shows %q: %s", leak, s)
		}
	}
	var nilSrv *travelruletest.Server
	if got := fmt.Sprintf("%v", nilSrv); got != "travelruletest.Server(nil)" {
		t.Errorf("nil server prints %q", got)
	}
}
