package monitoring

import (
	"context"
	"sync"
	"time"
)

// Sumsub's documented default limit for POST requests per app token.
const (
	DefaultRateLimit  = 50
	DefaultRatePeriod = 5 * time.Second
)

// Limiter paces requests. Wait blocks until a request may go, or returns
// ctx's error. The client calls it before every POST attempt, retries
// included.
type Limiter interface {
	Wait(ctx context.Context) error
}

// TokenBucket is a Limiter allowing bursts of n requests and n per period
// on average. It is safe for concurrent use; waiters are served in the
// order they arrived.
type TokenBucket struct {
	mu       sync.Mutex
	capacity float64
	perSec   float64
	tokens   float64
	last     time.Time
	now      func() time.Time
}

// NewTokenBucket returns a full bucket of n tokens refilled at n per
// period. n and per must be positive (they are raised to the minimum
// otherwise).
func NewTokenBucket(n int, per time.Duration) *TokenBucket {
	if n < 1 {
		n = 1
	}
	if per <= 0 {
		per = time.Nanosecond
	}
	return &TokenBucket{
		capacity: float64(n),
		perSec:   float64(n) / per.Seconds(),
		tokens:   float64(n),
		now:      time.Now,
	}
}

// reserve takes a token at time now and returns how long the caller must
// wait before using it.
func (b *TokenBucket) reserve(now time.Time) time.Duration {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.last.IsZero() {
		if el := now.Sub(b.last).Seconds(); el > 0 {
			b.tokens += el * b.perSec
			if b.tokens > b.capacity {
				b.tokens = b.capacity
			}
		}
	}
	if now.After(b.last) {
		b.last = now
	}
	b.tokens--
	if b.tokens >= 0 {
		return 0
	}
	return time.Duration(-b.tokens / b.perSec * float64(time.Second))
}

// cancel returns a reserved token that was not used.
func (b *TokenBucket) cancel() {
	b.mu.Lock()
	b.tokens++
	if b.tokens > b.capacity {
		b.tokens = b.capacity
	}
	b.mu.Unlock()
}

// Wait takes a token, sleeping until one is free. It returns ctx's error,
// giving the token back, when ctx ends first or its deadline falls before
// the token would be free.
func (b *TokenBucket) Wait(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	wait := b.reserve(b.now())
	if wait <= 0 {
		return nil
	}
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait {
		b.cancel()
		return context.DeadlineExceeded
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		b.cancel()
		return ctx.Err()
	}
}
