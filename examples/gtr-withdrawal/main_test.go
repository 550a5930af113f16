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
// HTTP attempt logged, checks each withdrawal's verdict, and checks that no
// name, address or account of the demo appears in the output or the logs.
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
		"one_step: SUCCESS at PII_VERIFICATION: BeneficiaryNaturalName MATCH, BeneficiaryNaturalDateOfBirth MATCH",
		"decision: proceed",
		"broadcast; txid reported to GTR",
		"one_step: PII_VERIFY_FAIL at PII_VERIFICATION: BeneficiaryNaturalName MISMATCH",
		"decision: reject",
		"mismatched [BeneficiaryNaturalName]",
	} {
		if !strings.Contains(printed, want) {
			t.Errorf("output lacks %q:\n%s", want, printed)
		}
	}
	if logs.Len() == 0 {
		t.Fatal("no log lines: the leak check would prove nothing")
	}
	pii := []string{"Okafor", "Amelie", "Lisbon", "Brennan", "Bartholomew", "Porto", "Quartermaine", "Rosalind",
		"Example Exchange", "user-42", customerAccount, fakeAddress}
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
	tests := []struct {
		name string
		env  map[string]string
		want string // a substring of the error
	}{
		{"bad PII key", map[string]string{"VASPKIT_GTR_VASP_CODE": "V", "VASPKIT_GTR_PII_PRIVATE_KEY": "x"}, "VASPKIT_GTR_PII_PRIVATE_KEY"},
		{"bad auth", map[string]string{"VASPKIT_GTR_VASP_CODE": "V", "VASPKIT_GTR_PII_PRIVATE_KEY": testKey, "VASPKIT_GTR_AUTH": "oauth"}, "VASPKIT_GTR_AUTH"},
		{"missing p12", map[string]string{"VASPKIT_GTR_VASP_CODE": "V", "VASPKIT_GTR_PII_PRIVATE_KEY": testKey,
			"VASPKIT_GTR_P12_FILE": "testdata/none.p12"}, "VASPKIT_GTR_P12_FILE"},
		{"no transfer", map[string]string{"VASPKIT_GTR_VASP_CODE": "V", "VASPKIT_GTR_PII_PRIVATE_KEY": testKey}, "VASPKIT_GTR_WITHDRAWAL_VASP"},
	}
	for _, tt := range tests {
		_, _, _, err := setUp(func(k string) string { return tt.env[k] })
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: setUp() = %v, want an error naming %s", tt.name, err, tt.want)
		}
		if err != nil && strings.Contains(err.Error(), testKey) {
			t.Errorf("%s: the error quotes the private key", tt.name)
		}
	}
}

// testKey is a throwaway 32-byte seed (base64), not a real key.
const testKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
