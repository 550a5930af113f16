// Package mocking shows how a service's own unit tests can mock each
// vaspkit client with github.com/jarcoal/httpmock instead of the fakes.
// It holds no code: read mocking_test.go and interface_test.go, and run
// them with
//
//	go test ./examples/mocking/
//
// Every client takes the caller's *http.Client with WithHTTPClient and uses
// it as given, so httpmock.ActivateNonDefault(hc) puts its mock transport
// under the client. Register a responder per endpoint with the provider's
// documented JSON, call the client, and assert on both sides: what the
// client sent (path, query, signing headers, body) and what it made of the
// answer (typed results, errors.Is sentinels).
//
//	hc := &http.Client{}
//	httpmock.ActivateNonDefault(hc)
//	defer httpmock.DeactivateAndReset()
//	httpmock.RegisterResponder(http.MethodPost, "https://api.sumsub.com/resources/applicants/-/kyt/txns/-/data",
//		httpmock.NewStringResponder(200, `{"id":"…","review":{"reviewStatus":"completed","reviewResult":{"reviewAnswer":"GREEN"}}}`))
//	client, _ := monitoring.New(monitoring.WithAppToken(token, secret), monitoring.WithHTTPClient(hc))
//
// For GTR, a mocked transport carries no client certificate, so mTLS does
// not apply: give the client WithHTTPClient (which replaces the
// WithClientCertificate* options) and authenticate with WithAppToken, which
// needs no login endpoint (or register a responder for POST /api/login and
// use WithLogin).
//
// httpmock's responders are global to its default transport: tests that
// use ActivateNonDefault must not call t.Parallel. A test that needs
// parallelism gives each client its own httpmock.NewMockTransport() as
// hc.Transport instead.
//
// Code that only needs a client's behaviour, not its wire, needs no HTTP
// mock at all: the clients export no interface of their own, so declare the
// small interface your code uses (the calls it makes) and substitute a
// stub in its tests; *travelrule.Client (or *gtr.Client,
// *monitoring.Client) satisfies it as is. interface_test.go shows one.
//
// Mocks check what you assert and nothing more. The in-process fakes
// (gtrtest, monitoringtest, travelruletest) check signatures, certificates,
// the providers' validation and uniqueness rules, and simulate outcomes;
// prefer them for flows, and httpmock for a single call's edge cases.
//
// vocabulary_test.go shows why one mock helper can serve all three
// clients: its table runs the same cells on gtr, monitoring and
// travelrule — a bad option is the package's ErrConfig (*ConfigError); a
// request missing a required field is a *ValidationError matching
// ErrInvalidRequest, whose Has names the problem, and nothing is sent;
// 401, 429 and 5xx are ErrUnauthorized, ErrRateLimited and ErrServer; a
// connection dropped after the request is a *TransportError with Sent,
// for which MaybeSent is true; and every result's Meta holds the request
// id, the HTTP status and the attempts made.
package mocking
