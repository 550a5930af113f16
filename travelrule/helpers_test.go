package travelrule_test

import (
	"errors"
	"testing"
	"time"

	"github.com/vaspkit/vaspkit/travelrule"
	"github.com/vaspkit/vaspkit/travelrule/travelruletest"
)

// Test identities. They are synthetic.
const (
	userID     = "550e8400-e29b-41d4-a716-446655440000"
	businessID = "6ba7b810-9dad-11d1-80b4-00c04fd430c8"
	ethAddress = "0x52908400098527886E0F7030069857D2E4169EE7"
	btcAddress = "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx"
	solAddress = "7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV"
	txHash     = "4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b"
)

// newClient returns a client for srv with fast retries.
func newClient(t testing.TB, srv *travelruletest.Server, opts ...travelrule.Option) *travelrule.Client {
	t.Helper()
	all := append(srv.ClientOptions(), travelrule.WithRetry(3, time.Millisecond, 5*time.Millisecond))
	c, err := travelrule.New(append(all, opts...)...)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

// problem is a FieldError without its message, for comparisons.
type problem struct {
	Field string
	Rule  string
}

// problemsOf returns the problems of a *ValidationError, or fails.
func problemsOf(t testing.TB, err error) []problem {
	t.Helper()
	var ve *travelrule.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("error = %v (%T), want *travelrule.ValidationError", err, err)
	}
	out := make([]problem, len(ve.Problems))
	for i, p := range ve.Problems {
		out[i] = problem{p.Path, p.Rule}
	}
	return out
}

// errNoSecret stands for a full check's refusal (bolt11's
// ErrMissingPaymentSecret) in tests that do not import bolt11.
var errNoSecret = errors.New("check: no payment secret (s field)")

// fixtureCheck is an InvoiceCheck that knows the fixtures as package
// bolt11 decodes them (bolt11's TestTravelruleInvoiceFixtures checks that
// it does): it reports the testnet invoices' hashes and expiry and refuses
// the one without a payment secret. Package bolt11's own tests plug the
// real bolt11.CheckInvoice into a client. This package's tests do not
// import bolt11, so that a module depending on travelrule never downloads
// lnd.
func fixtureCheck(fx invoiceFixtures) travelrule.InvoiceCheck {
	return func(invoice, network string) (string, time.Time, error) {
		if network != "testnet" {
			return "", time.Time{}, errors.New("check: wrong network")
		}
		switch invoice {
		case fx.Testnet:
			return fx.TestnetPaymentHash, time.Date(2075, 1, 1, 0, 0, 0, 0, time.UTC), nil
		case fx.TestnetExpired:
			return fx.TestnetExpiredPaymentHash, time.Date(2020, 1, 1, 1, 0, 0, 0, time.UTC), nil
		case fx.TestnetNoSecret:
			return "", time.Time{}, errNoSecret
		}
		return "", time.Time{}, errors.New("check: unknown invoice")
	}
}
