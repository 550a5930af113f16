package gtr

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"software.sslmate.com/src/go-pkcs12"

	"github.com/vaspkit/vaspkit/internal/rest"
	"github.com/vaspkit/vaspkit/internal/sign"
)

// Option configures a Client. Options are applied in order; New reports
// the first invalid one.
type Option func(*config) error

// Default timeouts (spec §1). A one_step waits for the counterparty (GTR
// allows it about 5 s), so it gets more time than other calls.
const (
	defaultOneStepTimeout  = 30 * time.Second // per attempt of one_step
	defaultCallTimeout     = 10 * time.Second // per attempt of every other call
	defaultRecoveryTimeout = 30 * time.Second // the query after an ambiguous one_step failure
	defaultLoginExpiry     = 24 * time.Hour   // expireInMinutes sent at login
	defaultLoginTimeout    = 30 * time.Second // one login, its retries included
	defaultAppTokenExpiry  = 60 * time.Second // "expires" of each app token
)

// config is what the options set; New turns it into a Client.
type config struct {
	baseURL string // WithBaseURL; empty: the environment's URL
	env     Environment
	cert    *tls.Certificate
	rootCAs *x509.CertPool
	keyPair *KeyPair

	session        *LoginSession // WithLogin, WithLoginSession
	sessionOption  string        // which of the two, for errors
	loginExpiry    time.Duration
	loginTimeout   time.Duration
	appToken       *appTokenCreds
	appTokenExpiry time.Duration

	common rest.Options // the options every client shares

	oneStepTimeout  time.Duration
	callTimeout     time.Duration
	recoveryTimeout time.Duration
	manualMethod    string
}

func defaultConfig() *config {
	return &config{
		env:             Sandbox,
		loginExpiry:     defaultLoginExpiry,
		loginTimeout:    defaultLoginTimeout,
		appTokenExpiry:  defaultAppTokenExpiry,
		oneStepTimeout:  defaultOneStepTimeout,
		callTimeout:     defaultCallTimeout,
		recoveryTimeout: defaultRecoveryTimeout,
		manualMethod:    http.MethodPut,
		common:          rest.NewOptions(),
	}
}

// configError turns a shared option's refusal into a *ConfigError.
func configError(e *rest.OptionError) error { return e.Into(newConfigError) }

// newConfigError is the *ConfigError refusing option for reason.
func newConfigError(option, reason string) error { return &ConfigError{Option: option, Reason: reason} }

// loginCreds are a LoginSession's credentials. Only the SHA-512 of the
// secret key is kept, in a redacting sign.Secret.
type loginCreds struct {
	vaspCode        string
	accessKey       string
	signedSecretKey sign.Secret
}

// appTokenCreds are the WithAppToken credentials.
type appTokenCreds struct {
	vaspCode  string
	accessKey string
	secretKey sign.Secret
}

// Environment is a GTR platform: Sandbox (GTR's UAT platform) or
// Production. A client reaches production only when asked.
type Environment int

// GTR environments.
const (
	// Sandbox is GTR's UAT platform, UATURL: the default.
	Sandbox Environment = iota + 1
	// Production is GTR's production platform, ProductionURL.
	Production
)

// String returns "sandbox" or "production".
func (e Environment) String() string { return rest.EnvironmentName(int(e)) }

// url returns the environment's base URL: UATURL or ProductionURL.
func (e Environment) url() string {
	switch e {
	case Sandbox:
		return UATURL
	case Production:
		return ProductionURL
	}
	return ""
}

// WithEnvironment selects the platform the client talks to: Sandbox (the
// default, UATURL) or Production (ProductionURL). WithBaseURL, when given,
// wins over it.
func WithEnvironment(env Environment) Option {
	return func(c *config) error {
		if env.url() == "" {
			return &ConfigError{Option: "WithEnvironment", Reason: fmt.Sprintf("unknown environment %d", int(env))}
		}
		c.env = env
		return nil
	}
}

// WithBaseURL sets the API base URL: a fake such as gtrtest's, or a proxy.
// Without it the client uses its environment's URL (WithEnvironment: UATURL
// by default, ProductionURL only when asked for). It must be https, except for a loopback
// host (127.0.0.0/8, ::1, localhost): New refuses a plain http URL to any
// other host, which would carry credentials and sealed PII in clear.
func WithBaseURL(u string) Option {
	return func(c *config) error {
		if strings.TrimSpace(u) == "" {
			return &ConfigError{Option: "WithBaseURL", Reason: "empty URL"}
		}
		c.baseURL = u
		return nil
	}
}

// WithHTTPClient sends every request through hc, used as given (so
// httpmock.ActivateNonDefault(hc) works). The caller then owns TLS: the
// client certificate and root CAs belong in hc's transport, and
// WithClientCertificate* and WithRootCAs are rejected. hc's Timeout applies
// to every attempt instead of the per-call timeouts of WithTimeouts. hc's
// CheckRedirect is not consulted: the client never follows a redirect.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *config) error { return configError(c.common.SetHTTPClient(hc)) }
}

// WithLogger logs one line per HTTP attempt (method, path, status,
// attempt, duration) and the client's own events (re-login, one_step
// recovery), never bodies, PII, tokens or keys. Silent without it; a nil
// l is rejected.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error { return configError(c.common.SetLogger(l)) }
}

// WithUserAgent overrides the User-Agent header ("vaspkit-go/<version>").
// An empty ua is rejected.
func WithUserAgent(ua string) Option {
	return func(c *config) error { return configError(c.common.SetUserAgent(ua)) }
}

// WithRetry sets how often and how patiently reads (login, VASP list and
// detail, address detection, query) are retried on transport errors, 429
// and 5xx. one_step, notify_tx_id, end and the manual answers are never
// resent once they may have reached GTR, whatever this says.
//
// maxRetries 0 turns retries off: every call is sent once, and the waits,
// ignored then, may be zero (WithRetry(0, 0, 0)). With retries, the waits
// need 0 < waitMin <= waitMax. Negative values are rejected.
func WithRetry(maxRetries int, waitMin, waitMax time.Duration) Option {
	return func(c *config) error { return configError(c.common.SetRetry(maxRetries, waitMin, waitMax)) }
}

// WithRetryBudget sets how many retries the client may spend across all
// calls when GTR keeps failing (default 100); each success earns a fifth
// of a retry back. It keeps a struggling server from a retry storm, and is
// shared by every call of the Client. 0 allows no retries at all; negative
// values are rejected.
func WithRetryBudget(retries int) Option {
	return func(c *config) error { return configError(c.common.SetRetryBudget(retries)) }
}

// WithRetryAfterCap sets the longest Retry-After the client honours
// (default 30 s): a longer one is shortened to d, for the wait before a
// retry and in APIError.RetryAfter. d must be positive.
func WithRetryAfterCap(d time.Duration) Option {
	return func(c *config) error { return configError(c.common.SetRetryAfterCap(d)) }
}

// WithClock sets the client's notion of now (time.Now by default): the
// timestamps of the app tokens it signs and when a login token is due for
// renewal. For tests, or a host clock known to be off. A nil now is
// rejected.
func WithClock(now func() time.Time) Option {
	return func(c *config) error { return configError(c.common.SetClock(now)) }
}

// Middleware wraps the http.RoundTripper that sends each attempt, to
// observe or alter requests (tracing, metrics, extra headers). It sees
// every attempt, retries included, after authentication headers are set.
type Middleware func(next http.RoundTripper) http.RoundTripper

// WithMiddleware wraps every attempt in mw, mw[0] outermost, after signing
// (the Authorization or X-Authorization header is already set). It works
// with the client certificate: TLS stays in the transport underneath.
// Repeated WithMiddleware options append. No middleware, or a nil one, is
// rejected.
func WithMiddleware(mw ...Middleware) Option {
	return func(c *config) error { return configError(rest.AddMiddleware(&c.common, mw)) }
}

// WithClientCertificate sets the mTLS client certificate GTR issued
// (certificate.pem with its private key). Every call, login included, needs
// it.
func WithClientCertificate(cert tls.Certificate) Option {
	return func(c *config) error {
		if len(cert.Certificate) == 0 || cert.PrivateKey == nil {
			return &ConfigError{Option: "WithClientCertificate", Reason: "certificate chain or private key missing"}
		}
		c.cert = &cert
		return nil
	}
}

// WithClientCertificatePEM reads the client certificate from PEM bytes: the
// certificate chain (certificate.pem) and its private key (PKCS#1 "RSA
// PRIVATE KEY", PKCS#8 "PRIVATE KEY" or SEC 1 "EC PRIVATE KEY").
func WithClientCertificatePEM(certPEM, keyPEM []byte) Option {
	return func(c *config) error {
		cert, err := tls.X509KeyPair(certPEM, keyPEM)
		if err != nil {
			return &ConfigError{Option: "WithClientCertificatePEM", Reason: certReason(err)}
		}
		c.cert = &cert
		return nil
	}
}

// WithClientCertificateFiles reads the client certificate from PEM files.
func WithClientCertificateFiles(certFile, keyFile string) Option {
	return func(c *config) error {
		cert, err := tls.LoadX509KeyPair(certFile, keyFile)
		if err != nil {
			return &ConfigError{Option: "WithClientCertificateFiles", Reason: certReason(err)}
		}
		c.cert = &cert
		return nil
	}
}

// WithClientCertificatePKCS12 reads the client certificate from a PKCS#12
// (.p12 / .pfx) bundle such as `openssl pkcs12 -export` makes. The password
// may be empty.
func WithClientCertificatePKCS12(data []byte, password string) Option {
	return func(c *config) error {
		key, leaf, chain, err := pkcs12.DecodeChain(data, password)
		if err != nil {
			reason := "cannot decode the PKCS#12 bundle"
			if errors.Is(err, pkcs12.ErrIncorrectPassword) {
				reason = "incorrect PKCS#12 password"
			}
			return &ConfigError{Option: "WithClientCertificatePKCS12", Reason: reason}
		}
		cert := tls.Certificate{Certificate: [][]byte{leaf.Raw}, PrivateKey: key, Leaf: leaf}
		for _, ca := range chain {
			cert.Certificate = append(cert.Certificate, ca.Raw)
		}
		c.cert = &cert
		return nil
	}
}

// certReason describes a certificate loading failure. crypto/tls errors
// name files and formats, never key bytes.
func certReason(err error) string {
	return "cannot load the client certificate: " + err.Error()
}

// WithRootCAs verifies GTR's server certificate against pool instead of
// the system roots. Server certificates are always verified; there is no
// insecure mode (GTR's demos turn verification off — do not copy that).
func WithRootCAs(pool *x509.CertPool) Option {
	return func(c *config) error {
		if pool == nil {
			return &ConfigError{Option: "WithRootCAs", Reason: "nil pool"}
		}
		c.rootCAs = pool
		return nil
	}
}

// WithLogin authenticates with GTR's login (POST /api/login): the client
// sends vaspCode, accessKey and the SHA-512 of secretKey (never the key
// itself), keeps the returned token, and logs in again once when a call
// answers 401 or a session status (100014, 100020, 100021). It is
// WithLoginSession(NewLoginSession(vaspCode, accessKey, secretKey)): the
// Client gets a login session of its own.
//
// GTR allows one login session per API key: a second login logs the first
// one out, wherever it was made. A Client shares its token between all its
// concurrent calls and never runs two logins at once. Several Clients in
// one process with the same API key should share one session instead
// (NewLoginSession and WithLoginSession), or they log each other out.
// Deployments with several processes or replicas should use WithAppToken,
// which has no session: a login from one replica logs the others out.
func WithLogin(vaspCode, accessKey, secretKey string) Option {
	return func(c *config) error {
		if vaspCode == "" || accessKey == "" || secretKey == "" {
			return &ConfigError{Option: "WithLogin", Reason: "vaspCode, accessKey and secretKey are all required"}
		}
		c.session, c.sessionOption = NewLoginSession(vaspCode, accessKey, secretKey), "WithLogin"
		return nil
	}
}

// WithLoginSession authenticates with GTR's login like WithLogin, with a
// session s shared with other Clients (see LoginSession): all of them use
// its token, and whichever needs a new token first logs in for all, through
// its own connection, certificate, retries and logger. Share one session
// between the Clients of a process that use the same API key; a session
// each, they would log each other out. Across processes use WithAppToken.
//
// A session is tied to the base URL of the first Client created with it;
// New refuses it for a Client of another base URL. s must come from
// NewLoginSession with all three credentials. WithLogin and
// WithLoginSession set the same thing: the last one given counts.
func WithLoginSession(s *LoginSession) Option {
	return func(c *config) error {
		if s == nil {
			return &ConfigError{Option: "WithLoginSession", Reason: "nil session"}
		}
		if !s.valid() {
			return &ConfigError{Option: "WithLoginSession", Reason: "NewLoginSession needs vaspCode, accessKey and secretKey, all non-empty"}
		}
		c.session, c.sessionOption = s, "WithLoginSession"
		return nil
	}
}

// WithLoginExpiry sets the token lifetime asked for at login
// (expireInMinutes, default 24 h, whole minutes). The client logs in again
// shortly before it runs out. With a shared LoginSession, the expiry of the
// Client that logs in applies.
func WithLoginExpiry(d time.Duration) Option {
	return func(c *config) error {
		if d < time.Minute {
			return &ConfigError{Option: "WithLoginExpiry", Reason: "must be at least one minute"}
		}
		c.loginExpiry = d
		return nil
	}
}

// WithLoginTimeout bounds one login, its retries included (default 30 s;
// each attempt is also bounded by the per-call timeout of WithTimeouts).
// The calls that need the token wait for the login only as long as their
// own ctx allows: a caller that gives up gets a *LoginError wrapping its
// ctx's error, while the login carries on, up to this timeout, for the
// other callers waiting on it and for the next call. With a shared
// LoginSession, the timeout of the Client that started the login applies.
func WithLoginTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d <= 0 {
			return &ConfigError{Option: "WithLoginTimeout", Reason: "must be positive"}
		}
		c.loginTimeout = d
		return nil
	}
}

// WithAppToken authenticates every request with a fresh, stateless app
// token (header X-Authorization) computed from the API key: no login, no
// session, so any number of processes can share one API key. It is GTR's
// recommendation for production. Each attempt gets a new nonce and
// timestamp, so keep the host clock NTP-synchronised.
//
// It needs the same three values as WithLogin: an app token is not a fixed
// string but a short-lived signature over them (spec §3.2).
func WithAppToken(vaspCode, accessKey, secretKey string) Option {
	return func(c *config) error {
		if vaspCode == "" || accessKey == "" || secretKey == "" {
			return &ConfigError{Option: "WithAppToken", Reason: "vaspCode, accessKey and secretKey are all required"}
		}
		c.appToken = &appTokenCreds{vaspCode: vaspCode, accessKey: accessKey, secretKey: sign.NewSecret(secretKey)}
		return nil
	}
}

// WithAppTokenExpiry sets how long each app token is valid (its
// "expires", default 60 s; GTR recommends 15 s and its scripts use 120 s).
func WithAppTokenExpiry(d time.Duration) Option {
	return func(c *config) error {
		if d < time.Second || d > time.Hour {
			return &ConfigError{Option: "WithAppTokenExpiry", Reason: "must be between 1 s and 1 h"}
		}
		c.appTokenExpiry = d
		return nil
	}
}

// WithKeyPair sets our Ed25519 PII key pair: OneStep seals our PII with it
// and opens the counterparty's. Its public key must be the one registered
// with GTR.
func WithKeyPair(kp *KeyPair) Option {
	return func(c *config) error {
		if kp == nil {
			return &ConfigError{Option: "WithKeyPair", Reason: "nil key pair"}
		}
		c.keyPair = kp
		return nil
	}
}

// WithTimeouts sets the per-attempt timeouts of one_step (default 30 s)
// and of every other call (default 10 s). ctx still bounds each whole call.
// Ignored with WithHTTPClient, whose own Timeout applies.
func WithTimeouts(oneStep, other time.Duration) Option {
	return func(c *config) error {
		if oneStep <= 0 || other <= 0 {
			return &ConfigError{Option: "WithTimeouts", Reason: "timeouts must be positive"}
		}
		c.oneStepTimeout, c.callTimeout = oneStep, other
		return nil
	}
}

// WithRecoveryTimeout bounds the GET /api/verify/query calls OneStep makes
// to learn the outcome of a one_step whose answer was lost (default 30 s).
// When the caller's ctx is already done, that recovery runs on a fresh
// context with this deadline, so a timeout does not also lose the outcome.
func WithRecoveryTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d <= 0 {
			return &ConfigError{Option: "WithRecoveryTimeout", Reason: "must be positive"}
		}
		c.recoveryTimeout = d
		return nil
	}
}

// WithManualMethod sets the HTTP method of the manual (pending-mode)
// answers: GTR's API reference says PUT (the default), its guides say POST.
func WithManualMethod(method string) Option {
	return func(c *config) error {
		switch method {
		case http.MethodPut, http.MethodPost:
			c.manualMethod = method
			return nil
		}
		return &ConfigError{Option: "WithManualMethod", Reason: fmt.Sprintf("method %q is not PUT or POST", method)}
	}
}
