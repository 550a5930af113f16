package travelruletest

import (
	"testing"

	"github.com/vaspkit/vaspkit/internal/redacttest"
)

// TestServerRedaction: neither fmt (any verb) nor slog (either handler)
// shows the fake's credentials.
func TestServerRedaction(t *testing.T) {
	const secret = "CANARY-SECRET-7d1e"
	srv := NewServer(t, WithCredentials("CANARY-KEY-1", secret))
	redacttest.Hides(t, srv, []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"}, secret, srv.URL)
}

// redactSpec lists every type of the fake that holds personal data or a
// secret, with the facts its redacted forms show (the checks are
// documented in package redacttest).
var redactSpec = redacttest.Spec{
	Pkgs: []string{"github.com/vaspkit/vaspkit/travelrule/travelruletest"},
	Cases: func() []redacttest.Case {
		return []redacttest.Case{
			{Name: "Session", V: new(Session), Safe: []string{"Currency", "Network"}},
			{Name: "Counterparty", V: new(Counterparty), Safe: []string{"Currency", "Network", "SubType", "Status"}},
			{Name: "Verification", V: new(Verification), Safe: []string{"Route", "Method", "Outcome", "Status"}},
			{Name: "SignatureCheck", V: new(SignatureCheck)},
			{Name: "Delivery", V: new(Delivery)},
		}
	},
	NotPII: map[string]string{"Server": "holds credentials: TestServerRedaction checks its own redaction"},
}

// TestRecordRedaction: no canary in the records shows under any fmt
// verb nor through slog (either handler); each type, as a value and a
// pointer, implements fmt.Formatter and slog.LogValuer; and a new type
// holding one of these is listed too.
func TestRecordRedaction(t *testing.T) {
	t.Parallel()
	redactSpec.Check(t)
}
