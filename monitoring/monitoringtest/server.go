package monitoringtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vaspkit/vaspkit/fakefault"
	"github.com/vaspkit/vaspkit/internal/faultengine"
	"github.com/vaspkit/vaspkit/monitoring"
)

// maxBody is the largest request body the server reads.
const maxBody = 8 << 20

// Server is an in-process fake of Sumsub's transaction monitoring API. It
// checks app-token signatures and the clock window (401 with Sumsub's
// error codes), validates submits as Sumsub documents (400 bodies),
// enforces txnId uniqueness (409), scores with the configured rules,
// stores and serves transactions, sends signed webhooks and injects
// faults. It is safe for concurrent use.
type Server struct {
	// URL is the base URL to give monitoring.WithBaseURL.
	URL string

	srv *httptest.Server
	mux http.Handler

	// configuration, fixed after NewServer
	tokens       map[string]string
	customTokens bool
	now          func() time.Time
	skew         time.Duration
	rules        []Rule
	hook         *webhookTarget
	faultOpts    []fakefault.Fault
	seed         uint64
	latency      time.Duration
	tls          bool

	corr     atomic.Uint64
	faults   *faultengine.Schedule
	requests *faultengine.Log

	vasps           []vaspEntry
	currencies      map[string][]currencyEntry // by type: crypto, fiat
	knownApplicants [][2]string                // WithApplicant: id, externalUserId
	noTravelRuleSDK bool

	mu             sync.Mutex
	seq            uint64
	txns           map[string]*record           // by Sumsub id
	byTxnID        map[string]string            // txnId → Sumsub id
	order          []string                     // Sumsub ids in creation order
	applicants     map[string]string            // externalUserId → applicant id
	applicantOK    map[string]bool              // known applicant ids
	applicantExt   map[string]string            // applicant id → externalUserId
	walletBook     map[string]bool              // Wallet Address Book: addresses and hashes
	paymentWallets map[string]string            // wallet of an applicant payment method → applicant id
	payments       map[string][]json.RawMessage // applicant id → payment methods as stored
	stats          Stats
	deliveries     []Delivery
}

// record is a stored transaction.
type record struct {
	res      monitoring.Result
	rescores int
	notes    []monitoring.Note
	tags     []string
}

// Stats counts what the server saw.
type Stats struct {
	// Requests is every request received, faulted ones included.
	Requests int
	// Stored is how many transactions were created.
	Stored int
	// Duplicates is how many submits were refused with 409.
	Duplicates int
	// AuthFailures is how many requests were refused with 401.
	AuthFailures int
	// Faults counts the injected faults by kind.
	Faults map[fakefault.Kind]int
}

// NewServer starts a fake Sumsub server. With t non-nil, it is closed when
// the test ends, and an invalid option (a Fault) ends the test; with nil t,
// NewServer panics on one.
func NewServer(t testing.TB, opts ...Option) *Server {
	if t != nil {
		t.Helper()
	}
	s := &Server{
		tokens:         map[string]string{DefaultAppToken: DefaultSecretKey},
		now:            time.Now,
		skew:           defaultMaxSkew,
		seed:           1,
		txns:           map[string]*record{},
		byTxnID:        map[string]string{},
		applicants:     map[string]string{},
		applicantOK:    map[string]bool{},
		applicantExt:   map[string]string{},
		walletBook:     map[string]bool{},
		paymentWallets: map[string]string{},
		payments:       map[string][]json.RawMessage{},
		vasps:          defaultVASPs(),
		currencies:     defaultCurrencies(),
		stats:          Stats{Faults: map[fakefault.Kind]int{}},
	}
	for _, o := range opts {
		if o != nil {
			o(s)
		}
	}
	for _, a := range s.knownApplicants {
		s.addApplicant(a[0], a[1])
	}
	s.faults = faultengine.StartSchedule(t, "monitoringtest", s.seed, s.faultOpts)
	s.requests = faultengine.NewLog("X-App-Token", "X-App-Access-Sig")
	s.routes()
	if s.tls {
		s.srv = httptest.NewTLSServer(s)
	} else {
		s.srv = httptest.NewServer(s)
	}
	s.URL = s.srv.URL
	if t != nil {
		t.Cleanup(s.Close)
	}
	return s
}

// Close shuts the server down.
func (s *Server) Close() { s.srv.Close() }

// String describes the server by its URL only: no app token, secret or
// stored transaction.
func (s *Server) String() string {
	if s == nil {
		return "monitoringtest.Server(nil)"
	}
	return "monitoringtest.Server(" + s.URL + ")"
}

// GoString is String, so %#v shows no credentials either.
func (s *Server) GoString() string { return s.String() }

// Format prints String for every verb, so no verb (%+v, %x …) reaches
// the app tokens, their secrets or the stored transactions.
func (s *Server) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, s.String()) }

// HTTPClient returns an *http.Client for the server, which trusts its
// certificate (WithTLS).
func (s *Server) HTTPClient() *http.Client { return s.srv.Client() }

// AppToken returns the credentials ClientOptions uses.
func (s *Server) AppToken() (token, secret string) {
	if tok, ok := s.tokens[DefaultAppToken]; ok {
		return DefaultAppToken, tok
	}
	for k, v := range s.tokens {
		return k, v
	}
	return "", ""
}

// ClientOptions returns what a monitoring.Client needs to reach the
// server: its URL and credentials, its HTTP client, fast retries (1–10 ms)
// and no client-side rate limit.
func (s *Server) ClientOptions() []monitoring.Option {
	tok, sec := s.AppToken()
	return []monitoring.Option{
		monitoring.WithBaseURL(s.URL),
		monitoring.WithAppToken(tok, sec),
		monitoring.WithHTTPClient(s.srv.Client()),
		monitoring.WithRetry(5, time.Millisecond, 10*time.Millisecond),
		monitoring.WithRetryAfterCap(10 * time.Millisecond),
		monitoring.WithoutRateLimit(),
	}
}

// NewClient returns monitoring.New(append(s.ClientOptions(), opts...)...).
func (s *Server) NewClient(opts ...monitoring.Option) (*monitoring.Client, error) {
	return monitoring.New(append(s.ClientOptions(), opts...)...)
}

// ServeHTTP records the request (Requests), applies WithLatency and the
// injected faults, authenticates the request and routes it.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	s.mu.Lock()
	s.stats.Requests++
	s.mu.Unlock()
	path := r.URL.EscapedPath()
	ref := s.requests.Add(r, path, body)
	answered := func(status int) { s.requests.SetStatus(ref, status) }
	if err != nil || len(body) > maxBody {
		faultengine.Serve(w, r, nil, s.refuse, answered, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			s.writeError(w, errMalformed)
		}))
		return
	}
	if !faultengine.Sleep(r.Context(), s.latency) {
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	f := s.faults.Next(r, path)
	if f != nil {
		s.mu.Lock()
		s.stats.Faults[f.Kind]++
		s.mu.Unlock()
		s.requests.SetFault(ref, f.Kind)
	}
	faultengine.Serve(w, r, f, s.refuse, answered, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if e, ok := s.authenticate(r, body); !ok {
			s.mu.Lock()
			s.stats.AuthFailures++
			s.mu.Unlock()
			s.writeError(w, e)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		s.mux.ServeHTTP(w, r)
	}))
}

// refuse writes an injected 5xx or 429 answer, as Sumsub's error body.
func (s *Server) refuse(w http.ResponseWriter, status int) {
	e := errTooMany
	if status != http.StatusTooManyRequests {
		e = errServer
		e.status = status
	}
	s.writeError(w, e)
}

// IsSubmit reports whether r submits a transaction (POST
// /resources/applicants/{applicantId}/kyt/txns/-/data): a Fault.Match for
// submits whatever the applicant.
func IsSubmit(r *http.Request) bool {
	return r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/kyt/txns/-/data")
}

// nextID returns a fresh 24-hex-character id with the given 8-character
// prefix. Call with s.mu held.
func (s *Server) nextID(prefix string) string {
	s.seq++
	return fmt.Sprintf("%s%016x", prefix, s.seq)
}

// Stats returns a snapshot of the counters.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.stats
	st.Faults = make(map[fakefault.Kind]int, len(s.stats.Faults))
	for k, v := range s.stats.Faults {
		st.Faults[k] = v
	}
	return st
}

// Transactions returns copies of the stored transactions in creation
// order.
func (s *Server) Transactions() []*monitoring.Result {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]*monitoring.Result, 0, len(s.order))
	for _, id := range s.order {
		if rec, ok := s.txns[id]; ok {
			out = append(out, cloneResult(&rec.res))
		}
	}
	return out
}

// Transaction returns a copy of the stored transaction with our txnId.
func (s *Server) Transaction(txnID monitoring.TxnID) (*monitoring.Result, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id, ok := s.byTxnID[string(txnID)]
	if !ok {
		return nil, false
	}
	return cloneResult(&s.txns[id].res), true
}

// AddApplicant registers an applicant, as if created by Sumsub's KYC
// flow, and returns its applicant id for SubmitForApplicant.
func (s *Server) AddApplicant(externalUserID string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.applicant(externalUserID)
}

// applicant returns the applicant id of externalUserID, creating it. Call
// with s.mu held.
func (s *Server) applicant(externalUserID string) string {
	if id, ok := s.applicants[externalUserID]; ok && externalUserID != "" {
		return id
	}
	id := s.nextID("65a0c0de")
	s.addApplicant(id, externalUserID)
	return id
}

// addApplicant registers applicant id with externalUserID. Call with s.mu
// held.
func (s *Server) addApplicant(id, externalUserID string) {
	if externalUserID != "" {
		s.applicants[externalUserID] = id
	}
	s.applicantOK[id] = true
	s.applicantExt[id] = externalUserID
}

// cloneResult deep-copies a result through its JSON form.
func cloneResult(r *monitoring.Result) *monitoring.Result {
	b, err := r.MarshalJSON()
	out := new(monitoring.Result)
	if err != nil || out.UnmarshalJSON(b) != nil {
		*out = *r
	}
	return out
}
