package main

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"
)

// TestRunAgainstFake serves the webhook handler to the fake, which signs and
// delivers every event, and checks what the handler did with each; then
// checks that the customer's name and wallet address appear neither in the
// output nor in the client's logs.
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
		"applicantKytTxnCreated for wh-dp-1: status init",
		"applicantKytTxnApproved for wh-dp-1: answer GREEN",
		"applicantKytOnHold for wh-dp-2: a compliance officer must decide",
		"applicantKytTxnApproved for wh-dp-2: answer GREEN",
		"applicantKytTxnApproved for wh-dp-2: already handled, ignored",
		"refused with HTTP 401",
		"5 webhooks delivered by the fake.",
	} {
		if !strings.Contains(printed, want) {
			t.Errorf("output lacks %q:\n%s", want, printed)
		}
	}
	if strings.Count(printed, "answer RED") != 0 {
		t.Errorf("the forged webhook was acted on:\n%s", printed)
	}
	if logs.Len() == 0 {
		t.Fatal("no log lines: the leak check would prove nothing")
	}
	for _, v := range []string{"Amelie", "Okafor", "0x0Dd5aF1c0aB2E3f4a5B6c7D8e9F0a1B2c3D4e5F6", "example-webhook-secret"} {
		for name, text := range map[string]string{"output": printed, "logs": logs.String()} {
			if strings.Contains(strings.ToLower(text), strings.ToLower(v)) {
				t.Errorf("%s contains the PII or secret value %q", name, v)
			}
		}
	}
}

func TestRealModeNeedsSecret(t *testing.T) {
	t.Parallel()
	err := run(context.Background(), &bytes.Buffer{}, nil, func(k string) string {
		return map[string]string{"VASPKIT_SUMSUB_WEBHOOK_ADDR": "127.0.0.1:0"}[k]
	})
	if err == nil || !strings.Contains(err.Error(), "VASPKIT_SUMSUB_WEBHOOK_SECRET") {
		t.Errorf("run() = %v, want an error naming VASPKIT_SUMSUB_WEBHOOK_SECRET", err)
	}
}
