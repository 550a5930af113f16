package reliability

import (
	"context"
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/vaspkit/vaspkit/gtr"
	"github.com/vaspkit/vaspkit/ivms"
	"github.com/vaspkit/vaspkit/monitoring"
	"github.com/vaspkit/vaspkit/monitoring/monitoringtest"
	"github.com/vaspkit/vaspkit/travelrule"
	"github.com/vaspkit/vaspkit/travelrule/travelruletest"
)

// lightningInvoice is a testnet invoice (the quickstart's): Striga's
// sandbox takes testnet Lightning.
const lightningInvoice = "lntb1500n1pnhfpvqpp57n76ynv8dywcmyyucpvm6s24rf6t2c2c69mgn2zjzrxqy9l8c3aqdp2w3exzan9d3e82mr9yp6x2um5dejhggrfdemx76trv5xq8pwlcrcqsp5wwwcgze002rkqu8haxygupux7xndvmmq2mlcyphpjzudmaxrhnaq9qrsgq4huddkz2w8cc932h23lflucq3jfc4l5q8srn8sk97rea0ag80zd9wgpt7w65zpdgxhrv0xacru68x9du4mqwgj3yj799adurz302huspkn2kth"

// canaryEnv is the three clients against their fakes, with canary
// credentials and canary personal data, every log line captured.
type canaryEnv struct {
	who       *people
	cn        *canaries
	logs      *captureHandler
	probe     *probe
	gtr, mon  *rig
	tr        *rig
	gtrC      *gtr.Client
	monC      *monitoring.Client
	trC       *travelrule.Client
	gtrCall   *caller
	monCall   *caller
	trCall    *caller
	addresses func() string // a fresh canary address for a widget session
	monToken  string
	trKey     string
	monDupID  string // a txnId stored under faults, submitted again as a duplicate
}

// requestID returns a fresh requestId, an identifier canary.
func (e *canaryEnv) requestID(prefix string) string {
	id, err := gtr.NewRequestID(prefix)
	if err != nil {
		panic(err)
	}
	return e.cn.addID("gtr requestId", id)
}

func newCanaryEnv(t *testing.T) *canaryEnv {
	cn := newCanaries()
	h := newCaptureHandler()
	logger := slog.New(h)
	e := &canaryEnv{cn: cn, logs: h, probe: &probe{logger: logger}}
	hx := func(n int) string { return randomHex(t, n) }

	// Personal data: names no log would hold by chance.
	customer := ivms.NewNaturalPerson(cn.add("customer surname", "Quillfeather"), cn.add("customer given name", "Ysoldine")).
		DateOfBirth(time.Date(1984, 7, 19, 0, 0, 0, 0, time.UTC), cn.add("customer birthplace", "Vexholmsund")).
		CountryOfResidence("PT").CustomerID(cn.add("customer id", "canary-cust-"+hx(6))).Person()
	e.who = &people{
		customer: customer,
		beneficiary: ivms.NewNaturalPerson(cn.add("beneficiary surname", "Marchbankstone"), cn.add("beneficiary given name", "Thaddeusz")).
			DateOfBirth(time.Date(1991, 3, 5, 0, 0, 0, 0, time.UTC), cn.add("beneficiary birthplace", "Oxmoorhaven")).Person(),
		sender: ivms.NewNaturalPerson(cn.add("sender surname", "Ravenscroftly"), cn.add("sender given name", "Perpetuana")).
			DateOfBirth(time.Date(1977, 9, 23, 0, 0, 0, 0, time.UTC), cn.add("sender birthplace", "Fenwickstadt")).Person(),
		account:     cn.add("account number", "canary-acct-"+hx(6)),
		beneAddress: cn.add("beneficiary address", "0x"+hx(20)),
		ourAddress:  cn.add("our deposit address", "0x"+hx(20)),
		depositTxID: cn.addID("deposit txid", "0x"+hx(32)),
		fullName:    "Ysoldine Quillfeather",
		userPrefix:  cn.addID("Sumsub externalUserId", "canary-user-"+hx(6)) + "-",
		strigaUser:  cn.addID("Striga user id", "6f1c2e0a-3b7d-4c9e-8a51-"+hx(6)),
	}
	e.addresses = func() string { return cn.add("counterparty address", "0x"+randomHex(t, 20)) }

	// Credentials: canaries for Sumsub and Striga; GTR's are drawn by its
	// fake. Every header credential the proxies see is a canary too.
	e.monToken = cn.add("Sumsub app token", "sbx:canary-token-"+hx(8))
	monSecret := cn.add("Sumsub secret key", "canary-sumsub-secret-"+hx(8))
	e.trKey = cn.add("Striga API key", "canary-striga-key-"+hx(8))
	trSecret := cn.add("Striga API secret", "canary-striga-secret-"+hx(8))
	observe := func(r *http.Request) {
		for _, h := range []string{"Authorization", "X-Authorization", "X-App-Access-Sig", "Api-Key", "Signature"} {
			v := strings.TrimPrefix(r.Header.Get(h), "Bearer ")
			if len(v) >= 16 {
				cn.add("credential header "+h, v)
			}
		}
	}
	fn := newFaultNet(t)
	cfg := defaultRigConfig()
	cfg.people, cfg.logger, cfg.observe = e.who, logger, observe
	cfg.monOpts = []monitoringtest.Option{monitoringtest.WithAppToken(e.monToken, monSecret)}
	cfg.trOpts = []travelruletest.Option{travelruletest.WithCredentials(e.trKey, trSecret)}
	e.gtr, e.mon, e.tr = newGTRRig(t, fn, cfg), newMonitoringRig(t, fn, cfg), newTravelRuleRig(t, fn, cfg)

	_, access, secret := e.gtr.gtr.Credentials()
	cn.add("GTR access key", access)
	cn.add("GTR secret key", secret)
	signed := sha512.Sum512([]byte(secret)) // GTR's signedSecretKey: the hex SHA-512 of the secret key
	cn.add("GTR signedSecretKey", hex.EncodeToString(signed[:]))
	cn.add("GTR PII private key", e.gtr.gtrKey.ExportPrivateKey())
	_, keyPEM := e.gtr.gtr.ClientCertificatePEM()
	for _, line := range strings.Split(string(keyPEM), "\n") {
		if len(line) >= 40 && !strings.HasPrefix(line, "-----") {
			cn.add("GTR client certificate key", line)
		}
	}

	var err error
	if e.gtrCall, err = e.gtr.newCaller(); err != nil {
		t.Fatal(err)
	}
	if e.monCall, err = e.mon.newCaller(); err != nil {
		t.Fatal(err)
	}
	if e.trCall, err = e.tr.newCaller(); err != nil {
		t.Fatal(err)
	}
	e.gtrC, e.monC, e.trC = e.gtrCall.client.(*gtr.Client), e.monCall.client.(*monitoring.Client), e.trCall.client.(*travelrule.Client)
	return e
}

// knownLeaks are leaks a canary check finds today, by the probe's name,
// with why. They are reported, and fail only with VASPKIT_KNOWN_BUGS=1.
// None today (monitoringtest.Server and travelruletest.Server printed
// their credentials until they got String, GoString and Format).
var knownLeaks = map[string]string{}

// TestCanaries runs the quickstart's withdrawal and deposit, the same
// calls under faults, and their failure paths, with canary credentials and
// canary personal data, then searches every log line, every error string
// and the printed form of every exported value for a canary.
func TestCanaries(t *testing.T) {
	t.Parallel()
	e := newCanaryEnv(t)
	ctx, cancel := context.WithTimeout(context.Background(), hangBound)
	defer cancel()

	flows := []struct {
		name string
		run  func(ctx context.Context, t *testing.T, e *canaryEnv)
	}{
		{"quickstart withdrawal", canaryWithdrawal},
		{"quickstart deposit", canaryDeposit},
		{"faulted calls", canaryFaults},
		{"refused calls", canaryRefusals},
		{"GTR callbacks", canaryCallbacks},
		{"clients and fakes printed", canaryPrinted},
	}
	for _, f := range flows {
		t.Run(f.name, func(t *testing.T) { f.run(ctx, t, e) })
	}

	t.Run("the canaries reached the fakes", func(t *testing.T) {
		// Without this the checks below could pass by never using a canary.
		got := false
		for _, id := range e.gtr.gtr.RequestIDs() {
			if rec, ok := e.gtr.gtr.Recorded(id); ok && rec.Identity != nil {
				doc, err := ivms.Marshal(rec.Identity, ivms.Canonical)
				got = got || (err == nil && strings.Contains(string(doc), "Quillfeather"))
			}
		}
		if !got {
			t.Errorf("the GTR fake opened no document holding the canary customer")
		}
		found := false
		for _, res := range e.mon.mon.Transactions() {
			if res.Data != nil && res.Data.Applicant != nil && res.Data.Applicant.FullName == e.who.fullName {
				found = true
			}
		}
		if !found {
			t.Errorf("the Sumsub fake holds no transaction of the canary applicant")
		}
		if len(e.tr.tr.Sessions()) == 0 {
			t.Errorf("the Striga fake holds no session")
		}
	})

	t.Run("no canary in logs", func(t *testing.T) {
		leaks, records := e.logs.logLeaks(e.cn)
		if records < 20 {
			t.Fatalf("%d log records: too few for the check to mean anything", records)
		}
		reportLeaks(t, leaks)
	})
	t.Run("no canary in errors or printed values", func(t *testing.T) {
		if n := len(e.probe.snapshot()); n < 100 {
			t.Fatalf("%d probed texts: too few for the check to mean anything", n)
		}
		reportLeaks(t, e.probe.leaks(e.cn))
	})
}

// TestCanaryCheckFindsLeaks proves the search finds a canary where one
// is, whatever its case.
func TestCanaryCheckFindsLeaks(t *testing.T) {
	cn := newCanaries()
	secret := cn.add("secret", "canary-secret-0123456789")
	err := fmt.Errorf("wrapped: %w", fmt.Errorf("login with %s failed", strings.ToUpper(secret)))
	if got := cn.find("error", err.Error(), nil); len(got) != 1 || got[0].what != "secret" {
		t.Errorf("find(%q) = %v, want the secret", err.Error(), got)
	}
	h := newCaptureHandler()
	slog.New(h).WithGroup("g").Info("msg", "value", slog.GroupValue(slog.String("k", secret)))
	if leaks, _ := h.logLeaks(cn); len(leaks) != 2 {
		t.Errorf("a logged canary was found %d times, want 2 (its JSON line and its text line)", len(leaks))
	}

	// Identifiers: never in an error, in any verb; in a printed result
	// only when it is the result's own.
	mine, other := cn.addID("txnId", "rel-txn-mine-000001"), cn.addID("txnId", "rel-txn-other-000002")
	type idErr struct{ TxnID string }
	p := &probe{}
	p.err("struct error", &structErr{inner: idErr{mine}})
	p.result("result", idErr{mine}, []string{mine})
	p.result("result of another call", idErr{other}, []string{mine})
	p.value("flow value", idErr{other})
	got := map[string]int{}
	for _, l := range p.leaks(cn) {
		got[strings.Fields(l.where)[0]+" "+strings.Fields(l.where)[1]]++
	}
	want := map[string]int{"struct error": 1, "result of": 3} // %#v of the error; every verb of the other call's result
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("leaks by probe = %v, want %v", got, want)
	}
}

// structErr prints its id only with %#v.
type structErr struct{ inner any }

func (e *structErr) Error() string { return "something failed" }

func reportLeaks(t *testing.T, leaks []leak) {
	sort.Slice(leaks, func(i, j int) bool { return leaks[i].where < leaks[j].where })
	seen := map[leak]bool{}
	known := map[string][]string{} // note -> what leaked where
	for _, l := range leaks {
		if seen[l] {
			continue
		}
		seen[l] = true
		if note, ok := knownLeak(l.where); ok && os.Getenv("VASPKIT_KNOWN_BUGS") == "" {
			known[note] = append(known[note], l.what+" in "+l.where)
			continue
		}
		t.Errorf("%s appears in %s", l.what, l.where)
	}
	for note, where := range known {
		t.Logf("known leak (VASPKIT_KNOWN_BUGS=1 makes it fail): %s\n\t%d finds, e.g. %s", note, len(where), where[0])
	}
}

func knownLeak(where string) (string, bool) {
	for prefix, note := range knownLeaks {
		if strings.HasPrefix(where, prefix) {
			return note, true
		}
	}
	return "", false
}
