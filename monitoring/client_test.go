package monitoring_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/vaspkit/vaspkit/fakefault"
	"github.com/vaspkit/vaspkit/internal/rest"
	"github.com/vaspkit/vaspkit/monitoring"
	"github.com/vaspkit/vaspkit/monitoring/monitoringtest"
)

func TestNewRejectsBadOptions(t *testing.T) {
	t.Parallel()
	tok := monitoring.WithAppToken("sbx:t", "s")
	pass := monitoring.Middleware(func(next http.RoundTripper) http.RoundTripper { return next })
	tests := []struct {
		name   string
		opts   []monitoring.Option
		option string // the *ConfigError's Option
	}{
		{"no credentials", nil, "WithAppToken"},
		{"empty token", []monitoring.Option{monitoring.WithAppToken("", "s")}, "WithAppToken"},
		{"empty secret", []monitoring.Option{monitoring.WithAppToken("t", "")}, "WithAppToken"},
		{"nil option", []monitoring.Option{tok, nil}, "New"},
		{"nil first option", []monitoring.Option{nil, tok}, "New"},
		{"empty base URL", []monitoring.Option{tok, monitoring.WithBaseURL("")}, "WithBaseURL"},
		{"plain http base URL", []monitoring.Option{tok, monitoring.WithBaseURL("http://api.sumsub.com")}, "WithBaseURL"},
		{"base URL without host", []monitoring.Option{tok, monitoring.WithBaseURL("https://")}, "WithBaseURL"},
		{"base URL scheme", []monitoring.Option{tok, monitoring.WithBaseURL("ftp://api.sumsub.com")}, "WithBaseURL"},
		{"base URL with credentials", []monitoring.Option{tok, monitoring.WithBaseURL("https://u:p@api.sumsub.com")}, "WithBaseURL"},
		{"nil HTTP client", []monitoring.Option{tok, monitoring.WithHTTPClient(nil)}, "WithHTTPClient"},
		{"nil logger", []monitoring.Option{tok, monitoring.WithLogger(nil)}, "WithLogger"},
		{"empty user agent", []monitoring.Option{tok, monitoring.WithUserAgent("")}, "WithUserAgent"},
		{"negative retries", []monitoring.Option{tok, monitoring.WithRetry(-1, time.Second, time.Second)}, "WithRetry"},
		{"retry waits reversed", []monitoring.Option{tok, monitoring.WithRetry(1, time.Second, time.Millisecond)}, "WithRetry"},
		{"zero retry wait", []monitoring.Option{tok, monitoring.WithRetry(1, 0, time.Second)}, "WithRetry"},
		{"zero retry waits", []monitoring.Option{tok, monitoring.WithRetry(3, 0, 0)}, "WithRetry"},
		{"negative retry wait without retries", []monitoring.Option{tok, monitoring.WithRetry(0, -time.Second, 0)}, "WithRetry"},
		{"negative max retry wait", []monitoring.Option{tok, monitoring.WithRetry(0, 0, -time.Second)}, "WithRetry"},
		{"zero retry-after cap", []monitoring.Option{tok, monitoring.WithRetryAfterCap(0)}, "WithRetryAfterCap"},
		{"negative retry-after cap", []monitoring.Option{tok, monitoring.WithRetryAfterCap(-time.Second)}, "WithRetryAfterCap"},
		{"retry budget", []monitoring.Option{tok, monitoring.WithRetryBudget(-1)}, "WithRetryBudget"},
		{"rate limit n", []monitoring.Option{tok, monitoring.WithRateLimit(0, time.Second)}, "WithRateLimit"},
		{"rate limit period", []monitoring.Option{tok, monitoring.WithRateLimit(1, 0)}, "WithRateLimit"},
		{"nil limiter", []monitoring.Option{tok, monitoring.WithLimiter(nil)}, "WithLimiter"},
		{"nil clock", []monitoring.Option{tok, monitoring.WithClock(nil)}, "WithClock"},
		{"no middleware", []monitoring.Option{tok, monitoring.WithMiddleware()}, "WithMiddleware"},
		{"nil middleware", []monitoring.Option{tok, monitoring.WithMiddleware(pass, nil)}, "WithMiddleware"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, err := monitoring.New(tt.opts...)
			if !errors.Is(err, monitoring.ErrConfig) || c != nil {
				t.Fatalf("New = %v, %v; want nil, ErrConfig", c, err)
			}
			var ce *monitoring.ConfigError
			if !errors.As(err, &ce) || ce.Option != tt.option {
				t.Errorf("New = %v; want a *ConfigError naming %s", err, tt.option)
			}
			if want := "monitoring: " + tt.option + ": "; !strings.HasPrefix(err.Error(), want) {
				t.Errorf("err = %q; want it to start with %q", err, want)
			}
		})
	}
	valid := [][]monitoring.Option{
		{tok, monitoring.WithRetry(0, time.Second, time.Second), monitoring.WithStrictEnums(),
			monitoring.WithLogger(slog.New(slog.DiscardHandler)), monitoring.WithUserAgent("x/1")},
		{tok, monitoring.WithRetry(0, 0, 0), monitoring.WithRetryBudget(0), monitoring.WithRetryAfterCap(time.Nanosecond)},
		{tok, monitoring.WithRetry(2, time.Millisecond, time.Millisecond), monitoring.WithClock(time.Now),
			monitoring.WithMiddleware(pass), monitoring.WithMiddleware(pass, pass)},
	}
	for i, opts := range valid {
		if _, err := monitoring.New(opts...); err != nil {
			t.Errorf("valid options %d rejected: %v", i, err)
		}
	}
}

// logBuffer is a slog handler target safe for concurrent writes.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestCanaryNoSecretsOrPII drives every kind of outcome with canary
// credentials and personal data and checks none of them leaks into logs,
// error strings or printed clients and options.
func TestCanaryNoSecretsOrPII(t *testing.T) {
	t.Parallel()
	const (
		token  = "sbx:CANARY-TOKEN-7f3a"
		secret = "CANARY-SECRET-91bc"
		name   = "Canary Personname"
		wallet = "bc1qcanarywallet0000000000000000000000000"
		level  = "canary-level"
	)
	srv := monitoringtest.NewServer(t, monitoringtest.WithAppToken(token, secret),
		monitoringtest.WithFaults(
			fakefault.Fault{Kind: fakefault.Drop, Every: 2, Match: monitoringtest.IsSubmit},
			fakefault.Fault{Kind: fakefault.TooManyRequests, Every: 5, Match: monitoringtest.IsSubmit}))
	var logs logBuffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	opts := []monitoring.Option{
		monitoring.WithLogger(logger),
		monitoring.WithAppToken(token, secret),
	}
	c := newClient(t, srv, opts...)
	wrong := newClient(t, srv, monitoring.WithLogger(logger), monitoring.WithAppToken(token, secret+"x"))
	ctx := context.Background()

	var outputs []string
	record := func(v any, err error) {
		outputs = append(outputs, fmt.Sprintf("%v|%+v|%#v", v, v, v))
		if err != nil {
			outputs = append(outputs, err.Error(), fmt.Sprintf("%+v|%#v", err, err))
		}
	}
	for i := 0; i < 4; i++ {
		txn, err := monitoring.NewCryptoWithdrawal(monitoring.TxnID(fmt.Sprintf("canary-%d", i)), "1", "BTC").
			Applicant(monitoring.NewPerson("canary-user", name)).
			CounterpartyWallet(wallet).Build()
		if err != nil {
			t.Fatal(err)
		}
		record(c.Submit(ctx, txn, monitoring.WithLevelName(level)))
		record(c.Submit(ctx, txn)) // a real duplicate
		record(wrong.Submit(ctx, txn))
	}
	bad := &monitoring.Transaction{TxnID: "x", Type: monitoring.TypeFinance, Applicant: &monitoring.Participant{FullName: name}}
	record(c.Submit(ctx, bad))
	record(c.GetByTxnID(ctx, "missing"))
	record(c, nil)
	for _, o := range opts {
		record(o, nil)
	}
	all := logs.String() + strings.Join(outputs, "\n")
	if !strings.Contains(logs.String(), `"status":409`) {
		t.Fatalf("the logger saw nothing; logs: %s", logs.String())
	}
	for _, canary := range []string{token, "CANARY-TOKEN", secret, "CANARY-SECRET", name, wallet, level} {
		if strings.Contains(all, canary) {
			t.Errorf("%q leaked:\n%s", canary, all)
		}
	}
}

func TestAuthFailures(t *testing.T) {
	t.Parallel()
	srv := monitoringtest.NewServer(t)
	tok, sec := srv.AppToken()
	tests := []struct {
		name string
		opts []monitoring.Option
		want []error
	}{
		{"wrong secret", []monitoring.Option{monitoring.WithAppToken(tok, sec+"x")}, []error{monitoring.ErrUnauthorized, monitoring.ErrSignatureMismatch}},
		{"unknown token", []monitoring.Option{monitoring.WithAppToken("sbx:other", sec)}, []error{monitoring.ErrUnauthorized, monitoring.ErrInvalidToken}},
		{"clock two minutes slow", []monitoring.Option{monitoring.WithClock(func() time.Time { return time.Now().Add(-2 * time.Minute) })},
			[]error{monitoring.ErrUnauthorized, monitoring.ErrClockSkew}},
		{"clock fifty seconds fast", []monitoring.Option{monitoring.WithClock(func() time.Time { return time.Now().Add(50 * time.Second) })}, nil},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := newClient(t, srv, tt.opts...)
			_, err := c.Submit(context.Background(), withdrawal(t, fmt.Sprintf("auth-%d", i), "1"))
			if tt.want == nil && err != nil {
				t.Fatalf("Submit: %v", err)
			}
			for _, w := range tt.want {
				if !errors.Is(err, w) {
					t.Errorf("err = %v, want errors.Is %v", err, w)
				}
			}
		})
	}
}

func TestRetryAfterIsHonoured(t *testing.T) {
	t.Parallel()
	var first atomic.Bool
	srv := monitoringtest.NewServer(t, monitoringtest.WithFaults(fakefault.Fault{
		Kind: fakefault.TooManyRequests, Every: 1, RetryAfter: time.Second,
		Match: func(r *http.Request) bool { return monitoringtest.IsSubmit(r) && first.CompareAndSwap(false, true) },
	}))
	var logs logBuffer
	c := newClient(t, srv,
		monitoring.WithLogger(slog.New(slog.NewJSONHandler(&logs, nil))),
		// A cap far below Retry-After's second: the wait is planned from
		// Retry-After (shortened to the cap), not from the 1–10 ms
		// backoff, and the test does not sleep a whole second.
		monitoring.WithRetryAfterCap(50*time.Millisecond),
	)
	res, err := c.Submit(context.Background(), withdrawal(t, "ra-1", "1"))
	if err != nil || res.Replayed {
		t.Fatalf("Submit = %v, %v", res, err)
	}
	// The client planned the retry from Retry-After (capped), not from its
	// 1–10 ms backoff.
	if !strings.Contains(logs.String(), `"status":429`) || !strings.Contains(logs.String(), `"retry_in":50000000`) {
		t.Errorf("logs do not show the capped 50ms wait after the 429:\n%s", logs.String())
	}
}

func TestRetriesExhausted(t *testing.T) {
	t.Parallel()
	srv := monitoringtest.NewServer(t, monitoringtest.WithFaults(
		fakefault.Fault{Kind: fakefault.ServerError, Every: 1, Status: 502, Match: monitoringtest.IsSubmit},
	))
	c := newClient(t, srv, monitoring.WithRetry(2, time.Millisecond, time.Millisecond))
	_, err := c.Submit(context.Background(), withdrawal(t, "down-1", "1"))
	var ae *monitoring.APIError
	if !errors.Is(err, monitoring.ErrServer) || !errors.As(err, &ae) || ae.HTTPStatus != 502 {
		t.Fatalf("err = %v, want a 502 *APIError", err)
	}
	// A 5xx may come after Sumsub stored the transaction (or from a
	// gateway while Sumsub goes on): Submit looked it up by txnId, found
	// none, and still cannot rule it out.
	var ue *monitoring.OutcomeUnknownError
	if !errors.As(err, &ue) || !errors.Is(ue.ReadErr, monitoring.ErrNotFound) {
		t.Errorf("err = %v, want an *OutcomeUnknownError whose read-back found nothing", err)
	}
	st := srv.Stats()
	if st.Stored != 0 || st.Requests != 4 {
		t.Errorf("stats = %+v, want 3 submits, 1 read-back and nothing stored", st)
	}
}

// countingLimiter counts Wait calls.
type countingLimiter struct{ n atomic.Int32 }

func (l *countingLimiter) Wait(ctx context.Context) error { l.n.Add(1); return ctx.Err() }

func TestLimiterCountsEveryPOSTAttempt(t *testing.T) {
	t.Parallel()
	srv := monitoringtest.NewServer(t, monitoringtest.WithFaults(
		fakefault.Fault{Kind: fakefault.ServerError, Every: 2, Match: monitoringtest.IsSubmit}))
	lim := &countingLimiter{}
	c := newClient(t, srv, monitoring.WithLimiter(lim))
	ctx := context.Background()
	if _, err := c.Submit(ctx, withdrawal(t, "lim-1", "1")); err != nil { // 1 attempt
		t.Fatal(err)
	}
	if _, err := c.Submit(ctx, withdrawal(t, "lim-2", "1")); err != nil { // 503, then stored: 2 attempts
		t.Fatal(err)
	}
	if _, err := c.GetByTxnID(ctx, "lim-2"); err != nil { // GETs are not limited
		t.Fatal(err)
	}
	if got := lim.n.Load(); got != 3 {
		t.Errorf("limiter waited %d times, want 3 (every POST attempt, no GET)", got)
	}
}

func TestLimiterWaitEndsWithContext(t *testing.T) {
	t.Parallel()
	srv := monitoringtest.NewServer(t)
	c := newClient(t, srv, monitoring.WithRateLimit(1, time.Hour))
	ctx := context.Background()
	if _, err := c.Submit(ctx, withdrawal(t, "rl-1", "1")); err != nil {
		t.Fatal(err)
	}
	tctx, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	_, err := c.Submit(tctx, withdrawal(t, "rl-2", "1"))
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want DeadlineExceeded from the limiter", err)
	}
	if err == nil || !strings.HasPrefix(err.Error(), "monitoring: waiting for the rate limiter: ") {
		t.Errorf("err = %v, want it to say it was waiting for the rate limiter", err)
	}
	if errors.As(err, new(*rest.LimitError)) {
		t.Errorf("err = %v reaches an internal/rest type", err)
	}
	if srv.Stats().Stored != 1 {
		t.Errorf("the limited submit reached the server")
	}
}

func TestIDsAndQueryValuesAreEscapedAndSigned(t *testing.T) {
	t.Parallel()
	srv := monitoringtest.NewServer(t)
	c := newClient(t, srv)
	ctx := context.Background()
	for _, id := range []string{"with space", "semi;colon=eq", "slash/and?query#frag", "ünïcode-李", "percent%2F"} {
		txn := withdrawal(t, id, "1")
		if _, err := c.Submit(ctx, txn, monitoring.WithLevelName("basic kyc+level@x")); err != nil {
			t.Fatalf("Submit(%q): %v", id, err)
		}
		res, err := c.GetByTxnID(ctx, monitoring.TxnID(id))
		if err != nil || string(res.TxnID()) != id {
			t.Errorf("GetByTxnID(%q) = %v, %v", id, res, err)
		}
	}
}

func TestContextCancelled(t *testing.T) {
	t.Parallel()
	srv := monitoringtest.NewServer(t, monitoringtest.WithLatency(time.Second))
	c := newClient(t, srv)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	_, err := c.Submit(ctx, withdrawal(t, "slow-1", "1"))
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want DeadlineExceeded", err)
	}
}

// Enum values outside this package's lists are sent and Sumsub's answer
// decides; WithStrictEnums refuses them before sending.
func TestUnknownEnumValuesAreSent(t *testing.T) {
	t.Parallel()
	const typeMessage = "type is not valid, must be one of: travelRule, finance, gamblingBet, gamblingLimitChange, gamblingBonusChange, kyc, auditTrailEvent, userPlatformEvent"
	tests := []struct {
		name       string
		edit       func(*monitoring.Transaction)
		strict     bool
		wantStatus int    // 0: stored
		wantMsg    string // Sumsub's description
		wantPath   string // a *ValidationError on this path, nothing sent
	}{
		{name: "type typo sent", edit: func(txn *monitoring.Transaction) { txn.Type = "typo" }, wantStatus: 400, wantMsg: typeMessage},
		{name: "type typo refused when strict", strict: true, edit: func(txn *monitoring.Transaction) { txn.Type = "typo" }, wantPath: "type"},
		{name: "scheduledEvent", edit: func(txn *monitoring.Transaction) { txn.Type, txn.Info = monitoring.TypeScheduledEvent, nil }},
		{name: "iGamingSession when strict", strict: true, edit: func(txn *monitoring.Transaction) { txn.Type, txn.Info = monitoring.TypeIGamingSession, nil }},
		{name: "passwordChange", edit: func(txn *monitoring.Transaction) {
			txn.Type, txn.Info = monitoring.TypeUserPlatformEvent, nil
			txn.UserPlatformEventInfo = &monitoring.PlatformEventInfo{Type: monitoring.EventPasswordChange}
		}},
		{name: "direction sent", edit: func(txn *monitoring.Transaction) { txn.Info.Direction = "sideways" },
			wantStatus: 400, wantMsg: "Malformed data provided in the request"},
		{name: "direction refused when strict", strict: true, edit: func(txn *monitoring.Transaction) { txn.Info.Direction = "sideways" },
			wantPath: "info.direction"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := monitoringtest.NewServer(t)
			var opts []monitoring.Option
			if tt.strict {
				opts = append(opts, monitoring.WithStrictEnums())
			}
			c := newClient(t, srv, opts...)
			txn := withdrawal(t, "enum-"+strconv.Itoa(i), "1")
			tt.edit(txn)
			res, err := c.Submit(context.Background(), txn)
			var (
				ae *monitoring.APIError
				ve *monitoring.ValidationError
			)
			switch {
			case tt.wantPath != "":
				if !errors.As(err, &ve) || !slices.Contains(problemPaths(ve), tt.wantPath) || srv.Stats().Requests != 0 {
					t.Errorf("err = %v, %d requests; want a *ValidationError on %s and none", err, srv.Stats().Requests, tt.wantPath)
				}
			case tt.wantStatus != 0:
				if !errors.As(err, &ae) || ae.HTTPStatus != tt.wantStatus {
					t.Fatalf("err = %v, want HTTP %d", err, tt.wantStatus)
				}
				if diff := cmp.Diff(tt.wantMsg, ae.Message); diff != "" {
					t.Errorf("message (-want +got):\n%s", diff)
				}
			case err != nil || res.ID == "":
				t.Errorf("Submit = %v, %v; want it stored", res, err)
			}
		})
	}
}

func TestArgumentChecksSendNothing(t *testing.T) {
	t.Parallel()
	srv := monitoringtest.NewServer(t)
	c := newClient(t, srv)
	ctx := context.Background()
	calls := map[string]error{}
	_, calls["Get"] = c.Get(ctx, "")
	_, calls["GetByTxnID"] = c.GetByTxnID(ctx, "")
	_, calls["SubmitForApplicant"] = c.SubmitForApplicant(ctx, "", withdrawal(t, "a", "1"))
	_, calls["Approve"] = c.Approve(ctx, "")
	_, calls["Reject"] = c.Reject(ctx, "", nil, "")
	_, calls["Rescore"] = c.Rescore(ctx, "")
	_, calls["SetProps"] = c.SetProps(ctx, &monitoring.PropsRequest{})
	_, calls["SetProps nil"] = c.SetProps(ctx, nil)
	calls["Delete"] = c.Delete(ctx, "")
	_, calls["AddNote"] = c.AddNote(ctx, &monitoring.NoteRequest{Note: "n"})
	_, calls["AddNote nil"] = c.AddNote(ctx, nil)
	_, calls["AddNote noteId"] = c.AddNote(ctx, &monitoring.NoteRequest{ID: "id", NoteID: "n1", Note: "n"})
	_, calls["Notes"] = c.Notes(ctx, "")
	_, calls["EditNote"] = c.EditNote(ctx, &monitoring.NoteRequest{ID: "id", Note: "n"})
	_, calls["EditNote nil"] = c.EditNote(ctx, nil)
	calls["RemoveNote"] = c.RemoveNote(ctx, &monitoring.NoteRequest{ID: "id"})
	calls["RemoveNote nil"] = c.RemoveNote(ctx, nil)
	calls["AddTags"] = c.AddTags(ctx, "")
	_, calls["Tags"] = c.Tags(ctx, "")
	_, calls["RemoveTags"] = c.RemoveTags(ctx, "")
	_, calls["Import"] = c.Import(ctx, nil, monitoring.ImportOptions{})
	_, calls["PatchChainTxID"] = c.PatchChainTxID(ctx, "id", "")
	_, calls["ConfirmOwnership"] = c.ConfirmOwnership(ctx, "")
	_, calls["RejectOwnership"] = c.RejectOwnership(ctx, "")
	_, calls["AttachBeneficiary"] = c.AttachBeneficiary(ctx, "id", monitoring.Beneficiary{})
	_, calls["AttachBeneficiary both"] = c.AttachBeneficiary(ctx, "id", monitoring.Beneficiary{ApplicantID: "a", Participant: &monitoring.Participant{}})
	_, calls["SetApplicantWalletAddress"] = c.SetApplicantWalletAddress(ctx, "id", "")
	_, calls["ImportHistory"] = c.ImportHistory(ctx, nil)
	_, calls["Find negative limit"] = c.Find(ctx, monitoring.Query{Limit: -1})
	_, calls["Find filter path"] = c.Find(ctx, monitoring.Query{Filters: []monitoring.Filter{{Path: "data.type;x", Value: "v"}}})
	_, calls["Find empty filter path"] = c.Find(ctx, monitoring.Query{Filters: []monitoring.Filter{{Value: "v"}}})
	_, calls["VASPs"] = c.VASPs(ctx, monitoring.VASPQuery{Offset: -1})
	_, calls["VASP"] = c.VASP(ctx, "")
	_, calls["InitTravelRuleSDK nil"] = c.InitTravelRuleSDK(ctx, nil)
	_, calls["InitTravelRuleSDK"] = c.InitTravelRuleSDK(ctx, &monitoring.TravelRuleSDKRequest{})
	_, calls["InitTravelRuleSDK amount"] = c.InitTravelRuleSDK(ctx, &monitoring.TravelRuleSDKRequest{UserID: "u",
		TxnInfo: &monitoring.TravelRuleSDKTxn{Amount: monitoring.QuotedNumber("ten")}})
	_, calls["ImportWalletAddresses"] = c.ImportWalletAddresses(ctx, nil)
	_, calls["ImportWalletAddresses entry"] = c.ImportWalletAddresses(ctx, []monitoring.WalletAddress{{Asset: "BTC"}})
	_, calls["ImportWalletAddresses too many"] = c.ImportWalletAddresses(ctx, make([]monitoring.WalletAddress, 10001))
	_, calls["AddPaymentMethod id"] = c.AddPaymentMethod(ctx, "", &monitoring.ApplicantPaymentMethod{})
	_, calls["AddPaymentMethod nil"] = c.AddPaymentMethod(ctx, "a", nil)
	_, calls["AddPaymentMethod data"] = c.AddPaymentMethod(ctx, "a", &monitoring.ApplicantPaymentMethod{})
	_, calls["AddPaymentMethod type"] = c.AddPaymentMethod(ctx, "a", &monitoring.ApplicantPaymentMethod{Data: &monitoring.PaymentMethodData{}})
	for name, err := range calls {
		if !errors.Is(err, monitoring.ErrValidation) {
			t.Errorf("%s: err = %v, want ErrValidation", name, err)
		}
	}
	if n := srv.Stats().Requests; n != 0 {
		t.Errorf("%d requests sent, want none", n)
	}
}

func TestAccessTokenQueryIsSigned(t *testing.T) {
	t.Parallel()
	srv := monitoringtest.NewServer(t)
	c := newClient(t, srv)
	txn, err := monitoring.NewFiatPayment("di-1", monitoring.Out, "100", "USD").
		Applicant(monitoring.NewPerson("john.smith.1234", "John Smith")).Build()
	if err != nil {
		t.Fatal(err)
	}
	// A JWT-like token with characters that need escaping.
	if _, err := c.Submit(context.Background(), txn, monitoring.WithAccessToken("_act-jwt-eyJ+a/b=="), monitoring.WithLevelName("l 1")); err != nil {
		t.Fatalf("Submit: %v", err)
	}
}

func TestClientPrintsAsDescription(t *testing.T) {
	t.Parallel()
	const token, secret = "sbx:CANARY-token-91c2", "CANARY-secret-5d7e"
	c, err := monitoring.New(monitoring.WithAppToken(token, secret))
	if err != nil {
		t.Fatal(err)
	}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
		got := fmt.Sprintf(verb, c)
		if got != "monitoring.Client(https://api.sumsub.com)" && verb != "%q" {
			t.Errorf("Sprintf(%s) = %q, want the description", verb, got)
		}
		if strings.Contains(got, "CANARY") {
			t.Errorf("Sprintf(%s) leaks a credential: %q", verb, got)
		}
	}
}
