package travelrule_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/vaspkit/vaspkit/travelrule"
	"github.com/vaspkit/vaspkit/travelrule/travelruletest"
)

// TestWidgetSessionWireBody compares the bytes sent with golden files:
// compact JSON in the documented field order, unset fields left out,
// forceVerifyOwnership only when true, no HTML escaping, the invoice and
// payment hash normalised.
func TestWidgetSessionWireBody(t *testing.T) {
	t.Parallel()
	fx := loadFixtures(t)
	tests := []struct {
		golden string
		opts   []travelrule.Option
		srvOpt []travelruletest.Option
		req    *travelrule.WidgetSessionRequest
	}{
		{"onchain_minimal", nil, nil, onChain()},
		{"onchain_full", nil, nil, &travelrule.WidgetSessionRequest{UserID: userID, Currency: "BTC", Network: "BTC",
			CounterpartyAddress: btcAddress, ForceVerifyOwnership: true, TxHash: txHash}},
		{"business_payment_hash", nil, nil, &travelrule.WidgetSessionRequest{BusinessID: businessID, Currency: "BTC", Network: "BTC",
			PaymentHash: strings.ToUpper(fx.TestnetPaymentHash)}},
		{"invoice_normalised", nil, nil, lightning(" Lightning:" + strings.ToUpper(fx.Testnet) + "\t")},
		{"no_html_escaping", nil, nil, &travelrule.WidgetSessionRequest{UserID: userID, Currency: "ETH", Network: "ETH",
			CounterpartyAddress: "0x<&>\"\\é"}},
		{"renamed_tx_hash", []travelrule.Option{travelrule.WithTxHashField("heldTxHash")},
			[]travelruletest.Option{travelruletest.WithTxHashField("heldTxHash")},
			&travelrule.WidgetSessionRequest{UserID: userID, Currency: "SOL", Network: "SOL", CounterpartyAddress: solAddress, TxHash: txHash}},
	}
	for _, tc := range tests {
		t.Run(tc.golden, func(t *testing.T) {
			t.Parallel()
			srv := travelruletest.NewServer(t, tc.srvOpt...)
			c := newClient(t, srv, tc.opts...)
			if _, err := c.CreateWidgetSession(context.Background(), tc.req); err != nil {
				t.Fatalf("CreateWidgetSession: %v", err)
			}
			reqs := srv.Requests()
			if len(reqs) != 1 {
				t.Fatalf("server saw %d requests, want 1", len(reqs))
			}
			got := reqs[0].Body
			if ct := reqs[0].Header.Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type = %q", ct)
			}
			path := filepath.Join("testdata", "wire", tc.golden+".json")
			if *update {
				if err := os.WriteFile(path, append(append([]byte(nil), got...), '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(bytes.TrimSuffix(want, []byte("\n"))), string(got)); diff != "" {
				t.Errorf("body (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCreateWidgetSessionOnChain(t *testing.T) {
	t.Parallel()
	start := time.Date(2026, 5, 14, 10, 0, 0, 0, time.UTC)
	srv := travelruletest.NewServer(t, travelruletest.WithStartTime(start))
	c := newClient(t, srv)
	s, err := c.CreateWidgetSession(context.Background(), onChain())
	if err != nil {
		t.Fatal(err)
	}
	stored := srv.Sessions()
	if len(stored) != 1 {
		t.Fatalf("stored %d sessions, want 1", len(stored))
	}
	want := struct {
		ID, URL, Token, Status string
		ExpiresAt              time.Time
		Force, ForceReported   bool
		Reused                 bool
		Evidence               travelrule.ReuseEvidence
		HTTPStatus             int
		Warnings               []travelrule.Warning
	}{stored[0].ID, stored[0].URL, stored[0].Token, "ACTIVE", start.Add(travelruletest.DefaultSessionTTL),
		false, true, false, travelrule.ReuseReported, 200, nil}
	got := want
	got.ID, got.URL, got.Token, got.Status, got.ExpiresAt = s.ID, s.URL, s.Token, s.Status, s.ExpiresAt
	got.Force, got.ForceReported, got.Reused, got.Evidence = s.ForceVerifyOwnership, s.ForceVerifyOwnershipReported, s.Reused, s.ReuseEvidence
	got.HTTPStatus, got.Warnings = s.Meta.HTTPStatus, s.Warnings
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("session (-want +got):\n%s", diff)
	}
	if s.Meta.RequestID == "" {
		t.Error("Meta.RequestID is empty; the fake sends X-Request-Id")
	}
	// Fields the SDK does not model are kept.
	for _, k := range []string{"createdAt", "currency", "network"} {
		if _, ok := s.Fields[k]; !ok {
			t.Errorf("Fields lacks %q", k)
		}
	}
	if !json.Valid(s.Raw) || !bytes.Contains(s.Raw, []byte(`"createdAt"`)) {
		t.Errorf("Raw = %s", s.Raw)
	}
}

func TestCreateWidgetSessionLightning(t *testing.T) {
	t.Parallel()
	fx := loadFixtures(t)
	srv := travelruletest.NewServer(t)
	c := newClient(t, srv, travelrule.WithInvoiceCheck(fixtureCheck(fx)))
	ctx := context.Background()

	// Without a plugged-in check the invoice is checked for its form and
	// sent; only Striga decodes it, so its hash is not known.
	light, err := newClient(t, srv).CreateWidgetSession(ctx, lightning(fx.Testnet))
	if err != nil {
		t.Fatal(err)
	}
	if light.PaymentHash != "" || light.InvoiceExpired {
		t.Errorf("no check plugged in: PaymentHash %q expired %v, want neither known", light.PaymentHash, light.InvoiceExpired)
	}

	s, err := c.CreateWidgetSession(ctx, lightning(fx.Testnet))
	if err != nil {
		t.Fatal(err)
	}
	if s.PaymentHash != fx.TestnetPaymentHash || s.InvoiceExpired || len(s.Warnings) != 0 {
		t.Errorf("invoice session: PaymentHash %s expired %v warnings %v", s.PaymentHash, s.InvoiceExpired, s.Warnings)
	}
	// The same payment by hash is the same counterparty identifier: reused.
	byHash, err := c.CreateWidgetSession(ctx, &travelrule.WidgetSessionRequest{UserID: userID, Currency: "BTC", Network: "BTC",
		PaymentHash: strings.ToUpper(fx.TestnetPaymentHash)})
	if err != nil {
		t.Fatal(err)
	}
	if byHash.ID != s.ID || !byHash.Reused || byHash.PaymentHash != fx.TestnetPaymentHash {
		t.Errorf("by hash: id %s reused %v hash %s; want the invoice's session reused", byHash.ID, byHash.Reused, byHash.PaymentHash)
	}

	// An expired invoice is accepted and reported.
	var logs bytes.Buffer
	cl := newClient(t, srv, travelrule.WithInvoiceCheck(fixtureCheck(fx)), travelrule.WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
	old, err := cl.CreateWidgetSession(ctx, lightning(fx.TestnetExpired))
	if err != nil {
		t.Fatalf("expired invoice: %v", err)
	}
	if !old.InvoiceExpired || old.PaymentHash != fx.TestnetExpiredPaymentHash {
		t.Errorf("expired invoice: InvoiceExpired %v PaymentHash %s", old.InvoiceExpired, old.PaymentHash)
	}
	if diff := cmp.Diff([]travelrule.WarningCode{travelrule.WarnInvoiceExpired}, warningCodes(old)); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
	if !strings.Contains(logs.String(), "invoice_expired") {
		t.Errorf("warning not logged: %q", logs.String())
	}
}

func warningCodes(s *travelrule.WidgetSession) []travelrule.WarningCode {
	var out []travelrule.WarningCode
	for _, w := range s.Warnings {
		out = append(out, w.Code)
	}
	return out
}

// TestSessionReuseAndForceVerifyOwnership walks Striga's create-or-reuse
// rule: same key ⇒ same session; the flag rises but never falls; expiry
// ends reuse; any other key part gives another session.
func TestSessionReuseAndForceVerifyOwnership(t *testing.T) {
	t.Parallel()
	srv := travelruletest.NewServer(t, travelruletest.WithSessionTTL(time.Hour))
	var logs bytes.Buffer
	c := newClient(t, srv, travelrule.WithLogger(slog.New(slog.NewJSONHandler(&logs, nil))))
	ctx := context.Background()
	create := func(mutate func(*travelrule.WidgetSessionRequest)) *travelrule.WidgetSession {
		t.Helper()
		r := onChain()
		if mutate != nil {
			mutate(r)
		}
		s, err := c.CreateWidgetSession(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	type view struct {
		Same, Reused, Force, Kept bool
		Evidence                  travelrule.ReuseEvidence
		Warnings                  []travelrule.WarningCode
	}
	see := func(first, s *travelrule.WidgetSession) view {
		return view{s.ID == first.ID, s.Reused, s.ForceVerifyOwnership, s.ForceVerifyOwnershipKept, s.ReuseEvidence, warningCodes(s)}
	}

	first := create(nil)
	steps := []struct {
		name   string
		mutate func(*travelrule.WidgetSessionRequest)
		want   view
	}{
		{"same request reuses", nil, view{true, true, false, false, travelrule.ReuseReported, nil}},
		{"true upgrades the session", func(r *travelrule.WidgetSessionRequest) { r.ForceVerifyOwnership = true },
			view{true, true, true, false, travelrule.ReuseReported, nil}},
		{"false keeps true and says so", nil,
			view{true, true, true, true, travelrule.ReuseReported, []travelrule.WarningCode{travelrule.WarnForceVerifyOwnershipKept}}},
		{"upper-case owner is the same owner", func(r *travelrule.WidgetSessionRequest) { r.UserID = strings.ToUpper(userID) },
			view{true, true, true, true, travelrule.ReuseReported, []travelrule.WarningCode{travelrule.WarnForceVerifyOwnershipKept}}},
		{"another address is another session", func(r *travelrule.WidgetSessionRequest) { r.CounterpartyAddress = ethAddress + "1" },
			view{false, false, false, false, travelrule.ReuseReported, nil}},
		{"another owner is another session", func(r *travelrule.WidgetSessionRequest) { r.UserID, r.BusinessID = "", businessID },
			view{false, false, false, false, travelrule.ReuseReported, nil}},
		{"another currency is another session", func(r *travelrule.WidgetSessionRequest) { r.Currency, r.Network = "POL", "POLYGON" },
			view{false, false, false, false, travelrule.ReuseReported, nil}},
		{"a held-deposit txHash scopes a new session", func(r *travelrule.WidgetSessionRequest) { r.TxHash = txHash },
			view{false, false, false, false, travelrule.ReuseReported, nil}},
	}
	for _, st := range steps {
		if diff := cmp.Diff(st.want, see(first, create(st.mutate))); diff != "" {
			t.Errorf("%s (-want +got):\n%s", st.name, diff)
		}
	}
	if !strings.Contains(logs.String(), `"code":"force_verify_ownership_kept"`) {
		t.Errorf("kept flag not logged: %s", logs.String())
	}

	// Just before expiry the session is reused; at expiry a new one starts
	// with the flag reset.
	srv.Advance(time.Hour - time.Second)
	if diff := cmp.Diff(view{true, true, true, true, travelrule.ReuseReported, []travelrule.WarningCode{travelrule.WarnForceVerifyOwnershipKept}}, see(first, create(nil))); diff != "" {
		t.Errorf("before expiry (-want +got):\n%s", diff)
	}
	srv.Advance(time.Second)
	renewed := create(nil)
	if diff := cmp.Diff(view{false, false, false, false, travelrule.ReuseReported, nil}, see(first, renewed)); diff != "" {
		t.Errorf("after expiry (-want +got):\n%s", diff)
	}
	if !renewed.ExpiresAt.Equal(srv.Now().Add(time.Hour)) {
		t.Errorf("renewed ExpiresAt = %v, want %v", renewed.ExpiresAt, srv.Now().Add(time.Hour))
	}
}

// Applications never share sessions.
func TestSessionsPerApplication(t *testing.T) {
	t.Parallel()
	srv := travelruletest.NewServer(t, travelruletest.WithApplication("second-key", "second-secret"))
	a := newClient(t, srv)
	b := newClient(t, srv, travelrule.WithCredentials("second-key", "second-secret"))
	sa, err := a.CreateWidgetSession(context.Background(), onChain())
	if err != nil {
		t.Fatal(err)
	}
	sb, err := b.CreateWidgetSession(context.Background(), onChain())
	if err != nil {
		t.Fatal(err)
	}
	if sa.ID == sb.ID || sb.Reused {
		t.Errorf("second application got session %s reused=%v; want its own", sb.ID, sb.Reused)
	}
}

// cannedServer answers every request with status and body, unsigned
// checks aside: it stands for a Striga whose response shape differs from
// the SDK's assumptions.
func cannedServer(t *testing.T, status int, body string) *travelrule.Client {
	t.Helper()
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		fmt.Fprint(w, body)
	}))
	t.Cleanup(hs.Close)
	c, err := travelrule.New(travelrule.WithBaseURL(hs.URL+"/api/v1"), travelrule.WithCredentials("k", "s"),
		travelrule.WithRetry(0, time.Millisecond, time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestWidgetSessionResponseShapes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		status   int
		body     string
		force    bool
		reused   bool
		evidence travelrule.ReuseEvidence
		warnings []travelrule.WarningCode
		id       string
	}{
		{"unknown field names are not an error", 201, `{"sessionId":"s1","widgetUrl":"https://w"}`, false, false, travelrule.ReuseUnknown, nil, ""},
		{"empty object", 200, `{}`, false, false, travelrule.ReuseUnknown, nil, ""},
		{"asked false, holds true, no reused field: inferred", 200, `{"id":"s2","forceVerifyOwnership":true}`, false, true, travelrule.ReuseInferred,
			[]travelrule.WarningCode{travelrule.WarnForceVerifyOwnershipKept}, "s2"},
		{"asked true, reports false", 200, `{"id":"s3","forceVerifyOwnership":false,"reused":true}`, true, true, travelrule.ReuseReported,
			[]travelrule.WarningCode{travelrule.WarnForceVerifyOwnershipNotApplied}, "s3"},
		{"reported reused wins over inference", 200, `{"id":"s4","forceVerifyOwnership":true,"reused":false}`, false, false, travelrule.ReuseReported,
			[]travelrule.WarningCode{travelrule.WarnForceVerifyOwnershipKept}, "s4"},
		{"numeric id, string booleans", 200, `{"id":42,"forceVerifyOwnership":"false","reused":"true"}`, false, true, travelrule.ReuseReported, nil, "42"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := cannedServer(t, tc.status, tc.body)
			r := onChain()
			r.ForceVerifyOwnership = tc.force
			s, err := c.CreateWidgetSession(context.Background(), r)
			if err != nil {
				t.Fatal(err)
			}
			type view struct {
				ID       string
				Reused   bool
				Evidence travelrule.ReuseEvidence
				Warnings []travelrule.WarningCode
				Raw      string
			}
			want := view{tc.id, tc.reused, tc.evidence, tc.warnings, tc.body}
			got := view{s.ID, s.Reused, s.ReuseEvidence, warningCodes(s), string(s.Raw)}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestWidgetSessionMalformedResponse(t *testing.T) {
	t.Parallel()
	for _, body := range []string{`[]`, `null`, `"x"`, `{"id":`, ``} {
		c := cannedServer(t, 200, body)
		_, err := c.CreateWidgetSession(context.Background(), onChain())
		if !errors.Is(err, travelrule.ErrMalformedResponse) {
			t.Errorf("body %q: err = %v, want ErrMalformedResponse", body, err)
		}
	}
}

func TestWidgetSessionPrintsNoSecrets(t *testing.T) {
	t.Parallel()
	srv := travelruletest.NewServer(t)
	c := newClient(t, srv)
	s, err := c.CreateWidgetSession(context.Background(), onChain())
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("session", "s", s, "v", *s)
	for _, out := range []string{fmt.Sprintf("%v %+v %#v %s %q", s, s, s, s, s), fmt.Sprint(*s), logs.String()} {
		for _, secret := range []string{s.Token, s.URL, ethAddress} {
			if strings.Contains(out, secret) {
				t.Errorf("printed session %q shows a URL, token or address", out)
			}
		}
		if !strings.Contains(out, s.ID) {
			t.Errorf("printed session %q lacks its id", out)
		}
	}
}

func TestWidgetSessionJSONRoundTrip(t *testing.T) {
	t.Parallel()
	in := `{"id":"s1","url":"https://w/x","token":"t","expiresAt":"2026-05-14T10:30:00Z","status":"ACTIVE","forceVerifyOwnership":true,"reused":false,"extra":{"a":[1,2]}}`
	var s travelrule.WidgetSession
	if err := json.Unmarshal([]byte(in), &s); err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(in, string(out)); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	// Without Raw, the known fields are written.
	s.Raw = nil
	out, _ = json.Marshal(s)
	var again travelrule.WidgetSession
	if err := json.Unmarshal(out, &again); err != nil {
		t.Fatal(err)
	}
	if again.ID != "s1" || again.URL != "https://w/x" || again.Token != "t" || !again.ExpiresAt.Equal(s.ExpiresAt) ||
		again.Status != "ACTIVE" || !again.ForceVerifyOwnership || again.ReuseEvidence != travelrule.ReuseReported {
		t.Errorf("re-decoded %+v from %s", again, out)
	}
}

func TestWidgetSessionExpiresAtForms(t *testing.T) {
	t.Parallel()
	want := time.Date(2026, 5, 14, 10, 30, 0, 0, time.UTC)
	for _, v := range []string{`"2026-05-14T10:30:00Z"`, `"2026-05-14T12:30:00+02:00"`, `1778754600`, `1778754600000`} {
		var s travelrule.WidgetSession
		if err := json.Unmarshal([]byte(`{"expiresAt":`+v+`}`), &s); err != nil {
			t.Fatal(err)
		}
		if !s.ExpiresAt.Equal(want) {
			t.Errorf("expiresAt %s decoded as %v, want %v", v, s.ExpiresAt, want)
		}
	}
	for _, v := range []string{`"tomorrow"`, `-5`, `true`, `{}`} {
		var s travelrule.WidgetSession
		if err := json.Unmarshal([]byte(`{"expiresAt":`+v+`}`), &s); err != nil || !s.ExpiresAt.IsZero() {
			t.Errorf("expiresAt %s: err %v, time %v; want no error and zero time", v, err, s.ExpiresAt)
		}
	}
}

func TestWidgetSessionPathOverride(t *testing.T) {
	t.Parallel()
	srv := travelruletest.NewServer(t, travelruletest.WithWidgetSessionPath("/v2/tr/sessions"))
	c := newClient(t, srv)
	if _, err := c.CreateWidgetSession(context.Background(), onChain()); err != nil {
		t.Fatal(err)
	}
	if got := srv.Requests()[0].Path; got != "/v2/tr/sessions" {
		t.Errorf("path = %q", got)
	}
	// A client on the default path reaches nothing there.
	def := newClient(t, srv, travelrule.WithWidgetSessionPath(travelrule.DefaultWidgetSessionPath))
	_, err := def.CreateWidgetSession(context.Background(), onChain())
	if !errors.Is(err, travelrule.ErrNotFound) {
		t.Errorf("default path on a moved endpoint: %v, want ErrNotFound", err)
	}
}

// Concurrent identical requests get one session.
func TestCreateWidgetSessionConcurrent(t *testing.T) {
	t.Parallel()
	srv := travelruletest.NewServer(t)
	c := newClient(t, srv)
	const n = 8
	ids := make(chan string, n)
	errs := make(chan error, n)
	for range n {
		go func() {
			s, err := c.CreateWidgetSession(context.Background(), onChain())
			if err != nil {
				errs <- err
				return
			}
			ids <- s.ID
		}()
	}
	seen := map[string]bool{}
	for range n {
		select {
		case err := <-errs:
			t.Fatal(err)
		case id := <-ids:
			seen[id] = true
		}
	}
	if len(seen) != 1 || len(srv.Sessions()) != 1 {
		t.Errorf("%d distinct ids, %d stored sessions; want 1 and 1", len(seen), len(srv.Sessions()))
	}
}
