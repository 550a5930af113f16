package gtr

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
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

// WithRetryBudget caps the retries of all calls together: once the budget
// is spent, a call that meets a 503 is sent once.
func TestWithRetryBudget(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		budget []Option
		want   []int32 // attempts of each of three calls
	}{
		{"default budget", nil, []int32{4, 4, 4}},
		{"budget of 4", []Option{WithRetryBudget(4)}, []int32{4, 2, 1}},
		{"budget of 0", []Option{WithRetryBudget(0)}, []int32{1, 1, 1}},
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
			opts := append([]Option{WithBaseURL(hs.URL), WithAppToken(testVASPCode, testAccessKey, testSecretKey),
				WithRetry(3, time.Millisecond, time.Millisecond)}, tt.budget...)
			c, err := New(opts...)
			if err != nil {
				t.Fatalf("New: %v", err)
			}
			var got []int32
			for range tt.want {
				before := attempts.Load()
				_, _ = c.ListVASPs(t.Context())
				got = append(got, attempts.Load()-before)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("attempts per call (-want +got):\n%s", diff)
			}
		})
	}
}
