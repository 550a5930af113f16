// Package sign authenticates vaspkit's HTTP traffic: it signs requests to
// Sumsub and Striga, verifies the signatures their servers would check (for
// the in-process fakes), verifies webhook digests, and holds credentials in
// a type that cannot be printed.
//
// # Sumsub (package monitoring)
//
// Every request carries the app token in X-App-Token, the Unix time in
// seconds in X-App-Access-Ts, and in X-App-Access-Sig the lower-case hex
// HMAC-SHA256, keyed with the app token's secret, of
//
//	ts + METHOD + requestURI + body
//
// with no separators. requestURI is the path and query exactly as sent
// ("/resources/accessTokens?userId=…&levelName=…", percent-encoding
// included), body the exact bytes sent; a request without body appends
// nothing. Sumsub rejects a timestamp more than a minute off its clock
// (SumsubMaxSkew), so every attempt, retries included, is signed afresh.
//
// # Striga (package travelrule)
//
// Every request carries the API key in api-key and
// "Authorization: HMAC <ms>:<hex>", where ms is the Unix time in
// milliseconds and hex the lower-case hex HMAC-SHA256, keyed with the API
// secret, of
//
//	ms + METHOD + endpoint + md5hex(body)
//
// endpoint is the path after /api/v1 (the base URL carries /api/v1; v1
// excludes it from the signature, v0 did not), and md5hex the lower-case
// hex MD5 of the body — of the two bytes "{}" for a GET or any request
// without body (99914b932bd37a50b983c5e7c90ae93b).
//
// # Webhooks
//
// Sumsub puts the hex HMAC of the raw webhook body, keyed with the
// webhook's own secret, in X-Payload-Digest and names the hash in
// X-Payload-Digest-Alg (HMAC_SHA1_HEX, HMAC_SHA256_HEX — the default when
// absent — or HMAC_SHA512_HEX). Striga puts the hex HMAC-SHA256 of the raw
// body, keyed with the API key, in the "signature" header. Both are
// verified over the bytes received, before any JSON parsing, with a
// constant-time compare; neither carries a timestamp, so receivers
// de-duplicate deliveries themselves.
//
// # Secrets
//
// Secret wraps a credential so that fmt (every verb), slog, encoding/json
// and encoding/text print [REDACTED]. Signers keep their credentials in
// Secrets and errors never quote a credential or an expected signature.
// The wire headers do carry the token and API key: whoever logs requests
// must never log their headers.
//
// The signers satisfy internal/rest's Signer interface
// (Sign(*http.Request, []byte) error) structurally.
package sign
