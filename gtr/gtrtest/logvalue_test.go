package gtrtest

import (
	"testing"

	"github.com/vaspkit/vaspkit/internal/redacttest"
)

// TestServerRedaction: neither fmt (any verb) nor slog (either handler)
// shows the fake's credentials.
func TestServerRedaction(t *testing.T) {
	srv := NewServer(t)
	_, _, secret := srv.Credentials()
	redacttest.Hides(t, srv, []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"}, secret, srv.URL)
}
