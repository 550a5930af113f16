package gtr

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

// malformedBodies are 2xx answers that say neither success nor failure.
var malformedBodies = map[string]string{
	"empty":          "",
	"null":           "null",
	"empty object":   "{}",
	"data only":      `{"data":{"requestId":"acme-0001"}}`,
	"array":          "[]",
	"string":         `"ok"`,
	"html":           "<html>ok</html>",
	"truncated JSON": `{"verifyStatus":1000`,
}

func writeRaw(body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(body))
	}
}

// TestMalformedSuccessIsNeverSuccess: an empty or undecodable 2xx body
// is never read as success. A call that changes state at GTR reports an
// unknown outcome (MaybeSent); a read reports a malformed response;
// one_step asks query (and, GTR knowing nothing, reports an unknown
// outcome).
func TestMalformedSuccessIsNeverSuccess(t *testing.T) {
	t.Parallel()
	type call struct {
		path    string
		changes bool // the call changes state at GTR
		do      func(*Client) error
	}
	calls := map[string]call{
		"NotifyTxID": {notifyTxIDPath, true, func(c *Client) error {
			return c.NotifyTxID(ctxTimeout(t, 5*time.Second), &TxIDNotification{RequestID: "acme-0001", TxID: "0xabc"})
		}},
		"End": {"/api/verify/v2/end", true, func(c *Client) error {
			return c.End(ctxTimeout(t, 5*time.Second), &EndRequest{RequestID: "acme-0001", Reason: EndCancelled})
		}},
		"ManualVerifyAddress": {"/api/verify/v2/manual/verify_address", true, func(c *Client) error {
			return c.ManualVerifyAddress(ctxTimeout(t, 5*time.Second), &ManualVerifyRequest{RequestID: "acme-0001", Found: true})
		}},
		"ManualVerifyTxID": {"/api/verify/v2/manual/verify_tx_id", true, func(c *Client) error {
			return c.ManualVerifyTxID(ctxTimeout(t, 5*time.Second), &ManualVerifyRequest{RequestID: "acme-0001"})
		}},
		"OneStep": {oneStepPath, true, func(c *Client) error {
			res, err := c.OneStep(ctxTimeout(t, 5*time.Second), preRequest(t, "acme-0001"))
			if err == nil {
				return errors.New("success: " + res.Status.String())
			}
			return err
		}},
		"Query": {queryPath, false, func(c *Client) error {
			_, err := c.Query(ctxTimeout(t, 5*time.Second), "acme-0001")
			return err
		}},
		"VASPDetail": {vaspDetailPath, false, func(c *Client) error {
			_, err := c.VASPDetail(ctxTimeout(t, 5*time.Second), "beta_vasp")
			return err
		}},
		"ListVASPs": {vaspListPath, false, func(c *Client) error {
			_, err := c.ListVASPs(ctxTimeout(t, 5*time.Second))
			return err
		}},
		"DetectAddressVASP": {addressDetectionPath, false, func(c *Client) error {
			_, err := c.DetectAddressVASP(ctxTimeout(t, 5*time.Second), &AddressDetectionRequest{VASPCode: "beta", Address: "0xaa", Network: "ETH"})
			return err
		}},
	}
	for name, cl := range calls {
		for bodyName, body := range malformedBodies {
			t.Run(name+"/"+bodyName, func(t *testing.T) {
				t.Parallel()
				f := newFake(t)
				f.handle(cl.path, writeRaw(body))
				if cl.path != queryPath {
					f.handle(queryPath, unknownRequest)
				}
				c := f.client(t, WithRetry(0, 0, 0))
				err := cl.do(c)
				switch {
				case err == nil:
					t.Fatal("success")
				case cl.changes:
					if !errors.Is(err, ErrOutcomeUnknown) || !MaybeSent(err) {
						t.Errorf("err = %v; want an unknown outcome (MaybeSent)", err)
					}
				default:
					if !errors.Is(err, ErrMalformedResponse) || MaybeSent(err) {
						t.Errorf("err = %v; want ErrMalformedResponse", err)
					}
				}
				if n := f.count(cl.path); n != 1 {
					t.Errorf("sent %d times, want 1", n)
				}
			})
		}
	}
}

// TestLoginMalformedAnswer: a login whose 2xx body carries no verifyStatus
// or no token fails; nothing is sent with a made-up token.
func TestLoginMalformedAnswer(t *testing.T) {
	t.Parallel()
	bodies := map[string]string{"no token": `{"verifyStatus":100000,"verifyMessage":"Success","data":{}}`}
	for k, v := range malformedBodies {
		bodies[k] = v
	}
	for name, body := range bodies {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var hits atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == loginPath {
					writeRaw(body)(w, r)
					return
				}
				hits.Add(1)
				writeJSON(w, http.StatusOK, map[string]any{"verifyStatus": 100000})
			}))
			t.Cleanup(srv.Close)
			c, err := New(WithBaseURL(srv.URL), WithLogin(testVASPCode, testAccessKey, testSecretKey), WithRetry(0, 0, 0))
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.VASPDetail(ctxTimeout(t, 5*time.Second), "beta_vasp")
			if !errors.Is(err, ErrMalformedResponse) {
				t.Errorf("err = %v, want ErrMalformedResponse", err)
			}
			if hits := hits.Load(); hits != 0 {
				t.Errorf("%d calls went out after a malformed login", hits)
			}
		})
	}
}
