package monitoring_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/vaspkit/vaspkit/fakefault"
	"github.com/vaspkit/vaspkit/monitoring"
	"github.com/vaspkit/vaspkit/monitoring/monitoringtest"
)

// A bad option is a *ConfigError naming it, matching ErrConfig; New does
// no I/O.
func ExampleConfigError() {
	_, err := monitoring.New(
		monitoring.WithAppToken("sbx:your-app-token", "your-secret-key"),
		monitoring.WithRetry(3, 0, 0), // retries need 0 < waitMin <= waitMax
	)
	var ce *monitoring.ConfigError
	fmt.Println(errors.Is(err, monitoring.ErrConfig), errors.As(err, &ce) && ce.Option == "WithRetry")
	fmt.Println(err)
	// Output:
	// true true
	// monitoring: WithRetry: retry waits must satisfy 0 < waitMin <= waitMax
}

// Middleware sees every attempt, after signing: here it counts them.
func ExampleWithMiddleware() {
	srv := monitoringtest.NewServer(nil)
	defer srv.Close()

	attempts := 0
	count := func(next http.RoundTripper) http.RoundTripper {
		return roundTripFunc(func(r *http.Request) (*http.Response, error) {
			attempts++
			return next.RoundTrip(r)
		})
	}
	client, err := srv.NewClient(monitoring.WithMiddleware(count))
	if err != nil {
		fmt.Println(err)
		return
	}
	_, err = client.GetByTxnID(context.Background(), "wd-unknown")
	fmt.Println(errors.Is(err, monitoring.ErrNotFound), attempts)
	// Output:
	// true 1
}

// A call that got no answer is a *TransportError; Sent tells whether the
// request may have reached Sumsub (MaybeSent does too).
func ExampleTransportError() {
	srv := monitoringtest.NewServer(nil)
	client, _ := srv.NewClient(monitoring.WithRetry(0, 0, 0))
	srv.Close() // nothing listens any more

	_, err := client.Get(context.Background(), "some-id")
	var te *monitoring.TransportError
	if errors.As(err, &te) {
		fmt.Println(te.Method, te.Attempts, te.Sent, monitoring.MaybeSent(err))
	}
	// Output:
	// GET 1 false false
}

// WithRetryBudget bounds the retries of all calls together; 0 allows none.
// WithRetryAfterCap bounds the Retry-After the client waits out.
func ExampleWithRetryBudget() {
	srv := monitoringtest.NewServer(nil, monitoringtest.WithFaults(
		fakefault.Fault{Kind: fakefault.ServerError}))
	defer srv.Close()
	client, _ := srv.NewClient(
		monitoring.WithRetry(3, time.Millisecond, time.Millisecond),
		monitoring.WithRetryBudget(0),
		monitoring.WithRetryAfterCap(time.Second),
	)
	_, err := client.GetByTxnID(context.Background(), "wd-unknown")
	fmt.Println(errors.Is(err, monitoring.ErrServer))
	// Output:
	// true
}

// WithClock sets the client's notion of now, here for the signatures'
// timestamps.
func ExampleWithClock() {
	srv := monitoringtest.NewServer(nil)
	defer srv.Close()
	client, err := srv.NewClient(monitoring.WithClock(func() time.Time { return time.Now().Add(time.Second) }))
	fmt.Println(client != nil, err)

	_, err = monitoring.New(monitoring.WithAppToken("sbx:t", "s"), monitoring.WithClock(nil))
	fmt.Println(err)
	// Output:
	// true <nil>
	// monitoring: WithClock: nil clock
}
