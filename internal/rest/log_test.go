package rest_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/vaspkit/vaspkit/internal/rest"
)

// TestLogLinesCarryNoBodyHeaderOrQuery sends canary values in the body,
// an auth header, the query and the response, and checks that the log
// lines carry method, path, status, attempt, duration and request id
// but none of the canaries.
func TestLogLinesCarryNoBodyHeaderOrQuery(t *testing.T) {
	t.Parallel()
	const (
		bodyCanary   = "CANARY-BODY-Satoshi-Nakamoto"
		headerCanary = "CANARY-SECRET-9f8e7d"
		queryCanary  = "CANARY-QUERY-applicant"
		respCanary   = "CANARY-RESPONSE-Hal-Finney"
	)
	rec := newRecorder(t, status(503, `{"name":"`+respCanary+`"}`), status(200, `{"name":"`+respCanary+`"}`))
	var buf bytes.Buffer
	lg := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c := newClient(t, rec.srv.URL, func(cfg *rest.Config) {
		cfg.Logger = lg
		cfg.Signer = rest.SignerFunc(func(r *http.Request, _ []byte) error {
			r.Header.Set("Authorization", "HMAC "+headerCanary)
			return nil
		})
	})
	var out map[string]string
	err := c.Post("/kyt/txns").Query("externalUserId", queryCanary).
		Header("X-App-Token", headerCanary).
		JSON(map[string]string{"fullName": bodyCanary}).
		Retry(rest.Keyed).Into(&out).Do(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	logs := buf.String()
	for _, canary := range []string{bodyCanary, headerCanary, queryCanary, respCanary} {
		if strings.Contains(logs, canary) {
			t.Errorf("log output contains canary %q:\n%s", canary, logs)
		}
	}
	lines := strings.Split(strings.TrimSpace(logs), "\n")
	if len(lines) != 2 {
		t.Fatalf("got %d log lines, want 2 (one per attempt):\n%s", len(lines), logs)
	}
	for i, want := range []string{`"status":503`, `"status":200`} {
		for _, field := range []string{`"method":"POST"`, `"path":"/kyt/txns"`, `"attempt":` + string(rune('1'+i)), `"duration":`, `"request_id":"req-1"`, want} {
			if !strings.Contains(lines[i], field) {
				t.Errorf("log line %d lacks %s: %s", i+1, field, lines[i])
			}
		}
	}
}
