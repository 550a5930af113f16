package travelrule

import (
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/vaspkit/vaspkit/internal/rest"
	"github.com/vaspkit/vaspkit/internal/sign"
)

// errPlainHTTP explains why an http:// base URL was refused.
const errPlainHTTP = rest.PlainHTTPReason

// SandboxURL is Striga's sandbox API base URL, the default. It carries the
// /api/v1 prefix, which the request signature leaves out.
const SandboxURL = "https://www.sandbox.striga.com/api/v1"

// DefaultWidgetSessionPath is where CreateWidgetSession posts, relative to
// the base URL. Striga does not publish the path; this is the SDK's
// default, changed with WithWidgetSessionPath.
const DefaultWidgetSessionPath = "/travel-rule/widget-session"

// DefaultTxHashField is the JSON name the held-deposit transaction hash is
// sent under. Striga's page describes the field without showing its name;
// "txHash" is the name Striga's deposit webhooks use. Change it with
// WithTxHashField.
const DefaultTxHashField = "txHash"

// Environment is a Striga environment. It sets the network Lightning
// invoices must be for: sandbox BTC is Bitcoin testnet, production is
// mainnet.
type Environment int

// Striga environments.
const (
	// Sandbox: base URL SandboxURL, testnet invoices (lntb…).
	Sandbox Environment = iota + 1
	// Production: mainnet invoices (lnbc…). Striga gives production
	// customers their base URL; pass it with WithBaseURL.
	Production
)

// String returns "sandbox" or "production".
func (e Environment) String() string { return rest.EnvironmentName(int(e)) }

// Option configures a Client. Options are checked by New.
type Option func(*config) error

type config struct {
	apiKey, apiSecret sign.Secret
	credentialsSet    bool
	baseURL           string
	common            rest.Options // the options every client shares
	env               Environment
	invoiceNet        InvoiceNetwork
	invoiceNetSet     bool
	invoiceCheck      InvoiceCheck
	widgetPath        string
	txHashField       string
	networks          Networks
	strict            bool
}

// WithCredentials sets the API key and API secret from Striga's dashboard.
// Both are required and kept redacted: no log line, error or %v output of
// the client shows them.
func WithCredentials(apiKey, apiSecret string) Option {
	return func(c *config) error {
		if apiKey == "" || apiSecret == "" {
			return missingCredentials("WithCredentials")
		}
		c.apiKey, c.apiSecret, c.credentialsSet = sign.NewSecret(apiKey), sign.NewSecret(apiSecret), true
		return nil
	}
}

// WithBaseURL sets the API base URL, /api/v1 included (the signature covers
// the path after it). Production customers must set it: Striga does not
// publish the production URL. It must be https, except to a loopback host
// (127.0.0.0/8, ::1, localhost), where plain http is allowed for tests:
// over plain http the signed requests, with their addresses and names,
// would cross the network in clear.
func WithBaseURL(baseURL string) Option {
	return func(c *config) error {
		u, err := url.Parse(baseURL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return optionError("WithBaseURL", "base URL must be an absolute http(s) URL")
		}
		if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
			return optionError("WithBaseURL", "base URL must not carry credentials, a query or a fragment")
		}
		if u.Scheme == "http" && !rest.IsLoopbackHost(u.Hostname()) {
			return optionError("WithBaseURL", "%s", errPlainHTTP)
		}
		if !strings.HasSuffix(strings.TrimRight(u.Path, "/"), sign.StrigaBasePath) {
			return optionError("WithBaseURL", "base URL path must end in %s (Striga signs the path after it)", sign.StrigaBasePath)
		}
		c.baseURL = strings.TrimRight(baseURL, "/")
		return nil
	}
}

// WithHTTPClient sets the *http.Client requests go through, used as given
// (so httpmock.ActivateNonDefault works on it).
func WithHTTPClient(hc *http.Client) Option {
	return func(c *config) error { return configError(c.common.SetHTTPClient(hc)) }
}

// WithLogger sets the logger that receives one line per HTTP attempt
// (method, path, status, attempt, duration, request id — never bodies or
// headers) and the client's warnings. The default is silent.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error { return configError(c.common.SetLogger(l)) }
}

// WithUserAgent replaces the default "vaspkit-go/<version>" User-Agent.
func WithUserAgent(ua string) Option {
	return func(c *config) error { return configError(c.common.SetUserAgent(ua)) }
}

// WithRetry sets how many times a retryable call is retried after its
// first attempt and the bounds of the jittered exponential backoff between
// attempts.
//
// maxRetries 0 turns retries off: every call is sent once, and the waits,
// irrelevant then, may be zero (WithRetry(0, 0, 0)). With retries, waits
// need 0 < waitMin <= waitMax. Negative values are rejected.
func WithRetry(maxRetries int, waitMin, waitMax time.Duration) Option {
	return func(c *config) error { return configError(c.common.SetRetry(maxRetries, waitMin, waitMax)) }
}

// WithRetryBudget sets how many retries the client may spend across all
// calls when Striga keeps failing (default 100); each success earns a
// fifth of a retry back. It keeps a struggling server from a retry storm,
// and is shared by every call of the Client. 0 allows no retries at all;
// negative values are rejected.
func WithRetryBudget(retries int) Option {
	return func(c *config) error { return configError(c.common.SetRetryBudget(retries)) }
}

// WithRetryAfterCap sets the longest Retry-After the client waits out
// before retrying a 429 or 503: a longer one is shortened to d (default
// 30 seconds). d must be positive.
func WithRetryAfterCap(d time.Duration) Option {
	return func(c *config) error { return configError(c.common.SetRetryAfterCap(d)) }
}

// Middleware wraps the http.RoundTripper every attempt goes through (see
// WithMiddleware).
type Middleware func(next http.RoundTripper) http.RoundTripper

// WithMiddleware wraps every HTTP attempt, after signing: a middleware
// sees each attempt as it is sent (signed, with its final headers) and its
// response, whatever the transport. mw[0] is outermost; repeated
// WithMiddleware calls append. No argument, or a nil one, is an error.
func WithMiddleware(mw ...Middleware) Option {
	return func(c *config) error { return configError(rest.AddMiddleware(&c.common, mw)) }
}

// WithEnvironment selects Sandbox or Production. Sandbox also sets the
// base URL to SandboxURL unless WithBaseURL is given; Production requires
// WithBaseURL. The environment sets the invoice network (Sandbox: testnet,
// Production: mainnet) unless WithInvoiceNetwork overrides it.
//
// Without WithEnvironment the invoice network follows the base URL:
// testnet for SandboxURL, mainnet for any other URL.
func WithEnvironment(env Environment) Option {
	return func(c *config) error {
		if env != Sandbox && env != Production {
			return optionError("WithEnvironment", "unknown environment %d", int(env))
		}
		c.env = env
		return nil
	}
}

// WithInvoiceNetwork sets the network a Lightning invoice must be for,
// overriding the environment's (Sandbox: InvoiceTestnet, Production:
// InvoiceMainnet).
func WithInvoiceNetwork(net InvoiceNetwork) Option {
	return func(c *config) error {
		if net.Prefix() == "" {
			return optionError("WithInvoiceNetwork", "unknown invoice network %q", printable(string(net), 32))
		}
		c.invoiceNet, c.invoiceNetSet = net, true
		return nil
	}
}

// WithInvoiceCheck plugs a full BOLT11 check into the client's invoice
// validation, for widget sessions and self-hosted counterparties alike:
//
//	c, err := travelrule.New(travelrule.WithCredentials(key, secret),
//		travelrule.WithInvoiceCheck(bolt11.CheckInvoice))
//
// Without it the client checks what needs neither secp256k1 nor lnd (see
// (*WidgetSessionRequest).Validate) and leaves the rest to Striga, which
// decodes every invoice itself. With it, an invoice that passes the
// client's own check is handed to check for the client's invoice network,
// and a refusal is a *ValidationError (rule RuleInvoice) whose cause
// matches check's error. What bolt11.CheckInvoice adds: the invoice's
// signature (and a low-S one when it names its payee), exactly one payment
// hash, the payment secret BOLT11 requires, known required feature bits,
// exact field lengths, an amount that fits in 64 bits — and the payment
// hash and expiry, reported as WidgetSession.PaymentHash and
// InvoiceExpired. The price is lnd's zpay32 in your binary (see package
// bolt11).
func WithInvoiceCheck(check InvoiceCheck) Option {
	return func(c *config) error {
		if check == nil {
			return optionError("WithInvoiceCheck", "nil invoice check")
		}
		c.invoiceCheck = check
		return nil
	}
}

// WithWidgetSessionPath changes the path CreateWidgetSession posts to
// (default DefaultWidgetSessionPath), relative to the base URL. It is part
// of the signed endpoint.
func WithWidgetSessionPath(path string) Option {
	return func(c *config) error {
		if err := checkPath(path); err != nil {
			return err
		}
		c.widgetPath = path
		return nil
	}
}

// WithTxHashField changes the JSON name under which
// WidgetSessionRequest.TxHash is sent (default DefaultTxHashField), should
// Striga's name differ from the SDK's assumption.
func WithTxHashField(name string) Option {
	return func(c *config) error {
		if name == "" || !isJSONName(name) || reservedWidgetField(name) {
			return optionError("WithTxHashField", "tx hash field must be a plain JSON name not used by another field")
		}
		c.txHashField = name
		return nil
	}
}

// WithNetworks replaces the built-in LedgerCryptoNetworks table
// (DefaultNetworks). The client keeps a copy.
func WithNetworks(n Networks) Option {
	return func(c *config) error {
		if len(n) == 0 {
			return optionError("WithNetworks", "empty networks table")
		}
		for cur, net := range n {
			if cur == "" || net == "" {
				return optionError("WithNetworks", "networks table has an empty currency or network")
			}
		}
		c.networks = n.clone()
		return nil
	}
}

// WithStrictNetworks makes validation refuse a currency missing from the
// networks table. By default an unknown currency is left for Striga to
// judge, since Striga does not publish its full table.
func WithStrictNetworks() Option {
	return func(c *config) error {
		c.strict = true
		return nil
	}
}

// WithClock sets the clock used for request timestamps and for reporting
// expired invoices (with WithInvoiceCheck). The default is time.Now.
func WithClock(now func() time.Time) Option {
	return func(c *config) error { return configError(c.common.SetClock(now)) }
}

// configError turns a shared option's refusal into a *ConfigError.
func configError(e *rest.OptionError) error { return e.Into(newConfigError) }

// newConfigError is the *ConfigError refusing option for reason.
func newConfigError(option, reason string) error { return &ConfigError{Option: option, Reason: reason} }

func checkPath(p string) error {
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "?# \t\r\n") || strings.Contains(p, "//") {
		return optionError("WithWidgetSessionPath", "path must start with / and carry no query, fragment or whitespace")
	}
	return nil
}

// isJSONName accepts letters, digits and underscore.
func isJSONName(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}
