package reliability

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"reflect"
	"sync"
	"time"

	"github.com/vaspkit/vaspkit/gtr"
	"github.com/vaspkit/vaspkit/internal/rest"
	"github.com/vaspkit/vaspkit/internal/testnet"
	"github.com/vaspkit/vaspkit/monitoring"
	"github.com/vaspkit/vaspkit/travelrule"
)

// callPlan is the fault schedule of one call: a fault per attempt of its
// primary request, and a rate of faults on the reads and logins around it
// (recovery queries, read-backs). A call carries its plan in its context,
// which the client hands to every request it makes for the call.
type callPlan struct {
	mu        sync.Mutex
	primary   []fault // by attempt; later attempts get none
	next      int
	rng       *rand.Rand
	rate      float64 // share of secondary attempts faulted
	secondary []fault // the faults secondary attempts draw from
	applied   []fault // on the primary request's attempts
	readFault []fault // on the reads and logins around it
	// sendable counts primary attempts that got a connection to the
	// server's side (no dial-level fault): only those may have been
	// stored.
	sendable int
	// callDeadline, when set, is the call's context: a slow answer ends
	// the call (its deadline passes while the proxy holds the answer)
	// instead of the attempt.
	callDeadline *testnet.ExpiringContext
	// released is closed by finish, once the call has returned.
	released chan struct{}
	finished bool
}

// releasedCh returns the channel finish closes.
func (cp *callPlan) releasedCh() <-chan struct{} {
	cp.mu.Lock()
	defer cp.mu.Unlock()
	if cp.released == nil {
		cp.released = make(chan struct{})
	}
	return cp.released
}

// finish marks the call returned: a request the proxy holds for a late
// delivery goes to the fake now. Every planned call calls it.
func (cp *callPlan) finish() {
	cp.mu.Lock()
	defer cp.mu.Unlock()
	if cp.released == nil {
		cp.released = make(chan struct{})
	}
	if !cp.finished {
		cp.finished = true
		close(cp.released)
	}
}

// onlyFirst is the matrix's plan: f on the first primary attempt, nothing
// else.
func onlyFirst(f fault) *callPlan { return &callPlan{primary: []fault{f}} }

func (cp *callPlan) take(primary bool) fault {
	cp.mu.Lock()
	defer cp.mu.Unlock()
	f := faultNone
	switch {
	case primary && cp.next < len(cp.primary):
		f = cp.primary[cp.next]
		cp.next++
	case primary:
		cp.next++
	case cp.rng != nil && len(cp.secondary) > 0 && cp.rng.Float64() < cp.rate:
		f = cp.secondary[cp.rng.IntN(len(cp.secondary))]
	}
	switch {
	case f == faultNone:
	case primary:
		cp.applied = append(cp.applied, f)
	default:
		cp.readFault = append(cp.readFault, f)
	}
	if primary && !f.dialLevel() {
		cp.sendable++
	}
	return f
}

func (cp *callPlan) mayHaveSent() bool {
	cp.mu.Lock()
	defer cp.mu.Unlock()
	return cp.sendable > 0
}

// faults returns the faults the call's primary attempts met, and those
// its reads met.
func (cp *callPlan) faults() (primary, reads []fault) {
	cp.mu.Lock()
	defer cp.mu.Unlock()
	return append([]fault(nil), cp.applied...), append([]fault(nil), cp.readFault...)
}

type planKey struct{}

func withPlan(ctx context.Context, cp *callPlan) context.Context {
	return context.WithValue(ctx, planKey{}, cp)
}

// planFromContext is the planner of every rig: the plan of the call the
// request belongs to, none outside a planned call.
func planFromContext(req *http.Request, primary bool) fault {
	cp, _ := req.Context().Value(planKey{}).(*callPlan)
	if cp == nil {
		return faultNone
	}
	return cp.take(primary)
}

// class is how a client answered one call.
type class int

const (
	// classSuccess: a result from this call's own request.
	classSuccess class = iota
	// classReplay: a result the client recognised as its own earlier
	// attempt's (gtr Recovered, monitoring Replayed, travelrule Reused
	// and Replayed).
	classReplay
	// classUnknown: a typed error saying the request may have been
	// stored (gtr ErrOutcomeUnknown, MaybeSent, a 2xx the client could not
	// read).
	classUnknown
	// classFailed: a typed error saying the request failed: nothing stored.
	classFailed
	// classUntyped: an error of no documented type.
	classUntyped
	numClasses
)

var classNames = [numClasses]string{"success", "replay recognised", "outcome unknown", "typed failure", "untyped error"}

func (c class) String() string {
	if c < 0 || c >= numClasses {
		return fmt.Sprintf("class(%d)", int(c))
	}
	return classNames[c]
}

// answer is a client's answer to one call.
type answer struct {
	class class
	kind  string // the error's type and sentinel, or the result's kind
	err   error
	// id is the record the client reported (monitoring's transaction id,
	// travelrule's session id); "" when it reports none.
	id string
	// verdict is what the result says of the record (gtr's verifyStatus);
	// "" for the other clients.
	verdict string
	// result is the client's result, for the canary check.
	result any
	// flaw is set when the answer contradicts itself (e.g. a reused
	// session not marked as a replay).
	flaw string
}

// hangBound bounds what would otherwise wait forever: a call, an attempt,
// a held answer, a forward to a fake. Nothing the suite asserts depends on
// it; on a machine so loaded that it runs out, the run is broken anyway.
const hangBound = 3 * time.Minute

// errKind names an error by its first typed link (and, for a transport
// error, whether it may have been sent) plus the first of sentinels it
// matches, for reports.
func errKind(err error, sentinels ...error) string {
	name := reflect.TypeOf(err).String()
	for e := err; e != nil; e = errors.Unwrap(e) {
		if t := reflect.TypeOf(e).String(); t != "*errors.errorString" && t != "*fmt.wrapError" && t != "*fmt.wrapErrors" {
			name = t
			break
		}
	}
	var te *rest.TransportError
	if errors.As(err, &te) {
		name += fmt.Sprintf("(sent=%v)", te.Sent)
	}
	if tte := (*travelrule.TransportError)(nil); errors.As(err, &tte) {
		name += fmt.Sprintf("(sent=%v)", tte.Sent)
	}
	if gte := (*gtr.TransportError)(nil); errors.As(err, &gte) {
		name += fmt.Sprintf("(sent=%v)", gte.Sent)
	}
	if mte := (*monitoring.TransportError)(nil); errors.As(err, &mte) {
		name += fmt.Sprintf("(sent=%v)", mte.Sent)
	}
	for _, s := range sentinels {
		if errors.Is(err, s) {
			return name + " " + s.Error()
		}
	}
	return name
}
