package gtr

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestMetaOnResults: every struct result carries how its call went — the
// request id header, the last HTTP status, and the attempts, a retried
// attempt and the repeat after a new login included.
func TestMetaOnResults(t *testing.T) {
	their := theirKey(t)
	detail := map[string]any{"vaspCode": "beta_vasp", "vaspEntityName": "Beta"}
	query := map[string]any{"requestId": "acme-meta-0001", "verifyStatus": 100000}
	detection := map[string]any{"vaspCode": "beta_vasp"}

	tests := []struct {
		name string
		path string
		// fails answers the first fails attempts with h's alternative:
		// a 503 (retried by a read), or a refused session (a new login and
		// one repeat).
		fails   int
		expired bool
		h       http.HandlerFunc
		call    func(ctx context.Context, c *Client) (Meta, error)
		want    Meta
	}{
		{"Query, one attempt", queryPath, 0, false, reply(StatusSuccess, "ok", query),
			func(ctx context.Context, c *Client) (Meta, error) {
				q, err := c.Query(ctx, "acme-meta-0001")
				if err != nil {
					return Meta{}, err
				}
				return q.Meta, nil
			}, Meta{RequestID: "rid-1", HTTPStatus: 200, Attempts: 1}},
		{"Query after a 503", queryPath, 1, false, reply(StatusSuccess, "ok", query),
			func(ctx context.Context, c *Client) (Meta, error) {
				q, err := c.Query(ctx, "acme-meta-0001")
				if err != nil {
					return Meta{}, err
				}
				return q.Meta, nil
			}, Meta{RequestID: "rid-2", HTTPStatus: 200, Attempts: 2}},
		{"VASPDetail after two 503s", vaspDetailPath, 2, false, reply(StatusSuccess, "ok", detail),
			func(ctx context.Context, c *Client) (Meta, error) {
				d, err := c.VASPDetail(ctx, "beta_vasp")
				if err != nil {
					return Meta{}, err
				}
				return d.Meta, nil
			}, Meta{RequestID: "rid-3", HTTPStatus: 200, Attempts: 3}},
		{"DetectAddressVASP after a 503", addressDetectionPath, 1, false, reply(StatusSuccess, "ok", detection),
			func(ctx context.Context, c *Client) (Meta, error) {
				d, err := c.DetectAddressVASP(ctx, &AddressDetectionRequest{VASPCode: "beta_vasp", Address: "0xaa", Network: "ETH"})
				if err != nil {
					return Meta{}, err
				}
				return d.Meta, nil
			}, Meta{RequestID: "rid-2", HTTPStatus: 200, Attempts: 2}},
		{"OneStep", oneStepPath, 0, false, counterparty(t, their, StatusSuccess, StagePIIVerification, nil),
			func(ctx context.Context, c *Client) (Meta, error) {
				r, err := c.OneStep(ctx, preRequest(t, "acme-meta-0002"))
				if err != nil {
					return Meta{}, err
				}
				return r.Meta, nil
			}, Meta{RequestID: "rid-1", HTTPStatus: 200, Attempts: 1}},
		{"OneStep after a refused session", oneStepPath, 1, true, counterparty(t, their, StatusSuccess, StagePIIVerification, nil),
			func(ctx context.Context, c *Client) (Meta, error) {
				r, err := c.OneStep(ctx, preRequest(t, "acme-meta-0003"))
				if err != nil {
					return Meta{}, err
				}
				return r.Meta, nil
			}, Meta{RequestID: "rid-2", HTTPStatus: 200, Attempts: 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t)
			var n atomic.Int32
			f.handle(tt.path, func(w http.ResponseWriter, r *http.Request) {
				i := n.Add(1)
				w.Header().Set(requestIDHeader, "rid-"+string(rune('0'+i)))
				switch {
				case int(i) > tt.fails:
					tt.h(w, r)
				case tt.expired:
					writeJSON(w, http.StatusOK, map[string]any{"verifyStatus": int(statusSessionExpired), "verifyMessage": "expired"})
				default:
					writeJSON(w, http.StatusServiceUnavailable, map[string]any{"msg": "busy"})
				}
			})
			c := f.client(t, WithRetry(3, time.Millisecond, 5*time.Millisecond))
			got, err := tt.call(ctxTimeout(t, 10*time.Second), c)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Meta (-want +got):\n%s", diff)
			}
		})
	}
}

// TestMetaWithoutRequestIDHeader: an answer without the header leaves
// RequestID empty (GTR itself publishes none).
func TestMetaWithoutRequestIDHeader(t *testing.T) {
	f := newFake(t)
	f.handle(queryPath, reply(StatusSuccess, "ok", map[string]any{"requestId": "acme-meta-0001", "verifyStatus": 100000}))
	q, err := f.client(t).Query(ctxTimeout(t, 10*time.Second), "acme-meta-0001")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(Meta{HTTPStatus: 200, Attempts: 1}, q.Meta); diff != "" {
		t.Errorf("Meta (-want +got):\n%s", diff)
	}
}

// TestRecoveryWaits: the pauses between recovery queries follow WithRetry.
func TestRecoveryWaits(t *testing.T) {
	ms := time.Millisecond
	tests := []struct {
		name     string
		min, max time.Duration
		want     []time.Duration
	}{
		{"default", 0, 0, []time.Duration{500 * ms, time.Second, 2 * time.Second, 4 * time.Second}},
		{"short", ms, 5 * ms, []time.Duration{ms, 2 * ms, 4 * ms, 5 * ms}},
		{"capped at once", 3 * ms, 3 * ms, []time.Duration{3 * ms, 3 * ms, 3 * ms, 3 * ms}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, recoveryWaits(tt.min, tt.max)); diff != "" {
			t.Errorf("%s: recoveryWaits (-want +got):\n%s", tt.name, diff)
		}
	}
	f := newFake(t)
	for _, tt := range []struct {
		opt  Option
		want []time.Duration
	}{
		{WithRetry(2, ms, 5*ms), []time.Duration{ms, 2 * ms, 4 * ms, 5 * ms}},
		{WithRetry(0, 0, 0), tests[0].want},
	} {
		c, err := New(WithBaseURL(f.srv.URL), WithLogin(testVASPCode, testAccessKey, testSecretKey), tt.opt)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.want, c.recoveryWaits); diff != "" {
			t.Errorf("New: recoveryWaits (-want +got):\n%s", diff)
		}
	}
}
