package travelrule

import "github.com/vaspkit/vaspkit/internal/rest"

// Meta describes how a call went, as the HTTP layer saw it. Every result a
// Client method returns carries one in its Meta field (WidgetSession,
// Counterparty, WalletVerification). It is not part of any wire JSON: a
// result's MarshalJSON writes Striga's answer only.
//
// Striga publishes no request-id header; RequestID is the first of
// X-Request-Id, Request-Id, X-Correlation-Id and X-Amzn-Requestid the
// response carries ("" when none). APIError.RequestID is the same value
// for a call that failed.
type Meta struct {
	RequestID  string // the provider's request id for the call, when it sent one (response header)
	HTTPStatus int    // HTTP status of the last response (0 when none arrived)
	Attempts   int    // how many times the request was sent or tried
}

// metaOf converts the pipeline's account of a call.
func metaOf(m *rest.Meta) Meta {
	return Meta{RequestID: m.RequestID, HTTPStatus: m.StatusCode, Attempts: m.Attempts}
}
