package webhook_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/vaspkit/vaspkit/internal/webhook"
)

func TestHandler(t *testing.T) {
	t.Parallel()
	errNo := errors.New("no")
	tests := []struct {
		name       string
		method     string
		body       string
		verifyErr  error
		parseErr   error
		fnErr      error
		wantStatus int
		wantCalls  []string // the stages that ran
	}{
		{name: "ok", method: "POST", body: `{"a":1}`, wantStatus: 200, wantCalls: []string{"verify", "parse", "fn"}},
		{name: "GET refused", method: "GET", body: `{}`, wantStatus: 405},
		{name: "too large", method: "POST", body: strings.Repeat("x", 17), wantStatus: 413},
		{name: "exactly the limit", method: "POST", body: strings.Repeat("x", 16), wantStatus: 200, wantCalls: []string{"verify", "parse", "fn"}},
		{name: "bad signature parses nothing", method: "POST", body: `{}`, verifyErr: errNo, wantStatus: 401, wantCalls: []string{"verify"}},
		{name: "bad payload calls nothing", method: "POST", body: `{}`, parseErr: errNo, wantStatus: 400, wantCalls: []string{"verify", "parse"}},
		{name: "callback failure", method: "POST", body: `{}`, fnErr: errNo, wantStatus: 500, wantCalls: []string{"verify", "parse", "fn"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var calls []string
			h := webhook.Handler(16,
				func(body []byte, _ http.Header) error { calls = append(calls, "verify"); return tt.verifyErr },
				func(body []byte) (string, error) { calls = append(calls, "parse"); return string(body), tt.parseErr },
				func(_ context.Context, ev string) error {
					calls = append(calls, "fn")
					if ev != tt.body {
						t.Errorf("event %q, want the body %q", ev, tt.body)
					}
					return tt.fnErr
				})
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(tt.method, "/hook", strings.NewReader(tt.body)))
			if rec.Code != tt.wantStatus {
				t.Errorf("status %d, want %d", rec.Code, tt.wantStatus)
			}
			if diff := cmp.Diff(tt.wantCalls, calls); diff != "" {
				t.Errorf("stages (-want +got):\n%s", diff)
			}
			if strings.Contains(rec.Body.String(), tt.body) && tt.body != "" && rec.Code != 200 {
				t.Errorf("answer echoes the body: %q", rec.Body.String())
			}
		})
	}
}
