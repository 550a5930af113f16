package monitoringtest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/vaspkit/vaspkit/fakefault"
	"github.com/vaspkit/vaspkit/monitoring"
	"github.com/vaspkit/vaspkit/monitoring/monitoringtest"
)

// send makes a raw request, signing it with edit's chance to spoil the
// headers, and returns the status and the decoded error body without its
// correlationId.
func send(t *testing.T, srv *monitoringtest.Server, method, path, body string, edit func(h http.Header)) (int, map[string]any) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = bytes.NewReader([]byte(body))
	}
	req, err := http.NewRequest(method, srv.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	tok, sec := srv.AppToken()
	signByHand(req, tok, sec, time.Now(), []byte(body))
	if edit != nil {
		edit(req.Header)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	raw, _ := io.ReadAll(resp.Body)
	_ = json.Unmarshal(raw, &out)
	if out != nil {
		if _, ok := out["correlationId"].(string); !ok && resp.StatusCode >= 400 {
			t.Errorf("error body without correlationId: %s", raw)
		}
		delete(out, "correlationId")
	}
	return resp.StatusCode, out
}

const newApplicant = "/resources/applicants/-/kyt/txns/-/data"

func TestDocumentedErrorBodies(t *testing.T) {
	t.Parallel()
	srv := monitoringtest.NewServer(t)
	const svc = "de.smtdp.commons.service.exceptions.ServiceException"
	finance := `{"txnId":"%s","type":"finance","applicant":{"externalUserId":"u","fullName":"A"},"info":{"direction":"out","amount":1,"currencyCode":"BTC"}}`
	tests := []struct {
		name string
		body string
		path string
		want map[string]any
	}{
		{"malformed JSON", `{"txnId":`, newApplicant,
			map[string]any{"code": 400.0, "description": "Malformed data provided in the request", "type": "com.fasterxml.jackson.databind.exc.InvalidFormatException"}},
		{"unsupported type", `{"txnId":"t1","type":"typo","applicant":{"externalUserId":"u","fullName":"A"}}`, newApplicant,
			map[string]any{"code": 400.0, "type": "io.dropwizard.jersey.validation.JerseyViolationException",
				"description": "type is not valid, must be one of: travelRule, finance, gamblingBet, gamblingLimitChange, gamblingBonusChange, kyc, auditTrailEvent, userPlatformEvent"}},
		{"unsupported event sub-type", `{"txnId":"t2","type":"userPlatformEvent","applicant":{"externalUserId":"u","fullName":"A"},"userPlatformEventInfo":{"type":"typo"}}`, newApplicant,
			map[string]any{"code": 400.0, "type": "io.dropwizard.jersey.validation.JerseyViolationException",
				"description": "userPlatformEventInfo.type typo is not valid, must be one of: login, signup, passwordReset, twoFaReset, general"}},
		{"new applicant without fullName", `{"txnId":"t3","type":"kyc","applicant":{"externalUserId":"u"}}`, newApplicant,
			map[string]any{"code": 400.0, "type": svc,
				"description": svc + ":When no applicant id provided, applicant.externalUserId and applicant.fullName must be set"}},
		{"unknown applicant id", `{"txnId":"t4","type":"kyc","applicant":{"externalUserId":"u"}}`, "/resources/applicants/65a0c0de00000000000000ff/kyt/txns/-/data",
			map[string]any{"code": 404.0, "description": "Applicant not found"}},
		{"first of a txnId", sprintf(finance, "dup"), newApplicant, nil},
		{"second of a txnId", sprintf(finance, "dup"), newApplicant,
			map[string]any{"code": 409.0, "description": "Entity already exists", "type": "net.researchgate.restdsl.exceptions.RestDslException"}},
	}
	for _, tt := range tests { // sequential: the duplicate cases depend on order
		code, got := send(t, srv, http.MethodPost, tt.path, tt.body, nil)
		if tt.want == nil {
			if code != 200 {
				t.Errorf("%s: status %d, body %v", tt.name, code, got)
			}
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" || code != int(tt.want["code"].(float64)) {
			t.Errorf("%s: status %d (-want +got):\n%s", tt.name, code, diff)
		}
	}
}

func sprintf(format, a string) string {
	return string(bytes.ReplaceAll([]byte(format), []byte("%s"), []byte(a)))
}

func TestAuthenticationCodes(t *testing.T) {
	t.Parallel()
	srv := monitoringtest.NewServer(t)
	old := strconv.FormatInt(time.Now().Add(-2*time.Minute).Unix(), 10)
	tests := []struct {
		name      string
		edit      func(h http.Header)
		errorCode float64
	}{
		{"no token", func(h http.Header) { h.Del("X-App-Token") }, 4000},
		{"unknown token", func(h http.Header) { h.Set("X-App-Token", "sbx:unknown") }, 4002},
		{"bad signature", func(h http.Header) { h.Set("X-App-Access-Sig", "00") }, 4003},
		{"stale timestamp", func(h http.Header) { h.Set("X-App-Access-Ts", old) }, 4004},
		{"timestamp in ms", func(h http.Header) { h.Set("X-App-Access-Ts", "1.5") }, 4005},
		{"no signature", func(h http.Header) { h.Del("X-App-Access-Sig") }, 4006},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			code, body := send(t, srv, http.MethodGet, "/resources/kyt/txns/-;data.txnId=x/one", "", tt.edit)
			if code != 401 || body["errorCode"] != tt.errorCode {
				t.Errorf("status %d body %v, want 401 errorCode %v", code, body, tt.errorCode)
			}
		})
	}
	t.Cleanup(func() { // after the parallel subtests
		if got := srv.Stats().AuthFailures; got != len(tests) {
			t.Errorf("AuthFailures = %d, want %d", got, len(tests))
		}
	})
}

func TestWebhooksOverHTTP(t *testing.T) {
	t.Parallel()
	for _, alg := range []monitoring.DigestAlgorithm{monitoring.HMACSHA1Hex, monitoring.HMACSHA256Hex, monitoring.HMACSHA512Hex} {
		t.Run(string(alg), func(t *testing.T) {
			t.Parallel()
			const secret = "hook-secret"
			var (
				mu     sync.Mutex
				events []monitoring.WebhookType
			)
			h, err := monitoring.WebhookHandler(secret, func(_ context.Context, ev *monitoring.WebhookEvent) error {
				mu.Lock()
				events = append(events, ev.Type)
				mu.Unlock()
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			recv := httptest.NewServer(h)
			defer recv.Close()
			srv := monitoringtest.NewServer(t,
				monitoringtest.WithWebhook(recv.URL, secret, alg),
				monitoringtest.WithRule(monitoringtest.HoldAbove("10")))
			c, err := srv.NewClient()
			if err != nil {
				t.Fatal(err)
			}
			txn, _ := monitoring.NewFiatPayment("hook-1", monitoring.In, "100", "EUR").
				Applicant(monitoring.NewPerson("u", "A")).Build()
			res, err := c.Submit(context.Background(), txn)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := c.Approve(context.Background(), res.ID); err != nil {
				t.Fatal(err)
			}
			want := []monitoring.WebhookType{monitoring.WebhookTxnCreated, monitoring.WebhookTxnOnHold, monitoring.WebhookTxnApproved}
			mu.Lock()
			defer mu.Unlock()
			if diff := cmp.Diff(want, events); diff != "" {
				t.Errorf("events (-want +got):\n%s", diff)
			}
			for _, d := range srv.Deliveries() {
				if d.StatusCode != 200 || d.Header.Get("X-Payload-Digest-Alg") != string(alg) || d.Event.KytDataTxnID != "hook-1" {
					t.Errorf("delivery %+v", d)
				}
			}
		})
	}
}

func TestRuleOutcomes(t *testing.T) {
	t.Parallel()
	srv := monitoringtest.NewServer(t,
		monitoringtest.WithRule(monitoringtest.ScoreAbove("0", 5)),
		monitoringtest.WithRule(monitoringtest.HoldCountry("PRK")),
		monitoringtest.WithRule(monitoringtest.HoldAbove("1000")),
		monitoringtest.WithRule(monitoringtest.RejectAbove("10000")),
		monitoringtest.WithRule(func(t *monitoring.Transaction) monitoringtest.Verdict {
			if t.Props["needsUser"].String() == "yes" {
				return monitoringtest.Verdict{Score: 1, Action: monitoring.ActionAwaitUser}
			}
			return monitoringtest.Verdict{}
		}),
	)
	c, _ := srv.NewClient()
	tests := []struct {
		amount, country, prop string
		status                monitoring.ReviewStatus
		answer                monitoring.ReviewAnswer
		score                 string
		rules                 int
	}{
		{"1", "FRA", "", monitoring.StatusCompleted, monitoring.Green, "5", 1},
		{"1", "PRK", "", monitoring.StatusOnHold, "", "55", 2},
		{"5000", "FRA", "", monitoring.StatusOnHold, "", "55", 2},
		{"5000", "FRA", "yes", monitoring.StatusAwaitingUser, "", "56", 3},
		{"50000", "PRK", "yes", monitoring.StatusCompleted, monitoring.Red, "206", 5},
	}
	for i, tt := range tests {
		b := monitoring.NewFiatPayment(monitoring.TxnID("rule-"+strconv.Itoa(i)), monitoring.Out, tt.amount, "EUR").
			Applicant(monitoring.NewPerson("u", "A").WithCountry(tt.country))
		if tt.prop != "" {
			b = b.Prop("needsUser", tt.prop)
		}
		txn, _ := b.Build()
		res, err := c.Submit(context.Background(), txn)
		if err != nil {
			t.Fatal(err)
		}
		got := []any{res.Status(), res.Answer(), res.Score.String(), len(res.ScoringResult.MatchedRules)}
		want := []any{tt.status, tt.answer, tt.score, tt.rules}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("case %d (-want +got):\n%s", i, diff)
		}
	}
}

func TestRateFaultsAreReproducible(t *testing.T) {
	t.Parallel()
	run := func() map[fakefault.Kind]int {
		srv := monitoringtest.NewServer(t, monitoringtest.WithSeed(42), monitoringtest.WithFaults(
			fakefault.Fault{Kind: fakefault.ServerError, Rate: 0.2},
			fakefault.Fault{Kind: fakefault.TooManyRequests, Rate: 0.1},
		))
		c, _ := srv.NewClient(monitoring.WithRetryBudget(1000))
		for i := 0; i < 50; i++ {
			txn, _ := monitoring.NewKYC(monitoring.TxnID("k-"+strconv.Itoa(i)), nil).Applicant(monitoring.NewPerson("u", "A")).Build()
			if _, err := c.Submit(context.Background(), txn); err != nil {
				t.Fatal(err)
			}
		}
		return srv.Stats().Faults
	}
	a, b := run(), run()
	if diff := cmp.Diff(a, b); diff != "" || a[fakefault.ServerError] == 0 {
		t.Errorf("fault counts differ between runs or are empty (-first +second):\n%s", diff)
	}
}

func TestTLS(t *testing.T) {
	t.Parallel()
	srv := monitoringtest.NewServer(t, monitoringtest.WithTLS())
	c, err := srv.NewClient()
	if err != nil {
		t.Fatal(err)
	}
	txn, _ := monitoring.NewSignup("tls-1").Applicant(monitoring.NewPerson("u", "A")).Build()
	if _, err := c.Submit(context.Background(), txn); err != nil {
		t.Fatal(err)
	}
	if got := len(srv.Transactions()); got != 1 {
		t.Errorf("stored %d", got)
	}
	if _, ok := srv.Transaction("tls-1"); !ok {
		t.Error("Transaction(tls-1) not found")
	}
}

func TestRequiredObjectsAndIDs(t *testing.T) {
	t.Parallel()
	srv := monitoringtest.NewServer(t)
	app := srv.AddApplicant("u")
	path := "/resources/applicants/" + string(app) + "/kyt/txns/-/data"
	const malformed = "Malformed data provided in the request"
	tests := []struct {
		body, path string
		code       int
		desc       string
	}{
		{`{"type":"finance","applicant":{"externalUserId":"u"},"info":{"direction":"in","amount":1,"currencyCode":"EUR"}}`, path, 200, ""},
		{`{"txnId":7,"type":"kyc","applicant":{}}`, path, 400, malformed},
		{`{"txnId":"f1","type":"finance"}`, path, 400, malformed},
		{`{"txnId":"f2","type":"finance","applicant":{}}`, path, 400, malformed},
		{`{"txnId":"f3","type":"finance","applicant":{},"info":{}}`, path, 400, malformed},
		{`{"txnId":"f4","type":"finance","applicant":{},"info":{"direction":"in"}}`, path, 400, malformed},
		{`{"txnId":"f5","type":"finance","applicant":{},"info":{"direction":"in","amount":1}}`, path, 400, malformed},
		{`{"txnId":"f6","type":"finance","applicant":{},"info":{"direction":"in","amount":"one","currencyCode":"EUR"}}`, path, 400, malformed},
		{`{"txnId":"f6b","type":"finance","applicant":{},"info":{"direction":"in","amount":" 1.5","currencyCode":"EUR"}}`, path, 200, ""},
		{`{"txnId":"f6c","type":"finance","applicant":{},"info":{"direction":"sideways","amount":1,"currencyCode":"EUR"}}`, path, 400, malformed},
		{`{"txnId":"f7","type":"travelRule","applicant":{},"info":{"direction":"in","amount":1,"currencyCode":"BTC"}}`, path, 400, malformed},
		{`{"txnId":"f8","type":"userPlatformEvent","applicant":{}}`, path, 400, malformed},
		{`{"txnId":"f9","type":"gamblingBet","applicant":{}}`, path, 400, malformed},
		{`{"txnId":"fa","type":"gamblingBet","applicant":{},"gamblingBetInfo":{}}`, path, 400, malformed},
		{`{"txnId":"fb","type":"gamblingBet","applicant":{},"gamblingBetInfo":{"amount":1}}`, path, 400, malformed},
		{`{"txnId":"fc","type":"gamblingBonusChange","applicant":{},"gamblingBonusChangeInfo":{}}`, path, 400, malformed},
		{`{"txnId":"fd","type":"kyc","applicant":{}}`, path, 200, ""},
		{`{"txnId":"fe","type":"scheduledEvent","applicant":{}}`, path, 200, ""},
		{`[{"txnId":"ff"}]`, path, 400, malformed},
		{"", "/resources/kyt/txns/not-an-id/one", 400, "Invalid id 'not-an-id'"},
		{"", "/resources/kyt/txns/65f0c0de00000000000000ff/one", 404, "Transaction not found"},
		{"", "/resources/unknown", 404, "Resource not found"},
	}
	for _, tt := range tests {
		method := http.MethodPost
		if tt.body == "" {
			method = http.MethodGet
		}
		code, body := send(t, srv, method, tt.path, tt.body, nil)
		if code != tt.code || (tt.desc != "" && body["description"] != tt.desc) {
			t.Errorf("%s %s: %d %v, want %d %q", method, tt.body, code, body, tt.code, tt.desc)
		}
	}
}

func TestClockAndSkewOptions(t *testing.T) {
	t.Parallel()
	past := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	// A server whose clock is in 2020 accepts a client whose clock is too.
	srv := monitoringtest.NewServer(t, monitoringtest.WithClock(func() time.Time { return past }))
	c, _ := srv.NewClient(monitoring.WithClock(func() time.Time { return past.Add(30 * time.Second) }))
	txn, _ := monitoring.NewSignup("s-1").Applicant(monitoring.NewPerson("u", "A")).Build()
	res, err := c.Submit(context.Background(), txn)
	if err != nil {
		t.Fatal(err)
	}
	if res.CreatedAt != "2020-01-01 00:00:00" || res.Data.TxnDate != "2020-01-01 00:00:00+0000" {
		t.Errorf("createdAt %q txnDate %q, want the server clock", res.CreatedAt, res.Data.TxnDate)
	}
	// With the skew check off, any timestamp passes.
	off := monitoringtest.NewServer(t, monitoringtest.WithMaxSkew(0))
	c2, _ := off.NewClient(monitoring.WithClock(func() time.Time { return past }))
	if _, err := c2.Submit(context.Background(), txn); err != nil {
		t.Errorf("skew check off: %v", err)
	}
	if off.HTTPClient() == nil {
		t.Error("HTTPClient is nil")
	}
}
