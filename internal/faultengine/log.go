package faultengine

import (
	"net/http"
	"slices"
	"sync"
)

// MaxEntries is how many requests a Log keeps.
const MaxEntries = 10000

// Log records the requests that reached a fake, in order: the first
// MaxEntries since it was made or Reset. It is safe for concurrent use.
type Log struct {
	secret  []string // header names left out
	mu      sync.Mutex
	entries []Entry
	gen     int
}

// NewLog returns a log that leaves the named headers (a fake's
// credentials) out of what it records.
func NewLog(secretHeaders ...string) *Log {
	return &Log{secret: append([]string{"Authorization", "Proxy-Authorization", "Cookie"}, secretHeaders...)}
}

// Ref names a recorded request.
type Ref struct{ gen, idx int }

// Add records r, with its path relative to the fake's URL and its body
// (nil to leave it out), and returns its reference.
func (l *Log) Add(r *http.Request, path string, body []byte) Ref {
	h := r.Header.Clone()
	for _, k := range l.secret {
		h.Del(k)
	}
	e := Entry{Method: r.Method, Path: path, Query: r.URL.RawQuery, Header: h, Body: slices.Clone(body)}
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.entries) >= MaxEntries {
		return Ref{idx: -1}
	}
	l.entries = append(l.entries, e)
	return Ref{gen: l.gen, idx: len(l.entries) - 1}
}

// SetFault records the fault the request met.
func (l *Log) SetFault(ref Ref, k Kind) {
	l.update(ref, func(e *Entry) { e.Fault = k })
}

// SetStatus records the status answered (0: none).
func (l *Log) SetStatus(ref Ref, status int) {
	l.update(ref, func(e *Entry) { e.Status = status })
}

func (l *Log) update(ref Ref, f func(*Entry)) {
	if ref.idx < 0 {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if ref.gen == l.gen && ref.idx < len(l.entries) {
		f(&l.entries[ref.idx])
	}
}

// Entries returns copies of the recorded requests, oldest first; given
// paths, only those to one of them.
func (l *Log) Entries(paths ...string) []Entry {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]Entry, 0, len(l.entries))
	for _, e := range l.entries {
		if len(paths) > 0 && !slices.Contains(paths, e.Path) {
			continue
		}
		e.Header = e.Header.Clone()
		e.Body = slices.Clone(e.Body)
		out = append(out, e)
	}
	return out
}

// Reset forgets the recorded requests.
func (l *Log) Reset() {
	l.mu.Lock()
	l.entries = nil
	l.gen++
	l.mu.Unlock()
}
