package monitoring

import (
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/vaspkit/vaspkit/internal/rest"
	"github.com/vaspkit/vaspkit/internal/sign"
)

// Option configures a Client. Options are checked by New, which rejects a
// bad one without doing any I/O.
type Option func(*config) error

type config struct {
	baseURL string
	common  rest.Options // the options every client shares

	token, secret sign.Secret

	limiter   Limiter
	noLimiter bool

	strictEnums bool
}

func defaultConfig() config {
	c := config{baseURL: defaultBaseURL, common: rest.NewOptions()}
	c.common.SetRetry(defaultRetryMax, defaultRetryWaitMin, defaultRetryWaitMax)
	return c
}

// configError turns a shared option's refusal into a *ConfigError.
func configError(e *rest.OptionError) error { return e.Into(optErr) }

func optErr(option, reason string) error {
	return &ConfigError{Option: option, Reason: reason}
}

// WithAppToken sets the app token and its secret key (Dashboard → Dev
// space → App tokens). Required. Sandbox tokens start with "sbx:",
// production ones with "prd:"; both use the same base URL.
func WithAppToken(token, secret string) Option {
	return func(c *config) error {
		if token == "" || secret == "" {
			return optErr("WithAppToken", "needs a token and a secret")
		}
		c.token, c.secret = sign.NewSecret(token), sign.NewSecret(secret)
		return nil
	}
}

// WithBaseURL sets the API base URL (default https://api.sumsub.com, for
// sandbox and production alike: the app token decides), e.g. a
// monitoringtest server's URL. It must be https, except to a loopback host
// (127.0.0.0/8, ::1, localhost), where plain http is allowed for tests:
// over plain http the signed requests and their personal data would cross
// the network in clear.
func WithBaseURL(u string) Option {
	return func(c *config) error {
		if u == "" {
			return optErr("WithBaseURL", "needs a URL")
		}
		if p, err := url.Parse(u); err == nil && strings.EqualFold(p.Scheme, "http") && !rest.IsLoopbackHost(p.Hostname()) {
			return optErr("WithBaseURL", errPlainHTTP)
		}
		c.baseURL = u
		return nil
	}
}

// errPlainHTTP explains why an http:// base URL was refused.
const errPlainHTTP = rest.PlainHTTPReason

// WithHTTPClient sets the *http.Client requests go through, used as given
// (httpmock.ActivateNonDefault works on it).
func WithHTTPClient(hc *http.Client) Option {
	return func(c *config) error { return configError(c.common.SetHTTPClient(hc)) }
}

// WithLogger logs one line per HTTP attempt: method, path, status, attempt,
// duration and request id — never bodies, query values or headers. The
// default (no WithLogger) is silent; a nil logger is an error.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error { return configError(c.common.SetLogger(l)) }
}

// WithUserAgent replaces the User-Agent header.
func WithUserAgent(ua string) Option {
	return func(c *config) error { return configError(c.common.SetUserAgent(ua)) }
}

// Retry defaults. Sumsub publishes no retry policy; 429 and 5xx are
// retried with jittered exponential backoff from one second.
const (
	defaultRetryMax     = 3
	defaultRetryWaitMin = time.Second
	defaultRetryWaitMax = 10 * time.Second
)

// WithRetry sets how many times a failed call is retried and the bounds of
// the jittered exponential backoff between attempts. Only failures a retry
// can cure are retried: transport errors, 429 and 5xx, and for calls Sumsub
// cannot deduplicate only failures that provably never reached it. The
// default is 3 retries, waiting 1s to 10s (Sumsub publishes no retry
// policy).
//
// maxRetries 0 turns retries off: every call is sent once, and the waits,
// irrelevant then, may be zero (WithRetry(0, 0, 0)). With retries, waits
// need 0 < waitMin <= waitMax. Negative values are rejected.
func WithRetry(maxRetries int, waitMin, waitMax time.Duration) Option {
	return func(c *config) error { return configError(c.common.SetRetry(maxRetries, waitMin, waitMax)) }
}

// WithRetryAfterCap sets the longest Retry-After the client waits out
// (default 30s); a longer one is shortened to it.
func WithRetryAfterCap(d time.Duration) Option {
	return func(c *config) error { return configError(c.common.SetRetryAfterCap(d)) }
}

// WithRetryBudget sets how many retries the client may spend across all
// calls when Sumsub keeps failing (default 100); each success earns a fifth
// of a retry back. It keeps a struggling server from a retry storm, and is
// shared by every call of the Client. 0 allows no retries at all; negative
// values are rejected.
func WithRetryBudget(retries int) Option {
	return func(c *config) error { return configError(c.common.SetRetryBudget(retries)) }
}

// Sumsub's documented limit for POST requests per app token.
const (
	defaultRateLimit  = 50
	defaultRatePeriod = 5 * time.Second
)

// WithRateLimit sizes the client-side limiter on POST requests: bursts of
// up to n, n per period on average (default 50 per 5 s, Sumsub's
// documented limit per app token). When several replicas share one app
// token, give each its share (e.g. 50/replicas per 5 s), or share one
// limiter with WithLimiter. n and per must be positive.
func WithRateLimit(n int, per time.Duration) Option {
	return func(c *config) error {
		if n <= 0 || per <= 0 {
			return optErr("WithRateLimit", "needs n > 0 and per > 0")
		}
		c.limiter, c.noLimiter = newRateLimiter(n, per), false
		return nil
	}
}

// WithLimiter replaces the POST limiter, e.g. by one *rate.Limiter
// (golang.org/x/time/rate) shared by several clients, or by a Limiter
// shared across replicas through a store of your own.
func WithLimiter(l Limiter) Option {
	return func(c *config) error {
		if l == nil {
			return optErr("WithLimiter", "needs a limiter")
		}
		c.limiter, c.noLimiter = l, false
		return nil
	}
}

// WithoutRateLimit turns the client-side POST limiter off; Sumsub's 429s
// are still retried.
func WithoutRateLimit() Option {
	return func(c *config) error {
		c.limiter, c.noLimiter = nil, true
		return nil
	}
}

// WithClock sets the client's notion of now, used for the request
// signatures' timestamps (default time.Now). A nil clock is an error.
func WithClock(now func() time.Time) Option {
	return func(c *config) error { return configError(c.common.SetClock(now)) }
}

// WithStrictEnums turns on a typo guard: before anything is sent, a
// transaction type other than this package's TxnType constants, a
// userPlatformEventInfo.type other than its EventType constants, or an
// info.direction other than in or out is refused with a
// *ValidationError (rule ENUM). It is off by default: Sumsub decides on
// values it may have added since this package was released, and a client
// that refused them would break until upgraded.
func WithStrictEnums() Option {
	return func(c *config) error {
		c.strictEnums = true
		return nil
	}
}

// Middleware wraps the http.RoundTripper of every HTTP attempt: it sees
// each attempt (retries included) after signing, as it goes out, and its
// response as it comes back. A middleware that changes the request's
// signed parts (method, path, query, body, the X-App-* headers) breaks
// the signature.
type Middleware func(next http.RoundTripper) http.RoundTripper

// WithMiddleware adds middleware around every HTTP attempt, after signing
// (and after the client-side rate limiter's wait): mw[0] is outermost.
// Repeated WithMiddleware options append, the first given outermost. No
// argument or a nil Middleware is an error.
func WithMiddleware(mw ...Middleware) Option {
	return func(c *config) error { return configError(rest.AddMiddleware(&c.common, mw)) }
}
