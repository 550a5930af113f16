// Package monitoringtest is an in-process fake of Sumsub's transaction
// monitoring API, for tests and examples of code that uses package
// monitoring.
//
//	srv := monitoringtest.NewServer(t, monitoringtest.WithRule(monitoringtest.HoldAbove("10000")))
//	client, err := srv.Client()
//	res, err := client.Submit(ctx, txn)
//
// The server behaves like Sumsub where Sumsub documents its behaviour: it
// verifies X-App-Token / X-App-Access-Ts / X-App-Access-Sig over the exact
// request URI and body and answers 401 with errorCode 4000, 4002, 4003,
// 4004, 4005 or 4006; it validates submits and answers the documented 400
// bodies (unsupported type or event sub-type, missing applicant fields for
// a new applicant, malformed data); it refuses a second transaction with
// the same txnId with 409 "Entity already exists"; it scores every stored
// transaction with the configured Rules (GREEN when none matches, RED, on
// hold, awaiting user); and it serves the stored transactions to every read,
// review, note, tag, bulk import and Travel Rule call of the client.
//
// Webhooks (created, approved, rejected, on hold, data changed, deleted)
// are signed with X-Payload-Digest and X-Payload-Digest-Alg and delivered to
// a URL or an http.Handler before the triggering request is answered.
//
// Faults make retries and duplicate safety testable: Drop processes a
// request then hangs up (the ambiguous failure), ServerError and
// TooManyRequests refuse it before processing, each on a deterministic
// every-n-th schedule or at a seeded random rate.
package monitoringtest
