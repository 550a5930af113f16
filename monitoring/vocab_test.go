package monitoring_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/vaspkit/vaspkit/fakefault"
	"github.com/vaspkit/vaspkit/internal/rest"
	"github.com/vaspkit/vaspkit/internal/testnet"
	"github.com/vaspkit/vaspkit/monitoring"
	"github.com/vaspkit/vaspkit/monitoring/monitoringtest"
)

// checkNoRestError fails when err, or anything it wraps (the ReadErr of an
// *OutcomeUnknownError included), is an internal/rest error, or when its
// text does not start with "monitoring: ".
func checkNoRestError(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		t.Fatal("err = nil; want an error")
	}
	if !strings.HasPrefix(err.Error(), "monitoring: ") {
		t.Errorf("err = %q; want it to start with \"monitoring: \"", err)
	}
	for _, e := range []error{err, readErr(err)} {
		if e == nil {
			continue
		}
		if errors.As(e, new(*rest.TransportError)) || errors.As(e, new(*rest.SignError)) ||
			errors.As(e, new(*rest.DecodeError)) || errors.As(e, new(*rest.StatusError)) {
			t.Errorf("an internal/rest error is reachable from %v", e)
		}
		if strings.Contains(e.Error(), "rest: ") {
			t.Errorf("err = %q mentions internal/rest", e)
		}
	}
}

func readErr(err error) error {
	var ou *monitoring.OutcomeUnknownError
	if errors.As(err, &ou) {
		return ou.ReadErr
	}
	return nil
}

// TestTransportErrorConversion: every transport failure reaches the user
// as a *monitoring.TransportError, never as internal/rest's.
func TestTransportErrorConversion(t *testing.T) {
	t.Parallel()
	txn := func() *monitoring.Transaction {
		txn, err := monitoring.NewCryptoWithdrawal("wd-vocab", "1", "BTC").
			Chain("BTC").
			Applicant(monitoring.NewPerson("user-1", "Alice Example")).
			CounterpartyWallet("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq").
			Build()
		if err != nil {
			t.Fatal(err)
		}
		return txn
	}
	isRead := func(r *http.Request) bool { return r.Method == http.MethodGet }
	tests := []struct {
		name     string
		faults   []fakefault.Fault
		call     func(ctx context.Context, c *monitoring.Client) error
		sent     bool // want MaybeSent
		outcome  bool // want an *OutcomeUnknownError whose Err and ReadErr are *TransportErrors
		closeSrv bool
	}{
		{
			name:   "read, connection dropped",
			faults: []fakefault.Fault{{Kind: fakefault.DropBefore, Every: 1}},
			call: func(ctx context.Context, c *monitoring.Client) error {
				_, err := c.Get(ctx, "abc")
				return err
			},
			sent: true,
		},
		{
			name:   "read by txnId, connection dropped",
			faults: []fakefault.Fault{{Kind: fakefault.Drop, Every: 1}},
			call: func(ctx context.Context, c *monitoring.Client) error {
				_, err := c.GetByTxnID(ctx, "wd-1")
				return err
			},
			sent: true,
		},
		{
			name: "submit dropped, read-back dropped",
			faults: []fakefault.Fault{
				{Kind: fakefault.Drop, Every: 1, Match: monitoringtest.IsSubmit},
				{Kind: fakefault.DropBefore, Every: 1, Match: isRead},
			},
			call: func(ctx context.Context, c *monitoring.Client) error {
				_, err := c.Submit(ctx, txn())
				return err
			},
			sent:    true,
			outcome: true,
		},
		{
			name:     "connection refused",
			closeSrv: true,
			call: func(ctx context.Context, c *monitoring.Client) error {
				_, err := c.Get(ctx, "abc")
				return err
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := monitoringtest.NewServer(t, monitoringtest.WithFaults(tt.faults...))
			opts := []monitoring.Option{monitoring.WithRetry(0, 0, 0)}
			if tt.closeSrv {
				// An address that refuses every connection (a closed
				// server's port may be given to another test's listener).
				opts = append(opts, monitoring.WithBaseURL("http://"+testnet.RefusingAddr(t)))
			}
			c, err := srv.NewClient(opts...)
			if err != nil {
				t.Fatal(err)
			}
			err = tt.call(context.Background(), c)
			checkNoRestError(t, err)
			if got := monitoring.MaybeSent(err); got != tt.sent {
				t.Errorf("MaybeSent(%v) = %v; want %v", err, got, tt.sent)
			}
			var te *monitoring.TransportError
			if !errors.As(err, &te) {
				t.Fatalf("err = %v (%T); want a *monitoring.TransportError in it", err, err)
			}
			if te.Sent != tt.sent || te.Attempts != 1 || te.Method == "" || te.Path == "" || te.Err == nil {
				t.Errorf("TransportError = %+v", *te)
			}
			if errors.As(te.Err, new(*rest.TransportError)) {
				t.Errorf("TransportError.Err is internal/rest's: %v", te.Err)
			}
			var ou *monitoring.OutcomeUnknownError
			if got := errors.As(err, &ou); got != tt.outcome {
				t.Fatalf("err = %v; OutcomeUnknownError: %v, want %v", err, got, tt.outcome)
			}
			if tt.outcome && !errors.As(ou.ReadErr, new(*monitoring.TransportError)) {
				t.Errorf("ReadErr = %v (%T); want a *monitoring.TransportError", ou.ReadErr, ou.ReadErr)
			}
		})
	}
}

// TestErrorsFromRestCarryThePrefix: a context that ended before the call
// and a failing signer still give "monitoring: " errors, not rest's.
func TestErrorsFromRestCarryThePrefix(t *testing.T) {
	t.Parallel()
	srv := monitoringtest.NewServer(t)
	c, err := srv.NewClient()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = c.Get(ctx, "abc")
	checkNoRestError(t, err)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v; want context.Canceled", err)
	}
}

// TestServerErrorMatchesErrServer: a 5xx after the retries is ErrServer,
// with the request's method and path in the *APIError.
func TestServerErrorMatchesErrServer(t *testing.T) {
	t.Parallel()
	srv := monitoringtest.NewServer(t, monitoringtest.WithFaults(fakefault.Fault{Kind: fakefault.ServerError, Every: 1}))
	c, err := srv.NewClient(monitoring.WithRetry(0, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Get(context.Background(), "abc")
	checkNoRestError(t, err)
	var ae *monitoring.APIError
	if !errors.Is(err, monitoring.ErrServer) || !errors.As(err, &ae) {
		t.Fatalf("err = %v; want an *APIError matching ErrServer", err)
	}
	if ae.Method != http.MethodGet || !strings.HasPrefix(ae.Path, "/resources/kyt/txns/") || strings.Contains(ae.Path, "abc") {
		t.Errorf("APIError Method, Path = %q, %q", ae.Method, ae.Path)
	}
	if monitoring.MaybeSent(err) {
		t.Errorf("MaybeSent(a read's 5xx) = true")
	}
	if want := "monitoring: GET /resources/kyt/txns/*/one: HTTP 503"; !strings.HasPrefix(err.Error(), want) {
		t.Errorf("err = %q; want it to start with %q", err, want)
	}
}

// TestMiddlewareWrapsEverySignedAttempt: WithMiddleware sees each attempt,
// retries included, after signing; the first given is outermost, and
// repeated options append.
func TestMiddlewareWrapsEverySignedAttempt(t *testing.T) {
	t.Parallel()
	srv := monitoringtest.NewServer(t, monitoringtest.WithFaults(fakefault.Fault{Kind: fakefault.ServerError}))
	var (
		mu    sync.Mutex
		trace []string
	)
	mw := func(name string) monitoring.Middleware {
		return func(next http.RoundTripper) http.RoundTripper {
			return roundTripFunc(func(r *http.Request) (*http.Response, error) {
				mu.Lock()
				signed := r.Header.Get("X-App-Access-Sig") != ""
				trace = append(trace, name+map[bool]string{true: " signed", false: " unsigned"}[signed])
				mu.Unlock()
				return next.RoundTrip(r)
			})
		}
	}
	c, err := srv.NewClient(monitoring.WithRetry(1, 1, 1),
		monitoring.WithMiddleware(mw("a"), mw("b")), monitoring.WithMiddleware(mw("c")))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.GetByTxnID(context.Background(), "unknown")
	if !errors.Is(err, monitoring.ErrNotFound) {
		t.Fatalf("err = %v; want ErrNotFound after one retried 503", err)
	}
	want := "a signed,b signed,c signed,a signed,b signed,c signed"
	if got := strings.Join(trace, ","); got != want {
		t.Errorf("middleware saw %s; want %s", got, want)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// TestTransportErrorBodyCutShort: a body cut short, or over the size
// limit, is a *TransportError whose Err is no internal/rest type.
func TestTransportErrorBodyCutShort(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		handler http.HandlerFunc
	}{
		{"cut short", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Length", "1000")
			_, _ = w.Write([]byte(`{"id":`))
		}},
		{"too large", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"id":"` + strings.Repeat("x", 11<<20) + `"}`))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := httptest.NewServer(tt.handler)
			defer srv.Close()
			c, err := monitoring.New(monitoring.WithAppToken("sbx:t", "s"), monitoring.WithBaseURL(srv.URL),
				monitoring.WithRetry(0, 0, 0))
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.Get(context.Background(), "abc")
			checkNoRestError(t, err)
			var te *monitoring.TransportError
			if !errors.As(err, &te) {
				t.Fatalf("err = %v (%T); want a *monitoring.TransportError", err, err)
			}
			if errors.As(err, new(*rest.TooLargeError)) || strings.Contains(fmt.Sprintf("%T", te.Err), "rest.") {
				t.Errorf("TransportError.Err = %v (%T) is internal/rest's", te.Err, te.Err)
			}
		})
	}
}
