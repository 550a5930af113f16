package travelrule_test

import (
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/vaspkit/vaspkit/travelrule"
)

func TestNewRejectsBadOptions(t *testing.T) {
	t.Parallel()
	creds := travelrule.WithCredentials("key", "secret")
	tests := []struct {
		name string
		opts []travelrule.Option
		want error
	}{
		{"no credentials", nil, travelrule.ErrMissingCredentials},
		{"empty key", []travelrule.Option{travelrule.WithCredentials("", "s")}, travelrule.ErrMissingCredentials},
		{"empty secret", []travelrule.Option{travelrule.WithCredentials("k", "")}, travelrule.ErrMissingCredentials},
		{"nil option", []travelrule.Option{creds, nil}, travelrule.ErrConfig},
		{"base URL without /api/v1", []travelrule.Option{creds, travelrule.WithBaseURL("https://api.example.com")}, travelrule.ErrConfig},
		{"base URL v0", []travelrule.Option{creds, travelrule.WithBaseURL("https://api.example.com/api/v0")}, travelrule.ErrConfig},
		{"base URL relative", []travelrule.Option{creds, travelrule.WithBaseURL("/api/v1")}, travelrule.ErrConfig},
		{"base URL ftp", []travelrule.Option{creds, travelrule.WithBaseURL("ftp://x/api/v1")}, travelrule.ErrConfig},
		{"base URL with query", []travelrule.Option{creds, travelrule.WithBaseURL("https://x/api/v1?a=b")}, travelrule.ErrConfig},
		{"base URL with user", []travelrule.Option{creds, travelrule.WithBaseURL("https://u:p@x/api/v1")}, travelrule.ErrConfig},
		{"production without URL", []travelrule.Option{creds, travelrule.WithEnvironment(travelrule.Production)}, travelrule.ErrConfig},
		{"unknown environment", []travelrule.Option{creds, travelrule.WithEnvironment(7)}, travelrule.ErrConfig},
		{"unknown invoice network", []travelrule.Option{creds, travelrule.WithInvoiceNetwork("liquid")}, travelrule.ErrConfig},
		{"nil HTTP client", []travelrule.Option{creds, travelrule.WithHTTPClient(nil)}, travelrule.ErrConfig},
		{"nil logger", []travelrule.Option{creds, travelrule.WithLogger(nil)}, travelrule.ErrConfig},
		{"nil clock", []travelrule.Option{creds, travelrule.WithClock(nil)}, travelrule.ErrConfig},
		{"empty user agent", []travelrule.Option{creds, travelrule.WithUserAgent("")}, travelrule.ErrConfig},
		{"user agent with newline", []travelrule.Option{creds, travelrule.WithUserAgent("a\r\nX-Evil: 1")}, travelrule.ErrConfig},
		{"negative retries", []travelrule.Option{creds, travelrule.WithRetry(-1, time.Millisecond, time.Second)}, travelrule.ErrConfig},
		{"retry waits reversed", []travelrule.Option{creds, travelrule.WithRetry(1, time.Second, time.Millisecond)}, travelrule.ErrConfig},
		{"zero retry wait", []travelrule.Option{creds, travelrule.WithRetry(1, 0, time.Millisecond)}, travelrule.ErrConfig},
		{"negative retry wait without retries", []travelrule.Option{creds, travelrule.WithRetry(0, -time.Second, 0)}, travelrule.ErrConfig},
		{"negative retry budget", []travelrule.Option{creds, travelrule.WithRetryBudget(-1)}, travelrule.ErrConfig},
		{"negative max retry wait", []travelrule.Option{creds, travelrule.WithRetry(0, 0, -time.Second)}, travelrule.ErrConfig},
		{"path without slash", []travelrule.Option{creds, travelrule.WithWidgetSessionPath("travel-rule")}, travelrule.ErrConfig},
		{"path with query", []travelrule.Option{creds, travelrule.WithWidgetSessionPath("/x?y=1")}, travelrule.ErrConfig},
		{"tx field reserved", []travelrule.Option{creds, travelrule.WithTxHashField("invoice")}, travelrule.ErrConfig},
		{"tx field odd", []travelrule.Option{creds, travelrule.WithTxHashField("tx hash")}, travelrule.ErrConfig},
		{"empty networks", []travelrule.Option{creds, travelrule.WithNetworks(travelrule.Networks{})}, travelrule.ErrConfig},
		{"nil invoice check", []travelrule.Option{creds, travelrule.WithInvoiceCheck(nil)}, travelrule.ErrConfig},
		{"empty invoice network", []travelrule.Option{creds, travelrule.WithInvoiceNetwork("")}, travelrule.ErrConfig},
		{"networks with empty value", []travelrule.Option{creds, travelrule.WithNetworks(travelrule.Networks{"BTC": ""})}, travelrule.ErrConfig},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, err := travelrule.New(tc.opts...)
			if !errors.Is(err, tc.want) || c != nil {
				t.Errorf("New = %v, %v; want nil, %v", c, err, tc.want)
			}
		})
	}
}

func TestEnvironmentAndInvoiceNetwork(t *testing.T) {
	t.Parallel()
	creds := travelrule.WithCredentials("key", "secret")
	const other = "https://striga.example.com/api/v1"
	tests := []struct {
		name    string
		opts    []travelrule.Option
		env     travelrule.Environment
		net     travelrule.InvoiceNetwork
		baseURL string
	}{
		{"default: sandbox", nil, travelrule.Sandbox, travelrule.InvoiceTestnet, travelrule.SandboxURL},
		{"sandbox explicit", []travelrule.Option{travelrule.WithEnvironment(travelrule.Sandbox)}, travelrule.Sandbox, travelrule.InvoiceTestnet, travelrule.SandboxURL},
		{"production with its URL", []travelrule.Option{travelrule.WithEnvironment(travelrule.Production), travelrule.WithBaseURL(other)},
			travelrule.Production, travelrule.InvoiceMainnet, other},
		{"another URL without environment is production", []travelrule.Option{travelrule.WithBaseURL(other + "/")},
			travelrule.Production, travelrule.InvoiceMainnet, other},
		{"sandbox environment on a proxy URL", []travelrule.Option{travelrule.WithBaseURL(other), travelrule.WithEnvironment(travelrule.Sandbox)},
			travelrule.Sandbox, travelrule.InvoiceTestnet, other},
		{"base URL after the sandbox environment overrides its URL", []travelrule.Option{travelrule.WithEnvironment(travelrule.Sandbox), travelrule.WithBaseURL(other)},
			travelrule.Sandbox, travelrule.InvoiceTestnet, other},
		{"override wins, whatever the order", []travelrule.Option{travelrule.WithInvoiceNetwork(travelrule.InvoiceRegtest), travelrule.WithEnvironment(travelrule.Sandbox)},
			travelrule.Sandbox, travelrule.InvoiceRegtest, travelrule.SandboxURL},
		{"signet override", []travelrule.Option{travelrule.WithInvoiceNetwork(travelrule.InvoiceSignet)},
			travelrule.Sandbox, travelrule.InvoiceSignet, travelrule.SandboxURL},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, err := travelrule.New(append([]travelrule.Option{creds}, tc.opts...)...)
			if err != nil {
				t.Fatal(err)
			}
			if c.Environment() != tc.env || c.InvoiceNetwork() != tc.net || c.BaseURL() != tc.baseURL {
				t.Errorf("env %v net %v url %s; want %v %v %s", c.Environment(), c.InvoiceNetwork(), c.BaseURL(), tc.env, tc.net, tc.baseURL)
			}
		})
	}
}

// The caller's *http.Client is used as given.
func TestWithHTTPClientUsedAsGiven(t *testing.T) {
	t.Parallel()
	var used bool
	hc := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		used = true
		return nil, errors.New("offline")
	})}
	c, err := travelrule.New(travelrule.WithCredentials("k", "s"), travelrule.WithHTTPClient(hc), travelrule.WithRetry(0, time.Millisecond, time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.CreateWidgetSession(t.Context(), onChain()); err == nil || !used {
		t.Errorf("err %v, transport used %v", err, used)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestEnvironmentString(t *testing.T) {
	t.Parallel()
	for env, want := range map[travelrule.Environment]string{travelrule.Sandbox: "sandbox", travelrule.Production: "production", 9: "Environment(9)"} {
		if got := env.String(); got != want {
			t.Errorf("%d.String() = %q, want %q", int(env), got, want)
		}
	}
}
