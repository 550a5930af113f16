package monitoringtest

import (
	"testing"

	"github.com/vaspkit/vaspkit/internal/redacttest"
)

// TestServerRedaction: neither fmt (any verb) nor slog (either handler)
// shows the fake's credentials.
func TestServerRedaction(t *testing.T) {
	const secret = "CANARY-SECRET-7d1e"
	srv := NewServer(t, WithAppToken("CANARY-TOKEN-1", secret))
	redacttest.Hides(t, srv, []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"}, secret, srv.URL)
}

// TestDeliveryRedaction: a delivery prints its webhook type and status,
// never the body or the event's ids, under any fmt verb nor through slog.
func TestDeliveryRedaction(t *testing.T) {
	t.Parallel()
	spec := redacttest.Spec{
		Pkgs: []string{"github.com/vaspkit/vaspkit/monitoring/monitoringtest", "github.com/vaspkit/vaspkit/monitoring"},
		Cases: func() []redacttest.Case {
			return []redacttest.Case{{Name: "Delivery", V: new(Delivery), Safe: []string{"Event.Type"}}}
		},
		NotPII: map[string]string{"Server": "holds credentials: its own test checks it", "Stats": "counts", "Verdict": "a rule's name, score and action"},
	}
	spec.Check(t)
}
