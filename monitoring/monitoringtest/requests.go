package monitoringtest

import (
	"net/http"
	"slices"
)

// maxRecorded is how many requests the server keeps for Requests.
const maxRecorded = 10000

// Request is one request the server received.
type Request struct {
	Method string
	// URI is the request target exactly as received: escaped path and
	// query, as signed.
	URI    string
	Header http.Header
	// Body is the body exactly as received.
	Body []byte
	// Status is the answer given; 0 when the connection was dropped.
	Status int
}

// Requests returns the requests received so far, in order: the first
// 10 000 (Stats.Requests counts them all) since the server started or
// ResetRequests was called.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Request, len(s.requests))
	for i, r := range s.requests {
		r.Header = r.Header.Clone()
		r.Body = slices.Clone(r.Body)
		out[i] = r
	}
	return out
}

// ResetRequests forgets the requests received so far.
func (s *Server) ResetRequests() {
	s.mu.Lock()
	s.requests = nil
	s.requestsGen++
	s.mu.Unlock()
}

// recorded names a kept request: its index in a generation of the log.
type recorded struct{ gen, idx int }

// record keeps r; idx is -1 when the log is full. Call with s.mu held.
func (s *Server) record(r *http.Request, body []byte) recorded {
	if len(s.requests) >= maxRecorded {
		return recorded{idx: -1}
	}
	s.requests = append(s.requests, Request{Method: r.Method, URI: r.RequestURI, Header: r.Header.Clone(), Body: slices.Clone(body)})
	return recorded{gen: s.requestsGen, idx: len(s.requests) - 1}
}

// setStatus records the answer to a kept request.
func (s *Server) setStatus(at recorded, status int) {
	if at.idx < 0 {
		return
	}
	s.mu.Lock()
	if at.gen == s.requestsGen && at.idx < len(s.requests) {
		s.requests[at.idx].Status = status
	}
	s.mu.Unlock()
}

// statusWriter remembers the status written.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}
