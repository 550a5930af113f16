package monitoringtest

import "github.com/vaspkit/vaspkit/fakefault"

// Faults and the request log speak package fakefault's vocabulary, the
// same in the three fakes; internal/faultengine runs it.

// InjectFault adds faults at run time, after the faults already given
// (WithFaults, earlier calls). It panics on an invalid fault: an unknown
// Kind, a Status its kind does not answer with, a negative count or
// duration, a Rate outside 0..1, Latency without Delay.
func (s *Server) InjectFault(faults ...fakefault.Fault) {
	s.faults.Inject("monitoringtest", faults...)
}

// ClearFaults removes every fault that has not been spent.
func (s *Server) ClearFaults() { s.faults.Clear() }

// Requests returns the requests that reached the server, oldest first —
// rejected and faulted ones included, the first 10 000 since it started
// or ResetRequests was called — without their credentials. Given paths, it
// returns only the requests whose Path is one of them.
func (s *Server) Requests(paths ...string) []fakefault.Request {
	return s.requests.Entries(paths...)
}

// ResetRequests forgets the requests received so far.
func (s *Server) ResetRequests() { s.requests.Reset() }
