package rest_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/vaspkit/vaspkit/internal/rest"
)

// TestRedirectIsNeverFollowed: a 3xx is the server's answer. The call
// fails with it, the body and the signature go nowhere else, nothing is
// retried, and the other host's answer is never returned as the
// provider's. Every redirect status, to the same host, to another host
// and from https to http.
func TestRedirectIsNeverFollowed(t *testing.T) {
	t.Parallel()
	for _, code := range []int{301, 302, 303, 307, 308} {
		for _, where := range []string{"same host", "other host", "https to http"} {
			for _, class := range []rest.Class{rest.Safe, rest.Keyed, rest.Ambiguous} {
				t.Run(http.StatusText(code)+"/"+where+"/"+class.String(), func(t *testing.T) {
					t.Parallel()
					other := newRecorder(t, status(200, `{"id":"elsewhere"}`))
					var origin *recorder
					originStep := func(w http.ResponseWriter, r *http.Request) {
						target := other.srv.URL + "/elsewhere"
						if where == "same host" {
							target = "/elsewhere"
						}
						http.Redirect(w, r, target, code)
					}
					var c *rest.Client
					if where == "https to http" {
						origin = &recorder{steps: []http.HandlerFunc{originStep}}
						origin.srv = httptest.NewTLSServer(http.HandlerFunc(origin.serve))
						t.Cleanup(origin.srv.Close)
						c = newClient(t, origin.srv.URL, func(cfg *rest.Config) {
							cfg.HTTPClient = origin.srv.Client()
							cfg.Signer = &countingSigner{}
						})
					} else {
						origin = newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
							if r.URL.Path == "/elsewhere" {
								status(200, `{"id":"elsewhere"}`)(w, r)
								return
							}
							originStep(w, r)
						})
						c = newClient(t, origin.srv.URL, func(cfg *rest.Config) { cfg.Signer = &countingSigner{} })
					}
					var out payload
					var m rest.Meta
					err := c.Post("/x").JSON(payload{ID: "secret-body"}).Retry(class).Into(&out).Meta(&m).Do(context.Background())
					var se *rest.StatusError
					if !errors.As(err, &se) || se.Response.StatusCode != code {
						t.Fatalf("Do() = %v, want a *StatusError with status %d", err, code)
					}
					if out.ID != "" {
						t.Errorf("decoded %q from somewhere: a redirect must not be reported as success", out.ID)
					}
					if n := other.count(); n != 0 {
						t.Errorf("the other host received %d requests, want 0", n)
					}
					origin.mu.Lock()
					defer origin.mu.Unlock()
					if diff := cmp.Diff([]string{"/x"}, origin.paths); diff != "" {
						t.Errorf("requests at the origin (-want +got):\n%s", diff)
					}
					if m.Attempts != 1 || m.StatusCode != code {
						t.Errorf("Meta = %+v, want one attempt answered %d", m, code)
					}
				})
			}
		}
	}
}

// TestCallersCheckRedirectIsOverridden: a caller's http.Client that would
// follow redirects still does not.
func TestCallersCheckRedirectIsOverridden(t *testing.T) {
	t.Parallel()
	other := newRecorder(t, status(200, `{"id":"elsewhere"}`))
	origin := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.srv.URL, http.StatusTemporaryRedirect)
	})
	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return nil }}
	c := newClient(t, origin.srv.URL, func(cfg *rest.Config) { cfg.HTTPClient = hc })
	if err := c.Get("/x").Do(context.Background()); err == nil {
		t.Fatal("Do() = nil, want the 307 as an error")
	}
	if n := other.count(); n != 0 {
		t.Errorf("the other host received %d requests, want 0", n)
	}
}

func TestPlainHTTPOnlyToLoopback(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		url string
		ok  bool
	}{
		{"https://api.sumsub.com", true},
		{"https://api.example.test:8443/base", true},
		{"http://127.0.0.1:8080", true},
		{"http://127.1.2.3", true},
		{"http://[::1]:9000/api", true},
		{"http://localhost:3000", true},
		{"http://LOCALHOST", true},
		{"http://[::ffff:127.0.0.1]:80", true},
		{"http://api.sumsub.com", false},
		{"http://platform.globaltravelrule.com/api", false},
		{"http://10.0.0.1:8080", false},
		{"http://192.168.1.1", false},
		{"http://localhost.example.com", false},
		{"http://127.0.0.1.nip.io", false},
		{"http://0.0.0.0:80", false},
		{"http://[::]:80", false},
	} {
		_, err := rest.New(rest.Config{BaseURL: tc.url})
		if tc.ok && err != nil {
			t.Errorf("New(%q) = %v, want accepted", tc.url, err)
		}
		if !tc.ok && !errors.Is(err, rest.ErrPlainHTTP) {
			t.Errorf("New(%q) = %v, want ErrPlainHTTP", tc.url, err)
		}
	}
}

// TestFormattedPathsHideIDs: a path built with Getf and friends reaches
// the server escaped, while logs and every error show "*" for each id.
func TestFormattedPathsHideIDs(t *testing.T) {
	t.Parallel()
	const id = "canary-txn-7Q2"
	for _, tc := range []struct {
		name string
		step http.HandlerFunc
	}{
		{"api error", status(404, `{"description":"`+id+` not found"}`)},
		{"empty 2xx", status(200, ``)},
		{"hang-up", hangUp},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rec := newRecorder(t, tc.step)
			var logs bytes.Buffer
			c := newClient(t, rec.srv.URL, func(cfg *rest.Config) {
				cfg.Logger = slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
				cfg.RetryMax = -1
			})
			var out payload
			err := c.Getf("/txns/%s/one", id+"/x").Into(&out).Do(context.Background())
			if err == nil {
				t.Fatal("Do() = nil, want an error")
			}
			rec.mu.Lock()
			got := rec.paths
			rec.mu.Unlock()
			if diff := cmp.Diff([]string{"/txns/" + id + "%2Fx/one"}, got); diff != "" {
				t.Errorf("paths at the server (-want +got):\n%s", diff)
			}
			var se *rest.StatusError
			if errors.As(err, &se) {
				se.Response.Body = nil // the body is the server's, kept for the decoder
			}
			for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
				if s := fmtErr(verb, err); strings.Contains(s, "canary") {
					t.Errorf("error under %s shows the id: %s", verb, s)
				}
			}
			if strings.Contains(logs.String(), "canary") {
				t.Errorf("logs show the id: %s", logs.String())
			}
			if !strings.Contains(logs.String(), `"path":"/txns/*/one"`) {
				t.Errorf("logs = %s, want the path template", logs.String())
			}
		})
	}
}

func TestFormattedPathArity(t *testing.T) {
	t.Parallel()
	c := newClient(t, "https://api.example.test", nil)
	for _, r := range []*rest.Request{
		c.Getf("/a/%s/b/%s", "1"),
		c.Postf("/a/%s", "1", "2"),
		c.Patchf("/a/%d", "1"),
	} {
		if err := r.Do(context.Background()); err == nil || !strings.Contains(err.Error(), "segments") {
			t.Errorf("Do() = %v, want an arity error", err)
		}
	}
}

func fmtErr(verb string, err error) string { return fmt.Sprintf(verb, err) }

// TestMiddlewareSeesEverySignedAttempt: middleware wraps each attempt after
// signing, outermost first, and sees retries.
func TestMiddlewareSeesEverySignedAttempt(t *testing.T) {
	t.Parallel()
	rec := newRecorder(t, status(503, `{}`), status(200, `{"id":"1"}`))
	var seen []string
	mw := func(name string) rest.Middleware {
		return func(next http.RoundTripper) http.RoundTripper {
			return roundTripFunc(func(r *http.Request) (*http.Response, error) {
				seen = append(seen, name+":"+r.Header.Get("X-Sig"))
				return next.RoundTrip(r)
			})
		}
	}
	c := newClient(t, rec.srv.URL, func(cfg *rest.Config) {
		cfg.Signer = &countingSigner{}
		cfg.Middleware = []rest.Middleware{mw("outer"), mw("inner")}
		cfg.RetryWaitMin, cfg.RetryWaitMax = time.Millisecond, time.Millisecond
	})
	var out payload
	if err := c.Post("/x").JSON(payload{ID: "1"}).Retry(rest.Keyed).Into(&out).Do(context.Background()); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"outer:s", "inner:s", "outer:ss", "inner:ss"}, seen); diff != "" {
		t.Errorf("middleware calls (-want +got):\n%s", diff)
	}
	if _, err := rest.New(rest.Config{BaseURL: "https://api.example.test", Middleware: []rest.Middleware{nil}}); err == nil {
		t.Error("New accepted a nil middleware")
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
