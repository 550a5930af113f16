package travelrule

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"strings"
	"time"

	"github.com/vaspkit/vaspkit/internal/rest"
	"github.com/vaspkit/vaspkit/internal/sign"
)

// requestIDHeaders are searched, in order, for the request id of a
// response. Striga does not publish one; these are the common names.
var requestIDHeaders = []string{"X-Request-Id", "Request-Id", "X-Correlation-Id", "X-Amzn-Requestid"}

// Client talks to Striga's travel-rule API. It is safe for concurrent use.
// Printing it never shows the credentials.
type Client struct {
	rest         *rest.Client
	logger       *slog.Logger
	env          Environment
	invoiceNet   InvoiceNetwork
	invoiceCheck InvoiceCheck
	widgetPath   string
	txHashField  string
	networks     Networks
	strict       bool
	now          func() time.Time
}

// New returns a Client. WithCredentials is required; everything else has a
// default (the sandbox URL and testnet invoices). New does no I/O.
func New(opts ...Option) (*Client, error) {
	cfg := config{
		widgetPath:  DefaultWidgetSessionPath,
		txHashField: DefaultTxHashField,
		common:      rest.NewOptions(),
	}
	for _, o := range opts {
		if o == nil {
			return nil, optionError("New", "nil option")
		}
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	if !cfg.credentialsSet {
		return nil, missingCredentials("WithCredentials")
	}
	if cfg.baseURL == "" {
		if cfg.env == Production {
			return nil, optionError("WithEnvironment", "production needs WithBaseURL: Striga does not publish its production URL")
		}
		cfg.baseURL = SandboxURL
	}
	if !cfg.invoiceNetSet {
		cfg.invoiceNet = defaultInvoiceNetwork(cfg.env, cfg.baseURL)
	}
	if cfg.networks == nil {
		cfg.networks = DefaultNetworks()
	}
	u, err := url.Parse(cfg.baseURL)
	if err != nil {
		return nil, optionError("WithBaseURL", "base URL does not parse")
	}
	basePath := strings.TrimRight(u.EscapedPath(), "/")
	signer, err := sign.NewStriga(cfg.apiKey.Reveal(), cfg.apiSecret.Reveal(), basePath, cfg.common.Clock())
	if err != nil {
		return nil, optionError("WithCredentials", "credentials or base URL refused by the signer")
	}
	rc := rest.Config{
		BaseURL:          cfg.baseURL,
		Signer:           signer,
		DecodeError:      decodeAPIError,
		RequestIDHeaders: requestIDHeaders,
	}
	cfg.common.Apply(&rc)
	r, err := rest.New(rc)
	switch {
	case errors.Is(err, rest.ErrPlainHTTP):
		return nil, optionError("WithBaseURL", "%s", errPlainHTTP)
	case err != nil:
		return nil, optionError("New", "%v", err)
	}
	env := cfg.env
	if env == 0 {
		env = Production
		if sameURL(cfg.baseURL, SandboxURL) {
			env = Sandbox
		}
	}
	return &Client{
		rest:         r,
		logger:       cfg.common.Logger,
		env:          env,
		invoiceNet:   cfg.invoiceNet,
		invoiceCheck: cfg.invoiceCheck,
		widgetPath:   cfg.widgetPath,
		txHashField:  cfg.txHashField,
		networks:     cfg.networks,
		strict:       cfg.strict,
		now:          cfg.common.Clock(),
	}, nil
}

// defaultInvoiceNetwork applies the environment rule: an explicit
// environment decides; otherwise the sandbox URL means testnet and any
// other URL mainnet.
func defaultInvoiceNetwork(env Environment, baseURL string) InvoiceNetwork {
	switch env {
	case Sandbox:
		return InvoiceTestnet
	case Production:
		return InvoiceMainnet
	}
	if sameURL(baseURL, SandboxURL) {
		return InvoiceTestnet
	}
	return InvoiceMainnet
}

func sameURL(a, b string) bool {
	return strings.EqualFold(strings.TrimRight(a, "/"), strings.TrimRight(b, "/"))
}

// String describes the client without credentials:
// "travelrule.Client(<base URL>)".
func (c *Client) String() string {
	if c == nil || c.rest == nil {
		return "travelrule.Client(nil)"
	}
	return "travelrule.Client(" + c.rest.BaseURL().String() + ")"
}

// GoString is String, so %#v shows no internal field either.
func (c *Client) GoString() string { return c.String() }

// Format prints String for every verb, so no verb (%+v, %#v, %x, %d …)
// reaches the signer, its credentials or any other internal field.
func (c *Client) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, c.String()) }

// Environment reports the client's environment: the one given with
// WithEnvironment, else Sandbox for SandboxURL and Production for any
// other base URL.
func (c *Client) Environment() Environment { return c.env }

// InvoiceNetwork reports the network Lightning invoices must be for.
func (c *Client) InvoiceNetwork() InvoiceNetwork { return c.invoiceNet }

// BaseURL reports the API base URL.
func (c *Client) BaseURL() string { return c.rest.BaseURL().String() }

// Networks returns a copy of the client's LedgerCryptoNetworks table.
func (c *Client) Networks() Networks { return c.networks.clone() }

// warn logs a client warning when a logger is set. Attributes must carry
// no PII.
func (c *Client) warn(msg string, attrs ...slog.Attr) {
	if c.logger == nil {
		return
	}
	c.logger.LogAttrs(context.Background(), slog.LevelWarn, msg, attrs...)
}
