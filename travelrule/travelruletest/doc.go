// Package travelruletest is an in-process fake of Striga's travel-rule API
// for tests and examples.
//
//	srv := travelruletest.NewServer(t)
//	c, err := srv.NewClient() // travelrule.New(srv.ClientOptions()...)
//
// The fake is a real HTTP server (httptest) that behaves as Striga is
// documented to. It decides what to accept from Striga's documentation,
// written in the fake itself (striga.go, invoice.go): it never calls
// package travelrule's validation, signing or decoding, nor package
// bolt11, so a bug in the SDK cannot pass its own fake.
//
//   - It checks every request's api-key and HMAC Authorization header
//     (HMAC-SHA256 keyed with the API secret over the millisecond time,
//     method, path after /api/v1 and the body's MD5, "{}" for no body) and
//     answers 401 with Striga's codes and texts, 30000 "Invalid API Key"
//     and 30012 "Invalid Authentication Header".
//   - It enforces the widget-session rules Striga documents, answering 400
//     with Striga's own sentences: "Provide exactly one of userId or
//     businessId.", a supported currency ("Must be a supported
//     LedgerCryptoNetworks key.") with its network ("Must equal the network
//     implied by currency."; the fake knows the four pairs Striga states,
//     see WithNetworks), "Provide exactly one of counterpartyAddress,
//     paymentHash, or invoice.", "Lightning identifiers are valid on BTC /
//     BTC only", a 64-character hex payment hash, and an invoice it can
//     decode to its payment hash for its network — testnet by default,
//     like the sandbox (see invoice.go for how far it reads an invoice:
//     not the signature). Fields of the wrong JSON type are refused too.
//   - It creates a widget session, or returns the unexpired one it holds for
//     the same application, owner, currency, network, identifier (an
//     invoice counts as its payment hash) and held-deposit txHash, raising
//     forceVerifyOwnership from false to true on reuse but never lowering it.
//   - Sessions expire on a clock the test controls (Now, Advance): the
//     clock stands still unless advanced.
//   - It serves the self-hosted counterparty routes (declare, verify-wallet,
//     PATCH with a pending verification, which RequireVerification creates),
//     checking the documented ownership sentence and its date (yesterday,
//     today or tomorrow, UTC, on its clock), and answering 422 to
//     SUMSUB_LIVENESS where Striga documents it.
//   - SendWebhook delivers webhooks signed as Striga signs them (header
//     "signature", HMAC-SHA256 of the body keyed with the API key) to a URL
//     or handler the test gives, retrying up to 5 times until it gets a 2xx.
//
// What Striga does not publish, and what the fake does instead: an error
// body shape (the fake sends {"errorCode","message","errorDetails":[{"field",
// "message"}]}, code "00000" for validation), validation error texts for
// a missing field or a malformed UUID ("is required", "must be a UUID"),
// the widget-session path and response fields (package travelrule's
// defaults), the session lifetime (DefaultSessionTTL), whether the query
// string is signed (the fake signs the URI as sent), a clock-skew window
// (none unless WithClockSkew), the counterparty response fields, and
// whether Striga checks anything Striga does not name: the fake accepts
// whitespace in an address or txHash, any address format, and an invoice
// whose signature it cannot judge.
//
// Faults are injected with WithFaults or at run time with InjectFault, in
// package fakefault's vocabulary, which the three fakes (gtrtest,
// monitoringtest, travelruletest) share: connections dropped before or after the request was stored (Drop:
// the case a retry must survive without duplicating anything), 5xx answers
// before or after storing, 429 with Retry-After, redirects, latency, and
// empty or malformed answers to a stored request — on the next requests to
// a path, every n-th, or at a seeded rate. Requests (every request
// received, rejected and faulted ones included), Sessions, Counterparties,
// Verifications and Deliveries show what it saw and stored. Those records
// print like travelrule's own types, under every fmt verb and through
// log/slog: status, currency, network and flags, never an address, id,
// token, signature or webhook body (read the fields in assertions).
package travelruletest
