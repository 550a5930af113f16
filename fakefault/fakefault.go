// Package fakefault is the fault vocabulary of the three fakes (gtrtest,
// monitoringtest, travelruletest): the same Fault and Kind inject the same
// failures into each, and each fake's Requests reports what reached it as
// the same Request.
//
//	srv := gtrtest.NewServer(t)
//	srv.InjectFault(fakefault.Fault{Kind: fakefault.Drop, Path: gtrtest.PathOneStep})
//	…
//	for _, r := range srv.Requests(gtrtest.PathOneStep) {
//		fmt.Println(r.Method, r.Status, r.Fault)
//	}
package fakefault

import (
	"net/http"
	"strconv"
	"time"
)

// Kind is what an injected fault does to a request.
type Kind int

// The fault kinds. "Handles" means the fake processes the request as it
// would without the fault: what it creates is stored.
const (
	// Drop handles the request, then closes the connection without an
	// answer: the ambiguous failure a client must resolve without creating
	// a second record.
	Drop Kind = iota + 1
	// DropBefore closes the connection without an answer, and without
	// handling the request.
	DropBefore
	// ServerError answers a 5xx (Status, default 503) with the provider's
	// error body (or Body), without handling the request.
	ServerError
	// ServerErrorAfter handles the request, then answers a 5xx (Status,
	// default 500) with the provider's error body (or Body) in place of its
	// answer: a gateway that lost the answer.
	ServerErrorAfter
	// TooManyRequests answers 429 with the provider's error body (or Body)
	// and, when RetryAfter is set, Retry-After in whole seconds (rounded
	// up), without handling the request.
	TooManyRequests
	// Redirect answers a 3xx (Status, default 307) to Location (default the
	// request's own URL), without handling the request.
	Redirect
	// Latency holds the request for Delay, then handles and answers it as
	// usual.
	Latency
	// EmptyAnswer handles the request, then answers a 2xx (Status, default
	// 200) with an empty body in place of its answer.
	EmptyAnswer
	// MalformedAnswer handles the request, then answers a 2xx (Status,
	// default 200) with Body (default: the first half of the real answer)
	// in place of its answer.
	MalformedAnswer
	numKinds
)

var kindNames = [numKinds]string{"none", "drop", "drop-before", "server-error", "server-error-after",
	"too-many-requests", "redirect", "latency", "empty-answer", "malformed-answer"}

// String names the kind: "drop", "drop-before", "server-error",
// "server-error-after", "too-many-requests", "redirect", "latency",
// "empty-answer", "malformed-answer", or "none" for 0.
func (k Kind) String() string {
	if k >= 0 && k < numKinds {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Fault is an injected failure (a fake's WithFaults option and its
// Server.InjectFault). It acts on the requests it selects — by Path and by
// Match when they are set — as they arrive, before the fake authenticates
// them:
//
//   - without Every and Rate, on the next Times of them (default 1);
//   - with Every, on every Every-th of them;
//   - with Rate, on each with probability Rate, drawn from a generator
//     seeded by WithSeed;
//
// and, with Every or Rate, at most Times times when Times is set. Every
// fault a request selects counts it, but only the first that fires, in
// the order the faults were given, acts on it. A fault that has acted its
// Times times is spent and removed.
type Fault struct {
	Kind Kind
	// Path selects the requests to this path relative to the server's URL,
	// as Request.Path records it (escaped, without the query); "" selects
	// every path.
	Path string
	// Match selects requests by anything else; nil selects every request.
	// It runs under the server's lock, one request at a time, so it may
	// keep state without its own lock; it must not call the Server.
	Match func(*http.Request) bool
	Times int
	Every int
	Rate  float64
	// Status is the HTTP status of ServerError, ServerErrorAfter, Redirect,
	// EmptyAnswer and MalformedAnswer (0: the kind's default); the other
	// kinds take none.
	Status int
	// RetryAfter is the Retry-After of TooManyRequests (0: none).
	RetryAfter time.Duration
	// Delay holds the request this long before the fault acts; Latency
	// needs it. The request's context still ends the wait.
	Delay time.Duration
	// Body, when not nil, replaces the error body of ServerError,
	// ServerErrorAfter and TooManyRequests (say, a proxy's HTML page), and
	// is the body of MalformedAnswer.
	Body []byte
	// Location is where Redirect points; "" is the request's own URL.
	Location string
}

// Request is one request a fake received, as it arrived, without its
// credentials.
type Request struct {
	Method string
	// Path is the request's escaped path relative to the server's URL;
	// Query its raw query, without "?".
	Path, Query string
	// Header is the request's header without the headers that carry
	// credentials (Authorization, the provider's own).
	Header http.Header
	// Body is the body as received; nil for a body that carries a secret.
	Body []byte
	// Status is the HTTP status answered; 0 when the connection was closed
	// without an answer.
	Status int
	// Fault is the injected fault the request met; 0 for none.
	Fault Kind
}
