package gtr

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// elsewhere is the host a redirect points to. It records whatever reaches
// it.
type elsewhere struct {
	srv    *httptest.Server
	mu     sync.Mutex
	hits   int
	bodies [][]byte
	auth   []string
}

func newElsewhere(t *testing.T) *elsewhere {
	e := &elsewhere{}
	e.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		e.mu.Lock()
		e.hits++
		e.bodies = append(e.bodies, b)
		e.auth = append(e.auth, r.Header.Get("Authorization")+r.Header.Get("X-Authorization"))
		e.mu.Unlock()
		// Were it reached, it would answer success.
		writeJSON(w, http.StatusOK, map[string]any{"verifyStatus": 100000, "verifyMessage": "Success",
			"data": map[string]any{"jwt": "stolen", "requestId": "acme-redirect-0001", "verifyStatus": 100000}})
	}))
	t.Cleanup(e.srv.Close)
	return e
}

func (e *elsewhere) reached() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.hits
}

func redirectTo(url string, code int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.ReadAll(r.Body)
		http.Redirect(w, r, url+r.URL.Path, code)
	}
}

// TestOneStepRedirectNotFollowed: a one_step answered with a redirect is an
// *APIError carrying the 3xx; nothing reaches the redirect's target, no
// verdict is read from it, and one_step is not sent again.
func TestOneStepRedirectNotFollowed(t *testing.T) {
	t.Parallel()
	for _, code := range []int{http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther, http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
		t.Run(http.StatusText(code), func(t *testing.T) {
			t.Parallel()
			other := newElsewhere(t)
			f := newFake(t)
			f.handle(oneStepPath, redirectTo(other.srv.URL, code))
			f.handle(queryPath, recorded(StatusSuccess, StagePIIVerification))
			c := f.client(t)
			res, err := c.OneStep(ctxTimeout(t, 5*time.Second), preRequest(t, "acme-redirect-0001"))
			var ae *APIError
			if !errors.As(err, &ae) || ae.HTTPStatus != code || ae.Code != 0 {
				t.Fatalf("OneStep = %+v, %v; want an *APIError with HTTP %d", res, err, code)
			}
			if res != nil {
				t.Errorf("a redirected one_step returned a result: %+v", res)
			}
			if errors.Is(err, ErrOutcomeUnknown) || MaybeSent(err) {
				t.Errorf("a redirect reads as an unknown outcome: %v", err)
			}
			if n := other.reached(); n != 0 {
				t.Errorf("the redirect's target was reached %d times", n)
			}
			if n := f.count(oneStepPath); n != 1 {
				t.Errorf("one_step sent %d times, want 1", n)
			}
			if !strings.Contains(err.Error(), "HTTP "+strconv.Itoa(code)) || strings.Contains(err.Error(), other.srv.URL) {
				t.Errorf("error text %q", err)
			}
		})
	}
}

// TestLoginRedirectNotFollowed: a login answered with a redirect fails the
// call; the redirect's target sees neither the signedSecretKey nor a token.
func TestLoginRedirectNotFollowed(t *testing.T) {
	t.Parallel()
	for _, code := range []int{http.StatusTemporaryRedirect, http.StatusPermanentRedirect, http.StatusFound} {
		t.Run(http.StatusText(code), func(t *testing.T) {
			t.Parallel()
			other := newElsewhere(t)
			gtrSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == loginPath {
					redirectTo(other.srv.URL, code)(w, r)
					return
				}
				writeJSON(w, http.StatusUnauthorized, map[string]any{"verifyStatus": 100021, "verifyMessage": "No login session"})
			}))
			t.Cleanup(gtrSrv.Close)
			c, err := New(WithBaseURL(gtrSrv.URL), WithLogin(testVASPCode, testAccessKey, testSecretKey))
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.Query(ctxTimeout(t, 5*time.Second), "acme-0001")
			var ae *APIError
			if !errors.As(err, &ae) || ae.HTTPStatus != code || !strings.Contains(err.Error(), "login") {
				t.Fatalf("Query = %v; want a login *APIError with HTTP %d", err, code)
			}
			if n := other.reached(); n != 0 {
				t.Errorf("the redirect's target was reached %d times (bodies %q, auth %q)", n, other.bodies, other.auth)
			}
		})
	}
}

// TestCallsRedirectNotFollowed: after a good login (or with the app token),
// a redirected call carries neither its body nor the token to the target.
func TestCallsRedirectNotFollowed(t *testing.T) {
	t.Parallel()
	calls := map[string]func(c *Client) error{
		queryPath: func(c *Client) error {
			_, err := c.Query(ctxTimeout(t, 5*time.Second), "acme-0001")
			return err
		},
		notifyTxIDPath: func(c *Client) error {
			return c.NotifyTxID(ctxTimeout(t, 5*time.Second), &TxIDNotification{RequestID: "acme-0001", TxID: "0xsecrettx"})
		},
		addressDetectionPath: func(c *Client) error {
			_, err := c.DetectAddressVASP(ctxTimeout(t, 5*time.Second), &AddressDetectionRequest{VASPCode: "beta", Address: "0xsecretaddress", Network: "ETH"})
			return err
		},
		"/api/verify/v2/end": func(c *Client) error {
			return c.End(ctxTimeout(t, 5*time.Second), &EndRequest{RequestID: "acme-0001", Reason: EndCancelled})
		},
	}
	for path, call := range calls {
		for _, appToken := range []bool{false, true} {
			t.Run(path+map[bool]string{false: "/login", true: "/app token"}[appToken], func(t *testing.T) {
				t.Parallel()
				other := newElsewhere(t)
				f := newFake(t)
				f.handle(path, redirectTo(other.srv.URL, http.StatusTemporaryRedirect))
				c := f.client(t)
				if appToken {
					var err error
					if c, err = New(WithBaseURL(f.srv.URL), WithAppToken(testVASPCode, testAccessKey, testSecretKey)); err != nil {
						t.Fatal(err)
					}
				}
				err := call(c)
				var ae *APIError
				if !errors.As(err, &ae) || ae.HTTPStatus != http.StatusTemporaryRedirect {
					t.Fatalf("err = %v; want an *APIError with HTTP 307", err)
				}
				if n := other.reached(); n != 0 {
					t.Errorf("the redirect's target was reached %d times (bodies %q, auth %q)", n, other.bodies, other.auth)
				}
				if n := f.count(path); n != 1 {
					t.Errorf("%s sent %d times, want 1", path, n)
				}
			})
		}
	}
}

// TestPlainHTTPBaseURL: plain http reaches only a loopback host; anything
// else is a configuration error naming WithBaseURL.
func TestPlainHTTPBaseURL(t *testing.T) {
	t.Parallel()
	auths := []Option{WithAppToken(testVASPCode, testAccessKey, testSecretKey), WithLogin(testVASPCode, testAccessKey, testSecretKey)}
	for _, u := range []string{"http://platform.example.com", "http://platform.globaltravelrule.com", "http://10.0.0.1:8080", "http://[2001:db8::1]", "http://127.0.0.1.example.com"} {
		for _, auth := range auths {
			_, err := New(WithBaseURL(u), auth)
			var ce *ConfigError
			if !errors.Is(err, ErrConfig) || !errors.As(err, &ce) || ce.Option != "WithBaseURL" || !strings.Contains(err.Error(), "WithBaseURL") {
				t.Errorf("New(%s) = %v, want a WithBaseURL ConfigError", u, err)
			}
		}
		if _, err := New(WithBaseURL(u), auths[0], WithHTTPClient(&http.Client{})); !errors.Is(err, ErrConfig) || !strings.Contains(err.Error(), "WithBaseURL") {
			t.Errorf("New(%s, WithHTTPClient) = %v, want a WithBaseURL ConfigError", u, err)
		}
	}
	for _, u := range []string{"http://127.0.0.1:8080", "http://127.1.2.3", "http://[::1]:9000", "http://localhost:8080"} {
		if _, err := New(WithBaseURL(u), auths[0]); err != nil {
			t.Errorf("New(%s) = %v, want a client", u, err)
		}
	}
	// The loopback fake still answers.
	f := newFake(t)
	f.handle(queryPath, recorded(StatusSuccess, StagePIIVerification))
	if _, err := f.client(t).Query(ctxTimeout(t, 5*time.Second), "acme-lost-0001"); err != nil {
		t.Errorf("Query over loopback http: %v", err)
	}
}
