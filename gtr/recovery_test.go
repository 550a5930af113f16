package gtr

import (
	"context"
	"errors"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/vaspkit/vaspkit/internal/testnet"
)

// hangUp reads the whole request, then drops the connection without an
// answer: the request surely reached the server.
func hangUp(t testing.TB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.ReadAll(r.Body)
		conn, _, err := w.(http.Hijacker).Hijack()
		if err != nil {
			t.Errorf("hijack: %v", err)
			return
		}
		_ = conn.Close()
	}
}

// sleepPast holds the request until the client gives up.
func sleepPast(w http.ResponseWriter, r *http.Request) {
	_, _ = io.ReadAll(r.Body)
	select {
	case <-r.Context().Done():
	case <-time.After(10 * time.Second):
	}
	reply(StatusSuccess, "too late", nil)(w, r)
}

// recorded answers a query as GTR would once the one_step was processed.
func recorded(status VerifyStatus, stage VerifyStage) http.HandlerFunc {
	return reply(StatusSuccess, "Success", map[string]any{
		"requestId": "acme-lost-0001", "verifyStatus": int(status), "verifyMessage": status.String(),
		"verifyStage": string(stage), "originatorVasp": "acme_exchange", "beneficiaryVasp": "beta_vasp",
		"preflightCheckStatus": "ACCEPTED", "verifyStartedAt": 1701734400000, "verifyUpdatedAt": 1701734401,
	})
}

// unknownRequest answers a query for a requestId GTR never recorded.
var unknownRequest = reply(statusBadParameters, "requestId not found", nil)

// TestOneStepNeverResent is the bar: after a timeout or a connection lost
// once the request was written, one_step is sent exactly once, and the
// outcome comes from the query — or as ErrOutcomeUnknown with the
// requestId.
func TestOneStepNeverResent(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		oneStep http.HandlerFunc
		query   http.HandlerFunc
		opts    []Option
		// expire: the caller's deadline passes once one_step has reached
		// the fake (an event, not a timer, so a busy machine cannot end the
		// call before it was sent).
		expire    bool
		want      VerifyStatus // recovered verdict; 0 = outcome unknown
		wantError error        // when not a verdict
	}{
		{"hang-up, recorded success", hangUp(t), recorded(StatusSuccess, StagePIIVerification), nil, false, StatusSuccess, nil},
		{"hang-up, recorded pending", hangUp(t), recorded(StatusPending, StageAddressVerification), nil, false, StatusPending, nil},
		{"hang-up, recorded failure", hangUp(t), recorded(StatusDecryptFail, StagePIIVerification), nil, false, 0, ErrCannotDecrypt},
		{"hang-up, never recorded", hangUp(t), unknownRequest, nil, false, 0, ErrOutcomeUnknown},
		{"caller deadline, recorded", sleepPast, recorded(StatusAddressNotFound, StageAddressVerification), nil, true, StatusAddressNotFound, nil},
		{"caller deadline, never recorded", sleepPast, unknownRequest, nil, true, 0, ErrOutcomeUnknown},
		{"attempt timeout, recorded", sleepPast, recorded(StatusTxIDNotFound, StageTransactionVerification), []Option{WithTimeouts(300*time.Millisecond, time.Second)}, false, StatusTxIDNotFound, nil},
		{"5xx without a verdict", func(w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(http.StatusBadGateway)
			_, _ = io.WriteString(w, "<html>bad gateway</html>")
		}, recorded(StatusSuccess, StagePIIVerification), nil, false, StatusSuccess, nil},
		{"200 without a verdict", reply(0, "", nil), recorded(StatusSuccess, StagePIIVerification), nil, false, StatusSuccess, nil},
		{"garbage 200", func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, "<html>") }, unknownRequest, nil, false, 0, ErrOutcomeUnknown},
		{"GTR server fail, never recorded", reply(statusServerFail, "GTR Server Fail", nil), unknownRequest, nil, false, 0, ErrServer},
		{"query keeps failing", hangUp(t), func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusServiceUnavailable) },
			[]Option{WithRetry(1, time.Millisecond, time.Millisecond)}, false, 0, ErrOutcomeUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFake(t)
			bound, cancel := context.WithTimeout(context.Background(), 30*time.Second) // bounds a hang only
			defer cancel()
			ctx := testnet.NewExpiringContext(bound)
			defer ctx.Release()
			oneStep := tt.oneStep
			if tt.expire {
				oneStep = func(w http.ResponseWriter, r *http.Request) {
					ctx.Expire()
					tt.oneStep(w, r)
				}
			}
			f.handle(oneStepPath, oneStep)
			f.handle(queryPath, tt.query)
			c := f.client(t, tt.opts...)
			req := preRequest(t, "acme-lost-0001")
			res, err := c.OneStep(ctx, req)
			if got := f.count(oneStepPath); got != 1 {
				t.Errorf("one_step sent %d times, want exactly 1", got)
			}
			if f.count(queryPath) == 0 {
				t.Error("no recovery query")
			}
			if tt.want != 0 {
				if err != nil {
					t.Fatalf("OneStep error %v, want recovered verdict %v", err, tt.want)
				}
				if res.Status != tt.want || !res.Recovered || res.RequestID != req.RequestID || res.Stage == "" {
					t.Errorf("result = %+v", res)
				}
				// Meta is the recovering query's: one attempt, answered 200.
				if diff := cmp.Diff(Meta{HTTPStatus: http.StatusOK, Attempts: 1}, res.Meta); diff != "" {
					t.Errorf("Meta (-want +got):\n%s", diff)
				}
				return
			}
			if res != nil || !errors.Is(err, tt.wantError) {
				t.Fatalf("OneStep = %v, %v; want errors.Is %v", res, err, tt.wantError)
			}
			var ou *OutcomeUnknownError
			if errors.Is(err, ErrOutcomeUnknown) && (!errors.As(err, &ou) || ou.RequestID != req.RequestID || ou.Op != "one_step" || ou.QueryErr == nil) {
				t.Errorf("OutcomeUnknownError = %+v", ou)
			}
		})
	}
}

// TestOneStepNotSentRetries: a request that provably never reached GTR
// (connection refused) is retried, never queried, and reported as such.
func TestOneStepNotSentRetries(t *testing.T) {
	t.Parallel()
	addr := testnet.RefusingAddr(t)
	c, err := New(WithBaseURL("http://"+addr), WithAppToken(testVASPCode, testAccessKey, testSecretKey),
		WithKeyPair(ourKey(t)), WithRetry(2, time.Millisecond, time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.OneStep(ctxTimeout(t, 5*time.Second), preRequest(t, "acme-refused-1"))
	if err == nil || errors.Is(err, ErrOutcomeUnknown) {
		t.Fatalf("err = %v, want a transport error that is not ErrOutcomeUnknown", err)
	}
}

// TestRecoveryIgnoresDoneContext: the query runs even though the caller's
// context is over, bounded by the recovery timeout.
func TestRecoveryIgnoresDoneContext(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	f.handle(queryPath, sleepPast)
	c := f.client(t, WithRecoveryTimeout(200*time.Millisecond))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := c.queryOutcome(ctx, "acme-lost-0001")
	if err == nil {
		t.Fatal("query of a hanging server succeeded")
	}
	if f.count(queryPath) == 0 {
		t.Error("no query was sent on a done context")
	}
}
