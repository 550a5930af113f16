package travelruletest_test

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/vaspkit/vaspkit/travelrule"
	"github.com/vaspkit/vaspkit/travelrule/travelruletest"
)

// The tests of this file drive the fake with raw HTTP requests signed by
// hand, with Striga's documented algorithm written out below — not with
// the SDK's client or signer — through the requests Striga's documentation
// describes (../testdata/striga_documented.json), so that what the fake
// accepts is checked against the documentation alone.

// signEndpoint sets api-key and Authorization as [AUTH] describes:
// HMAC-SHA256, keyed with the API secret, of time (Unix ms) + METHOD +
// endpoint + md5hex(body), where a request without a body signs "{}".
func signEndpoint(r *http.Request, key, secret string, now time.Time, endpoint string, body []byte) {
	if len(body) == 0 {
		body = []byte("{}")
	}
	sum := md5.Sum(body)
	ms := strconv.FormatInt(now.UnixMilli(), 10)
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(ms + r.Method + endpoint + hex.EncodeToString(sum[:])))
	r.Header.Set("api-key", key)
	r.Header.Set("Authorization", "HMAC "+ms+":"+hex.EncodeToString(mac.Sum(nil)))
}

// signByHand signs with the endpoint of v1 onwards: the path after /api/v1.
func signByHand(r *http.Request, key, secret string, now time.Time, body []byte) {
	signEndpoint(r, key, secret, now, strings.TrimPrefix(r.URL.RequestURI(), travelruletest.BasePath), body)
}

// The hand signer reproduces the worked example of spec/striga.md §2 and
// the MD5 of "{}" that [AUTH] prints.
func TestHandSignerMatchesTheDocumentedExample(t *testing.T) {
	t.Parallel()
	r := httptest.NewRequest(http.MethodPost, "https://www.sandbox.striga.com/api/v1/user/create", nil)
	signByHand(r, "k", "test-api-secret", time.UnixMilli(1700000000000), []byte(`{"firstName":"Ada","lastName":"Lovelace"}`))
	if got, want := r.Header.Get("Authorization"), "HMAC 1700000000000:4250db2617af84e49945d6d1643e0200d4d5838d42c56eaa8c047cfec404a6e5"; got != want {
		t.Errorf("Authorization = %s, want %s", got, want)
	}
	if sum := md5.Sum([]byte("{}")); hex.EncodeToString(sum[:]) != "99914b932bd37a50b983c5e7c90ae93b" {
		t.Errorf("md5({}) = %x", sum)
	}
}

type documented struct {
	Name        string          `json:"name"`
	Source      string          `json:"source"`
	Body        json.RawMessage `json:"body"`
	Valid       bool            `json:"valid"`
	FakeFields  []string        `json:"fakeFields"`
	SDK         string          `json:"sdk"`
	SDKProblems [][2]string     `json:"sdkProblems"`
}

func loadDocumented(t *testing.T) (widget, selfHosted []documented) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "striga_documented.json"))
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		WidgetSession []documented `json:"widgetSession"`
		SelfHosted    []documented `json:"selfHosted"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	return f.WidgetSession, f.SelfHosted
}

type rawAnswer struct {
	Status  int
	Code    string
	Message string
	Details []struct{ Field, Message string }
}

// rawPost sends body as is, signed by hand.
func rawPost(t *testing.T, srv *travelruletest.Server, method, path string, body []byte) rawAnswer {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	signByHand(req, srv.APIKey, srv.APISecret, time.Now(), body)
	return do(t, srv, req)
}

func do(t *testing.T, srv *travelruletest.Server, req *http.Request) rawAnswer {
	t.Helper()
	resp, err := srv.HTTPClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	a := rawAnswer{Status: resp.StatusCode}
	var e struct {
		ErrorCode    string `json:"errorCode"`
		Message      string `json:"message"`
		ErrorDetails []struct {
			Field   string `json:"field"`
			Message string `json:"message"`
		} `json:"errorDetails"`
	}
	if json.Unmarshal(b, &e) == nil {
		a.Code, a.Message = e.ErrorCode, e.Message
		for _, d := range e.ErrorDetails {
			a.Details = append(a.Details, struct{ Field, Message string }{d.Field, d.Message})
		}
	}
	return a
}

func (a rawAnswer) fields() []string {
	var out []string
	for _, d := range a.Details {
		out = append(out, d.Field)
	}
	return out
}

// Every documented request: the valid ones are accepted (200 for a
// session, 201 for a declaration), the invalid ones refused with 400,
// naming the fields Striga's rules name, and nothing is stored.
func TestFakeAcceptsExactlyTheDocumentedRequests(t *testing.T) {
	t.Parallel()
	widget, selfHosted := loadDocumented(t)
	for _, group := range []struct {
		path    string
		okCode  int
		entries []documented
	}{
		{travelrule.DefaultWidgetSessionPath, http.StatusOK, widget},
		{travelrule.SelfHostedCounterpartyPath, http.StatusCreated, selfHosted},
	} {
		for _, d := range group.entries {
			t.Run(group.path+"/"+d.Name, func(t *testing.T) {
				t.Parallel()
				srv := travelruletest.NewServer(t)
				a := rawPost(t, srv, http.MethodPost, group.path, d.Body)
				if d.Valid {
					if a.Status != group.okCode {
						t.Fatalf("%s: status %d (%s %v), want %d", d.Source, a.Status, a.Message, a.Details, group.okCode)
					}
					return
				}
				if a.Status != http.StatusBadRequest || a.Code != travelrule.CodeDefault {
					t.Errorf("%s: status %d code %q, want 400 %s", d.Source, a.Status, a.Code, travelrule.CodeDefault)
				}
				if diff := cmp.Diff(d.FakeFields, a.fields()); diff != "" {
					t.Errorf("%s: errorDetails fields (-want +got):\n%s", d.Source, diff)
				}
				if n := len(srv.Sessions()) + len(srv.Counterparties()); n != 0 {
					t.Errorf("%d objects stored", n)
				}
			})
		}
	}
}

// Where Striga states a rule in words, the fake answers with those words.
func TestFakeUsesStrigasWording(t *testing.T) {
	t.Parallel()
	const u = "550e8400-e29b-41d4-a716-446655440000"
	srv := travelruletest.NewServer(t)
	tests := []struct {
		name string
		body string
		want []string
	}{
		{"owner", `{"currency":"ETH","network":"ETH","counterpartyAddress":"0x1"}`, []string{"Provide exactly one of userId or businessId."}},
		{"identifier", `{"userId":"` + u + `","currency":"ETH","network":"ETH"}`, []string{"Provide exactly one of counterpartyAddress, paymentHash, or invoice."}},
		{"currency", `{"userId":"` + u + `","currency":"DOGE","network":"DOGE","counterpartyAddress":"D1"}`, []string{"Must be a supported LedgerCryptoNetworks key."}},
		{"network", `{"userId":"` + u + `","currency":"SOL","network":"POLYGON","counterpartyAddress":"S1"}`, []string{"Must equal the network implied by currency."}},
		{"lightning pair", `{"userId":"` + u + `","currency":"ETH","network":"ETH","paymentHash":"` + strings.Repeat("ab", 32) + `"}`,
			[]string{"Lightning identifiers are valid on BTC / BTC only"}},
		{"payment hash", `{"userId":"` + u + `","currency":"BTC","network":"BTC","paymentHash":"ab"}`,
			[]string{"Lightning payment hash (64-character hex, BTC / BTC only)."}},
	}
	for _, tc := range tests {
		a := rawPost(t, srv, http.MethodPost, travelrule.DefaultWidgetSessionPath, []byte(tc.body))
		var got []string
		for _, d := range a.Details {
			got = append(got, d.Message)
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
	}
}

// [AUTH] and [ERR]: a request without a known api-key is 30000 "Invalid
// API Key"; one whose HMAC does not hold, or that signs the v0 endpoint
// (with /api/v1), is 30012 "Invalid Authentication Header". A GET is
// signed over "{}".
func TestFakeAuthenticatesAsDocumented(t *testing.T) {
	t.Parallel()
	srv := travelruletest.NewServer(t)
	body := []byte(`{"userId":"550e8400-e29b-41d4-a716-446655440000","currency":"ETH","network":"ETH","counterpartyAddress":"0x1"}`)
	path := travelrule.DefaultWidgetSessionPath
	req := func(sign func(r *http.Request)) *http.Request {
		r, _ := http.NewRequest(http.MethodPost, srv.URL+path, bytes.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		sign(r)
		return r
	}
	now := time.Now()
	tests := []struct {
		name   string
		r      *http.Request
		status int
		code   string
		msg    string
	}{
		{"documented signature", req(func(r *http.Request) { signByHand(r, srv.APIKey, srv.APISecret, now, body) }), 200, "", ""},
		{"no api-key", req(func(r *http.Request) {
			signByHand(r, srv.APIKey, srv.APISecret, now, body)
			r.Header.Del("api-key")
		}), 401, "30000", "Invalid API Key"},
		{"another api-key", req(func(r *http.Request) { signByHand(r, "other-key", srv.APISecret, now, body) }), 401, "30000", "Invalid API Key"},
		{"signed with another secret", req(func(r *http.Request) { signByHand(r, srv.APIKey, "other-secret", now, body) }), 401, "30012", "Invalid Authentication Header"},
		{"v0 endpoint, /api/v1 included", req(func(r *http.Request) {
			signEndpoint(r, srv.APIKey, srv.APISecret, now, r.URL.Path, body)
		}), 401, "30012", "Invalid Authentication Header"},
		{"seconds instead of milliseconds", req(func(r *http.Request) {
			signByHand(r, srv.APIKey, srv.APISecret, now, body)
			ms := strconv.FormatInt(now.UnixMilli(), 10)
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), ms, ms[:len(ms)-3], 1))
		}), 401, "30012", "Invalid Authentication Header"},
		{"SHA256 of the body instead of MD5", req(func(r *http.Request) {
			sum := sha256.Sum256(body)
			ms := strconv.FormatInt(now.UnixMilli(), 10)
			mac := hmac.New(sha256.New, []byte(srv.APISecret))
			mac.Write([]byte(ms + "POST" + path + hex.EncodeToString(sum[:])))
			r.Header.Set("api-key", srv.APIKey)
			r.Header.Set("Authorization", "HMAC "+ms+":"+hex.EncodeToString(mac.Sum(nil)))
		}), 401, "30012", "Invalid Authentication Header"},
		{"no Authorization", req(func(r *http.Request) { r.Header.Set("api-key", srv.APIKey) }), 401, "30012", "Invalid Authentication Header"},
	}
	for _, tc := range tests {
		a := do(t, srv, tc.r)
		if a.Status != tc.status || a.Code != tc.code || (tc.msg != "" && a.Message != tc.msg) {
			t.Errorf("%s: %d %q %q, want %d %q %q", tc.name, a.Status, a.Code, a.Message, tc.status, tc.code, tc.msg)
		}
	}

	// A GET signs "{}" and sends no body; the fake has no GET route, so a
	// correctly signed GET reaches routing (404), a wrongly signed one not.
	get, _ := http.NewRequest(http.MethodGet, srv.URL+path, nil)
	signByHand(get, srv.APIKey, srv.APISecret, now, nil)
	if a := do(t, srv, get); a.Status != http.StatusNotFound {
		t.Errorf("GET signed over {}: %d, want 404 (authenticated, no such route)", a.Status)
	}
	get, _ = http.NewRequest(http.MethodGet, srv.URL+path, nil)
	signEndpoint(get, srv.APIKey, srv.APISecret, now, path, []byte("x"))
	if a := do(t, srv, get); a.Status != http.StatusUnauthorized {
		t.Errorf("GET signed over another body: %d, want 401", a.Status)
	}
}

// The ownership proof routes ([SELF], [VERIFY], [PATCH], §5): the docs'
// literal example sentence is accepted on its date and the days around
// it, refused two days later; verify-wallet takes the sentence with and
// without "customer"; PATCH refuses SUMSUB_LIVENESS with 422 and a
// signed_address other than the declared one (EVM addresses compared
// case-insensitively).
func TestFakeOwnershipProofsAsDocumented(t *testing.T) {
	t.Parallel()
	const (
		addr    = "bc1q0xcqpzrky6eff2g52qdye53xkk9jxkvrh6yhyw"
		user    = "550e8400-e29b-41d4-a716-446655440000"
		example = "I am verifying ownership of the wallet address bc1q0xcqpzrky6eff2g52qdye53xkk9jxkvrh6yhyw as customer 550e8400-e29b-41d4-a716-446655440000. This message was signed on 14/05/2026 to confirm my control over this wallet."
	)
	noCustomer := strings.Replace(example, " as customer ", " as ", 1)
	verify := func(srv *travelruletest.Server, method, msg string) rawAnswer {
		b, _ := json.Marshal(map[string]string{"userId": user, "method": method, "signed_address": addr, "message": msg, "signature": "H1b2c3"})
		return rawPost(t, srv, http.MethodPost, travelrule.VerifyWalletPath, b)
	}
	day := func(d int) time.Time { return time.Date(2026, 5, d, 12, 0, 0, 0, time.UTC) }
	tests := []struct {
		name   string
		clock  time.Time
		method string
		msg    string
		status int
	}{
		{"docs' example on its date", day(14), "WALLET_SIGNATURE", example, 200},
		{"the day before it is dated (tomorrow's date)", day(13), "WALLET_SIGNATURE", example, 200},
		{"the day after (yesterday's date)", day(15), "WALLET_SIGNATURE", example, 200},
		{"two days after", day(16), "WALLET_SIGNATURE", example, 400},
		{"verify-wallet wording, without customer", day(14), "WALLET_SIGNATURE", noCustomer, 200},
		{"one character off", day(14), "WALLET_SIGNATURE", strings.Replace(example, "wallet.", "wallet!", 1), 400},
		{"Sumsub liveness belongs to another route", day(14), "SUMSUB_LIVENESS", example, 422},
	}
	for _, tc := range tests {
		srv := travelruletest.NewServer(t, travelruletest.WithStartTime(tc.clock))
		if a := verify(srv, tc.method, tc.msg); a.Status != tc.status {
			t.Errorf("%s: %d %s %v, want %d", tc.name, a.Status, a.Message, a.Details, tc.status)
		}
	}

	// PATCH on a declared EVM counterparty with a pending verification.
	srv := travelruletest.NewServer(t, travelruletest.WithStartTime(day(14)))
	const evm = "0x52908400098527886E0F7030069857D2E4169EE7"
	decl, _ := json.Marshal(map[string]string{"userId": user, "currency": "ETH", "network": "ETH", "counterpartyAddress": evm, "subType": "OWNED"})
	req, _ := http.NewRequest(http.MethodPost, srv.URL+travelrule.SelfHostedCounterpartyPath, bytes.NewReader(decl))
	signByHand(req, srv.APIKey, srv.APISecret, time.Now(), decl)
	resp, err := srv.HTTPClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var cp struct {
		ID string `json:"id"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&cp)
	resp.Body.Close()
	if _, err := srv.RequireVerification(cp.ID); err != nil {
		t.Fatal(err)
	}
	evmMsg := strings.NewReplacer(addr, evm).Replace(example)
	patch := func(method, signed string) int {
		b, _ := json.Marshal(map[string]string{"userId": user, "method": method, "outcome": "SIGNED", "signature": "0xsig", "message": evmMsg, "signed_address": signed})
		return rawPost(t, srv, http.MethodPatch, "/counterparty/"+cp.ID, b).Status
	}
	if got := patch("SUMSUB_LIVENESS", evm); got != http.StatusUnprocessableEntity {
		t.Errorf("PATCH SUMSUB_LIVENESS: %d, want 422", got)
	}
	if got := patch("WALLET_SIGNATURE", "0x0000000000000000000000000000000000000001"); got != http.StatusBadRequest {
		t.Errorf("PATCH with another signed_address: %d, want 400", got)
	}
	if got := patch("WALLET_SIGNATURE", strings.ToLower(evm)); got != http.StatusOK {
		t.Errorf("PATCH with the declared address in lower case: %d, want 200", got)
	}
}

// [WH]: every webhook carries "signature", the hex HMAC-SHA256 of the raw
// body keyed with the API key; checked here by hand.
func TestFakeWebhookSignatureAsDocumented(t *testing.T) {
	t.Parallel()
	var got []byte
	var sig string
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got, _ = io.ReadAll(r.Body)
		sig = r.Header.Get("signature")
	})
	srv := travelruletest.NewServer(t, travelruletest.WithWebhookHandler(h))
	if _, err := srv.SendWebhook(context.Background(), []byte(`{"type":"ON_CHAIN_DEPOSIT_PENDING","id":"w1"}`)); err != nil {
		t.Fatal(err)
	}
	mac := hmac.New(sha256.New, []byte(srv.APIKey))
	mac.Write(got)
	if want := hex.EncodeToString(mac.Sum(nil)); sig != want {
		t.Errorf("signature %s, want %s", sig, want)
	}
}
