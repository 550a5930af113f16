package gtr

import (
	"errors"
	"net/http"
	"testing"
	"time"
)

// TestLoginFailureIsNotAnUnknownOutcome: when the login a call needs
// fails, the call was never sent. It is a *LoginError, MaybeSent is false,
// and it is not an unknown outcome, whatever the login's own failure was
// (a hang-up after the login was sent, a 5xx, refused credentials).
func TestLoginFailureIsNotAnUnknownOutcome(t *testing.T) {
	t.Parallel()
	logins := map[string]func(testing.TB) http.HandlerFunc{
		"hang-up": hangUp,
		"503": func(testing.TB) http.HandlerFunc {
			return func(w http.ResponseWriter, _ *http.Request) {
				writeJSON(w, http.StatusServiceUnavailable, map[string]any{"error": "down"})
			}
		},
		"refused": func(testing.TB) http.HandlerFunc {
			return reply(statusNoAuth, "wrong key", nil)
		},
	}
	calls := map[string]struct {
		path string
		call func(c *Client) error
	}{
		"one_step": {oneStepPath, func(c *Client) error {
			_, err := c.OneStep(ctxTimeout(t, 30*time.Second), preRequest(t, "acme-login-0001"))
			return err
		}},
		"notify_tx_id": {notifyTxIDPath, func(c *Client) error {
			return c.NotifyTxID(ctxTimeout(t, 30*time.Second), &TxIDNotification{RequestID: "acme-login-0001", TxID: "0xabc"})
		}},
		"end": {"/api/verify/v2/end", func(c *Client) error {
			return c.End(ctxTimeout(t, 30*time.Second), &EndRequest{RequestID: "acme-login-0001", Reason: EndCancelled})
		}},
	}
	for lname, login := range logins {
		for cname, tc := range calls {
			t.Run(lname+"/"+cname, func(t *testing.T) {
				t.Parallel()
				f := newFake(t)
				f.handle(loginPath, login(t))
				c := f.client(t, WithRetry(1, time.Millisecond, time.Millisecond))
				err := tc.call(c)
				var le *LoginError
				if !errors.As(err, &le) {
					t.Fatalf("%s = %v, want a *LoginError", cname, err)
				}
				if MaybeSent(err) || errors.Is(err, ErrOutcomeUnknown) {
					t.Errorf("%s = %v: a call that was never sent reads as maybe sent", cname, err)
				}
				if n := f.count(tc.path); n != 0 {
					t.Errorf("%s reached the server %d times, want 0", tc.path, n)
				}
			})
		}
	}
}
