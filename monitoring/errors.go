package monitoring

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
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
	// ErrUnauthorized: HTTP 401, and Sumsub's authentication errorCodes
	// 4000–4004 (app token, signature, clock) whatever their status.
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
	// ErrOutcomeUnknown: a call that may have taken effect (a submit that
	// may have stored the transaction, a decision Sumsub answered with a
	// body the client cannot read) whose result the client could not learn
	// (an *OutcomeUnknownError).
	ErrOutcomeUnknown = errors.New("monitoring: outcome unknown")
	// ErrMalformedResponse: a 2xx answer whose body is empty where Sumsub
	// documents one, does not decode, or is a transaction without its id
	// (a *MalformedResponseError). It is never success: a read returns
	// it, a call that changes state returns it inside an
	// *OutcomeUnknownError.
	ErrMalformedResponse = errors.New("monitoring: malformed response")

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
	// ErrConfig: New was given a bad, nil or missing option, or
	// WebhookHandler a missing secret or callback (a *ConfigError).
	ErrConfig = errors.New("monitoring: invalid client configuration")
)

// ConfigError is an option New (or WebhookHandler) rejected.
// It matches ErrConfig.
type ConfigError struct {
	// Option names the option, e.g. "WithRetry"; "New" for a nil option.
	Option string
	// Reason says what is wrong with it.
	Reason string
}

func (e *ConfigError) Error() string { return "monitoring: " + e.Option + ": " + e.Reason }

// Is makes errors.Is(err, ErrConfig) true.
func (e *ConfigError) Is(target error) bool { return target == ErrConfig }

// APIError is a non-2xx answer from Sumsub. A 3xx is one too: the client
// never follows a redirect (it would carry the signed request and its
// personal data to wherever Location points), and a redirect is not a
// sign that Sumsub stored anything.
//
// Error() prints the method, the path (ids shown as "*"), the status,
// errorCode, errorName and correlationId, never
// Message or Body: Sumsub's description echoes request data ("Invalid id
// '…'"), and the body may hold personal data. Every fmt verb (%+v, %#v, …)
// prints Error().
type APIError struct {
	HTTPStatus int
	// Method and Path are the request's method and path, with the ids in
	// the path shown as "*".
	Method, Path string
	// Code is Sumsub's errorCode (4003, …); 0 when absent.
	Code int
	// Name is Sumsub's errorName; match on Code, not on Name (its spelling
	// varies).
	Name string
	// Message is Sumsub's description. It may echo request data (ids,
	// field values), so Error() leaves it out.
	Message string
	// Type is the server-side exception class Sumsub reports.
	Type string
	// RequestID is the correlationId to quote to Sumsub support.
	RequestID string
	// RetryAfter is the server's Retry-After, when it sent one.
	RetryAfter time.Duration
	// Body is the raw response body. It may hold personal data.
	Body []byte
}

func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString("monitoring: ")
	if e.Path != "" {
		if e.Method != "" {
			b.WriteString(e.Method)
			b.WriteByte(' ')
		}
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	fmt.Fprintf(&b, "HTTP %d", e.HTTPStatus)
	if e.HTTPStatus >= 300 && e.HTTPStatus < 400 {
		b.WriteString(" (a redirect, not followed)")
	}
	if e.Code != 0 || e.Name != "" {
		b.WriteString(" (")
		if e.Code != 0 {
			fmt.Fprintf(&b, "errorCode %d", e.Code)
		}
		if e.Name != "" {
			if e.Code != 0 {
				b.WriteByte(' ')
			}
			b.WriteString(printable(e.Name, maxRequestID))
		}
		b.WriteByte(')')
	}
	if e.RequestID != "" {
		b.WriteString(" [correlationId ")
		b.WriteString(printable(e.RequestID, maxRequestID))
		b.WriteByte(']')
	}
	return b.String()
}

// Format prints Error() for every verb, so %+v and %#v do not reach
// Message or Body.
func (e *APIError) Format(f fmt.State, verb rune) { rest.FormatError(f, verb, e.Error()) }

// maxRequestID bounds the correlation id Error() prints.
const maxRequestID = 100

// printable cuts s to max bytes (at a rune boundary) and replaces control
// characters, so a server-sent value cannot forge log lines.
func printable(s string, max int) string {
	if len(s) > max {
		cut := max
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return '?'
		}
		return r
	}, s)
}

// Is matches the sentinels of the status and errorCode.
func (e *APIError) Is(target error) bool {
	switch target {
	case ErrInvalidRequest:
		return e.HTTPStatus == http.StatusBadRequest || e.HTTPStatus == http.StatusUnprocessableEntity
	case ErrUnauthorized:
		return e.HTTPStatus == http.StatusUnauthorized || e.Code >= 4000 && e.Code <= 4004
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
		Method:     r.Method,
		Path:       r.Path,
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
	// Rule is REQUIRED, ENUM, FORMAT or FORBIDDEN.
	Rule    string
	Message string
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
	return rest.ProblemsText("monitoring: invalid transaction: ", e.Problems, FieldError.String)
}

// Has reports whether a problem with path and rule is listed (the same
// method in gtr, monitoring and travelrule).
func (e *ValidationError) Has(path, rule string) bool {
	return slices.ContainsFunc(e.Problems, func(p FieldError) bool { return p.Path == path && p.Rule == rule })
}

// Format prints Error() for every verb.
func (e *ValidationError) Format(f fmt.State, verb rune) { rest.FormatError(f, verb, e.Error()) }

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

// OutcomeUnknownError is a call that may have taken effect, but whose
// result the client could not learn.
//
// From Submit and SubmitForApplicant (TxnID set): an attempt's answer was
// lost (the connection dropped or timed out after the request was
// written), a 5xx (Sumsub may have stored it first, or go on after a
// gateway gave up) or unreadable (a 2xx with an empty body, a body that
// does not decode, or a transaction without its id), the retries did not
// settle it, and reading the transaction back by txnId did not tell either
// (ReadErr says why; ErrNotFound there means none was stored when the
// client looked). Resolve it with GetByTxnID(ctx, TxnID): a result is the
// stored transaction; ErrNotFound means none is stored (yet), and
// submitting the same transaction again is safe — Sumsub keys it by txnId,
// so it is never stored twice, and a submit that meets the stored one
// answers ErrDuplicate.
//
// From any other call that changes state (Approve, Reject, Rescore,
// SetProps, Delete, AddNote, Import, the Travel Rule calls, …): Sumsub
// answered 2xx, so it carried the call out, but the answer is empty where
// Sumsub documents a body, or does not decode (Err is the
// *MalformedResponseError). Read the transaction back with Get (Notes,
// Tags) before acting again; Import may simply be sent again, as Sumsub
// ignores duplicates.
//
// From Submit or SubmitForApplicant of a transaction without a txnId: as
// for any other call that changes state, but there is no txnId to read it
// back by; Find tells whether it was stored.
//
// It matches ErrOutcomeUnknown, and unwraps to the call's own failure (a
// *TransportError, an *APIError, a *MalformedResponseError), so
// errors.Is still reaches ErrServer, ErrRateLimited, ErrDuplicate,
// ErrMalformedResponse or the context's error. Neither Error() nor any fmt
// verb prints the txnId.
type OutcomeUnknownError struct {
	// TxnID is the transaction's txnId (Submit and SubmitForApplicant
	// only).
	TxnID TxnID
	// Err is the call's failure.
	Err error
	// ReadErr is why reading the transaction back did not tell the
	// outcome (Submit and SubmitForApplicant only).
	ReadErr error

	call string // the call, when it is not a submit
	hint string // what to do, when the call's default does not apply
}

func (e *OutcomeUnknownError) Error() string {
	var b strings.Builder
	if e.call == "" {
		b.WriteString("monitoring: submit outcome unknown")
	} else {
		b.WriteString("monitoring: ")
		b.WriteString(e.call)
		b.WriteString(" outcome unknown")
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	switch {
	case e.hint != "":
		b.WriteString(" (")
		b.WriteString(e.hint)
		b.WriteByte(')')
	case e.call == "":
		if e.ReadErr != nil {
			b.WriteString("; reading the transaction back by txnId: ")
			b.WriteString(e.ReadErr.Error())
		}
		b.WriteString(" (GetByTxnID tells whether it was stored)")
	case e.call == "Import":
		b.WriteString(" (Sumsub ignores duplicates: Import may be sent again)")
	default:
		b.WriteString(" (read the transaction back before acting again)")
	}
	return b.String()
}

// Format prints Error() for every verb, so %+v and %#v do not show the
// txnId.
func (e *OutcomeUnknownError) Format(f fmt.State, verb rune) { rest.FormatError(f, verb, e.Error()) }

// Is makes errors.Is(err, ErrOutcomeUnknown) true.
func (e *OutcomeUnknownError) Is(target error) bool { return target == ErrOutcomeUnknown }

// Unwrap returns the call's failure.
func (e *OutcomeUnknownError) Unwrap() error { return e.Err }

// MalformedResponseError is a 2xx answer the client cannot use: an empty
// body where Sumsub documents one (200, 202 or 204 alike), a body that does
// not decode, or a transaction without its id. Sumsub carried the call out
// and only its answer is unreadable, so it is never success: a read (Get,
// GetByTxnID, Notes, Tags) returns it; Submit and SubmitForApplicant read
// the transaction back by txnId; every other call that changes state
// returns it inside an *OutcomeUnknownError.
//
// It matches ErrMalformedResponse and unwraps to the decoder's error (a
// *SyntaxError for malformed JSON; nil for an empty body). Its text never
// quotes the body.
type MalformedResponseError struct {
	// HTTPStatus is the response's 2xx status.
	HTTPStatus int
	// Err is what was wrong with the body.
	Err error
}

func (e *MalformedResponseError) Error() string {
	s := "monitoring: HTTP " + strconv.Itoa(e.HTTPStatus) + ": malformed response"
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Format prints Error() for every verb.
func (e *MalformedResponseError) Format(f fmt.State, verb rune) { rest.FormatError(f, verb, e.Error()) }

// Is makes errors.Is(err, ErrMalformedResponse) true.
func (e *MalformedResponseError) Is(target error) bool { return target == ErrMalformedResponse }

// Unwrap returns what was wrong with the body.
func (e *MalformedResponseError) Unwrap() error { return e.Err }

// Causes of a *MalformedResponseError.
var (
	errEmptyBody = errors.New("empty body")
	errNoID      = errors.New("the transaction has no id")
)

// MaybeSent reports whether err leaves open whether Sumsub carried the
// request out: an *OutcomeUnknownError (a submit whose outcome stayed
// unknown, or a call Sumsub answered 2xx with a body the client cannot
// read), or a *TransportError with Sent set (the decisions Approve,
// Reject, Rescore and AddNote are never resent after one). Read the state
// back (GetByTxnID, Get, Notes) before acting again. A 3xx is not such a
// failure: it is Sumsub's (or a proxy's) answer, and the client never
// follows it.
func MaybeSent(err error) bool {
	if errors.Is(err, ErrOutcomeUnknown) {
		return true
	}
	var te *TransportError
	return errors.As(err, &te) && te.Sent
}

// TransportError is a call that ended without a usable response from
// Sumsub: a dial, TLS, timeout or connection failure, or a response body
// cut short or over the size limit.
type TransportError struct {
	// Method and Path are the request's method and path, with the ids in
	// the path shown as "*".
	Method, Path string
	// Attempts is how many attempts were made.
	Attempts int
	// Sent is true when the request may have reached Sumsub.
	Sent bool
	// Err is the underlying failure (a net error, the context's error, …).
	Err error
}

func (e *TransportError) Error() string {
	return rest.TransportText("monitoring", "Sumsub", e.Method, e.Path, e.Err, e.Attempts, e.Sent)
}

// Unwrap returns the underlying failure.
func (e *TransportError) Unwrap() error { return e.Err }

// fromRest converts an error from internal/rest into this package's at
// the package boundary (see rest.Boundary): a *rest.TransportError becomes
// a *TransportError; a signing failure, a rate-limiter wait cut short, the
// context's errors and any other error of the pipeline get the
// "monitoring: " prefix and keep their cause. Errors of this package (an
// *APIError from decodeError) pass unchanged.
func fromRest(err error) error { return boundary.Convert(err) }

var boundary = &rest.Boundary{
	Pkg: "monitoring",
	Transport: func(te *rest.TransportError) error {
		return &TransportError{Method: te.Method, Path: te.Path, Attempts: te.Attempts, Sent: te.Sent, Err: te.Cause()}
	},
}
