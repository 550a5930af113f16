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
	"testing"
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
	observe   func(*http.Request)
	// away are the hosts redirects point to; nil until the rig sets them.
	away *awayHosts

	mu       sync.Mutex
	written  map[string]int // primary requests the proxy received, by call
	handled  map[string]int // primary requests the fake handled (not refused as unauthenticated), by call
	dups     map[string]int // primary requests the fake refused as duplicates
	followed map[string]int // requests that followed a redirect to the same URL, by call
	applied  [numFaults]int
	// busy counts the requests inside the proxy, by call ("" for reads),
	// so a test can wait until the fake finished what it was handed.
	busy map[string]int
	idle *sync.Cond
}

// followedMark is the query a same-URL redirect adds, so the proxy can
// tell a request that followed it.
const followedMark = "reliability-redirected"

func newFaultProxy(upstream string, hc *http.Client, primary func(*http.Request) bool, key string) *faultProxy {
	p := &faultProxy{
		upstream: strings.TrimRight(upstream, "/"), hc: hc, primary: primary, key: key,
		errBody:  func(int) []byte { return []byte(`{"error":"injected"}`) },
		written:  map[string]int{},
		handled:  map[string]int{},
		dups:     map[string]int{},
		followed: map[string]int{},
		busy:     map[string]int{},
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
	hooks := takeHold(r.Header.Get(holdHeader))
	r.Header.Del(holdHeader)
	primary := p.primary(r)
	id := ""
	if primary {
		id = callKey(body, p.key)
	}
	p.mu.Lock()
	p.applied[f]++
	if primary {
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

	if r.URL.Query().Has(followedMark) {
		// A client followed a redirect to the same URL: the proxy counts it
		// and hands nothing to the fake.
		p.mu.Lock()
		p.followed[id]++
		p.mu.Unlock()
		writeBody(w, http.StatusNotFound, p.errBody(http.StatusNotFound))
		return
	}
	if status, to := f.redirect(); status != 0 {
		w.Header().Set("Location", p.redirectTo(r, to))
		w.WriteHeader(status)
		return
	}
	if status, after := f.empty(); status != 0 && !after {
		writeEmpty(w, status)
		return
	}

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
		p.wait(r.Context(), hooks)
		return
	case faultSlowLateStore:
		p.wait(r.Context(), hooks)
		// The client gave up; the request reaches the fake once the call
		// has returned, and its answer goes nowhere.
		if hooks != nil && hooks.release != nil {
			t := time.NewTimer(hangBound)
			select {
			case <-hooks.release:
			case <-t.C:
			}
			t.Stop()
		}
		_, _, _, _ = p.handOver(r, body, primary, id)
		return
	}

	status, hdr, rbody, err := p.handOver(r, body, primary, id)
	if err != nil {
		hijackReset(w) // the fake dropped the connection: so does the proxy
		return
	}
	if status, after := f.empty(); status != 0 && after {
		writeEmpty(w, status)
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
		p.wait(r.Context(), hooks)
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

// handOver forwards the request to the fake and counts what it did with a
// primary one.
func (p *faultProxy) handOver(r *http.Request, body []byte, primary bool, id string) (int, http.Header, []byte, error) {
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
	return status, hdr, rbody, err
}

// redirectTo is where a redirect fault points.
func (p *faultProxy) redirectTo(r *http.Request, to redirectTarget) string {
	u := *r.URL
	switch {
	case to == toOtherHost && p.away != nil:
		return p.away.sameScheme + u.RequestURI()
	case to == toPlainHTTP && p.away != nil:
		return p.away.plain + u.RequestURI()
	}
	q := u.Query()
	q.Set(followedMark, "1")
	u.RawQuery = q.Encode()
	return u.RequestURI()
}

// wait holds an answer: it tells the client's side (hooks.held), which
// gives up, and returns when the client has gone.
func (p *faultProxy) wait(ctx context.Context, hooks *holdHooks) {
	if hooks != nil && hooks.held != nil {
		hooks.held()
	}
	t := time.NewTimer(hangBound)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

func (p *faultProxy) forward(r *http.Request, body []byte) (int, http.Header, []byte, error) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), hangBound)
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

// writeEmpty answers status with an empty body.
func writeEmpty(w http.ResponseWriter, status int) {
	w.Header().Set("Content-Type", "application/json")
	if status != http.StatusNoContent {
		w.Header().Set("Content-Length", "0")
	}
	w.WriteHeader(status)
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

// awayHosts are the hosts redirect faults point to, other than the
// proxy: one of the front's scheme (trusted by the client) and one of
// plain HTTP. They count, by call, every request that reaches them: a
// client that follows a redirect sends its body and credentials there.
type awayHosts struct {
	sameScheme, plain string
	key               string // JSON field of a request body naming the call

	mu      sync.Mutex
	reached map[string]int
	total   int
}

// newAwayHosts starts the hosts: sameTLS is the TLS configuration of the
// first (nil: plain HTTP, like the second).
func newAwayHosts(t testing.TB, sameTLS *tls.Config, key string) *awayHosts {
	a := &awayHosts{key: key, reached: map[string]int{}}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		a.mu.Lock()
		a.reached[callKey(body, a.key)]++
		a.total++
		a.mu.Unlock()
		writeBody(w, http.StatusOK, []byte(`{}`))
	})
	a.sameScheme = startFront(t, h, sameTLS).URL
	a.plain = startFront(t, h, nil).URL
	return a
}

// reachedBy returns how many requests of call id reached the hosts.
func (a *awayHosts) reachedBy(id string) int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.reached[id]
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
	written, handled, dups, followed map[string]int
	applied                          [numFaults]int
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
	return proxyStats{written: cp(p.written), handled: cp(p.handled), dups: cp(p.dups), followed: cp(p.followed), applied: p.applied}
}

// TestRedirectDetectors proves the matrix would see a client that follows
// a redirect: net/http's own client, which follows 307 and 308 with the
// body, is seen by the proxy (same URL) or by the other hosts, behind a
// plain and a TLS front.
func TestRedirectDetectors(t *testing.T) {
	t.Parallel()
	fn := newFaultNet(t)
	tlsCfg := defaultRigConfig()
	tlsCfg.tlsTrusted = true
	rigs := []*rig{newTravelRuleRig(t, fn, defaultRigConfig()), newTravelRuleRig(t, fn, tlsCfg)}
	for i, r := range rigs {
		hc := &http.Client{Transport: r.inj, Timeout: hangBound}
		for f := faultRedirectSame307; f <= faultRedirectHTTP308; f++ {
			id := r.newID(100*i + int(f))
			cp := onlyFirst(f)
			req, err := http.NewRequestWithContext(withPlan(context.Background(), cp), http.MethodPost,
				r.baseURL+"/travel-rule/widget-session", strings.NewReader(`{"counterpartyAddress":"`+id+`"}`))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Content-Type", "application/json")
			resp, err := hc.Do(req)
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			cp.finish()
			r.proxy.quiesce()
			if n, m := r.proxy.stats().followed[id], r.away.reachedBy(id); n+m != 1 {
				t.Errorf("front %d, %s: a client that follows it was seen %d times at the same URL and %d times elsewhere, want once",
					i, f, n, m)
			}
		}
	}
}
