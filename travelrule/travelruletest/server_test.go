package travelruletest_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/vaspkit/vaspkit/fakefault"
	"github.com/vaspkit/vaspkit/travelrule"
	"github.com/vaspkit/vaspkit/travelrule/travelruletest"
)

const (
	userID     = "550e8400-e29b-41d4-a716-446655440000"
	businessID = "6ba7b810-9dad-11d1-80b4-00c04fd430c8"
	ethAddress = "0x52908400098527886E0F7030069857D2E4169EE7"
	// A valid testnet invoice (see ../testdata/invoices.json) and the
	// official BOLT11 mainnet vector V01.
	testnetInvoice = "lntb1500n1pnhfpvqpp57n76ynv8dywcmyyucpvm6s24rf6t2c2c69mgn2zjzrxqy9l8c3aqdp2w3exzan9d3e82mr9yp6x2um5dejhggrfdemx76trv5xq8pwlcrcqsp5wwwcgze002rkqu8haxygupux7xndvmmq2mlcyphpjzudmaxrhnaq9qrsgq4huddkz2w8cc932h23lflucq3jfc4l5q8srn8sk97rea0ag80zd9wgpt7w65zpdgxhrv0xacru68x9du4mqwgj3yj799adurz302huspkn2kth"
	testnetHash    = "f4fda24d87691d8d909cc059bd41551a74b56158d17689a85210cc0217e7c47a"
	mainnetInvoice = "lnbc1pvjluezsp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygspp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdpl2pkx2ctnv5sxxmmwwd5kgetjypeh2ursdae8g6twvus8g6rfwvs8qun0dfjkxaq9qrsgq357wnc5r2ueh7ck6q93dj32dlqnls087fxdwk8qakdyafkq3yap9us6v52vjjsrvywa6rt52cm9r9zqt8r2t7mlcwspyetp5h2tztugp9lfyql"
)

type answer struct {
	Status int
	Body   map[string]any
}

// send signs and sends a raw request, bypassing the client's validation.
// mutate may change the request after signing.
func send(t *testing.T, srv *travelruletest.Server, method, path, body string, mutate func(*http.Request)) answer {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, srv.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	signByHand(req, srv.APIKey, srv.APISecret, time.Now(), []byte(body))
	if mutate != nil {
		mutate(req)
	}
	resp, err := srv.HTTPClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var a answer
	a.Status = resp.StatusCode
	b, _ := io.ReadAll(resp.Body)
	_ = json.Unmarshal(b, &a.Body)
	return a
}

func detailFields(a answer) []string {
	var out []string
	ds, _ := a.Body["errorDetails"].([]any)
	for _, d := range ds {
		m, _ := d.(map[string]any)
		f, _ := m["field"].(string)
		out = append(out, f)
	}
	return out
}

const wsPath = travelrule.DefaultWidgetSessionPath

// TestServerEnforcesWidgetRules: the fake refuses, on its own side, every
// request that breaks a rule Striga documents, and stores nothing.
func TestServerEnforcesWidgetRules(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		body   string
		fields []string
	}{
		{"not JSON", `{`, nil},
		{"array", `[]`, nil},
		{"no owner", `{"currency":"ETH","network":"ETH","counterpartyAddress":"0x1"}`, []string{"userId"}},
		{"two owners", `{"userId":"` + userID + `","businessId":"` + businessID + `","currency":"ETH","network":"ETH","counterpartyAddress":"0x1"}`, []string{"businessId"}},
		{"owner not a UUID", `{"userId":"u1","currency":"ETH","network":"ETH","counterpartyAddress":"0x1"}`, []string{"userId"}},
		{"owner a number", `{"userId":5,"currency":"ETH","network":"ETH","counterpartyAddress":"0x1"}`, []string{"userId", "userId"}},
		{"no currency, no network", `{"userId":"` + userID + `","counterpartyAddress":"0x1"}`, []string{"currency", "network"}},
		{"unsupported currency", `{"userId":"` + userID + `","currency":"DOGE","network":"DOGE","counterpartyAddress":"D1"}`, []string{"currency"}},
		{"inconsistent pair", `{"userId":"` + userID + `","currency":"POL","network":"ETH","counterpartyAddress":"0x1"}`, []string{"network"}},
		{"no identifier", `{"userId":"` + userID + `","currency":"ETH","network":"ETH"}`, []string{"counterpartyAddress"}},
		{"two identifiers", `{"userId":"` + userID + `","currency":"BTC","network":"BTC","counterpartyAddress":"tb1q","paymentHash":"` + testnetHash + `"}`, []string{"counterpartyAddress"}},
		{"payment hash on ETH", `{"userId":"` + userID + `","currency":"ETH","network":"ETH","paymentHash":"` + testnetHash + `"}`, []string{"paymentHash"}},
		{"payment hash too short", `{"userId":"` + userID + `","currency":"BTC","network":"BTC","paymentHash":"abc"}`, []string{"paymentHash"}},
		{"invoice on SOL", `{"userId":"` + userID + `","currency":"SOL","network":"SOL","invoice":"` + testnetInvoice + `"}`, []string{"invoice"}},
		{"mainnet invoice in the sandbox", `{"userId":"` + userID + `","currency":"BTC","network":"BTC","invoice":"` + mainnetInvoice + `"}`, []string{"invoice"}},
		{"garbage invoice", `{"userId":"` + userID + `","currency":"BTC","network":"BTC","invoice":"lntb1xyz"}`, []string{"invoice"}},
		{"flag not a boolean", `{"userId":"` + userID + `","currency":"ETH","network":"ETH","counterpartyAddress":"0x1","forceVerifyOwnership":"true"}`, []string{"forceVerifyOwnership"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := travelruletest.NewServer(t)
			a := send(t, srv, http.MethodPost, wsPath, tc.body, nil)
			if a.Status != http.StatusBadRequest {
				t.Errorf("status %d, want 400 (%v)", a.Status, a.Body)
			}
			if diff := cmp.Diff(tc.fields, detailFields(a)); diff != "" {
				t.Errorf("errorDetails fields (-want +got):\n%s", diff)
			}
			if n := len(srv.Sessions()); n != 0 {
				t.Errorf("%d sessions stored", n)
			}
		})
	}
}

func TestServerAuthentication(t *testing.T) {
	t.Parallel()
	body := `{"userId":"` + userID + `","currency":"ETH","network":"ETH","counterpartyAddress":"0x1"}`
	tests := []struct {
		name   string
		opts   []travelruletest.Option
		mutate func(*http.Request)
		status int
		code   string
	}{
		{"valid", nil, nil, 200, ""},
		{"no api-key", nil, func(r *http.Request) { r.Header.Del("api-key") }, 401, "30000"},
		{"unknown api-key", nil, func(r *http.Request) { r.Header.Set("api-key", "nope") }, 401, "30000"},
		{"no Authorization", nil, func(r *http.Request) { r.Header.Del("Authorization") }, 401, "30012"},
		{"malformed Authorization", nil, func(r *http.Request) { r.Header.Set("Authorization", "Bearer x") }, 401, "30012"},
		{"signature of another body", nil, func(r *http.Request) {
			r.Body = io.NopCloser(strings.NewReader(strings.Replace(body, "0x1", "0x2", 1)))
			r.ContentLength = int64(len(body))
		}, 401, "30012"},
		{"signed with the v0 endpoint (/api/v1 included)", nil, func(r *http.Request) {
			signEndpoint(r, travelruletest.DefaultAPIKey, travelruletest.DefaultAPISecret, time.Now(), r.URL.RequestURI(), []byte(body))
		}, 401, "30012"},
		{"timestamp an hour old with a 5-minute window", []travelruletest.Option{travelruletest.WithClockSkew(5 * time.Minute)}, func(r *http.Request) {
			signByHand(r, travelruletest.DefaultAPIKey, travelruletest.DefaultAPISecret, time.Now().Add(-time.Hour), []byte(body))
		}, 401, "30012"},
		{"second application", []travelruletest.Option{travelruletest.WithApplication("k2", "s2")}, func(r *http.Request) {
			signByHand(r, "k2", "s2", time.Now(), []byte(body))
		}, 200, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := travelruletest.NewServer(t, tc.opts...)
			a := send(t, srv, http.MethodPost, wsPath, body, tc.mutate)
			code, _ := a.Body["errorCode"].(string)
			if a.Status != tc.status || code != tc.code {
				t.Errorf("status %d code %q, want %d %q", a.Status, code, tc.status, tc.code)
			}
		})
	}
}

func TestServerRoutes(t *testing.T) {
	t.Parallel()
	srv := travelruletest.NewServer(t)
	for _, r := range []struct{ method, path string }{
		{"GET", wsPath}, {"POST", "/travel-rule/other"}, {"DELETE", "/counterparty/x"}, {"PATCH", "/counterparty/a/b"},
	} {
		if a := send(t, srv, r.method, r.path, `{}`, nil); a.Status != http.StatusNotFound {
			t.Errorf("%s %s: %d, want 404", r.method, r.path, a.Status)
		}
	}
	// Outside /api/v1.
	resp, err := srv.HTTPClient().Post(strings.TrimSuffix(srv.URL, travelruletest.BasePath)+wsPath, "application/json", strings.NewReader(`{}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("outside the base path: %d", resp.StatusCode)
	}
	if n := len(srv.Requests()); n != 5 {
		t.Errorf("recorded %d requests, want 5", n)
	}
	srv.ResetRequests()
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("after reset: %d", n)
	}
}

func TestServerReuseKey(t *testing.T) {
	t.Parallel()
	srv := travelruletest.NewServer(t, travelruletest.WithSessionTTL(time.Minute))
	create := func(body string) (string, bool) {
		a := send(t, srv, http.MethodPost, wsPath, body, nil)
		if a.Status != 200 {
			t.Fatalf("status %d: %v", a.Status, a.Body)
		}
		return a.Body["id"].(string), a.Body["reused"].(bool)
	}
	byInvoice, _ := create(`{"userId":"` + userID + `","currency":"BTC","network":"BTC","invoice":"` + testnetInvoice + `"}`)
	byHash, reused := create(`{"businessId":null,"userId":"` + strings.ToUpper(userID) + `","currency":"BTC","network":"BTC","paymentHash":"` + strings.ToUpper(testnetHash) + `"}`)
	if byHash != byInvoice || !reused {
		t.Errorf("invoice and its payment hash did not share a session")
	}
	s, ok := srv.Session(byHash)
	if !ok || s.Reuses != 1 || s.PaymentHash != testnetHash || s.Invoice != testnetInvoice {
		t.Errorf("stored session = %+v", s)
	}
	srv.Advance(time.Minute)
	if s.Expired(srv.Now()) != true {
		t.Error("session not expired after its TTL")
	}
	fresh, reused := create(`{"userId":"` + userID + `","currency":"BTC","network":"BTC","paymentHash":"` + testnetHash + `"}`)
	if fresh == byHash || reused {
		t.Error("expired session reused")
	}
	if _, ok := srv.Session("nope"); ok {
		t.Error("Session(unknown) found something")
	}
}

func TestServerFaults(t *testing.T) {
	t.Parallel()
	body := `{"userId":"` + userID + `","currency":"ETH","network":"ETH","counterpartyAddress":"0x1"}`
	srv := travelruletest.NewServer(t, travelruletest.WithFaults(fakefault.Fault{Kind: fakefault.TooManyRequests}))
	a := send(t, srv, http.MethodPost, wsPath, body, nil)
	if a.Status != 429 {
		t.Errorf("first: %d, want 429", a.Status)
	}
	srv.InjectFault(fakefault.Fault{Kind: fakefault.ServerError, Status: 502})
	if a := send(t, srv, http.MethodPost, wsPath, body, nil); a.Status != 502 {
		t.Errorf("ServerError 502: %d", a.Status)
	}
	srv.InjectFault(fakefault.Fault{Kind: fakefault.ServerError})
	if a := send(t, srv, http.MethodPost, wsPath, body, nil); a.Status != 503 {
		t.Errorf("ServerError: %d, want the default 503", a.Status)
	}
	if n := len(srv.Sessions()); n != 0 {
		t.Errorf("faulted requests stored %d sessions", n)
	}

	// Retry-After is whole seconds, rounded up.
	srv.InjectFault(fakefault.Fault{Kind: fakefault.TooManyRequests, RetryAfter: 1500 * time.Millisecond})
	req, _ := http.NewRequest(http.MethodPost, srv.URL+wsPath, strings.NewReader(body))
	resp, err := srv.HTTPClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	retryAfter := resp.Header.Get("Retry-After")
	if resp.StatusCode != 429 || retryAfter != "2" {
		t.Errorf("429 Retry-After %q, want 2", retryAfter)
	}

	// A dropped connection after the session was stored.
	srv.InjectFault(fakefault.Fault{Kind: fakefault.Drop, Path: wsPath})
	req, _ = http.NewRequest(http.MethodPost, srv.URL+wsPath, strings.NewReader(body))
	signByHand(req, srv.APIKey, srv.APISecret, time.Now(), []byte(body))
	if resp, err := srv.HTTPClient().Do(req); err == nil {
		resp.Body.Close()
		t.Fatal("dropped request got an answer")
	}
	if n := len(srv.Sessions()); n != 1 {
		t.Errorf("dropped request stored %d sessions, want 1", n)
	}
	reqs := srv.Requests()
	if last := reqs[len(reqs)-1]; last.Status != 0 || last.Fault != fakefault.Drop {
		t.Errorf("last request = status %d fault %v", last.Status, last.Fault)
	}
	want := []fakefault.Kind{fakefault.TooManyRequests, fakefault.ServerError, fakefault.ServerError,
		fakefault.TooManyRequests, fakefault.Drop}
	var got []fakefault.Kind
	for _, r := range reqs {
		got = append(got, r.Fault)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("faults (-want +got):\n%s", diff)
	}

	// A fault its kind cannot answer with is refused.
	func() {
		defer func() {
			if recover() == nil {
				t.Error("InjectFault accepted a ServerError with status 200")
			}
		}()
		srv.InjectFault(fakefault.Fault{Kind: fakefault.ServerError, Status: 200})
	}()
}

func TestServerLatencyHonoursCancel(t *testing.T) {
	t.Parallel()
	for _, srv := range []*travelruletest.Server{
		travelruletest.NewServer(t, travelruletest.WithLatency(time.Hour)),
		travelruletest.NewServer(t, travelruletest.WithFaults(fakefault.Fault{Kind: fakefault.Latency, Delay: time.Hour})),
	} {
		req, _ := http.NewRequest(http.MethodPost, srv.URL+wsPath, strings.NewReader(`{}`))
		hc := srv.HTTPClient()
		hc.Timeout = 50 * time.Millisecond
		if resp, err := hc.Do(req); err == nil {
			resp.Body.Close()
			t.Fatal("answered despite an hour of latency")
		}
	}
}

func TestServerCounterpartyRules(t *testing.T) {
	t.Parallel()
	srv := travelruletest.NewServer(t)
	declare := `{"userId":"` + userID + `","currency":"ETH","network":"ETH","counterpartyAddress":"` + ethAddress + `","subType":"OWNED"}`
	if a := send(t, srv, http.MethodPost, travelrule.SelfHostedCounterpartyPath, strings.Replace(declare, "OWNED", "MINE", 1), nil); a.Status != 400 {
		t.Errorf("unknown subType: %d", a.Status)
	}
	a := send(t, srv, http.MethodPost, travelrule.SelfHostedCounterpartyPath, declare, nil)
	if a.Status != 201 {
		t.Fatalf("declare: %d %v", a.Status, a.Body)
	}
	cpID := a.Body["id"].(string)
	if a := send(t, srv, http.MethodPost, travelrule.SelfHostedCounterpartyPath, declare, nil); a.Status != 409 {
		t.Errorf("duplicate declare: %d, want 409", a.Status)
	}

	msg := func(tmpl travelrule.OwnershipTemplate, addr string, d time.Time) string {
		m, err := travelrule.OwnershipMessage(tmpl, addr, userID, d)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	verify := func(method, addr, m, sig string) answer {
		b, _ := json.Marshal(map[string]string{"userId": userID, "method": method, "signed_address": addr, "message": m, "signature": sig})
		return send(t, srv, http.MethodPost, travelrule.VerifyWalletPath, string(b), nil)
	}
	now := srv.Now()
	tests := []struct {
		name   string
		a      answer
		status int
	}{
		{"verify: both templates accepted (customer)", verify("WALLET_SIGNATURE", ethAddress, msg(travelrule.OwnershipCustomer, ethAddress, now), "s"), 200},
		{"verify: both templates accepted (verify-wallet)", verify("WALLET_SIGNATURE", ethAddress, msg(travelrule.OwnershipVerifyWallet, ethAddress, now), "s"), 200},
		{"verify: liveness", verify("SUMSUB_LIVENESS", ethAddress, msg(travelrule.OwnershipVerifyWallet, ethAddress, now), "s"), 422},
		{"verify: unknown method", verify("EIP712", ethAddress, msg(travelrule.OwnershipVerifyWallet, ethAddress, now), "s"), 400},
		{"verify: missing signature", verify("WALLET_SIGNATURE", ethAddress, msg(travelrule.OwnershipVerifyWallet, ethAddress, now), ""), 400},
		{"verify: message for another address", verify("WALLET_SIGNATURE", ethAddress, msg(travelrule.OwnershipVerifyWallet, "0xother", now), "s"), 400},
		{"verify: stale date", verify("WALLET_SIGNATURE", ethAddress, msg(travelrule.OwnershipVerifyWallet, ethAddress, now.AddDate(0, 0, -2)), "s"), 400},
	}
	for _, tc := range tests {
		if tc.a.Status != tc.status {
			t.Errorf("%s: %d, want %d (%v)", tc.name, tc.a.Status, tc.status, tc.a.Body)
		}
	}
	if n := len(srv.Verifications()); n != 2 {
		t.Errorf("%d verifications stored, want 2", n)
	}

	patch := func(fields map[string]string) answer {
		b, _ := json.Marshal(fields)
		return send(t, srv, http.MethodPatch, "/counterparty/"+cpID, string(b), nil)
	}
	base := func() map[string]string {
		return map[string]string{"userId": userID, "method": "WALLET_SIGNATURE", "outcome": "SIGNED", "signature": "s",
			"message": msg(travelrule.OwnershipCustomer, ethAddress, now), "signed_address": strings.ToLower(ethAddress)}
	}
	if a := patch(base()); a.Status != 400 {
		t.Errorf("patch without pending verification: %d", a.Status)
	}
	if _, err := srv.RequireVerification("nope"); !errors.Is(err, travelruletest.ErrUnknownCounterparty) {
		t.Errorf("RequireVerification(unknown): %v", err)
	}
	wv, err := srv.RequireVerification(cpID)
	if err != nil {
		t.Fatal(err)
	}
	with := func(k, v string) map[string]string { m := base(); m[k] = v; return m }
	patchTests := []struct {
		name   string
		fields map[string]string
		status int
	}{
		{"liveness", with("method", "SUMSUB_LIVENESS"), 422},
		{"other user", with("userId", businessID), 404},
		{"other verification", with("walletVerificationId", businessID), 404},
		{"address mismatch", with("signed_address", "0x0000000000000000000000000000000000000001"), 400},
		{"verify-wallet wording", with("message", msg(travelrule.OwnershipVerifyWallet, ethAddress, now)), 400},
		{"no outcome", with("outcome", ""), 400},
		{"valid", with("walletVerificationId", wv), 200},
		{"nothing pending any more", base(), 400},
	}
	for _, tc := range patchTests {
		if a := patch(tc.fields); a.Status != tc.status {
			t.Errorf("patch %s: %d, want %d (%v)", tc.name, a.Status, tc.status, a.Body)
		}
	}
	cps := srv.Counterparties()
	if len(cps) != 1 || cps[0].Status != travelruletest.StatusVerified || !cps[0].OwnershipVerified {
		t.Errorf("counterparty = %+v", cps)
	}
}

func TestNewServerWithoutTest(t *testing.T) {
	t.Parallel()
	srv := travelruletest.NewServer(nil)
	if !strings.HasSuffix(srv.URL, "/api/v1") || srv.APIKey != travelruletest.DefaultAPIKey {
		t.Errorf("URL %s key %s", srv.URL, srv.APIKey)
	}
	start := srv.Now()
	srv.Advance(time.Hour)
	if got := srv.Now().Sub(start); got != time.Hour {
		t.Errorf("Advance moved the clock by %v", got)
	}
	srv.Close()
	if _, err := http.Post(srv.URL+wsPath, "application/json", bytes.NewReader(nil)); err == nil {
		t.Error("server still answers after Close")
	}
}

// A client built from ClientOptions is a sandbox client at the fake's URL:
// the fake stands in for Striga's sandbox (testnet invoices), so the
// client's environment says so too, and a testnet invoice goes through.
func TestClientOptionsMakeASandboxClient(t *testing.T) {
	t.Parallel()
	type view struct {
		Env     travelrule.Environment
		Net     travelrule.InvoiceNetwork
		BaseURL string
	}
	tests := []struct {
		name  string
		opts  []travelruletest.Option
		extra []travelrule.Option // after ClientOptions
		want  func(srv *travelruletest.Server) view
	}{
		{"default", nil, nil, func(srv *travelruletest.Server) view {
			return view{travelrule.Sandbox, travelrule.InvoiceTestnet, srv.URL}
		}},
		{"fake on regtest invoices", []travelruletest.Option{travelruletest.WithInvoiceNetwork(travelrule.InvoiceRegtest)}, nil,
			func(srv *travelruletest.Server) view {
				return view{travelrule.Sandbox, travelrule.InvoiceRegtest, srv.URL}
			}},
		{"caller overrides the environment", nil, []travelrule.Option{travelrule.WithEnvironment(travelrule.Production)},
			func(srv *travelruletest.Server) view {
				return view{travelrule.Production, travelrule.InvoiceTestnet, srv.URL}
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := travelruletest.NewServer(t, tc.opts...)
			c, err := travelrule.New(append(srv.ClientOptions(), tc.extra...)...)
			if err != nil {
				t.Fatalf("New: %v", err)
			}
			got := view{c.Environment(), c.InvoiceNetwork(), c.BaseURL()}
			if diff := cmp.Diff(tc.want(srv), got); diff != "" {
				t.Errorf("client (-want +got):\n%s", diff)
			}
		})
	}

	srv := travelruletest.NewServer(t)
	c, err := travelrule.New(srv.ClientOptions()...)
	if err != nil {
		t.Fatal(err)
	}
	s, err := c.CreateWidgetSession(t.Context(), &travelrule.WidgetSessionRequest{
		UserID: userID, Currency: "BTC", Network: "BTC", Invoice: testnetInvoice,
	})
	if err != nil || s.ID == "" {
		t.Errorf("testnet invoice on the sandbox client: %v, %v", s, err)
	}
}
