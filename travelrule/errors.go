package travelrule

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/vaspkit/vaspkit/internal/rest"
)

// Sentinel errors. An *APIError matches the sentinels its HTTP status and
// Striga error code imply (errors.Is); a *ValidationError matches
// ErrInvalidRequest.
var (
	// ErrUnauthorized: HTTP 401 or 403, or Striga codes 30000 (Invalid API
	// Key) and 30012 (Invalid Authentication Header).
	ErrUnauthorized = errors.New("travelrule: unauthorized")
	// ErrRateLimited: HTTP 429 after the client's retries ran out.
	ErrRateLimited = errors.New("travelrule: rate limited")
	// ErrDuplicate: HTTP 409.
	ErrDuplicate = errors.New("travelrule: duplicate")
	// ErrNotFound: HTTP 404, or Striga code 30005 (User does not exist).
	ErrNotFound = errors.New("travelrule: not found")
	// ErrInvalidRequest: HTTP 400 or 422, and every client-side
	// *ValidationError.
	ErrInvalidRequest = errors.New("travelrule: invalid request")
	// ErrUserNotVerified: Striga code 30007 (User not verified).
	ErrUserNotVerified = errors.New("travelrule: user not verified")
	// ErrServer: HTTP 5xx, or Striga code 00013 (internal service error),
	// after the client's retries ran out.
	ErrServer = errors.New("travelrule: server error")

	// ErrConfig: New was given an option it cannot use, or WebhookHandler
	// a nil callback (a *ConfigError).
	ErrConfig = errors.New("travelrule: invalid client configuration")
	// ErrOutcomeUnknown: a call that may have taken effect at Striga and
	// whose outcome the client could not learn (an *OutcomeUnknownError).
	// Check the outcome before sending the call again.
	ErrOutcomeUnknown = errors.New("travelrule: outcome unknown")
	// ErrMissingCredentials: an API key or secret is empty.
	ErrMissingCredentials = errors.New("travelrule: missing credentials")

	// ErrMissingSignature: a webhook carries no "signature" header.
	ErrMissingSignature = errors.New("travelrule: webhook has no signature header")
	// ErrInvalidSignature: a webhook's signature does not match its body.
	ErrInvalidSignature = errors.New("travelrule: webhook signature does not match")
	// ErrMalformedWebhook: a webhook body is not a JSON object.
	ErrMalformedWebhook = errors.New("travelrule: malformed webhook body")
)

// Striga error codes (docs.striga.com "Error codes", published "for
// reference only"). Unknown codes are kept verbatim in APIError.Code.
const (
	CodeDefault              = "00000"
	CodeNotImplemented       = "00012"
	CodeInternalError        = "00013"
	CodeInvalidAPIKey        = "30000"
	CodeUserNotFound         = "30005"
	CodeUserNotVerified      = "30007"
	CodeInvalidAuthHeader    = "30012"
	CodeThirdPartyAPIFailure = "30014"
	CodeInvalidPermissions   = "30030"
	CodeBadTransferRequest   = "30031"
	CodeRestrictedDirection  = "41001"
)

// APIError is a non-2xx answer from Striga. A 3xx is one too: the client
// never follows a redirect (it would carry the signed request, with its
// addresses and names, to wherever Location points), and a redirect is
// Striga's (or a proxy's) answer, not a sign that anything was stored.
//
// Error() shows the method, path, status, code and request id, never
// Message or Body: Striga may echo addresses and names in either. Every fmt
// verb (%+v, %#v, …) prints Error().
type APIError struct {
	Method string
	// Path is relative to the base URL, an id in it (the counterparty's)
	// shown as "*".
	Path       string
	HTTPStatus int
	// Code is Striga's error code, from "errorCode" or "code" (string or
	// number); "" when the body has neither.
	Code string
	// Message is the body's "message", "" when absent. It may echo
	// request data, so Error() leaves it out.
	Message string
	// Details is the body's "errorDetails", raw; nil when absent.
	Details json.RawMessage
	// RequestID is the response's request id header, when Striga sends one.
	RequestID string
	// Replayed is true when an earlier attempt of the same call may have
	// reached Striga and been carried out (its connection was lost after
	// the request went out, or it met a 5xx) before the retries ended in
	// this answer: for CreateWidgetSession, the session may exist.
	// MaybeSent reports it.
	Replayed bool
	// RetryAfter is Striga's Retry-After (capped, see WithRetryAfterCap);
	// zero when absent.
	RetryAfter time.Duration
	// Body is the raw response body, for diagnosis. It may hold PII.
	Body []byte
}

func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString("travelrule: ")
	if e.Method != "" {
		b.WriteString(e.Method)
		b.WriteByte(' ')
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString("HTTP ")
	b.WriteString(strconv.Itoa(e.HTTPStatus))
	if e.HTTPStatus >= 300 && e.HTTPStatus < 400 {
		b.WriteString(" (a redirect, not followed)")
	}
	if e.Code != "" {
		b.WriteString(" code ")
		b.WriteString(printable(e.Code, 32))
	}
	if e.RequestID != "" {
		b.WriteString(" (request id ")
		b.WriteString(printable(e.RequestID, 100))
		b.WriteByte(')')
	}
	if e.Replayed {
		b.WriteString(" (after an earlier attempt that may have reached Striga)")
	}
	return b.String()
}

// Format prints Error() for every verb, so %+v and %#v do not reach
// Message or Body.
func (e *APIError) Format(f fmt.State, verb rune) { rest.FormatError(f, verb, e.Error()) }

// Is reports whether the error matches target by HTTP status or code.
func (e *APIError) Is(target error) bool {
	switch target {
	case ErrUnauthorized:
		return e.HTTPStatus == http.StatusUnauthorized || e.HTTPStatus == http.StatusForbidden ||
			e.Code == CodeInvalidAPIKey || e.Code == CodeInvalidAuthHeader
	case ErrRateLimited:
		return e.HTTPStatus == http.StatusTooManyRequests
	case ErrDuplicate:
		return e.HTTPStatus == http.StatusConflict
	case ErrNotFound:
		return e.HTTPStatus == http.StatusNotFound || e.Code == CodeUserNotFound
	case ErrInvalidRequest:
		return e.HTTPStatus == http.StatusBadRequest || e.HTTPStatus == http.StatusUnprocessableEntity
	case ErrUserNotVerified:
		return e.Code == CodeUserNotVerified
	case ErrServer:
		return e.HTTPStatus >= 500 || e.Code == CodeInternalError
	}
	return false
}

// MaybeSent reports whether the request that failed with err may have
// reached Striga and been carried out: an *OutcomeUnknownError, a
// *TransportError with Sent, a 5xx (Striga may have stored before
// failing), an *APIError that followed such an attempt of the same call
// (APIError.Replayed), or a *MalformedResponseError (Striga answered 2xx,
// so it did carry the call out). For a call that is not retried
// automatically (Ambiguous), check its outcome before sending it again.
// For CreateWidgetSession, simply call it again: Striga returns the
// session it holds for the same request (Reused), never a second one.
//
// A 3xx alone is not such a failure: it is an answer, and the client
// never follows it.
func MaybeSent(err error) bool {
	if errors.Is(err, ErrOutcomeUnknown) {
		return true
	}
	var te *TransportError
	if errors.As(err, &te) && te.Sent {
		return true
	}
	var me *MalformedResponseError
	if errors.As(err, &me) {
		return true
	}
	var ae *APIError
	return errors.As(err, &ae) && (ae.Replayed || ae.HTTPStatus >= 500)
}

// decodeAPIError builds an *APIError from a non-2xx response. The body
// shape is not published; community code reads message and errorDetails,
// and the code comes as errorCode or code, string or number.
func decodeAPIError(r *rest.ErrorResponse) error {
	e := &APIError{
		Method:     r.Method,
		Path:       r.Path,
		HTTPStatus: r.StatusCode,
		RequestID:  r.RequestID,
		Replayed:   r.Replayed,
		RetryAfter: r.RetryAfter,
		Body:       r.Body,
	}
	var body struct {
		ErrorCode    json.RawMessage `json:"errorCode"`
		Code         json.RawMessage `json:"code"`
		Message      json.RawMessage `json:"message"`
		ErrorDetails json.RawMessage `json:"errorDetails"`
	}
	if json.Unmarshal(r.Body, &body) == nil {
		e.Code = codeString(body.ErrorCode)
		if e.Code == "" {
			e.Code = codeString(body.Code)
		}
		var msg string
		if json.Unmarshal(body.Message, &msg) == nil {
			e.Message = msg
		}
		if len(body.ErrorDetails) > 0 && !bytes.Equal(body.ErrorDetails, []byte("null")) {
			e.Details = body.ErrorDetails
		}
	}
	return e
}

// codeString reads a code given as a JSON string or number.
func codeString(raw json.RawMessage) string {
	if len(raw) == 0 {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var n json.Number
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if dec.Decode(&n) == nil {
		return n.String()
	}
	return ""
}

// printable cuts s to max runes and replaces control characters, so a
// server message cannot forge log lines.
func printable(s string, max int) string {
	var b strings.Builder
	n := 0
	for _, r := range s {
		if n == max {
			b.WriteString("…")
			break
		}
		if r == utf8.RuneError || unicode.IsControl(r) {
			r = '?'
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}

// Validation rules: the values of FieldError.Rule, upper case as in gtr,
// monitoring and ivms.
const (
	// RuleRequired: a required field is empty.
	RuleRequired = "REQUIRED"
	// RuleExactlyOne: of a group of fields, not exactly one is set
	// (userId|businessId; counterpartyAddress|paymentHash|invoice).
	RuleExactlyOne = "EXACTLY_ONE"
	// RuleUUID: not a UUID in 8-4-4-4-12 hex form.
	RuleUUID = "UUID"
	// RuleNetworkMismatch: the network is not the one the currency
	// requires in the client's Networks table.
	RuleNetworkMismatch = "NETWORK_MISMATCH"
	// RuleUnsupportedCurrency: strict mode, and the currency is not in
	// the client's Networks table.
	RuleUnsupportedCurrency = "UNSUPPORTED_CURRENCY"
	// RuleLightningBTCOnly: paymentHash or invoice on a pair other than
	// BTC/BTC.
	RuleLightningBTCOnly = "LIGHTNING_BTC_ONLY"
	// RulePaymentHash: paymentHash is not 64 hexadecimal characters.
	RulePaymentHash = "PAYMENT_HASH_FORMAT"
	// RuleInvoice: invoice is not a well-formed BOLT11 invoice, or the
	// plugged-in InvoiceCheck refused it. FieldError.Err matches
	// ErrInvalidInvoice and, after a refusal by the check, the check's
	// error (e.g. bolt11.ErrMissingPaymentSecret).
	RuleInvoice = "INVOICE_INVALID"
	// RuleInvoiceNetwork: invoice is for another network than the
	// client's; FieldError.Err matches ErrWrongInvoiceNetwork (and
	// ErrInvalidInvoice).
	RuleInvoiceNetwork = "INVOICE_WRONG_NETWORK"
	// RuleWhitespace: an identifier contains whitespace.
	RuleWhitespace = "WHITESPACE"
	// RuleEnum: a value outside the documented enum.
	RuleEnum = "ENUM"
	// RuleUnsupportedMethod: a verification method the route refuses
	// (SUMSUB_LIVENESS on PATCH /counterparty/{id}, which Striga answers
	// with 422).
	RuleUnsupportedMethod = "UNSUPPORTED_METHOD"
	// RuleDate: an ownership-message date outside the accepted window.
	RuleDate = "DATE"
	// RuleOwnershipMessage: a message that is not the documented
	// ownership message.
	RuleOwnershipMessage = "OWNERSHIP_MESSAGE"
	// RuleExtraField: an Extra field that repeats a modelled field or has
	// an empty name.
	RuleExtraField = "EXTRA_FIELD"
)

// FieldError is one problem found by client-side validation. Message never
// contains the field's value.
type FieldError struct {
	// Path is the JSON field name, e.g. "counterpartyAddress"; a one-of
	// group is written "userId|businessId".
	Path string
	// Rule is the rule the field broke, one of the Rule… constants.
	Rule    string
	Message string
	// Err is the underlying cause when there is one (for invoices, an
	// error matching ErrInvalidInvoice, and the InvoiceCheck's error when
	// the check refused it), for errors.Is; nil otherwise.
	Err error
}

func (e *FieldError) Error() string { return e.Path + ": " + e.Message }

// Unwrap returns the underlying cause, if any.
func (e *FieldError) Unwrap() error { return e.Err }

// ValidationError lists every problem client-side validation found. When a
// call returns one, nothing was sent. It matches ErrInvalidRequest, and
// errors.Is sees through it to each FieldError's cause (for example
// ErrWrongInvoiceNetwork).
type ValidationError struct {
	Problems []FieldError
}

// Format prints Error() for every verb.
func (e *ValidationError) Format(f fmt.State, verb rune) { rest.FormatError(f, verb, e.Error()) }

func (e *ValidationError) Error() string {
	return rest.ProblemsText("travelrule: invalid request: ", e.Problems, func(p FieldError) string { return p.Error() })
}

// Is reports whether target is ErrInvalidRequest.
func (e *ValidationError) Is(target error) bool { return target == ErrInvalidRequest }

// Unwrap returns the problems, so errors.Is and errors.As reach each
// FieldError and its cause.
func (e *ValidationError) Unwrap() []error {
	out := make([]error, len(e.Problems))
	for i := range e.Problems {
		out[i] = &e.Problems[i]
	}
	return out
}

// Has reports whether a problem with path and rule is listed (the same
// method in gtr, monitoring and travelrule).
func (e *ValidationError) Has(path, rule string) bool {
	return slices.ContainsFunc(e.Problems, func(p FieldError) bool { return p.Path == path && p.Rule == rule })
}

// problems collects FieldErrors.
type problems []FieldError

func (ps *problems) add(path, rule, msg string) {
	*ps = append(*ps, FieldError{Path: path, Rule: rule, Message: msg})
}

func (ps *problems) addErr(path, rule, msg string, cause error) {
	*ps = append(*ps, FieldError{Path: path, Rule: rule, Message: msg, Err: cause})
}

func (ps problems) err() error {
	if len(ps) == 0 {
		return nil
	}
	return &ValidationError{Problems: ps}
}

// ConfigError is an option New (or WebhookHandler) rejected. It matches
// ErrConfig.
type ConfigError struct {
	// Option names the option, e.g. "WithRetry", or "New" for a nil
	// Option.
	Option string
	Reason string
}

// Error returns "travelrule: " + Option + ": " + Reason.
func (e *ConfigError) Error() string { return "travelrule: " + e.Option + ": " + e.Reason }

// Is makes errors.Is(err, ErrConfig) true.
func (e *ConfigError) Is(target error) bool { return target == ErrConfig }

// optionError reports a bad option to New.
func optionError(option, format string, args ...any) error {
	return &ConfigError{Option: option, Reason: fmt.Sprintf(format, args...)}
}

// credentialsError is a *ConfigError that also matches
// ErrMissingCredentials.
type credentialsError struct{ *ConfigError }

func (e credentialsError) Unwrap() error        { return e.ConfigError }
func (e credentialsError) Is(target error) bool { return target == ErrMissingCredentials }

func missingCredentials(option string) error {
	return credentialsError{&ConfigError{Option: option, Reason: "missing credentials: the API key and secret are required"}}
}

// TransportError is a call that ended without a usable answer from
// Striga: a dial, TLS, timeout or connection failure, or a body cut short.
// Sent is true when the request may have reached Striga (MaybeSent).
type TransportError struct {
	Method string
	// Path is relative to the base URL, an id in it shown as "*".
	Path     string
	Attempts int
	// Sent is true when the request may have reached Striga. For a call
	// that is not retried automatically (Ambiguous), check its outcome
	// before sending it again.
	Sent bool
	// Err is the underlying failure (a net error, the context's error …).
	Err error
}

func (e *TransportError) Error() string {
	return rest.TransportText("travelrule", "Striga", e.Method, e.Path, e.Err, e.Attempts, e.Sent)
}

// Unwrap returns the underlying failure.
func (e *TransportError) Unwrap() error { return e.Err }

// fromRest converts an error from internal/rest into the package's own
// types at the package boundary (see rest.Boundary), so that no
// internal/rest type reaches a user: a *rest.TransportError becomes a
// *TransportError, a *rest.StatusError an *APIError, a *rest.DecodeError a
// *MalformedResponseError; a signing failure, a rate-limiter wait cut
// short, the context's errors and any other error get the "travelrule: "
// prefix and keep their cause.
func fromRest(err error) error { return boundary.Convert(err) }

var boundary = &rest.Boundary{
	Pkg: "travelrule",
	Transport: func(te *rest.TransportError) error {
		return &TransportError{Method: te.Method, Path: te.Path, Attempts: te.Attempts, Sent: te.Sent, Err: te.Cause()}
	},
	Status: func(st *rest.StatusError) error { return decodeAPIError(st.Response) },
	Decode: func(de *rest.DecodeError) error {
		return &MalformedResponseError{Method: de.Method, Path: de.Path, HTTPStatus: de.StatusCode, Err: de.Err}
	},
}

// OutcomeUnknownError is a call that may have taken effect at Striga but
// whose outcome the client could not learn: an Ambiguous call (declaring
// a counterparty, verifying a wallet) whose answer was lost after the
// request went out (Err is a *TransportError with Sent), or whose 2xx
// answer could not be read (Err is a *MalformedResponseError). It matches
// ErrOutcomeUnknown, and MaybeSent reports true. Check the outcome before
// sending the call again.
type OutcomeUnknownError struct {
	Method string
	// Path is relative to the base URL, an id in it shown as "*".
	Path string
	// Err is the failure that left the outcome unknown.
	Err error
}

func (e *OutcomeUnknownError) Error() string {
	s := "travelrule: " + e.Method + " " + e.Path + ": outcome unknown"
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s + " (check before sending it again)"
}

// Format prints Error() for every verb.
func (e *OutcomeUnknownError) Format(f fmt.State, verb rune) { rest.FormatError(f, verb, e.Error()) }

// Is makes errors.Is(err, ErrOutcomeUnknown) true.
func (e *OutcomeUnknownError) Is(target error) bool { return target == ErrOutcomeUnknown }

// Unwrap returns the failure that left the outcome unknown.
func (e *OutcomeUnknownError) Unwrap() error { return e.Err }

// ambiguous converts the error of an Ambiguous call (one not retried once
// it may have reached Striga): a lost answer after sending or an
// unreadable 2xx becomes an *OutcomeUnknownError.
func ambiguous(err error, method, path string) error {
	err = fromRest(err)
	var te *TransportError
	var me *MalformedResponseError
	if errors.As(err, &te) && te.Sent || errors.As(err, &me) {
		return &OutcomeUnknownError{Method: method, Path: path, Err: err}
	}
	return err
}

// ErrMalformedResponse: a 2xx response whose body is not what the call
// expects: empty, or not a JSON object (a *MalformedResponseError).
var ErrMalformedResponse = errors.New("travelrule: malformed response")

// MalformedResponseError is a 2xx answer whose body the call cannot use:
// empty (whatever the status: 200, 202 or 204) or not a JSON object.
// Striga carried the call out — a session or a counterparty may now exist
// — but its answer cannot be read, so it is never success, and MaybeSent
// reports true: call CreateWidgetSession again (Striga returns the session
// it holds), check before declaring or verifying again.
//
// It matches ErrMalformedResponse. Its text names the call and the
// status, never the body.
type MalformedResponseError struct {
	Method string
	// Path is relative to the base URL, an id in it shown as "*".
	Path       string
	HTTPStatus int
	RequestID  string
	// Err is what was wrong with the body.
	Err error
}

func (e *MalformedResponseError) Error() string {
	var b strings.Builder
	b.WriteString("travelrule: ")
	b.WriteString(e.Method)
	b.WriteByte(' ')
	b.WriteString(e.Path)
	b.WriteString(": HTTP ")
	b.WriteString(strconv.Itoa(e.HTTPStatus))
	b.WriteString(": malformed response")
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	if e.RequestID != "" {
		b.WriteString(" (request id ")
		b.WriteString(printable(e.RequestID, 100))
		b.WriteByte(')')
	}
	return b.String()
}

// Format prints Error() for every verb.
func (e *MalformedResponseError) Format(f fmt.State, verb rune) {
	rest.FormatError(f, verb, e.Error())
}

// Is makes errors.Is(err, ErrMalformedResponse) true.
func (e *MalformedResponseError) Is(target error) bool { return target == ErrMalformedResponse }

// Unwrap returns what was wrong with the body.
func (e *MalformedResponseError) Unwrap() error { return e.Err }

// Causes of a *MalformedResponseError.
var (
	errEmptyBody = errors.New("empty body")
	errNotObject = errors.New("not a JSON object")
)

// answer returns the top-level fields of a 2xx body, which the result
// keeps, or a *MalformedResponseError naming the call.
func answer(raw []byte, method, path string, meta *rest.Meta) (map[string]json.RawMessage, error) {
	cause := errEmptyBody
	if len(bytes.TrimSpace(raw)) > 0 {
		fields, ok := topLevelFields(raw)
		if ok {
			return fields, nil
		}
		cause = errNotObject
	}
	return nil, &MalformedResponseError{Method: method, Path: path, HTTPStatus: meta.StatusCode, RequestID: meta.RequestID, Err: cause}
}
