package main

import (
	"bytes"
	"context"
	"log/slog"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestRunAgainstFake runs the example against the fake with every HTTP
// attempt logged, checks the sessions, the reuse and the refused invoice,
// and checks that no address, invoice, user id or widget URL appears in the
// output or the logs.
func TestRunAgainstFake(t *testing.T) {
	var out, logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := run(ctx, &out, logger, func(string) string { return "" }); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	printed := out.String()
	for _, want := range []string{
		"Lightning invoices must be for testnet",
		"1. On-chain: a withdrawal of ETH to a self-hosted wallet\n   new session: WidgetSession{",
		"2. The same request again (a retry, a double click)\n   the unexpired session Striga already had: ",
		"reused=true",
		"   HTTP 200 after 1 attempt(s), request id \"req_",
		"3. Lightning: a deposit paid with an invoice\n   new session: WidgetSession{",
		"invoice checked by bolt11, payment hash f4fda24d8769…",
		"4. Lightning with a mainnet invoice\n   refused before sending: invoice (INVOICE_WRONG_NETWORK)\n   the invoice is for another network than Striga's",
		"5. Lightning with an invoice that lacks its payment secret\n   refused before sending: invoice (INVOICE_INVALID)\n   bolt11: the invoice has no payment secret",
	} {
		if !strings.Contains(printed, want) {
			t.Errorf("output lacks %q:\n%s", want, printed)
		}
	}
	// Both on-chain answers name the same session.
	ids := regexp.MustCompile(`id="([^"]+)"`).FindAllStringSubmatch(printed, -1)
	if len(ids) != 3 || ids[0][1] != ids[1][1] || ids[0][1] == ids[2][1] {
		t.Errorf("session ids = %v, want the first two equal and the third different", ids)
	}
	if logs.Len() == 0 {
		t.Fatal("no log lines: the leak check would prove nothing")
	}
	for _, v := range []string{fakeUserID, fakeAddress, fakeInvoice, mainnetInvoice, noSecretInvoice, "http://", "https://", "token"} {
		for name, text := range map[string]string{"output": printed, "logs": logs.String()} {
			if strings.Contains(strings.ToLower(text), strings.ToLower(v)) {
				t.Errorf("%s contains %q", name, v)
			}
		}
	}
}

func TestConfigNeedsAllOrNothing(t *testing.T) {
	t.Parallel()
	_, _, _, _, _, err := setUp(func(k string) string {
		return map[string]string{"VASPKIT_STRIGA_API_KEY": "k", "VASPKIT_STRIGA_API_SECRET": "s"}[k]
	})
	if err == nil || !strings.Contains(err.Error(), "_USER_ID") {
		t.Errorf("setUp() = %v, want an error naming the user id variable", err)
	}
}
