package monitoring_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/vaspkit/vaspkit/monitoring"
)

// TestMetaIsFilled: every struct result carries the call's Meta — the
// request id from the response header, the last response's status, and
// the attempts, a retry included.
func TestMetaIsFilled(t *testing.T) {
	t.Parallel()
	const txn = `{"id":"64f0c0ffee0000000000000a","data":{"txnId":"m-1"}}`
	tests := []struct {
		name      string
		body      string
		failFirst bool // answer the first attempt 503 (a retry cures it)
		call      func(context.Context, *monitoring.Client) (monitoring.Meta, error)
		want      monitoring.Meta
	}{
		{"Get, retried", txn, true, func(ctx context.Context, c *monitoring.Client) (monitoring.Meta, error) {
			r, err := c.Get(ctx, "64f0c0ffee0000000000000a")
			return metaOf(r, err, func() monitoring.Meta { return r.Meta })
		}, monitoring.Meta{RequestID: "corr-2", HTTPStatus: 200, Attempts: 2}},
		{"Submit, retried", txn, true, func(ctx context.Context, c *monitoring.Client) (monitoring.Meta, error) {
			r, err := c.Submit(ctx, withdrawal(t, "m-1", "1"))
			return metaOf(r, err, func() monitoring.Meta { return r.Meta })
		}, monitoring.Meta{RequestID: "corr-2", HTTPStatus: 200, Attempts: 2}},
		{"Approve", txn, false, func(ctx context.Context, c *monitoring.Client) (monitoring.Meta, error) {
			r, err := c.Approve(ctx, "64f0c0ffee0000000000000a")
			return metaOf(r, err, func() monitoring.Meta { return r.Meta })
		}, monitoring.Meta{RequestID: "corr-1", HTTPStatus: 200, Attempts: 1}},
		{"AddNote, empty answer", "", false, func(ctx context.Context, c *monitoring.Client) (monitoring.Meta, error) {
			r, err := c.AddNote(ctx, &monitoring.NoteRequest{ID: "64f0c0ffee0000000000000a", Note: "checked"})
			return metaOf(r, err, func() monitoring.Meta { return r.Meta })
		}, monitoring.Meta{RequestID: "corr-1", HTTPStatus: 200, Attempts: 1}},
		{"VASPs, retried", `[{"id":"v1"}]`, true, func(ctx context.Context, c *monitoring.Client) (monitoring.Meta, error) {
			r, err := c.VASPs(ctx, monitoring.VASPQuery{})
			return metaOf(r, err, func() monitoring.Meta { return r.Meta })
		}, monitoring.Meta{RequestID: "corr-2", HTTPStatus: 200, Attempts: 2}},
		{"VASP", `{"id":"v1"}`, false, func(ctx context.Context, c *monitoring.Client) (monitoring.Meta, error) {
			r, err := c.VASP(ctx, "v1")
			return metaOf(r, err, func() monitoring.Meta { return r.Meta })
		}, monitoring.Meta{RequestID: "corr-1", HTTPStatus: 200, Attempts: 1}},
		{"Find, retried", "[" + txn + "]", true, func(ctx context.Context, c *monitoring.Client) (monitoring.Meta, error) {
			r, err := c.Find(ctx, monitoring.Query{Filters: []monitoring.Filter{monitoring.ByType(monitoring.TypeFinance)}})
			return metaOf(r, err, func() monitoring.Meta { return r.Meta })
		}, monitoring.Meta{RequestID: "corr-2", HTTPStatus: 200, Attempts: 2}},
		{"Import, retried", `{"created":1}`, true, func(ctx context.Context, c *monitoring.Client) (monitoring.Meta, error) {
			r, err := c.Import(ctx, []monitoring.ImportRecord{{Data: withdrawal(t, "m-2", "1")}}, monitoring.ImportOptions{})
			return metaOf(r, err, func() monitoring.Meta { return r.Meta })
		}, monitoring.Meta{RequestID: "corr-2", HTTPStatus: 200, Attempts: 2}},
		{"ImportWalletAddresses", `{"successCount":1,"errorCount":0}`, false, func(ctx context.Context, c *monitoring.Client) (monitoring.Meta, error) {
			r, err := c.ImportWalletAddresses(ctx, []monitoring.WalletAddress{{WalletAddress: "bc1qa"}})
			return metaOf(r, err, func() monitoring.Meta { return r.Meta })
		}, monitoring.Meta{RequestID: "corr-1", HTTPStatus: 200, Attempts: 1}},
		{"InitTravelRuleSDK", `{"token":"tok"}`, false, func(ctx context.Context, c *monitoring.Client) (monitoring.Meta, error) {
			r, err := c.InitTravelRuleSDK(ctx, &monitoring.TravelRuleSDKRequest{UserID: "u", TxnInfo: &monitoring.TravelRuleSDKTxn{}})
			return metaOf(r, err, func() monitoring.Meta { return r.Meta })
		}, monitoring.Meta{RequestID: "corr-1", HTTPStatus: 200, Attempts: 1}},
		{"AddPaymentMethod", `{"id":"p1"}`, false, func(ctx context.Context, c *monitoring.Client) (monitoring.Meta, error) {
			r, err := c.AddPaymentMethod(ctx, "a1", &monitoring.ApplicantPaymentMethod{Data: &monitoring.PaymentMethodData{Type: monitoring.PaymentCryptoWallet}})
			return metaOf(r, err, func() monitoring.Meta { return r.Meta })
		}, monitoring.Meta{RequestID: "corr-1", HTTPStatus: 200, Attempts: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var n atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				i := n.Add(1)
				w.Header().Set("X-Correlation-Id", "corr-"+string(rune('0'+i)))
				if tt.failFirst && i == 1 {
					w.WriteHeader(http.StatusServiceUnavailable)
					return
				}
				_, _ = w.Write([]byte(tt.body))
			}))
			t.Cleanup(srv.Close)
			c, err := monitoring.New(monitoring.WithAppToken("sbx:t", "s"), monitoring.WithBaseURL(srv.URL),
				monitoring.WithRetry(1, time.Millisecond, time.Millisecond), monitoring.WithoutRateLimit())
			if err != nil {
				t.Fatal(err)
			}
			got, err := tt.call(context.Background(), c)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Meta (-want +got):\n%s", diff)
			}
		})
	}
}

// metaOf returns meta() when the call succeeded.
func metaOf[T any](_ *T, err error, meta func() monitoring.Meta) (monitoring.Meta, error) {
	if err != nil {
		return monitoring.Meta{}, err
	}
	return meta(), nil
}

// problemPaths returns the paths of a ValidationError's problems, in order.
func problemPaths(ve *monitoring.ValidationError) []string {
	out := make([]string, len(ve.Problems))
	for i, p := range ve.Problems {
		out[i] = p.Path
	}
	return out
}
