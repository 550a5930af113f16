package reliability

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
)

// captureHandler is a slog.Handler that renders every record both as JSON
// and as text into one buffer, so a test can search every log line as a
// user's handler would write it (LogValuer and groups resolved).
type captureHandler struct {
	sink *logSink
	json slog.Handler
	text slog.Handler
}

type logSink struct {
	mu  sync.Mutex
	buf bytes.Buffer
	n   int // records
}

func (s *logSink) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Write(p)
}

func newCaptureHandler() *captureHandler {
	s := &logSink{}
	opts := &slog.HandlerOptions{Level: slog.LevelDebug}
	return &captureHandler{sink: s, json: slog.NewJSONHandler(s, opts), text: slog.NewTextHandler(s, opts)}
}

func (h *captureHandler) Enabled(context.Context, slog.Level) bool { return true }

func (h *captureHandler) Handle(ctx context.Context, r slog.Record) error {
	h.sink.mu.Lock()
	h.sink.n++
	h.sink.mu.Unlock()
	if err := h.json.Handle(ctx, r.Clone()); err != nil {
		return err
	}
	return h.text.Handle(ctx, r)
}

func (h *captureHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return &captureHandler{sink: h.sink, json: h.json.WithAttrs(as), text: h.text.WithAttrs(as)}
}

func (h *captureHandler) WithGroup(name string) slog.Handler {
	return &captureHandler{sink: h.sink, json: h.json.WithGroup(name), text: h.text.WithGroup(name)}
}

// lines returns every rendered line and the number of records.
func (h *captureHandler) lines() ([]string, int) {
	h.sink.mu.Lock()
	defer h.sink.mu.Unlock()
	return strings.Split(strings.TrimRight(h.sink.buf.String(), "\n"), "\n"), h.sink.n
}

// probe collects what a user could print: every error string and the %v,
// %+v and %#v of every exported value the flows touch (slog's text handler
// prints a value with %+v).
type probe struct {
	mu     sync.Mutex
	texts  []probed
	logger *slog.Logger // the clients' logger, for handlers built in a flow
}

// probed is one text a user could see. An error's texts show no
// identifier; a printed result may show the identifiers in about; a value
// a flow printed (anyID) may show any identifier (it is about the ids the
// flow gave it).
type probed struct {
	where, text string
	anyID       bool
	about       []string
}

// errVerbs are the verbs an error is printed with.
var errVerbs = []string{"%s", "%v", "%+v", "%#v", "%q"}

// valueVerbs are the verbs a value is printed with.
var valueVerbs = []string{"%v", "%+v", "%#v"}

func (p *probe) value(where string, v any) { p.add(where, v, valueVerbs, true, nil) }

// result probes a call's result, which may show the call's own
// identifiers (about) and no other.
func (p *probe) result(where string, v any, about []string) {
	p.add(where, v, valueVerbs, false, about)
}

// err probes an error: its string and its formatted forms, none of which
// may show an identifier.
func (p *probe) err(where string, err error) {
	if err == nil {
		return
	}
	p.mu.Lock()
	p.texts = append(p.texts, probed{where: where + " Error()", text: err.Error()})
	p.mu.Unlock()
	p.add(where, err, errVerbs, false, nil)
}

func (p *probe) add(where string, v any, verbs []string, anyID bool, about []string) {
	out := make([]probed, 0, len(verbs))
	for _, verb := range verbs {
		out = append(out, probed{where: where + " " + verb, text: fmt.Sprintf(verb, v), anyID: anyID, about: about})
	}
	p.mu.Lock()
	p.texts = append(p.texts, out...)
	p.mu.Unlock()
}

// snapshot returns the texts probed so far.
func (p *probe) snapshot() []probed {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]probed(nil), p.texts...)
}

// leaks returns the canaries the probed texts show where they must not.
func (p *probe) leaks(cn *canaries) []leak {
	var out []leak
	for _, t := range p.snapshot() {
		out = append(out, cn.find(t.where, t.text, func(v string, info canaryInfo) bool {
			if info.kind != identifier {
				return false
			}
			if t.anyID {
				return true
			}
			for _, a := range t.about {
				if strings.EqualFold(a, v) {
					return true
				}
			}
			return false
		})...)
	}
	return out
}

// canaryKind says where a canary must not appear.
type canaryKind int

const (
	// secret: a credential, or personal data (names, birth places,
	// customer and account numbers, addresses, invoices): never in a log
	// line, an error or a printed value.
	secret canaryKind = iota
	// identifier: an id the suite gave a call (requestId, txnId, txid,
	// externalUserId, user id): never in a log line or an error, in any
	// verb; a printed result may show its own call's ids.
	identifier
)

// canaries is a set of values that must never be printed or logged.
type canaries struct {
	mu     sync.Mutex
	values map[string]canaryInfo // by lower-case value
	// index holds the lower-case canaries by their last keyLen bytes, so
	// a search costs a map look-up per byte of text however many
	// canaries there are (the storm registers thousands).
	index map[string][]string
}

const keyLen = 8

type canaryInfo struct {
	what  string
	kind  canaryKind
	value string // as registered
}

func newCanaries() *canaries {
	return &canaries{values: map[string]canaryInfo{}, index: map[string][]string{}}
}

// add records a secret or personal canary; it returns v.
func (c *canaries) add(what, v string) string { return c.addKind(what, v, secret) }

// addID records an identifier canary; it returns v.
func (c *canaries) addID(what, v string) string { return c.addKind(what, v, identifier) }

func (c *canaries) addKind(what, v string, k canaryKind) string {
	if len(v) < keyLen {
		panic("canary " + what + " too short to be told apart: " + v)
	}
	lower := strings.ToLower(v)
	c.mu.Lock()
	defer c.mu.Unlock()
	old, ok := c.values[lower]
	switch {
	case ok && old.kind == secret:
		return v // a secret stays one
	case !ok:
		key := lower[len(lower)-keyLen:]
		c.index[key] = append(c.index[key], lower)
	}
	c.values[lower] = canaryInfo{what: what, kind: k, value: v}
	return v
}

// len returns the number of canaries.
func (c *canaries) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.values)
}

// leak is a canary found in a text.
type leak struct {
	what, where string
}

// find returns the canaries text holds, compared case-insensitively, but
// those allowed says may appear there (nil: none may).
func (c *canaries) find(where, text string, allowed func(value string, info canaryInfo) bool) []leak {
	lower := strings.ToLower(text)
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []leak
	for end := keyLen; end <= len(lower); end++ {
		cands, ok := c.index[lower[end-keyLen:end]]
		if !ok {
			continue
		}
		for _, v := range cands {
			if len(v) > end || lower[end-len(v):end] != v {
				continue
			}
			info := c.values[v]
			if allowed != nil && allowed(info.value, info) {
				continue
			}
			out = append(out, leak{what: info.what, where: where})
		}
	}
	return out
}

// logLeaks returns the canaries the captured log lines hold: none may.
func (h *captureHandler) logLeaks(cn *canaries) (leaks []leak, records int) {
	lines, records := h.lines()
	for i, l := range lines {
		leaks = append(leaks, cn.find(fmt.Sprintf("log line %d: %.160s", i+1, l), l, nil)...)
	}
	return leaks, records
}

// randomHex returns n random bytes in hex.
func randomHex(t testing.TB, n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}
