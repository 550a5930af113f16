package reliability

import (
	"context"
	"flag"
	"fmt"
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
	"faulted calls per client in TestStorm (default: $VASPKIT_STORM_CALLS, else 1000, or 200 with -race or -short)")

// Storm sizes: a plain `go test` runs the full storm; -race (about five
// times slower) and -short run a slice of it.
const (
	fullStormCalls  = 1000
	sliceStormCalls = 200
)

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
	if testing.Short() || raceEnabled {
		return sliceStormCalls
	}
	return fullStormCalls
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

// faultWeight makes the costly faults rarer: an oversized body moves
// 10 MiB.
func faultWeight(f fault) float64 {
	if f == faultOversized {
		return 0.25
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

// stormSpecs are the three clients' storms. Each worker uses one client
// for the whole storm; the rigs give every client a retry budget the
// storm cannot spend (WithRetryBudget), since the default 100 retries
// would run dry after about 125 calls that each need a retry.
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
	calls, faulted        int
	faults                [numFaults]int // on the calls' own attempts
	readFaults            [numFaults]int // on the reads and logins around them
	classes               [numClasses]int
	stored                int
	lost, duplicated      int
	spuriousUnknown       int
	unseenUnknown         int // outcome unknown; the server side never read the request
	untyped, flawed       int
	elapsed               time.Duration
	problems              []string
	setupErr              error
	serverSeen, maxHandle int
}

// TestStorm makes n faulted calls per client, the three clients at once,
// and checks every answer against what the fakes stored.
func TestStorm(t *testing.T) {
	n := stormSize(t)
	fn := newFaultNet(t)
	specs := stormSpecs()
	rigs := make([]*rig, len(specs))
	reps := make([]*stormReport, len(specs))
	for i, spec := range specs {
		rigs[i] = spec.rig(t, fn, stormConfig())
	}
	var wg sync.WaitGroup
	for i, spec := range specs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			reps[i] = runStorm(rigs[i], spec, n)
		}()
	}
	wg.Wait()
	for i, spec := range specs {
		rep := reps[i]
		t.Run(spec.name, func(t *testing.T) {
			t.Log(rep.String())
			if rep.setupErr != nil {
				t.Fatal(rep.setupErr)
			}
			if rep.lost != 0 || rep.duplicated != 0 || rep.spuriousUnknown != 0 || rep.untyped != 0 || rep.flawed != 0 {
				t.Errorf("%d lost, %d duplicated, %d unknown outcomes for requests that never reached the server, %d untyped errors, %d self-contradicting answers:\n%s",
					rep.lost, rep.duplicated, rep.spuriousUnknown, rep.untyped, rep.flawed, strings.Join(rep.problems, "\n"))
			}
			if rep.faulted < n {
				t.Errorf("%d faulted calls, want %d", rep.faulted, n)
			}
		})
	}
}

func stormConfig() rigConfig {
	cfg := defaultRigConfig()
	cfg.slowDeadline = 250 * time.Millisecond
	cfg.recovery = 1500 * time.Millisecond
	cfg.retries = 6
	return cfg
}

func runStorm(r *rig, spec stormSpec, n int) *stormReport {
	rep := &stormReport{client: spec.name, calls: n}
	var setupOnce sync.Once

	answers := make([]answer, n)
	plans := make([]*callPlan, n)
	ids := make([]string, n)
	var next atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < stormWorkers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var call *caller
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
				ids[i], plans[i] = r.newID(i), cp
				ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
				answers[i] = call.call(withPlan(ctx, cp), ids[i])
				cancel()
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
		switch a.class {
		case classSuccess, classReplay:
			if stored == 0 {
				rep.lost++
				problem("%s: reported %s, not stored (faults %v)", id, a.class, applied)
			} else if sid := r.storedID(id); a.id != sid {
				rep.lost++
				problem("%s: reported record %q, the fake holds %q (faults %v)", id, a.id, sid, applied)
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
		if !ours[id] && !strings.HasPrefix(id, "rel-warm") {
			rep.duplicated++
			problem("the fake holds a record no call made: %q", id)
		}
	}
}

func (rep *stormReport) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d calls (%d faulted) in %v; %d records stored; lost %d, duplicated %d\n",
		rep.client, rep.calls, rep.faulted, rep.elapsed.Round(time.Millisecond), rep.stored, rep.lost, rep.duplicated)
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
