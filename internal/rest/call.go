package rest

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"sync/atomic"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// call is the state of one Do: which attempt is running, whether any
// attempt may have reached the server, and the body read.
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
	cancel   context.CancelCauseFunc

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
	if cl.c.signer != nil {
		// A signing failure cancels the attempt before it is sent.
		var cancel context.CancelCauseFunc
		ctx, cancel = context.WithCancelCause(ctx)
		defer cancel(nil)
		cl.cancel = cancel
	}
	if cl.class != Safe {
		// Only requests that must not be blindly resent need to know
		// whether a connection was ever obtained.
		ctx = httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
			GetConn: func(string) { cl.traceGetConn.Store(true) },
			GotConn: func(httptrace.GotConnInfo) { cl.traceGotConn.Store(true) },
		})
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

	rc := &retryablehttp.Client{
		HTTPClient:     keepIdle(cl.c.hc),
		RetryMax:       cl.c.retryMax,
		RetryWaitMin:   cl.c.waitMin,
		RetryWaitMax:   cl.c.waitMax,
		CheckRetry:     cl.checkRetry,
		Backoff:        cl.backoff,
		ErrorHandler:   retryablehttp.PassthroughErrorHandler,
		RequestLogHook: cl.beforeAttempt,
	}
	resp, err := rc.Do(rreq)
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

// keepIdle returns a copy of the caller's client, taken now (so
// httpmock.ActivateNonDefault and later changes are honoured), whose
// transport hides CloseIdleConnections: go-retryablehttp calls it after
// every failed call, which would close the idle connections of every
// other call sharing the caller's pool and make them dial again.
//
// The client's Timeout moves into the transport as a per-attempt context
// deadline (the same bound net/http applies, response body included):
// left on a client whose transport net/http does not recognise, it would
// take net/http's slower timer-goroutine path on every request.
func keepIdle(hc *http.Client) *http.Client {
	c := *hc
	rt := hc.Transport
	if rt == nil {
		rt = http.DefaultTransport
	}
	c.Transport = &idleKeeper{rt: rt, timeout: hc.Timeout}
	c.Timeout = 0
	return &c
}

type idleKeeper struct {
	rt      http.RoundTripper
	timeout time.Duration
}

func (k *idleKeeper) RoundTrip(r *http.Request) (*http.Response, error) {
	if k.timeout <= 0 {
		return k.rt.RoundTrip(r)
	}
	ctx, cancel := context.WithTimeout(r.Context(), k.timeout)
	resp, err := k.rt.RoundTrip(r.WithContext(ctx))
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
// state and signs the request over the bytes about to be sent.
func (cl *call) beforeAttempt(_ retryablehttp.Logger, req *http.Request, _ int) {
	cl.attempts++
	cl.start = time.Now()
	cl.sentPrev = cl.sentAny
	cl.handled = false
	cl.bodyOK, cl.bodyErr, cl.body = false, nil, nil
	cl.traceGetConn.Store(false)
	cl.traceGotConn.Store(false)
	if cl.c.signer == nil {
		return
	}
	if cl.attempts > 1 {
		// An earlier attempt's transport may still be reading the
		// header map; sign a copy.
		req.Header = req.Header.Clone()
	}
	if err := cl.c.signer.Sign(req, cl.req.body); err != nil {
		cl.signErr = &SignError{Err: err}
		cl.cancel(cl.signErr)
	}
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
	b, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
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

// checkRetry decides, after each attempt, whether to try again.
func (cl *call) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if cl.handled && err == nil {
		return false, nil
	}
	sent := cl.maySent(resp, err)
	if sent {
		cl.sentAny = true
	}
	if cl.signErr != nil {
		return false, cl.signErr
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
		Path:     cl.req.path,
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
	if err != nil || retrying || (resp != nil && resp.StatusCode >= 400) {
		level = slog.LevelWarn
	}
	if !lg.Enabled(ctx, level) {
		return
	}
	attrs := make([]slog.Attr, 0, 8)
	attrs = append(attrs,
		slog.String("method", cl.req.method),
		slog.String("path", cl.req.path),
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
