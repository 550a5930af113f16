package travelrule_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/vaspkit/vaspkit/fakefault"
	"github.com/vaspkit/vaspkit/travelrule"
	"github.com/vaspkit/vaspkit/travelrule/travelruletest"
)

// A bad option is a *ConfigError naming it, matching ErrConfig.
func ExampleConfigError() {
	_, err := travelrule.New(travelrule.WithCredentials("api-key", "api-secret"), travelrule.WithRetry(3, 0, 0))
	var ce *travelrule.ConfigError
	fmt.Println(errors.Is(err, travelrule.ErrConfig), errors.As(err, &ce), ce.Option)
	fmt.Println(err)
	// Output:
	// true true WithRetry
	// travelrule: WithRetry: retry waits must satisfy 0 < waitMin <= waitMax
}

// Striga asks to wait an hour; the client waits at most 10 ms.
func ExampleWithRetryAfterCap() {
	srv := travelruletest.NewServer(nil)
	defer srv.Close()
	srv.InjectFault(fakefault.Fault{Kind: fakefault.TooManyRequests, RetryAfter: time.Hour})
	c, err := travelrule.New(append(srv.ClientOptions(), travelrule.WithRetryAfterCap(10*time.Millisecond))...)
	if err != nil {
		panic(err)
	}
	s, err := c.CreateWidgetSession(context.Background(), &travelrule.WidgetSessionRequest{
		UserID: "550e8400-e29b-41d4-a716-446655440000", Currency: "ETH", Network: "ETH",
		CounterpartyAddress: "0x52908400098527886E0F7030069857D2E4169EE7",
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(s.Status)
	// Output:
	// ACTIVE
}

// A middleware sees every attempt, signed, and its response.
func ExampleWithMiddleware() {
	srv := travelruletest.NewServer(nil)
	defer srv.Close()
	logStatus := func(next http.RoundTripper) http.RoundTripper {
		return roundTripFunc(func(r *http.Request) (*http.Response, error) {
			resp, err := next.RoundTrip(r)
			if err == nil {
				fmt.Println(r.Method, resp.StatusCode, r.Header.Get("Authorization") != "")
			}
			return resp, err
		})
	}
	c, err := travelrule.New(append(srv.ClientOptions(), travelrule.WithMiddleware(logStatus))...)
	if err != nil {
		panic(err)
	}
	if _, err := c.CreateWidgetSession(context.Background(), &travelrule.WidgetSessionRequest{
		UserID: "550e8400-e29b-41d4-a716-446655440000", Currency: "ETH", Network: "ETH",
		CounterpartyAddress: "0x52908400098527886E0F7030069857D2E4169EE7",
	}); err != nil {
		panic(err)
	}
	// Output:
	// POST 200 true
}

// A call that never reached Striga is a *TransportError with Sent false:
// it is safe to send again.
func ExampleTransportError() {
	srv := travelruletest.NewServer(nil)
	c, err := travelrule.New(append(srv.ClientOptions(), travelrule.WithRetry(0, 0, 0))...)
	if err != nil {
		panic(err)
	}
	srv.Close() // Striga is unreachable
	_, err = c.CreateWidgetSession(context.Background(), &travelrule.WidgetSessionRequest{
		UserID: "550e8400-e29b-41d4-a716-446655440000", Currency: "ETH", Network: "ETH",
		CounterpartyAddress: "0x52908400098527886E0F7030069857D2E4169EE7",
	})
	var te *travelrule.TransportError
	fmt.Println(errors.As(err, &te), te.Sent, te.Attempts, travelrule.MaybeSent(err))
	// Output:
	// true false 1 false
}

// A declaration whose answer was lost may have been stored: the error is
// an *OutcomeUnknownError. Check before declaring again.
func ExampleOutcomeUnknownError() {
	srv := travelruletest.NewServer(nil)
	defer srv.Close()
	srv.InjectFault(fakefault.Fault{Kind: fakefault.Drop})
	c, err := travelrule.New(srv.ClientOptions()...)
	if err != nil {
		panic(err)
	}
	_, err = c.DeclareSelfHostedCounterparty(context.Background(), &travelrule.SelfHostedCounterpartyRequest{
		UserID: "550e8400-e29b-41d4-a716-446655440000", Currency: "ETH", Network: "ETH",
		CounterpartyAddress: "0x52908400098527886E0F7030069857D2E4169EE7", SubType: travelrule.SubTypeOwned,
	})
	var oe *travelrule.OutcomeUnknownError
	var te *travelrule.TransportError
	fmt.Println(errors.As(err, &oe), errors.Is(err, travelrule.ErrOutcomeUnknown), travelrule.MaybeSent(err))
	fmt.Println(oe.Method, oe.Path, errors.As(err, &te) && te.Sent)
	// Output:
	// true true true
	// POST /counterparty/self-hosted true
}
