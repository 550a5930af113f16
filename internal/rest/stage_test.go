package rest_test

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/vaspkit/vaspkit/internal/rest"
)

// TestLimiterStage: the limiter is waited on before every attempt of the
// methods it covers and of no other; a wait cut short ends the call with
// nothing sent, as a *LimitError that unwraps to the wait's error, and is
// never retried.
func TestLimiterStage(t *testing.T) {
	t.Parallel()
	errStop := errors.New("stop")
	tests := []struct {
		name      string
		methods   []string
		method    string
		waitErr   error
		wantWaits int
		wantSent  int
		wantLimit bool
	}{
		{name: "covered method waits", methods: []string{http.MethodPost}, method: http.MethodPost, wantWaits: 1, wantSent: 1},
		{name: "other method does not", methods: []string{http.MethodPost}, method: http.MethodGet, wantWaits: 0, wantSent: 1},
		{name: "no methods covers all", method: http.MethodGet, wantWaits: 1, wantSent: 1},
		{name: "wait cut short sends nothing", methods: []string{http.MethodPost}, method: http.MethodPost, waitErr: errStop, wantWaits: 1, wantSent: 0, wantLimit: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newRecorder(t, status(200, `{"id":"a"}`))
			var mu sync.Mutex
			waits := 0
			c := newClient(t, srv.srv.URL, func(cfg *rest.Config) {
				cfg.Limiter = &rest.Limiter{Methods: tt.methods, Wait: func(context.Context) error {
					mu.Lock()
					defer mu.Unlock()
					waits++
					return tt.waitErr
				}}
			})
			r := c.Get("/x")
			if tt.method == http.MethodPost {
				r = c.Post("/x").JSON(payload{ID: "a"})
			}
			var out payload
			err := r.Retry(rest.Safe).Into(&out).Do(context.Background())
			var le *rest.LimitError
			if got := errors.As(err, &le); got != tt.wantLimit {
				t.Fatalf("LimitError: got %v (err %v), want %v", got, err, tt.wantLimit)
			}
			if tt.wantLimit && !errors.Is(err, tt.waitErr) {
				t.Errorf("err %v does not unwrap to the wait's error", err)
			}
			if !tt.wantLimit && err != nil {
				t.Fatal(err)
			}
			mu.Lock()
			got := []int{waits, srv.count()}
			mu.Unlock()
			if diff := cmp.Diff([]int{tt.wantWaits, tt.wantSent}, got); diff != "" {
				t.Errorf("[waits sent] (-want +got):\n%s", diff)
			}
		})
	}
}

// TestAttemptTimeout: a request's AttemptTimeout replaces the HTTP
// client's Timeout for its attempts only; other requests of the same
// client keep the client's Timeout. A 1 ns client Timeout always expires,
// so no wall-clock budget is involved.
func TestAttemptTimeout(t *testing.T) {
	t.Parallel()
	srv := newRecorder(t, status(200, `{"id":"a"}`))
	hc := &http.Client{Timeout: time.Nanosecond}
	c := newClient(t, srv.srv.URL, func(cfg *rest.Config) {
		cfg.HTTPClient = hc
		cfg.RetryMax = -1
	})
	var out payload
	if err := c.Get("/short").Into(&out).Do(context.Background()); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("client Timeout 1ns: err %v, want a deadline", err)
	}
	if err := c.Get("/long").AttemptTimeout(time.Hour).Into(&out).Do(context.Background()); err != nil {
		t.Fatalf("AttemptTimeout(1h): %v", err)
	}
	if out.ID != "a" {
		t.Errorf("id %q, want a", out.ID)
	}
	if err := c.Get("/bad").AttemptTimeout(0).Do(context.Background()); err == nil {
		t.Error("AttemptTimeout(0) accepted")
	}
}
