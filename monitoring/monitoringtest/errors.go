package monitoringtest

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
)

// apiError is a Sumsub error answer.
type apiError struct {
	status    int
	desc      string
	errorCode int
	errorName string
	typ       string
}

// Exception classes in Sumsub's documented error bodies.
const (
	typeService = "de.smtdp.commons.service.exceptions.ServiceException"
	typeJersey  = "io.dropwizard.jersey.validation.JerseyViolationException"
	typeJackson = "com.fasterxml.jackson.databind.exc.InvalidFormatException"
	typeRestDSL = "net.researchgate.restdsl.exceptions.RestDslException"
)

// Error answers. The texts, codes, names and exception classes of the
// first group are Sumsub's, verbatim from the "Errors explained" section
// of its "Submit transactions" reference page and its error-code table
// (https://docs.sumsub.com/reference/error-codes-description). Sumsub
// spells errorName 4003 "app-token-signature mismatch" on the first page
// and "app-token-signature-mismatch" in the table; the fake uses the
// table's.
var (
	// errDuplicate: a second transaction with the same txnId.
	errDuplicate = apiError{status: http.StatusConflict, desc: "Entity already exists", typ: typeRestDSL}
	// errMalformed: JSON syntax, a value of the wrong type, or a missing
	// required parameter — Sumsub documents one answer for all three.
	errMalformed = apiError{status: http.StatusBadRequest, desc: "Malformed data provided in the request", typ: typeJackson}
	// errNoApplicant: a submit without an applicant id whose applicant
	// lacks externalUserId or fullName.
	errNoApplicant = apiError{status: http.StatusBadRequest, typ: typeService,
		desc: typeService + ":When no applicant id provided, applicant.externalUserId and applicant.fullName must be set"}
	errBadToken = apiError{status: http.StatusUnauthorized, desc: typeService + ":Invalid app token format",
		errorCode: 4000, errorName: "app-token-invalid-format", typ: typeService}
	errWrongToken = apiError{status: http.StatusUnauthorized, desc: typeService + ":App token is invalid",
		errorCode: 4002, errorName: "app-token-private-part-mismatch", typ: typeService}
	errSignature = apiError{status: http.StatusUnauthorized, desc: typeService + ":Request signature mismatch",
		errorCode: 4003, errorName: "app-token-signature-mismatch", typ: typeService}
	// errFeatureOff: the example error of "Initiate SDK for Travel Rule
	// transaction".
	errFeatureOff = apiError{status: http.StatusForbidden, desc: "You don't have this feature enabled, please contact us"}
)

// Error answers whose meaning Sumsub publishes but not their text (or,
// for 4004–4006, not their errorName): the descriptions below are the
// fake's own wording, and the fake sends no errorName where Sumsub
// publishes none.
var (
	errSkew = apiError{status: http.StatusUnauthorized, errorCode: 4004, typ: typeService,
		desc: typeService + ":Request timestamp is out of the allowed time window"}
	errBadAuthValue = apiError{status: http.StatusUnauthorized, errorCode: 4005, typ: typeService,
		desc: typeService + ":Invalid authentication header value"}
	errMissingAuth = apiError{status: http.StatusUnauthorized, errorCode: 4006, typ: typeService,
		desc: typeService + ":Missing authentication header"}
	errTooMany = apiError{status: http.StatusTooManyRequests, desc: "Too many requests"}
	errServer  = apiError{status: http.StatusServiceUnavailable, desc: "Service temporarily unavailable"}
	// errRescore: Sumsub documents at most 200 re-scores per transaction.
	errRescore = apiError{status: http.StatusBadRequest, desc: "Re-scoring limit of 200 reached for this transaction"}
)

// errNotFound is a 404; its text is the fake's own.
func errNotFound(what string) apiError {
	return apiError{status: http.StatusNotFound, desc: what + " not found"}
}

// errInvalidID is Sumsub's documented answer to a malformed id.
func errInvalidID(id string) apiError {
	return apiError{status: http.StatusBadRequest, desc: "Invalid id '" + id + "'"}
}

// errInvalidType is Sumsub's documented answer to an unsupported type.
// Its list is the one Sumsub's message prints, verbatim, even though the
// fake also accepts the two newer types of Sumsub's current OpenAPI.
func errInvalidType() apiError {
	return apiError{status: http.StatusBadRequest, typ: typeJersey,
		desc: "type is not valid, must be one of: " + strings.Join(documentedTypes, ", ")}
}

// errInvalidEvent is Sumsub's documented answer to an unsupported
// userPlatformEventInfo.type, with the value sent in place of the
// documented example's "typo".
func errInvalidEvent(e string) apiError {
	return apiError{status: http.StatusBadRequest, typ: typeJersey,
		desc: "userPlatformEventInfo.type " + e + " is not valid, must be one of: " + strings.Join(documentedEvents, ", ")}
}

// writeError answers e as Sumsub does: description, code (the HTTP
// status), correlationId, and errorCode, errorName and type when set.
func (s *Server) writeError(w http.ResponseWriter, e apiError) {
	body := map[string]any{
		"description":   e.desc,
		"code":          e.status,
		"correlationId": s.correlationID(),
	}
	if e.errorCode != 0 {
		body["errorCode"] = e.errorCode
	}
	if e.errorName != "" {
		body["errorName"] = e.errorName
	}
	if e.typ != "" {
		body["type"] = e.typ
	}
	b, _ := json.Marshal(body)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(e.status)
	_, _ = w.Write(b)
}

func (s *Server) correlationID() string {
	return "req-" + strconv.FormatUint(s.corr.Add(1), 16)
}
