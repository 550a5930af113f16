package reliability

import (
	"context"
	"crypto/tls"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httptrace"
	"strconv"
	"sync/atomic"
	"testing"
	"time"
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
	numFaults
)

var faultNames = [numFaults]string{
	"none", "refused dial", "reset on connect", "untrusted TLS certificate",
	"reset after write, before store", "503 before store", "429 Retry-After",
	"slow before store", "reset after store", "500 after store", "slow after store",
	"truncated body", "malformed JSON", "oversized body",
}

func (f fault) String() string {
	if f < 0 || f >= numFaults {
		return "fault(" + strconv.Itoa(int(f)) + ")"
	}
	return faultNames[f]
}

func (f fault) dialLevel() bool { return f >= faultRefused && f <= faultTLSUntrusted }

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
type injector struct {
	normal  *http.Transport
	faulty  *http.Transport
	primary func(*http.Request) bool
	plan    planner
	// slowDeadline bounds an attempt the proxy answers slowly, as a short
	// per-attempt timeout of the client would, while the client's own
	// timeout stays generous so a loaded machine does not time out
	// healthy attempts.
	slowDeadline time.Duration
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
	if d := in.attemptDeadline(req, f); d > 0 {
		// The attempt waits d for its answer, counted from the moment the
		// request is written, as a client's response timeout would.
		var cancelCause context.CancelCauseFunc
		ctx, cancelCause = context.WithCancelCause(ctx)
		var timer atomic.Pointer[time.Timer]
		ctx = httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
			WroteRequest: func(httptrace.WroteRequestInfo) {
				timer.Store(time.AfterFunc(d, func() { cancelCause(errAttemptDeadline) }))
			},
		})
		cancel = func() {
			if t := timer.Load(); t != nil {
				t.Stop()
			}
			cancelCause(nil)
		}
	}
	r := req.Clone(ctx)
	r.Header.Set(faultHeader, strconv.Itoa(int(f)))
	resp, err := in.normal.RoundTrip(r)
	if err != nil {
		cancel()
		return nil, err
	}
	resp.Body = &cancelBody{ReadCloser: resp.Body, cancel: cancel}
	return resp, nil
}

// attemptDeadline is how long an attempt with fault f waits for its
// answer: the call plan's choice, else the injector's; 0 for none.
func (in *injector) attemptDeadline(req *http.Request, f fault) time.Duration {
	if f != faultSlowBefore && f != faultSlowAfter {
		return 0
	}
	if cp, _ := req.Context().Value(planKey{}).(*callPlan); cp != nil && cp.slowDeadline != 0 {
		return max(cp.slowDeadline, 0)
	}
	return in.slowDeadline
}

// errAttemptDeadline ends an attempt the proxy answers slowly.
var errAttemptDeadline = &attemptTimeout{}

type attemptTimeout struct{}

func (*attemptTimeout) Error() string   { return "attempt deadline exceeded" }
func (*attemptTimeout) Timeout() bool   { return true }
func (*attemptTimeout) Temporary() bool { return true }

// cancelBody releases an attempt's deadline when its body is closed.
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
	closedAddr string // a port nothing listens on
	resetLn    net.Listener
	untrusted  *httptest.Server
}

func newFaultNet(t testing.TB) *faultNet {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := ln.Addr().String()
	ln.Close()

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
	if tc, ok := c.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	_ = c.Close()
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
