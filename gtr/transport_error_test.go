package gtr

import (
	"errors"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/vaspkit/vaspkit/internal/rest"
	"github.com/vaspkit/vaspkit/internal/testnet"
)

// TestTransportErrorConversion: a transport failure reaches the user as a
// *gtr.TransportError (its Error starting with "gtr: ", unwrapping to the
// network error), never as internal/rest's type, on every path: a read, a
// login (inside *LoginError), a one_step whose outcome is unknown, a dial
// to nowhere.
func TestTransportErrorConversion(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		setup    func(t *testing.T, f *fake)
		call     func(t *testing.T, c *Client) error
		sent     bool // want TransportError.Sent
		login    bool // want a *LoginError around it
		unknown  bool // want an *OutcomeUnknownError around it
		attempts int
	}{
		{"dropped connection on a read", func(t *testing.T, f *fake) { f.handle(vaspDetailPath, hangUp(t)) },
			func(t *testing.T, c *Client) error {
				_, err := c.VASPDetail(ctxTimeout(t, 30*time.Second), "BENE")
				return err
			}, true, false, false, 2},
		{"dropped connection on a login", func(t *testing.T, f *fake) { f.handle(loginPath, hangUp(t)) },
			func(t *testing.T, c *Client) error {
				_, err := c.VASPDetail(ctxTimeout(t, 30*time.Second), "BENE")
				return err
			}, true, true, false, 2},
		{"dropped connection on one_step", func(t *testing.T, f *fake) {
			f.handle(oneStepPath, hangUp(t))
			f.handle(queryPath, hangUp(t))
		}, func(t *testing.T, c *Client) error {
			_, err := c.OneStep(ctxTimeout(t, 30*time.Second), preRequest(t, "acme-transport-0001"))
			return err
		}, true, false, true, 1},
		{"body cut short on a read", func(t *testing.T, f *fake) {
			f.handle(vaspDetailPath, func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Length", "100")
				_, _ = w.Write([]byte(`{"verifyStatus":`))
			})
		}, func(t *testing.T, c *Client) error {
			_, err := c.VASPDetail(ctxTimeout(t, 30*time.Second), "BENE")
			if !errors.Is(err, io.ErrUnexpectedEOF) {
				t.Errorf("err = %v, want io.ErrUnexpectedEOF in its chain", err)
			}
			return err
		}, true, false, false, 2},
		{"refused dial", func(t *testing.T, f *fake) {},
			func(t *testing.T, _ *Client) error {
				// A client like the table's, pointed at an address that
				// refuses every connection (a closed server's port may be
				// given to another test's listener).
				c, err := New(WithBaseURL("http://"+testnet.RefusingAddr(t)), WithLogin(testVASPCode, testAccessKey, testSecretKey),
					WithKeyPair(ourKey(t)), WithRetry(1, time.Millisecond, time.Millisecond))
				if err != nil {
					t.Fatal(err)
				}
				_, err = c.VASPDetail(ctxTimeout(t, 30*time.Second), "BENE")
				return err
			}, false, true, false, 2}, // the login comes first
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFake(t)
			c := f.client(t, WithRetry(1, time.Millisecond, time.Millisecond))
			tt.setup(t, f)
			err := tt.call(t, c)
			if err == nil {
				t.Fatal("no error")
			}
			if rte := (*rest.TransportError)(nil); errors.As(err, &rte) {
				t.Fatalf("errors.As(%v, *rest.TransportError) is true: internal/rest's type escapes", err)
			}
			var te *TransportError
			if !errors.As(err, &te) {
				t.Fatalf("err = %v (%T), want a *gtr.TransportError in its chain", err, err)
			}
			if te.Sent != tt.sent || te.Attempts != tt.attempts {
				t.Errorf("TransportError{Sent: %v, Attempts: %d}, want {%v, %d}", te.Sent, te.Attempts, tt.sent, tt.attempts)
			}
			if !strings.HasPrefix(te.Error(), "gtr: ") || !strings.HasPrefix(err.Error(), "gtr: ") {
				t.Errorf("Error() = %q / %q, want the prefix \"gtr: \"", te.Error(), err.Error())
			}
			if te.Err == nil || errors.Unwrap(te) != te.Err {
				t.Errorf("Unwrap() = %v, want the network error %v", errors.Unwrap(te), te.Err)
			}
			if te.Method == "" || te.Path == "" {
				t.Errorf("TransportError{Method: %q, Path: %q}: want both", te.Method, te.Path)
			}
			if p := internalInChain(err); p != "" {
				t.Errorf("the chain of %v holds %s, a type of internal/", err, p)
			}
			var le *LoginError
			if errors.As(err, &le) != tt.login {
				t.Errorf("*LoginError in the chain: %v, want %v", !tt.login, tt.login)
			}
			if errors.Is(err, ErrOutcomeUnknown) != tt.unknown {
				t.Errorf("errors.Is(err, ErrOutcomeUnknown) = %v, want %v", !tt.unknown, tt.unknown)
			}
			var oe *OutcomeUnknownError
			if errors.As(err, &oe) && oe.QueryErr != nil {
				if errors.As(oe.QueryErr, new(*rest.TransportError)) {
					t.Errorf("the recovery query's error %v is internal/rest's type", oe.QueryErr)
				}
			}
			// MaybeSent: a login failure never sent the call.
			if want := (tt.sent && !tt.login) || tt.unknown; MaybeSent(err) != want {
				t.Errorf("MaybeSent = %v, want %v", !want, want)
			}
		})
	}
}

// internalInChain returns the first type in err's chain declared in an
// internal/ package, or "".
func internalInChain(err error) string {
	if err == nil {
		return ""
	}
	if t := reflect.TypeOf(err); strings.Contains(t.String(), "rest.") || strings.Contains(pkgPath(t), "/internal/") {
		return t.String()
	}
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		return internalInChain(u.Unwrap())
	case interface{ Unwrap() []error }:
		for _, e := range u.Unwrap() {
			if p := internalInChain(e); p != "" {
				return p
			}
		}
	}
	return ""
}

func pkgPath(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.PkgPath()
}

// TestTransportErrorMessage pins the message: the call, the cause, the
// attempts and whether the request may have reached GTR.
func TestTransportErrorMessage(t *testing.T) {
	t.Parallel()
	cause := errors.New("connection reset by peer")
	tests := []struct {
		err  *TransportError
		want string
	}{
		{&TransportError{Method: http.MethodGet, Path: vaspDetailPath, Attempts: 1, Err: cause},
			"gtr: GET /api/common/v3/vasp/detail: connection reset by peer (after 1 attempt; the request did not reach GTR)"},
		{&TransportError{Method: http.MethodPost, Path: oneStepPath, Attempts: 3, Sent: true, Err: cause},
			"gtr: POST /api/verify/v2/one_step: connection reset by peer (after 3 attempts; the request may have reached GTR)"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
		if !errors.Is(tt.err, cause) {
			t.Errorf("errors.Is(%v, cause) = false", tt.err)
		}
	}
}
