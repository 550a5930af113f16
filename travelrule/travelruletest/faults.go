package travelruletest

import (
	"net/http"
	"strconv"
	"time"

	"github.com/vaspkit/vaspkit/travelrule"
)

// faults are the failures the fake injects.
type faults struct {
	latency    time.Duration
	errN       int
	errStatus  int
	limitN     int
	retryAfter time.Duration
	dropN      int
}

// SetLatency delays every later answer by d.
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	s.faults.latency = d
	s.mu.Unlock()
}

// FailNext answers the next n requests with status (a 5xx).
func (s *Server) FailNext(n, status int) {
	s.mu.Lock()
	s.faults.errN, s.faults.errStatus = n, status
	s.mu.Unlock()
}

// RateLimitNext answers the next n requests with 429 and, when retryAfter
// is positive, Retry-After in whole seconds (rounded up).
func (s *Server) RateLimitNext(n int, retryAfter time.Duration) {
	s.mu.Lock()
	s.faults.limitN, s.faults.retryAfter = n, retryAfter
	s.mu.Unlock()
}

// DropNextAfterStore makes the next n storing requests close the
// connection after storing, without answering.
func (s *Server) DropNextAfterStore(n int) {
	s.mu.Lock()
	s.faults.dropN = n
	s.mu.Unlock()
}

// applyFaults waits out the latency and answers an injected 429 or 5xx. It
// returns the fault's name, or "" to go on.
func (s *Server) applyFaults(w http.ResponseWriter, r *http.Request) string {
	s.mu.Lock()
	latency := s.faults.latency
	s.mu.Unlock()
	if latency > 0 {
		t := time.NewTimer(latency)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return "canceled during latency"
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.faults.limitN > 0:
		s.faults.limitN--
		if ra := s.faults.retryAfter; ra > 0 {
			secs := int64((ra + time.Second - 1) / time.Second)
			w.Header().Set("Retry-After", strconv.FormatInt(secs, 10))
		}
		writeError(w, http.StatusTooManyRequests, travelrule.CodeDefault, "Too many requests", nil)
		return "rate limited"
	case s.faults.errN > 0:
		s.faults.errN--
		status := s.faults.errStatus
		if status < 500 || status > 599 {
			status = http.StatusInternalServerError
		}
		writeError(w, status, travelrule.CodeInternalError, "Internal service error", nil)
		return "server error"
	}
	return ""
}

// takeDrop reports whether this storing request must drop its connection.
// Callers hold s.mu.
func (s *Server) takeDrop() bool {
	if s.faults.dropN > 0 {
		s.faults.dropN--
		return true
	}
	return false
}
