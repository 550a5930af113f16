package gtr_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"strconv"
	"time"

	"github.com/vaspkit/vaspkit/gtr"
)

// appTokenClient is a client of a plain http loopback server (a stand-in
// for GTR) authenticated with an app token, so no login comes first.
func appTokenClient(url string, extra ...gtr.Option) *gtr.Client {
	c, err := gtr.New(append([]gtr.Option{
		gtr.WithBaseURL(url),
		gtr.WithAppToken("VASP_CODE", "access-key", "secret-key"),
	}, extra...)...)
	check(err)
	return c
}

// A server that asks for an hour's pause is waited out for at most the
// cap: the retry comes after 50 ms, and APIError.RetryAfter reports the
// capped wait.
func ExampleWithRetryAfterCap() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Retry-After", "3600")
		w.WriteHeader(http.StatusTooManyRequests)
	}))
	defer srv.Close()
	c := appTokenClient(srv.URL,
		gtr.WithRetry(1, time.Millisecond, time.Millisecond),
		gtr.WithRetryAfterCap(50*time.Millisecond))

	start := time.Now()
	_, err := c.VASPDetail(context.Background(), "BENE")
	var ae *gtr.APIError
	fmt.Println(errors.Is(err, gtr.ErrRateLimited), errors.As(err, &ae) && ae.RetryAfter == 50*time.Millisecond)
	fmt.Println("waited less than a second:", time.Since(start) < time.Second)
	// Output:
	// true true
	// waited less than a second: true
}

// The client's clock dates the app tokens it signs (and times login
// tokens). A 5xx answer matches ErrServer.
func ExampleWithClock() {
	issued := make(chan time.Time, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// An app token is Base64 JSON; its timestamp is in milliseconds.
		var tok struct {
			Timestamp string `json:"timestamp"`
		}
		raw, _ := base64.StdEncoding.DecodeString(r.Header.Get("X-Authorization"))
		if json.Unmarshal(raw, &tok) == nil {
			ms, _ := strconv.ParseInt(tok.Timestamp, 10, 64)
			issued <- time.UnixMilli(ms)
		}
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	clock := func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) }
	c := appTokenClient(srv.URL, gtr.WithClock(clock), gtr.WithRetry(0, 0, 0))

	_, err := c.VASPDetail(context.Background(), "BENE")
	fmt.Println(errors.Is(err, gtr.ErrServer))
	fmt.Println((<-issued).UTC().Format(time.RFC3339))
	// Output:
	// true
	// 2026-01-02T03:04:05Z
}

// A Middleware sees every attempt, the login included, after the client
// has authenticated it, and works alongside the mTLS client certificate.
func ExampleWithMiddleware() {
	srv := demoPlatform()
	defer srv.Close()

	trace := func(next http.RoundTripper) http.RoundTripper {
		return roundTripFunc(func(r *http.Request) (*http.Response, error) {
			fmt.Println(r.Method, r.URL.Path, "authorized:", r.Header.Get("Authorization") != "")
			return next.RoundTrip(r)
		})
	}
	c, _ := demoClient(srv, gtr.WithMiddleware(trace))
	if _, err := c.ListVASPs(context.Background()); err != nil {
		log.Fatal(err)
	}
	// Output:
	// POST /api/login authorized: false
	// GET /api/common/v3/vasp/list authorized: true
}

// roundTripFunc is an http.RoundTripper from a function.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// The connection drops after the request was sent: a *TransportError with
// Sent. For a read that is harmless; for one_step, notify_tx_id, end and
// the manual answers MaybeSent says not to resend blindly.
func ExampleTransportError() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		conn, _, _ := w.(http.Hijacker).Hijack()
		_ = conn.Close() // hang up without an answer
	}))
	defer srv.Close()
	c := appTokenClient(srv.URL, gtr.WithRetry(0, 0, 0))

	_, err := c.VASPDetail(context.Background(), "BENE")
	var te *gtr.TransportError
	if errors.As(err, &te) {
		fmt.Println(te.Method, te.Path, "attempts:", te.Attempts, "sent:", te.Sent)
	}
	fmt.Println("maybe sent:", gtr.MaybeSent(err))
	// Output:
	// GET /api/common/v3/vasp/detail attempts: 1 sent: true
	// maybe sent: true
}

// A 2xx whose body is not GTR's envelope is a *MalformedResponseError,
// never a success.
func ExampleMalformedResponseError() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte("{}"))
	}))
	defer srv.Close()
	c := appTokenClient(srv.URL, gtr.WithRetry(0, 0, 0))

	_, err := c.VASPDetail(context.Background(), "BENE")
	var me *gtr.MalformedResponseError
	fmt.Println(errors.Is(err, gtr.ErrMalformedResponse), errors.As(err, &me) && me.Path == "/api/common/v3/vasp/detail")
	// Output:
	// true true
}

// Client-side validation names each invalid field and the rule it breaks,
// never its value; nothing is sent.
func ExampleFieldError() {
	c := appTokenClient("http://127.0.0.1:1") // never reached
	_, err := c.Query(context.Background(), "x")
	var ve *gtr.ValidationError
	if errors.As(err, &ve) {
		for _, p := range ve.Problems {
			fmt.Println(p.Path, p.Rule, p.Message)
		}
	}
	fmt.Println(errors.Is(err, gtr.ErrInvalidRequest))
	// Output:
	// requestID FORMAT must be 4–64 characters of [A-Za-z0-9_=-]
	// true
}
