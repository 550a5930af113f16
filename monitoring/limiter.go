package monitoring

import (
	"context"
	"errors"
	"net/http"
	"time"

	"golang.org/x/time/rate"

	"github.com/vaspkit/vaspkit/internal/rest"
)

// Limiter paces the client's POST requests: Wait blocks until a request
// may go, or returns an error (the context's, when it ends first). A
// *rate.Limiter from golang.org/x/time/rate is one. The client waits on it
// before every POST attempt, retries included, before signing; a wait cut
// short ends the call with nothing sent.
type Limiter interface {
	Wait(ctx context.Context) error
}

// newRateLimiter allows bursts of n requests and n per period on average.
func newRateLimiter(n int, per time.Duration) *rate.Limiter {
	return rate.NewLimiter(rate.Every(per/time.Duration(n)), n)
}

// limitStage is the pipeline's rate-limiting stage for l (nil: none).
func limitStage(l Limiter) *rest.Limiter {
	if l == nil {
		return nil
	}
	_, isRate := l.(*rate.Limiter)
	return &rest.Limiter{Methods: []string{http.MethodPost}, Wait: func(ctx context.Context) error {
		err := l.Wait(ctx)
		switch {
		case err == nil:
			return nil
		case ctx.Err() != nil:
			return ctx.Err()
		case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
			return err
		}
		if _, ok := ctx.Deadline(); ok && isRate {
			// x/time/rate refuses at once a wait that would outlast the
			// deadline: it is the deadline's doing.
			return context.DeadlineExceeded
		}
		return err
	}}
}
