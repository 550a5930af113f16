package monitoring

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/vaspkit/vaspkit/internal/rest"
)

// Sentinel errors. An *APIError matches the ones its HTTP status and
// Sumsub errorCode imply, so callers branch with errors.Is.
var (
	// ErrInvalidRequest: HTTP 400 or 422 (malformed data, unsupported
	// type, …), and every *ValidationError (input refused before sending).
	ErrInvalidRequest = errors.New("monitoring: invalid request")
	// ErrUnauthorized: HTTP 401 (app token, signature, clock).
	ErrUnauthorized = errors.New("monitoring: unauthorized")
	// ErrForbidden: HTTP 403 (the app token lacks a permission, or
	// transaction monitoring is not enabled).
	ErrForbidden = errors.New("monitoring: forbidden")
	// ErrNotFound: HTTP 404.
	ErrNotFound = errors.New("monitoring: not found")
	// ErrDuplicate: HTTP 409 "Entity already exists" — a transaction with
	// this txnId exists. Submit returns it only when our own earlier
	// attempt cannot have stored it (see Result.Replayed).
	ErrDuplicate = errors.New("monitoring: already exists")
	// ErrRateLimited: HTTP 429, after the client's retries.
	ErrRateLimited = errors.New("monitoring: rate limited")
	// ErrServer: HTTP 5xx, after the client's retries.
	ErrServer = errors.New("monitoring: server error")
	// ErrOutcomeUnknown: a submit that may have stored the transaction,
	// whose result the client could not learn (an *OutcomeUnknownError).
	ErrOutcomeUnknown = errors.New("monitoring: outcome unknown")

	// ErrInvalidToken: errorCode 4000, 4001 or 4002 — a malformed,
	// unknown or wrong app token (a sandbox token on production data).
	ErrInvalidToken = errors.New("monitoring: invalid app token")
	// ErrSignatureMismatch: errorCode 4003 — the wrong secret, or signed
	// bytes that differ from the bytes sent.
	ErrSignatureMismatch = errors.New("monitoring: request signature mismatch")
	// ErrClockSkew: errorCode 4004 — X-App-Access-Ts more than a minute
	// from Sumsub's clock.
	ErrClockSkew = errors.New("monitoring: request timestamp outside the allowed window")

	// ErrValidation: a *ValidationError, and only that; nothing was sent.
	ErrValidation = errors.New("monitoring: invalid input")
	// ErrOption: New was given a bad or missing option.
	ErrOption = errors.New("monitoring: invalid option")
)

// APIError is a non-2xx answer from Sumsub. Error() never prints Body,
// which may hold personal data.
type APIError struct {
	HTTPStatus int
	// Code is Sumsub's errorCode (4003, …); 0 when absent.
	Code int
	// Name is Sumsub's errorName; match on Code, not on Name (its spelling
	// varies).
	Name string
	// Message is Sumsub's description.
	Message string
	// Type is the server-side exception class Sumsub reports.
	Type string
	// RequestID is the correlationId to quote to Sumsub support.
	RequestID string
	// RetryAfter is the server's Retry-After, when it sent one.
	RetryAfter time.Duration
	// Body is the raw response body.
	Body []byte
}

const maxMessage = 200

func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "monitoring: HTTP %d", e.HTTPStatus)
	if e.Code != 0 || e.Name != "" {
		b.WriteString(" (")
		if e.Code != 0 {
			fmt.Fprintf(&b, "errorCode %d", e.Code)
		}
		if e.Name != "" {
			if e.Code != 0 {
				b.WriteByte(' ')
			}
			b.WriteString(e.Name)
		}
		b.WriteByte(')')
	}
	if e.Message != "" {
		msg := e.Message
		if len(msg) > maxMessage {
			cut := maxMessage
			for cut > 0 && !utf8.RuneStart(msg[cut]) {
				cut--
			}
			msg = msg[:cut] + "…"
		}
		b.WriteString(": ")
		b.WriteString(msg)
	}
	if e.RequestID != "" {
		b.WriteString(" [correlationId ")
		b.WriteString(e.RequestID)
		b.WriteByte(']')
	}
	return b.String()
}

// Is matches the sentinels of the status and errorCode.
func (e *APIError) Is(target error) bool {
	switch target {
	case ErrInvalidRequest:
		return e.HTTPStatus == http.StatusBadRequest || e.HTTPStatus == http.StatusUnprocessableEntity
	case ErrUnauthorized:
		return e.HTTPStatus == http.StatusUnauthorized
	case ErrForbidden:
		return e.HTTPStatus == http.StatusForbidden
	case ErrNotFound:
		return e.HTTPStatus == http.StatusNotFound
	case ErrDuplicate:
		return e.HTTPStatus == http.StatusConflict
	case ErrRateLimited:
		return e.HTTPStatus == http.StatusTooManyRequests
	case ErrServer:
		return e.HTTPStatus >= 500
	case ErrInvalidToken:
		return e.Code == 4000 || e.Code == 4001 || e.Code == 4002
	case ErrSignatureMismatch:
		return e.Code == 4003
	case ErrClockSkew:
		return e.Code == 4004
	}
	return false
}

// errorBody is Sumsub's error object.
type errorBody struct {
	Description   string      `json:"description"`
	Code          json.Number `json:"code"`
	CorrelationID string      `json:"correlationId"`
	ErrorCode     json.Number `json:"errorCode"`
	ErrorName     string      `json:"errorName"`
	Type          string      `json:"type"`
}

// decodeError builds the *APIError for a non-2xx response.
func decodeError(r *rest.ErrorResponse) error {
	e := &APIError{
		HTTPStatus: r.StatusCode,
		RequestID:  r.RequestID,
		RetryAfter: r.RetryAfter,
		Body:       r.Body,
	}
	var body errorBody
	if json.Unmarshal(r.Body, &body) == nil {
		e.Message = body.Description
		e.Name = body.ErrorName
		e.Type = body.Type
		if body.CorrelationID != "" {
			e.RequestID = body.CorrelationID
		}
		if n, err := strconv.Atoi(body.ErrorCode.String()); err == nil {
			e.Code = n
		}
	}
	return e
}

// FieldError is one problem found by client-side validation. It names the
// field, never its value.
type FieldError struct {
	// Path is the field's JSON path, e.g. "applicant.externalUserId".
	Path string
	// Constraint is REQUIRED, ENUM, FORMAT or FORBIDDEN.
	Constraint string
	Message    string
	// Err is the underlying cause when there is one (ErrInvalidNumber for
	// a Builder amount that is not a decimal), reached by errors.Is and
	// errors.As through the ValidationError; nil otherwise. It is not part
	// of the error text.
	Err error
}

func (f FieldError) String() string { return f.Path + ": " + f.Message }

// ValidationError lists every problem client-side validation found
// (Transaction.Validate, Builder.Build, and every call before it sends
// anything). Nothing was sent.
//
// It matches ErrValidation and, like gtr's and travelrule's
// ValidationError, ErrInvalidRequest, so one errors.Is(err,
// ErrInvalidRequest) catches bad input whether the client or Sumsub
// refused it; errors.As to *APIError tells the two apart. errors.Is also
// reaches each problem's cause (FieldError.Err).
type ValidationError struct {
	Problems []FieldError
}

func (e *ValidationError) Error() string {
	var b strings.Builder
	b.WriteString("monitoring: invalid transaction: ")
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(p.String())
	}
	return b.String()
}

// Is matches ErrValidation and ErrInvalidRequest.
func (e *ValidationError) Is(target error) bool {
	return target == ErrValidation || target == ErrInvalidRequest
}

// Unwrap returns the problems' causes, so errors.Is(err, ErrInvalidNumber)
// holds for a Builder amount that is not a decimal.
func (e *ValidationError) Unwrap() []error {
	var out []error
	for _, p := range e.Problems {
		if p.Err != nil {
			out = append(out, p.Err)
		}
	}
	return out
}

// Paths returns the paths of the problems, in order.
func (e *ValidationError) Paths() []string {
	out := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		out[i] = p.Path
	}
	return out
}

// OutcomeUnknownError is a Submit or SubmitForApplicant that may have
// stored the transaction, but whose result the client could not learn: an
// attempt's answer was lost (the connection dropped or timed out after the
// request was written), a 5xx (Sumsub may have stored it first, or go on
// after a gateway gave up) or unreadable (a 2xx whose body did not
// decode), the retries did not settle it, and reading the transaction back
// by txnId did not tell either (ReadErr says why; ErrNotFound there means
// none was stored when the client looked).
//
// Resolve it with GetByTxnID(ctx, TxnID): a result is the stored
// transaction; ErrNotFound means none is stored (yet), and submitting the
// same transaction again is safe — Sumsub keys it by txnId, so it is never
// stored twice, and a submit that meets the stored one answers
// ErrDuplicate.
//
// It matches ErrOutcomeUnknown, and unwraps to the submit's own failure
// (a *rest transport error, an *APIError, a *SyntaxError), so errors.Is
// still reaches ErrServer, ErrRateLimited, ErrDuplicate or the context's
// error. Error() does not print the txnId.
type OutcomeUnknownError struct {
	// TxnID is the transaction's txnId.
	TxnID string
	// Err is the submit's failure.
	Err error
	// ReadErr is why reading the transaction back did not tell the
	// outcome.
	ReadErr error
}

func (e *OutcomeUnknownError) Error() string {
	s := "monitoring: submit outcome unknown: " + e.Err.Error()
	if e.ReadErr != nil {
		s += "; reading the transaction back by txnId: " + e.ReadErr.Error()
	}
	return s + " (GetByTxnID tells whether it was stored)"
}

// Is makes errors.Is(err, ErrOutcomeUnknown) true.
func (e *OutcomeUnknownError) Is(target error) bool { return target == ErrOutcomeUnknown }

// Unwrap returns the submit's failure.
func (e *OutcomeUnknownError) Unwrap() error { return e.Err }

// MaybeSent reports whether err leaves open whether Sumsub carried the
// request out: an *OutcomeUnknownError from a submit, or a transport
// failure after the request may have reached Sumsub (the decisions
// Approve, Reject, Rescore and AddNote are never resent after one). Read
// the state back (GetByTxnID, Get, Notes) before acting again.
func MaybeSent(err error) bool {
	return errors.Is(err, ErrOutcomeUnknown) || rest.MaybeSent(err)
}
