package monitoring_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/vaspkit/vaspkit/monitoring"
	"github.com/vaspkit/vaspkit/monitoring/monitoringtest"
)

// cannedClient returns a client for a server that answers every request
// with status and body, and the count of requests it saw.
func cannedClient(t *testing.T, status int, body string, opts ...monitoring.Option) (*monitoring.Client, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		_, _ = io.Copy(io.Discard, r.Body)
		if body != "" {
			w.Header().Set("Content-Type", "application/json")
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(hs.Close)
	all := append([]monitoring.Option{monitoring.WithBaseURL(hs.URL), monitoring.WithAppToken("sbx:t", "s"),
		monitoring.WithRetry(0, 0, 0), monitoring.WithoutRateLimit()}, opts...)
	c, err := monitoring.New(all...)
	if err != nil {
		t.Fatal(err)
	}
	return c, &n
}

// sumsubID is a well-formed Sumsub transaction id.
const sumsubID = "65f0c0de0123456789abcdef"

// unusableAnswerCalls are every call that reads a body, with what an
// unusable 2xx must turn into: a malformed-response error for a read, an
// outcome-unknown error (MaybeSent) for a call that changes state.
var unusableAnswerCalls = []struct {
	name    string
	write   bool
	emptyOK bool // Sumsub documents no body (or a 204): empty is success
	call    func(ctx context.Context, c *monitoring.Client) (any, error)
}{
	{"Submit", true, false, func(ctx context.Context, c *monitoring.Client) (any, error) {
		return c.Submit(ctx, withdrawalNoT("e-1"))
	}},
	{"SubmitForApplicant", true, false, func(ctx context.Context, c *monitoring.Client) (any, error) {
		return c.SubmitForApplicant(ctx, sumsubID, withdrawalNoT("e-2"))
	}},
	{"Import", true, false, func(ctx context.Context, c *monitoring.Client) (any, error) {
		return c.Import(ctx, []monitoring.ImportRecord{{Data: withdrawalNoT("e-3")}}, monitoring.ImportOptions{})
	}},
	{"Approve", true, false, func(ctx context.Context, c *monitoring.Client) (any, error) { return c.Approve(ctx, sumsubID) }},
	{"Reject", true, false, func(ctx context.Context, c *monitoring.Client) (any, error) {
		return c.Reject(ctx, sumsubID, nil, "")
	}},
	{"Rescore", true, false, func(ctx context.Context, c *monitoring.Client) (any, error) { return c.Rescore(ctx, sumsubID) }},
	{"SetProps", true, false, func(ctx context.Context, c *monitoring.Client) (any, error) {
		return c.SetProps(ctx, &monitoring.PropsRequest{ID: sumsubID, Set: map[string]string{"k": "v"}})
	}},
	{"Delete", true, false, func(ctx context.Context, c *monitoring.Client) (any, error) { return nil, c.Delete(ctx, sumsubID) }},
	{"PatchChainTxID", true, false, func(ctx context.Context, c *monitoring.Client) (any, error) {
		return c.PatchChainTxID(ctx, sumsubID, "0xabc")
	}},
	{"ConfirmOwnership", true, false, func(ctx context.Context, c *monitoring.Client) (any, error) {
		return c.ConfirmOwnership(ctx, sumsubID)
	}},
	{"RejectOwnership", true, false, func(ctx context.Context, c *monitoring.Client) (any, error) {
		return c.RejectOwnership(ctx, sumsubID)
	}},
	{"AttachBeneficiary", true, false, func(ctx context.Context, c *monitoring.Client) (any, error) {
		return c.AttachBeneficiary(ctx, sumsubID, monitoring.Beneficiary{ApplicantID: sumsubID})
	}},
	{"SetApplicantWalletAddress", true, false, func(ctx context.Context, c *monitoring.Client) (any, error) {
		return c.SetApplicantWalletAddress(ctx, sumsubID, "bc1q")
	}},
	{"AddNote", true, true, func(ctx context.Context, c *monitoring.Client) (any, error) {
		return c.AddNote(ctx, &monitoring.NoteRequest{ID: sumsubID, Note: "n"})
	}},
	{"EditNote", true, true, func(ctx context.Context, c *monitoring.Client) (any, error) {
		return c.EditNote(ctx, &monitoring.NoteRequest{ID: sumsubID, NoteID: "note-1", Note: "n"})
	}},
	{"RemoveTags", true, true, func(ctx context.Context, c *monitoring.Client) (any, error) {
		return c.RemoveTags(ctx, sumsubID, "t")
	}},
	{"Get", false, false, func(ctx context.Context, c *monitoring.Client) (any, error) { return c.Get(ctx, sumsubID) }},
	{"GetByTxnID", false, false, func(ctx context.Context, c *monitoring.Client) (any, error) {
		return c.GetByTxnID(ctx, "e-4")
	}},
	{"Notes", false, false, func(ctx context.Context, c *monitoring.Client) (any, error) { return c.Notes(ctx, sumsubID) }},
	{"Tags", false, false, func(ctx context.Context, c *monitoring.Client) (any, error) { return c.Tags(ctx, sumsubID) }},
	{"ImportHistory", true, false, func(ctx context.Context, c *monitoring.Client) (any, error) {
		return c.ImportHistory(ctx, []monitoring.ImportRecord{{Data: withdrawalNoT("e-5")}})
	}},
	{"InitTravelRuleSDK", true, false, func(ctx context.Context, c *monitoring.Client) (any, error) {
		return c.InitTravelRuleSDK(ctx, &monitoring.TravelRuleSDKRequest{UserID: "u", TxnInfo: &monitoring.TravelRuleSDKTxn{}})
	}},
	{"ImportWalletAddresses", true, false, func(ctx context.Context, c *monitoring.Client) (any, error) {
		return c.ImportWalletAddresses(ctx, []monitoring.WalletAddress{{WalletAddress: "bc1q"}})
	}},
	{"AddPaymentMethod", true, false, func(ctx context.Context, c *monitoring.Client) (any, error) {
		return c.AddPaymentMethod(ctx, sumsubID, &monitoring.ApplicantPaymentMethod{Data: &monitoring.PaymentMethodData{Type: monitoring.PaymentCryptoWallet}})
	}},
	{"Find", false, false, func(ctx context.Context, c *monitoring.Client) (any, error) {
		return c.Find(ctx, monitoring.Query{Filters: []monitoring.Filter{monitoring.ByType(monitoring.TypeTravelRule)}})
	}},
	{"VASPs", false, false, func(ctx context.Context, c *monitoring.Client) (any, error) {
		return c.VASPs(ctx, monitoring.VASPQuery{Search: "binance"})
	}},
	{"VASP", false, false, func(ctx context.Context, c *monitoring.Client) (any, error) { return c.VASP(ctx, sumsubID) }},
	{"Currencies", false, false, func(ctx context.Context, c *monitoring.Client) (any, error) {
		return c.Currencies(ctx, monitoring.Crypto)
	}},
}

// withdrawalNoT is withdrawal for a table built outside a test.
func withdrawalNoT(txnID string) *monitoring.Transaction {
	txn, err := monitoring.NewCryptoWithdrawal(monitoring.TxnID(txnID), "7.5", "USDT").
		Applicant(monitoring.NewPerson("user-"+txnID, "Alice Example")).
		CounterpartyWallet("TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE").Build()
	if err != nil {
		panic(err)
	}
	return txn
}

// unusableOutcome is what an unusable-answer test checks of a call.
type unusableOutcome struct {
	Success      bool
	Unknown      bool // errors.Is(err, ErrOutcomeUnknown)
	Malformed    bool // errors.Is(err, ErrMalformedResponse)
	MaybeSent    bool
	UnknownTxnID string // of an *OutcomeUnknownError
}

// TestEmptyAnswerIsNeverSuccess: a 2xx with an empty body — 200, 202 or
// 204 — is success only where Sumsub documents no body. Submit reads the
// transaction back (here the read-back is empty too: outcome unknown);
// every other call that changes state is outcome unknown (MaybeSent); a
// read is a malformed response.
func TestEmptyAnswerIsNeverSuccess(t *testing.T) {
	t.Parallel()
	for _, status := range []int{http.StatusOK, http.StatusAccepted, http.StatusNoContent} {
		for _, tc := range unusableAnswerCalls {
			t.Run(fmt.Sprintf("%d/%s", status, tc.name), func(t *testing.T) {
				t.Parallel()
				c, _ := cannedClient(t, status, "")
				res, err := tc.call(t.Context(), c)
				got := outcomeOf(res, err)
				want := unusableOutcome{Success: true}
				switch {
				case tc.emptyOK:
				case tc.write:
					want = unusableOutcome{Unknown: true, Malformed: true, MaybeSent: true}
					if strings.HasPrefix(tc.name, "Submit") {
						want.UnknownTxnID = "e-1"
						if tc.name == "SubmitForApplicant" {
							want.UnknownTxnID = "e-2"
						}
					}
				default:
					want = unusableOutcome{Malformed: true}
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("%s = %v, %v (-want +got):\n%s", tc.name, res, err, diff)
				}
			})
		}
	}
}

// TestUndecodableAnswerIsNeverSuccess: a 2xx whose body does not decode,
// or is a transaction without its id, is never success either, wherever
// Sumsub documents a body.
func TestUndecodableAnswerIsNeverSuccess(t *testing.T) {
	t.Parallel()
	for _, body := range []string{`<html>OK</html>`, `{"id":`, `{}`, `null`} {
		for _, tc := range unusableAnswerCalls {
			t.Run(fmt.Sprintf("%s/%s", body, tc.name), func(t *testing.T) {
				t.Parallel()
				c, _ := cannedClient(t, http.StatusOK, body)
				res, err := tc.call(t.Context(), c)
				got := outcomeOf(res, err)
				if got.Success {
					// {} and null are valid answers where no transaction is
					// expected (a note, a tag list, a delete count).
					if (body == `{}` || body == `null`) && !returnsResult(tc.name) {
						return
					}
					t.Fatalf("%s answered %s: success %v", tc.name, body, res)
				}
				if !got.Malformed || got.Unknown != tc.write || got.MaybeSent != tc.write {
					t.Errorf("%s answered %s: err = %v, outcome %+v", tc.name, body, err, got)
				}
			})
		}
	}
}

// returnsResult reports whether the call returns a transaction.
func returnsResult(name string) bool {
	switch name {
	case "Import", "ImportHistory", "Delete", "AddNote", "EditNote", "RemoveTags", "Notes", "Tags":
		return false
	}
	return true
}

func outcomeOf(res any, err error) unusableOutcome {
	o := unusableOutcome{
		Success:   err == nil,
		Unknown:   errors.Is(err, monitoring.ErrOutcomeUnknown),
		Malformed: errors.Is(err, monitoring.ErrMalformedResponse),
		MaybeSent: monitoring.MaybeSent(err),
	}
	var ue *monitoring.OutcomeUnknownError
	if errors.As(err, &ue) {
		o.UnknownTxnID = string(ue.TxnID)
	}
	return o
}

// TestSubmitEmptyAnswerReadsBack: Sumsub stored the transaction and
// answered 200, 202 or 204 with no body (or an object without the
// transaction): Submit reads it back and returns it, decision included.
// When nothing was stored, the read-back finds nothing and the outcome is
// unknown — never a Result without a review.
func TestSubmitEmptyAnswerReadsBack(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		status int
		body   string
		store  bool
	}{
		{"200 stored", http.StatusOK, "", true},
		{"202 stored", http.StatusAccepted, "", true},
		{"204 stored", http.StatusNoContent, "", true},
		{"200 {} stored", http.StatusOK, "{}", true},
		{"200 nothing stored", http.StatusOK, "", false},
		{"202 nothing stored", http.StatusAccepted, "", false},
		{"204 nothing stored", http.StatusNoContent, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := monitoringtest.NewServer(t, monitoringtest.WithRule(monitoringtest.RejectAbove("1")))
			hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if !monitoringtest.IsSubmit(r) {
					srv.ServeHTTP(w, r)
					return
				}
				if tt.store {
					srv.ServeHTTP(httptest.NewRecorder(), r)
				}
				w.WriteHeader(tt.status)
				_, _ = io.WriteString(w, tt.body)
			}))
			t.Cleanup(hs.Close)
			token, secret := srv.AppToken()
			c, err := monitoring.New(monitoring.WithBaseURL(hs.URL), monitoring.WithAppToken(token, secret),
				monitoring.WithRetry(0, 0, 0), monitoring.WithoutRateLimit())
			if err != nil {
				t.Fatal(err)
			}
			res, err := c.Submit(t.Context(), withdrawal(t, "empty-1", "7.5"))
			if !tt.store {
				var ue *monitoring.OutcomeUnknownError
				if res != nil || !errors.As(err, &ue) || ue.TxnID != "empty-1" || !errors.Is(ue.ReadErr, monitoring.ErrNotFound) ||
					!monitoring.MaybeSent(err) || !errors.Is(err, monitoring.ErrMalformedResponse) {
					t.Errorf("Submit = %v, %v; want an *OutcomeUnknownError whose read-back found nothing", res, err)
				}
				return
			}
			if err != nil || !res.Replayed || res.ID == "" || res.Answer() != monitoring.Red {
				t.Fatalf("Submit = %+v, %v; want the stored, rejected transaction read back", res, err)
			}
		})
	}
}

// TestCanaryIDsNotShown: a txnId, applicant id or transaction id reaches
// neither the logs nor any error, under any fmt verb, whatever the failure
// — a dropped submit whose read-back fails, a 5xx, a server that echoes
// the id in its description — though OutcomeUnknownError.TxnID keeps the
// txnId for the caller.
func TestCanaryIDsNotShown(t *testing.T) {
	t.Parallel()
	const (
		txnID       = "CANARY-TXN-5e1f"
		applicantID = "CANARY-APPLICANT-0c2d"
		sumsubTxn   = "CANARY-SUMSUB-ID-77aa"
	)
	canaries := []string{txnID, applicantID, sumsubTxn, "CANARY"}
	var submits atomic.Int32
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		echo := func(status int) {
			// A hostile or chatty server echoes the request everywhere.
			desc, _ := json.Marshal("Invalid id '" + r.URL.Path + "' for " + string(body))
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("X-Correlation-Id", "corr-1")
			w.WriteHeader(status)
			fmt.Fprintf(w, `{"description":%s,"code":%d,"errorName":"echo"}`, desc, status)
		}
		switch {
		case monitoringtest.IsSubmit(r) && submits.Add(1)%2 == 1:
			conn, _, err := w.(http.Hijacker).Hijack() // dropped after sending
			if err == nil {
				_ = conn.Close()
			}
		case monitoringtest.IsSubmit(r):
			echo(http.StatusInternalServerError)
		case r.Method == http.MethodGet && strings.Contains(r.URL.Path, "/one"):
			echo(http.StatusServiceUnavailable) // the read-back fails
		case r.Method == http.MethodGet:
			echo(http.StatusBadRequest)
		default:
			w.WriteHeader(http.StatusOK) // an empty 200 to a decision
		}
	}))
	t.Cleanup(hs.Close)
	var logs logBuffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, err := monitoring.New(monitoring.WithBaseURL(hs.URL), monitoring.WithAppToken("sbx:t", "s"), monitoring.WithLogger(logger),
		monitoring.WithRetry(1, time.Millisecond, time.Millisecond), monitoring.WithoutRateLimit())
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	txn := withdrawal(t, txnID, "1")

	var errs []error
	_, err = c.SubmitForApplicant(ctx, applicantID, txn) // dropped, then 500; read-back 503
	var ue *monitoring.OutcomeUnknownError
	if !errors.As(err, &ue) || ue.TxnID != txnID {
		t.Fatalf("SubmitForApplicant: err = %v, want an *OutcomeUnknownError keeping the txnId", err)
	}
	errs = append(errs, err)
	_, err = c.Submit(ctx, withdrawal(t, txnID, "2")) // dropped, then 500; read-back 503
	errs = append(errs, err)
	for _, call := range []func() error{
		func() error { _, err := c.GetByTxnID(ctx, txnID); return err },
		func() error { _, err := c.Get(ctx, sumsubTxn); return err },
		func() error { _, err := c.Notes(ctx, sumsubTxn); return err },
		func() error { _, err := c.Approve(ctx, sumsubTxn); return err },
		func() error { _, err := c.SetProps(ctx, &monitoring.PropsRequest{ID: sumsubTxn}); return err },
		func() error { return c.Delete(ctx, sumsubTxn) },
	} {
		if err := call(); err != nil {
			errs = append(errs, err)
		} else {
			t.Error("a call succeeded")
		}
	}

	var out strings.Builder
	for _, err := range errs {
		// Every error in the chain, under every verb.
		for e := err; e != nil; e = errors.Unwrap(e) {
			for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d"} {
				fmt.Fprintf(&out, verb+"\n", e)
			}
		}
		if ue, ok := err.(*monitoring.OutcomeUnknownError); ok && ue.ReadErr != nil {
			fmt.Fprintf(&out, "%v %+v %#v\n", ue.ReadErr, ue.ReadErr, ue.ReadErr)
		}
	}
	if !strings.Contains(logs.String(), `"path":"/resources/kyt/txns/-;data.txnId=*/one"`) ||
		!strings.Contains(logs.String(), `"path":"/resources/applicants/*/kyt/txns/-/data"`) {
		t.Errorf("the logs do not show the read-back and submit paths:\n%s", logs.String())
	}
	all := out.String() + "\n" + logs.String()
	for _, canary := range canaries {
		if strings.Contains(all, canary) {
			t.Errorf("%q leaked:\n%s", canary, all)
		}
	}
}

// TestWebhookHandlerRefusesNilCallback: a handler without a callback
// would answer 200 to every event and drop it; it is refused when built.
func TestWebhookHandlerRefusesNilCallback(t *testing.T) {
	t.Parallel()
	ok := func(context.Context, *monitoring.WebhookEvent) error { return nil }
	for name, tc := range map[string]struct {
		secret string
		fn     func(context.Context, *monitoring.WebhookEvent) error
	}{
		"nil callback": {"secret", nil},
		"empty secret": {"", ok},
	} {
		h, err := monitoring.WebhookHandler(tc.secret, tc.fn)
		if h != nil || !errors.Is(err, monitoring.ErrConfig) {
			t.Errorf("%s: WebhookHandler = %v, %v; want no handler and ErrConfig", name, h, err)
		}
	}
	if h, err := monitoring.WebhookHandler("secret", ok); h == nil || err != nil {
		t.Errorf("WebhookHandler = %v, %v", h, err)
	}
}
