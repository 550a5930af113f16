package mocking_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/vaspkit/vaspkit/gtr"
	"github.com/vaspkit/vaspkit/monitoring"
	"github.com/vaspkit/vaspkit/travelrule"
)

// The three clients speak one vocabulary (shared/design/API.md, "One
// vocabulary for the three clients"): the same option errors, the same
// sentinels for the same HTTP answers, the same *TransportError and
// MaybeSent for a connection lost after sending, and the same Meta on
// every result. TestSharedVocabulary checks it with one table whose rows
// are the clients and whose cells run identically for every row, each
// against a plain httptest server of its own that answers as the cell
// says — with the provider's own error body and request-id header, so
// only the vocabulary differs by name.

// meta is the Meta every client's results carry, field by field.
type meta struct {
	RequestID  string
	HTTPStatus int
	Attempts   int
}

// retry holds WithRetry's arguments.
type retry struct {
	max              int
	waitMin, waitMax time.Duration
}

var (
	noRetry   = retry{0, 0, 0}                                   // one attempt
	fastRetry = retry{1, time.Millisecond, 2 * time.Millisecond} // two attempts, quickly
)

// setup is what a cell asks of a client.
type setup struct {
	retry     retry
	nilOption bool // pass a nil Option to New as well
}

// call makes a row's representative call and returns its result's Meta.
type call func(context.Context) (meta, error)

// vocabulary is one client seen through the shared vocabulary.
type vocabulary struct {
	name string
	// newClient builds the client for baseURL (a loopback http server)
	// and returns its representative call, one that returns a result
	// struct.
	newClient func(baseURL string, s setup) (call, error)
	// okBody is a valid answer to the representative call.
	okBody string
	// errorBody is the provider's error body for an HTTP status.
	errorBody func(status int) string
	// requestIDHeader is the response header the client reads
	// Meta.RequestID from (its rest.Config.RequestIDHeaders).
	requestIDHeader string

	errConfig, errUnauthorized, errRateLimited, errServer error
	// asConfigError is errors.As to the package's *ConfigError.
	asConfigError func(error) bool
	// asTransportError is errors.As to the package's *TransportError,
	// returning its Sent.
	asTransportError func(error) (sent, ok bool)
	maybeSent        func(error) bool

	// invalid makes a call whose request lacks missing (a REQUIRED
	// field); hasProblem is errors.As to the package's *ValidationError
	// and its Has.
	invalid           func(ctx context.Context, baseURL string) error
	missing           string
	errInvalidRequest error
	hasProblem        func(err error, path, rule string) bool
}

var vocabularies = []vocabulary{
	{
		name: "gtr",
		newClient: func(baseURL string, s setup) (call, error) {
			opts := []gtr.Option{
				gtr.WithBaseURL(baseURL), // loopback http: no mTLS, authentication by app token
				gtr.WithAppToken("VOCAB", "access-key", "secret-key"),
				gtr.WithRetry(s.retry.max, s.retry.waitMin, s.retry.waitMax),
			}
			if s.nilOption {
				opts = append(opts, nil)
			}
			c, err := gtr.New(opts...)
			if err != nil {
				return nil, err
			}
			return func(ctx context.Context) (meta, error) {
				res, err := c.Query(ctx, "vocab-0001")
				if err != nil {
					return meta{}, err
				}
				return meta{res.Meta.RequestID, res.Meta.HTTPStatus, res.Meta.Attempts}, nil
			}, nil
		},
		// GET /api/verify/query (spec gtr.md §5.7).
		okBody: `{"verifyStatus":100000,"verifyMessage":"Success","data":{"requestId":"vocab-0001",
			"requestType":1,"ticker":"ETH","network":"ETH","originatorVasp":"VOCAB","beneficiaryVasp":"BENE",
			"verifyStatus":100000,"verifyMessage":"Success","verifyStage":"TX_VERIFICATION"}}`,
		// GTR's envelope with its documented verifyStatus for each status
		// (spec gtr.md §10); GTR documents no 429, so a gateway's answer.
		errorBody: func(status int) string {
			switch {
			case status == http.StatusUnauthorized:
				return `{"verifyStatus":100020,"verifyMessage":"No auth","data":null}`
			case status >= 500:
				return `{"verifyStatus":100006,"verifyMessage":"Server fail","data":null}`
			}
			return `{"message":"Too Many Requests"}`
		},
		requestIDHeader: "X-Request-Id",
		errConfig:       gtr.ErrConfig, errUnauthorized: gtr.ErrUnauthorized, errRateLimited: gtr.ErrRateLimited, errServer: gtr.ErrServer,
		asConfigError: func(err error) bool { var e *gtr.ConfigError; return errors.As(err, &e) },
		asTransportError: func(err error) (bool, bool) {
			var e *gtr.TransportError
			ok := errors.As(err, &e)
			return ok && e.Sent, ok
		},
		maybeSent: gtr.MaybeSent,
		invalid: func(ctx context.Context, baseURL string) error {
			c, err := gtr.New(gtr.WithBaseURL(baseURL), gtr.WithAppToken("VOCAB", "access-key", "secret-key"))
			if err != nil {
				return err
			}
			_, err = c.Query(ctx, "")
			return err
		},
		missing: "requestID", errInvalidRequest: gtr.ErrInvalidRequest,
		hasProblem: func(err error, path, rule string) bool {
			var e *gtr.ValidationError
			return errors.As(err, &e) && e.Has(path, rule)
		},
	},
	{
		name: "monitoring",
		newClient: func(baseURL string, s setup) (call, error) {
			opts := []monitoring.Option{
				monitoring.WithBaseURL(baseURL),
				monitoring.WithAppToken("sbx:vocab-token", "vocab-secret"),
				monitoring.WithRetry(s.retry.max, s.retry.waitMin, s.retry.waitMax),
			}
			if s.nilOption {
				opts = append(opts, nil)
			}
			c, err := monitoring.New(opts...)
			if err != nil {
				return nil, err
			}
			return func(ctx context.Context) (meta, error) {
				res, err := c.Get(ctx, "66335d9a243caf315d8c36ef")
				if err != nil {
					return meta{}, err
				}
				return meta{res.Meta.RequestID, res.Meta.HTTPStatus, res.Meta.Attempts}, nil
			}, nil
		},
		// Sumsub's transaction object (GET /resources/kyt/txns/{id}/one).
		okBody: `{"id":"66335d9a243caf315d8c36ef","applicantId":"662edfdb7a26397a65d3bdc6","clientId":"example.inc",
			"data":{"txnId":"wd-1001","type":"finance","info":{"direction":"out","amount":250.00,"currencyCode":"USDT","currencyType":"crypto"}},
			"review":{"reviewStatus":"completed","reviewResult":{"reviewAnswer":"GREEN"}},"createdAt":"2024-05-02 09:31:06"}`,
		// Sumsub's error object (spec sumsub.md §8.1).
		errorBody: func(status int) string {
			switch {
			case status == http.StatusUnauthorized:
				return `{"description":"Request signature mismatch","code":401,"correlationId":"req-err","errorCode":4003,"errorName":"app-token-signature mismatch"}`
			case status >= 500:
				return `{"description":"Internal error","code":` + strconv.Itoa(status) + `,"correlationId":"req-err"}`
			}
			return `{"description":"Too many requests","code":429,"correlationId":"req-err"}`
		},
		requestIDHeader: "X-Correlation-Id",
		errConfig:       monitoring.ErrConfig, errUnauthorized: monitoring.ErrUnauthorized, errRateLimited: monitoring.ErrRateLimited, errServer: monitoring.ErrServer,
		asConfigError: func(err error) bool { var e *monitoring.ConfigError; return errors.As(err, &e) },
		asTransportError: func(err error) (bool, bool) {
			var e *monitoring.TransportError
			ok := errors.As(err, &e)
			return ok && e.Sent, ok
		},
		maybeSent: monitoring.MaybeSent,
		invalid: func(ctx context.Context, baseURL string) error {
			c, err := monitoring.New(monitoring.WithBaseURL(baseURL), monitoring.WithAppToken("sbx:vocab-token", "vocab-secret"))
			if err != nil {
				return err
			}
			_, err = c.Get(ctx, "")
			return err
		},
		missing: "id", errInvalidRequest: monitoring.ErrInvalidRequest,
		hasProblem: func(err error, path, rule string) bool {
			var e *monitoring.ValidationError
			return errors.As(err, &e) && e.Has(path, rule)
		},
	},
	{
		name: "travelrule",
		newClient: func(baseURL string, s setup) (call, error) {
			opts := []travelrule.Option{
				travelrule.WithBaseURL(baseURL + "/api/v1"),
				travelrule.WithCredentials("vocab-key", "vocab-secret"),
				travelrule.WithRetry(s.retry.max, s.retry.waitMin, s.retry.waitMax),
			}
			if s.nilOption {
				opts = append(opts, nil)
			}
			c, err := travelrule.New(opts...)
			if err != nil {
				return nil, err
			}
			return func(ctx context.Context) (meta, error) {
				res, err := c.CreateWidgetSession(ctx, &travelrule.WidgetSessionRequest{
					UserID: "6f1c2e0a-3b7d-4c9e-8a51-2d4f6b8c0e13", Currency: "ETH", Network: "ETH",
					CounterpartyAddress: "0x3c44CdDdB6a900fa2b585dd299e03d12FA4293BC",
				})
				if err != nil {
					return meta{}, err
				}
				return meta{res.Meta.RequestID, res.Meta.HTTPStatus, res.Meta.Attempts}, nil
			}, nil
		},
		okBody: `{"id":"ws_01HZX","url":"https://widget.example/ws_01HZX","token":"wt_1","expiresAt":"2030-01-01T00:30:00Z",
			"status":"ACTIVE","forceVerifyOwnership":false,"reused":false}`,
		// Striga publishes no error shape; its codes (spec striga.md).
		errorBody: func(status int) string {
			switch {
			case status == http.StatusUnauthorized:
				return `{"errorCode":"30000","message":"Invalid API Key"}`
			case status >= 500:
				return `{"errorCode":"00013","message":"Internal service error"}`
			}
			return `{"errorCode":"00000","message":"Too many requests"}`
		},
		requestIDHeader: "X-Request-Id",
		errConfig:       travelrule.ErrConfig, errUnauthorized: travelrule.ErrUnauthorized, errRateLimited: travelrule.ErrRateLimited, errServer: travelrule.ErrServer,
		asConfigError: func(err error) bool { var e *travelrule.ConfigError; return errors.As(err, &e) },
		asTransportError: func(err error) (bool, bool) {
			var e *travelrule.TransportError
			ok := errors.As(err, &e)
			return ok && e.Sent, ok
		},
		maybeSent: travelrule.MaybeSent,
		invalid: func(ctx context.Context, baseURL string) error {
			c, err := travelrule.New(travelrule.WithBaseURL(baseURL+"/api/v1"), travelrule.WithCredentials("vocab-key", "vocab-secret"))
			if err != nil {
				return err
			}
			_, err = c.CreateWidgetSession(ctx, &travelrule.WidgetSessionRequest{
				UserID: "6f1c2e0a-3b7d-4c9e-8a51-2d4f6b8c0e13", Network: "ETH",
				CounterpartyAddress: "0x3c44CdDdB6a900fa2b585dd299e03d12FA4293BC",
			})
			return err
		},
		missing: "currency", errInvalidRequest: travelrule.ErrInvalidRequest,
		hasProblem: func(err error, path, rule string) bool {
			var e *travelrule.ValidationError
			return errors.As(err, &e) && e.Has(path, rule)
		},
	},
}

// answers is a server that answers its requests in turn: the i-th request
// (from 1) gets answer(i).
func answers(t *testing.T, answer func(i int, w http.ResponseWriter, r *http.Request)) *httptest.Server {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body) // the whole request has arrived
		answer(int(n.Add(1)), w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func write(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

// status answers every request with the provider's error body for code.
func status(v vocabulary, code int) func(int, http.ResponseWriter, *http.Request) {
	return func(_ int, w http.ResponseWriter, _ *http.Request) { write(w, code, v.errorBody(code)) }
}

// callAgainst builds v's client with s against a server answering with
// answer, and makes its call.
func callAgainst(t *testing.T, v vocabulary, s setup, answer func(int, http.ResponseWriter, *http.Request)) (meta, error) {
	t.Helper()
	srv := answers(t, answer)
	do, err := v.newClient(srv.URL, s)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	return do(ctx)
}

// wantSentinel fails unless err matches want.
func wantSentinel(t *testing.T, err, want error) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Errorf("error = %v (%T), want one matching %q", err, err, want)
	}
}

// cells run identically for every client.
var cells = []struct {
	name string
	run  func(t *testing.T, v vocabulary)
}{
	{"bad options are ErrConfig", func(t *testing.T, v vocabulary) {
		for name, s := range map[string]setup{
			"nil Option":       {retry: noRetry, nilOption: true},
			"WithRetry(-1, …)": {retry: retry{-1, time.Millisecond, 2 * time.Millisecond}},
		} {
			_, err := v.newClient("http://127.0.0.1:1", s)
			if !errors.Is(err, v.errConfig) || !v.asConfigError(err) {
				t.Errorf("%s: New = %v (%T), want a *ConfigError matching ErrConfig", name, err, err)
			}
		}
	}},
	{"a request missing a required field is a *ValidationError, nothing sent", func(t *testing.T, v vocabulary) {
		var requests atomic.Int32
		srv := answers(t, func(_ int, w http.ResponseWriter, _ *http.Request) {
			requests.Add(1)
			write(w, http.StatusOK, v.okBody)
		})
		err := v.invalid(context.Background(), srv.URL)
		if !errors.Is(err, v.errInvalidRequest) || !v.hasProblem(err, v.missing, "REQUIRED") {
			t.Errorf("error = %v (%T), want a *ValidationError matching ErrInvalidRequest with Has(%q, \"REQUIRED\")", err, err, v.missing)
		}
		if v.hasProblem(err, v.missing, "FORMAT") || v.hasProblem(err, "no-such-field", "REQUIRED") {
			t.Errorf("Has reports a problem %v does not list", err)
		}
		if n := requests.Load(); n != 0 {
			t.Errorf("%d requests reached the server, want none", n)
		}
	}},
	{"401 is ErrUnauthorized", func(t *testing.T, v vocabulary) {
		_, err := callAgainst(t, v, setup{retry: noRetry}, status(v, http.StatusUnauthorized))
		wantSentinel(t, err, v.errUnauthorized)
	}},
	{"429 is ErrRateLimited", func(t *testing.T, v vocabulary) {
		_, err := callAgainst(t, v, setup{retry: noRetry}, status(v, http.StatusTooManyRequests))
		wantSentinel(t, err, v.errRateLimited)
	}},
	{"503 is ErrServer", func(t *testing.T, v vocabulary) {
		_, err := callAgainst(t, v, setup{retry: noRetry}, status(v, http.StatusServiceUnavailable))
		wantSentinel(t, err, v.errServer)
	}},
	{"500 after the retries is ErrServer", func(t *testing.T, v vocabulary) {
		_, err := callAgainst(t, v, setup{retry: fastRetry}, status(v, http.StatusInternalServerError))
		wantSentinel(t, err, v.errServer)
	}},
	{"a connection dropped after the request is a *TransportError that may have been sent", func(t *testing.T, v vocabulary) {
		_, err := callAgainst(t, v, setup{retry: noRetry}, func(_ int, w http.ResponseWriter, _ *http.Request) {
			conn, _, err := http.NewResponseController(w).Hijack()
			if err != nil {
				t.Errorf("hijack: %v", err)
				return
			}
			_ = conn.Close() // read the request, answer nothing
		})
		sent, ok := v.asTransportError(err)
		if !ok || !sent || !v.maybeSent(err) {
			t.Errorf("error = %v (%T): *TransportError %v, Sent %v, MaybeSent %v; want all true", err, err, ok, sent, v.maybeSent(err))
		}
	}},
	{"Meta is filled", func(t *testing.T, v vocabulary) {
		ok := func(i int, w http.ResponseWriter, _ *http.Request) {
			w.Header().Set(v.requestIDHeader, "vocab-req-"+strconv.Itoa(i))
			write(w, http.StatusOK, v.okBody)
		}
		got, err := callAgainst(t, v, setup{retry: fastRetry}, ok)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(meta{"vocab-req-1", 200, 1}, got); diff != "" {
			t.Errorf("Meta (-want +got):\n%s", diff)
		}
	}},
	{"Meta counts a retried 503", func(t *testing.T, v vocabulary) {
		got, err := callAgainst(t, v, setup{retry: fastRetry}, func(i int, w http.ResponseWriter, r *http.Request) {
			w.Header().Set(v.requestIDHeader, "vocab-req-"+strconv.Itoa(i))
			if i == 1 {
				write(w, http.StatusServiceUnavailable, v.errorBody(http.StatusServiceUnavailable))
				return
			}
			write(w, http.StatusOK, v.okBody)
		})
		if err != nil {
			t.Fatal(err)
		}
		// The last response's request id and status.
		if diff := cmp.Diff(meta{"vocab-req-2", 200, 2}, got); diff != "" {
			t.Errorf("Meta (-want +got):\n%s", diff)
		}
	}},
}

// TestSharedVocabulary runs every cell on every client.
func TestSharedVocabulary(t *testing.T) {
	t.Parallel()
	for _, v := range vocabularies {
		t.Run(v.name, func(t *testing.T) {
			t.Parallel()
			for _, c := range cells {
				t.Run(c.name, func(t *testing.T) {
					t.Parallel()
					c.run(t, v)
				})
			}
		})
	}
}
