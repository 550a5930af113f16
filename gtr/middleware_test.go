package gtr

import (
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// TestWithMiddleware: repeated WithMiddleware options append, the first
// given is outermost, every attempt (retries and the login included) goes
// through them, after signing, over the mTLS transport.
func TestWithMiddleware(t *testing.T) {
	t.Parallel()
	f := newMTLSFake(t)
	var mu sync.Mutex
	var seen []string
	mw := func(name string) Middleware {
		return func(next http.RoundTripper) http.RoundTripper {
			return roundTripFunc(func(r *http.Request) (*http.Response, error) {
				mu.Lock()
				seen = append(seen, name+" "+r.URL.Path+" auth="+map[bool]string{true: "yes", false: "no"}[r.Header.Get("Authorization") != ""])
				mu.Unlock()
				return next.RoundTrip(r)
			})
		}
	}
	first := true
	f.handle(queryPath, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		fail := first
		first = false
		mu.Unlock()
		if fail {
			writeJSON(w, http.StatusServiceUnavailable, map[string]any{"msg": "busy"})
			return
		}
		reply(StatusSuccess, "Success", map[string]any{"verifyStatus": 100000})(w, r)
	})
	p := newTestPKI(t) // the CA newMTLSFake trusts
	c, err := New(WithBaseURL(f.srv.URL), WithLogin(testVASPCode, testAccessKey, testSecretKey),
		WithClientCertificatePEM(p.clientCertPEM, p.clientKeyPEM), WithRootCAs(p.pool),
		WithMiddleware(mw("a"), mw("b")), WithMiddleware(mw("c")), WithRetry(1, time.Millisecond, time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Query(ctxTimeout(t, 10*time.Second), "acme-mw-0001"); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"a /api/login auth=no", "b /api/login auth=no", "c /api/login auth=no",
		"a /api/verify/query auth=yes", "b /api/verify/query auth=yes", "c /api/verify/query auth=yes",
		"a /api/verify/query auth=yes", "b /api/verify/query auth=yes", "c /api/verify/query auth=yes",
	}
	if got := strings.Join(seen, "\n"); got != strings.Join(want, "\n") {
		t.Errorf("middleware saw\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}
}
