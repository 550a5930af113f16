package gtr

import (
	"encoding/json"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestNotifyTxID(t *testing.T) {
	t.Parallel()
	const path = "/api/verify/v2/notify_tx_id"
	f := newFake(t)
	f.handle(path, reply(StatusSuccess, "TX ID received", map[string]any{}))
	c := f.client(t)
	ctx := ctxTimeout(t, 5*time.Second)
	if err := c.NotifyTxID(ctx, &TxIDNotification{RequestID: "acme-0001", TxID: "0xabc"}); err != nil {
		t.Fatal(err)
	}
	var body map[string]string
	if err := json.Unmarshal(f.lastBody(path), &body); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]string{"requestId": "acme-0001", "txId": "0xabc"}, body); diff != "" {
		t.Errorf("body (-want +got):\n%s", diff)
	}
	if err := c.NotifyTxID(ctx, &TxIDNotification{RequestID: "x", TxID: ""}); !errors.Is(err, ErrInvalidRequest) {
		t.Errorf("invalid: err = %v", err)
	}
}

// TestNotifyTxIDRepeat: after an unknown outcome the caller may call again;
// GTR's "already notified" then counts as success when GTR's record (the
// query) holds the same txId — whichever client sent the first — and stays
// an error for another txId or when the record cannot tell.
func TestNotifyTxIDRepeat(t *testing.T) {
	t.Parallel()
	const path = "/api/verify/v2/notify_tx_id"
	stored := func(txID any) http.HandlerFunc {
		return reply(StatusSuccess, "Success", map[string]any{"requestId": "acme-0001", "txId": txID,
			"verifyStatus": 100000, "verifyStage": "PII_VERIFICATION"})
	}
	f := newFake(t)
	f.handle(path, hangUp(t))
	c := f.client(t)
	ctx := ctxTimeout(t, 5*time.Second)
	err := c.NotifyTxID(ctx, &TxIDNotification{RequestID: "acme-0001", TxID: "0xabc"})
	var ou *OutcomeUnknownError
	if !errors.As(err, &ou) || ou.Op != "notify_tx_id" || ou.RequestID != "acme-0001" || !MaybeSent(err) {
		t.Fatalf("hang-up: err = %v", err)
	}
	if f.count(path) != 1 {
		t.Errorf("notify_tx_id sent %d times", f.count(path))
	}
	f.handle(path, reply(statusTxIDDuplicated, "TX ID duplicated", nil))
	f.handle(queryPath, stored("0xabc"))
	if err := c.NotifyTxID(ctx, &TxIDNotification{RequestID: "acme-0001", TxID: "0xdef"}); !errors.Is(err, ErrTxIDDuplicated) {
		t.Errorf("another txId: err = %v, want ErrTxIDDuplicated", err)
	}
	if err := c.NotifyTxID(ctx, &TxIDNotification{RequestID: "acme-0001", TxID: "0xabc"}); err != nil {
		t.Errorf("repeat of the same txId: err = %v, want success", err)
	}
	if err := c.NotifyTxID(ctx, &TxIDNotification{RequestID: "acme-0001", TxID: "0xabc"}); err != nil {
		t.Errorf("a further repeat of the same txId: err = %v, want success", err)
	}
	// A client that never sent it (another replica, a restart) reads the
	// same record.
	if err := f.client(t).NotifyTxID(ctx, &TxIDNotification{RequestID: "acme-0001", TxID: "0xabc"}); err != nil {
		t.Errorf("the same txId from a fresh client: err = %v, want success", err)
	}
	if err := f.client(t).NotifyTxID(ctx, &TxIDNotification{RequestID: "acme-0001", TxID: "0xABC"}); !errors.Is(err, ErrTxIDDuplicated) {
		t.Errorf("a txId differing in case from a fresh client: err = %v, want ErrTxIDDuplicated", err)
	}
	// When the read-back cannot settle it, the 100029 stands.
	for name, q := range map[string]http.HandlerFunc{
		"no txId recorded":  stored(nil),
		"empty txId":        stored(""),
		"unknown requestId": unknownRequest,
		"query fails":       reply(statusServerFail, "GTR Server Fail", nil),
		"query empty":       reply(StatusSuccess, "Success", nil),
		"query not JSON":    func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("<html>")) },
	} {
		f.handle(queryPath, q)
		err := f.client(t, WithRetry(0, 0, 0)).NotifyTxID(ctx, &TxIDNotification{RequestID: "acme-0001", TxID: "0xabc"})
		var ae *APIError
		if !errors.Is(err, ErrTxIDDuplicated) || !errors.As(err, &ae) || ae.Code != statusTxIDDuplicated {
			t.Errorf("%s: err = %v, want the 100029 *APIError", name, err)
		}
	}
}

func TestEnd(t *testing.T) {
	t.Parallel()
	const path = "/api/verify/v2/end"
	f := newFake(t)
	f.handle(path, reply(StatusSuccess, "Success", nil))
	c := f.client(t)
	ctx := ctxTimeout(t, 5*time.Second)
	if err := c.End(ctx, &EndRequest{RequestID: "acme-0001", Reason: EndCancelled, Message: "user cancelled the withdrawal"}); err != nil {
		t.Fatal(err)
	}
	var body map[string]string
	if err := json.Unmarshal(f.lastBody(path), &body); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]string{"requestId": "acme-0001", "reasonType": "CANCELLED", "reason": "user cancelled the withdrawal"}, body); diff != "" {
		t.Errorf("body (-want +got):\n%s", diff)
	}
	f.handle(path, reply(statusWrongFlow, "wrong flow", nil))
	if err := c.End(ctx, &EndRequest{RequestID: "acme-0001", Reason: EndCancelled}); !errors.Is(err, ErrWrongFlow) {
		t.Errorf("wrong flow: err = %v", err)
	}
	f.handle(path, hangUp(t))
	if err := c.End(ctx, &EndRequest{RequestID: "acme-0001", Reason: EndCancelled}); !errors.Is(err, ErrOutcomeUnknown) {
		t.Errorf("hang-up: err = %v", err)
	}
	if err := c.End(ctx, &EndRequest{RequestID: "acme-0001"}); !errors.Is(err, ErrInvalidRequest) {
		t.Errorf("no reason type: err = %v", err)
	}
}

func TestQuery(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	f.handle(queryPath, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Query().Get("requestId") {
		case "acme-lost-0001":
			recorded(StatusPending, StagePIIVerification)(w, r)
		case "acme-usage":
			reply(StatusSuccess, "Success", map[string]any{"verifyStatus": "100000", "requestType": "1", "verifyStageStatus": 2.0,
				"apiUsageInfo": map[string]any{"subscriptionName": "pro", "dailyLimit": 1000, "dailyRemaining": 998}})(w, r)
		case "acme-odd":
			reply(StatusSuccess, "Success", map[string]any{"verifyStatus": 200003, "txId": 12345, "network": []int{1}})(w, r)
		case "acme-quota":
			writeJSON(w, http.StatusPaymentRequired, map[string]any{"verifyStatus": 100003, "verifyMessage": "Limitation exceeded"})
		default:
			writeJSON(w, http.StatusBadRequest, map[string]any{"verifyStatus": 100004, "verifyMessage": "requestId not found"})
		}
	})
	c := f.client(t)
	ctx := ctxTimeout(t, 5*time.Second)
	q, err := c.Query(ctx, "acme-lost-0001")
	if err != nil {
		t.Fatal(err)
	}
	want := &QueryResult{RequestID: "acme-lost-0001", OriginatorVASP: "acme_exchange", BeneficiaryVASP: "beta_vasp",
		Status: StatusPending, Message: "PENDING", Stage: StagePIIVerification, PreflightStatus: "ACCEPTED",
		StartedAt: time.UnixMilli(1701734400000).UTC(), UpdatedAt: time.Unix(1701734401, 0).UTC(),
		Meta: Meta{HTTPStatus: 200, Attempts: 1}}
	if diff := cmp.Diff(want, q); diff != "" {
		t.Errorf("Query (-want +got):\n%s", diff)
	}
	q, err = c.Query(ctx, "acme-usage")
	if err != nil {
		t.Fatal(err)
	}
	if q.Status != StatusSuccess || q.RequestType != 1 || q.StageStatus != 2 || q.APIUsage == nil || q.APIUsage.DailyRemaining != 998 {
		t.Errorf("usage query = %+v (usage %+v)", q, q.APIUsage)
	}
	q, err = c.Query(ctx, "acme-odd")
	if err != nil || q.Status != StatusPIIVerifyFail || q.TxID != "12345" || q.Network != "" {
		t.Errorf("odd members: %+v, %v", q, err)
	}
	_, err = c.Query(ctx, "acme-unknown")
	if !errors.Is(err, ErrNotFound) || !errors.Is(err, ErrInvalidRequest) {
		t.Errorf("unknown requestId: err = %v, want ErrNotFound", err)
	}
	_, err = c.Query(ctx, "acme-quota")
	if errors.Is(err, ErrNotFound) || !errors.Is(err, ErrRateLimited) {
		t.Errorf("quota: err = %v, want ErrRateLimited only", err)
	}
	if _, err := c.Query(ctx, "no"); !errors.Is(err, ErrInvalidRequest) {
		t.Errorf("bad requestId: err = %v", err)
	}
}

func TestManualAnswers(t *testing.T) {
	t.Parallel()
	their := theirKey(t) // the initiator
	for _, method := range []string{http.MethodPut, http.MethodPost} {
		t.Run(method, func(t *testing.T) {
			t.Parallel()
			f := newFake(t)
			var methods []string
			for _, op := range []string{"verify_address", "verify_tx_id", "verify_pii"} {
				f.handle("/api/verify/v2/manual/"+op, func(w http.ResponseWriter, r *http.Request) {
					methods = append(methods, r.Method)
					reply(StatusSuccess, "Success", nil)(w, r)
				})
			}
			opts := []Option{}
			if method == http.MethodPost {
				opts = append(opts, WithManualMethod(http.MethodPost))
			}
			c := f.client(t, opts...)
			ctx := ctxTimeout(t, 5*time.Second)
			if err := c.ManualVerifyAddress(ctx, &ManualVerifyRequest{RequestID: "acme-0001", Found: true}); err != nil {
				t.Fatal(err)
			}
			if err := c.ManualVerifyTxID(ctx, &ManualVerifyRequest{RequestID: "acme-0001", Message: "not ours"}); err != nil {
				t.Fatal(err)
			}
			fields := []FieldResult{{ID: BeneficiaryNatural.Name(), Status: FieldMismatch}}
			if err := c.ManualVerifyPII(ctx, "acme-0001", their.PublicKey(), &PIIVerifyAnswer{Fields: fields, Identity: testIdentity(), PreflightStatus: "ACCEPTED"}); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff([]string{method, method, method}, methods); diff != "" {
				t.Errorf("methods (-want +got):\n%s", diff)
			}
			var addr, tx map[string]any
			_ = json.Unmarshal(f.lastBody("/api/verify/v2/manual/verify_address"), &addr)
			_ = json.Unmarshal(f.lastBody("/api/verify/v2/manual/verify_tx_id"), &tx)
			if diff := cmp.Diff(map[string]any{"requestId": "acme-0001", "result": map[string]any{"verifyStatus": float64(100000), "verifyMessage": "address found"}}, addr); diff != "" {
				t.Errorf("verify_address body (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(map[string]any{"requestId": "acme-0001", "result": map[string]any{"verifyStatus": float64(200007), "verifyMessage": "not ours"}}, tx); diff != "" {
				t.Errorf("verify_tx_id body (-want +got):\n%s", diff)
			}
			var pii struct {
				RequestID string `json:"requestId"`
				Result    struct {
					VerifyStatus VerifyStatus   `json:"verifyStatus"`
					Data         cbPIIReplyData `json:"data"`
				} `json:"result"`
			}
			if err := json.Unmarshal(f.lastBody("/api/verify/v2/manual/verify_pii"), &pii); err != nil {
				t.Fatal(err)
			}
			d := pii.Result.Data
			if pii.Result.VerifyStatus != StatusPIIVerifyFail || d.PreflightCheckStatus != "ACCEPTED" || len(d.VerifyFields) != 1 || d.PIISecuredInfo == nil {
				t.Fatalf("verify_pii body = %+v", pii)
			}
			// The initiator opens the answer with its key and ours.
			doc, err := OpenPII(d.PIISecuredInfo.SecuredPayload, their, ourKey(t).PublicKey())
			if err != nil {
				t.Fatalf("initiator cannot open the answer: %v", err)
			}
			if d.PIISecuredInfo.initiatorKey() != their.PublicKey().String() || d.PIISecuredInfo.receiverKey() != ourKey(t).PublicKey().String() || len(doc) == 0 {
				t.Error("answer keys are not initiator = theirs, receiver = ours")
			}
		})
	}
	f := newFake(t)
	c := f.client(t)
	ctx := ctxTimeout(t, 5*time.Second)
	if err := c.ManualVerifyPII(ctx, "acme-0001", PublicKey{}, &PIIVerifyAnswer{Identity: testIdentity()}); !errors.Is(err, ErrInvalidRequest) {
		t.Errorf("no initiator key: err = %v", err)
	}
	if err := c.ManualVerifyPII(ctx, "acme-0001", their.PublicKey(), &PIIVerifyAnswer{Status: StatusPending}); !errors.Is(err, ErrInvalidRequest) {
		t.Errorf("pending as a manual answer: err = %v", err)
	}
	if err := c.ManualVerifyAddress(ctx, &ManualVerifyRequest{RequestID: "x", Found: true}); !errors.Is(err, ErrInvalidRequest) {
		t.Errorf("bad requestId: err = %v", err)
	}
}

// TestLifecycleRequestValidation: a nil or invalid request to NotifyTxID,
// End, ManualVerifyAddress or ManualVerifyTxID is a *ValidationError
// naming the request's fields, and nothing is sent (not even a login).
func TestLifecycleRequestValidation(t *testing.T) {
	t.Parallel()
	long := string(make([]byte, maxReasonLen+1))
	tests := []struct {
		name  string
		call  func(c *Client) error
		paths []string // FieldError paths
	}{
		{"NotifyTxID nil", func(c *Client) error { return c.NotifyTxID(t.Context(), nil) }, []string{"TxIDNotification"}},
		{"NotifyTxID empty", func(c *Client) error { return c.NotifyTxID(t.Context(), &TxIDNotification{}) },
			[]string{"TxIDNotification.RequestID", "TxIDNotification.TxID"}},
		{"End nil", func(c *Client) error { return c.End(t.Context(), nil) }, []string{"EndRequest"}},
		{"End empty", func(c *Client) error { return c.End(t.Context(), &EndRequest{}) },
			[]string{"EndRequest.RequestID", "EndRequest.Reason"}},
		{"End message too long", func(c *Client) error {
			return c.End(t.Context(), &EndRequest{RequestID: "acme-0001", Reason: EndCancelled, Message: long})
		}, []string{"EndRequest.Message"}},
		{"ManualVerifyAddress nil", func(c *Client) error { return c.ManualVerifyAddress(t.Context(), nil) }, []string{"ManualVerifyRequest"}},
		{"ManualVerifyTxID nil", func(c *Client) error { return c.ManualVerifyTxID(t.Context(), nil) }, []string{"ManualVerifyRequest"}},
		{"ManualVerifyTxID bad", func(c *Client) error {
			return c.ManualVerifyTxID(t.Context(), &ManualVerifyRequest{RequestID: "x", Message: long})
		}, []string{"ManualVerifyRequest.RequestID", "ManualVerifyRequest.Message"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t)
			err := tt.call(f.client(t))
			var ve *ValidationError
			if !errors.As(err, &ve) || !errors.Is(err, ErrInvalidRequest) {
				t.Fatalf("err = %v, want a *ValidationError matching ErrInvalidRequest", err)
			}
			var got []string
			for _, p := range ve.Problems {
				got = append(got, p.Path)
			}
			if diff := cmp.Diff(tt.paths, got); diff != "" {
				t.Errorf("problem paths (-want +got):\n%s", diff)
			}
			f.mu.Lock()
			sent := len(f.counts)
			f.mu.Unlock()
			if sent != 0 {
				t.Errorf("%d paths reached the server, want none", sent)
			}
		})
	}
}
