package rest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/jarcoal/httpmock"

	"github.com/vaspkit/vaspkit/internal/rest"
	"github.com/vaspkit/vaspkit/internal/testnet"
)

// recorder is a test server that answers with a scripted sequence of
// handlers and records every request it saw.
type recorder struct {
	mu     sync.Mutex
	bodies []string
	sigs   []string
	paths  []string
	steps  []http.HandlerFunc
	srv    *httptest.Server
}

func newRecorder(t *testing.T, steps ...http.HandlerFunc) *recorder {
	t.Helper()
	r := &recorder{steps: steps}
	r.srv = httptest.NewServer(http.HandlerFunc(r.serve))
	t.Cleanup(r.srv.Close)
	return r
}

func (r *recorder) serve(w http.ResponseWriter, req *http.Request) {
	b, _ := io.ReadAll(req.Body)
	r.mu.Lock()
	n := len(r.bodies)
	r.bodies = append(r.bodies, string(b))
	r.sigs = append(r.sigs, req.Header.Get("X-Sig"))
	r.paths = append(r.paths, req.URL.RequestURI())
	step := r.steps[len(r.steps)-1]
	if n < len(r.steps) {
		step = r.steps[n]
	}
	r.mu.Unlock()
	step(w, req)
}

func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.bodies)
}

func status(code int, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Request-Id", "req-1")
		w.WriteHeader(code)
		io.WriteString(w, body)
	}
}

// hangUp reads the request and closes the connection without answering:
// the request was written, the outcome is unknown.
func hangUp(w http.ResponseWriter, _ *http.Request) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err == nil {
		conn.Close()
	}
}

// truncated promises a longer body than it sends.
func truncated(w http.ResponseWriter, _ *http.Request) {
	conn, buf, err := w.(http.Hijacker).Hijack()
	if err != nil {
		return
	}
	buf.WriteString("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"ok\":")
	buf.Flush()
	conn.Close()
}

func newClient(t *testing.T, base string, mod func(*rest.Config)) *rest.Client {
	t.Helper()
	cfg := rest.Config{
		BaseURL:          base,
		RetryWaitMin:     time.Millisecond,
		RetryWaitMax:     5 * time.Millisecond,
		RequestIDHeaders: []string{"X-Request-Id"},
	}
	if mod != nil {
		mod(&cfg)
	}
	c, err := rest.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

type payload struct {
	ID     string `json:"id"`
	Amount string `json:"amount"`
}

func TestSettersRecordFirstErrorAndSendNothing(t *testing.T) {
	t.Parallel()
	rec := newRecorder(t, status(200, `{}`))
	c := newClient(t, rec.srv.URL, nil)
	tests := []struct {
		name string
		req  *rest.Request
		want string
	}{
		{"relative path", c.Get("api/x"), "must start with /"},
		{"query in path", c.Get("/api/x?a=b"), "must not carry a query"},
		{"bad JSON", c.Post("/x").JSON(func() {}), "encode request body"},
		{"body twice", c.Post("/x").JSON(1).Raw([]byte("a"), "text/plain"), "body set twice"},
		{"bad class", c.Post("/x").Retry(rest.Class(9)), "unknown retry class"},
		{"nil Into", c.Get("/x").Into(nil), "non-nil pointer"},
		{"first error wins", c.Post("/x").JSON(func() {}).Retry(rest.Class(9)), "encode request body"},
	}
	for _, tt := range tests {
		err := tt.req.Do(context.Background())
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Do() = %v, want an error containing %q", tt.name, err, tt.want)
		}
	}
	if n := rec.count(); n != 0 {
		t.Errorf("server saw %d requests, want 0", n)
	}
}

func TestNewRejectsBadConfig(t *testing.T) {
	t.Parallel()
	for _, cfg := range []rest.Config{
		{},
		{BaseURL: "ftp://x"},
		{BaseURL: "https://"},
		{BaseURL: "https://user:pw@x"},
		{BaseURL: "https://x?a=b"},
		{BaseURL: "https://x", RetryWaitMin: time.Second, RetryWaitMax: time.Millisecond},
		{BaseURL: "https://x", DefaultClass: rest.Class(7)},
		{BaseURL: "https://x", Limiter: &rest.Limiter{Methods: []string{"POST"}}},
	} {
		if _, err := rest.New(cfg); err == nil {
			t.Errorf("New(%+v) = nil error, want one", cfg)
		}
	}
}

func TestPostJSONIntoAndPathJoin(t *testing.T) {
	t.Parallel()
	rec := newRecorder(t, status(200, `{"id":"t-1","amount":"0.00000001"}`))
	c := newClient(t, rec.srv.URL+"/api/v1/", nil)
	var out payload
	var meta rest.Meta
	err := c.Post(rest.Pathf("/txns/%s/data", "a/b c")).
		Query("levelName", "basic kyc").Query("plus", "a+b").
		JSON(payload{ID: "t-1", Amount: "0.00000001"}).
		Into(&out).Meta(&meta).Do(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(payload{ID: "t-1", Amount: "0.00000001"}, out); diff != "" {
		t.Errorf("decoded (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"/api/v1/txns/a%2Fb%20c/data?levelName=basic%20kyc&plus=a%2Bb"}, rec.paths); diff != "" {
		t.Errorf("paths (-want +got):\n%s", diff)
	}
	if meta.StatusCode != 200 || meta.Attempts != 1 || meta.Replayed || meta.RequestID != "req-1" {
		t.Errorf("meta = %+v", meta)
	}
}

// Not parallel: httpmock's responders are package-global.
func TestHTTPMockActivateNonDefault(t *testing.T) {
	hc := &http.Client{}
	httpmock.ActivateNonDefault(hc)
	defer httpmock.Reset()
	defer httpmock.DeactivateNonDefault(hc)
	c := newClient(t, "https://api.example.test", func(cfg *rest.Config) { cfg.HTTPClient = hc })
	httpmock.RegisterResponder("GET", "https://api.example.test/ping",
		httpmock.NewStringResponder(200, `{"id":"pong"}`))
	var out payload
	if err := c.Get("/ping").Into(&out).Do(context.Background()); err != nil {
		t.Fatal(err)
	}
	if out.ID != "pong" {
		t.Errorf("id = %q, want pong", out.ID)
	}
	if got := httpmock.GetTotalCallCount(); got != 1 {
		t.Errorf("mock calls = %d, want 1", got)
	}
}

// countingSigner signs every attempt with a counter, so each attempt's
// signature differs, and records the bytes it signed.
type countingSigner struct {
	mu     sync.Mutex
	n      int
	signed []string
}

func (s *countingSigner) Sign(req *http.Request, body []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.n++
	s.signed = append(s.signed, string(body))
	req.Header.Set("X-Sig", strings.Repeat("s", s.n))
	return nil
}

func TestRetryClasses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		class     rest.Class
		method    string
		steps     []http.HandlerFunc
		wantSeen  int
		wantErr   func(error) bool
		wantMeta  rest.Meta
		checkMeta bool
	}{
		{
			name: "safe retries a read on 503 and 500", class: rest.Safe, method: "GET",
			steps:    []http.HandlerFunc{status(503, ""), status(500, ""), status(200, `{}`)},
			wantSeen: 3, wantErr: noErr,
		},
		{
			name: "safe retries a dropped connection", class: rest.Safe, method: "GET",
			steps:    []http.HandlerFunc{hangUp, status(200, `{}`)},
			wantSeen: 2, wantErr: noErr,
		},
		{
			name: "safe retries a truncated body", class: rest.Safe, method: "GET",
			steps:    []http.HandlerFunc{truncated, status(200, `{}`)},
			wantSeen: 2, wantErr: noErr,
		},
		{
			name: "safe gives up after RetryMax", class: rest.Safe, method: "GET",
			steps:    []http.HandlerFunc{status(503, `{"e":1}`)},
			wantSeen: 4, wantErr: isStatus(503),
		},
		{
			name: "4xx is not retried", class: rest.Safe, method: "GET",
			steps:    []http.HandlerFunc{status(400, `{"e":1}`)},
			wantSeen: 1, wantErr: isStatus(400),
		},
		{
			name: "keyed retries after a hang-up and reports a replay", class: rest.Keyed, method: "POST",
			steps:    []http.HandlerFunc{hangUp, status(409, `{"code":409}`)},
			wantSeen: 2, wantErr: isStatus(409),
			wantMeta: rest.Meta{StatusCode: 409, Attempts: 2, Replayed: true, RequestID: "req-1"}, checkMeta: true,
		},
		{
			name: "keyed 429 is not a replay", class: rest.Keyed, method: "POST",
			steps:    []http.HandlerFunc{status(429, ""), status(201, `{}`)},
			wantSeen: 2, wantErr: noErr,
			wantMeta: rest.Meta{StatusCode: 201, Attempts: 2, Replayed: false, RequestID: "req-1"}, checkMeta: true,
		},
		{
			name: "ambiguous never resends after a hang-up", class: rest.Ambiguous, method: "POST",
			steps:    []http.HandlerFunc{hangUp, status(200, `{}`)},
			wantSeen: 1, wantErr: rest.MaybeSent,
		},
		{
			name: "ambiguous never resends after a 503", class: rest.Ambiguous, method: "POST",
			steps:    []http.HandlerFunc{status(503, ""), status(200, `{}`)},
			wantSeen: 1, wantErr: isStatus(503),
		},
		{
			name: "ambiguous never resends after a truncated body", class: rest.Ambiguous, method: "POST",
			steps:    []http.HandlerFunc{truncated, status(200, `{}`)},
			wantSeen: 1, wantErr: rest.MaybeSent,
		},
		{
			name: "default class of a POST is ambiguous", class: 0, method: "POST",
			steps:    []http.HandlerFunc{hangUp, status(200, `{}`)},
			wantSeen: 1, wantErr: rest.MaybeSent,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rec := newRecorder(t, tt.steps...)
			signer := &countingSigner{}
			c := newClient(t, rec.srv.URL, func(cfg *rest.Config) { cfg.Signer = signer })
			var r *rest.Request
			if tt.method == "GET" {
				r = c.Get("/x")
			} else {
				r = c.Post("/x").JSON(payload{ID: "k-1", Amount: "1.5"})
			}
			if tt.class != 0 {
				r = r.Retry(tt.class)
			}
			var meta rest.Meta
			err := r.Meta(&meta).Do(context.Background())
			if !tt.wantErr(err) {
				t.Errorf("Do() error = %v (%T), not what the case expects", err, err)
			}
			if got := rec.count(); got != tt.wantSeen {
				t.Errorf("server saw %d requests, want %d", got, tt.wantSeen)
			}
			if tt.checkMeta {
				meta.Header = nil
				if diff := cmp.Diff(tt.wantMeta, meta); diff != "" {
					t.Errorf("meta (-want +got):\n%s", diff)
				}
			}
			// Every attempt carried the same bytes and a fresh signature.
			rec.mu.Lock()
			defer rec.mu.Unlock()
			for i := range rec.bodies {
				if rec.bodies[i] != rec.bodies[0] {
					t.Errorf("attempt %d body %q differs from attempt 1 %q", i+1, rec.bodies[i], rec.bodies[0])
				}
				if want := strings.Repeat("s", i+1); rec.sigs[i] != want {
					t.Errorf("attempt %d signature %q, want %q", i+1, rec.sigs[i], want)
				}
				if signer.signed[i] != rec.bodies[i] {
					t.Errorf("attempt %d signed %q but sent %q", i+1, signer.signed[i], rec.bodies[i])
				}
			}
		})
	}
}

func noErr(err error) bool { return err == nil }

func isStatus(code int) func(error) bool {
	return func(err error) bool {
		var se *rest.StatusError
		return errors.As(err, &se) && se.Response.StatusCode == code
	}
}

// TestAmbiguousRetriesRefusedDial: a dial the OS refuses provably sent
// nothing, so even an Ambiguous request is retried.
func TestAmbiguousRetriesRefusedDial(t *testing.T) {
	t.Parallel()
	rec := newRecorder(t, status(200, `{"id":"ok"}`))
	var dials atomic.Int32
	tr := http.DefaultTransport.(*http.Transport).Clone()
	var d net.Dialer
	tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		if dials.Add(1) == 1 {
			return nil, &net.OpError{Op: "dial", Net: network, Err: syscall.ECONNREFUSED}
		}
		return d.DialContext(ctx, network, addr)
	}
	c := newClient(t, rec.srv.URL, func(cfg *rest.Config) { cfg.HTTPClient = &http.Client{Transport: tr} })
	var out payload
	var meta rest.Meta
	err := c.Post("/one_step").JSON(payload{ID: "r"}).Retry(rest.Ambiguous).Into(&out).Meta(&meta).Do(context.Background())
	if err != nil {
		t.Fatalf("Do() = %v, want success after a refused dial", err)
	}
	if rec.count() != 1 || meta.Attempts != 2 || meta.Replayed {
		t.Errorf("server saw %d, meta %+v; want 1 request, 2 attempts, no replay", rec.count(), meta)
	}
}

// TestRefusedEverywhereIsNotSent: a server that is down reports Sent=false.
func TestRefusedEverywhereIsNotSent(t *testing.T) {
	t.Parallel()
	c := newClient(t, "http://"+testnet.RefusingAddr(t), nil)
	err := c.Post("/x").JSON(1).Retry(rest.Ambiguous).Do(context.Background())
	var te *rest.TransportError
	if !errors.As(err, &te) {
		t.Fatalf("Do() = %v, want *TransportError", err)
	}
	if te.Sent || te.Attempts != 4 {
		t.Errorf("TransportError = %+v, want Sent=false after 4 attempts", te)
	}
	if !errors.Is(err, syscall.ECONNREFUSED) {
		t.Errorf("errors.Is(err, ECONNREFUSED) = false for %v", err)
	}
}

func TestCancelEndsBackoffWait(t *testing.T) {
	t.Parallel()
	rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Retry-After", "3600")
		w.WriteHeader(http.StatusTooManyRequests)
	})
	// The client logs the attempt it will retry, with retry_in, just before
	// it starts the backoff wait: cancel then, not when the request reaches
	// the server (the 429 may not have reached the client yet, and a call
	// whose context ends after its answer arrived returns that answer).
	backoff := make(chan struct{})
	var once sync.Once
	logger := slog.New(handlerFunc(func(r slog.Record) {
		r.Attrs(func(a slog.Attr) bool {
			if a.Key == "retry_in" {
				once.Do(func() { close(backoff) })
			}
			return true
		})
	}))
	c := newClient(t, rec.srv.URL, func(cfg *rest.Config) {
		cfg.RetryAfterCap = time.Hour
		cfg.Logger = logger
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- c.Get("/x").Do(ctx) }()
	select {
	case <-backoff:
	case err := <-done:
		t.Fatalf("Do() = %v before any backoff", err)
	}
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Do() = %v, want context.Canceled", err)
		}
	case <-time.After(time.Minute):
		t.Fatal("Do() still waiting out a one-hour Retry-After after ctx was cancelled")
	}
	if n := rec.count(); n != 1 {
		t.Errorf("server saw %d requests, want 1", n)
	}
}

func TestRetryAfterBeyondDeadlineStopsRetrying(t *testing.T) {
	t.Parallel()
	rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Retry-After", "120")
		w.WriteHeader(http.StatusTooManyRequests)
	})
	c := newClient(t, rec.srv.URL, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := c.Get("/x").Do(ctx)
	if !isStatus(429)(err) {
		t.Fatalf("Do() = %v, want the 429 back at once", err)
	}
	if n := rec.count(); n != 1 {
		t.Errorf("server saw %d requests, want 1", n)
	}
}

func TestHugeBodyIsCutAtLimit(t *testing.T) {
	t.Parallel()
	rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(200)
		chunk := bytes.Repeat([]byte("a"), 64<<10)
		for i := 0; i < 1<<14; i++ { // up to 1 GiB, never read in full
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	c := newClient(t, rec.srv.URL, func(cfg *rest.Config) { cfg.MaxResponseBytes = 1 << 20 })
	var out payload
	err := c.Get("/x").Into(&out).Do(context.Background())
	if !errors.Is(err, rest.ErrResponseTooLarge) {
		t.Fatalf("Do() = %v, want ErrResponseTooLarge", err)
	}
	if !strings.Contains(err.Error(), "1048576-byte limit") {
		t.Errorf("error %q does not name the limit", err)
	}
	if n := rec.count(); n != 1 {
		t.Errorf("server saw %d requests, want 1 (an oversized body is not retried)", n)
	}
}

func TestBudgetStopsRetryStorm(t *testing.T) {
	t.Parallel()
	rec := newRecorder(t, status(503, ""))
	b := rest.NewBudget(2)
	c := newClient(t, rec.srv.URL, func(cfg *rest.Config) { cfg.Budget = b })
	for i := 0; i < 3; i++ {
		if err := c.Get("/x").Do(context.Background()); !isStatus(503)(err) {
			t.Fatalf("call %d: Do() = %v, want 503", i, err)
		}
	}
	// Two retries in the budget: call 1 makes 1+2 attempts, the rest 1 each.
	if n := rec.count(); n != 5 {
		t.Errorf("server saw %d requests, want 5", n)
	}
	if b.Available() != 0 {
		t.Errorf("budget has %d retries left, want 0", b.Available())
	}
}

type apiErr struct {
	status int
	code   string
	body   []byte
}

func (e *apiErr) Error() string { return "api error " + e.code }

func TestErrorDecoderGetsBody(t *testing.T) {
	t.Parallel()
	rec := newRecorder(t, status(404, `{"code":"not-found"}`))
	c := newClient(t, rec.srv.URL, func(cfg *rest.Config) {
		cfg.DecodeError = func(r *rest.ErrorResponse) error {
			var b struct{ Code string }
			_ = json.Unmarshal(r.Body, &b)
			return &apiErr{status: r.StatusCode, code: b.Code, body: r.Body}
		}
	})
	err := c.Get("/x").Do(context.Background())
	var ae *apiErr
	if !errors.As(err, &ae) {
		t.Fatalf("Do() = %v, want *apiErr", err)
	}
	if diff := cmp.Diff(&apiErr{404, "not-found", []byte(`{"code":"not-found"}`)}, ae, cmp.AllowUnexported(apiErr{})); diff != "" {
		t.Errorf("decoded error (-want +got):\n%s", diff)
	}
}

func TestDecodeErrors(t *testing.T) {
	t.Parallel()
	for _, body := range []string{``, `{"id":`, `[1,2]`} {
		rec := newRecorder(t, status(200, body))
		c := newClient(t, rec.srv.URL, nil)
		var out payload
		err := c.Get("/x").Into(&out).Do(context.Background())
		var de *rest.DecodeError
		if !errors.As(err, &de) {
			t.Errorf("body %q: Do() = %v, want *DecodeError", body, err)
		}
	}
}

// TestSignerErrorSendsNothing: an attempt whose signing fails is never
// sent, and the call ends with the *SignError, on the first attempt or on
// a retry, whatever the retry class.
func TestSignerErrorSendsNothing(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		class    rest.Class
		failOn   int // the attempt whose signing fails
		steps    []http.HandlerFunc
		wantSeen int
	}{
		{"first attempt, safe", rest.Safe, 1, nil, 0},
		{"first attempt, ambiguous", rest.Ambiguous, 1, nil, 0},
		{"retry after a 503, keyed", rest.Keyed, 2, []http.HandlerFunc{status(503, `{}`)}, 1},
		{"retry after a 429, safe", rest.Safe, 2, []http.HandlerFunc{status(429, `{}`)}, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rec := newRecorder(t, append(tc.steps, status(200, `{}`))...)
			var n atomic.Int32
			c := newClient(t, rec.srv.URL, func(cfg *rest.Config) {
				cfg.Signer = rest.SignerFunc(func(req *http.Request, _ []byte) error {
					if int(n.Add(1)) == tc.failOn {
						return errors.New("key unusable")
					}
					req.Header.Set("X-Sig", "ok")
					return nil
				})
			})
			var m rest.Meta
			err := c.Post("/x").JSON(1).Retry(tc.class).Meta(&m).Do(context.Background())
			var se *rest.SignError
			if !errors.As(err, &se) {
				t.Fatalf("Do() = %v, want *SignError", err)
			}
			if got := rec.count(); got != tc.wantSeen {
				t.Errorf("server saw %d requests, want %d", got, tc.wantSeen)
			}
			if m.Attempts != tc.failOn {
				t.Errorf("Meta.Attempts = %d, want %d", m.Attempts, tc.failOn)
			}
		})
	}
}

// TestSignerWaitIsOutsideTheAttemptTimeout: a signer that waits (a rate
// limiter) spends the call's context, not the attempt's Timeout.
func TestSignerWaitIsOutsideTheAttemptTimeout(t *testing.T) {
	t.Parallel()
	rec := newRecorder(t, status(200, `{}`))
	var deadlines []bool
	c := newClient(t, rec.srv.URL, func(cfg *rest.Config) {
		cfg.HTTPClient = &http.Client{Timeout: time.Hour}
		// The signer (and the limiter before it) runs before the attempt's
		// deadline exists: a wait there (monitoring's rate limiter, GTR's
		// login) is bounded by the caller's context alone. The caller's
		// context has no deadline, so any deadline the signer sees would
		// be the attempt's.
		cfg.Limiter = &rest.Limiter{Wait: func(ctx context.Context) error {
			_, ok := ctx.Deadline()
			deadlines = append(deadlines, ok)
			return nil
		}}
		cfg.Signer = rest.SignerFunc(func(req *http.Request, _ []byte) error {
			_, ok := req.Context().Deadline()
			deadlines = append(deadlines, ok)
			return nil
		})
	})
	if err := c.Post("/x").JSON(1).Do(context.Background()); err != nil {
		t.Fatalf("Do() = %v", err)
	}
	if diff := cmp.Diff([]bool{false, false}, deadlines); diff != "" {
		t.Errorf("deadline seen by [limiter signer] (-want +got):\n%s", diff)
	}
}

func TestRawBodyAndHeaders(t *testing.T) {
	t.Parallel()
	var got http.Header
	var body []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		body, _ = io.ReadAll(r.Body)
		w.Write([]byte("plain answer"))
	}))
	defer srv.Close()
	c := newClient(t, srv.URL, func(cfg *rest.Config) { cfg.UserAgent = "test-agent/1" })
	var raw []byte
	err := c.Put("/bulk").Raw([]byte("{\"a\":1}\n{\"a\":2}\n"), "application/x-ndjson").
		Header("X-Custom", "v").Into(&raw).Do(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if string(raw) != "plain answer" || string(body) != "{\"a\":1}\n{\"a\":2}\n" {
		t.Errorf("raw = %q, body = %q", raw, body)
	}
	for k, want := range map[string]string{"Content-Type": "application/x-ndjson", "X-Custom": "v", "User-Agent": "test-agent/1", "Accept": "application/json"} {
		if got.Get(k) != want {
			t.Errorf("header %s = %q, want %q", k, got.Get(k), want)
		}
	}
}

// closeCounter is a transport that fails every request and counts
// CloseIdleConnections calls.
type closeCounter struct{ closes atomic.Int32 }

func (c *closeCounter) RoundTrip(*http.Request) (*http.Response, error) {
	return nil, &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
}
func (c *closeCounter) CloseIdleConnections() { c.closes.Add(1) }

// TestFailedCallsKeepThePoolsIdleConnections: a failed call must not close
// the idle connections other calls share (go-retryablehttp would).
func TestFailedCallsKeepThePoolsIdleConnections(t *testing.T) {
	t.Parallel()
	tr := &closeCounter{}
	c := newClient(t, "https://api.example.test", func(cfg *rest.Config) {
		cfg.HTTPClient = &http.Client{Transport: tr}
	})
	for _, class := range []rest.Class{rest.Safe, rest.Keyed, rest.Ambiguous} {
		if err := c.Post("/x").JSON(1).Retry(class).Do(context.Background()); err == nil {
			t.Fatalf("%v: Do() = nil, want the dial error", class)
		}
	}
	if n := tr.closes.Load(); n != 0 {
		t.Errorf("CloseIdleConnections called %d times, want 0", n)
	}
}

// TestClientTimeoutBoundsEachAttempt: the caller's http.Client.Timeout
// still ends an attempt that hangs.
func TestClientTimeoutBoundsEachAttempt(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	c := newClient(t, srv.URL, func(cfg *rest.Config) {
		cfg.HTTPClient = &http.Client{Timeout: 50 * time.Millisecond}
		cfg.RetryMax = -1
	})
	done := make(chan error, 1)
	go func() { done <- c.Get("/slow").Do(context.Background()) }()
	select {
	case err := <-done:
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("Do() = %v, want a deadline error", err)
		}
	case <-time.After(time.Minute):
		t.Fatal("the client's Timeout did not end the attempt")
	}
}

// handlerFunc is a slog.Handler that passes every record to f.
type handlerFunc func(slog.Record)

func (f handlerFunc) Enabled(context.Context, slog.Level) bool      { return true }
func (f handlerFunc) Handle(_ context.Context, r slog.Record) error { f(r); return nil }
func (f handlerFunc) WithAttrs([]slog.Attr) slog.Handler            { return f }
func (f handlerFunc) WithGroup(string) slog.Handler                 { return f }
