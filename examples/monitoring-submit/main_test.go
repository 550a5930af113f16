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
// attempt logged, checks each verdict and the replayed submit, and checks
// that the customer's name and the wallet addresses appear neither in the
// output nor in the logs.
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
		"applicant.externalUserId: REQUIRED (nothing sent)",
		"info.currencyCode: REQUIRED (nothing sent)",
		`review completed, answer "GREEN", score 0` + "\n   → move the money",
		`review onHold, answer "", score 50, rules: hold-above-10000` + "\n   → held for review; the officer approved: answer GREEN",
		`answer "RED", score 100, rules: sanctioned-wallet` + "\n   → stop",
		"(Replayed), not a second one",
		"The fake stored 4 transactions for 4 submits; it refused 1 duplicate.",
	} {
		if !strings.Contains(printed, want) {
			t.Errorf("output lacks %q:\n%s", want, printed)
		}
	}
	// The dropped attempt shows in the logs as a retried submit.
	if !regexp.MustCompile(`"path":"/resources/applicants/-/kyt/txns/-/data","attempt":2`).MatchString(logs.String()) {
		t.Errorf("the logs show no second submit attempt:\n%s", logs.String())
	}
	pii := []string{"Amelie", "Okafor", friendWallet, sanctionedWallet, depositFromWallet}
	for _, v := range pii {
		for name, text := range map[string]string{"output": printed, "logs": logs.String()} {
			if strings.Contains(strings.ToLower(text), strings.ToLower(v)) {
				t.Errorf("%s contains the PII value %q", name, v)
			}
		}
	}
}

func TestConfigNeedsAllOrNothing(t *testing.T) {
	t.Parallel()
	_, _, _, err := setUp(func(k string) string {
		return map[string]string{"VASPKIT_SUMSUB_APP_TOKEN": "sbx:x"}[k]
	})
	if err == nil || !strings.Contains(err.Error(), "VASPKIT_SUMSUB_SECRET_KEY") {
		t.Errorf("setUp() = %v, want an error naming VASPKIT_SUMSUB_SECRET_KEY", err)
	}
}
