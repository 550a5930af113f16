package monitoringtest

import (
	"math/rand/v2"
	"net/http"
	"strings"
	"time"
)

// FaultKind is what a fault does to a request.
type FaultKind int

const (
	// Drop processes the request fully (a submit is stored), then closes
	// the connection without answering: the ambiguous failure a client
	// must not resolve by creating a second record.
	Drop FaultKind = iota + 1
	// ServerError answers a 5xx before processing anything.
	ServerError
	// TooManyRequests answers 429, with Retry-After when set, before
	// processing anything.
	TooManyRequests
)

func (k FaultKind) String() string {
	switch k {
	case Drop:
		return "drop"
	case ServerError:
		return "server-error"
	case TooManyRequests:
		return "too-many-requests"
	}
	return "fault"
}

// Fault is an injected failure. It fires on every Every-th request it
// matches (deterministic), or at random with probability Rate (seeded by
// WithSeed), or both.
type Fault struct {
	Kind  FaultKind
	Every int
	Rate  float64
	// Status is the ServerError status (default 503).
	Status int
	// RetryAfter is sent with TooManyRequests, in whole seconds (rounded
	// up); zero sends no Retry-After.
	RetryAfter time.Duration
	// Match selects the requests the fault applies to; nil means submits
	// (POST …/kyt/txns/-/data).
	Match func(*http.Request) bool
}

// DropEvery drops the connection after processing every n-th submit.
func DropEvery(n int) Fault { return Fault{Kind: Drop, Every: n} }

// ServerErrorEvery answers 503 to every n-th submit without storing it.
func ServerErrorEvery(n int) Fault { return Fault{Kind: ServerError, Every: n} }

// TooManyRequestsEvery answers 429 to every n-th submit, with Retry-After
// retryAfter (0: none), without storing it.
func TooManyRequestsEvery(n int, retryAfter time.Duration) Fault {
	return Fault{Kind: TooManyRequests, Every: n, RetryAfter: retryAfter}
}

// IsSubmit matches submit requests; the default Fault.Match.
func IsSubmit(r *http.Request) bool {
	return r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/kyt/txns/-/data")
}

// AnyRequest matches every request.
func AnyRequest(*http.Request) bool { return true }

// faultState counts a fault's matches.
type faultState struct {
	Fault
	seen int
}

// pickFault advances every matching fault's schedule and returns the first
// that fires, or nil. Call with s.mu held.
func (s *Server) pickFault(r *http.Request) *Fault {
	var fired *Fault
	for i := range s.faultStates {
		f := &s.faultStates[i]
		match := f.Match
		if match == nil {
			match = IsSubmit
		}
		if !match(r) {
			continue
		}
		f.seen++
		fire := f.Every > 0 && f.seen%f.Every == 0
		if !fire && f.Rate > 0 {
			fire = s.rng.Float64() < f.Rate
		}
		if fire && fired == nil {
			fired = &f.Fault
		}
	}
	if fired != nil {
		s.stats.Faults[fired.Kind]++
	}
	return fired
}

func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)) }
