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
	Rule  travelrule.Rule
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
		out[i] = problem{p.Field, p.Rule}
	}
	return out
}
