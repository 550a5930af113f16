package travelruletest

import (
	"net/http"
	"time"

	"github.com/vaspkit/vaspkit/fakefault"
	"github.com/vaspkit/vaspkit/travelrule"
)

// Default credentials of the fake's application.
const (
	DefaultAPIKey    = "test-api-key"
	DefaultAPISecret = "test-api-secret"
)

// DefaultSessionTTL is how long a widget session lives on the fake. Striga
// does not publish its lifetime.
const DefaultSessionTTL = 30 * time.Minute

// Option configures a Server.
type Option func(*config)

type app struct {
	key, secret string
}

type config struct {
	apps             []app
	networks         travelrule.Networks
	invoiceNet       travelrule.InvoiceNetwork
	widgetPath       string
	txHashField      string
	ttl              time.Duration
	start            time.Time
	skew             time.Duration
	latency          time.Duration
	faults           []fakefault.Fault
	seed             uint64
	webhookURL       string
	webhookHandler   http.Handler
	webhookRetries   int
	webhookRetryWait time.Duration
	verifier         func(SignatureCheck) bool
}

// WithCredentials sets the API key and secret of the fake's application
// (default DefaultAPIKey and DefaultAPISecret). Webhooks are signed with
// this key.
func WithCredentials(apiKey, apiSecret string) Option {
	return func(c *config) { c.apps[0] = app{apiKey, apiSecret} }
}

// WithApplication adds another application. Sessions are never shared
// between applications.
func WithApplication(apiKey, apiSecret string) Option {
	return func(c *config) { c.apps = append(c.apps, app{apiKey, apiSecret}) }
}

// WithNetworks sets the LedgerCryptoNetworks table the fake enforces
// (default: the pairs Striga states for the travel-rule endpoints, BTC/BTC,
// ETH/ETH, SOL/SOL, POL/POLYGON). Like Striga, the fake refuses a currency
// missing from its table ("Must be a supported LedgerCryptoNetworks key.").
func WithNetworks(n travelrule.Networks) Option {
	return func(c *config) { c.networks = n }
}

// WithInvoiceNetwork sets the network invoices must be for (default
// travelrule.InvoiceTestnet: Striga's sandbox is Bitcoin and Lightning
// testnet).
func WithInvoiceNetwork(net travelrule.InvoiceNetwork) Option {
	return func(c *config) { c.invoiceNet = net }
}

// WithWidgetSessionPath serves the widget-session endpoint at path
// (relative to /api/v1) instead of travelrule.DefaultWidgetSessionPath.
func WithWidgetSessionPath(path string) Option {
	return func(c *config) { c.widgetPath = path }
}

// WithTxHashField reads the held-deposit hash from this JSON field instead
// of travelrule.DefaultTxHashField.
func WithTxHashField(name string) Option {
	return func(c *config) { c.txHashField = name }
}

// WithSessionTTL sets the widget-session lifetime (default
// DefaultSessionTTL).
func WithSessionTTL(d time.Duration) Option {
	return func(c *config) { c.ttl = d }
}

// WithStartTime sets the fake clock's starting time (default: the wall
// clock when the server starts, to the second).
func WithStartTime(t time.Time) Option {
	return func(c *config) { c.start = t }
}

// WithClockSkew makes the fake refuse a request whose signature timestamp
// is more than d from the wall clock (30012). Striga publishes no window;
// by default the fake does not check.
func WithClockSkew(d time.Duration) Option {
	return func(c *config) { c.skew = d }
}

// WithLatency delays every answer by d (or until the request is canceled).
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

// WithWebhookURL sets where SendWebhook posts.
func WithWebhookURL(url string) Option {
	return func(c *config) { c.webhookURL = url }
}

// WithWebhookHandler makes SendWebhook deliver to h in-process.
func WithWebhookHandler(h http.Handler) Option {
	return func(c *config) { c.webhookHandler = h }
}

// WithWebhookRetries sets how many times a webhook is resent after a
// non-2xx answer or a failure (default 5, as Striga) and the wait between
// attempts (default none).
func WithWebhookRetries(n int, wait time.Duration) Option {
	return func(c *config) { c.webhookRetries, c.webhookRetryWait = n, wait }
}

// SignatureCheck is a wallet signature the fake is asked to accept.
type SignatureCheck struct {
	Address, Message, Signature string
}

// WithSignatureVerifier sets how the fake checks wallet signatures. The
// default accepts any non-empty signature: the fake checks the message,
// not the chain-specific cryptography.
func WithSignatureVerifier(f func(SignatureCheck) bool) Option {
	return func(c *config) { c.verifier = f }
}
