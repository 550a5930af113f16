package reliability

import (
	"context"
	"crypto/tls"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vaspkit/vaspkit/internal/testnet"
)

// fault is one injected failure, applied to one attempt of a request.
type fault int

const (
	faultNone fault = iota
	// Dial level: the client's transport dials somewhere else.
	faultRefused        // nothing listens: ECONNREFUSED
	faultResetOnConnect // the peer resets the connection before the request is written
	faultTLSUntrusted   // a server certificate from a CA the client does not trust
	// Proxy level, before the fake sees the request.
	faultResetBeforeStore // the request was written; the connection is reset unanswered
	fault5xxBefore        // 503
	fault429              // 429 with Retry-After: 1
	faultSlowBefore       // no answer until the client gives up
	// Proxy level, after the fake handled (and stored) the request.
	faultResetAfterStore // the connection is reset instead of the answer
	fault5xxAfter        // 500 instead of the answer
	faultSlowAfter       // no answer until the client gives up
	faultTruncated       // the answer's body is cut short of its Content-Length
	faultMalformed       // a complete 200 whose JSON is cut in half
	faultOversized       // a 200 body over the client's 10 MiB limit
	// Proxy level, instead of forwarding: a redirect. Nothing is stored;
	// a client that followed one would be seen by the proxy (same host)
	// or by the rig's other hosts, which count what reaches them.
	faultRedirectSame307  // 307 to the same URL
	faultRedirectSame308  // 308 to the same URL
	faultRedirectOther307 // 307 to another host of the same scheme
	faultRedirectOther308 // 308 to another host of the same scheme
	faultRedirectHTTP307  // 307 to a plain-HTTP host (https→http behind a TLS front)
	faultRedirectHTTP308  // 308 to a plain-HTTP host
	// Proxy level: a 2xx with an empty body, instead of forwarding (not
	// stored) or instead of the fake's answer (stored).
	faultEmpty200Before
	faultEmpty202Before
	faultEmpty204Before
	faultEmpty200After
	faultEmpty202After
	faultEmpty204After
	// Proxy level: no answer until the client gives up; the request
	// reaches the fake only once the call has returned (a late delivery).
	faultSlowLateStore
	numFaults
)

var faultNames = [numFaults]string{
	"none", "refused dial", "reset on connect", "untrusted TLS certificate",
	"reset after write, before store", "503 before store", "429 Retry-After",
	"slow before store", "reset after store", "500 after store", "slow after store",
	"truncated body", "malformed JSON", "oversized body",
	"307 to the same URL", "308 to the same URL", "307 to another host", "308 to another host",
	"307 to plain HTTP", "308 to plain HTTP",
	"empty 200, not stored", "empty 202, not stored", "empty 204, not stored",
	"empty 200 after store", "empty 202 after store", "empty 204 after store",
	"slow, stored after the call",
}

func (f fault) String() string {
	if f < 0 || f >= numFaults {
		return "fault(" + strconv.Itoa(int(f)) + ")"
	}
	return faultNames[f]
}

func (f fault) dialLevel() bool { return f >= faultRefused && f <= faultTLSUntrusted }

// slow faults hold the answer until the client gives up.
func (f fault) slow() bool {
	return f == faultSlowBefore || f == faultSlowAfter || f == faultSlowLateStore
}

// redirect returns the status of a redirect fault and where it points.
func (f fault) redirect() (status int, to redirectTarget) {
	switch f {
	case faultRedirectSame307, faultRedirectOther307, faultRedirectHTTP307:
		status = http.StatusTemporaryRedirect
	case faultRedirectSame308, faultRedirectOther308, faultRedirectHTTP308:
		status = http.StatusPermanentRedirect
	default:
		return 0, 0
	}
	switch f {
	case faultRedirectOther307, faultRedirectOther308:
		to = toOtherHost
	case faultRedirectHTTP307, faultRedirectHTTP308:
		to = toPlainHTTP
	}
	return status, to
}

type redirectTarget int

const (
	toSameURL redirectTarget = iota
	toOtherHost
	toPlainHTTP
)

// empty returns the status of an empty-2xx fault and whether the fake
// stores the request first.
func (f fault) empty() (status int, after bool) {
	switch f {
	case faultEmpty200Before, faultEmpty200After:
		status = http.StatusOK
	case faultEmpty202Before, faultEmpty202After:
		status = http.StatusAccepted
	case faultEmpty204Before, faultEmpty204After:
		status = http.StatusNoContent
	}
	return status, f >= faultEmpty200After && f <= faultEmpty204After
}

// faultHeader carries a proxy-level fault from the client's transport to
// the proxy, which removes it before forwarding.
const faultHeader = "X-Reliability-Fault"

// planner decides the fault of one attempt. primary tells the client's
// state-changing call (one_step, submit, widget session) from the reads and
// logins around it.
type planner func(req *http.Request, primary bool) fault

// injector is the client side of the fault net: an http.RoundTripper that
// asks the planner for each attempt's fault. Dial-level faults go through a
// transport without keep-alive whose dialer obeys them, so the failure is a
// real one from the kernel or the TLS stack; proxy-level faults ride in a
// header. Nothing else about the request changes.
//
// A slow fault has no timer: the attempt gives up — as a client's response
// timeout would — when the proxy reports that it holds the answer (after
// the fake handled the request, for "slow after store"), so how long
// anything takes on a loaded machine changes nothing. A call whose plan
// has a callDeadline ends its whole call instead, with
// context.DeadlineExceeded.
type injector struct {
	normal  *http.Transport
	faulty  *http.Transport
	primary func(*http.Request) bool
	plan    planner
}

type dialFaultKey struct{}

func (in *injector) RoundTrip(req *http.Request) (*http.Response, error) {
	f := faultNone
	if in.plan != nil {
		f = in.plan(req, in.primary(req))
	}
	switch {
	case f == faultNone:
		return in.normal.RoundTrip(req)
	case f.dialLevel():
		return in.faulty.RoundTrip(req.Clone(context.WithValue(req.Context(), dialFaultKey{}, f)))
	}
	ctx, cancel := req.Context(), context.CancelFunc(func() {})
	token := ""
	if f.slow() {
		var cancelCause context.CancelCauseFunc
		ctx, cancelCause = context.WithCancelCause(ctx)
		hooks := &holdHooks{held: func() { cancelCause(errAttemptDeadline) }}
		if cp, _ := req.Context().Value(planKey{}).(*callPlan); cp != nil {
			hooks.release = cp.releasedCh()
			if cp.callDeadline != nil {
				hooks.held = cp.callDeadline.Expire
			}
		}
		token = registerHold(hooks)
		cancel = func() {
			holdRegistry.Delete(token)
			cancelCause(nil)
		}
	}
	r := req.Clone(ctx)
	r.Header.Set(faultHeader, strconv.Itoa(int(f)))
	if token != "" {
		r.Header.Set(holdHeader, token)
	}
	resp, err := in.normal.RoundTrip(r)
	if err != nil {
		cancel()
		return nil, err
	}
	resp.Body = &cancelBody{ReadCloser: resp.Body, cancel: cancel}
	return resp, nil
}

// holdHeader carries the token of an attempt's holdHooks to the proxy,
// which removes it before forwarding.
const holdHeader = "X-Reliability-Hold"

// holdHooks are the events of an attempt the proxy holds unanswered.
type holdHooks struct {
	// held runs once the proxy holds the answer: the attempt (or its
	// call) gives up.
	held func()
	// release is closed when the call has returned: a late delivery may
	// go to the fake (nil: never).
	release <-chan struct{}
}

var (
	holdSeq      atomic.Uint64
	holdRegistry sync.Map // token -> *holdHooks
)

func registerHold(h *holdHooks) string {
	token := strconv.FormatUint(holdSeq.Add(1), 10)
	holdRegistry.Store(token, h)
	return token
}

// takeHold returns and forgets the hooks of token (nil if none).
func takeHold(token string) *holdHooks {
	if token == "" {
		return nil
	}
	h, ok := holdRegistry.LoadAndDelete(token)
	if !ok {
		return nil
	}
	return h.(*holdHooks)
}

// errAttemptDeadline ends an attempt the proxy answers slowly.
var errAttemptDeadline = &attemptTimeout{}

type attemptTimeout struct{}

func (*attemptTimeout) Error() string   { return "attempt deadline exceeded" }
func (*attemptTimeout) Timeout() bool   { return true }
func (*attemptTimeout) Temporary() bool { return true }

// cancelBody releases an attempt's hooks when its body is closed.
type cancelBody struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (b *cancelBody) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}

// faultNet holds the loopback endpoints dial-level faults lead to.
type faultNet struct {
	closedAddr string // a reserved port nothing listens on: dials are refused
	resetLn    net.Listener
	untrusted  *httptest.Server
}

func newFaultNet(t testing.TB) *faultNet {
	t.Helper()
	// The refused address stays reserved for the whole test: a port that
	// was listened on and closed could be handed to another test's server,
	// and a "refused" dial would then reach it.
	closed := testnet.RefusingAddr(t)

	rl, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		for {
			c, err := rl.Accept()
			if err != nil {
				return
			}
			resetConn(c)
		}
	}()
	untrusted := httptest.NewUnstartedServer(http.NotFoundHandler())
	untrusted.Config.ErrorLog = discardLog()
	untrusted.StartTLS()
	fn := &faultNet{closedAddr: closed, resetLn: rl, untrusted: untrusted}
	t.Cleanup(func() {
		rl.Close()
		untrusted.Close()
	})
	return fn
}

// resetConn closes c with an RST instead of a FIN.
func resetConn(c net.Conn) {
	if lc, ok := c.(*lingerConn); ok {
		c = lc.Conn // no lingering: reset now
	}
	if tc, ok := c.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	_ = c.Close()
}

// lingerListener makes the server side of every connection it accepts
// close as careful servers do (a lingering close): it sends its FIN and
// reads until the client closes, instead of closing with data unread,
// which resets the connection. Without it a TLS 1.3 server refusing a
// missing client certificate races the client: the client has finished
// its handshake and writes its request while the server sends its alert
// and closes, and depending on which comes first the client reads the
// alert (nothing was sent) or fails its write with a broken pipe or a
// reset (the request may have been sent) — an answer that depended on
// the machine's load.
type lingerListener struct{ net.Listener }

func (l lingerListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &lingerConn{Conn: c}, nil
}

type lingerConn struct {
	net.Conn
	once sync.Once
}

// CloseWrite lets net/http half-close the connection itself.
func (c *lingerConn) CloseWrite() error {
	if tc, ok := c.Conn.(*net.TCPConn); ok {
		return tc.CloseWrite()
	}
	return nil
}

func (c *lingerConn) Close() error {
	tc, ok := c.Conn.(*net.TCPConn)
	if !ok {
		return c.Conn.Close()
	}
	var err error
	c.once.Do(func() {
		err = tc.CloseWrite()
		go func() {
			_ = tc.SetReadDeadline(time.Now().Add(hangBound))
			_, _ = io.Copy(io.Discard, tc)
			_ = tc.Close()
		}()
	})
	return err
}

func (fn *faultNet) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	f, _ := ctx.Value(dialFaultKey{}).(fault)
	switch f {
	case faultRefused:
		addr = fn.closedAddr
	case faultResetOnConnect:
		addr = fn.resetLn.Addr().String()
	case faultTLSUntrusted:
		addr = fn.untrusted.Listener.Addr().String()
	}
	var d net.Dialer
	return d.DialContext(ctx, network, addr)
}

// newInjector returns an injector whose transports use tlsCfg (nil for
// plain HTTP).
func (fn *faultNet) newInjector(tlsCfg *tls.Config, primary func(*http.Request) bool, plan planner) *injector {
	mk := func(keepAlive bool) *http.Transport {
		tr := &http.Transport{
			TLSClientConfig:     tlsCfg,
			MaxIdleConnsPerHost: 64,
			DisableKeepAlives:   !keepAlive,
			TLSNextProto:        map[string]func(string, *tls.Conn) http.RoundTripper{}, // HTTP/1.1: the proxy hijacks
		}
		if !keepAlive {
			tr.DialContext = fn.dial
		} else {
			tr.DialContext = (&net.Dialer{}).DialContext
		}
		return tr
	}
	return &injector{normal: mk(true), faulty: mk(false), primary: primary, plan: plan}
}

func (in *injector) close() {
	in.normal.CloseIdleConnections()
	in.faulty.CloseIdleConnections()
}

// startFront serves the proxy on loopback: plain HTTP, or TLS with tlsCfg.
func startFront(t testing.TB, h http.Handler, tlsCfg *tls.Config) *httptest.Server {
	t.Helper()
	s := httptest.NewUnstartedServer(h)
	s.Config.ErrorLog = discardLog() // resets and failed handshakes are the point
	s.Listener = lingerListener{s.Listener}
	if tlsCfg != nil {
		s.TLS = tlsCfg
		s.StartTLS()
	} else {
		s.Start()
	}
	t.Cleanup(s.Close)
	return s
}

// discardLog silences a test server's error log.
func discardLog() *log.Logger { return log.New(io.Discard, "", 0) }
