// Package clientopt holds the options the three clients share — HTTP
// client, logger, user agent, retries, retry budget, Retry-After cap,
// clock and middleware — validated once, with the same meaning and zero
// values everywhere. Each client package declares its own With… functions
// and ConfigError and calls these setters; Apply moves the result into
// the pipeline's rest.Config.
package clientopt

import (
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/vaspkit/vaspkit/internal/rest"
)

// Error is an option's refusal: the option's name and why. A package turns
// it into its own *ConfigError.
type Error struct{ Option, Reason string }

func refuse(option, reason string) *Error { return &Error{Option: option, Reason: reason} }

// Common holds the shared options. Start from New.
type Common struct {
	HTTPClient       *http.Client
	Logger           *slog.Logger
	UserAgent        string
	RetrySet         bool
	RetryMax         int // with RetrySet: retries after the first attempt (0: none)
	WaitMin, WaitMax time.Duration
	RetryBudget      int // -1: the pipeline's default budget
	RetryAfterCap    time.Duration
	Now              func() time.Time // nil: time.Now
	Middleware       []rest.Middleware
}

// New returns the shared options with nothing set.
func New() Common { return Common{RetryBudget: -1} }

// SetHTTPClient is WithHTTPClient: nil is refused.
func (c *Common) SetHTTPClient(hc *http.Client) *Error {
	if hc == nil {
		return refuse("WithHTTPClient", "nil *http.Client")
	}
	c.HTTPClient = hc
	return nil
}

// SetLogger is WithLogger: nil is refused (no option means silent).
func (c *Common) SetLogger(l *slog.Logger) *Error {
	if l == nil {
		return refuse("WithLogger", "nil logger")
	}
	c.Logger = l
	return nil
}

// SetUserAgent is WithUserAgent: one non-empty line.
func (c *Common) SetUserAgent(ua string) *Error {
	if strings.TrimSpace(ua) == "" || strings.ContainsAny(ua, "\r\n") {
		return refuse("WithUserAgent", "user agent must be one non-empty line")
	}
	c.UserAgent = ua
	return nil
}

// SetRetry is WithRetry: maxRetries 0 means one attempt (the waits are
// ignored); otherwise 0 < waitMin <= waitMax.
func (c *Common) SetRetry(maxRetries int, waitMin, waitMax time.Duration) *Error {
	switch {
	case maxRetries < 0:
		return refuse("WithRetry", "negative retry count")
	case waitMin < 0 || waitMax < 0:
		return refuse("WithRetry", "negative retry wait")
	case maxRetries == 0:
		c.RetrySet, c.RetryMax, c.WaitMin, c.WaitMax = true, 0, 0, 0
		return nil
	case waitMin == 0 || waitMax < waitMin:
		return refuse("WithRetry", "retry waits must satisfy 0 < waitMin <= waitMax")
	}
	c.RetrySet, c.RetryMax, c.WaitMin, c.WaitMax = true, maxRetries, waitMin, waitMax
	return nil
}

// SetRetryBudget is WithRetryBudget: the retries all calls of the client
// may make together; 0 allows none.
func (c *Common) SetRetryBudget(retries int) *Error {
	if retries < 0 {
		return refuse("WithRetryBudget", "negative retry budget")
	}
	c.RetryBudget = retries
	return nil
}

// SetRetryAfterCap is WithRetryAfterCap: positive.
func (c *Common) SetRetryAfterCap(d time.Duration) *Error {
	if d <= 0 {
		return refuse("WithRetryAfterCap", "the cap must be positive")
	}
	c.RetryAfterCap = d
	return nil
}

// SetClock is WithClock: nil is refused.
func (c *Common) SetClock(now func() time.Time) *Error {
	if now == nil {
		return refuse("WithClock", "nil clock")
	}
	c.Now = now
	return nil
}

// AddMiddleware is WithMiddleware: at least one, none nil; repeated calls
// append, mw[0] outermost.
func AddMiddleware[M ~func(http.RoundTripper) http.RoundTripper](c *Common, mw []M) *Error {
	if len(mw) == 0 {
		return refuse("WithMiddleware", "no middleware given")
	}
	for _, m := range mw {
		if m == nil {
			return refuse("WithMiddleware", "nil middleware")
		}
	}
	for _, m := range mw {
		c.Middleware = append(c.Middleware, rest.Middleware(m))
	}
	return nil
}

// Clock returns the client's notion of now.
func (c *Common) Clock() func() time.Time {
	if c.Now == nil {
		return time.Now
	}
	return c.Now
}

// Apply sets rc's HTTP client, logger, user agent, retries, retry budget,
// Retry-After cap and middleware from c (what c leaves unset keeps the
// pipeline's default).
func (c *Common) Apply(rc *rest.Config) {
	rc.HTTPClient = c.HTTPClient
	rc.Logger = c.Logger
	rc.UserAgent = c.UserAgent
	if c.RetrySet {
		rc.RetryMax, rc.RetryWaitMin, rc.RetryWaitMax = c.RetryMax, c.WaitMin, c.WaitMax
		if c.RetryMax == 0 {
			rc.RetryMax = -1 // rest reads 0 as its default; -1 is none
		}
	}
	if c.RetryBudget >= 0 {
		rc.Budget = rest.NewBudget(c.RetryBudget)
	}
	if c.RetryAfterCap > 0 {
		rc.RetryAfterCap = c.RetryAfterCap
	}
	rc.Middleware = append(rc.Middleware, c.Middleware...)
}
