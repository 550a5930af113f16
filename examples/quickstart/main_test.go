package main

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"
)

// TestQuickstartRunsAndLeaksNothing runs the whole program against the
// fakes with every HTTP attempt logged, then checks that each step
// printed an ok verdict, and that no secret and no PII value the program
// used appears in its output or its logs.
func TestQuickstartRunsAndLeaksNothing(t *testing.T) {
	cfg, err := configFromEnv(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	e, err := setUp(cfg, logger)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	var out bytes.Buffer
	r := newReport(&out)
	r.header(e.describe())
	if err := withdrawal(ctx, e, r); err != nil {
		t.Fatalf("withdrawal: %v\n%s", err, out.String())
	}
	if err := deposit(ctx, e, r); err != nil {
		t.Fatalf("deposit: %v\n%s", err, out.String())
	}
	r.summary()

	printed := out.String()
	wantSteps := []string{
		"1. VASP discovery (GTR)", "2. Address routing (GTR)", "3. One-step verify (pre) (GTR): SUCCESS",
		"4. Decision (vaspkit): proceed", "5. KYT submit (Sumsub): review GREEN", "6. Notify txid",
		"1. One-step verify (post) (GTR): SUCCESS", "2. KYT submit (Sumsub): review GREEN",
		"1. Widget session (on-chain) (Striga): session created", "2. Widget session (Lightning) (Striga): session created",
	}
	for _, s := range wantSteps {
		if !strings.Contains(printed, "[ok  ] "+s) {
			t.Errorf("output lacks an ok verdict for %q:\n%s", s, printed)
		}
	}
	if !strings.Contains(printed, "testnet invoice checked by bolt11, payment hash f4fda24d8769") {
		t.Errorf("output lacks the plugged-in invoice check's payment hash:\n%s", printed)
	}
	if strings.Contains(printed, "STOP") {
		t.Errorf("a step stopped:\n%s", printed)
	}
	if logs.Len() == 0 {
		t.Fatal("no log lines: the leak check below would prove nothing")
	}

	canaries := append([]string{}, e.secrets...)
	canaries = append(canaries,
		// PII: names, birth places, customer id and addresses.
		"Okafor", "Amelie", "Brennan", "Bartholomew", "Castellanos", "Carmen", "Lisbon", "Porto", "Madrid",
		"our-account-7731", e.withdrawal.Address, e.deposit.Address, e.deposit.From, e.strigaAddress, e.strigaInvoice,
	)
	for _, c := range canaries {
		if c == "" {
			continue
		}
		for name, text := range map[string]string{"output": printed, "logs": logs.String()} {
			if strings.Contains(text, c) || strings.Contains(strings.ToLower(text), strings.ToLower(c)) {
				t.Errorf("%s contains a secret or PII value (%d characters long)", name, len(c))
			}
		}
	}
}

func TestConfigNeedsAllOrNothing(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		env  map[string]string
		want string // "" = no error
	}{
		{"nothing: all fakes", nil, ""},
		{"sumsub half configured", map[string]string{"VASPKIT_SUMSUB_APP_TOKEN": "sbx:x"}, "VASPKIT_SUMSUB_SECRET_KEY"},
		{"striga without user", map[string]string{"VASPKIT_STRIGA_API_KEY": "k", "VASPKIT_STRIGA_API_SECRET": "s"}, "VASPKIT_STRIGA_USER_ID"},
		{"gtr without certificate", map[string]string{"VASPKIT_GTR_VASP_CODE": "V"}, "VASPKIT_GTR_CERT_FILE"},
		{"bad auth mode", map[string]string{"VASPKIT_GTR_AUTH": "oauth"}, "VASPKIT_GTR_AUTH"},
	}
	for _, tt := range tests {
		_, err := configFromEnv(func(k string) string { return tt.env[k] })
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: configFromEnv() = %v, want nil", tt.name, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s: configFromEnv() = %v, want an error naming %s", tt.name, err, tt.want)
		}
	}
}
