package monitoring_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vaspkit/vaspkit/monitoring"
)

// unavailable is a server that answers every request 503 and counts them.
func unavailable(t *testing.T) (url string, attempts *atomic.Int32) {
	t.Helper()
	attempts = new(atomic.Int32)
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		attempts.Add(1)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte(`{"description":"unavailable","code":503}`))
	}))
	t.Cleanup(hs.Close)
	return hs.URL, attempts
}

// WithRetry(0, …) means no retries: a retryable read that meets a 503 is
// sent once, whatever the waits (they are irrelevant then, zero included).
func TestWithRetryZeroSendsOneAttempt(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		retry monitoring.Option
		want  int32
	}{
		{"no retries, zero waits", monitoring.WithRetry(0, 0, 0), 1},
		{"no retries, waits given", monitoring.WithRetry(0, time.Second, 5*time.Second), 1},
		{"no retries, waits reversed", monitoring.WithRetry(0, 2*time.Second, time.Second), 1},
		{"two retries", monitoring.WithRetry(2, time.Millisecond, time.Millisecond), 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			url, attempts := unavailable(t)
			c, err := monitoring.New(monitoring.WithAppToken("tok", "secret"), monitoring.WithBaseURL(url), tt.retry)
			if err != nil {
				t.Fatalf("New: %v", err)
			}
			_, err = c.Get(t.Context(), "txn-1")
			var ae *monitoring.APIError
			if !errors.As(err, &ae) || ae.HTTPStatus != http.StatusServiceUnavailable {
				t.Errorf("Get err = %v, want the 503 *APIError", err)
			}
			if got := attempts.Load(); got != tt.want {
				t.Errorf("attempts at the server = %d, want %d", got, tt.want)
			}
		})
	}
}
