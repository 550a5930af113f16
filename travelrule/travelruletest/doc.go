// Package travelruletest is an in-process fake of Striga's travel-rule API
// for tests and examples.
//
//	srv := travelruletest.NewServer(t)
//	c, err := travelrule.New(srv.ClientOptions()...)
//
// The fake is a real HTTP server (httptest) that behaves as Striga is
// documented to:
//
//   - it checks every request's api-key and HMAC Authorization header and
//     answers 401 with Striga's codes (30000 Invalid API Key, 30012 Invalid
//     Authentication Header) when they are missing or wrong;
//   - it enforces the widget-session rules on its own side (one owner, a
//     supported and consistent currency/network, one counterparty
//     identifier, Lightning on BTC/BTC only, a 64-hex payment hash, an
//     invoice that decodes for its network — testnet by default, like the
//     sandbox) and answers 400 with the problems;
//   - it creates a widget session, or returns the unexpired one it holds for
//     the same application, owner, currency, network, identifier (an
//     invoice counts as its payment hash) and held-deposit txHash, raising
//     forceVerifyOwnership from false to true on reuse but never lowering it;
//   - sessions expire on a clock the test controls (Now, Advance): the
//     clock stands still unless advanced;
//   - it serves the self-hosted counterparty routes (declare, verify-wallet,
//     PATCH with a pending verification, which RequireVerification creates),
//     checking ownership messages with travelrule.CheckOwnershipMessage
//     against its clock;
//   - SendWebhook delivers webhooks signed as Striga signs them (header
//     "signature", HMAC-SHA256 of the body keyed with the API key) to a URL
//     or handler the test gives, retrying up to 5 times until it gets a 2xx.
//
// Faults are injected with options or at run time: latency, 5xx answers,
// 429 with Retry-After, and connections dropped after the request was
// stored (the case a retry must survive without duplicating anything).
// Requests (every request received, rejected ones included), Sessions,
// Counterparties, Verifications and Deliveries show what it saw and stored.
//
// Where Striga publishes nothing (the widget-session path and response
// fields, error body, session lifetime, the names of some counterparty
// fields), the fake uses the same documented defaults as package
// travelrule.
package travelruletest
