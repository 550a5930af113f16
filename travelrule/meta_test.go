package travelrule_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/vaspkit/vaspkit/travelrule"
)

// TestMetaFilled: every result carries Meta — the request id from the
// response header Striga's answer carries (any of the names the client
// reads), the HTTP status of the last response, and the attempts made, a
// retried one included. Meta never reaches the result's JSON.
func TestMetaFilled(t *testing.T) {
	t.Parallel()
	type call func(context.Context, *travelrule.Client) (travelrule.Meta, []byte, error)
	session := func(ctx context.Context, c *travelrule.Client) (travelrule.Meta, []byte, error) {
		s, err := c.CreateWidgetSession(ctx, onChain())
		if err != nil {
			return travelrule.Meta{}, nil, err
		}
		b, err := json.Marshal(s)
		return s.Meta, b, err
	}
	declare := func(ctx context.Context, c *travelrule.Client) (travelrule.Meta, []byte, error) {
		cp, err := c.DeclareSelfHostedCounterparty(ctx, declareOwned())
		if err != nil {
			return travelrule.Meta{}, nil, err
		}
		return cp.Meta, cp.Raw, nil
	}
	verify := func(ctx context.Context, c *travelrule.Client) (travelrule.Meta, []byte, error) {
		v, err := c.VerifyWallet(ctx, &travelrule.WalletVerificationRequest{UserID: userID, SignedAddress: ethAddress, Message: "m", Signature: "0xsig"})
		if err != nil {
			return travelrule.Meta{}, nil, err
		}
		return v.Meta, v.Raw, nil
	}
	submit := func(ctx context.Context, c *travelrule.Client) (travelrule.Meta, []byte, error) {
		cp, err := c.SubmitWalletVerification(ctx, &travelrule.SubmitWalletVerificationRequest{
			CounterpartyID: "cp-1", UserID: userID, Outcome: "SIGNED", Signature: "0xsig"})
		if err != nil {
			return travelrule.Meta{}, nil, err
		}
		return cp.Meta, cp.Raw, nil
	}
	const body = `{"id":"r-1","status":"ACTIVE"}`
	tests := []struct {
		name     string
		call     call
		header   string // the request-id header the answer carries; "" none
		status   int
		failures int // 503s answered before the success
		want     travelrule.Meta
	}{
		{"widget session, X-Request-Id", session, "X-Request-Id", 200, 0, travelrule.Meta{RequestID: "rid-1", HTTPStatus: 200, Attempts: 1}},
		{"widget session after a retried 503", session, "X-Request-Id", 200, 1, travelrule.Meta{RequestID: "rid-2", HTTPStatus: 200, Attempts: 2}},
		{"widget session after two retried 503s", session, "X-Request-Id", 201, 2, travelrule.Meta{RequestID: "rid-3", HTTPStatus: 201, Attempts: 3}},
		{"declare, X-Correlation-Id, 201", declare, "X-Correlation-Id", 201, 0, travelrule.Meta{RequestID: "rid-1", HTTPStatus: 201, Attempts: 1}},
		{"verify wallet, Request-Id", verify, "Request-Id", 200, 0, travelrule.Meta{RequestID: "rid-1", HTTPStatus: 200, Attempts: 1}},
		{"submit verification, no request id", submit, "", 200, 0, travelrule.Meta{HTTPStatus: 200, Attempts: 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var n atomic.Int32
			srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				i := int(n.Add(1))
				if tc.header != "" {
					// Each response its own id: the last one is Meta's.
					w.Header().Set(tc.header, "rid-"+strconv.Itoa(i))
				}
				w.Header().Set("Content-Type", "application/json")
				if i <= tc.failures {
					w.WriteHeader(http.StatusServiceUnavailable)
					_, _ = w.Write([]byte(`{"errorCode":"00013","message":"Internal service error"}`))
					return
				}
				w.WriteHeader(tc.status)
				_, _ = w.Write([]byte(body))
			}))
			defer srv.Close()
			c, err := travelrule.New(travelrule.WithCredentials("key", "secret"), travelrule.WithBaseURL(srv.URL+"/api/v1"),
				travelrule.WithHTTPClient(srv.Client()), travelrule.WithRetry(3, time.Millisecond, 2*time.Millisecond))
			if err != nil {
				t.Fatal(err)
			}
			got, raw, err := tc.call(context.Background(), c)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Meta (-want +got):\n%s", diff)
			}
			if string(raw) != body {
				t.Errorf("JSON = %s, want the answer as sent, without Meta: %s", raw, body)
			}
		})
	}
}

// TestNilContext: a misuse the pipeline catches still comes back in the
// package's words, not internal/rest's.
func TestNilContext(t *testing.T) {
	t.Parallel()
	c, err := travelrule.New(travelrule.WithCredentials("key", "secret"))
	if err != nil {
		t.Fatal(err)
	}
	var ctx context.Context // nil
	_, err = c.CreateWidgetSession(ctx, onChain())
	if err == nil || err.Error() != "travelrule: nil context" {
		t.Errorf("CreateWidgetSession(nil context) = %v, want \"travelrule: nil context\"", err)
	}
}
