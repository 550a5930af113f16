package monitoring

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"

	"golang.org/x/time/rate"
)

func TestRateLimitIsOnByDefault(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		opts      []Option
		wantLimit rate.Limit // 0: no limiter
		wantBurst int
	}{
		{"default: Sumsub's 50 per 5 s", nil, 10, 50},
		{"WithRateLimit", []Option{WithRateLimit(5, time.Second)}, 5, 5},
		{"WithoutRateLimit", []Option{WithoutRateLimit()}, 0, 0},
		{"WithoutRateLimit undone", []Option{WithoutRateLimit(), WithRateLimit(1, time.Second)}, 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := New(append([]Option{WithAppToken("sbx:t", "s")}, tt.opts...)...)
			if err != nil {
				t.Fatal(err)
			}
			if tt.wantLimit == 0 {
				if c.limiter != nil {
					t.Errorf("limiter = %T, want none", c.limiter)
				}
				return
			}
			l, ok := c.limiter.(*rate.Limiter)
			if !ok {
				t.Fatalf("limiter = %T, want a *rate.Limiter", c.limiter)
			}
			if l.Limit() != tt.wantLimit || l.Burst() != tt.wantBurst {
				t.Errorf("limiter: %v/s burst %d, want %v/s burst %d", l.Limit(), l.Burst(), tt.wantLimit, tt.wantBurst)
			}
		})
	}
}

// TestDefaultLimiterPaces runs on synctest's fake clock: a burst of 50
// goes at once, then one request every tenth of a second.
func TestDefaultLimiterPaces(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		stage := limitStage(newRateLimiter(defaultRateLimit, defaultRatePeriod))
		ctx := context.Background()
		start := time.Now()
		for i := range 50 {
			if err := stage.Wait(ctx); err != nil {
				t.Fatalf("request %d of the burst: %v", i+1, err)
			}
		}
		if d := time.Since(start); d != 0 {
			t.Errorf("the burst waited %v", d)
		}
		for i := 1; i <= 2; i++ {
			if err := stage.Wait(ctx); err != nil {
				t.Fatal(err)
			}
			if d, want := time.Since(start), time.Duration(i)*100*time.Millisecond; d != want {
				t.Errorf("request %d after the burst went at %v, want %v", i, d, want)
			}
		}
	})
}

// TestLimitStageErrors: a wait cut short reports the context's error,
// including x/time/rate's refusal of a wait that would outlast the
// deadline; another limiter's own error passes unchanged.
func TestLimitStageErrors(t *testing.T) {
	t.Parallel()
	errOwn := errors.New("shared limiter unreachable")
	tests := []struct {
		name    string
		limiter Limiter
		ctx     func() (context.Context, context.CancelFunc)
		want    error
	}{
		{"deadline before the next token", newRateLimiter(1, time.Hour),
			func() (context.Context, context.CancelFunc) {
				return context.WithTimeout(context.Background(), time.Second)
			}, context.DeadlineExceeded},
		{"cancelled", newRateLimiter(1, time.Hour),
			func() (context.Context, context.CancelFunc) {
				ctx, cancel := context.WithCancel(context.Background())
				cancel()
				return ctx, cancel
			}, context.Canceled},
		{"cancelled while waiting", newRateLimiter(1, time.Hour),
			func() (context.Context, context.CancelFunc) {
				ctx, cancel := context.WithCancel(context.Background())
				time.AfterFunc(time.Minute, cancel)
				return ctx, cancel
			}, context.Canceled},
		{"a limiter's own error", limiterFunc(func(context.Context) error { return errOwn }),
			func() (context.Context, context.CancelFunc) {
				return context.WithTimeout(context.Background(), time.Second)
			}, errOwn},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				stage := limitStage(tt.limiter)
				if _, ok := tt.limiter.(*rate.Limiter); ok {
					if err := stage.Wait(context.Background()); err != nil { // the only token
						t.Fatal(err)
					}
				}
				ctx, cancel := tt.ctx()
				defer cancel()
				if err := stage.Wait(ctx); err != tt.want {
					t.Errorf("Wait = %v, want %v", err, tt.want)
				}
			})
		})
	}
}

type limiterFunc func(context.Context) error

func (f limiterFunc) Wait(ctx context.Context) error { return f(ctx) }
