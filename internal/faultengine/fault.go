// Package faultengine runs the fault vocabulary of package fakefault for
// the three fakes (gtrtest, monitoringtest, travelruletest): which fault a
// request meets (Schedule), what the fake then does (Serve) and what it
// records (Log), so a fault means the same thing in all three.
package faultengine

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"sync"
	"testing"

	"github.com/vaspkit/vaspkit/fakefault"
)

// The fault vocabulary, under the engine's short names.
type (
	Kind  = fakefault.Kind
	Fault = fakefault.Fault
	Entry = fakefault.Request
)

const (
	Drop             = fakefault.Drop
	DropBefore       = fakefault.DropBefore
	ServerError      = fakefault.ServerError
	ServerErrorAfter = fakefault.ServerErrorAfter
	TooManyRequests  = fakefault.TooManyRequests
	Redirect         = fakefault.Redirect
	Latency          = fakefault.Latency
	EmptyAnswer      = fakefault.EmptyAnswer
	MalformedAnswer  = fakefault.MalformedAnswer
)

// Check checks each fault: an unknown Kind, a Status its kind does not
// answer with, a negative count or duration, a Rate outside 0..1, Latency
// without Delay are errors.
func Check(faults []Fault) error {
	for _, f := range faults {
		if err := check(f); err != nil {
			return err
		}
	}
	return nil
}

// check reports what is wrong with f, or nil.
func check(f Fault) error {
	if f.Kind <= 0 || f.Kind > MalformedAnswer {
		return fmt.Errorf("unknown fault kind %d", int(f.Kind))
	}
	switch {
	case f.Times < 0 || f.Every < 0:
		return fmt.Errorf("%v: Times and Every must not be negative", f.Kind)
	case f.Rate < 0 || f.Rate > 1 || f.Rate != f.Rate:
		return fmt.Errorf("%v: Rate must be between 0 and 1", f.Kind)
	case f.Delay < 0 || f.RetryAfter < 0:
		return fmt.Errorf("%v: Delay and RetryAfter must not be negative", f.Kind)
	case f.Kind == Latency && f.Delay == 0:
		return errors.New("latency: Delay must be positive")
	}
	lo, hi := 0, 0 // the statuses the kind may answer with; none when hi is 0
	switch f.Kind {
	case ServerError, ServerErrorAfter:
		lo, hi = 500, 599
	case TooManyRequests:
		lo, hi = http.StatusTooManyRequests, http.StatusTooManyRequests
	case Redirect:
		lo, hi = 300, 399
	case EmptyAnswer, MalformedAnswer:
		lo, hi = 200, 299
	}
	if f.Status != 0 && (f.Status < lo || f.Status > hi) {
		if hi == 0 {
			return fmt.Errorf("%v: answers no status; Status must be 0", f.Kind)
		}
		return fmt.Errorf("%v: Status %d is not between %d and %d", f.Kind, f.Status, lo, hi)
	}
	return nil
}

// status is the status f answers with.
func status(f *Fault) int {
	if f.Status != 0 {
		return f.Status
	}
	switch f.Kind {
	case ServerError:
		return http.StatusServiceUnavailable
	case ServerErrorAfter:
		return http.StatusInternalServerError
	case TooManyRequests:
		return http.StatusTooManyRequests
	case Redirect:
		return http.StatusTemporaryRedirect
	}
	return http.StatusOK
}

// Schedule holds a fake's faults and decides which one a request meets. It
// is safe for concurrent use; Match functions run under its lock, one at a
// time.
type Schedule struct {
	mu     sync.Mutex
	faults []*scheduled
	rng    *rand.Rand
}

type scheduled struct {
	Fault
	seen    int // matching requests
	applied int
}

// NewSchedule returns an empty schedule whose Rate draws come from seed.
func NewSchedule(seed uint64) *Schedule {
	return &Schedule{rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))} //nolint:gosec // a fault schedule, not security
}

// StartSchedule is a fake's schedule as NewServer builds it: the faults
// its WithFaults options gave, checked (an invalid one ends the test with
// t, or panics when t is nil, the message prefixed by the fake's package
// name pkg), under a schedule whose Rate draws come from seed.
func StartSchedule(t testing.TB, pkg string, seed uint64, faults []Fault) *Schedule {
	if err := Check(faults); err != nil {
		if t != nil {
			t.Helper()
			t.Fatalf("%s: WithFaults: %v", pkg, err)
		}
		panic(pkg + ": WithFaults: " + err.Error())
	}
	s := NewSchedule(seed)
	s.Add(faults...)
	return s
}

// Inject is a fake's InjectFault: it checks faults and adds them, or
// panics on an invalid one with a message prefixed by the fake's package
// name pkg.
func (s *Schedule) Inject(pkg string, faults ...Fault) {
	if err := Check(faults); err != nil {
		panic(pkg + ": InjectFault: " + err.Error())
	}
	s.Add(faults...)
}

// Add appends faults, which must be valid (Convert checks them).
func (s *Schedule) Add(faults ...Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, f := range faults {
		if f.Body != nil {
			f.Body = slices.Clone(f.Body)
		}
		s.faults = append(s.faults, &scheduled{Fault: f})
	}
}

// Clear removes every fault.
func (s *Schedule) Clear() {
	s.mu.Lock()
	s.faults = nil
	s.mu.Unlock()
}

// Next returns the fault r meets, or nil. path is r's escaped path relative
// to the fake's URL. Every fault r matches counts it (Every) and draws for
// it (Rate); the first that fires applies and counts one of its Times; a
// fault that has fired its Times is removed.
func (s *Schedule) Next(r *http.Request, path string) *Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	var hit *scheduled
	for _, f := range s.faults {
		if f.Path != "" && f.Path != path {
			continue
		}
		if f.Match != nil && !f.Match(r) {
			continue
		}
		f.seen++
		fire := f.Every == 0 && f.Rate == 0
		if f.Every > 0 && f.seen%f.Every == 0 {
			fire = true
		}
		if !fire && f.Rate > 0 {
			fire = s.rng.Float64() < f.Rate
		}
		if fire && hit == nil {
			hit = f
		}
	}
	if hit == nil {
		return nil
	}
	hit.applied++
	times := hit.Times
	if times == 0 && hit.Every == 0 && hit.Rate == 0 {
		times = 1
	}
	if times > 0 && hit.applied >= times {
		for i, f := range s.faults {
			if f == hit {
				s.faults = append(s.faults[:i:i], s.faults[i+1:]...)
				break
			}
		}
	}
	f := hit.Fault
	return &f
}
