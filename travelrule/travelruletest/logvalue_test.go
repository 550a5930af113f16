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
