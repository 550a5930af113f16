// Package rest is the one request pipeline every vaspkit client uses:
// build → sign → send → retry → decode.
//
//	err := c.rest.Post("/api/verify/v2/one_step").
//		JSON(body).            // serialised once; the same bytes go out on every attempt
//		Retry(rest.Ambiguous). // the call's retry class
//		Into(&out).
//		Do(ctx)
//
// Setters record the first error and Do reports it; nothing touches the
// network before Do. The transport is hashicorp/go-retryablehttp with its
// logger off and its retry policy, backoff and error handling replaced by
// ours:
//
//   - Safe requests (reads) are retried on transport errors, 429 and 5xx.
//   - Keyed requests (the server deduplicates by a key we send) are retried
//     the same way, and Meta.Replayed tells the caller that an earlier
//     attempt may have reached the server, so an "already exists" answer is
//     the caller's own first attempt.
//   - Ambiguous requests (the server cannot take the same request twice) are
//     retried only when the request provably never reached the server (a
//     refused dial, a failed TLS handshake). Any other failure is returned as
//     a *TransportError whose Sent field is true, so the caller can recover
//     by querying the outcome instead of resending.
//
// Waits between attempts are jittered and exponential, honour Retry-After up
// to a cap, draw on a per-client retry budget and end at once when ctx is
// done. Every attempt is signed afresh by the client's Signer over the exact
// bytes sent. Response bodies are read with a size limit; non-2xx responses
// go to the client's error decoder. Logging is an optional *slog.Logger that
// records method, path, status, attempt, duration and request id — never
// bodies, query values or headers.
package rest
