package travelrule_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/vaspkit/vaspkit/fakefault"
	"github.com/vaspkit/vaspkit/travelrule"
	"github.com/vaspkit/vaspkit/travelrule/travelruletest"
)

// TestCanaryNoSecretsOrPII runs calls that succeed and fail with canary
// credentials and PII, and checks that none appears in logs, errors or any
// printing of the client and its options.
func TestCanaryNoSecretsOrPII(t *testing.T) {
	t.Parallel()
	const (
		key    = "CANARY-KEY-4f1d"
		secret = "CANARY-SECRET-9a7c"
		addr   = "0xCANARYADDRESS0000000000000000000000000000"
	)
	fx := loadFixtures(t)
	canaries := []string{key, secret, addr, userID, fx.Testnet, fx.MainnetV01, "CANARY-TXHASH"}

	srv := travelruletest.NewServer(t, travelruletest.WithCredentials(key, secret),
		travelruletest.WithFaults(fakefault.Fault{Kind: fakefault.ServerError})) // one 503
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	opts := append(srv.ClientOptions(), travelrule.WithLogger(logger))
	c, err := travelrule.New(opts...)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var outputs []string
	record := func(v ...any) {
		for _, x := range v {
			if x == nil {
				continue
			}
			outputs = append(outputs, fmt.Sprintf("%v|%+v|%#v|%s", x, x, x, x))
		}
	}

	// Success (after a retried 503), reuse with the kept flag.
	req := &travelrule.WidgetSessionRequest{UserID: userID, Currency: "ETH", Network: "ETH", CounterpartyAddress: addr, ForceVerifyOwnership: true}
	s, err := c.CreateWidgetSession(ctx, req)
	record(s, err)
	req.ForceVerifyOwnership = false
	s, err = c.CreateWidgetSession(ctx, req)
	record(s, err)
	if err != nil || !s.ForceVerifyOwnershipKept {
		t.Fatalf("setup: %v", err)
	}
	// Validation failures.
	_, err = c.CreateWidgetSession(ctx, &travelrule.WidgetSessionRequest{UserID: userID, Currency: "BTC", Network: "BTC",
		CounterpartyAddress: addr + " ", Invoice: fx.MainnetV01, TxHash: "CANARY-TXHASH "})
	record(err)
	// Server-side refusal: the server judges an invoice the client let
	// through (mainnet client, testnet fake).
	mainnet, _ := travelrule.New(append(opts, travelrule.WithInvoiceNetwork(travelrule.InvoiceMainnet))...)
	_, err = mainnet.CreateWidgetSession(ctx, lightning(fx.MainnetV01))
	record(err)
	// Authentication failure.
	bad, _ := travelrule.New(append(opts, travelrule.WithCredentials(key, secret+"x"))...)
	_, err = bad.CreateWidgetSession(ctx, req)
	record(err)
	// Webhooks.
	record(travelrule.VerifyWebhook([]byte(`{"id":"`+addr+`"}`), nil, key))
	record(c, travelrule.WithCredentials(key, secret), opts)

	all := strings.Join(outputs, "\n") + "\n" + logs.String()
	for _, canary := range canaries {
		if strings.Contains(all, canary) {
			t.Errorf("output shows %q:\n%s", canary, all)
		}
	}
	if !strings.Contains(logs.String(), `"status":503`) || !strings.Contains(logs.String(), "force_verify_ownership_kept") {
		t.Errorf("expected log lines missing:\n%s", logs.String())
	}
}

// A Client prints as a short description under every verb: its internal
// fields (signer, HTTP client) and credentials never show.
func TestClientPrintsAsDescription(t *testing.T) {
	t.Parallel()
	const key, secret = "CANARY-KEY-77e2", "CANARY-SECRET-0b5d"
	c, err := travelrule.New(travelrule.WithCredentials(key, secret))
	if err != nil {
		t.Fatal(err)
	}
	want := "travelrule.Client(" + travelrule.SandboxURL + ")"
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d", "%T"} {
		got := fmt.Sprintf(verb, c)
		if strings.Contains(got, key) || strings.Contains(got, secret) {
			t.Errorf("%s shows a credential: %s", verb, got)
		}
		if verb == "%T" {
			continue
		}
		if got != want {
			t.Errorf("Sprintf(%s) = %q, want %q", verb, got, want)
		}
	}
	if _, ok := any(c).(fmt.GoStringer); !ok {
		t.Error("*Client is not a fmt.GoStringer")
	}
	var none *travelrule.Client
	if got := fmt.Sprint(none); got != "travelrule.Client(nil)" {
		t.Errorf("nil client prints %q", got)
	}
}
