package gtr

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/vaspkit/vaspkit/internal/rest"
)

// Sentinels for errors.Is. An *APIError matches the sentinels of its
// verifyStatus (or, when the body carried none, of its HTTP status); a
// *ValidationError matches ErrInvalidRequest. The verdicts 200001, 200003
// and 200007 have none: they are results (OneStepResult.Status), and in
// the unlikely *APIError of another call they are its Code.
var (
	// ErrUnauthorized: authentication failed or the session ended
	// (100014, 100020, 100021, HTTP 401/403). With WithLogin the client has
	// already logged in again and repeated the call once.
	ErrUnauthorized = errors.New("gtr: unauthorized")
	// ErrRateLimited: the subscription quota is exhausted (100003, HTTP
	// 402) or the server answered HTTP 429. A quota is not cured by waiting
	// a few seconds: see Query's APIUsage.
	ErrRateLimited = errors.New("gtr: rate or quota limit exceeded")
	// ErrDuplicate: the requestId was used before (100005). Never reuse a
	// requestId; a new travel rule needs a new one.
	ErrDuplicate = errors.New("gtr: duplicate requestId")
	// ErrNotFound: the VASP (100015) or the requestId (Query) does not
	// exist, or HTTP 404.
	ErrNotFound = errors.New("gtr: not found")
	// ErrInvalidRequest: GTR rejected the parameters (100004, 100023, HTTP
	// 400 without a code), or client-side validation did (*ValidationError).
	ErrInvalidRequest = errors.New("gtr: invalid request")
	// ErrCannotEncrypt: 200006, PII encryption failed.
	ErrCannotEncrypt = errors.New("gtr: PII encryption failed")
	// ErrPublicKeyNotFound: 100016, the counterparty has no PII public key.
	ErrPublicKeyNotFound = errors.New("gtr: VASP public key not found")
	// ErrServer: GTR (100006), the initiator's (100007) or the
	// receiver's (100008) server failed, or HTTP 5xx.
	ErrServer = errors.New("gtr: server failure")
	// ErrTxIDDuplicated: 100029, the tx id was already notified.
	ErrTxIDDuplicated = errors.New("gtr: transaction id already notified")
	// ErrWrongFlow: 100027, calls out of order (e.g. notify_tx_id before a
	// successful one_step).
	ErrWrongFlow = errors.New("gtr: wrong call order")
	// ErrRejected: the counterparty or GTR refused the travel rule on
	// compliance grounds (200004, 200005, 200008–200017).
	ErrRejected = errors.New("gtr: travel rule rejected")
	// ErrOutcomeUnknown: a one_step (or notify_tx_id, end, manual answer)
	// may have reached GTR but its outcome could not be learned (see
	// *OutcomeUnknownError). Do not resend it blindly; Query it later.
	ErrOutcomeUnknown = errors.New("gtr: outcome unknown")
)

// APIError is a response GTR answered with a failure: a non-2xx status
// (a redirect included: the client never follows one), or a verifyStatus
// that is neither success nor, for OneStep, a verdict.
//
// Error() prints the call, the verifyStatus and the HTTP status only:
// never the body, which may hold PII, nor the requestId or GTR's message,
// which may echo values of the request (an address, a txId) or text the
// counterparty wrote. Read them from the fields.
type APIError struct {
	HTTPStatus int          // the HTTP status code
	Code       VerifyStatus // verifyStatus; 0 when the body carried none
	// Message is verifyMessage (or msg), as GTR sent it. It may echo
	// request values or the counterparty's text: it is not printed.
	Message string
	// RequestID is the travel rule's requestId when the call had one
	// (one_step, query, notify_tx_id, end, manual answers). Not printed.
	RequestID string
	Method    string // the HTTP method of the call, when known
	Path      string // the API path of the call (no query), when known
	Body      []byte // the raw response body; may hold PII, never printed
	// RetryAfter is the server's Retry-After, shortened to the
	// WithRetryAfterCap limit; zero when absent.
	RetryAfter time.Duration

	notFound bool // a Query answer with a failure status and no data
}

// Error returns "gtr: <method> <path>: verifyStatus <code> <NAME> (HTTP n)".
func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString("gtr: ")
	if e.Path != "" {
		if e.Method != "" {
			b.WriteString(e.Method)
			b.WriteByte(' ')
		}
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	if e.Code != 0 {
		fmt.Fprintf(&b, "verifyStatus %d %s", int(e.Code), e.Code)
		if e.HTTPStatus != 0 {
			fmt.Fprintf(&b, " (HTTP %d)", e.HTTPStatus)
		}
	} else {
		fmt.Fprintf(&b, "HTTP %d", e.HTTPStatus)
	}
	return b.String()
}

// Is matches the sentinels of the error's verifyStatus, or of its HTTP
// status when the body carried no verifyStatus or one without a sentinel
// (401/403 ErrUnauthorized, 402/429 ErrRateLimited, 5xx ErrServer …).
func (e *APIError) Is(target error) bool {
	if target == ErrNotFound && e.notFound {
		return true
	}
	if e.Code != 0 {
		if s := codeSentinel(e.Code); s != nil {
			return target == s
		}
		return target == httpSentinel(e.HTTPStatus) // a code without a sentinel: the HTTP status's
	}
	return target == httpSentinel(e.HTTPStatus)
}

// authExpired reports the statuses after which a logged-in client logs in
// again and repeats the call once.
func (e *APIError) authExpired() bool {
	switch e.Code {
	case statusSessionExpired, statusNoAuth, statusNoLoginSession:
		return true
	}
	return e.HTTPStatus == http.StatusUnauthorized
}

func codeSentinel(c VerifyStatus) error {
	switch c {
	case statusSessionExpired, statusNoAuth, statusNoLoginSession:
		return ErrUnauthorized
	case statusLimitExceeded:
		return ErrRateLimited
	case statusRequestIDDuplicated:
		return ErrDuplicate
	case statusVASPNotFound:
		return ErrNotFound
	case statusBadParameters, statusInvalidParameters:
		return ErrInvalidRequest
	case statusServerFail, statusInitiatorServerFail, statusReceiverServerFail:
		return ErrServer
	case statusPublicKeyNotFound:
		return ErrPublicKeyNotFound
	case statusWrongFlow:
		return ErrWrongFlow
	case statusTxIDDuplicated:
		return ErrTxIDDuplicated
	case StatusDecryptFail:
		return ErrCannotDecrypt
	case statusEncryptFail:
		return ErrCannotEncrypt
	case statusChallengeHashMismatch, statusAddressVerifyFail, StatusNoKYC, StatusNameMismatch,
		StatusSanctionList, StatusOriginatorPIIInsufficient, StatusBeneficiaryPIIInsufficient,
		StatusUnhostedWrongOwner, StatusUnhostedCannotLocate, StatusBeneficiaryRejected,
		StatusVASPRejected, StatusWrongVASP:
		return ErrRejected
	}
	return nil
}

func httpSentinel(status int) error {
	switch {
	case status == http.StatusUnauthorized, status == http.StatusForbidden:
		return ErrUnauthorized
	case status == http.StatusTooManyRequests, status == http.StatusPaymentRequired:
		return ErrRateLimited
	case status == http.StatusNotFound:
		return ErrNotFound
	case status == http.StatusConflict:
		return ErrDuplicate
	case status == http.StatusBadRequest, status == http.StatusUnprocessableEntity:
		return ErrInvalidRequest
	case status >= 500:
		return ErrServer
	}
	return nil
}

// envelope is GTR's response shape (spec §1.1).
type envelope struct {
	Data          json.RawMessage `json:"data"`
	VerifyStatus  VerifyStatus    `json:"verifyStatus"`
	VerifyMessage string          `json:"verifyMessage"`
	VerifyStage   VerifyStage     `json:"verifyStage"`
	Msg           string          `json:"msg"`
	Success       *bool           `json:"success"`

	oneStep *oneStepData // one_step's data, when decoded with the envelope
}

func (e *envelope) message() string {
	if e.VerifyMessage != "" {
		return e.VerifyMessage
	}
	return e.Msg
}

// hasData reports whether data is present and not empty.
func (e *envelope) hasData() bool {
	d := strings.TrimSpace(string(e.Data))
	return d != "" && d != "null" && d != "{}" && d != "[]"
}

// decodeError is the rest.ErrorDecoder: every non-2xx response becomes an
// *APIError, with verifyStatus and message when the body carries them. A
// redirect (3xx) is not followed and not GTR's answer: its body is kept
// but not read for a verifyStatus.
func decodeError(resp *rest.ErrorResponse) error {
	e := &APIError{HTTPStatus: resp.StatusCode, Method: resp.Method, Path: resp.Path, Body: resp.Body, RetryAfter: resp.RetryAfter}
	if resp.StatusCode >= 300 && resp.StatusCode < 400 {
		return e
	}
	var env envelope
	if json.Unmarshal(resp.Body, &env) == nil {
		e.Code = env.VerifyStatus
		e.Message = env.message()
	}
	return e
}

// ValidationError lists every problem client-side validation found in a
// request. Nothing was sent. It names fields, never their values, and
// matches ErrInvalidRequest.
type ValidationError struct {
	Problems []FieldError
}

// FieldError is one invalid field. It never holds the field's value.
type FieldError struct {
	Path    string // the Go field path, e.g. "OneStepRequest.Amount"
	Rule    string // the rule broken: "REQUIRED", "FORMAT", "LENGTH", "RANGE", "UNIQUE" or "CONFLICT"
	Message string // what is wrong, without the value
}

// Validation rules, the values of FieldError.Rule.
const (
	ruleRequired = "REQUIRED" // missing
	ruleFormat   = "FORMAT"   // not of the documented form
	ruleLength   = "LENGTH"   // too long or too short
	ruleRange    = "RANGE"    // a number out of range
	ruleUnique   = "UNIQUE"   // listed twice
	ruleConflict = "CONFLICT" // not allowed together with another field or the direction
)

func (e *ValidationError) Error() string {
	return rest.ProblemsText("gtr: invalid request: ", e.Problems, func(p FieldError) string { return p.Path + ": " + p.Message })
}

// Has reports whether a problem with path and rule is listed (the same
// method in gtr, monitoring and travelrule).
func (e *ValidationError) Has(path, rule string) bool {
	return slices.ContainsFunc(e.Problems, func(p FieldError) bool { return p.Path == path && p.Rule == rule })
}

// Is makes errors.Is(err, ErrInvalidRequest) true.
func (e *ValidationError) Is(target error) bool { return target == ErrInvalidRequest }

// problems collects validation problems.
type problems []FieldError

func (p *problems) add(path, rule, format string, args ...any) {
	*p = append(*p, FieldError{Path: path, Rule: rule, Message: fmt.Sprintf(format, args...)})
}

func (p problems) err() error {
	if len(p) == 0 {
		return nil
	}
	return &ValidationError{Problems: p}
}

// invalid is a *ValidationError with one problem.
// requestID adds the problem with a requestId at path, if any: missing
// (REQUIRED), or not 4–64 characters of GTR's alphabet (FORMAT).
func (p *problems) requestID(path, id string) {
	switch {
	case id == "":
		p.add(path, ruleRequired, "is required")
	case !validRequestID(id):
		p.add(path, ruleFormat, "must be 4–64 characters of [A-Za-z0-9_=-]")
	}
}

func invalid(path, rule, message string) *ValidationError {
	return &ValidationError{Problems: []FieldError{{Path: path, Rule: rule, Message: message}}}
}

// OutcomeUnknownError is a call that may have reached GTR but whose
// outcome the client could not learn: a timeout or a connection lost after
// the request was written, or a 5xx without a verdict. For one_step the
// client has also asked GET /api/verify/query, in vain (QueryErr says why).
//
// The request was not, and must not be, resent blindly with the same
// requestId: query it later with Client.Query, and start a new travel rule
// (a new requestId) only once GTR says the first one does not exist.
// NotifyTxID may be called again: a "tx id already notified" answer counts
// as success when GTR's record shows the same txId.
type OutcomeUnknownError struct {
	Op string // "one_step", "notify_tx_id", "end", "manual/verify_pii" …
	// RequestID is the travel rule's requestId; Error does not print it.
	RequestID string
	// Err is the failure of the call.
	Err error
	// QueryErr is why the recovery query did not tell the outcome (nil when
	// none was attempted).
	QueryErr error
}

// Error describes the failure without the requestId (see RequestID).
func (e *OutcomeUnknownError) Error() string {
	s := "gtr: " + e.Op + " outcome unknown: "
	if e.Err != nil {
		s += e.Err.Error()
	}
	if e.QueryErr != nil {
		s += "; recovery query: " + e.QueryErr.Error()
	}
	return s + " (do not resend blindly; query it)"
}

// Is makes errors.Is(err, ErrOutcomeUnknown) true.
func (e *OutcomeUnknownError) Is(target error) bool { return target == ErrOutcomeUnknown }

// Unwrap returns the one_step failure.
func (e *OutcomeUnknownError) Unwrap() error { return e.Err }

// MaybeSent reports whether err leaves open whether the failed call took
// effect at GTR: an *OutcomeUnknownError (ErrOutcomeUnknown), which
// one_step, notify_tx_id, end and the manual answers return after a lost
// or unreadable answer, or a *TransportError with Sent (the request may
// have reached GTR). Do not send such a call again blindly: Query the
// requestId. A *LoginError is never sent.
func MaybeSent(err error) bool {
	if errors.Is(err, ErrOutcomeUnknown) {
		return true
	}
	if beforeSend(err) {
		return false
	}
	var te *TransportError
	return errors.As(err, &te) && te.Sent
}

// TransportError is a call that ended without a usable answer from GTR: a
// dial, TLS, timeout or connection failure, or a body cut short. Sent is
// true when the request may have reached GTR.
type TransportError struct {
	Method   string // the HTTP method
	Path     string // the API path, without query
	Attempts int    // how many times the request was tried
	// Sent is true when the request may have reached GTR: for one_step,
	// notify_tx_id, end and the manual answers, do not resend blindly.
	Sent bool
	// Err is the underlying network error (a *net.OpError, io.ErrUnexpectedEOF,
	// context.DeadlineExceeded …).
	Err error
}

// Error returns "gtr: <method> <path>: <cause> (after n attempts; …)".
func (e *TransportError) Error() string {
	return rest.TransportText("gtr", "GTR", e.Method, e.Path, e.Err, e.Attempts, e.Sent)
}

// Unwrap returns the underlying network error.
func (e *TransportError) Unwrap() error { return e.Err }

// fromRest converts, at gtr's boundary (see rest.Boundary), the error
// types of internal/rest that a user could not name into gtr's: a
// *rest.TransportError becomes a *TransportError, a 2xx answer the
// envelope reader refused its *APIError or *MalformedResponseError; a
// signing failure, the context's errors and any other error of the
// pipeline get the "gtr: " prefix and keep their cause. Every error gtr
// receives from internal/rest passes through it.
func fromRest(err error) error {
	b := rest.Boundary{Pkg: "gtr", Transport: transportError, Decode: decodeRefusal}
	return b.Convert(err)
}

func transportError(te *rest.TransportError) error {
	return &TransportError{Method: te.Method, Path: te.Path, Attempts: te.Attempts, Sent: te.Sent, Err: te.Cause()}
}

// decodeRefusal is a 2xx answer Into's target (answer) refused or could
// not read.
func decodeRefusal(de *rest.DecodeError) error {
	var ae *APIError
	if errors.As(de.Err, &ae) {
		ae.HTTPStatus, ae.Method, ae.Path = de.StatusCode, de.Method, de.Path
		return ae
	}
	var me *MalformedResponseError
	if errors.As(de.Err, &me) {
		me.Path = de.Path
		return me
	}
	return &MalformedResponseError{Path: de.Path, Reason: "body is not GTR's JSON envelope"}
}

// LoginError is a call that failed because the login it needed (POST
// /api/login, with WithLogin) failed: the call itself was never sent, so
// MaybeSent is false and it may be called again. It unwraps to the login's
// error (an *APIError with ErrUnauthorized for refused credentials, a
// transport failure, the context's error).
type LoginError struct {
	Err error
}

func (e *LoginError) Error() string { return "gtr: login: " + e.Err.Error() }

// Unwrap returns the login's error.
func (e *LoginError) Unwrap() error { return e.Err }

// beforeSend reports a failure that happened before the call was sent.
func beforeSend(err error) bool {
	var le *LoginError
	return errors.As(err, &le)
}

// ConfigError is an option New rejected.
type ConfigError struct {
	Option string // the option, e.g. "WithLogin"
	Reason string
}

func (e *ConfigError) Error() string { return "gtr: " + e.Option + ": " + e.Reason }

// ErrConfig is matched by every *ConfigError.
var ErrConfig = errors.New("gtr: invalid client configuration")

// Is makes errors.Is(err, ErrConfig) true.
func (e *ConfigError) Is(target error) bool { return target == ErrConfig }

// ErrMalformedResponse is matched by every *MalformedResponseError.
var ErrMalformedResponse = errors.New("gtr: malformed response")

// MalformedResponseError is a successful HTTP response whose body is not
// the JSON GTR documents (empty, not an envelope, or missing a field the
// call needs).
type MalformedResponseError struct {
	Path   string
	Reason string
}

func (e *MalformedResponseError) Error() string {
	return "gtr: " + e.Path + ": malformed response: " + e.Reason
}

// Is makes errors.Is(err, ErrMalformedResponse) true.
func (e *MalformedResponseError) Is(target error) bool { return target == ErrMalformedResponse }
