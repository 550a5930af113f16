package rest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Request is one API call being built. Setters record the first error;
// Do reports it before anything is sent. A Request is used once.
type Request struct {
	c           *Client
	method      string
	path        string
	logPath     string // path as logs and errors show it: ids replaced by "*"
	query       url.Values
	header      http.Header
	body        []byte
	contentType string
	class       Class
	classSet    bool
	out         any
	meta        *Meta
	timeout     time.Duration // per attempt; 0: the HTTP client's Timeout
	err         error
}

// Meta describes how a call went. Ask for it with Request.Meta.
type Meta struct {
	StatusCode int
	Header     http.Header
	// RequestID is the provider's request id, from the first of the
	// client's RequestIDHeaders present in the response.
	RequestID string
	// Attempts is how many times the request was sent or tried.
	Attempts int
	// Replayed is true when an earlier attempt may have reached the
	// server: for a Keyed request, an "already exists" answer then means
	// our own earlier attempt was stored.
	Replayed bool
}

// Get starts a GET request for path (relative to the base URL).
func (c *Client) Get(path string) *Request { return c.newRequest(http.MethodGet, path) }

// Post starts a POST request.
func (c *Client) Post(path string) *Request { return c.newRequest(http.MethodPost, path) }

// Put starts a PUT request.
func (c *Client) Put(path string) *Request { return c.newRequest(http.MethodPut, path) }

// Patch starts a PATCH request.
func (c *Client) Patch(path string) *Request { return c.newRequest(http.MethodPatch, path) }

// Delete starts a DELETE request.
func (c *Client) Delete(path string) *Request { return c.newRequest(http.MethodDelete, path) }

// Getf starts a GET request for Pathf(format, segments...). Logs and
// errors show the format with every %s as "*", so an id in the path
// (a transaction id, an applicant id) never reaches them.
func (c *Client) Getf(format string, segments ...string) *Request {
	return c.newRequestf(http.MethodGet, format, segments)
}

// Postf is Getf for POST.
func (c *Client) Postf(format string, segments ...string) *Request {
	return c.newRequestf(http.MethodPost, format, segments)
}

// Putf is Getf for PUT.
func (c *Client) Putf(format string, segments ...string) *Request {
	return c.newRequestf(http.MethodPut, format, segments)
}

// Patchf is Getf for PATCH.
func (c *Client) Patchf(format string, segments ...string) *Request {
	return c.newRequestf(http.MethodPatch, format, segments)
}

// Deletef is Getf for DELETE.
func (c *Client) Deletef(format string, segments ...string) *Request {
	return c.newRequestf(http.MethodDelete, format, segments)
}

func (c *Client) newRequestf(method, format string, segments []string) *Request {
	if n := strings.Count(format, "%s"); n != len(segments) || strings.Count(format, "%") != n {
		r := &Request{c: c, method: method, path: format, logPath: format}
		r.err = fmt.Errorf("rest: path format %q takes %d segments, got %d", format, n, len(segments))
		return r
	}
	r := c.newRequest(method, Pathf(format, segments...))
	r.logPath = strings.ReplaceAll(format, "%s", "*")
	return r
}

func (c *Client) newRequest(method, path string) *Request {
	r := &Request{c: c, method: method, path: path, logPath: path}
	switch {
	case !strings.HasPrefix(path, "/"):
		r.err = errors.New("rest: path must start with /")
	case strings.ContainsAny(path, "?#"):
		r.err = errors.New("rest: path must not carry a query or fragment; use Query")
	}
	return r
}

// Pathf formats a path, escaping every argument as one path segment so an
// id can never change the route.
func Pathf(format string, segments ...string) string {
	args := make([]any, len(segments))
	for i, s := range segments {
		args[i] = url.PathEscape(s)
	}
	return fmt.Sprintf(format, args...)
}

// Query adds a query parameter.
func (r *Request) Query(key, value string) *Request {
	if r.query == nil {
		r.query = url.Values{}
	}
	r.query.Add(key, value)
	return r
}

// Header sets a request header.
func (r *Request) Header(key, value string) *Request {
	if r.header == nil {
		r.header = http.Header{}
	}
	r.header.Set(key, value)
	return r
}

// JSON serialises v once as the request body; the same bytes are sent, and
// signed, on every attempt.
func (r *Request) JSON(v any) *Request {
	if r.err != nil {
		return r
	}
	if r.body != nil {
		r.err = errors.New("rest: request body set twice")
		return r
	}
	b, err := json.Marshal(v)
	if err != nil {
		r.err = fmt.Errorf("rest: encode request body: %w", err)
		return r
	}
	r.body, r.contentType = b, "application/json"
	return r
}

// Raw sets the request body to b, sent as is with the given content type.
func (r *Request) Raw(b []byte, contentType string) *Request {
	if r.err != nil {
		return r
	}
	if r.body != nil {
		r.err = errors.New("rest: request body set twice")
		return r
	}
	if b == nil {
		b = []byte{}
	}
	r.body, r.contentType = b, contentType
	return r
}

// Retry sets the call's retry class.
func (r *Request) Retry(class Class) *Request {
	if class < Safe || class > Ambiguous {
		if r.err == nil {
			r.err = fmt.Errorf("rest: unknown retry class %d", class)
		}
		return r
	}
	r.class, r.classSet = class, true
	return r
}

// Into decodes a 2xx response body as JSON into out. A *[]byte receives
// the raw body instead.
func (r *Request) Into(out any) *Request {
	if out == nil && r.err == nil {
		r.err = errors.New("rest: Into needs a non-nil pointer")
	}
	r.out = out
	return r
}

// AttemptTimeout bounds each attempt of this request by d instead of the
// HTTP client's Timeout (a long call, such as GTR's one_step, needs no
// second client). d must be positive.
func (r *Request) AttemptTimeout(d time.Duration) *Request {
	if d <= 0 {
		if r.err == nil {
			r.err = errors.New("rest: AttemptTimeout needs a positive duration")
		}
		return r
	}
	r.timeout = d
	return r
}

// Meta asks Do to fill m with how the call went, whatever its outcome.
func (r *Request) Meta(m *Meta) *Request {
	r.meta = m
	return r
}

// Do sends the request and decodes the response. It returns the first
// error recorded by a setter without touching the network; a non-2xx
// response as the client's decoded error; a transport failure as a
// *TransportError.
func (r *Request) Do(ctx context.Context) error {
	if r.err != nil {
		return r.err
	}
	if ctx == nil {
		return errors.New("rest: nil context")
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	class := r.class
	if !r.classSet {
		class = r.c.defaultClass(r.method)
	}

	call := newCall(r.c, r, class)
	resp, err := call.do(ctx)
	if r.meta != nil {
		*r.meta = call.meta(resp)
	}
	if err != nil {
		return err
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return r.c.decodeErr(call, resp)
	}
	r.c.budget.refund()
	if r.out == nil {
		return nil
	}
	if raw, ok := r.out.(*[]byte); ok {
		*raw = call.body
		return nil
	}
	if len(bytes.TrimSpace(call.body)) == 0 {
		return &DecodeError{Method: r.method, Path: r.logPath, StatusCode: resp.StatusCode, Err: errors.New("empty response body")}
	}
	if err := json.Unmarshal(call.body, r.out); err != nil {
		return &DecodeError{Method: r.method, Path: r.logPath, StatusCode: resp.StatusCode, Err: err}
	}
	return nil
}

// httpRequest builds the request for ctx, without its body.
func (r *Request) httpRequest(ctx context.Context) (*http.Request, error) {
	// The URL is built as a *url.URL and set directly, rather than
	// printed and parsed again by http.NewRequest.
	hreq, err := http.NewRequestWithContext(ctx, r.method, "", nil)
	if err != nil {
		return nil, fmt.Errorf("rest: build request: %w", err)
	}
	hreq.URL = r.c.url(r.path, r.query)
	hreq.Host = hreq.URL.Host
	for k, v := range r.header {
		hreq.Header[k] = v
	}
	hreq.Header.Set("User-Agent", r.c.userAgent)
	if hreq.Header.Get("Accept") == "" {
		hreq.Header.Set("Accept", "application/json")
	}
	if r.contentType != "" {
		hreq.Header.Set("Content-Type", r.contentType)
	}
	return hreq, nil
}

func (c *Client) defaultClass(method string) Class {
	if c.defClass != 0 {
		return c.defClass
	}
	if method == http.MethodGet || method == http.MethodHead {
		return Safe
	}
	return Ambiguous
}

// url joins the base URL and an already escaped path.
func (c *Client) url(path string, q url.Values) *url.URL {
	u := *c.base
	raw := c.basePath + path
	if strings.IndexByte(raw, '%') < 0 {
		u.Path, u.RawPath = raw, raw // nothing escaped: unescaping is the identity
	} else if p, err := url.PathUnescape(raw); err == nil {
		u.Path, u.RawPath = p, raw
	} else {
		u.Path, u.RawPath = raw, ""
	}
	if len(q) > 0 {
		// url.Values encodes a space as "+"; providers that sign the
		// query (Sumsub) document "%20". A literal "+" is already "%2B".
		u.RawQuery = strings.ReplaceAll(q.Encode(), "+", "%20")
	}
	return &u
}

func (c *Client) decodeErr(call *call, resp *http.Response) error {
	er := &ErrorResponse{
		Method:     call.req.method,
		Path:       call.req.logPath,
		StatusCode: resp.StatusCode,
		Header:     resp.Header,
		Body:       call.body,
		RequestID:  call.requestID(resp),
		Attempts:   call.attempts,
		Replayed:   call.replayedBefore(),
		RetryAfter: retryAfter(resp, c.afterCap),
	}
	if c.decodeError != nil {
		if err := c.decodeError(er); err != nil {
			return err
		}
	}
	return &StatusError{Response: er}
}
