package rest

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// ErrorResponse is a non-2xx response handed to the client's ErrorDecoder.
type ErrorResponse struct {
	Method     string
	Path       string // the request path, without base path or query
	StatusCode int
	Header     http.Header
	Body       []byte // read up to the client's limit
	RequestID  string
	Attempts   int
	// Replayed is true when an earlier attempt of this call may have
	// reached the server (see Meta.Replayed).
	Replayed bool
	// RetryAfter is the server's Retry-After, capped; zero when absent.
	RetryAfter time.Duration
}

// StatusError is the error for a non-2xx response when the client has no
// ErrorDecoder, or its decoder returned nil.
type StatusError struct {
	Response *ErrorResponse
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("rest: %s %s: HTTP %d", e.Response.Method, e.Response.Path, e.Response.StatusCode)
}

// TransportError is a call that ended without a usable response: a dial,
// TLS, timeout or connection failure, or a body cut short.
type TransportError struct {
	Method   string
	Path     string
	Attempts int
	// Sent is true when the request may have reached the server. For an
	// Ambiguous request this means: do not resend, ask for the outcome.
	Sent bool
	Err  error
}

func (e *TransportError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "rest: %s %s: %v (after %d attempt", e.Method, e.Path, e.Err, e.Attempts)
	if e.Attempts != 1 {
		b.WriteByte('s')
	}
	if e.Sent {
		b.WriteString("; the request may have reached the server")
	} else {
		b.WriteString("; the request did not reach the server")
	}
	b.WriteByte(')')
	return b.String()
}

func (e *TransportError) Unwrap() error { return e.Err }

// FormatError is the Format method of a client package's error types: it
// writes s, the error's Error(), for every fmt verb (%q quoted), so no
// verb (%+v, %#v, %x …) prints the fields Error() leaves out.
func FormatError(f fmt.State, verb rune, s string) {
	if verb == 'q' {
		s = strconv.Quote(s)
	}
	_, _ = io.WriteString(f, s)
}

// ProblemsText is the text of a client package's ValidationError: prefix,
// then each problem's text, separated by "; ".
func ProblemsText[P any](prefix string, problems []P, text func(P) string) string {
	var b strings.Builder
	b.WriteString(prefix)
	for i, p := range problems {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(text(p))
	}
	return b.String()
}

// MaybeSent reports whether err is a transport failure after which the
// request may have reached the server.
func MaybeSent(err error) bool {
	var te *TransportError
	return errors.As(err, &te) && te.Sent
}

// DecodeError is a 2xx response whose body did not decode.
type DecodeError struct {
	Method     string
	Path       string
	StatusCode int
	Err        error
}

func (e *DecodeError) Error() string {
	return fmt.Sprintf("rest: %s %s: HTTP %d: decode response: %v", e.Method, e.Path, e.StatusCode, e.Err)
}

func (e *DecodeError) Unwrap() error { return e.Err }

// ErrResponseTooLarge reports a response body over the client's limit.
var ErrResponseTooLarge = errors.New("response body exceeds the size limit")

// TooLargeError is a response body cut at Limit bytes.
type TooLargeError struct{ Limit int64 }

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("response body exceeds the %d-byte limit", e.Limit)
}

func (e *TooLargeError) Is(target error) bool { return target == ErrResponseTooLarge }

// Cause returns the failure under e without the pipeline's own wrappers: a
// body cut short gives the read's error (io.ErrUnexpectedEOF, a reset …), a
// body over the limit a plain error saying so, anything else Err as is.
// The client packages put it in their own TransportError, so no type of
// this package reaches a user.
func (e *TransportError) Cause() error {
	var tl *TooLargeError
	if errors.As(e.Err, &tl) {
		return errors.New(tl.Error())
	}
	var br *bodyReadError
	if errors.As(e.Err, &br) {
		return br.err
	}
	return e.Err
}

// SignError is a Signer failure; nothing was sent for that attempt.
type SignError struct{ Err error }

func (e *SignError) Error() string { return "rest: sign request: " + e.Err.Error() }
func (e *SignError) Unwrap() error { return e.Err }

// LimitError is a rate-limiter wait cut short (by the context); nothing
// was sent for that attempt.
type LimitError struct{ Err error }

func (e *LimitError) Error() string { return "rest: waiting for the rate limiter: " + e.Err.Error() }
func (e *LimitError) Unwrap() error { return e.Err }

var errBodyRead = errors.New("response body cut short")

type bodyReadError struct{ err error }

func (e *bodyReadError) Error() string        { return "read response body: " + e.err.Error() }
func (e *bodyReadError) Unwrap() []error      { return []error{errBodyRead, e.err} }
func (e *bodyReadError) Is(target error) bool { return target == errBodyRead }

// permanent reports transport errors no retry can fix.
func permanent(err error) bool {
	var (
		cve *tls.CertificateVerificationError
		uae x509.UnknownAuthorityError
		hne x509.HostnameError
		cie x509.CertificateInvalidError
	)
	switch {
	case errors.As(err, &cve), errors.As(err, &uae), errors.As(err, &hne), errors.As(err, &cie):
		return true
	case errors.Is(err, ErrResponseTooLarge), isRemoteTLSAlert(err):
		return true
	}
	var se *SignError
	var le *LimitError
	if errors.As(err, &se) || errors.As(err, &le) {
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, "unsupported protocol scheme") ||
		strings.Contains(msg, "stopped after") && strings.Contains(msg, "redirects")
}

// isRemoteTLSAlert reports a TLS alert sent by the server, such as "bad
// certificate" or TLS 1.3's "certificate required". The server's TLS layer
// refused the connection, so its HTTP handler never saw the request, and
// the same certificate will be refused again.
func isRemoteTLSAlert(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "remote error"
}

// isDialError reports an error raised before a connection existed.
func isDialError(err error) bool {
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return true
	}
	var dns *net.DNSError
	return errors.As(err, &dns) || errors.Is(err, syscall.ECONNREFUSED)
}

// errorKind names an error for a log line without its text, which may
// carry a URL.
func errorKind(err error) string {
	var ne net.Error
	switch {
	case errors.Is(err, context.Canceled):
		return "canceled"
	case errors.Is(err, context.DeadlineExceeded):
		return "deadline exceeded"
	case errors.Is(err, ErrResponseTooLarge):
		return "response too large"
	case errors.Is(err, errBodyRead):
		return "response body cut short"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, syscall.ECONNRESET):
		return "connection reset"
	case isDialError(err):
		return "dial failed"
	case permanent(err):
		return "tls or protocol failure"
	case errors.As(err, &ne) && ne.Timeout():
		return "timeout"
	}
	var se *SignError
	if errors.As(err, &se) {
		return "signing failed"
	}
	var le *LimitError
	if errors.As(err, &le) {
		return "rate limiter wait cut short"
	}
	return "transport failure"
}
