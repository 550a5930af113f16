package gtr

// Meta describes how a call went, as the HTTP layer saw it. Every struct
// result of a Client method carries one (OneStepResult, QueryResult,
// VASPDetail, AddressDetection). It holds no PII.
type Meta struct {
	// RequestID is the provider's request id for the call, when it sent
	// one (response header X-Request-Id). GTR publishes no such header:
	// expect it empty against GTR itself; a gateway or the gtrtest fake
	// may set it.
	RequestID string
	// HTTPStatus is the HTTP status of the last response (0 when none
	// arrived).
	HTTPStatus int
	// Attempts is how many times the request was sent or tried, the
	// repeat after a new login (WithLogin) included.
	Attempts int
}
