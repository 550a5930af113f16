package travelruletest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vaspkit/vaspkit/internal/faultengine"
	"github.com/vaspkit/vaspkit/travelrule"
)

// BasePath is the path prefix of the fake's API, as in Striga's URLs.
const BasePath = "/api/v1"

// maxBody bounds the request bodies the fake reads.
const maxBody = 1 << 20

// Server is a fake Striga travel-rule API. Its methods are safe for
// concurrent use.
type Server struct {
	// URL is the API base URL, /api/v1 included: pass it to
	// travelrule.WithBaseURL.
	URL string
	// APIKey and APISecret are the credentials of the fake's application.
	// Printing the Server (any fmt verb) shows neither.
	APIKey, APISecret string

	cfg      config
	hs       *httptest.Server
	faults   *faultengine.Schedule
	requests *faultengine.Log

	mu             sync.Mutex
	now            time.Time
	seq            int
	sessions       []*Session
	counterparties []*Counterparty
	verifications  []*Verification
	deliveries     []Delivery
}

// NewServer starts a fake. With t non-nil it is closed when the test ends,
// and an invalid option (a Fault) ends the test; with nil t, NewServer
// panics on one.
func NewServer(t testing.TB, opts ...Option) *Server {
	if t != nil {
		t.Helper()
	}
	cfg := config{
		apps:           []app{{DefaultAPIKey, DefaultAPISecret}},
		networks:       stdNetworks(),
		invoiceNet:     travelrule.InvoiceTestnet,
		widgetPath:     travelrule.DefaultWidgetSessionPath,
		txHashField:    travelrule.DefaultTxHashField,
		ttl:            DefaultSessionTTL,
		webhookRetries: 5,
		verifier:       func(c SignatureCheck) bool { return c.Signature != "" },
	}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.start.IsZero() {
		cfg.start = time.Now().UTC().Truncate(time.Second)
	}
	s := &Server{
		cfg:       cfg,
		now:       cfg.start,
		faults:    faultengine.StartSchedule(t, "travelruletest", cfg.seed, cfg.faults),
		requests:  faultengine.NewLog("api-key"),
		APIKey:    cfg.apps[0].key,
		APISecret: cfg.apps[0].secret,
	}
	s.hs = httptest.NewServer(http.HandlerFunc(s.serve))
	s.URL = s.hs.URL + BasePath
	if t != nil {
		t.Cleanup(s.Close)
	}
	return s
}

// Close shuts the server down.
func (s *Server) Close() { s.hs.Close() }

// String describes the server by its URL only: not APIKey, APISecret or
// the recorded requests with their signed headers.
func (s *Server) String() string {
	if s == nil {
		return "travelruletest.Server(nil)"
	}
	return "travelruletest.Server(" + s.URL + ")"
}

// GoString is String, so %#v shows no credentials either.
func (s *Server) GoString() string { return s.String() }

// Format prints String for every verb, so no verb (%+v, %x …) reaches
// the credentials or the recorded requests.
func (s *Server) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, s.String()) }

// HTTPClient returns an *http.Client for the fake.
func (s *Server) HTTPClient() *http.Client { return s.hs.Client() }

// ClientOptions returns the travelrule options that point a client at the
// fake: the Sandbox environment (the fake stands in for Striga's sandbox)
// at the fake's base URL, credentials, HTTP client, widget-session path,
// tx-hash field and the fake's invoice network (testnet by default). Add
// options after these to change them.
func (s *Server) ClientOptions() []travelrule.Option {
	return []travelrule.Option{
		travelrule.WithEnvironment(travelrule.Sandbox),
		travelrule.WithBaseURL(s.URL),
		travelrule.WithCredentials(s.APIKey, s.APISecret),
		travelrule.WithHTTPClient(s.hs.Client()),
		travelrule.WithWidgetSessionPath(s.cfg.widgetPath),
		travelrule.WithTxHashField(s.cfg.txHashField),
		travelrule.WithInvoiceNetwork(s.cfg.invoiceNet),
	}
}

// NewClient returns travelrule.New(append(s.ClientOptions(), opts...)...).
func (s *Server) NewClient(opts ...travelrule.Option) (*travelrule.Client, error) {
	return travelrule.New(append(s.ClientOptions(), opts...)...)
}

// Now returns the fake clock's time.
func (s *Server) Now() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.now
}

// Advance moves the fake clock forward by d.
func (s *Server) Advance(d time.Duration) {
	s.mu.Lock()
	s.now = s.now.Add(d)
	s.mu.Unlock()
}

// serve records the request (Requests), applies WithLatency and the
// injected faults, then handles it.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	path, underBase := strings.CutPrefix(r.URL.EscapedPath(), BasePath)
	ref := s.requests.Add(r, path, body)
	if !faultengine.Sleep(r.Context(), s.cfg.latency) {
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	f := s.faults.Next(r, path)
	if f != nil {
		s.requests.SetFault(ref, f.Kind)
	}
	faultengine.Serve(w, r, f, refuse, func(status int) { s.requests.SetStatus(ref, status) },
		http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			s.handle(w, r, path, underBase, body, err)
		}))
}

// refuse writes an injected 429 or 5xx answer.
func refuse(w http.ResponseWriter, status int) {
	if status == http.StatusTooManyRequests {
		writeError(w, status, travelrule.CodeDefault, "Too many requests", nil)
		return
	}
	writeError(w, status, travelrule.CodeInternalError, "Internal service error", nil)
}

// handle checks authentication and routes.
func (s *Server) handle(w http.ResponseWriter, r *http.Request, path string, underBase bool, body []byte, err error) {
	switch {
	case err != nil:
		writeError(w, http.StatusBadRequest, travelrule.CodeDefault, "Cannot read request body", nil)
		return
	case len(body) > maxBody:
		writeError(w, http.StatusRequestEntityTooLarge, travelrule.CodeDefault, "Request body too large", nil)
		return
	case !underBase:
		writeError(w, http.StatusNotFound, travelrule.CodeDefault, "Not found", nil)
		return
	}
	a, ok := s.authenticate(w, r, body)
	if !ok {
		return
	}
	c := &call{s: s, w: w, r: r, app: a, body: body, path: path}
	switch {
	case path == s.cfg.widgetPath && r.Method == http.MethodPost:
		s.createWidgetSession(c)
	case path == travelrule.SelfHostedCounterpartyPath && r.Method == http.MethodPost:
		s.declareCounterparty(c)
	case path == travelrule.VerifyWalletPath && r.Method == http.MethodPost:
		s.verifyWallet(c)
	case strings.HasPrefix(path, "/counterparty/") && r.Method == http.MethodPatch &&
		strings.Count(path, "/") == 2:
		s.submitVerification(c, strings.TrimPrefix(path, "/counterparty/"))
	default:
		writeError(w, http.StatusNotFound, travelrule.CodeDefault, "Not found", nil)
	}
}

// call is one authenticated request being handled.
type call struct {
	s    *Server
	w    http.ResponseWriter
	r    *http.Request
	app  app
	body []byte
	path string
}

// authenticate checks api-key and the HMAC signature as Striga documents
// them (striga.go), answering 401 with code 30000 "Invalid API Key" or
// 30012 "Invalid Authentication Header".
func (s *Server) authenticate(w http.ResponseWriter, r *http.Request, body []byte) (app, bool) {
	key := r.Header.Get(headerAPIKey)
	var a app
	found := false
	for _, candidate := range s.cfg.apps {
		if key != "" && key == candidate.key {
			a, found = candidate, true
			break
		}
	}
	if !found {
		writeError(w, http.StatusUnauthorized, travelrule.CodeInvalidAPIKey, msgInvalidAPIKey, nil)
		return app{}, false
	}
	uri := r.RequestURI
	if !strings.HasPrefix(uri, "/") {
		uri = r.URL.RequestURI()
	}
	endpoint := strings.TrimPrefix(uri, BasePath)
	if authProblem(r.Header.Get(headerAuthorization), r.Method, endpoint, body, a.secret, time.Now(), s.cfg.skew) != "" {
		writeError(w, http.StatusUnauthorized, travelrule.CodeInvalidAuthHeader, msgInvalidAuthHeader, nil)
		return app{}, false
	}
	return a, true
}

// nextID returns a deterministic, UUID-shaped id: the same sequence of
// calls gives the same ids, so example output is stable.
func (s *Server) nextID(kind string) string {
	s.seq++
	sum := sha256.Sum256([]byte(fmt.Sprintf("travelruletest/%s/%d", kind, s.seq)))
	sum[6] = sum[6]&0x0f | 0x40
	sum[8] = sum[8]&0x3f | 0x80
	h := hex.EncodeToString(sum[:16])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// errorBody is the fake's error shape. Striga publishes none; community
// code reads errorCode, message and errorDetails. Validation failures
// carry code 00000 ("default"): Striga publishes no validation code.
type errorBody struct {
	ErrorCode    string        `json:"errorCode"`
	Message      string        `json:"message"`
	ErrorDetails []errorDetail `json:"errorDetails,omitempty"`
}

type errorDetail struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

func writeError(w http.ResponseWriter, status int, code, msg string, details []errorDetail) {
	writeJSON(w, status, errorBody{ErrorCode: code, Message: msg, ErrorDetails: details})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"errorCode":"` + travelrule.CodeInternalError + `","message":"` + msgInternalError + `"}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Request-Id", requestID(b))
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

func requestID(b []byte) string {
	sum := sha256.Sum256(b)
	return "req_" + hex.EncodeToString(sum[:8])
}
