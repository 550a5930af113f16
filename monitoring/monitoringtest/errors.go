package monitoringtest

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/vaspkit/vaspkit/internal/sign"
	"github.com/vaspkit/vaspkit/monitoring"
)

// apiError is a Sumsub error answer.
type apiError struct {
	status    int
	desc      string
	errorCode int
	errorName string
	typ       string
}

// Documented error answers (spec §8).
var (
	errDuplicate = apiError{status: http.StatusConflict, desc: "Entity already exists",
		typ: "net.researchgate.restdsl.exceptions.RestDslException"}
	errMalformed = apiError{status: http.StatusBadRequest, desc: "Malformed data provided in the request",
		typ: "com.fasterxml.jackson.databind.exc.InvalidFormatException"}
	errNoApplicant = apiError{status: http.StatusBadRequest,
		desc: "de.smtdp.commons.service.exceptions.ServiceException:When no applicant id provided, applicant.externalUserId and applicant.fullName must be set",
		typ:  "de.smtdp.commons.service.exceptions.ServiceException"}
	errBadToken = apiError{status: http.StatusUnauthorized,
		desc: "de.smtdp.commons.service.exceptions.ServiceException:Invalid app token format", errorCode: 4000,
		errorName: "app-token-invalid-format", typ: "de.smtdp.commons.service.exceptions.ServiceException"}
	errWrongToken = apiError{status: http.StatusUnauthorized,
		desc: "de.smtdp.commons.service.exceptions.ServiceException:App token is invalid", errorCode: 4002,
		errorName: "app-token-private-part-mismatch", typ: "de.smtdp.commons.service.exceptions.ServiceException"}
	errSignature = apiError{status: http.StatusUnauthorized,
		desc: "de.smtdp.commons.service.exceptions.ServiceException:Request signature mismatch", errorCode: 4003,
		errorName: "app-token-signature-mismatch", typ: "de.smtdp.commons.service.exceptions.ServiceException"}
	errSkew = apiError{status: http.StatusUnauthorized,
		desc: "de.smtdp.commons.service.exceptions.ServiceException:Request timestamp is out of the allowed time window", errorCode: 4004,
		typ: "de.smtdp.commons.service.exceptions.ServiceException"}
	errBadAuthValue = apiError{status: http.StatusUnauthorized,
		desc: "de.smtdp.commons.service.exceptions.ServiceException:Invalid authentication header value", errorCode: 4005,
		typ: "de.smtdp.commons.service.exceptions.ServiceException"}
	errMissingAuth = apiError{status: http.StatusUnauthorized,
		desc: "de.smtdp.commons.service.exceptions.ServiceException:Missing authentication header", errorCode: 4006,
		typ: "de.smtdp.commons.service.exceptions.ServiceException"}
	errTooMany = apiError{status: http.StatusTooManyRequests, desc: "Too many requests"}
	errServer  = apiError{status: http.StatusServiceUnavailable, desc: "Service temporarily unavailable"}
	errRescore = apiError{status: http.StatusBadRequest, desc: "Re-scoring limit of 200 reached for this transaction"}
)

func errNotFound(what string) apiError {
	return apiError{status: http.StatusNotFound, desc: what + " not found"}
}

func errInvalidID(id string) apiError {
	return apiError{status: http.StatusBadRequest, desc: "Invalid id '" + id + "'"}
}

func errInvalidType(t monitoring.TxnType) apiError {
	return apiError{status: http.StatusBadRequest,
		desc: "type is not valid, must be one of: " + joinTypes(monitoring.SubmittableTypes),
		typ:  "io.dropwizard.jersey.validation.JerseyViolationException"}
}

func errInvalidEvent(e monitoring.EventType) apiError {
	names := make([]string, len(monitoring.SubmittableEventTypes))
	for i, x := range monitoring.SubmittableEventTypes {
		names[i] = string(x)
	}
	return apiError{status: http.StatusBadRequest,
		desc: "userPlatformEventInfo.type " + string(e) + " is not valid, must be one of: " + strings.Join(names, ", "),
		typ:  "io.dropwizard.jersey.validation.JerseyViolationException"}
}

func errNull(path string) apiError {
	return apiError{status: http.StatusBadRequest, desc: path + " must not be null",
		typ: "io.dropwizard.jersey.validation.JerseyViolationException"}
}

func joinTypes(ts []monitoring.TxnType) string {
	s := make([]string, len(ts))
	for i, t := range ts {
		s[i] = string(t)
	}
	return strings.Join(s, ", ")
}

// writeError answers e as Sumsub does.
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

// authError maps a failed signature check to Sumsub's 401.
func authError(err error) apiError {
	var he *sign.HeaderError
	switch {
	case errors.As(err, &he) && errors.Is(err, sign.ErrMissingHeader):
		if he.Header == sign.SumsubTokenHeader {
			return errBadToken
		}
		return errMissingAuth
	case errors.Is(err, sign.ErrMalformedHeader):
		return errBadAuthValue
	case errors.Is(err, sign.ErrClockSkew):
		return errSkew
	}
	return errSignature
}

func (s *Server) correlationID() string {
	return "req-" + strconv.FormatUint(s.corr.Add(1), 16)
}
