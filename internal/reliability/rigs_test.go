package reliability

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/vaspkit/vaspkit/gtr"
	"github.com/vaspkit/vaspkit/gtr/gtrtest"
	"github.com/vaspkit/vaspkit/ivms"
	"github.com/vaspkit/vaspkit/monitoring"
	"github.com/vaspkit/vaspkit/monitoring/monitoringtest"
	"github.com/vaspkit/vaspkit/travelrule"
	"github.com/vaspkit/vaspkit/travelrule/travelruletest"
)

// rigConfig configures a rig: a fake, the fault proxy in front of it and
// clients that reach it through the fault net.
type rigConfig struct {
	attemptTimeout time.Duration // http.Client.Timeout, per attempt: a hang bound
	// recovery is gtr's WithRecoveryTimeout: a hang bound. Recovery's
	// pauses follow WithRetry's waits (milliseconds here), so it ends on
	// its own long before.
	recovery time.Duration
	retries  int
	logger   *slog.Logger
	gtrOpts  []gtrtest.Option
	monOpts  []monitoringtest.Option
	trOpts   []travelruletest.Option
	// tlsFront serves the proxy over TLS with httptest's certificate,
	// which the clients do not trust (monitoring and travelrule; gtr's
	// front is always TLS, trusted).
	tlsFront bool
	// tlsTrusted serves the proxy over TLS with httptest's certificate
	// and makes the clients trust it (monitoring and travelrule), for
	// redirects from https to http.
	tlsTrusted bool
	// gtrAppToken authenticates the gtr client with app tokens instead
	// of a login session.
	gtrAppToken bool
	// people is the personal data the calls carry (default: defaultPeople).
	people *people
	// observe sees every request the proxy receives (credentials in its
	// headers included).
	observe func(*http.Request)
}

// people is the personal data of the rigs' calls.
type people struct {
	customer    ivms.Person // ours: the originator pre-transaction
	beneficiary ivms.Person // the counterparty's customer at BENE
	sender      ivms.Person // the counterparty's customer at ORIG, who sent a deposit
	account     string      // our customer's account number
	beneAddress string      // the beneficiary's address at BENE
	ourAddress  string      // our customer's deposit address
	depositTxID string      // the deposit ORIG sent to ourAddress
	fullName    string      // our customer's name for Sumsub
	userPrefix  string      // prefix of Sumsub externalUserIds
	strigaUser  string      // the Striga user of widget sessions
}

func defaultPeople() *people {
	return &people{
		customer: alice, beneficiary: bob, sender: carol, account: "acct-1",
		beneAddress: beneAddress, ourAddress: ourDeposit, depositTxID: depositTxID,
		fullName: "Alice Originator", userPrefix: "user-", strigaUser: strigaUser,
	}
}

// retryAfterCap shortens the proxy's and the fakes' Retry-After (a
// second or more) in every rig: what the suite checks is that a 429 is
// retried or reported, never lost or duplicated, and a real second a 429
// made the storm and the matrix wait for nothing. How a Retry-After is
// read and capped, and that the wait is planned from it, internal/rest's
// TestRetryAfter, monitoring's TestRetryAfterIsHonoured, travelrule's
// TestWithRetryAfterCap and gtr's ExampleWithRetryAfterCap check.
const retryAfterCap = 5 * time.Millisecond

func defaultRigConfig() rigConfig {
	return rigConfig{attemptTimeout: hangBound, recovery: hangBound, retries: 4}
}

// caller is one client: call makes one call and classifies the answer;
// warm, when set, logs in and opens a connection first; client is the
// *gtr.Client, *monitoring.Client or *travelrule.Client itself.
type caller struct {
	call   func(ctx context.Context, id string) answer
	warm   func(ctx context.Context) error
	client any
}

// rig is one client against its fake through the fault net.
type rig struct {
	name      string
	proxy     *faultProxy
	inj       *injector
	hc        *http.Client
	baseURL   string
	newCaller func(extra ...any) (*caller, error)
	newID     func(i int) string
	records   func() map[string]int // records the fake holds, by call id
	// stored is the fake's record for a call: its id and its verdict
	// (gtr's verifyStatus, "" for the others); "" if none.
	stored func(id string) (recordID, verdict string)
	// apiStatus is the HTTP status of the client package's *APIError in
	// err; 0 when err holds none.
	apiStatus func(err error) int
	// callCanaries registers the ids a call uses as canaries and returns
	// those a printed result of the call may show (its own identifiers).
	callCanaries func(cn *canaries, id string) (about []string)
	// away are the hosts redirect faults point to.
	away *awayHosts
	who  *people
	cn   *canaries // the canaries of the test that watches the rig (nil: none)

	gtr    *gtrtest.Server
	gtrKey *gtr.KeyPair // our PII key pair
	mon    *monitoringtest.Server
	tr     *travelruletest.Server
}

var (
	bob   = ivms.NewNaturalPerson("Beneficiary", "Bob").DateOfBirth(time.Date(1990, 2, 3, 0, 0, 0, 0, time.UTC), "Porto").Person()
	alice = ivms.NewNaturalPerson("Originator", "Alice").DateOfBirth(time.Date(1985, 4, 12, 0, 0, 0, 0, time.UTC), "Lisbon").Person()
	carol = ivms.NewNaturalPerson("Sender", "Carol").DateOfBirth(time.Date(1979, 11, 30, 0, 0, 0, 0, time.UTC), "Madrid").Person()
	ours  = ivms.NewVASP("Vaspkit Test Exchange Ltd", "529900T8BM49AURSDO55").CountryOfRegistration("PT").Person()
)

const (
	beneAddress = "0x00000000219ab540356cBB839Cbe05303d7705Fa"
	ourDeposit  = "0x8315177aB297bA92A06054cE80a67Ed4DBd7ed3a"
	depositTxID = "0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060"
	strigaUser  = "6f1c2e0a-3b7d-4c9e-8a51-2d4f6b8c0e13"
)

func (cfg *rigConfig) who() *people {
	if cfg.people == nil {
		return defaultPeople()
	}
	return cfg.people
}

func isOneStep(r *http.Request) bool {
	return r.Method == http.MethodPost && r.URL.Path == gtrtest.PathOneStep
}

func isWidgetSession(r *http.Request) bool {
	return r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, travelrule.DefaultWidgetSessionPath)
}

func newGTRRig(t testing.TB, fn *faultNet, cfg rigConfig) *rig {
	t.Helper()
	srv := gtrtest.NewServer(t, cfg.gtrOpts...)
	who := cfg.who()
	if err := errors.Join(
		srv.AddVASP(gtrtest.VASP{Code: "BENE", Name: "Bene Exchange", Brand: "Bene",
			Addresses: map[gtrtest.Wallet]ivms.Person{{Network: "ETH", Address: who.beneAddress}: who.beneficiary}}),
		srv.AddVASP(gtrtest.VASP{Code: "ORIG", Name: "Orig Markets", Brand: "Orig",
			TxIDs: map[string]gtrtest.Transfer{who.depositTxID: {
				To: gtrtest.Wallet{Network: "ETH", Address: who.ourAddress}, Sender: who.sender}}}),
	); err != nil {
		t.Fatal(err)
	}
	kp, err := gtr.GenerateKeyPair(nil)
	if err != nil {
		t.Fatal(err)
	}
	srv.SetMemberPublicKey(kp.PublicKey())
	beneKey, _ := srv.VASPPublicKey("BENE")
	identity, err := ivms.NewPayload().Originator(who.customer, who.account).Beneficiary(who.beneficiary, who.beneAddress).OriginatingVASP(ours).Build()
	if err != nil {
		t.Fatal(err)
	}

	proxy := newFaultProxy(srv.URL, srv.HTTPClient(), isOneStep, "requestId")
	proxy.observe = cfg.observe
	proxy.errBody = func(status int) []byte {
		if status == http.StatusTooManyRequests {
			return []byte(`{"verifyStatus":100003,"verifyMessage":"Too many requests","success":false,"data":{}}`)
		}
		return []byte(`{"verifyStatus":100006,"verifyMessage":"Server failure","success":false,"data":{}}`)
	}
	proxy.dupAnswer = func(_ int, body []byte) bool {
		var env struct {
			VerifyStatus int `json:"verifyStatus"`
		}
		return json.Unmarshal(body, &env) == nil && env.VerifyStatus == 100005
	}
	cert, err := srv.IssueServerCertificate("127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	front := startFront(t, proxy, &tls.Config{
		Certificates: []tls.Certificate{cert},
		ClientAuth:   tls.RequireAndVerifyClientCert,
		ClientCAs:    srv.RootCAs(),
		MinVersion:   tls.VersionTLS12,
	})
	proxy.away = newAwayHosts(t, &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}, "requestId")
	inj := fn.newInjector(&tls.Config{
		Certificates: []tls.Certificate{srv.ClientCertificate()},
		RootCAs:      srv.RootCAs(),
		MinVersion:   tls.VersionTLS12,
	}, isOneStep, planFromContext)
	t.Cleanup(inj.close)
	hc := &http.Client{Transport: inj, Timeout: cfg.attemptTimeout}

	r := &rig{name: "gtr", proxy: proxy, inj: inj, hc: hc, baseURL: front.URL, gtr: srv, gtrKey: kp, away: proxy.away, who: who}
	tag := randomHex(t, 4)
	r.newID = func(i int) string { return fmt.Sprintf("rel-%s-%06d", tag, i) }
	r.callCanaries = func(cn *canaries, id string) []string {
		if cn == nil {
			return []string{id}
		}
		return []string{cn.addID("gtr requestId", id)}
	}
	r.apiStatus = func(err error) int {
		var ae *gtr.APIError
		if errors.As(err, &ae) {
			return ae.HTTPStatus
		}
		return 0
	}
	// The rig's clients share one login session, as the Clients of one
	// process with one API key must: GTR keeps one session per key.
	session := gtr.NewLoginSession(srv.Credentials())
	r.newCaller = func(extra ...any) (*caller, error) {
		auth := gtr.WithLoginSession(session)
		if cfg.gtrAppToken {
			auth = gtr.WithAppToken(srv.Credentials())
		}
		opts := []gtr.Option{
			gtr.WithBaseURL(front.URL), gtr.WithHTTPClient(hc), auth,
			gtr.WithKeyPair(kp), gtr.WithRetry(cfg.retries, time.Millisecond, 5*time.Millisecond), gtr.WithRetryBudget(1 << 20),
			gtr.WithRetryAfterCap(retryAfterCap),
			gtr.WithRecoveryTimeout(cfg.recovery),
		}
		if cfg.logger != nil {
			opts = append(opts, gtr.WithLogger(cfg.logger))
		}
		for _, o := range extra {
			opts = append(opts, o.(gtr.Option))
		}
		c, err := gtr.New(opts...)
		if err != nil {
			return nil, err
		}
		call := func(ctx context.Context, id string) answer {
			res, err := c.OneStep(ctx, &gtr.OneStepRequest{
				RequestID: id, Direction: gtr.PreTransaction, Network: "ETH", Ticker: "ETH",
				Address: who.beneAddress, TargetVASPCode: "BENE", TargetPublicKey: beneKey,
				PIIFormat: gtr.FullJSONObjectEncrypt, PIISpecVersion: gtr.PIISpecVersion, // all three set: no VASP detail call
				Amount: "0.5", FiatName: "USD", FiatPrice: "1500",
				ExpectFields: []gtr.FieldID{gtr.BeneficiaryNatural.Name()}, Identity: identity,
			})
			return classifyGTR(res, err)
		}
		warm := func(ctx context.Context) error {
			_, err := c.ListVASPs(ctx)
			return err
		}
		return &caller{call: call, warm: warm, client: c}, nil
	}
	r.records = func() map[string]int {
		m := map[string]int{}
		for _, id := range srv.RequestIDs() {
			m[id]++
		}
		return m
	}
	r.stored = func(id string) (string, string) {
		if rec, ok := srv.Recorded(id); ok {
			return rec.RequestID, rec.Status.String()
		}
		return "", ""
	}
	return r
}

func classifyGTR(res *gtr.OneStepResult, err error) answer {
	switch {
	case err == nil && res.Recovered:
		return answer{class: classReplay, kind: "recovered " + res.Status.String(), id: res.RequestID, verdict: res.Status.String(), result: res}
	case err == nil:
		return answer{class: classSuccess, kind: res.Status.String(), id: res.RequestID, verdict: res.Status.String(), result: res}
	}
	kind := errKind(err, gtr.ErrOutcomeUnknown, gtr.ErrUnauthorized, gtr.ErrRateLimited, gtr.ErrServer,
		gtr.ErrDuplicate, gtr.ErrMalformedResponse, gtr.ErrInvalidRequest)
	var (
		ae *gtr.APIError
		ve *gtr.ValidationError
		te *gtr.TransportError
	)
	switch {
	case errors.Is(err, gtr.ErrOutcomeUnknown):
		return answer{class: classUnknown, kind: kind, err: err}
	case errors.As(err, &ae), errors.As(err, &ve):
		return answer{class: classFailed, kind: kind, err: err}
	case errors.As(err, &te) && !te.Sent, isContextErr(err):
		return answer{class: classFailed, kind: kind, err: err}
	}
	return answer{class: classUntyped, kind: kind, err: err}
}

func newMonitoringRig(t testing.TB, fn *faultNet, cfg rigConfig) *rig {
	t.Helper()
	srv := monitoringtest.NewServer(t, cfg.monOpts...)
	who := cfg.who()
	proxy := newFaultProxy(srv.URL, srv.HTTPClient(), monitoringtest.IsSubmit, "txnId")
	proxy.observe = cfg.observe
	proxy.errBody = func(status int) []byte {
		return fmt.Appendf(nil, `{"description":"%s","code":%d,"correlationId":"req-injected"}`, http.StatusText(status), status)
	}
	front, inj, away := plainRigNet(t, fn, cfg, proxy, monitoringtest.IsSubmit, "txnId")
	hc := &http.Client{Transport: inj, Timeout: cfg.attemptTimeout}

	r := &rig{name: "monitoring", proxy: proxy, inj: inj, hc: hc, baseURL: front.URL, mon: srv, away: away, who: who}
	tag := randomHex(t, 4)
	r.newID = func(i int) string { return fmt.Sprintf("rel-txn-%s-%06d", tag, i) }
	r.callCanaries = func(cn *canaries, id string) []string {
		if cn == nil {
			return []string{id, who.userPrefix + id}
		}
		return []string{cn.addID("monitoring txnId", id), cn.addID("Sumsub externalUserId", who.userPrefix+id)}
	}
	r.apiStatus = func(err error) int {
		var ae *monitoring.APIError
		if errors.As(err, &ae) {
			return ae.HTTPStatus
		}
		return 0
	}
	r.newCaller = func(extra ...any) (*caller, error) {
		token, secret := srv.AppToken()
		opts := []monitoring.Option{
			monitoring.WithBaseURL(front.URL), monitoring.WithAppToken(token, secret), monitoring.WithHTTPClient(hc),
			monitoring.WithRetry(cfg.retries, time.Millisecond, 5*time.Millisecond), monitoring.WithRetryBudget(1 << 20),
			monitoring.WithRetryAfterCap(retryAfterCap),
			monitoring.WithoutRateLimit(),
		}
		if cfg.logger != nil {
			opts = append(opts, monitoring.WithLogger(cfg.logger))
		}
		for _, o := range extra {
			opts = append(opts, o.(monitoring.Option))
		}
		c, err := monitoring.New(opts...)
		if err != nil {
			return nil, err
		}
		return &caller{client: c, call: func(ctx context.Context, id string) answer {
			txn, err := monitoring.NewCryptoWithdrawal(monitoring.TxnID(id), "0.5", "ETH").Chain("ETH").
				Applicant(monitoring.NewPerson(who.userPrefix+id, who.fullName)).
				CounterpartyWallet(who.beneAddress).Build()
			if err != nil {
				return answer{class: classUntyped, kind: "build", err: err}
			}
			res, err := c.Submit(ctx, txn, monitoring.WithLevelName("basic-kyc-level"))
			return classifyMonitoring(res, err)
		}}, nil
	}
	r.records = func() map[string]int {
		m := map[string]int{}
		for _, res := range srv.Transactions() {
			if res.Data != nil {
				m[string(res.Data.TxnID)]++
			}
		}
		return m
	}
	r.stored = func(id string) (string, string) {
		if res, ok := srv.Transaction(monitoring.TxnID(id)); ok {
			return string(res.ID), ""
		}
		return "", ""
	}
	return r
}

func classifyMonitoring(res *monitoring.Result, err error) answer {
	switch {
	case err == nil && res.Replayed:
		return answer{class: classReplay, kind: "replayed", id: string(res.ID), result: res}
	case err == nil:
		return answer{class: classSuccess, kind: "created", id: string(res.ID), result: res}
	}
	kind := errKind(err, monitoring.ErrOutcomeUnknown, monitoring.ErrDuplicate, monitoring.ErrUnauthorized, monitoring.ErrClockSkew,
		monitoring.ErrRateLimited, monitoring.ErrServer, monitoring.ErrInvalidRequest)
	var (
		ae *monitoring.APIError
		ve *monitoring.ValidationError
		se *monitoring.SyntaxError
		te *monitoring.TransportError
	)
	switch {
	case monitoring.MaybeSent(err):
		return answer{class: classUnknown, kind: kind, err: err}
	case errors.As(err, &ae), errors.As(err, &ve), errors.As(err, &se), errors.As(err, &te), isContextErr(err):
		return answer{class: classFailed, kind: kind, err: err}
	}
	return answer{class: classUntyped, kind: kind, err: err}
}

func newTravelRuleRig(t testing.TB, fn *faultNet, cfg rigConfig) *rig {
	t.Helper()
	srv := travelruletest.NewServer(t, cfg.trOpts...)
	who := cfg.who()
	upstream := strings.TrimSuffix(srv.URL, travelruletest.BasePath)
	proxy := newFaultProxy(upstream, srv.HTTPClient(), isWidgetSession, "counterpartyAddress")
	proxy.observe = cfg.observe
	proxy.errBody = func(status int) []byte {
		if status == http.StatusTooManyRequests {
			return []byte(`{"errorCode":"00000","message":"Too many requests"}`)
		}
		return []byte(`{"errorCode":"00013","message":"Internal service error"}`)
	}
	front, inj, away := plainRigNet(t, fn, cfg, proxy, isWidgetSession, "counterpartyAddress")
	hc := &http.Client{Transport: inj, Timeout: cfg.attemptTimeout}

	base := front.URL + travelruletest.BasePath
	r := &rig{name: "travelrule", proxy: proxy, inj: inj, hc: hc, baseURL: base, tr: srv, away: away, who: who}
	tag := randomHex(t, 4)
	r.newID = func(i int) string { return fmt.Sprintf("0x%s%032x", tag, i) }
	r.callCanaries = func(cn *canaries, id string) []string {
		if cn != nil {
			cn.add("counterparty address", id) // personal data: never shown
		}
		return []string{who.strigaUser}
	}
	r.apiStatus = func(err error) int {
		var ae *travelrule.APIError
		if errors.As(err, &ae) {
			return ae.HTTPStatus
		}
		return 0
	}
	r.newCaller = func(extra ...any) (*caller, error) {
		opts := append(srv.ClientOptions(), travelrule.WithBaseURL(base), travelrule.WithHTTPClient(hc),
			travelrule.WithRetry(cfg.retries, time.Millisecond, 5*time.Millisecond), travelrule.WithRetryBudget(1<<20),
			travelrule.WithRetryAfterCap(retryAfterCap))
		if cfg.logger != nil {
			opts = append(opts, travelrule.WithLogger(cfg.logger))
		}
		for _, o := range extra {
			opts = append(opts, o.(travelrule.Option))
		}
		c, err := travelrule.New(opts...)
		if err != nil {
			return nil, err
		}
		return &caller{client: c, call: func(ctx context.Context, id string) answer {
			s, err := c.CreateWidgetSession(ctx, &travelrule.WidgetSessionRequest{
				UserID: who.strigaUser, Currency: "ETH", Network: "ETH", CounterpartyAddress: id,
			})
			return classifyTravelRule(s, err)
		}}, nil
	}
	r.records = func() map[string]int {
		m := map[string]int{}
		for _, s := range srv.Sessions() {
			m[s.CounterpartyAddress]++
		}
		return m
	}
	r.stored = func(id string) (string, string) {
		for _, s := range srv.Sessions() {
			if s.CounterpartyAddress == id {
				return s.ID, ""
			}
		}
		return "", ""
	}
	return r
}

func classifyTravelRule(s *travelrule.WidgetSession, err error) answer {
	switch {
	case err == nil && s.Reused && s.Replayed:
		return answer{class: classReplay, kind: "reused after a replay", id: s.ID, result: s}
	case err == nil && s.Reused:
		return answer{class: classSuccess, kind: "reused", id: s.ID, result: s, flaw: "a session reused without an earlier attempt"}
	case err == nil:
		return answer{class: classSuccess, kind: "created", id: s.ID, result: s}
	}
	kind := errKind(err, travelrule.ErrMalformedResponse, travelrule.ErrUnauthorized, travelrule.ErrRateLimited,
		travelrule.ErrServer, travelrule.ErrInvalidRequest)
	var (
		ae *travelrule.APIError
		ve *travelrule.ValidationError
		te *travelrule.TransportError
	)
	switch {
	case travelrule.MaybeSent(err), errors.Is(err, travelrule.ErrMalformedResponse):
		// A 2xx the client could not read was stored; calling again
		// returns the same session.
		return answer{class: classUnknown, kind: kind, err: err}
	case errors.As(err, &ae), errors.As(err, &ve), errors.As(err, &te), isContextErr(err):
		return answer{class: classFailed, kind: kind, err: err}
	}
	return answer{class: classUntyped, kind: kind, err: err}
}

// plainRigNet starts the front of a monitoring or travelrule rig (plain
// HTTP, or TLS with httptest's certificate: untrusted with tlsFront,
// trusted with tlsTrusted), the hosts its redirects point to, and the
// client's side of the fault net.
func plainRigNet(t testing.TB, fn *faultNet, cfg rigConfig, proxy *faultProxy, primary func(*http.Request) bool, key string) (*httptest.Server, *injector, *awayHosts) {
	t.Helper()
	var frontTLS *tls.Config
	if cfg.tlsFront || cfg.tlsTrusted {
		frontTLS = &tls.Config{MinVersion: tls.VersionTLS12}
	}
	front := startFront(t, proxy, frontTLS)
	var clientTLS *tls.Config
	if cfg.tlsTrusted {
		pool := x509.NewCertPool()
		pool.AddCert(front.Certificate())
		clientTLS = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
	}
	// The other host speaks the front's scheme, with the same (trusted or
	// not) certificate.
	proxy.away = newAwayHosts(t, frontTLS.Clone(), key)
	inj := fn.newInjector(clientTLS, primary, planFromContext)
	t.Cleanup(inj.close)
	return front, inj, proxy.away
}

// isContextErr reports the caller's own context ending the call before
// anything could be sent (the standard sentinels).
func isContextErr(err error) bool {
	return errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled)
}

// storedID is the fake's id of the record for a call ("" if none).
func (r *rig) storedID(id string) string {
	recID, _ := r.stored(id)
	return recID
}
