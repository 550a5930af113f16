package reliability

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// faultProxy stands in front of a fake and applies the proxy-level fault
// each request carries. It forwards on a context detached from the
// client's, so a request handed to the fake is handled in full even when
// the client has already given up — as a real server would.
type faultProxy struct {
	upstream string // the fake's scheme and host
	hc       *http.Client
	primary  func(*http.Request) bool
	key      string                  // JSON field of the request body naming the call
	errBody  func(status int) []byte // the provider's error body for a status
	// decodeDup reports an upstream answer refusing a duplicate.
	dupAnswer func(status int, body []byte) bool
	hold      time.Duration // longest a slow fault waits for the client
	observe   func(*http.Request)

	mu      sync.Mutex
	written map[string]int // primary requests the proxy received, by call
	handled map[string]int // primary requests the fake handled (not refused as unauthenticated), by call
	dups    map[string]int // primary requests the fake refused as duplicates
	applied [numFaults]int
	// busy counts the requests inside the proxy, by call ("" for reads),
	// so a test can wait until the fake finished what it was handed.
	busy map[string]int
	idle *sync.Cond
}

func newFaultProxy(upstream string, hc *http.Client, primary func(*http.Request) bool, key string) *faultProxy {
	p := &faultProxy{
		upstream: strings.TrimRight(upstream, "/"), hc: hc, primary: primary, key: key,
		errBody: func(int) []byte { return []byte(`{"error":"injected"}`) },
		hold:    10 * time.Second,
		written: map[string]int{},
		handled: map[string]int{},
		dups:    map[string]int{},
		busy:    map[string]int{},
	}
	p.idle = sync.NewCond(&p.mu)
	return p
}

// callKey reads the call's id from a request body.
func callKey(body []byte, field string) string {
	var m map[string]json.RawMessage
	if json.Unmarshal(body, &m) != nil {
		return ""
	}
	var s string
	_ = json.Unmarshal(m[field], &s)
	return s
}

func (p *faultProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return
	}
	if p.observe != nil {
		p.observe(r)
	}
	f := faultNone
	if v := r.Header.Get(faultHeader); v != "" {
		n, _ := strconv.Atoi(v)
		f = fault(n)
		r.Header.Del(faultHeader)
	}
	primary := p.primary(r)
	id := ""
	p.mu.Lock()
	p.applied[f]++
	if primary {
		id = callKey(body, p.key)
		p.written[id]++
	}
	p.busy[id]++
	p.mu.Unlock()
	defer func() {
		p.mu.Lock()
		p.busy[id]--
		p.idle.Broadcast()
		p.mu.Unlock()
	}()

	switch f {
	case faultResetBeforeStore:
		hijackReset(w)
		return
	case fault5xxBefore:
		writeBody(w, http.StatusServiceUnavailable, p.errBody(http.StatusServiceUnavailable))
		return
	case fault429:
		w.Header().Set("Retry-After", "1")
		writeBody(w, http.StatusTooManyRequests, p.errBody(http.StatusTooManyRequests))
		return
	case faultSlowBefore:
		p.wait(r.Context())
		return
	}

	status, hdr, rbody, err := p.forward(r, body)
	if primary {
		p.mu.Lock()
		if err != nil || status != http.StatusUnauthorized {
			p.handled[id]++ // a dropped connection may have been handled
		}
		if err == nil && p.dupAnswer != nil && p.dupAnswer(status, rbody) {
			p.dups[id]++
		}
		p.mu.Unlock()
	}
	if err != nil {
		hijackReset(w) // the fake dropped the connection: so does the proxy
		return
	}
	switch f {
	case faultResetAfterStore:
		hijackReset(w)
		return
	case fault5xxAfter:
		writeBody(w, http.StatusInternalServerError, p.errBody(http.StatusInternalServerError))
		return
	case faultSlowAfter:
		p.wait(r.Context())
		return
	case faultTruncated:
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(len(rbody)))
		w.WriteHeader(status)
		_, _ = w.Write(rbody[:len(rbody)/2]) // the server closes the connection: Content-Length unmet
		return
	case faultMalformed:
		writeBody(w, http.StatusOK, rbody[:len(rbody)/2])
		return
	case faultOversized:
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		chunk := bytes.Repeat([]byte(" "), 64<<10)
		for n := 0; n <= 10<<20; n += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
		_, _ = w.Write(rbody)
		return
	}
	for k, v := range hdr {
		if k != "Content-Length" {
			w.Header()[k] = v
		}
	}
	w.WriteHeader(status)
	_, _ = w.Write(rbody)
}

func (p *faultProxy) wait(ctx context.Context) {
	t := time.NewTimer(p.hold)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

func (p *faultProxy) forward(r *http.Request, body []byte) (int, http.Header, []byte, error) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, r.Method, p.upstream+r.URL.RequestURI(), bytes.NewReader(body))
	if err != nil {
		return 0, nil, nil, err
	}
	for k, v := range r.Header {
		req.Header[k] = v
	}
	resp, err := p.hc.Do(req)
	if err != nil {
		return 0, nil, nil, err
	}
	defer resp.Body.Close()
	rbody, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, nil, nil, err
	}
	return resp.StatusCode, resp.Header, rbody, nil
}

func writeBody(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// hijackReset takes the connection from the server and resets it.
func hijackReset(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	c, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	if tc, ok := c.(*tls.Conn); ok {
		resetConn(tc.NetConn())
		return
	}
	resetConn(c)
}

// quiesce waits until no request of the calls ids (every call when none
// is given) is inside the proxy, so the fake has finished what it was
// handed for them.
func (p *faultProxy) quiesce(ids ...string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for p.busyWith(ids) {
		p.idle.Wait()
	}
}

func (p *faultProxy) busyWith(ids []string) bool {
	if len(ids) == 0 {
		for _, n := range p.busy {
			if n > 0 {
				return true
			}
		}
		return false
	}
	for _, id := range ids {
		if p.busy[id] > 0 {
			return true
		}
	}
	return false
}

// proxyStats is a snapshot of what the proxy saw.
type proxyStats struct {
	written, handled, dups map[string]int
	applied                [numFaults]int
}

func (p *faultProxy) stats() proxyStats {
	p.mu.Lock()
	defer p.mu.Unlock()
	cp := func(m map[string]int) map[string]int {
		out := make(map[string]int, len(m))
		for k, v := range m {
			out[k] = v
		}
		return out
	}
	return proxyStats{written: cp(p.written), handled: cp(p.handled), dups: cp(p.dups), applied: p.applied}
}
