package reliability

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

var stormCalls = flag.Int("storm.calls", 0,
	"faulted calls per client and per way of sharing clients in TestStorm (default: $VASPKIT_STORM_CALLS, else 100; the full storm is 1000)")

// The storm `go test ./...` (and `go test -race ./...`) runs makes
// defaultStormCalls calls per storm: every fault still meets each client
// several times in both storms. -storm.calls=1000 (or
// VASPKIT_STORM_CALLS=1000) runs the full storm.
const defaultStormCalls = 100

func stormSize(t *testing.T) int {
	if *stormCalls > 0 {
		return *stormCalls
	}
	if v := os.Getenv("VASPKIT_STORM_CALLS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			t.Fatalf("VASPKIT_STORM_CALLS=%q: want a positive number", v)
		}
		return n
	}
	return defaultStormCalls
}

// stormSpec is one client's storm.
type stormSpec struct {
	name string
	rig  func(testing.TB, *faultNet, rigConfig) *rig
	// faults are what the first attempt of every call draws from (each
	// call is faulted at least once); later attempts draw from them too
	// at retryFaultRate.
	faults []fault
	// expireEvery ends every login session after this many calls (gtr).
	expireEvery int
}

const (
	stormWorkers = 64
	// A call's first attempt is always faulted; each later attempt is,
	// with retryFaultRate, until maxFaultsPerCall: the client's retries
	// (6) can then always reach the fake.
	retryFaultRate   = 0.3
	maxFaultsPerCall = 3
	readFaultRate    = 0.15
)

// faultWeight makes some faults rarer or leaves them out: an oversized
// body moves 10 MiB through TLS, about 0.1 s of CPU each (2 s under the
// race detector), so the storm leaves them to the matrix's oversized
// cells, which check every client against one; a redirect ends the call,
// and the six of them (and the six empty 2xx) would otherwise leave few
// calls that retry.
func faultWeight(f fault) float64 {
	switch {
	case f == faultOversized:
		return 0
	case f >= faultRedirectSame307 && f <= faultRedirectHTTP308:
		return 0.3
	case f >= faultEmpty200Before && f <= faultEmpty204After:
		return 0.5
	}
	return 1
}

// drawFault picks one of faults by weight.
func drawFault(rng *rand.Rand, faults []fault) fault {
	total := 0.0
	for _, f := range faults {
		total += faultWeight(f)
	}
	x := rng.Float64() * total
	for _, f := range faults {
		if x -= faultWeight(f); x < 0 {
			return f
		}
	}
	return faults[len(faults)-1]
}

// readFaults are drawn by the reads and logins around a call (recovery
// queries, read-backs by txnId).
var readFaults = []fault{faultRefused, faultResetOnConnect, faultResetBeforeStore, fault5xxBefore, faultSlowBefore, faultTruncated}

func allFaultsBut(skip ...fault) []fault {
	var out []fault
next:
	for f := faultNone + 1; f < numFaults; f++ {
		for _, s := range skip {
			if f == s {
				continue next
			}
		}
		out = append(out, f)
	}
	return out
}

// stormSpecs are the three clients' storms. The rigs give every client a
// retry budget the storm cannot spend (WithRetryBudget), since the default
// 100 retries would run dry after about 125 calls that each need a retry.
func stormSpecs() []stormSpec {
	// Plain-HTTP clients cannot meet a TLS certificate.
	return []stormSpec{
		{name: "gtr", rig: newGTRRig, faults: allFaultsBut(), expireEvery: 150},
		{name: "monitoring", rig: newMonitoringRig, faults: allFaultsBut(faultTLSUntrusted)},
		{name: "travelrule", rig: newTravelRuleRig, faults: allFaultsBut(faultTLSUntrusted)},
	}
}

// stormReport is what one client's storm measured.
type stormReport struct {
	client                string
	shared                bool // one client for all workers
	calls, faulted        int
	faults                [numFaults]int // on the calls' own attempts
	readFaults            [numFaults]int // on the reads and logins around them
	classes               [numClasses]int
	stored                int
	lost, duplicated      int
	spuriousUnknown       int
	unseenUnknown         int // outcome unknown; the server side never read the request
	untyped, flawed       int
	followed              int // requests that followed a redirect
	elapsed               time.Duration
	problems              []string
	setupErr              error
	serverSeen, maxHandle int
}

// stormMode is how the storm's workers share clients.
type stormMode struct {
	name   string
	shared bool
}

var stormModes = []stormMode{{"a client per worker", false}, {"one client shared by all workers", true}}

// TestStorm makes n faulted calls per client twice — each worker with its
// own client, and every worker through one client — and checks every
// answer against what the fakes stored. Every id the calls use is a
// canary: the last subtest searches the clients' logs, errors and results
// for them.
//
// With -race the storms run one after the other, and TestStorm before the
// parallel tests: the race detector's storm is what loads the machine, and
// gtr logs in within a fixed 30 s (gtr's loginTimeout) that a login
// starved among six such storms and a loaded machine's other work has been
// seen to exceed. Without it the six storms (about 3 s of CPU) run at once,
// alongside the matrix, which mostly waits.
func TestStorm(t *testing.T) {
	if !raceEnabled {
		t.Parallel()
	}
	n := stormSize(t)
	fn := newFaultNet(t)
	cn, logs, pr := newCanaries(), newCaptureHandler(), &probe{}
	cfg := stormConfig(slog.New(logs))
	type storm struct {
		spec stormSpec
		mode stormMode
		r    *rig
		rep  *stormReport
	}
	var storms []*storm
	for _, spec := range stormSpecs() {
		for _, mode := range stormModes {
			storms = append(storms, &storm{spec: spec, mode: mode, r: watch(spec.rig(t, fn, cfg), cn)})
		}
	}
	var wg sync.WaitGroup
	for _, s := range storms {
		wg.Add(1)
		run := func() {
			defer wg.Done()
			s.rep = runStorm(s.r, s.spec, s.mode.shared, n, pr)
		}
		if raceEnabled {
			run()
		} else {
			go run()
		}
	}
	wg.Wait()
	for _, s := range storms {
		rep := s.rep
		t.Run(s.spec.name+"/"+s.mode.name, func(t *testing.T) {
			t.Log(rep.String())
			if rep.setupErr != nil {
				t.Fatal(rep.setupErr)
			}
			if rep.lost != 0 || rep.duplicated != 0 || rep.spuriousUnknown != 0 || rep.untyped != 0 || rep.flawed != 0 || rep.followed != 0 {
				t.Errorf("%d lost, %d duplicated, %d unknown outcomes for requests that never reached the server, %d untyped errors, %d self-contradicting answers, %d redirects followed:\n%s",
					rep.lost, rep.duplicated, rep.spuriousUnknown, rep.untyped, rep.flawed, rep.followed, strings.Join(rep.problems, "\n"))
			}
			if rep.faulted < n {
				t.Errorf("%d faulted calls, want %d", rep.faulted, n)
			}
		})
	}
	t.Run("no id or personal data in logs, errors or results", func(t *testing.T) {
		checkCanaries(t, cn, logs, pr, len(storms)*n)
	})
}

// stormConfig is the default rig with more retries. gtr's recovery
// pauses follow WithRetry's waits, so a one_step GTR never stored ends its
// recovery in milliseconds and needs no short recovery timeout.
func stormConfig(logger *slog.Logger) rigConfig {
	cfg := defaultRigConfig()
	cfg.retries = 6
	cfg.logger = logger
	return cfg
}

func runStorm(r *rig, spec stormSpec, shared bool, n int, pr *probe) *stormReport {
	rep := &stormReport{client: spec.name, shared: shared, calls: n}
	var setupOnce sync.Once

	answers := make([]answer, n)
	plans := make([]*callPlan, n)
	ids := make([]string, n)
	abouts := make([][]string, n)
	for i := range ids {
		ids[i] = r.newID(i)
		abouts[i] = r.callCanaries(r.cn, ids[i])
	}
	var sharedCall *caller
	if shared {
		c, err := r.newCaller()
		if err != nil {
			rep.setupErr = err
			return rep
		}
		sharedCall = c
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < stormWorkers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			call := sharedCall
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				if call == nil {
					c, err := r.newCaller()
					if err != nil {
						setupOnce.Do(func() { rep.setupErr = err })
						return
					}
					call = c
				}
				if spec.expireEvery > 0 && i > 0 && i%spec.expireEvery == 0 {
					r.gtr.ExpireSessions()
				}
				rng := rand.New(rand.NewPCG(uint64(i), 0x5702))
				cp := &callPlan{rng: rng, rate: readFaultRate, secondary: readFaults}
				cp.primary = append(cp.primary, drawFault(rng, spec.faults))
				for n := 1; n < maxFaultsPerCall && rng.Float64() < retryFaultRate; n++ {
					cp.primary = append(cp.primary, drawFault(rng, spec.faults))
				}
				plans[i] = cp
				ctx, cancel := context.WithTimeout(context.Background(), hangBound)
				a := call.call(withPlan(ctx, cp), ids[i])
				cancel()
				cp.finish()
				answers[i] = a
				where := fmt.Sprintf("storm %s call %d", spec.name, i)
				pr.err(where, a.err)
				if a.result != nil {
					pr.result(where, a.result, abouts[i])
				}
			}
		}()
	}
	wg.Wait()
	r.proxy.quiesce()
	rep.elapsed = time.Since(start)
	if rep.setupErr == nil {
		judge(rep, r, ids, plans, answers)
	}
	return rep
}

// judge checks every answer against what the fake stored.
func judge(rep *stormReport, r *rig, ids []string, plans []*callPlan, answers []answer) {
	st := r.proxy.stats()
	records := r.records()
	problem := func(format string, args ...any) {
		if len(rep.problems) < 20 {
			rep.problems = append(rep.problems, fmt.Sprintf(format, args...))
		}
	}
	ours := map[string]bool{}
	for i, id := range ids {
		ours[id] = true
		a := answers[i]
		applied, reads := plans[i].faults()
		if len(applied) > 0 {
			rep.faulted++
		}
		for _, f := range applied {
			rep.faults[f]++
		}
		for _, f := range reads {
			rep.readFaults[f]++
		}
		rep.classes[a.class]++
		stored := records[id]
		rep.serverSeen += st.written[id]
		if st.handled[id] > rep.maxHandle {
			rep.maxHandle = st.handled[id]
		}
		if stored > 1 || st.dups[id] > 0 || (r.name == "gtr" && st.handled[id] > 1) {
			rep.duplicated++
			problem("%s: duplicated: %d records, %d handled, %d refused as duplicates (faults %v)", id, stored, st.handled[id], st.dups[id], applied)
		}
		if a.flaw != "" {
			rep.flawed++
			problem("%s: %s (faults %v)", id, a.flaw, applied)
		}
		if n := st.followed[id] + r.away.reachedBy(id); n > 0 {
			rep.followed += n
			problem("%s: %d requests followed a redirect (faults %v)", id, n, applied)
		}
		switch a.class {
		case classSuccess, classReplay:
			if stored == 0 {
				rep.lost++
				problem("%s: reported %s, not stored (faults %v)", id, a.class, applied)
			} else if sid, verdict := r.stored(id); a.id != sid || a.verdict != verdict {
				rep.lost++
				problem("%s: reported record %q with verdict %q, the fake holds %q with %q (faults %v)", id, a.id, a.verdict, sid, verdict, applied)
			}
		case classFailed:
			if stored > 0 {
				rep.lost++
				problem("%s: stored, reported failed: %s: %v (faults %v)", id, a.kind, a.err, applied)
			}
		case classUntyped:
			rep.untyped++
			if stored > 0 {
				rep.lost++
			}
			problem("%s: untyped error (stored %d): %s: %v (faults %v)", id, stored, a.kind, a.err, applied)
		case classUnknown:
			if !plans[i].mayHaveSent() {
				rep.spuriousUnknown++
				problem("%s: outcome unknown, but no attempt got a connection: %v (faults %v)", id, a.err, applied)
			}
			if st.written[id] == 0 {
				rep.unseenUnknown++
			}
		}
	}
	for id, c := range records {
		rep.stored += c
		if !ours[id] {
			rep.duplicated++
			problem("the fake holds a record no call made: %q", id)
		}
	}
}

func (rep *stormReport) String() string {
	var b strings.Builder
	mode := "a client per worker"
	if rep.shared {
		mode = "one client shared by all workers"
	}
	fmt.Fprintf(&b, "%s, %s: %d calls (%d faulted) in %v; %d records stored; lost %d, duplicated %d\n",
		rep.client, mode, rep.calls, rep.faulted, rep.elapsed.Round(time.Millisecond), rep.stored, rep.lost, rep.duplicated)
	writeFaults := func(title string, counts [numFaults]int) {
		type kv struct {
			k string
			v int
		}
		var fs []kv
		total := 0
		for f, c := range counts {
			if c > 0 {
				fs = append(fs, kv{fault(f).String(), c})
				total += c
			}
		}
		sort.Slice(fs, func(i, j int) bool { return fs[i].v > fs[j].v })
		fmt.Fprintf(&b, "  %s (%d):", title, total)
		for _, e := range fs {
			fmt.Fprintf(&b, " %s %d;", e.k, e.v)
		}
		b.WriteByte('\n')
	}
	writeFaults("faults on the calls' attempts", rep.faults)
	writeFaults("faults on the reads and logins around them", rep.readFaults)
	b.WriteString("  outcomes:")
	for c, v := range rep.classes {
		fmt.Fprintf(&b, " %s %d;", class(c), v)
	}
	fmt.Fprintf(&b, "\n  requests that reached the server %d; most handled per call %d; unknown outcomes the server never saw %d",
		rep.serverSeen, rep.maxHandle, rep.unseenUnknown)
	return b.String()
}
