package main

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"
)

// TestRunAgainstFake serves the handler to the fake platform, which drives
// it through every flow, and checks each answer; then checks that no name,
// address or transaction id appears in the output or the logs (the
// handler's and the client's).
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
		"callback 0 answered SUCCESS",
		"without GTR's client certificate asks whether an address is ours\n  refused: true\n",
		"callback 6 from ORIG: address ours: true",
		"callback 4 from ORIG (pre-transaction): BeneficiaryNaturalName MATCH",
		"GTR got: address SUCCESS, PII SUCCESS, our VASP returned: true",
		"callback 7: the sender broadcast the transfer of ORIG-",
		"callback 6 from ORIG: address ours: false",
		"GTR got: address ADDRESS_NOT_FOUND, PII delivered: false",
		"callback 9 from BENE: transaction ours: true",
		"callback 4 from BENE (post-transaction): OriginatorNaturalName MATCH",
		"GTR got: transaction SUCCESS, PII SUCCESS",
		": wait\n",
		"callback 15: late PII verdict for example-",
		"Done.",
	} {
		if !strings.Contains(printed, want) {
			t.Errorf("output lacks %q:\n%s", want, printed)
		}
	}
	if strings.Contains(printed, "could not be answered") {
		t.Errorf("a callback function failed:\n%s", printed)
	}
	if !strings.Contains(logs.String(), `"msg":"gtr callback","callbackType":"PII_VERIFICATION"`) {
		t.Fatalf("the handler logged no line for callback 4:\n%s", logs.String())
	}
	pii := []string{"Okafor", "Amelie", "Lisbon", "Brennan", "Bartholomew", "Porto", "Example Exchange", "user-42",
		customerAddress.Address, sentTo.Address, sentTxID}
	for _, v := range pii {
		for name, text := range map[string]string{"output": printed, "logs": logs.String()} {
			if strings.Contains(strings.ToLower(text), strings.ToLower(v)) {
				t.Errorf("%s contains the PII value %q", name, v)
			}
		}
	}
}

func TestServeRealNeedsFiles(t *testing.T) {
	t.Parallel()
	const key = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=" // a throwaway seed
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"bad key", map[string]string{"VASPKIT_GTR_CALLBACK_ADDR": "127.0.0.1:0", "VASPKIT_GTR_PII_PRIVATE_KEY": "nope"}, "VASPKIT_GTR_PII_PRIVATE_KEY"},
		{"no certificate", map[string]string{"VASPKIT_GTR_CALLBACK_ADDR": "127.0.0.1:0", "VASPKIT_GTR_PII_PRIVATE_KEY": key}, "VASPKIT_GTR_CALLBACK_CERT_FILE"},
	}
	for _, tt := range tests {
		var out bytes.Buffer
		err := run(context.Background(), &out, nil, func(k string) string { return tt.env[k] })
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: run() = %v, want an error naming %s", tt.name, err, tt.want)
		}
	}
}
