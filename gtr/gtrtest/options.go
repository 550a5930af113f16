package gtrtest

import (
	"time"

	"github.com/vaspkit/vaspkit/fakefault"
	"github.com/vaspkit/vaspkit/gtr"
)

// Option configures a Server.
type Option func(*config)

type config struct {
	vaspCode        string
	latency         time.Duration
	faults          []fakefault.Fault
	seed            uint64
	tokenTTL        time.Duration
	appTokenSkew    time.Duration
	now             func() time.Time
	numericIDs      bool
	memberKey       gtr.PublicKey
	callbackTimeout time.Duration
	verbose         bool
}

func defaultConfig() config {
	return config{
		vaspCode:        DefaultVASPCode,
		appTokenSkew:    DefaultAppTokenSkew,
		now:             time.Now,
		callbackTimeout: 10 * time.Second,
		seed:            1,
	}
}

// WithVASPCode sets the member's VASP code (default DefaultVASPCode).
func WithVASPCode(code string) Option {
	return func(c *config) {
		if code != "" {
			c.vaspCode = code
		}
	}
}

// WithLatency delays every answer by d (the request's context still ends
// the wait).
func WithLatency(d time.Duration) Option {
	return func(c *config) { c.latency = d }
}

// WithFaults injects faults from the start (see Fault; Server.InjectFault
// adds more at run time). NewServer fails on an invalid fault.
func WithFaults(faults ...fakefault.Fault) Option {
	return func(c *config) { c.faults = append(c.faults, faults...) }
}

// WithSeed seeds the generator behind Fault.Rate (default 1), so a fault
// schedule repeats.
func WithSeed(seed uint64) Option {
	return func(c *config) { c.seed = seed }
}

// WithTokenTTL caps the lifetime of login tokens: a token expires after d
// even when the login asked for longer or for no expiry (see also
// Server.ExpireSessions).
func WithTokenTTL(d time.Duration) Option {
	return func(c *config) { c.tokenTTL = d }
}

// WithAppTokenSkew sets how far an app token's timestamp may lie from the
// fake's clock (default DefaultAppTokenSkew).
func WithAppTokenSkew(d time.Duration) Option {
	return func(c *config) { c.appTokenSkew = d }
}

// WithClock replaces the fake's clock (token expiry, app-token timestamps,
// record times).
func WithClock(now func() time.Time) Option {
	return func(c *config) {
		if now != nil {
			c.now = now
		}
	}
}

// WithNumericFieldIDs writes verify-field ids as JSON numbers (110026)
// instead of strings ("110026"), as one of GTR's examples does, to test
// clients that must accept both.
func WithNumericFieldIDs() Option {
	return func(c *config) { c.numericIDs = true }
}

// WithMemberPublicKey sets the member's PII public key (see
// Server.SetMemberPublicKey).
func WithMemberPublicKey(pub gtr.PublicKey) Option {
	return func(c *config) { c.memberKey = pub }
}

// WithCallbackTimeout bounds each callback the platform delivers (default
// 10 s).
func WithCallbackTimeout(d time.Duration) Option {
	return func(c *config) {
		if d > 0 {
			c.callbackTimeout = d
		}
	}
}

// WithVerbose logs each request's path and outcome to the test log (never
// bodies).
func WithVerbose() Option {
	return func(c *config) { c.verbose = true }
}
