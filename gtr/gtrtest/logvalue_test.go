package gtrtest

import (
	"bytes"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

// TestServerRedaction: neither fmt (any verb) nor slog (either handler)
// shows the fake's credentials.
func TestServerRedaction(t *testing.T) {
	srv := NewServer(t)
	_, _, secret := srv.Credentials()
	var b bytes.Buffer
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
		fmt.Fprintf(&b, verb+"\n", srv)
	}
	for _, h := range []slog.Handler{slog.NewJSONHandler(&b, nil), slog.NewTextHandler(&b, nil)} {
		slog.New(h).Info("m", "srv", srv, slog.Group("g", slog.Any("srv", srv)))
	}
	if secret == "" || strings.Contains(b.String(), secret) {
		t.Errorf("the secret leaked:\n%s", b.String())
	}
	if !strings.Contains(b.String(), srv.URL) {
		t.Errorf("the URL is not shown:\n%s", b.String())
	}
}
