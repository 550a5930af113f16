package gtr

import (
	"bytes"
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
	baseURL  string
	rest     *rest.Client
	authMode string // "login" or "app token", for String
	// oneStepTimeout bounds each attempt of one_step (AttemptTimeout);
	// zero with WithHTTPClient, whose Timeout applies to every call.
	oneStepTimeout time.Duration

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
		cfg.baseURL = cfg.env.url()
	}
	u, err := url.Parse(cfg.baseURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, &ConfigError{Option: "WithBaseURL", Reason: "not an absolute http(s) URL"}
	}
	if cfg.common.HTTPClient != nil {
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
		logger:          cfg.common.Logger,
		recoveryTimeout: cfg.recoveryTimeout,
		recoveryWaits:   recoveryWaits(cfg.common.WaitMin, cfg.common.WaitMax),
		manualMethod:    cfg.manualMethod,
		now:             cfg.common.Clock(),
		loginExpiry:     cfg.loginExpiry,
		loginTimeout:    cfg.loginTimeout,
	}

	hc := cfg.common.HTTPClient
	if hc == nil {
		tlsCfg := &tls.Config{MinVersion: tls.VersionTLS12, RootCAs: cfg.rootCAs}
		if cfg.cert != nil {
			tlsCfg.Certificates = []tls.Certificate{*cfg.cert}
		}
		hc = rest.NewHTTPClient(tlsCfg)
		hc.Timeout = cfg.callTimeout
		c.oneStepTimeout = cfg.oneStepTimeout
	}
	rc := rest.Config{
		BaseURL:     c.baseURL,
		DecodeError: decodeError,
		// GTR publishes no request-id header; one a gateway (or the
		// gtrtest fake) adds is reported in Meta.RequestID.
		RequestIDHeaders: []string{requestIDHeader},
	}
	cfg.common.Apply(&rc)
	rc.HTTPClient = hc
	if cfg.appToken != nil {
		c.authMode = "app token"
		rc.Signer = appTokenSigner(cfg.appToken, cfg.appTokenExpiry, cfg.common.Clock())
	} else {
		c.authMode = "login"
	}
	if c.rest, err = rest.New(rc); err != nil {
		if errors.Is(err, rest.ErrPlainHTTP) {
			return nil, &ConfigError{Option: "WithBaseURL", Reason: "plain http is allowed only to a loopback host (127.0.0.0/8, ::1, localhost): GTR's API needs https"}
		}
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

// recoveryWaits are the pauses between OneStep's recovery queries: four,
// doubling from WithRetry's waitMin and capped at its waitMax, so a client
// with short retry waits (a test's) also recovers quickly. Without
// WithRetry, or with WithRetry(0, …), they are 0.5, 1, 2 and 4 s.
func recoveryWaits(waitMin, waitMax time.Duration) []time.Duration {
	if waitMin <= 0 || waitMax < waitMin {
		waitMin, waitMax = 500*time.Millisecond, 4*time.Second
	}
	waits := make([]time.Duration, 4)
	for i, w := 0, waitMin; i < len(waits); i, w = i+1, w*2 {
		waits[i] = min(w, waitMax)
	}
	return waits
}

// text describes the client without credentials.
func (c *Client) text() string {
	if c == nil {
		return "gtr.Client(nil)"
	}
	kp := "none"
	if c.keyPair != nil {
		kp = c.keyPair.PublicKey().String()
	}
	return "gtr.Client{baseURL: " + c.baseURL + ", auth: " + c.authMode + ", piiPublicKey: " + kp + "}"
}

// Format prints the base URL, the authentication mode and the PII public
// key for every verb, so %+v and %#v cannot reach the
// credentials, tokens or the certificate's private key.
func (c *Client) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, c.text()) }

// requestIDHeader is the response header read for Meta.RequestID.
const requestIDHeader = "X-Request-Id"

// answer is the Into target of every call: it reads GTR's envelope from a
// 2xx body and judges it (envelope.outcome), so a failure verifyStatus in
// a 2xx answer leaves the pipeline as an error, like a non-2xx status.
// Set requestID, verdicts and oneStep before the call; envelope and meta
// hold what came back.
type answer struct {
	envelope
	requestID string // the travel rule's requestId, for an APIError
	verdicts  bool   // a verdict status (see IsVerdict) is not a failure
	oneStep   bool   // decode one_step's data in the same pass
	meta      Meta   // how the call went, the repeat after a new login included
}

// UnmarshalJSON decodes and judges a 2xx body. Its error reaches the
// caller through fromRest: an *APIError, or a *MalformedResponseError for
// a body that is not GTR's envelope or says neither success nor failure.
func (a *answer) UnmarshalJSON(raw []byte) error {
	var env *envelope
	var err error
	if a.oneStep {
		env, err = decodeOneStepAnswer(raw)
	} else {
		env, err = decodeEnvelope(raw, "")
	}
	if err != nil {
		return err
	}
	a.envelope = *env
	return a.outcome(a.verdicts, raw)
}

// do sends the request build makes with c.rest's builder (method, path,
// query, body, retry class, timeout) and reads GTR's envelope from the
// answer into a. It is the stage where a call meets the login session:
// with WithLogin it sets the session's Authorization header (logging in
// first when needed), and a refused session leads to one new login and
// one repeat of the call — safe even for one_step, because GTR refuses an
// unauthenticated request before looking at it. build runs again for the
// repeat, since a rest.Request is used once. With WithAppToken, c.rest's
// signer authenticates every attempt instead.
func (c *Client) do(ctx context.Context, a *answer, build func() *rest.Request) error {
	for repeat := false; ; repeat = true {
		r := build()
		var gen uint64
		if c.session != nil {
			tok, g, err := c.session.authorization(ctx, c)
			if err != nil {
				return &LoginError{Err: err}
			}
			r.Header("Authorization", tok.Reveal())
			gen = g
		}
		var m rest.Meta
		err := fromRest(r.Into(a).Meta(&m).Do(ctx))
		a.meta = Meta{RequestID: m.RequestID, HTTPStatus: m.StatusCode, Attempts: a.meta.Attempts + m.Attempts}
		var ae *APIError
		if errors.As(err, &ae) {
			ae.RequestID = a.requestID
			if c.session != nil && !repeat && ae.authExpired() {
				c.session.invalidate(gen)
				c.log(ctx, "gtr: session refused, logging in again", slog.String("path", ae.Path), slog.Int("verifyStatus", int(ae.Code)))
				continue
			}
		}
		return err
	}
}

// decodeEnvelope decodes a 2xx body. path may be empty when fromRest
// fills it in.
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
// which is never success. A copy of raw is kept as the APIError's Body.
// The errors name no method or path: fromRest adds them.
func (e *envelope) outcome(verdicts bool, raw []byte) error {
	if e.VerifyStatus == 0 && e.Success == nil {
		return &MalformedResponseError{Reason: "no verifyStatus in the answer"}
	}
	if verdicts && e.VerifyStatus.IsVerdict() {
		return nil
	}
	if e.VerifyStatus == StatusSuccess || (e.VerifyStatus == 0 && *e.Success) {
		return nil
	}
	return &APIError{HTTPStatus: http.StatusOK, Code: e.VerifyStatus, Message: e.message(), Body: bytes.Clone(raw)}
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
	m  map[PublicKey]*piiSealer
}

const maxCachedSealers = 1024

func (sc *sealerCache) get(kp *KeyPair, peer PublicKey) (*piiSealer, error) {
	sc.mu.Lock()
	s := sc.m[peer]
	sc.mu.Unlock()
	if s != nil {
		return s, nil
	}
	s, err := kp.newSealer(peer)
	if err != nil {
		return nil, err
	}
	sc.mu.Lock()
	if sc.m == nil || len(sc.m) >= maxCachedSealers {
		sc.m = make(map[PublicKey]*piiSealer)
	}
	sc.m[peer] = s
	sc.mu.Unlock()
	return s, nil
}
