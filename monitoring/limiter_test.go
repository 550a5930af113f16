package monitoring

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestTokenBucketReserve(t *testing.T) {
	t.Parallel()
	b := NewTokenBucket(50, 5*time.Second) // 10 per second, bursts of 50
	t0 := time.Unix(1000, 0)
	for i := 0; i < 50; i++ {
		if w := b.reserve(t0); w != 0 {
			t.Fatalf("request %d of the burst waits %v", i+1, w)
		}
	}
	// The 51st waits a tenth of a second, the 52nd two tenths.
	if w := b.reserve(t0); w != 100*time.Millisecond {
		t.Errorf("51st wait = %v, want 100ms", w)
	}
	if w := b.reserve(t0); w != 200*time.Millisecond {
		t.Errorf("52nd wait = %v, want 200ms", w)
	}
	b.cancel()
	b.cancel()
	// One second later ten tokens are back.
	t1 := t0.Add(time.Second)
	for i := 0; i < 10; i++ {
		if w := b.reserve(t1); w != 0 {
			t.Fatalf("after 1s, request %d waits %v", i+1, w)
		}
	}
	if w := b.reserve(t1); w <= 0 {
		t.Errorf("11th request after 1s does not wait")
	}
	// The bucket never holds more than its capacity.
	t2 := t1.Add(time.Hour)
	for i := 0; i < 50; i++ {
		b.reserve(t2)
	}
	if w := b.reserve(t2); w <= 0 {
		t.Error("the bucket refilled beyond its capacity")
	}
}

func TestTokenBucketWaitHonoursContext(t *testing.T) {
	t.Parallel()
	b := NewTokenBucket(1, time.Hour)
	ctx := context.Background()
	if err := b.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	dctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	if err := b.Wait(dctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Wait past the deadline = %v, want DeadlineExceeded at once", err)
	}
	cctx, cancel2 := context.WithCancel(ctx)
	cancel2()
	if err := b.Wait(cctx); !errors.Is(err, context.Canceled) {
		t.Errorf("Wait on a cancelled context = %v", err)
	}
	// Both failed waits gave their token back: the next one still owes
	// one hour, not three.
	if w := b.reserve(time.Now()); w > time.Hour+time.Minute {
		t.Errorf("tokens leaked: wait %v", w)
	}
}

func TestRateLimitIsOnByDefault(t *testing.T) {
	t.Parallel()
	c, err := New(WithAppToken("sbx:t", "s"))
	if err != nil {
		t.Fatal(err)
	}
	b, ok := c.limiter.(*TokenBucket)
	if !ok || b.capacity != DefaultRateLimit || b.perSec != float64(DefaultRateLimit)/DefaultRatePeriod.Seconds() {
		t.Errorf("default limiter = %#v, want a %d per %v token bucket", c.limiter, DefaultRateLimit, DefaultRatePeriod)
	}
	c, err = New(WithAppToken("sbx:t", "s"), WithoutRateLimit())
	if err != nil || c.limiter != nil {
		t.Errorf("WithoutRateLimit: limiter %v, err %v", c.limiter, err)
	}
	c, err = New(WithAppToken("sbx:t", "s"), WithRateLimit(5, time.Second))
	if b, ok := c.limiter.(*TokenBucket); err != nil || !ok || b.capacity != 5 {
		t.Errorf("WithRateLimit(5, 1s): limiter %#v, err %v", c.limiter, err)
	}
}
