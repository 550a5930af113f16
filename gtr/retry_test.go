package gtr

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

// WithRetry(0, …) means no retries: a read that meets a 503 is sent once,
// whatever the waits (they are irrelevant then, zero included).
func TestWithRetryZeroSendsOneAttempt(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		retry Option
		want  int32
	}{
		{"no retries, zero waits", WithRetry(0, 0, 0), 1},
		{"no retries, waits given", WithRetry(0, time.Second, 5*time.Second), 1},
		{"no retries, waits reversed", WithRetry(0, 2*time.Second, time.Second), 1},
		{"two retries", WithRetry(2, time.Millisecond, time.Millisecond), 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var attempts atomic.Int32
			hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				attempts.Add(1)
				w.WriteHeader(http.StatusServiceUnavailable)
			}))
			t.Cleanup(hs.Close)
			c, err := New(WithBaseURL(hs.URL), WithAppToken(testVASPCode, testAccessKey, testSecretKey), tt.retry)
			if err != nil {
				t.Fatalf("New: %v", err)
			}
			_, err = c.ListVASPs(t.Context())
			var ae *APIError
			if !errors.As(err, &ae) || ae.HTTPStatus != http.StatusServiceUnavailable {
				t.Errorf("ListVASPs err = %v, want the 503 *APIError", err)
			}
			if got := attempts.Load(); got != tt.want {
				t.Errorf("attempts at the server = %d, want %d", got, tt.want)
			}
		})
	}
}
