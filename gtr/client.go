package gtr

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/vaspkit/vaspkit/internal/rest"
)

// GTR's environments (spec §1). Test (UAT) and production are separate
// worlds: separate API keys, certificates, sessions and PII keys.
const (
	ProductionURL = "https://platform.globaltravelrule.com"
	UATURL        = "https://uat-platform.globaltravelrule.com"
)

// Client calls the GTR platform API. It is safe for concurrent use; create
// one per API key and share it. A Client holds all its state itself (or,
// with WithLoginSession, in the session the caller gave it): two Clients
// share nothing the caller did not give both.
type Client struct {
	baseURL     string
	rest        *rest.Client // every call but one_step
	restOneStep *rest.Client // one_step, with its longer per-attempt timeout
	authMode    string       // "login" or "app token", for String

	session      *LoginSession // nil with the app token
	loginExpiry  time.Duration
	loginTimeout time.Duration

	keyPair *KeyPair
	sealers sealerCache

	logger          *slog.Logger
	recoveryTimeout time.Duration
	recoveryWaits   []time.Duration // pauses between recovery queries
	manualMethod    string
	now             func() time.Time
}

// New returns a Client. It does no I/O. It needs exactly one of WithLogin
// (or WithLoginSession) and WithAppToken, and — for an https base URL — a
// client certificate (WithClientCertificate, …PEM, …Files or …PKCS12),
// unless WithHTTPClient hands it a transport that already carries one. A
// plain http base URL is refused unless its host is loopback (a local
// fake). The client never follows a redirect: a 3xx answer is an
// *APIError.
func New(opts ...Option) (*Client, error) {
	cfg := defaultConfig()
	for _, o := range opts {
		if o == nil {
			return nil, &ConfigError{Option: "New", Reason: "nil Option"}
		}
		if err := o(cfg); err != nil {
			return nil, err
		}
	}
	switch {
	case cfg.session == nil && cfg.appToken == nil:
		return nil, &ConfigError{Option: "New", Reason: "no authentication: use WithLogin, WithLoginSession or WithAppToken"}
	case cfg.session != nil && cfg.appToken != nil:
		return nil, &ConfigError{Option: "New", Reason: cfg.sessionOption + " and WithAppToken both given: choose one"}
	}
	if cfg.baseURL == "" {
		cfg.baseURL = cfg.env.URL()
	}
	u, err := url.Parse(cfg.baseURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, &ConfigError{Option: "WithBaseURL", Reason: "not an absolute http(s) URL"}
	}
	if cfg.httpClient != nil {
		if cfg.cert != nil || cfg.rootCAs != nil {
			return nil, &ConfigError{Option: "WithHTTPClient", Reason: "the *http.Client owns TLS: configure the client certificate and root CAs in its transport, not with WithClientCertificate or WithRootCAs"}
		}
	} else {
		if u.Scheme == "https" && cfg.cert == nil {
			return nil, &ConfigError{Option: "New", Reason: "GTR requires mTLS: give the client certificate with WithClientCertificate (or …PEM, …Files, …PKCS12)"}
		}
		if u.Scheme == "http" && cfg.cert != nil {
			return nil, &ConfigError{Option: "WithClientCertificate", Reason: "a client certificate needs an https base URL"}
		}
	}

	c := &Client{
		baseURL:         strings.TrimRight(cfg.baseURL, "/"),
		keyPair:         cfg.keyPair,
		logger:          cfg.logger,
		recoveryTimeout: cfg.recoveryTimeout,
		recoveryWaits:   []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second, 4 * time.Second},
		manualMethod:    cfg.manualMethod,
		now:             cfg.now,
		loginExpiry:     cfg.loginExpiry,
		loginTimeout:    cfg.loginTimeout,
	}

	hc, hcOneStep := cfg.httpClient, cfg.httpClient
	if hc == nil {
		tlsCfg := &tls.Config{MinVersion: tls.VersionTLS12, RootCAs: cfg.rootCAs}
		if cfg.cert != nil {
			tlsCfg.Certificates = []tls.Certificate{*cfg.cert}
		}
		hc = rest.NewHTTPClient(tlsCfg)
		hc.Timeout = cfg.callTimeout
		one := *hc // same transport and connection pool
		one.Timeout = cfg.oneStepTimeout
		hcOneStep = &one
	}
	rc := rest.Config{
		BaseURL:     c.baseURL,
		HTTPClient:  hc,
		DecodeError: decodeError,
		Logger:      cfg.logger,
		UserAgent:   cfg.userAgent,
		Budget:      rest.NewBudget(rest.DefaultBudgetTokens),

		RetryAfterCap: cfg.retryAfterCap,
		Middleware:    cfg.middleware,
	}
	if cfg.retryBudget >= 0 {
		rc.Budget = rest.NewBudget(cfg.retryBudget)
	}
	if cfg.retrySet {
		rc.RetryMax, rc.RetryWaitMin, rc.RetryWaitMax = cfg.retryMax, cfg.retryWaitMin, cfg.retryWaitMax
		if cfg.retryMax == 0 {
			rc.RetryMax = -1 // internal/rest reads 0 as its default; -1 is none
		}
	}
	if cfg.appToken != nil {
		c.authMode = "app token"
		rc.Signer = appTokenSigner(cfg.appToken, cfg.appTokenExpiry, cfg.now)
	} else {
		c.authMode = "login"
	}
	if c.rest, err = rest.New(rc); err != nil {
		if errors.Is(err, rest.ErrPlainHTTP) {
			return nil, &ConfigError{Option: "WithBaseURL", Reason: "plain http is allowed only to a loopback host (127.0.0.0/8, ::1, localhost): GTR's API needs https"}
		}
		return nil, &ConfigError{Option: "New", Reason: err.Error()}
	}
	rc.HTTPClient = hcOneStep
	if c.restOneStep, err = rest.New(rc); err != nil {
		return nil, &ConfigError{Option: "New", Reason: err.Error()}
	}
	if cfg.session != nil { // last: a refused Client leaves the session untouched
		if err := cfg.session.bind(c.baseURL); err != nil {
			return nil, err
		}
		c.session = cfg.session
	}
	return c, nil
}

// String describes the client without credentials.
func (c *Client) String() string {
	if c == nil {
		return "gtr.Client(nil)"
	}
	kp := "none"
	if c.keyPair != nil {
		kp = c.keyPair.PublicKey().String()
	}
	return "gtr.Client{baseURL: " + c.baseURL + ", auth: " + c.authMode + ", piiPublicKey: " + kp + "}"
}

// GoString is String.
func (c *Client) GoString() string { return c.String() }

// Format prints String for every verb, so %+v and %#v cannot reach the
// credentials, tokens or the certificate's private key.
func (c *Client) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, c.String()) }

// apiCall describes one API call for Client.call.
type apiCall struct {
	method    string
	path      string
	query     []string // key, value, key, value …
	body      any
	class     rest.Class
	oneStep   bool   // send with the one_step client
	requestID string // the travel rule's requestId, for APIError
	verdicts  bool   // a verdict status (see IsVerdict) is not a failure
	// decode, when set, replaces decodeEnvelope for a 2xx body (one_step
	// decodes its data in the same pass).
	decode func(raw []byte) (*envelope, error)
}

// call sends ac with authentication and returns GTR's envelope. A
// verifyStatus other than success (or a verdict, when ac.verdicts) is an
// *APIError. With WithLogin, a refused session leads to one new login and
// one repeat of the call; the repeat is safe even for one_step because
// GTR refuses an unauthenticated request before looking at it.
func (c *Client) call(ctx context.Context, ac *apiCall) (*envelope, error) {
	var body []byte
	if ac.body != nil {
		b, err := json.Marshal(ac.body)
		if err != nil {
			return nil, fmt.Errorf("gtr: encode %s request: %w", ac.path, err)
		}
		body = b
	}
	for attempt := 0; ; attempt++ {
		var auth string
		var gen uint64
		if c.session != nil {
			tok, g, err := c.session.authorization(ctx, c)
			if err != nil {
				return nil, &LoginError{Err: err}
			}
			auth, gen = tok.Reveal(), g
		}
		env, err := c.send(ctx, ac, body, auth)
		var ae *APIError
		if c.session != nil && attempt == 0 && errors.As(err, &ae) && ae.authExpired() {
			c.session.invalidate(gen)
			c.log(ctx, "gtr: session refused, logging in again", slog.String("path", ac.path), slog.Int("verifyStatus", int(ae.Code)))
			continue
		}
		return env, err
	}
}

func (c *Client) send(ctx context.Context, ac *apiCall, body []byte, auth string) (*envelope, error) {
	rc := c.rest
	if ac.oneStep {
		rc = c.restOneStep
	}
	var r *rest.Request
	switch ac.method {
	case http.MethodGet:
		r = rc.Get(ac.path)
	case http.MethodPut:
		r = rc.Put(ac.path)
	default:
		r = rc.Post(ac.path)
	}
	for i := 0; i+1 < len(ac.query); i += 2 {
		r.Query(ac.query[i], ac.query[i+1])
	}
	if body != nil {
		r.Raw(body, "application/json")
	}
	if auth != "" {
		r.Header("Authorization", auth)
	}
	var raw []byte
	err := fromRest(r.Retry(ac.class).Into(&raw).Do(ctx))
	if err != nil {
		var ae *APIError
		if errors.As(err, &ae) {
			ae.RequestID = ac.requestID
		}
		return nil, err
	}
	var env *envelope
	if ac.decode != nil {
		env, err = ac.decode(raw)
	} else {
		env, err = decodeEnvelope(raw, ac.path)
	}
	if err != nil {
		return nil, err
	}
	if err := env.outcome(ac.method, ac.path, ac.requestID, ac.verdicts, raw); err != nil {
		var ae *APIError
		if errors.As(err, &ae) {
			return env, err
		}
		return nil, err
	}
	return env, nil
}

// decodeEnvelope decodes a 2xx body.
func decodeEnvelope(raw []byte, path string) (*envelope, error) {
	var env envelope
	if err := json.Unmarshal(raw, &env); err != nil {
		return nil, &MalformedResponseError{Path: path, Reason: "body is not GTR's JSON envelope"}
	}
	return &env, nil
}

// outcome reads a decoded 2xx envelope: nil for success (or a verdict,
// when verdicts), an *APIError for a failure status, and a *MalformedResponseError
// for a body that says neither — an empty object, null, no verifyStatus —
// which is never success. raw is kept as the APIError's Body.
func (e *envelope) outcome(method, path, requestID string, verdicts bool, raw []byte) error {
	if e.VerifyStatus == 0 && e.Success == nil {
		return &MalformedResponseError{Path: path, Reason: "no verifyStatus in the answer"}
	}
	if verdicts && e.VerifyStatus.IsVerdict() {
		return nil
	}
	if e.VerifyStatus == StatusSuccess || (e.VerifyStatus == 0 && *e.Success) {
		return nil
	}
	return &APIError{HTTPStatus: http.StatusOK, Code: e.VerifyStatus, Message: e.message(), RequestID: requestID,
		Method: method, Path: path, Body: raw}
}

// log writes one of the client's own events (never PII or credentials).
func (c *Client) log(ctx context.Context, msg string, attrs ...slog.Attr) {
	if c.logger == nil {
		return
	}
	c.logger.LogAttrs(ctx, slog.LevelInfo, msg, attrs...)
}

// warn is log at level Warn.
func (c *Client) warn(ctx context.Context, msg string, attrs ...slog.Attr) {
	if c.logger == nil {
		return
	}
	c.logger.LogAttrs(ctx, slog.LevelWarn, msg, attrs...)
}

// sealerCache keeps one Sealer (precomputed NaCl shared key) per peer
// public key, so repeated traffic with a VASP skips the X25519 work.
type sealerCache struct {
	mu sync.Mutex
	m  map[PublicKey]*Sealer
}

const maxCachedSealers = 1024

func (sc *sealerCache) get(kp *KeyPair, peer PublicKey) (*Sealer, error) {
	sc.mu.Lock()
	s := sc.m[peer]
	sc.mu.Unlock()
	if s != nil {
		return s, nil
	}
	s, err := kp.Sealer(peer)
	if err != nil {
		return nil, err
	}
	sc.mu.Lock()
	if sc.m == nil || len(sc.m) >= maxCachedSealers {
		sc.m = make(map[PublicKey]*Sealer)
	}
	sc.m[peer] = s
	sc.mu.Unlock()
	return s, nil
}
