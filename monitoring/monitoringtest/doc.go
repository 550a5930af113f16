// Package monitoringtest is an in-process fake of Sumsub's transaction
// monitoring API, for tests and examples of code that uses package
// monitoring.
//
//	srv := monitoringtest.NewServer(t, monitoringtest.WithRule(monitoringtest.HoldAbove("10000")))
//	client, err := srv.NewClient()
//	res, err := client.Submit(ctx, txn)
//
// The server behaves like Sumsub where Sumsub documents its behaviour, and
// decides so in its own code, from Sumsub's documentation, never by
// calling package monitoring's validation: a client bug cannot pass its
// own fake. It verifies X-App-Token / X-App-Access-Ts / X-App-Access-Sig
// (HMAC-SHA256 over timestamp, method, the request URI as received and the
// body) and answers 401 with errorCode 4000, 4002, 4003, 4004, 4005 or
// 4006; it accepts every request example of Sumsub's documentation and
// refuses what Sumsub documents as invalid with Sumsub's 400 bodies,
// verbatim (see below); it refuses a second transaction with the same txnId with 409
// "Entity already exists"; it scores every stored transaction with the
// configured Rules (GREEN when none matches, RED, on hold, awaiting user);
// and it serves the stored transactions to every read, find, review, note,
// tag, bulk import and Travel Rule call of the client, with a VASP
// directory, a currency list, a Wallet Address Book and applicant payment
// methods (registered wallets pre-answer inbound Travel Rule transfers).
// Where Sumsub publishes an error text, code or name the server uses it;
// where it publishes none (a 404, a 429, the answers' shapes of some
// lists), the server's own choice is documented where it is made.
// Requests lists what reached it.
//
// # What the server accepts
//
// A submitted transaction (a submit, or an import record) is refused with
// the first of these that applies:
//
//   - a body that is not one JSON object, or a txnId that is not a string:
//     400 "Malformed data provided in the request";
//   - a type that is not one of the eight of Sumsub's 400 message or the
//     two of its current OpenAPI (scheduledEvent, iGamingSession): 400
//     "type is not valid, must be one of: …"; no type is finance;
//   - without an applicant id, an applicant without externalUserId or
//     fullName: 400 "…When no applicant id provided,
//     applicant.externalUserId and applicant.fullName must be set";
//   - no applicant object, or a type's required object or field missing
//     (info direction, amount and currencyCode for finance and travelRule;
//     counterparty for travelRule; userPlatformEventInfo.type;
//     gamblingBetInfo amount and currencyCode; gamblingBonusChangeInfo
//     status), an amount that is no number (a string holding one is a
//     number, as in Sumsub's examples), or a direction other than in and
//     out: 400 "Malformed data provided in the request", Sumsub's one
//     documented answer for a missing parameter and a wrong value type;
//   - a userPlatformEventInfo.type not among Sumsub's five, failedLogin and
//     passwordChange: 400 "userPlatformEventInfo.type … is not valid, must
//     be one of: …";
//   - a txnId already stored: 409 "Entity already exists".
//
// Nothing else is required, as Sumsub's own examples go without it: not
// txnId (a transaction without one is stored without a uniqueness check),
// not the applicant's externalUserId or fullName when an applicant id is
// given, not counterparty.paymentMethod.accountId or info.paymentTxnId.
//
// Webhooks (created, approved, rejected, on hold, data changed, deleted)
// are signed with X-Payload-Digest and X-Payload-Digest-Alg and delivered to
// a URL or an http.Handler before the triggering request is answered.
//
// Faults make retries and duplicate safety testable, in package fakefault's
// vocabulary, which the three fakes (gtrtest, monitoringtest,
// travelruletest) share: Drop
// processes a request then hangs up (the ambiguous failure), DropBefore
// hangs up without processing it, ServerError, TooManyRequests and Redirect
// refuse it before processing, ServerErrorAfter, EmptyAnswer and
// MalformedAnswer spoil the answer of a processed request, Latency delays
// it — on the next requests to a path (or those a Match function selects,
// IsSubmit for submits), on a deterministic every-n-th schedule, or at a
// seeded random rate. WithFaults sets them up, InjectFault adds them at
// run time. A webhook Delivery prints its type and status only, never its
// body or ids, under every fmt verb and through log/slog.
package monitoringtest
