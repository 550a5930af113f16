package travelrule_test

import (
	"context"
	"errors"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/vaspkit/vaspkit/fakefault"
	"github.com/vaspkit/vaspkit/travelrule"
	"github.com/vaspkit/vaspkit/travelrule/travelruletest"
)

// injected is the option injecting a fault of kind on the next times
// requests.
func injected(kind fakefault.Kind, times int) travelruletest.Option {
	return travelruletest.WithFaults(fakefault.Fault{Kind: kind, Times: times})
}

func faultsOf(srv *travelruletest.Server) []fakefault.Kind {
	var out []fakefault.Kind
	for _, r := range srv.Requests() {
		out = append(out, r.Fault)
	}
	return out
}

// A widget-session create is keyed: Striga reuses the session, so it is
// retried through every transient failure and never stores two sessions.
func TestCreateWidgetSessionRetries(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		opt      travelruletest.Option
		faults   []fakefault.Kind
		replayed bool
		reused   bool
	}{
		{"503 then success", injected(fakefault.ServerError, 2),
			[]fakefault.Kind{fakefault.ServerError, fakefault.ServerError, 0}, true, false},
		{"429 then success", injected(fakefault.TooManyRequests, 1),
			[]fakefault.Kind{fakefault.TooManyRequests, 0}, false, false},
		{"429 with Retry-After",
			travelruletest.WithFaults(fakefault.Fault{Kind: fakefault.TooManyRequests, RetryAfter: time.Millisecond}),
			[]fakefault.Kind{fakefault.TooManyRequests, 0}, false, false},
		{"dropped after store: the retry gets the stored session", injected(fakefault.Drop, 1),
			[]fakefault.Kind{fakefault.Drop, 0}, true, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := travelruletest.NewServer(t, tc.opt)
			// Retry-After is whole seconds on the wire (the fake's 1 ms
			// is sent as 1): the cap keeps the test from waiting a real
			// second. TestWithRetryAfterCap checks the cap, and
			// monitoring's TestRetryAfterIsHonoured that the wait is
			// planned from Retry-After.
			c := newClient(t, srv, travelrule.WithRetryAfterCap(5*time.Millisecond))
			s, err := c.CreateWidgetSession(context.Background(), onChain())
			if err != nil {
				t.Fatalf("CreateWidgetSession: %v", err)
			}
			if diff := cmp.Diff(tc.faults, faultsOf(srv)); diff != "" {
				t.Errorf("requests (-want +got):\n%s", diff)
			}
			stored := srv.Sessions()
			if len(stored) != 1 || stored[0].ID != s.ID {
				t.Fatalf("stored %d sessions; want exactly the one returned", len(stored))
			}
			if s.Replayed != tc.replayed || s.Reused != tc.reused {
				t.Errorf("Replayed %v Reused %v, want %v %v", s.Replayed, s.Reused, tc.replayed, tc.reused)
			}
		})
	}
}

func TestCreateWidgetSessionGivesUp(t *testing.T) {
	t.Parallel()
	srv := travelruletest.NewServer(t,
		travelruletest.WithFaults(fakefault.Fault{Kind: fakefault.ServerError, Status: 500, Times: 10}))
	c := newClient(t, srv)
	_, err := c.CreateWidgetSession(context.Background(), onChain())
	if !errors.Is(err, travelrule.ErrServer) {
		t.Errorf("err = %v, want ErrServer", err)
	}
	if n := len(srv.Requests()); n != 4 {
		t.Errorf("%d attempts, want 4 (1 + 3 retries)", n)
	}
	srv.ClearFaults()
	srv.InjectFault(fakefault.Fault{Kind: fakefault.TooManyRequests, Times: 10})
	if _, err := c.CreateWidgetSession(context.Background(), onChain()); !errors.Is(err, travelrule.ErrRateLimited) {
		t.Errorf("err = %v, want ErrRateLimited", err)
	}
}

func TestCreateWidgetSessionContext(t *testing.T) {
	t.Parallel()
	srv := travelruletest.NewServer(t, travelruletest.WithLatency(time.Minute))
	c := newClient(t, srv)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := c.CreateWidgetSession(ctx, onChain())
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want context.DeadlineExceeded", err)
	}
	canceled, stop := context.WithCancel(context.Background())
	stop()
	if _, err := c.CreateWidgetSession(canceled, onChain()); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled context: err = %v", err)
	}
}

// Declaring a counterparty is not keyed: after a drop it is not resent,
// and the error says it may have been stored.
func TestDeclareIsNotRetriedAfterSend(t *testing.T) {
	t.Parallel()
	srv := travelruletest.NewServer(t, injected(fakefault.Drop, 1))
	c := newClient(t, srv)
	_, err := c.DeclareSelfHostedCounterparty(context.Background(), declareOwned())
	if err == nil || !travelrule.MaybeSent(err) {
		t.Fatalf("err = %v, want a transport error that may have been sent", err)
	}
	if n := len(srv.Requests()); n != 1 {
		t.Errorf("%d attempts, want 1", n)
	}
	if n := len(srv.Counterparties()); n != 1 {
		t.Errorf("%d counterparties stored, want 1", n)
	}
	// Declaring again is refused as a duplicate.
	if _, err := c.DeclareSelfHostedCounterparty(context.Background(), declareOwned()); !errors.Is(err, travelrule.ErrDuplicate) {
		t.Errorf("second declaration: %v, want ErrDuplicate", err)
	}
}

// WithRetry(0, …) means no retries: a keyed create that meets a 503 is
// sent once, whatever the waits (they are irrelevant then, zero included).
func TestWithRetryZeroSendsOneAttempt(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		retry travelrule.Option
		want  int
	}{
		{"no retries, zero waits", travelrule.WithRetry(0, 0, 0), 1},
		{"no retries, waits given", travelrule.WithRetry(0, time.Second, 5*time.Second), 1},
		{"no retries, waits reversed", travelrule.WithRetry(0, 2*time.Second, time.Second), 1},
		{"two retries", travelrule.WithRetry(2, time.Millisecond, time.Millisecond), 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := travelruletest.NewServer(t, injected(fakefault.ServerError, 10))
			c, err := travelrule.New(append(srv.ClientOptions(), tc.retry)...)
			if err != nil {
				t.Fatalf("New: %v", err)
			}
			_, err = c.CreateWidgetSession(context.Background(), onChain())
			var ae *travelrule.APIError
			if !errors.As(err, &ae) || ae.HTTPStatus != 503 {
				t.Errorf("err = %v, want the 503 *APIError", err)
			}
			if n := len(srv.Requests()); n != tc.want {
				t.Errorf("attempts at the server = %d, want %d", n, tc.want)
			}
		})
	}
}

// afterAttempt runs a hook after each attempt the client makes, so a test
// can arm the fake's next faults between attempts.
type afterAttempt struct {
	rt    http.RoundTripper
	n     atomic.Int32
	after func(n int)
}

func (a *afterAttempt) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := a.rt.RoundTrip(r)
	a.after(int(a.n.Add(1)))
	return resp, err
}

// A create whose retries end in an error after an attempt that may have
// stored the session is flagged by MaybeSent, so the caller knows the
// session may exist; calling again returns it.
func TestCreateWidgetSessionMaybeSent(t *testing.T) {
	t.Parallel()
	type outcome struct {
		MaybeSent, Replayed bool
		Matches             bool // the error matches the case's sentinel
		Stored              int
		Attempts            int
	}
	tests := []struct {
		name    string
		opt     travelruletest.Option
		arm     func(srv *travelruletest.Server) // after the first attempt
		retries int
		is      error
		want    outcome
	}{
		{name: "stored, then 503 until the retries run out", opt: injected(fakefault.Drop, 1),
			arm: func(srv *travelruletest.Server) {
				srv.InjectFault(fakefault.Fault{Kind: fakefault.ServerError, Times: 10})
			},
			retries: 3, is: travelrule.ErrServer,
			want: outcome{MaybeSent: true, Replayed: true, Matches: true, Stored: 1, Attempts: 4}},
		{name: "stored, then 429 until the retries run out", opt: injected(fakefault.Drop, 1),
			arm: func(srv *travelruletest.Server) {
				srv.InjectFault(fakefault.Fault{Kind: fakefault.TooManyRequests, Times: 10})
			},
			retries: 3, is: travelrule.ErrRateLimited,
			want: outcome{MaybeSent: true, Replayed: true, Matches: true, Stored: 1, Attempts: 4}},
		// A 5xx may come after Striga stored the session.
		{name: "503, no retries", opt: injected(fakefault.ServerError, 1), retries: 0,
			is: travelrule.ErrServer, want: outcome{MaybeSent: true, Matches: true, Attempts: 1}},
		// A 429 is a refusal before anything is done.
		{name: "429, no retries", opt: injected(fakefault.TooManyRequests, 1), retries: 0,
			is: travelrule.ErrRateLimited, want: outcome{Matches: true, Attempts: 1}},
		{name: "429 until the retries run out", opt: injected(fakefault.TooManyRequests, 10), retries: 2,
			is: travelrule.ErrRateLimited, want: outcome{Matches: true, Attempts: 3}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := travelruletest.NewServer(t, tc.opt)
			hc := *srv.HTTPClient()
			hc.Transport = &afterAttempt{rt: srv.HTTPClient().Transport, after: func(n int) {
				if n == 1 && tc.arm != nil {
					tc.arm(srv)
				}
			}}
			c := newClient(t, srv, travelrule.WithHTTPClient(&hc), travelrule.WithRetry(tc.retries, time.Millisecond, time.Millisecond))

			_, err := c.CreateWidgetSession(context.Background(), onChain())

			got := outcome{MaybeSent: travelrule.MaybeSent(err), Matches: errors.Is(err, tc.is),
				Stored: len(srv.Sessions()), Attempts: len(srv.Requests())}
			var ae *travelrule.APIError
			if errors.As(err, &ae) {
				got.Replayed = ae.Replayed
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Fatalf("CreateWidgetSession err = %v (-want +got):\n%s", err, diff)
			}
			if tc.want.Stored == 0 {
				return
			}
			// Calling again returns the stored session.
			srv.ClearFaults()
			s, err := c.CreateWidgetSession(context.Background(), onChain())
			if err != nil || !s.Reused || len(srv.Sessions()) != 1 || s.ID != srv.Sessions()[0].ID {
				t.Errorf("calling again = %v, %v; want the stored session, reused", s, err)
			}
		})
	}
}

// WithRetryBudget caps the retries of all calls together: once the budget
// is spent, a create that meets a 503 is sent once.
func TestWithRetryBudget(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		budget []travelrule.Option
		want   []int // attempts of each of three calls
	}{
		{"default budget", nil, []int{4, 4, 4}},
		{"budget of 4", []travelrule.Option{travelrule.WithRetryBudget(4)}, []int{4, 2, 1}},
		{"budget of 0", []travelrule.Option{travelrule.WithRetryBudget(0)}, []int{1, 1, 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := travelruletest.NewServer(t, injected(fakefault.ServerError, 100))
			c := newClient(t, srv, append([]travelrule.Option{travelrule.WithRetry(3, time.Millisecond, time.Millisecond)}, tc.budget...)...)
			var got []int
			for range tc.want {
				before := len(srv.Requests())
				_, _ = c.CreateWidgetSession(context.Background(), onChain())
				got = append(got, len(srv.Requests())-before)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("attempts per call (-want +got):\n%s", diff)
			}
		})
	}
}
