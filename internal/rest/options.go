package rest

// The options the three clients share — HTTP client, logger, user agent,
// retries, retry budget, Retry-After cap, clock and middleware — validated
// once, with the same meaning and zero values everywhere. Each client
// package declares its own With… functions and ConfigError and calls these
// setters; Apply moves the result into the pipeline's Config.
import (
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// OptionError is an option's refusal: the option's name and why. A package turns
// it into its own *ConfigError.
type OptionError struct{ Option, Reason string }

func refuse(option, reason string) *OptionError { return &OptionError{Option: option, Reason: reason} }

// Into returns nil for a nil e (the option was accepted), else mk's error
// for e's option and reason: the package's own *ConfigError, so that no
// type of this package reaches a user.
func (e *OptionError) Into(mk func(option, reason string) error) error {
	if e == nil {
		return nil
	}
	return mk(e.Option, e.Reason)
}

// EnvironmentName is the String of gtr's and travelrule's Environment
// (Sandbox = 1, Production = 2): "sandbox", "production", or
// "Environment(n)" for any other value.
func EnvironmentName(env int) string {
	switch env {
	case 1:
		return "sandbox"
	case 2:
		return "production"
	}
	return "Environment(" + strconv.Itoa(env) + ")"
}

// Options holds the shared options. Start from NewOptions.
type Options struct {
	HTTPClient       *http.Client
	Logger           *slog.Logger
	UserAgent        string
	RetrySet         bool
	RetryMax         int // with RetrySet: retries after the first attempt (0: none)
	WaitMin, WaitMax time.Duration
	RetryBudget      int // -1: the pipeline's default budget
	RetryAfterCap    time.Duration
	Now              func() time.Time // nil: time.Now
	Middleware       []Middleware
}

// NewOptions returns the shared options with nothing set.
func NewOptions() Options { return Options{RetryBudget: -1} }

// SetHTTPClient is WithHTTPClient: nil is refused.
func (c *Options) SetHTTPClient(hc *http.Client) *OptionError {
	if hc == nil {
		return refuse("WithHTTPClient", "nil *http.Client")
	}
	c.HTTPClient = hc
	return nil
}

// SetLogger is WithLogger: nil is refused (no option means silent).
func (c *Options) SetLogger(l *slog.Logger) *OptionError {
	if l == nil {
		return refuse("WithLogger", "nil logger")
	}
	c.Logger = l
	return nil
}

// SetUserAgent is WithUserAgent: one non-empty line.
func (c *Options) SetUserAgent(ua string) *OptionError {
	if strings.TrimSpace(ua) == "" || strings.ContainsAny(ua, "\r\n") {
		return refuse("WithUserAgent", "user agent must be one non-empty line")
	}
	c.UserAgent = ua
	return nil
}

// SetRetry is WithRetry: maxRetries 0 means one attempt (the waits are
// ignored); otherwise 0 < waitMin <= waitMax.
func (c *Options) SetRetry(maxRetries int, waitMin, waitMax time.Duration) *OptionError {
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
func (c *Options) SetRetryBudget(retries int) *OptionError {
	if retries < 0 {
		return refuse("WithRetryBudget", "negative retry budget")
	}
	c.RetryBudget = retries
	return nil
}

// SetRetryAfterCap is WithRetryAfterCap: positive.
func (c *Options) SetRetryAfterCap(d time.Duration) *OptionError {
	if d <= 0 {
		return refuse("WithRetryAfterCap", "the cap must be positive")
	}
	c.RetryAfterCap = d
	return nil
}

// SetClock is WithClock: nil is refused.
func (c *Options) SetClock(now func() time.Time) *OptionError {
	if now == nil {
		return refuse("WithClock", "nil clock")
	}
	c.Now = now
	return nil
}

// AddMiddleware is WithMiddleware: at least one, none nil; repeated calls
// append, mw[0] outermost.
func AddMiddleware[M ~func(http.RoundTripper) http.RoundTripper](c *Options, mw []M) *OptionError {
	if len(mw) == 0 {
		return refuse("WithMiddleware", "no middleware given")
	}
	for _, m := range mw {
		if m == nil {
			return refuse("WithMiddleware", "nil middleware")
		}
	}
	for _, m := range mw {
		c.Middleware = append(c.Middleware, Middleware(m))
	}
	return nil
}

// Clock returns the client's notion of now.
func (c *Options) Clock() func() time.Time {
	if c.Now == nil {
		return time.Now
	}
	return c.Now
}

// Apply sets rc's HTTP client, logger, user agent, retries, retry budget,
// Retry-After cap and middleware from c (what c leaves unset keeps the
// pipeline's default).
func (c *Options) Apply(rc *Config) {
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
		rc.Budget = NewBudget(c.RetryBudget)
	}
	if c.RetryAfterCap > 0 {
		rc.RetryAfterCap = c.RetryAfterCap
	}
	rc.Middleware = append(rc.Middleware, c.Middleware...)
}
