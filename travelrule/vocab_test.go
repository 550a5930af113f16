package travelrule_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vaspkit/vaspkit/fakefault"
	"github.com/vaspkit/vaspkit/internal/rest"
	"github.com/vaspkit/vaspkit/internal/testnet"
	"github.com/vaspkit/vaspkit/travelrule"
	"github.com/vaspkit/vaspkit/travelrule/travelruletest"
)

// Every option error is a *ConfigError naming the option, matching
// ErrConfig, its text "travelrule: <Option>: <Reason>".
func TestConfigErrorNamesOption(t *testing.T) {
	t.Parallel()
	creds := travelrule.WithCredentials("key", "secret")
	pass := func(next http.RoundTripper) http.RoundTripper { return next }
	tests := []struct {
		name   string
		opt    travelrule.Option
		option string
	}{
		{"nil option", nil, "New"},
		{"empty base URL", travelrule.WithBaseURL(""), "WithBaseURL"},
		{"plain http to a remote host", travelrule.WithBaseURL("http://striga.example/api/v1"), "WithBaseURL"},
		{"nil HTTP client", travelrule.WithHTTPClient(nil), "WithHTTPClient"},
		{"nil logger", travelrule.WithLogger(nil), "WithLogger"},
		{"empty user agent", travelrule.WithUserAgent(""), "WithUserAgent"},
		{"negative retries", travelrule.WithRetry(-1, time.Millisecond, time.Second), "WithRetry"},
		{"negative wait", travelrule.WithRetry(1, -time.Millisecond, time.Second), "WithRetry"},
		{"negative wait without retries", travelrule.WithRetry(0, 0, -time.Second), "WithRetry"},
		{"zero waits with retries", travelrule.WithRetry(3, 0, 0), "WithRetry"},
		{"waits reversed", travelrule.WithRetry(1, time.Second, time.Millisecond), "WithRetry"},
		{"negative retry budget", travelrule.WithRetryBudget(-1), "WithRetryBudget"},
		{"zero retry-after cap", travelrule.WithRetryAfterCap(0), "WithRetryAfterCap"},
		{"negative retry-after cap", travelrule.WithRetryAfterCap(-time.Second), "WithRetryAfterCap"},
		{"nil clock", travelrule.WithClock(nil), "WithClock"},
		{"no middleware", travelrule.WithMiddleware(), "WithMiddleware"},
		{"nil middleware", travelrule.WithMiddleware(nil), "WithMiddleware"},
		{"nil among middleware", travelrule.WithMiddleware(pass, nil), "WithMiddleware"},
		{"unknown environment", travelrule.WithEnvironment(7), "WithEnvironment"},
		{"production without base URL", travelrule.WithEnvironment(travelrule.Production), "WithEnvironment"},
		{"unknown invoice network", travelrule.WithInvoiceNetwork("liquid"), "WithInvoiceNetwork"},
		{"nil invoice check", travelrule.WithInvoiceCheck(nil), "WithInvoiceCheck"},
		{"bad widget path", travelrule.WithWidgetSessionPath("x"), "WithWidgetSessionPath"},
		{"bad tx hash field", travelrule.WithTxHashField("a b"), "WithTxHashField"},
		{"empty networks", travelrule.WithNetworks(travelrule.Networks{}), "WithNetworks"},
		{"empty key", travelrule.WithCredentials("", "s"), "WithCredentials"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, err := travelrule.New(creds, tc.opt)
			var ce *travelrule.ConfigError
			if c != nil || !errors.Is(err, travelrule.ErrConfig) || !errors.As(err, &ce) {
				t.Fatalf("New = %v, %v; want nil and a *ConfigError", c, err)
			}
			if ce.Option != tc.option || ce.Reason == "" {
				t.Errorf("ConfigError = %+v; want Option %q and a reason", *ce, tc.option)
			}
			if want := "travelrule: " + ce.Option + ": " + ce.Reason; err.Error() != want {
				t.Errorf("Error() = %q, want %q", err.Error(), want)
			}
		})
	}
	// Missing credentials are a configuration error too, and keep their
	// own sentinel.
	_, err := travelrule.New()
	var ce *travelrule.ConfigError
	if !errors.Is(err, travelrule.ErrMissingCredentials) || !errors.Is(err, travelrule.ErrConfig) || !errors.As(err, &ce) || ce.Option != "WithCredentials" {
		t.Errorf("New() = %v; want a *ConfigError for WithCredentials matching ErrMissingCredentials", err)
	}
	// The accepted edges.
	for _, o := range []travelrule.Option{travelrule.WithRetry(0, 0, 0), travelrule.WithRetryBudget(0),
		travelrule.WithRetryAfterCap(time.Nanosecond), travelrule.WithMiddleware(pass), travelrule.WithMiddleware(pass, pass)} {
		if _, err := travelrule.New(creds, o); err != nil {
			t.Errorf("New: %v", err)
		}
	}
}

// A failed connection reaches the caller as a *travelrule.TransportError
// (never internal/rest's), wrapped in an *OutcomeUnknownError when an
// Ambiguous call may have taken effect.
func TestTransportErrorConversion(t *testing.T) {
	t.Parallel()
	session := func(ctx context.Context, c *travelrule.Client) error {
		_, err := c.CreateWidgetSession(ctx, &travelrule.WidgetSessionRequest{
			UserID: userID, Currency: "ETH", Network: "ETH", CounterpartyAddress: ethAddress})
		return err
	}
	declare := func(ctx context.Context, c *travelrule.Client) error {
		_, err := c.DeclareSelfHostedCounterparty(ctx, &travelrule.SelfHostedCounterpartyRequest{
			UserID: userID, Currency: "ETH", Network: "ETH", CounterpartyAddress: ethAddress, SubType: travelrule.SubTypeOwned})
		return err
	}
	tests := []struct {
		name          string
		call          func(context.Context, *travelrule.Client) error
		fault         fakefault.Kind
		closed        bool // the server is gone: the dial fails
		sent, unknown bool
		malformed     bool
		wantTransport bool
	}{
		{"session: dropped connection", session, fakefault.Drop, false, true, false, false, true},
		{"session: dropped before handling", session, fakefault.DropBefore, false, true, false, false, true},
		{"session: malformed answer", session, fakefault.MalformedAnswer, false, true, false, true, false},
		{"session: dial refused", session, 0, true, false, false, false, true},
		{"declare: dropped connection", declare, fakefault.Drop, false, true, true, false, true},
		{"declare: empty answer", declare, fakefault.EmptyAnswer, false, true, true, true, false},
		{"declare: dial refused", declare, 0, true, false, false, false, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := travelruletest.NewServer(t)
			opts := []travelrule.Option{travelrule.WithRetry(0, 0, 0)}
			if tc.closed {
				// An address that refuses every connection (a closed
				// server's port may be given to another test's listener).
				opts = append(opts, travelrule.WithBaseURL("http://"+testnet.RefusingAddr(t)+"/api/v1"))
			}
			c := newClient(t, srv, opts...)
			if tc.fault != 0 {
				srv.InjectFault(fakefault.Fault{Kind: tc.fault})
			}
			err := tc.call(context.Background(), c)
			if err == nil {
				t.Fatal("no error")
			}
			if errors.As(err, new(*rest.TransportError)) {
				t.Errorf("%v: a *rest.TransportError reaches the caller", err)
			}
			if !strings.HasPrefix(err.Error(), "travelrule: ") {
				t.Errorf("Error() = %q, want the travelrule: prefix", err)
			}
			var te *travelrule.TransportError
			if got := errors.As(err, &te); got != tc.wantTransport {
				t.Fatalf("%v: errors.As(*TransportError) = %v, want %v", err, got, tc.wantTransport)
			}
			if te != nil {
				if te.Sent != tc.sent || te.Attempts != 1 || te.Err == nil || te.Method != http.MethodPost && te.Method != http.MethodPatch {
					t.Errorf("TransportError = %+v; want Sent %v after 1 attempt, with a cause", *te, tc.sent)
				}
				if errors.Unwrap(te) != te.Err {
					t.Error("Unwrap does not return Err")
				}
				if strings.Contains(te.Path, userID) {
					t.Errorf("Path %q shows the counterparty id", te.Path)
				}
			}
			var oe *travelrule.OutcomeUnknownError
			if got := errors.As(err, &oe); got != tc.unknown || errors.Is(err, travelrule.ErrOutcomeUnknown) != tc.unknown {
				t.Errorf("%v: OutcomeUnknownError = %v, want %v", err, got, tc.unknown)
			}
			if oe != nil && strings.Contains(oe.Error(), userID) {
				t.Errorf("%q shows the counterparty id", oe.Error())
			}
			if got := errors.Is(err, travelrule.ErrMalformedResponse); got != tc.malformed {
				t.Errorf("%v: ErrMalformedResponse = %v, want %v", err, got, tc.malformed)
			}
			if got := travelrule.MaybeSent(err); got != tc.sent {
				t.Errorf("%v: MaybeSent = %v, want %v", err, got, tc.sent)
			}
		})
	}
}

// WithMiddleware wraps every attempt after signing, the first outermost,
// and repeated calls append.
func TestWithMiddleware(t *testing.T) {
	t.Parallel()
	srv := travelruletest.NewServer(t)
	var (
		mu    sync.Mutex
		trace []string
	)
	mw := func(name string) travelrule.Middleware {
		return func(next http.RoundTripper) http.RoundTripper {
			return roundTripFunc(func(r *http.Request) (*http.Response, error) {
				mu.Lock()
				trace = append(trace, name+" signed="+boolString(strings.HasPrefix(r.Header.Get("Authorization"), "HMAC ")))
				mu.Unlock()
				return next.RoundTrip(r)
			})
		}
	}
	srv.InjectFault(fakefault.Fault{Kind: fakefault.ServerError})
	c := newClient(t, srv, travelrule.WithMiddleware(mw("a"), mw("b")), travelrule.WithMiddleware(mw("c")))
	if _, err := c.CreateWidgetSession(context.Background(), &travelrule.WidgetSessionRequest{
		UserID: userID, Currency: "ETH", Network: "ETH", CounterpartyAddress: ethAddress}); err != nil {
		t.Fatal(err)
	}
	want := "a signed=true,b signed=true,c signed=true,a signed=true,b signed=true,c signed=true"
	if got := strings.Join(trace, ","); got != want {
		t.Errorf("trace = %s, want %s (two attempts)", got, want)
	}
}

// WithRetryAfterCap shortens a long Retry-After, and APIError.RetryAfter
// reports the capped value.
func TestWithRetryAfterCap(t *testing.T) {
	t.Parallel()
	srv := travelruletest.NewServer(t)
	srv.InjectFault(fakefault.Fault{Kind: fakefault.TooManyRequests, RetryAfter: time.Hour, Times: 2})
	c := newClient(t, srv, travelrule.WithRetry(1, time.Millisecond, time.Millisecond), travelrule.WithRetryAfterCap(20*time.Millisecond))
	start := time.Now()
	_, err := c.CreateWidgetSession(context.Background(), &travelrule.WidgetSessionRequest{
		UserID: userID, Currency: "ETH", Network: "ETH", CounterpartyAddress: ethAddress})
	var ae *travelrule.APIError
	if !errors.As(err, &ae) || !errors.Is(err, travelrule.ErrRateLimited) {
		t.Fatalf("err = %v, want a 429 *APIError", err)
	}
	if ae.RetryAfter != 20*time.Millisecond {
		t.Errorf("RetryAfter = %v, want the 20ms cap", ae.RetryAfter)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %v: the hour-long Retry-After was not capped", d)
	}
}

func boolString(b bool) string {
	if b {
		return "true"
	}
	return "false"
}
