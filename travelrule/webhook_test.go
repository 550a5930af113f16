package travelrule_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vaspkit/vaspkit/travelrule"
	"github.com/vaspkit/vaspkit/travelrule/travelruletest"
)

const webhookKey = "test-api-key"

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func hmacHex(key, body []byte) string {
	m := hmac.New(sha256.New, key)
	m.Write(body)
	return hex.EncodeToString(m.Sum(nil))
}

func TestVerifyWebhook(t *testing.T) {
	t.Parallel()
	body := readTestdata(t, "webhook_deposit_pending.json")
	good := hmacHex([]byte(webhookKey), body)
	hdr := func(v string) http.Header {
		h := http.Header{}
		if v != "" {
			h.Set("signature", v)
		}
		return h
	}
	tests := []struct {
		name   string
		body   []byte
		header http.Header
		key    string
		want   error
	}{
		{"valid", body, hdr(good), webhookKey, nil},
		{"upper-case hex", body, hdr(strings.ToUpper(good)), webhookKey, nil},
		{"header name in any case", body, http.Header{"Signature": {good}}, webhookKey, nil},
		{"missing header", body, hdr(""), webhookKey, travelrule.ErrMissingSignature},
		{"keyed with the secret instead of the key", body, hdr(hmacHex([]byte("test-api-secret"), body)), webhookKey, travelrule.ErrInvalidSignature},
		{"body changed", append([]byte(" "), body...), hdr(good), webhookKey, travelrule.ErrInvalidSignature},
		{"re-serialised body", mustReserialise(t, body), hdr(good), webhookKey, travelrule.ErrInvalidSignature},
		{"truncated signature", body, hdr(good[:63]), webhookKey, travelrule.ErrInvalidSignature},
		{"not hex", body, hdr(strings.Repeat("z", 64)), webhookKey, travelrule.ErrInvalidSignature},
		{"sha256 of body, no key", body, hdr(sha256Hex(body)), webhookKey, travelrule.ErrInvalidSignature},
		{"empty key", body, hdr(good), "", travelrule.ErrMissingCredentials},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := travelrule.VerifyWebhook(tc.body, tc.header, tc.key)
			if !errors.Is(err, tc.want) || (tc.want == nil && err != nil) {
				t.Errorf("err = %v, want %v", err, tc.want)
			}
			if err != nil && (strings.Contains(err.Error(), good) || strings.Contains(err.Error(), webhookKey)) {
				t.Errorf("error %q shows the key or signature", err)
			}
		})
	}
	if got := travelrule.SignWebhook(body, webhookKey); got != good {
		t.Errorf("SignWebhook = %s, want %s", got, good)
	}
}

func sha256Hex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func mustReserialise(t *testing.T, body []byte) []byte {
	var v map[string]any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatal(err)
	}
	out, _ := json.Marshal(v)
	return out
}

func TestParseDepositWebhook(t *testing.T) {
	t.Parallel()
	e, err := travelrule.ParseWebhook(readTestdata(t, "webhook_deposit_confirmed.json"))
	if err != nil {
		t.Fatal(err)
	}
	if e.Type != travelrule.EventOnChainDepositConfirmed || e.ID != "9f2c4d1e-5b6a-4c3d-8e7f-1a2b3c4d5e6f" || !e.IsDeposit() {
		t.Errorf("event = %s %s", e.Type, e.ID)
	}
	d, err := e.Deposit()
	if err != nil {
		t.Fatal(err)
	}
	want := &travelrule.DepositEvent{
		Type:                        travelrule.EventOnChainDepositConfirmed,
		ID:                          "9f2c4d1e-5b6a-4c3d-8e7f-1a2b3c4d5e6f",
		AccountID:                   "4e4b2f3a-8a1c-4b2a-9c3d-2e1f0a9b8c7d",
		SyncedOwnerID:               "550e8400-e29b-41d4-a716-446655440000",
		SourceSyncedOwnerID:         "",
		Timestamp:                   "2026-05-14T10:15:30.123Z",
		TxType:                      "ON_CHAIN_DEPOSIT",
		Memo:                        "",
		Currency:                    "USDC_POLYGON",
		ExchangeRate:                "0.92",
		BalanceBefore:               &travelrule.Balance{Amount: "0", Balance: "0", Currency: "USDC_POLYGON"},
		BalanceAfter:                &travelrule.Balance{Amount: "1500000", Balance: "1500000", Currency: "USDC_POLYGON"},
		BlockchainSourceAddress:     "0x52908400098527886e0f7030069857d2e4169ee7",
		TxHash:                      "0x4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b",
		BlockchainDepositAddress:    "0x1c7d4b196cb0c7b01d743fbc6116a902379c7238",
		BlockchainConfirmations:     "12",
		BlockchainTransactionAmount: "1500000",
		BlockchainNetwork:           travelrule.BlockchainNetwork{Name: "Polygon Testnet Amoy"},
		Credit:                      json.RawMessage(`{"amount":"1500000","currency":"USDC_POLYGON"}`),
	}
	if diff := cmp.Diff(want, d); diff != "" {
		t.Errorf("deposit (-want +got):\n%s", diff)
	}
	if _, err := e.AccountEnriched(); !errors.Is(err, travelrule.ErrMalformedWebhook) {
		t.Errorf("AccountEnriched on a deposit: %v", err)
	}
}

func TestParseAccountEnrichedWebhook(t *testing.T) {
	t.Parallel()
	e, err := travelrule.ParseWebhook(readTestdata(t, "webhook_account_enriched.json"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := e.AccountEnriched()
	if err != nil {
		t.Fatal(err)
	}
	want := travelrule.BlockchainNetwork{Name: "Binance Coin Test (BSC)", Type: "BEP20", ContractAddress: "0x0000000000000000000000000000000000001004"}
	if diff := cmp.Diff(want, a.BlockchainNetwork); diff != "" {
		t.Errorf("network (-want +got):\n%s", diff)
	}
	if _, ok := e.Fields["accountId"]; !ok {
		t.Error("Fields lacks accountId")
	}
	if _, err := e.Deposit(); !errors.Is(err, travelrule.ErrMalformedWebhook) {
		t.Errorf("Deposit on ACCOUNT_ENRICHED: %v", err)
	}
}

func TestParseWebhookEdges(t *testing.T) {
	t.Parallel()
	for _, body := range []string{``, `[]`, `null`, `"x"`, `{`} {
		if _, err := travelrule.ParseWebhook([]byte(body)); !errors.Is(err, travelrule.ErrMalformedWebhook) {
			t.Errorf("ParseWebhook(%q) = %v", body, err)
		}
	}
	e, err := travelrule.ParseWebhook([]byte(`{"type":"SOMETHING_NEW","id":7}`))
	if err != nil || e.Type != "SOMETHING_NEW" || e.ID != "7" {
		t.Errorf("unknown type: %+v, %v", e, err)
	}
	bad := []string{
		`{"type":"ON_CHAIN_DEPOSIT_PENDING","blockchainTransactionAmount":"1,5"}`,
		`{"type":"ON_CHAIN_DEPOSIT_PENDING","blockchainTransactionAmount":true}`,
		`{"type":"ON_CHAIN_DEPOSIT_PENDING","balanceAfter":[]}`,
	}
	for _, b := range bad {
		e, err := travelrule.ParseWebhook([]byte(b))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.Deposit(); !errors.Is(err, travelrule.ErrMalformedWebhook) {
			t.Errorf("Deposit(%s) = %v, want ErrMalformedWebhook", b, err)
		}
	}
	// Amounts as JSON numbers keep their digits.
	e, _ = travelrule.ParseWebhook([]byte(`{"type":"ON_CHAIN_DEPOSIT_PENDING","exchangeRate":0.920000000000000000001,"blockchainConfirmations":3}`))
	d, err := e.Deposit()
	if err != nil || d.ExchangeRate != "0.920000000000000000001" || d.BlockchainConfirmations != "3" {
		t.Errorf("numeric amounts: %+v %v", d, err)
	}
}

func TestBlockchainNetworkJSON(t *testing.T) {
	t.Parallel()
	for _, in := range []string{`"Polygon Testnet Amoy"`, `{"name":"Binance Coin Test (BSC)","type":"BEP20","contractAddress":"0x1"}`} {
		var n travelrule.BlockchainNetwork
		if err := json.Unmarshal([]byte(in), &n); err != nil {
			t.Fatal(err)
		}
		out, err := json.Marshal(n)
		if err != nil {
			t.Fatal(err)
		}
		if string(out) != in {
			t.Errorf("round trip %s -> %s", in, out)
		}
	}
}

func TestWebhookHandler(t *testing.T) {
	t.Parallel()
	body := readTestdata(t, "webhook_deposit_pending.json")
	var seen atomic.Int32
	fail := false
	h := mustWebhookHandler(t, webhookKey, func(ctx context.Context, e *travelrule.WebhookEvent) error {
		seen.Add(1)
		if fail {
			return errors.New("database down")
		}
		if e.Type != travelrule.EventOnChainDepositPending {
			t.Errorf("type = %s", e.Type)
		}
		return nil
	})
	// NewWebhookRequest builds what Striga sends.
	req, err := travelrule.NewWebhookRequest(context.Background(), "https://receiver.example/striga", body, webhookKey)
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != 200 || req.Header.Get("signature") != travelrule.SignWebhook(body, webhookKey) {
		t.Errorf("NewWebhookRequest: handler answered %d", rec.Code)
	}
	if _, err := travelrule.NewWebhookRequest(context.Background(), "://bad", body, webhookKey); err == nil {
		t.Error("NewWebhookRequest accepted a bad URL")
	}
	send := func(method string, b []byte, sig string) int {
		req := httptest.NewRequest(method, "/striga", strings.NewReader(string(b)))
		if sig != "" {
			req.Header.Set("signature", sig)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Code
	}
	sig := travelrule.SignWebhook(body, webhookKey)
	tests := []struct {
		name   string
		method string
		body   []byte
		sig    string
		want   int
	}{
		{"valid", "POST", body, sig, 200},
		{"GET", "GET", body, sig, 405},
		{"no signature", "POST", body, "", 401},
		{"bad signature", "POST", body, travelrule.SignWebhook(body, "other"), 401},
		{"signed non-object", "POST", []byte(`[1]`), travelrule.SignWebhook([]byte(`[1]`), webhookKey), 400},
		{"too large", "POST", make([]byte, 1<<20+1), "x", 413},
	}
	for _, tc := range tests {
		if got := send(tc.method, tc.body, tc.sig); got != tc.want {
			t.Errorf("%s: status %d, want %d", tc.name, got, tc.want)
		}
	}
	if n := seen.Load(); n != 2 {
		t.Errorf("handler called %d times, want 2", n)
	}
	fail = true
	if got := send("POST", body, sig); got != 500 {
		t.Errorf("failing handler: status %d, want 500", got)
	}
}

// The fake delivers webhooks signed as Striga does, and retries.
func TestFakeWebhookDelivery(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	var got []*travelrule.DepositEvent
	h := mustWebhookHandler(t, travelruletest.DefaultAPIKey, func(ctx context.Context, e *travelrule.WebhookEvent) error {
		if calls.Add(1) < 3 {
			return errors.New("not yet")
		}
		d, err := e.Deposit()
		if err != nil {
			return err
		}
		got = append(got, d)
		return nil
	})
	srv := travelruletest.NewServer(t, travelruletest.WithWebhookHandler(h))
	ev := travelrule.DepositEvent{Type: travelrule.EventOnChainDepositPending, ID: "dep-1", Currency: "BTC",
		TxHash: txHash, BlockchainTransactionAmount: "150000", BlockchainNetwork: travelrule.BlockchainNetwork{Name: "Bitcoin Testnet3"}}
	d, err := srv.SendWebhook(context.Background(), ev)
	if err != nil {
		t.Fatal(err)
	}
	if d.Attempts != 3 || !d.Delivered || d.Status != 200 {
		t.Errorf("delivery = %+v", d)
	}
	if len(got) != 1 || got[0].TxHash != txHash || got[0].BlockchainTransactionAmount != "150000" {
		t.Errorf("received %+v", got)
	}
	if err := travelrule.VerifyWebhook(d.Body, http.Header{"Signature": {d.Signature}}, srv.APIKey); err != nil {
		t.Errorf("delivered signature does not verify: %v", err)
	}

	// A receiver that always fails gets 1 + 5 attempts.
	down := travelruletest.NewServer(t, travelruletest.WithWebhookHandler(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(503)
	})))
	d, err = down.SendWebhook(context.Background(), []byte(`{"type":"X","id":"1"}`))
	if !errors.Is(err, travelruletest.ErrNotDelivered) || d.Attempts != 6 {
		t.Errorf("always failing: %v after %d attempts, want ErrNotDelivered after 6", err, d.Attempts)
	}
}

func TestFakeWebhookToURL(t *testing.T) {
	t.Parallel()
	received := make(chan string, 1)
	hs := httptest.NewServer(mustWebhookHandler(t, travelruletest.DefaultAPIKey, func(ctx context.Context, e *travelrule.WebhookEvent) error {
		received <- e.ID
		return nil
	}))
	t.Cleanup(hs.Close)
	srv := travelruletest.NewServer(t, travelruletest.WithWebhookURL(hs.URL))
	if _, err := srv.SendWebhook(context.Background(), json.RawMessage(`{"type":"ACCOUNT_ENRICHED","id":"e-1"}`)); err != nil {
		t.Fatal(err)
	}
	if id := <-received; id != "e-1" {
		t.Errorf("received %q", id)
	}
	if n := len(srv.Deliveries()); n != 1 {
		t.Errorf("%d deliveries recorded", n)
	}
	none := travelruletest.NewServer(t)
	if _, err := none.SendWebhook(context.Background(), []byte(`{}`)); !errors.Is(err, travelruletest.ErrNoWebhookTarget) {
		t.Errorf("no target: %v", err)
	}
}

// mustWebhookHandler is WebhookHandler, failing the test on an error.
func mustWebhookHandler(t testing.TB, key string, fn func(context.Context, *travelrule.WebhookEvent) error) http.Handler {
	t.Helper()
	h, err := travelrule.WebhookHandler(key, fn)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// A nil callback or an empty key is refused when the handler is built,
// not by a panic on the first webhook.
func TestWebhookHandlerRefusesNilCallback(t *testing.T) {
	t.Parallel()
	ok := func(context.Context, *travelrule.WebhookEvent) error { return nil }
	tests := []struct {
		name string
		key  string
		fn   func(context.Context, *travelrule.WebhookEvent) error
		want error
	}{
		{"nil callback", webhookKey, nil, travelrule.ErrConfig},
		{"empty key", "", ok, travelrule.ErrMissingCredentials},
	}
	for _, tc := range tests {
		h, err := travelrule.WebhookHandler(tc.key, tc.fn)
		if h != nil || !errors.Is(err, tc.want) {
			t.Errorf("%s: WebhookHandler = %v, %v; want no handler and %v", tc.name, h, err, tc.want)
		}
	}
}
