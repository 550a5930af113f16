package reliability

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/vaspkit/vaspkit/fakefault"
	"github.com/vaspkit/vaspkit/gtr"
	"github.com/vaspkit/vaspkit/gtr/gtrtest"
	"github.com/vaspkit/vaspkit/ivms"
	"github.com/vaspkit/vaspkit/monitoring"
	"github.com/vaspkit/vaspkit/monitoring/monitoringtest"
	"github.com/vaspkit/vaspkit/travelrule"
	"github.com/vaspkit/vaspkit/travelrule/travelruletest"
)

// The three fakes share one shape (API.md, "The fakes share one shape
// too"): NewServer, URL, HTTPClient, ClientOptions, NewClient, one fault
// vocabulary (package fakefault's Fault and Kind; WithFaults, WithSeed,
// InjectFault, ClearFaults) and one request log (fakefault.Request;
// Requests, ResetRequests).
// These tests hold them to it: the declarations are one file, the methods
// have one signature, and the same faults do the same thing to the same
// call of each provider, seen from the wire and through each client.

// fakePackages are the fakes, by package name, with their directory from
// here and their client's package name.
var fakePackages = []struct{ name, dir, client string }{
	{"gtrtest", "../../gtr/gtrtest", "gtr"},
	{"monitoringtest", "../../monitoring/monitoringtest", "monitoring"},
	{"travelruletest", "../../travelrule/travelruletest", "travelrule"},
}

// TestFakesShareOneFaultFile: the methods that speak package fakefault's
// vocabulary are declared by one file, the same in the three packages but
// for the package's name.
func TestFakesShareOneFaultFile(t *testing.T) {
	t.Parallel()
	var first string
	for _, p := range fakePackages {
		b, err := os.ReadFile(p.dir + "/faults.go")
		if err != nil {
			t.Fatal(err)
		}
		norm := strings.ReplaceAll(string(b), p.name, "FAKE")
		if first == "" {
			first = norm
			continue
		}
		if diff := cmp.Diff(first, norm); diff != "" {
			t.Errorf("%s/faults.go differs from %s's (-%s +%s):\n%s", p.name, fakePackages[0].name, fakePackages[0].name, p.name, diff)
		}
	}
}

// TestFakesShareOneShape compares the three fakes' exported shape by
// reflection: the Server's methods and URL field and the options, with the
// package names replaced (faults and requests are package fakefault's).
func TestFakesShareOneShape(t *testing.T) {
	t.Parallel()
	type shape struct {
		servers, options any
	}
	fakes := []struct {
		name, client string
		server       reflect.Type
		funcs        map[string]any
	}{
		{"gtrtest", "gtr", reflect.TypeFor[*gtrtest.Server](),
			map[string]any{"NewServer": gtrtest.NewServer, "WithFaults": gtrtest.WithFaults, "WithSeed": gtrtest.WithSeed, "WithLatency": gtrtest.WithLatency}},
		{"monitoringtest", "monitoring", reflect.TypeFor[*monitoringtest.Server](),
			map[string]any{"NewServer": monitoringtest.NewServer, "WithFaults": monitoringtest.WithFaults, "WithSeed": monitoringtest.WithSeed, "WithLatency": monitoringtest.WithLatency}},
		{"travelruletest", "travelrule", reflect.TypeFor[*travelruletest.Server](),
			map[string]any{"NewServer": travelruletest.NewServer, "WithFaults": travelruletest.WithFaults, "WithSeed": travelruletest.WithSeed, "WithLatency": travelruletest.WithLatency}},
	}
	// The shape every fake must have, with its own package and its
	// client's package written FAKE and CLIENT.
	methods := []string{"HTTPClient", "ClientOptions", "NewClient", "InjectFault", "ClearFaults", "Requests", "ResetRequests", "Close", "String"}
	var want *shape
	for _, f := range fakes {
		norm := func(s string) string {
			return strings.ReplaceAll(strings.ReplaceAll(s, f.name+".", "FAKE."), f.client+".", "CLIENT.")
		}
		sig := map[string]string{}
		for _, m := range methods {
			meth, ok := f.server.MethodByName(m)
			if !ok {
				t.Errorf("%s.Server has no method %s", f.name, m)
				continue
			}
			sig[m] = norm(meth.Type.String())
		}
		if url, ok := f.server.Elem().FieldByName("URL"); !ok || url.Type.Kind() != reflect.String {
			t.Errorf("%s.Server has no URL string field", f.name)
		}
		opts := map[string]string{}
		for name, fn := range f.funcs {
			opts[name] = norm(reflect.TypeOf(fn).String())
		}
		got := &shape{servers: sig, options: opts}
		if want == nil {
			want = got
			continue
		}
		if diff := cmp.Diff(*want, *got, cmp.AllowUnexported(shape{})); diff != "" {
			t.Errorf("%s's shape differs from %s's (-%s +%s):\n%s", f.name, fakes[0].name, fakes[0].name, f.name, diff)
		}
	}
	wantSig := map[string]string{
		"HTTPClient":    "func(*FAKE.Server) *http.Client",
		"ClientOptions": "func(*FAKE.Server) []CLIENT.Option",
		"NewClient":     "func(*FAKE.Server, ...CLIENT.Option) (*CLIENT.Client, error)",
		"InjectFault":   "func(*FAKE.Server, ...fakefault.Fault)",
		"Requests":      "func(*FAKE.Server, ...string) []fakefault.Request",
	}
	for m, s := range wantSig {
		if got := want.servers.(map[string]string)[m]; got != s {
			t.Errorf("%s: %s, want %s", m, got, s)
		}
	}
}

// fakeFault is a fault of the table below, converted to each fake's Fault.
type fakeFault struct {
	kind       int // the fakes' FaultKind value (0: none)
	status     int
	retryAfter time.Duration
	delay      time.Duration
}

// fakeRequest is a fake's Request record, without header and body.
type fakeRequest struct {
	Method, Path string
	Status       int
	Fault        string
}

// underTest is one fake and its client's state-changing call.
type underTest struct {
	name string
	// create is the path of the call that creates a record, relative to
	// the fake's URL.
	create string
	url    string
	hc     *http.Client
	fake   faultServer
	stored func() int
	// call makes the create call through a client from NewClient and
	// classifies its answer.
	call func(ctx context.Context) string
}

// faultServer is what the three fakes share: package fakefault's faults in,
// its Requests out.
type faultServer interface {
	InjectFault(faults ...fakefault.Fault)
	Requests(paths ...string) []fakefault.Request
}

// inject injects f on path.
func (ut *underTest) inject(path string, f fakeFault) {
	ut.fake.InjectFault(fakefault.Fault{Kind: fakefault.Kind(f.kind), Path: path, Status: f.status, RetryAfter: f.retryAfter, Delay: f.delay})
}

// requests returns what reached path.
func (ut *underTest) requests(path string) []fakeRequest {
	var out []fakeRequest
	for _, r := range ut.fake.Requests(path) {
		out = append(out, fakeRequest{r.Method, r.Path, r.Status, faultName(r.Fault)})
	}
	return out
}

// headers returns the headers of every request recorded.
func (ut *underTest) headers() []http.Header { return headersOf(ut.fake.Requests()) }

// The answers of the clients' create calls.
const (
	answerSuccess = "success" // a fresh record
	answerReplay  = "replay"  // the record an earlier attempt stored
	answerUnknown = "unknown" // an error that says the call may have taken effect
	answerFailed  = "failed"  // an error that says it did not
	// answerNotStored is gtr's answer for a one_step the fake did not
	// store, after a short recovery: failed or unknown.
	answerNotStored = "failed or unknown"
)

func newGTRUnderTest(t *testing.T) *underTest {
	srv := gtrtest.NewServer(t)
	bob := ivms.NewNaturalPerson("Beneficiary", "Bob").DateOfBirth(time.Date(1990, 2, 3, 0, 0, 0, 0, time.UTC), "Porto").Person()
	if err := srv.AddVASP(gtrtest.VASP{Code: "BENE", Name: "Bene Exchange",
		Addresses: map[gtrtest.Wallet]ivms.Person{{Network: "ETH", Address: "0xB0B"}: bob}}); err != nil {
		t.Fatal(err)
	}
	kp, err := gtr.GenerateKeyPair(nil)
	if err != nil {
		t.Fatal(err)
	}
	beneKey, _ := srv.VASPPublicKey("BENE")
	identity, err := ivms.NewPayload().
		Originator(ivms.NewNaturalPerson("Originator", "Alice").DateOfBirth(time.Date(1985, 4, 12, 0, 0, 0, 0, time.UTC), "Lisbon").Person(), "0xA11CE").
		Beneficiary(ivms.NewNaturalPerson("Beneficiary", "Bob").Person(), "0xB0B").
		OriginatingVASP(ivms.NewVASP("Example Exchange Ltd", "529900T8BM49AURSDO55").Person()).
		Build()
	if err != nil {
		t.Fatal(err)
	}
	// Recovery pauses follow WithRetry (1–5 ms here), so the whole
	// recovery takes milliseconds; its timeout is only a hang bound, never
	// a budget a busy machine could run out of.
	c, err := srv.NewClient(gtr.WithKeyPair(kp), gtr.WithRetry(3, time.Millisecond, 5*time.Millisecond),
		gtr.WithRecoveryTimeout(hangBound))
	if err != nil {
		t.Fatal(err)
	}
	return &underTest{
		name: "gtr", create: gtrtest.PathOneStep, url: srv.URL, hc: srv.HTTPClient(),
		fake:   srv,
		stored: func() int { return len(srv.RequestIDs()) },
		call: func(ctx context.Context) string {
			id, _ := gtr.NewRequestID("shape")
			res, err := c.OneStep(ctx, &gtr.OneStepRequest{
				RequestID: id, Direction: gtr.PreTransaction, Network: "ETH", Ticker: "ETH", Address: "0xB0B",
				TargetVASPCode: "BENE", TargetPublicKey: beneKey, PIIFormat: gtr.FullJSONObjectEncrypt, PIISpecVersion: gtr.PIISpecVersion,
				Amount: "0.5", FiatName: "USD", FiatPrice: "1500", ExpectFields: []gtr.FieldID{gtr.BeneficiaryNatural.Name()}, Identity: identity,
			})
			switch {
			case err == nil && res.Recovered:
				return answerReplay
			case err == nil:
				return answerSuccess
			case errors.Is(err, gtr.ErrOutcomeUnknown):
				return answerUnknown
			}
			return answerFailed
		},
	}
}

func newMonitoringUnderTest(t *testing.T) *underTest {
	srv := monitoringtest.NewServer(t)
	c, err := srv.NewClient()
	if err != nil {
		t.Fatal(err)
	}
	return &underTest{
		name: "monitoring", create: "/resources/applicants/-/kyt/txns/-/data", url: srv.URL, hc: srv.HTTPClient(),
		fake:   srv,
		stored: func() int { return len(srv.Transactions()) },
		call: func(ctx context.Context) string {
			txn, err := monitoring.NewCryptoWithdrawal("shape-1", "120", "USDT").Chain("TRX").
				Applicant(monitoring.NewPerson("user-42", "Alice Example")).
				CounterpartyWallet("TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE").Build()
			if err != nil {
				return err.Error()
			}
			res, err := c.Submit(ctx, txn)
			switch {
			case err == nil && res.Replayed:
				return answerReplay
			case err == nil:
				return answerSuccess
			case monitoring.MaybeSent(err):
				return answerUnknown
			}
			return answerFailed
		},
	}
}

func newTravelRuleUnderTest(t *testing.T) *underTest {
	srv := travelruletest.NewServer(t)
	c, err := srv.NewClient(travelrule.WithRetry(3, time.Millisecond, 5*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	return &underTest{
		name: "travelrule", create: travelrule.DefaultWidgetSessionPath, url: srv.URL, hc: srv.HTTPClient(),
		fake:   srv,
		stored: func() int { return len(srv.Sessions()) },
		call: func(ctx context.Context) string {
			s, err := c.CreateWidgetSession(ctx, &travelrule.WidgetSessionRequest{
				UserID: "2d0c0a39-1f2b-4f0e-9c3a-5b8e7d6f4a21", Currency: "ETH", Network: "ETH",
				CounterpartyAddress: "0x9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b",
			})
			switch {
			case err == nil && s.Reused:
				return answerReplay
			case err == nil:
				return answerSuccess
			case travelrule.MaybeSent(err):
				return answerUnknown
			}
			return answerFailed
		},
	}
}

// headersOf returns the headers of a fake's Request records.
func headersOf(rs []fakefault.Request) []http.Header {
	var out []http.Header
	for _, r := range rs {
		out = append(out, r.Header)
	}
	return out
}

// credentialHeaders carry the fakes' credentials: no Request may keep them.
var credentialHeaders = []string{"Authorization", "X-Authorization", "X-App-Token", "X-App-Access-Sig", "Api-Key"}

// faultName names a fault kind the same way whatever the fake.
func faultName(k interface{ String() string }) string {
	if reflect.ValueOf(k).Int() == 0 {
		return ""
	}
	return k.String()
}

var underTests = []func(*testing.T) *underTest{newGTRUnderTest, newMonitoringUnderTest, newTravelRuleUnderTest}

// The fault kinds by value, the same in the three fakes
// (TestFakesShareOneShape).
var (
	kindDrop             = int(fakefault.Drop)
	kindDropBefore       = int(fakefault.DropBefore)
	kindServerError      = int(fakefault.ServerError)
	kindServerErrorAfter = int(fakefault.ServerErrorAfter)
	kindTooManyRequests  = int(fakefault.TooManyRequests)
	kindRedirect         = int(fakefault.Redirect)
	kindLatency          = int(fakefault.Latency)
	kindEmptyAnswer      = int(fakefault.EmptyAnswer)
	kindMalformedAnswer  = int(fakefault.MalformedAnswer)
)

// TestFakeFaultsOnTheWire injects each fault kind into each fake and sends
// the create call's path a raw, unauthenticated POST: every fake answers
// it the same way, and records it the same way. (Faults act before the
// fake authenticates a request; the kinds that handle it handle a refusal
// here.)
func TestFakeFaultsOnTheWire(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		fault fakeFault
		// what the client sees: the status (0: the connection closed),
		// the headers, whether the body is empty
		status     int
		header     map[string]string
		emptyBody  bool
		recorded   int // Request.Status
		unanswered bool
	}{
		{name: "drop", fault: fakeFault{kind: kindDrop}, unanswered: true},
		{name: "drop before", fault: fakeFault{kind: kindDropBefore}, unanswered: true},
		{name: "server error", fault: fakeFault{kind: kindServerError}, status: 503, recorded: 503},
		{name: "server error 502", fault: fakeFault{kind: kindServerError, status: 502}, status: 502, recorded: 502},
		{name: "server error after", fault: fakeFault{kind: kindServerErrorAfter}, status: 500, recorded: 500},
		{name: "429 with Retry-After", fault: fakeFault{kind: kindTooManyRequests, retryAfter: 1500 * time.Millisecond},
			status: 429, header: map[string]string{"Retry-After": "2"}, recorded: 429},
		{name: "429", fault: fakeFault{kind: kindTooManyRequests}, status: 429, header: map[string]string{"Retry-After": ""}, recorded: 429},
		{name: "redirect", fault: fakeFault{kind: kindRedirect}, status: 307, header: map[string]string{"Location": "SELF"}, emptyBody: true, recorded: 307},
		{name: "redirect 308", fault: fakeFault{kind: kindRedirect, status: 308}, status: 308, header: map[string]string{"Location": "SELF"}, emptyBody: true, recorded: 308},
		{name: "empty answer", fault: fakeFault{kind: kindEmptyAnswer}, status: 200, emptyBody: true, recorded: 200},
		{name: "empty 204", fault: fakeFault{kind: kindEmptyAnswer, status: 204}, status: 204, emptyBody: true, recorded: 204},
		{name: "malformed answer", fault: fakeFault{kind: kindMalformedAnswer}, status: 200, recorded: 200},
	}
	for _, newUT := range underTests {
		for _, tt := range tests {
			ut := newUT(t)
			t.Run(ut.name+"/"+tt.name, func(t *testing.T) {
				t.Parallel()
				ut.inject(ut.create, tt.fault)
				req, err := http.NewRequestWithContext(context.Background(), http.MethodPost, ut.url+ut.create, strings.NewReader(`{}`))
				if err != nil {
					t.Fatal(err)
				}
				req.Header.Set("Content-Type", "application/json")
				hc := *ut.hc
				hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
				resp, err := hc.Do(req)
				status := 0
				if err == nil {
					body, _ := io.ReadAll(resp.Body)
					resp.Body.Close()
					status = resp.StatusCode
					for k, v := range tt.header {
						if v == "SELF" {
							v = req.URL.RequestURI()
						}
						if got := resp.Header.Get(k); got != v {
							t.Errorf("%s = %q, want %q", k, got, v)
						}
					}
					if tt.emptyBody != (len(body) == 0) {
						t.Errorf("body %q, want empty %v", body, tt.emptyBody)
					}
					if tt.fault.kind == kindMalformedAnswer && json.Valid(body) {
						t.Errorf("malformed answer %q decodes", body)
					}
				}
				if tt.unanswered != (err != nil) || status != tt.status {
					t.Errorf("answer: HTTP %d, err %v; want HTTP %d, unanswered %v", status, err, tt.status, tt.unanswered)
				}
				want := []fakeRequest{{http.MethodPost, ut.create, tt.recorded, kindName(tt.fault.kind)}}
				if diff := cmp.Diff(want, ut.requests(ut.create)); diff != "" {
					t.Errorf("Requests (-want +got):\n%s", diff)
				}
			})
		}
	}
}

// kindName is the String of a fault kind, the same in every fake.
func kindName(kind int) string {
	if kind == 0 {
		return ""
	}
	return fakefault.Kind(kind).String()
}

// TestFakeFaultsThroughClients runs the same fault, on the first attempt
// of the call that creates a record, against each fake through the client
// its NewClient hands out. The fakes do the same thing (they record the
// fault and store, or not, alike); the clients answer as their retry class
// says (see doc.go's matrix): gtr never resends a one_step and recovers by
// querying; monitoring and travelrule retry keyed creates and recognise a
// replay.
func TestFakeFaultsThroughClients(t *testing.T) {
	t.Parallel()
	type outcome struct {
		Answer string
		Stored int
	}
	tests := []struct {
		name  string
		fault fakeFault
		// status is what the fake recorded for the faulted attempt.
		status int
		want   map[string]outcome // by client
	}{
		{"none", fakeFault{}, 200, map[string]outcome{
			"gtr": {answerSuccess, 1}, "monitoring": {answerSuccess, 1}, "travelrule": {answerSuccess, 1}}},
		{"drop", fakeFault{kind: kindDrop}, 0, map[string]outcome{
			"gtr": {answerReplay, 1}, "monitoring": {answerReplay, 1}, "travelrule": {answerReplay, 1}}},
		{"drop before", fakeFault{kind: kindDropBefore}, 0, map[string]outcome{
			"gtr": {answerNotStored, 0}, "monitoring": {answerSuccess, 1}, "travelrule": {answerSuccess, 1}}},
		{"server error", fakeFault{kind: kindServerError}, 503, map[string]outcome{
			"gtr": {answerNotStored, 0}, "monitoring": {answerSuccess, 1}, "travelrule": {answerSuccess, 1}}},
		{"server error after", fakeFault{kind: kindServerErrorAfter}, 500, map[string]outcome{
			"gtr": {answerReplay, 1}, "monitoring": {answerReplay, 1}, "travelrule": {answerReplay, 1}}},
		{"429", fakeFault{kind: kindTooManyRequests}, 429, map[string]outcome{
			"gtr": {answerFailed, 0}, "monitoring": {answerSuccess, 1}, "travelrule": {answerSuccess, 1}}},
		{"redirect", fakeFault{kind: kindRedirect}, 307, map[string]outcome{
			"gtr": {answerFailed, 0}, "monitoring": {answerFailed, 0}, "travelrule": {answerFailed, 0}}},
		{"latency", fakeFault{kind: kindLatency, delay: 20 * time.Millisecond}, 200, map[string]outcome{
			"gtr": {answerSuccess, 1}, "monitoring": {answerSuccess, 1}, "travelrule": {answerSuccess, 1}}},
		{"empty answer", fakeFault{kind: kindEmptyAnswer}, 200, map[string]outcome{
			"gtr": {answerReplay, 1}, "monitoring": {answerReplay, 1}, "travelrule": {answerUnknown, 1}}},
		{"malformed answer", fakeFault{kind: kindMalformedAnswer}, 200, map[string]outcome{
			"gtr": {answerReplay, 1}, "monitoring": {answerReplay, 1}, "travelrule": {answerUnknown, 1}}},
	}
	for _, newUT := range underTests {
		for _, tt := range tests {
			ut := newUT(t)
			t.Run(ut.name+"/"+tt.name, func(t *testing.T) {
				t.Parallel()
				if tt.fault.kind != 0 {
					ut.inject(ut.create, tt.fault)
				}
				ctx, cancel := context.WithTimeout(context.Background(), hangBound)
				defer cancel()
				got := outcome{Answer: ut.call(ctx), Stored: ut.stored()}
				if tt.want[ut.name].Answer == answerNotStored && (got.Answer == answerFailed || got.Answer == answerUnknown) {
					got.Answer = answerNotStored
				}
				if diff := cmp.Diff(tt.want[ut.name], got); diff != "" {
					t.Errorf("answer (-want +got):\n%s", diff)
				}
				reqs := ut.requests(ut.create)
				if len(reqs) == 0 {
					t.Fatal("the call never reached the fake")
				}
				if want := (fakeRequest{http.MethodPost, ut.create, tt.status, kindName(tt.fault.kind)}); reqs[0] != want {
					t.Errorf("first attempt recorded as %+v, want %+v", reqs[0], want)
				}
				for _, r := range reqs[1:] {
					if r.Fault != "" {
						t.Errorf("a retry met the fault too: %+v", r)
					}
				}
				for _, h := range ut.headers() {
					for _, k := range credentialHeaders {
						if h.Get(k) != "" {
							t.Errorf("a recorded request keeps its credential header %s", k)
						}
					}
				}
				if ut.name == "gtr" && len(reqs) != 1 {
					t.Errorf("one_step reached the fake %d times: gtr never resends it", len(reqs))
				}
			})
		}
	}
}
