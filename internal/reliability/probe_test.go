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

type probed struct{ where, text string }

func (p *probe) value(where string, v any) {
	p.mu.Lock()
	for _, verb := range []string{"%v", "%+v", "%#v"} {
		p.texts = append(p.texts, probed{where + " " + verb, fmt.Sprintf(verb, v)})
	}
	p.mu.Unlock()
}

// err probes an error: its string and its formatted forms.
func (p *probe) err(where string, err error) {
	if err == nil {
		return
	}
	p.mu.Lock()
	p.texts = append(p.texts, probed{where + " Error()", err.Error()})
	p.mu.Unlock()
	p.value(where, err)
}

// canaryKind says where a canary must not appear.
type canaryKind int

const (
	// secret: a credential, or personal data (names, birth places,
	// customer and account numbers, addresses, invoices): never in a log
	// line, an error or a printed value.
	secret canaryKind = iota
	// identifier: a transaction's own ids (txid, externalUserId): never
	// in a log line or an error, but a printed result may show the ids
	// the caller asked about.
	identifier
)

// canaries is a set of values that must never be printed or logged.
type canaries struct {
	mu     sync.Mutex
	values map[string]canaryInfo
}

type canaryInfo struct {
	what string
	kind canaryKind
}

func newCanaries() *canaries { return &canaries{values: map[string]canaryInfo{}} }

// add records a secret or personal canary; it returns v.
func (c *canaries) add(what, v string) string { return c.addKind(what, v, secret) }

// addID records an identifier canary; it returns v.
func (c *canaries) addID(what, v string) string { return c.addKind(what, v, identifier) }

func (c *canaries) addKind(what, v string, k canaryKind) string {
	if len(v) < 8 {
		panic("canary " + what + " too short to be told apart: " + v)
	}
	c.mu.Lock()
	c.values[v] = canaryInfo{what, k}
	c.mu.Unlock()
	return v
}

// leak is a canary found in a text.
type leak struct {
	what, where string
}

// find returns the canaries text holds, compared case-insensitively;
// printed says text is a printed value, where identifiers may appear.
func (c *canaries) find(where, text string, printed bool) []leak {
	c.mu.Lock()
	defer c.mu.Unlock()
	lower := strings.ToLower(text)
	var out []leak
	for v, info := range c.values {
		if printed && info.kind == identifier {
			continue
		}
		if strings.Contains(lower, strings.ToLower(v)) {
			out = append(out, leak{what: info.what, where: where})
		}
	}
	return out
}

// randomHex returns n random bytes in hex.
func randomHex(t testing.TB, n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}
