package rest

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// call is the state of one Do: which attempt is running, whether any
// attempt may have reached the server, and the body read. The clients and
// trace the call sends through live inside it, so one allocation holds
// what the pipeline needs per call.
type call struct {
	c     *Client
	req   *Request
	class Class

	attempts int       // attempts started
	start    time.Time // start of the current attempt
	sentAny  bool      // an attempt may have reached the server
	sentPrev bool      // an attempt before the current one may have
	nextWait time.Duration
	signErr  error

	rc    retryablehttp.Client // the retry loop
	hc    http.Client          // the caller's client, sending through rt
	rt    attemptTransport
	trace httptrace.ClientTrace

	// Set from httptrace callbacks, which may run on other goroutines.
	traceGetConn atomic.Bool
	traceGotConn atomic.Bool

	handled bool // the response handler logged this attempt
	body    []byte
	bodyErr error
	bodyOK  bool
}

func newCall(c *Client, r *Request, class Class) *call {
	return &call{c: c, req: r, class: class}
}

func (cl *call) do(ctx context.Context) (*http.Response, error) {
	if cl.class != Safe {
		// Only requests that must not be blindly resent need to know
		// whether a connection was ever obtained.
		cl.trace.GetConn = func(string) { cl.traceGetConn.Store(true) }
		cl.trace.GotConn = func(httptrace.GotConnInfo) { cl.traceGotConn.Store(true) }
		ctx = httptrace.WithClientTrace(ctx, &cl.trace)
	}
	hreq, err := cl.req.httpRequest(ctx)
	if err != nil {
		return nil, err
	}

	var body any
	if cl.req.body != nil {
		body = cl.req.body
	}
	rreq, err := retryablehttp.FromRequest(hreq)
	if err != nil {
		return nil, err
	}
	if err := rreq.SetBody(body); err != nil {
		return nil, err
	}
	rreq.SetResponseHandler(cl.handleResponse)

	cl.useClient(cl.c.hc)
	cl.rc = retryablehttp.Client{
		HTTPClient:     &cl.hc,
		RetryMax:       cl.c.retryMax,
		RetryWaitMin:   cl.c.waitMin,
		RetryWaitMax:   cl.c.waitMax,
		CheckRetry:     cl.checkRetry,
		Backoff:        cl.backoff,
		ErrorHandler:   retryablehttp.PassthroughErrorHandler,
		RequestLogHook: cl.beforeAttempt,
	}
	resp, err := cl.rc.Do(rreq)
	if err != nil {
		if resp != nil {
			resp.Body.Close()
		}
		if cl.signErr != nil {
			return nil, cl.signErr
		}
		return nil, cl.transportError(err)
	}
	if !cl.bodyOK {
		// The last attempt was a retryable status whose retries ran
		// out: its body has not been read yet.
		cl.readBody(resp)
	}
	if cl.bodyErr != nil {
		return resp, cl.transportError(cl.bodyErr)
	}
	return resp, nil
}

// useClient sets the call up to send through a copy of the caller's
// client, taken now (so httpmock.ActivateNonDefault and later changes are
// honoured), whose transport is the call's attemptTransport around the
// caller's. The copy never follows a redirect, whatever the caller's
// CheckRedirect says.
//
// The copy hides CloseIdleConnections: go-retryablehttp calls it after
// every failed call, which would close the idle connections of every
// other call sharing the caller's pool and make them dial again.
//
// The client's Timeout moves into the transport as a per-attempt context
// deadline (the same bound net/http applies, response body included):
// left on a client whose transport net/http does not recognise, it would
// take net/http's slower timer-goroutine path on every request.
func (cl *call) useClient(hc *http.Client) {
	cl.hc = *hc
	rt := hc.Transport
	if rt == nil {
		rt = http.DefaultTransport
	}
	for i := len(cl.c.middleware) - 1; i >= 0; i-- {
		rt = cl.c.middleware[i](rt)
	}
	timeout := hc.Timeout
	if cl.req.timeout > 0 {
		timeout = cl.req.timeout
	}
	cl.rt = attemptTransport{cl: cl, rt: rt, timeout: timeout}
	cl.hc.Transport = &cl.rt
	cl.hc.Timeout = 0
	cl.hc.CheckRedirect = noRedirect
}

// noRedirect makes net/http return a 3xx as the answer. A redirect is the
// server's answer, not a place to go: following it would send the body
// (names, wallets, login secrets) and the credentials in headers to
// wherever the Location points, and return that host's unsigned answer as
// the provider's. The 3xx goes to the client's ErrorDecoder like any other
// non-2xx status.
func noRedirect(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

// attemptTransport sends one call's attempts: it waits on the client's
// Limiter and signs each attempt as it goes out, so a wait cut short or a
// signing failure ends the attempt with nothing sent, and bounds each
// attempt by the request's AttemptTimeout or the caller's client Timeout.
type attemptTransport struct {
	cl      *call
	rt      http.RoundTripper
	timeout time.Duration
}

func (t *attemptTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if err := t.cl.limit(r); err != nil {
		if r.Body != nil {
			r.Body.Close()
		}
		return nil, err
	}
	if err := t.cl.sign(r); err != nil {
		if r.Body != nil {
			r.Body.Close()
		}
		return nil, err
	}
	if t.timeout <= 0 {
		return t.rt.RoundTrip(r)
	}
	ctx, cancel := context.WithTimeout(r.Context(), t.timeout)
	resp, err := t.rt.RoundTrip(r.WithContext(ctx))
	if err != nil {
		cancel()
		return nil, err
	}
	resp.Body = &cancelOnClose{ReadCloser: resp.Body, cancel: cancel}
	return resp, nil
}

// cancelOnClose releases an attempt's deadline when its body is closed.
type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (b *cancelOnClose) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}

// beforeAttempt runs before every attempt: it resets the per-attempt
// state.
func (cl *call) beforeAttempt(_ retryablehttp.Logger, _ *http.Request, _ int) {
	cl.attempts++
	cl.start = time.Now()
	cl.sentPrev = cl.sentAny
	cl.handled = false
	cl.bodyOK, cl.bodyErr, cl.body = false, nil, nil
	cl.traceGetConn.Store(false)
	cl.traceGotConn.Store(false)
}

// limit waits on the client's Limiter before an attempt whose method it
// covers. It runs before the attempt's deadline starts, so the wait is
// bounded by the call's context alone.
func (cl *call) limit(req *http.Request) error {
	l := cl.c.limiter
	if l == nil || (len(l.Methods) > 0 && !slices.Contains(l.Methods, req.Method)) {
		return nil
	}
	if err := l.Wait(req.Context()); err != nil {
		cl.signErr = &LimitError{Err: err}
		return cl.signErr
	}
	return nil
}

// sign signs one attempt over the bytes it sends. It runs before the
// attempt's deadline starts.
func (cl *call) sign(req *http.Request) error {
	if cl.c.signer == nil {
		return nil
	}
	if cl.attempts > 1 {
		// An earlier attempt's transport may still be reading the
		// header map; sign a copy.
		req.Header = req.Header.Clone()
	}
	if err := cl.c.signer.Sign(req, cl.req.body); err != nil {
		cl.signErr = &SignError{Err: err}
		return cl.signErr
	}
	return nil
}

// handleResponse reads the body of a response CheckRetry did not retry.
// A body cut short counts as a transport failure, so a read can be
// retried like any other.
func (cl *call) handleResponse(resp *http.Response) error {
	cl.readBody(resp)
	cl.handled = true
	cl.logAttempt(resp, cl.bodyErr, false)
	if cl.bodyErr != nil && !errors.Is(cl.bodyErr, ErrResponseTooLarge) {
		return cl.bodyErr
	}
	return nil
}

func (cl *call) readBody(resp *http.Response) {
	defer resp.Body.Close()
	limit := cl.c.maxBody
	b, err := readAtMost(resp.Body, resp.ContentLength, limit)
	cl.bodyOK = true
	switch {
	case err != nil:
		cl.bodyErr = &bodyReadError{err: err}
	case int64(len(b)) > limit:
		cl.bodyErr = &TooLargeError{Limit: limit}
	default:
		cl.body = b
	}
}

// readAtMost reads r to its end, or to limit+1 bytes when it is longer
// than limit. A body that announces its size (size >= 0, at most limit)
// is read into one buffer of that size; anything more than announced is
// read on as an unannounced body, so the limit still holds. An
// unannounced body (chunked) is read into a pooled buffer and copied out
// at its exact size.
func readAtMost(r io.Reader, size, limit int64) ([]byte, error) {
	if size < 0 || size > limit {
		return readUnannounced(r, limit)
	}
	b := make([]byte, size, size+1)
	if _, err := io.ReadFull(r, b); err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF // shorter than announced
		}
		return nil, err
	}
	// The spare byte of capacity tells the end from a body longer than
	// announced, without a second buffer.
	for range 100 {
		n, err := r.Read(b[size : size+1])
		if n > 0 {
			more, err := io.ReadAll(io.LimitReader(r, limit-size))
			return append(b[:size+1], more...), err
		}
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return nil, err
		}
	}
	return nil, io.ErrNoProgress
}

// readBufs holds the buffers unannounced bodies are read into.
var readBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledBuf is the largest buffer kept for reuse, so one huge body
// does not stay pinned in the pool.
const maxPooledBuf = 256 << 10

func readUnannounced(r io.Reader, limit int64) ([]byte, error) {
	buf := readBufs.Get().(*bytes.Buffer)
	buf.Reset()
	_, err := buf.ReadFrom(io.LimitReader(r, limit+1))
	b := bytes.Clone(buf.Bytes())
	if buf.Cap() <= maxPooledBuf {
		clear(buf.Bytes()) // no response (names, documents) lingers in the pool
		readBufs.Put(buf)
	}
	return b, err
}

// checkRetry decides, after each attempt, whether to try again.
func (cl *call) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if cl.handled && err == nil {
		return false, nil
	}
	if cl.signErr != nil {
		// This attempt was never sent.
		return false, cl.signErr
	}
	sent := cl.maySent(resp, err)
	if sent {
		cl.sentAny = true
	}
	if ctx.Err() != nil {
		if !cl.handled {
			cl.logAttempt(resp, err, false)
		}
		return false, ctx.Err()
	}
	retry := cl.retryable(resp, err, sent)
	if retry {
		retry = cl.planRetry(ctx, resp)
	}
	if !cl.handled && (retry || resp == nil || err != nil) {
		cl.logAttempt(resp, err, retry)
	}
	return retry, nil
}

// retryable applies the call's retry class to one attempt's outcome.
func (cl *call) retryable(resp *http.Response, err error, sent bool) bool {
	if err != nil {
		if permanent(err) {
			return false
		}
		if cl.class == Ambiguous {
			return !sent
		}
		return true
	}
	if cl.class == Ambiguous {
		return false
	}
	return retryableStatus(resp.StatusCode)
}

// planRetry computes the wait before the next attempt and checks that a
// retry remains, fits in the context's deadline and the retry budget.
func (cl *call) planRetry(ctx context.Context, resp *http.Response) bool {
	if cl.attempts > cl.c.retryMax {
		return false
	}
	wait := backoffWait(cl.c.waitMin, cl.c.waitMax, cl.attempts-1)
	if ra := retryAfter(resp, cl.c.afterCap); ra > 0 {
		wait = ra
	}
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait {
		return false
	}
	if !cl.c.budget.take() {
		return false
	}
	cl.nextWait = wait
	return true
}

func (cl *call) backoff(_, _ time.Duration, _ int, _ *http.Response) time.Duration {
	return cl.nextWait
}

// maySent reports whether this attempt may have reached the server.
func (cl *call) maySent(resp *http.Response, err error) bool {
	if err == nil && resp != nil {
		// A 429 is a refusal before any processing.
		return resp.StatusCode != http.StatusTooManyRequests
	}
	if errors.Is(err, errBodyRead) {
		return true
	}
	if isRemoteTLSAlert(err) {
		// Refused at the TLS layer (with TLS 1.3 the client learns it
		// only after its first write): no handler ran.
		return false
	}
	if cl.traceGetConn.Load() {
		// A real transport: only an obtained connection can carry
		// the request.
		return cl.traceGotConn.Load()
	}
	// A transport without trace events (a mock, a custom RoundTripper):
	// only a dial error proves nothing was sent.
	return !isDialError(err)
}

func (cl *call) replayedBefore() bool { return cl.sentPrev }

func (cl *call) transportError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return &TransportError{
		Method:   cl.req.method,
		Path:     cl.req.logPath,
		Attempts: cl.attempts,
		Sent:     cl.sentAny,
		Err:      err,
	}
}

func (cl *call) requestID(resp *http.Response) string {
	if resp == nil {
		return ""
	}
	for _, h := range cl.c.requestIDs {
		if v := resp.Header.Get(h); v != "" {
			return v
		}
	}
	return ""
}

func (cl *call) meta(resp *http.Response) Meta {
	m := Meta{Attempts: cl.attempts, Replayed: cl.sentPrev}
	if resp != nil {
		m.StatusCode = resp.StatusCode
		m.Header = resp.Header
		m.RequestID = cl.requestID(resp)
	}
	return m
}

// logAttempt writes one line per attempt: method, path, status, attempt,
// duration and request id. Never bodies, query values or headers.
func (cl *call) logAttempt(resp *http.Response, err error, retrying bool) {
	lg := cl.c.logger
	if lg == nil {
		return
	}
	ctx := context.Background()
	level := slog.LevelInfo
	if err != nil || retrying || (resp != nil && resp.StatusCode >= 300) {
		level = slog.LevelWarn
	}
	if !lg.Enabled(ctx, level) {
		return
	}
	attrs := make([]slog.Attr, 0, 8)
	attrs = append(attrs,
		slog.String("method", cl.req.method),
		slog.String("path", cl.req.logPath),
		slog.Int("attempt", cl.attempts),
		slog.Duration("duration", time.Since(cl.start)),
	)
	if resp != nil {
		attrs = append(attrs, slog.Int("status", resp.StatusCode))
		if id := cl.requestID(resp); id != "" {
			attrs = append(attrs, slog.String("request_id", id))
		}
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", errorKind(err)))
	}
	if retrying {
		attrs = append(attrs, slog.Duration("retry_in", cl.nextWait))
	}
	lg.LogAttrs(ctx, level, "vaspkit http", attrs...)
}
