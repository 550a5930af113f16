package rest_test

import (
	"context"
	"crypto/tls"
	"errors"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/vaspkit/vaspkit/internal/rest"
)

// TestTLSRefusalIsNotSentAndNotRetried: a server that refuses the client
// certificate (with TLS 1.3 the client hears it only after writing) never
// ran its handler, so even an Ambiguous request is reported as not sent,
// and no class retries a refusal the same certificate will meet again.
func TestTLSRefusalIsNotSentAndNotRetried(t *testing.T) {
	t.Parallel()
	for _, class := range []rest.Class{rest.Safe, rest.Keyed, rest.Ambiguous} {
		srv := httptest.NewUnstartedServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
			t.Error("the handler ran without a client certificate")
		}))
		srv.TLS = &tls.Config{ClientAuth: tls.RequireAnyClientCert, MinVersion: tls.VersionTLS13}
		srv.Config.ErrorLog = log.New(io.Discard, "", 0)
		srv.StartTLS()
		c := newClient(t, srv.URL, func(cfg *rest.Config) { cfg.HTTPClient = srv.Client() })
		err := c.Post("/one_step").JSON(1).Retry(class).Do(context.Background())
		srv.Close()
		var te *rest.TransportError
		if !errors.As(err, &te) {
			t.Fatalf("%v: Do() = %v, want *TransportError", class, err)
		}
		if te.Sent || te.Attempts != 1 {
			t.Errorf("%v: TransportError{Sent: %v, Attempts: %d}, want not sent after 1 attempt", class, te.Sent, te.Attempts)
		}
	}
}
