package reliability

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/vaspkit/vaspkit/internal/rest"
	"github.com/vaspkit/vaspkit/monitoring"
	"github.com/vaspkit/vaspkit/monitoring/monitoringtest"
	"github.com/vaspkit/vaspkit/travelrule"
	"github.com/vaspkit/vaspkit/travelrule/travelruletest"
)

// The tests below reproduce, each on its own, the bugs the fault matrix
// and the canaries found in other packages, now fixed; the owning
// packages have regression tests of their own too.

// monitoring Submit: a 2xx whose body does not decode was a plain decode
// error, not flagged and not read back, although the transaction was
// stored. It is read back by txnId and returned Replayed.
func TestMonitoringUndecodable2xxIsReadBack(t *testing.T) {
	r := newMonitoringRig(t, newFaultNet(t), defaultRigConfig())
	c, err := r.newCaller()
	if err != nil {
		t.Fatal(err)
	}
	a := c.call(withPlan(context.Background(), onlyFirst(faultMalformed)), "reg-malformed-1")
	if r.records()["reg-malformed-1"] != 1 {
		t.Fatal("the fake did not store the transaction")
	}
	if a.class != classReplay || a.id != r.storedID("reg-malformed-1") {
		t.Errorf("stored transaction answered with %s %q (%v): want the stored result, replayed", a.class, a.id, a.err)
	}
	// Submitting it again is a duplicate: the first call gave the result.
	if again := c.call(context.Background(), "reg-malformed-1"); !errors.Is(again.err, monitoring.ErrDuplicate) {
		t.Errorf("submitting the same transaction again: %s %v; want ErrDuplicate", again.class, again.err)
	}
}

// monitoring Submit: when the attempt that stored the transaction lost its
// answer and every retry then met a 5xx, Submit returned that 5xx
// *APIError, unflagged. It reads the transaction back.
func TestMonitoringRetriesEndingIn5xxReadTheTransactionBack(t *testing.T) {
	r := newMonitoringRig(t, newFaultNet(t), defaultRigConfig())
	c, err := r.newCaller()
	if err != nil {
		t.Fatal(err)
	}
	a := c.call(withPlan(context.Background(), &callPlan{primary: storedThenRefused()}), "reg-5xx-1")
	if r.records()["reg-5xx-1"] != 1 {
		t.Fatal("the fake did not store the transaction")
	}
	if a.class != classReplay {
		t.Errorf("stored transaction answered with %s: %v; want the stored result, replayed", a.class, a.err)
	}
}

// travelrule CreateWidgetSession: the same as above for widget sessions;
// MaybeSent was false for the final 5xx although an earlier attempt
// stored the session. It is flagged, and calling again returns the
// session.
func TestTravelRuleRetriesEndingIn5xxAreFlagged(t *testing.T) {
	r := newTravelRuleRig(t, newFaultNet(t), defaultRigConfig())
	c, err := r.newCaller()
	if err != nil {
		t.Fatal(err)
	}
	id := r.newID(1)
	a := c.call(withPlan(context.Background(), &callPlan{primary: storedThenRefused()}), id)
	if r.records()[id] != 1 {
		t.Fatal("the fake did not store the session")
	}
	var ae *travelrule.APIError
	if !travelrule.MaybeSent(a.err) || !errors.As(a.err, &ae) || !ae.Replayed {
		t.Errorf("stored session answered with %s %v: want an *APIError that MaybeSent flags (Replayed)", a.class, a.err)
	}
	if again := c.call(context.Background(), id); again.class != classReplay && again.class != classSuccess || again.id != r.storedID(id) {
		t.Errorf("calling again: %s %q %v; want the stored session", again.class, again.id, again.err)
	}
}

// internal/rest: with TLS 1.3 a server that refuses the client
// certificate says so in an alert read after the client's handshake
// finished. rest counted the obtained connection as "the request may have
// reached the server" and retried the alert like a network blip, so
// gtr.OneStep answered ErrOutcomeUnknown for a request no server
// processed. The alert is neither sent nor retried.
func TestRestTLSAlertIsNotSent(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		t.Error("the handler ran without a client certificate")
	}))
	srv.TLS = &tls.Config{ClientAuth: tls.RequireAnyClientCert, MinVersion: tls.VersionTLS13}
	srv.Config.ErrorLog = discardLog()
	srv.Listener = lingerListener{srv.Listener} // the alert always reaches the client (see lingerListener)
	srv.StartTLS()
	defer srv.Close()
	c, err := rest.New(rest.Config{BaseURL: srv.URL, HTTPClient: srv.Client(), RetryMax: 3,
		RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	err = c.Get("/x").Retry(rest.Safe).Do(context.Background())
	var te *rest.TransportError
	if !errors.As(err, &te) {
		t.Fatalf("err = %v, want a *rest.TransportError", err)
	}
	if te.Sent || te.Attempts != 1 {
		t.Errorf("TransportError{Sent: %v, Attempts: %d} for %q: want Sent false after 1 attempt (the TLS handshake was refused)",
			te.Sent, te.Attempts, te.Err)
	}
}

// monitoringtest.Server and travelruletest.Server printed their
// credentials with %v: neither had a String, GoString or Format method.
func TestFakesPrintNoSecrets(t *testing.T) {
	const secret = "reg-secret-0123456789"
	mon := monitoringtest.NewServer(t, monitoringtest.WithAppToken("sbx:reg-token", secret))
	tr := travelruletest.NewServer(t, travelruletest.WithCredentials("reg-key-0123456789", secret))
	for name, v := range map[string]any{"monitoringtest.Server": mon, "travelruletest.Server": tr} {
		for _, verb := range []string{"%v", "%+v", "%#v"} {
			if s := fmt.Sprintf(verb, v); strings.Contains(s, secret) {
				t.Errorf("%s prints its secret with %s", name, verb)
			}
		}
	}
}
