package rest

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"time"

	"github.com/vaspkit/vaspkit/internal/version"
)

// Signer signs one attempt of a request. body is exactly the bytes that
// attempt sends (nil when there is none); req.URL is the full URL, query
// included. Sign is called again on every retry, so each attempt carries a
// fresh timestamp. It is called as the attempt is handed to the transport.
// A Client never follows a redirect, so neither the body nor anything Sign
// adds ever goes to another URL.
type Signer interface {
	Sign(req *http.Request, body []byte) error
}

// Limiter is the pipeline's rate-limiting stage: Wait is called before
// every attempt of one of Methods (all methods when empty). A Wait error
// ends the call with nothing sent, as a *LimitError.
type Limiter struct {
	Wait    func(ctx context.Context) error
	Methods []string
}

// SignerFunc adapts a function to Signer.
type SignerFunc func(req *http.Request, body []byte) error

// Sign calls f.
func (f SignerFunc) Sign(req *http.Request, body []byte) error { return f(req, body) }

// ErrorDecoder turns a non-2xx response into the client package's typed
// error. It must not keep a reference to resp.Body after returning.
type ErrorDecoder func(resp *ErrorResponse) error

// Defaults used when the Config leaves a field zero.
const (
	DefaultRetryMax         = 3
	DefaultRetryWaitMin     = 250 * time.Millisecond
	DefaultRetryWaitMax     = 5 * time.Second
	DefaultRetryAfterCap    = 30 * time.Second
	DefaultMaxResponseBytes = 10 << 20
	DefaultTimeout          = 60 * time.Second
)

// Config configures a Client. Only BaseURL is required.
type Config struct {
	// BaseURL is the scheme, host and optional base path every request
	// path is appended to, e.g. "https://api.example.com/api/v1".
	BaseURL string
	// HTTPClient is used exactly as given, so
	// httpmock.ActivateNonDefault(HTTPClient) works. Nil means a client
	// from NewHTTPClient.
	HTTPClient *http.Client
	// Signer signs every attempt. Nil sends requests unsigned.
	Signer Signer
	// Limiter, when set, is waited on before every attempt of the methods
	// it covers, before signing (so a signature's timestamp is fresh).
	Limiter *Limiter
	// DecodeError builds the typed error for a non-2xx response. Nil
	// means a generic *StatusError.
	DecodeError ErrorDecoder
	// Logger receives one line per attempt. Nil is silent.
	Logger *slog.Logger
	// UserAgent overrides the default "vaspkit-go/<version>".
	UserAgent string
	// RequestIDHeaders are the response headers searched, in order, for
	// the provider's request id (logged and reported in Meta).
	RequestIDHeaders []string

	// RetryMax is the number of retries after the first attempt. Zero
	// means DefaultRetryMax; a negative value disables retries.
	RetryMax int
	// RetryWaitMin and RetryWaitMax bound the exponential backoff.
	RetryWaitMin, RetryWaitMax time.Duration
	// RetryAfterCap is the longest Retry-After the client will wait out;
	// a longer one is shortened to it.
	RetryAfterCap time.Duration
	// Budget limits retries across all calls of the client. Nil means
	// NewBudget(DefaultBudgetTokens).
	Budget *Budget
	// MaxResponseBytes limits how much of a response body is read.
	MaxResponseBytes int64
	// Middleware wraps the transport of every attempt, after signing:
	// Middleware[0] is outermost. It sees each attempt as it is sent
	// (signed, with its final headers) and its response, whatever the
	// transport (the caller's, mTLS, httpmock).
	Middleware []Middleware
	// DefaultClass is the retry class of a request that does not set one:
	// zero means Safe for GET and HEAD and Ambiguous for everything else.
	DefaultClass Class
}

// Client sends requests built with Get, Post, Put, Patch and Delete. It is
// safe for concurrent use.
type Client struct {
	base        *url.URL
	basePath    string // base.EscapedPath(), computed once
	hc          *http.Client
	signer      Signer
	limiter     *Limiter
	decodeError ErrorDecoder
	logger      *slog.Logger
	userAgent   string
	requestIDs  []string
	retryMax    int
	waitMin     time.Duration
	waitMax     time.Duration
	afterCap    time.Duration
	budget      *Budget
	maxBody     int64
	defClass    Class
	middleware  []Middleware
}

// Middleware wraps an http.RoundTripper.
type Middleware func(next http.RoundTripper) http.RoundTripper

// PlainHTTPReason is why an http:// base URL to a host that is not
// loopback is refused: ErrPlainHTTP's text, and the client packages'
// ConfigError reason for it.
const PlainHTTPReason = "plain http is allowed only to a loopback host (127.0.0.0/8, ::1, localhost); use https"

// ErrPlainHTTP is returned by New for an http:// base URL whose host is not
// loopback: credentials, signatures and PII would cross the network in
// clear.
var ErrPlainHTTP = errors.New("rest: base URL: " + PlainHTTPReason)

// IsLoopbackHost reports whether host (a URL's Hostname: no port, no
// brackets) is "localhost" or a loopback IP address.
func IsLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return false
	}
	return ip.Unmap().IsLoopback()
}

// New validates cfg and returns a Client. It does no I/O. A base URL may
// use plain http only to a loopback host (ErrPlainHTTP).
func New(cfg Config) (*Client, error) {
	if cfg.BaseURL == "" {
		return nil, errors.New("rest: base URL is required")
	}
	u, err := url.Parse(cfg.BaseURL)
	if err != nil {
		return nil, fmt.Errorf("rest: base URL does not parse: %w", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("rest: base URL scheme %q is not http or https", u.Scheme)
	}
	if u.Host == "" {
		return nil, errors.New("rest: base URL has no host")
	}
	if u.Scheme == "http" && !IsLoopbackHost(u.Hostname()) {
		return nil, ErrPlainHTTP
	}
	if u.User != nil {
		return nil, errors.New("rest: base URL must not carry credentials")
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, errors.New("rest: base URL must not carry a query or fragment")
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	// As http.NewRequest does with the Host it sends: "host:" is "host".
	u.Host = strings.TrimSuffix(u.Host, ":")

	c := &Client{
		base:        u,
		basePath:    u.EscapedPath(),
		hc:          cfg.HTTPClient,
		signer:      cfg.Signer,
		limiter:     cfg.Limiter,
		decodeError: cfg.DecodeError,
		logger:      cfg.Logger,
		userAgent:   cfg.UserAgent,
		requestIDs:  cfg.RequestIDHeaders,
		retryMax:    cfg.RetryMax,
		waitMin:     cfg.RetryWaitMin,
		waitMax:     cfg.RetryWaitMax,
		afterCap:    cfg.RetryAfterCap,
		budget:      cfg.Budget,
		maxBody:     cfg.MaxResponseBytes,
		defClass:    cfg.DefaultClass,
		middleware:  cfg.Middleware,
	}
	for _, mw := range c.middleware {
		if mw == nil {
			return nil, errors.New("rest: nil middleware")
		}
	}
	if c.limiter != nil && c.limiter.Wait == nil {
		return nil, errors.New("rest: a Limiter needs a Wait function")
	}
	if c.hc == nil {
		c.hc = NewHTTPClient(nil)
	}
	if c.userAgent == "" {
		c.userAgent = version.UserAgent
	}
	switch {
	case c.retryMax == 0:
		c.retryMax = DefaultRetryMax
	case c.retryMax < 0:
		c.retryMax = 0
	}
	if c.waitMin <= 0 {
		c.waitMin = DefaultRetryWaitMin
	}
	if c.waitMax <= 0 {
		c.waitMax = DefaultRetryWaitMax
	}
	if c.waitMax < c.waitMin {
		return nil, errors.New("rest: RetryWaitMax is shorter than RetryWaitMin")
	}
	if c.afterCap <= 0 {
		c.afterCap = DefaultRetryAfterCap
	}
	if c.budget == nil {
		c.budget = NewBudget(DefaultBudgetTokens)
	}
	if c.maxBody <= 0 {
		c.maxBody = DefaultMaxResponseBytes
	}
	if c.defClass < 0 || c.defClass > Ambiguous {
		return nil, fmt.Errorf("rest: unknown default retry class %d", c.defClass)
	}
	return c, nil
}

// HTTPClient returns the *http.Client the pipeline sends through.
func (c *Client) HTTPClient() *http.Client { return c.hc }

// BaseURL returns a copy of the base URL.
func (c *Client) BaseURL() *url.URL {
	u := *c.base
	return &u
}

// NewHTTPClient returns an *http.Client suited to API traffic: a clone of
// http.DefaultTransport that keeps enough idle connections per host for
// concurrent callers (so connections are reused instead of opened per
// request), with tlsConfig when given, and an overall timeout of
// DefaultTimeout per attempt.
func NewHTTPClient(tlsConfig *tls.Config) *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConns = 256
	tr.MaxIdleConnsPerHost = 128
	if tlsConfig != nil {
		tr.TLSClientConfig = tlsConfig
	}
	return &http.Client{Transport: tr, Timeout: DefaultTimeout}
}
