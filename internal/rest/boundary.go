package rest

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Boundary converts what the pipeline returns into a client package's own
// errors, so that no internal type reaches a user and every error string
// starts with the package's name. Each client package keeps one Boundary
// and calls Convert wherever it receives an error from a Request.
type Boundary struct {
	// Pkg is the package's name, the prefix of its error strings.
	Pkg string
	// Transport builds the package's *TransportError (Cause gives the
	// underlying failure).
	Transport func(*TransportError) error
	// Status and Decode, when set, convert a non-2xx answer the package's
	// ErrorDecoder did not handle and an undecodable 2xx; unset, they are
	// prefixed like any other error.
	Status func(*StatusError) error
	Decode func(*DecodeError) error
}

// Convert returns err as the package's error: a *TransportError through
// Transport, a signer's or rate limiter's failure as an error that says
// so and unwraps to its cause, the context's errors and anything else of
// the pipeline with the package's prefix (still matching with errors.Is),
// and the package's own errors unchanged.
func (b *Boundary) Convert(err error) error {
	if err == nil {
		return nil
	}
	var (
		te *TransportError
		se *SignError
		le *LimitError
		st *StatusError
		de *DecodeError
	)
	switch {
	case errors.As(err, &te):
		return b.Transport(te)
	case errors.As(err, &se):
		return fmt.Errorf("%s: sign request: %w", b.Pkg, se.Err)
	case errors.As(err, &le):
		return fmt.Errorf("%s: waiting for the rate limiter: %w", b.Pkg, le.Err)
	case b.Status != nil && errors.As(err, &st):
		return b.Status(st)
	case b.Decode != nil && errors.As(err, &de):
		return b.Decode(de)
	}
	msg := err.Error()
	switch {
	case strings.HasPrefix(msg, b.Pkg+": "):
		return err // the package's own (an *APIError from its ErrorDecoder …)
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("%s: %w", b.Pkg, err)
	case strings.HasPrefix(msg, "rest: "):
		return errors.New(b.Pkg + ": " + strings.TrimPrefix(msg, "rest: "))
	}
	return fmt.Errorf("%s: %w", b.Pkg, err)
}

// TransportText is the text of a client package's TransportError:
// "pkg: METHOD path: cause (after n attempts; the request may have reached
// Provider)". The path shows ids as "*".
func TransportText(pkg, provider, method, path string, cause error, attempts int, sent bool) string {
	var b strings.Builder
	b.WriteString(pkg + ": " + method + " " + path + ": ")
	if cause != nil {
		b.WriteString(cause.Error())
	} else {
		b.WriteString("transport failure")
	}
	b.WriteString(" (after " + strconv.Itoa(attempts) + " attempt")
	if attempts != 1 {
		b.WriteByte('s')
	}
	if sent {
		b.WriteString("; the request may have reached " + provider + ")")
	} else {
		b.WriteString("; the request did not reach " + provider + ")")
	}
	return b.String()
}
