package main

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"
)

// TestRunAgainstFake runs the example against the fake platform with every
// HTTP attempt logged, checks each deposit's verdict, and checks that no
// name, address or transaction id of the demo appears in the output or the
// logs.
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
		"Deposit 1: 0.25 ETH on ETH from a customer of ORIG\n  one_step: SUCCESS at PII_VERIFICATION: OriginatorNaturalName MATCH",
		"decision: credit the customer",
		"recorded by GTR: SUCCESS at PII_VERIFICATION, asset ORIG → VASPKIT_TEST",
		"Deposit 2: 3 ETH on ETH from a customer of ORIG\n  one_step: TX_ID_NOT_FOUND at TRANSACTION_VERIFICATION",
		"decision: do not credit",
		"recorded by GTR: TX_ID_NOT_FOUND",
	} {
		if !strings.Contains(printed, want) {
			t.Errorf("output lacks %q:\n%s", want, printed)
		}
	}
	if logs.Len() == 0 {
		t.Fatal("no log lines: the leak check would prove nothing")
	}
	pii := []string{"Okafor", "Amelie", "Lisbon", "Castellanos", "Carmen", "Madrid", "Example Exchange", "user-42",
		fakeAddress, fakeTxID, fakeUnknownTx}
	for _, v := range pii {
		for name, text := range map[string]string{"output": printed, "logs": logs.String()} {
			if strings.Contains(strings.ToLower(text), strings.ToLower(v)) {
				t.Errorf("%s contains the PII value %q", name, v)
			}
		}
	}
}

func TestConfigFromEnv(t *testing.T) {
	t.Parallel()
	const key = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=" // a throwaway seed
	base := func(extra ...string) map[string]string {
		m := map[string]string{"VASPKIT_GTR_VASP_CODE": "V", "VASPKIT_GTR_PII_PRIVATE_KEY": key}
		for i := 0; i < len(extra); i += 2 {
			m[extra[i]] = extra[i+1]
		}
		return m
	}
	tests := []struct {
		name    string
		env     map[string]string
		wantErr string // "" = no error
	}{
		{"no deposit", base(), "VASPKIT_GTR_DEPOSIT_VASP"},
		{"bad auth", base("VASPKIT_GTR_AUTH", "oauth"), "VASPKIT_GTR_AUTH"},
		{"network from the withdrawal variables", base("VASPKIT_GTR_DEPOSIT_VASP", "ORIG", "VASPKIT_GTR_DEPOSIT_ADDRESS", "a",
			"VASPKIT_GTR_DEPOSIT_TXID", "t", "VASPKIT_GTR_WITHDRAWAL_NETWORK", "ETH", "VASPKIT_GTR_WITHDRAWAL_TICKER", "ETH"), ""},
	}
	for _, tt := range tests {
		_, deposits, _, err := setUp(func(k string) string { return tt.env[k] })
		switch {
		case tt.wantErr == "" && err != nil:
			t.Errorf("%s: setUp() = %v, want nil", tt.name, err)
		case tt.wantErr == "" && (len(deposits) != 1 || deposits[0].Network != "ETH" || deposits[0].Ticker != "ETH"):
			t.Errorf("%s: setUp() deposits = %+v, want one on ETH/ETH", tt.name, deposits)
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
			t.Errorf("%s: setUp() = %v, want an error naming %s", tt.name, err, tt.wantErr)
		}
	}
}
