package monitoring_test

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/vaspkit/vaspkit/monitoring"
)

// redirector answers every request with status and a Location on to.
func redirector(status int, to string, n *atomic.Int32) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		_, _ = io.Copy(io.Discard, r.Body)
		http.Redirect(w, r, to+r.URL.Path, status)
	})
}

// TestSubmitRedirectIsNotFollowed: a 3xx is Sumsub's (or a proxy's)
// answer, an *APIError with that status: the signed request and its
// personal data never go to the Location, nothing is read back (a
// redirect is not a sign that the transaction was stored), and there is
// no Result.
func TestSubmitRedirectIsNotFollowed(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		status int
		tls    bool
	}{
		{"307", http.StatusTemporaryRedirect, false},
		{"308", http.StatusPermanentRedirect, false},
		{"302", http.StatusFound, false},
		{"https to http 307", http.StatusTemporaryRedirect, true},
		{"https to http 308", http.StatusPermanentRedirect, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var elsewhere, front atomic.Int32
			other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				elsewhere.Add(1)
				w.Header().Set("Content-Type", "application/json")
				_, _ = io.WriteString(w, `{"id":"`+sumsubID+`","review":{"reviewStatus":"completed","reviewResult":{"reviewAnswer":"GREEN"}}}`)
			}))
			t.Cleanup(other.Close)
			opts := []monitoring.Option{monitoring.WithAppToken("sbx:t", "s"), monitoring.WithoutRateLimit()}
			var hs *httptest.Server
			if tc.tls {
				hs = httptest.NewTLSServer(redirector(tc.status, other.URL, &front))
				opts = append(opts, monitoring.WithHTTPClient(hs.Client()))
			} else {
				hs = httptest.NewServer(redirector(tc.status, other.URL, &front))
			}
			t.Cleanup(hs.Close)
			c, err := monitoring.New(append(opts, monitoring.WithBaseURL(hs.URL))...)
			if err != nil {
				t.Fatal(err)
			}
			res, err := c.Submit(t.Context(), withdrawal(t, "redir-1", "1"))
			var ae *monitoring.APIError
			if res != nil || !errors.As(err, &ae) || ae.HTTPStatus != tc.status {
				t.Fatalf("Submit = %v, %v; want an *APIError with HTTP %d", res, err, tc.status)
			}
			if monitoring.MaybeSent(err) || errors.Is(err, monitoring.ErrOutcomeUnknown) {
				t.Errorf("err = %v: a redirect is not a maybe-stored submit", err)
			}
			if n := elsewhere.Load(); n != 0 {
				t.Errorf("the redirect target received %d requests", n)
			}
			if n := front.Load(); n != 1 {
				t.Errorf("the API received %d requests, want the submit alone (no retry, no read-back)", n)
			}
		})
	}
}

// TestNewRefusesPlainHTTP: plain http is for loopback test servers only;
// the error matches ErrConfig and names WithBaseURL.
func TestNewRefusesPlainHTTP(t *testing.T) {
	t.Parallel()
	tok := monitoring.WithAppToken("sbx:t", "s")
	for _, u := range []string{"http://api.sumsub.com", "HTTP://api.sumsub.com/", "http://10.0.0.1:8080", "http://[2001:db8::1]", "http://localhost.example.com"} {
		c, err := monitoring.New(tok, monitoring.WithBaseURL(u))
		if c != nil || !errors.Is(err, monitoring.ErrConfig) || !strings.Contains(err.Error(), "WithBaseURL") {
			t.Errorf("New(WithBaseURL(%q)) = %v, %v; want ErrConfig naming WithBaseURL", u, c, err)
		}
	}
	for _, u := range []string{"http://127.0.0.1:1", "http://localhost:8080", "http://[::1]:1", "https://api.sumsub.com"} {
		if _, err := monitoring.New(tok, monitoring.WithBaseURL(u)); err != nil {
			t.Errorf("New(WithBaseURL(%q)) = %v", u, err)
		}
	}
}
