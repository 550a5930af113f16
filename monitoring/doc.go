// Package monitoring is a client for Sumsub's transaction monitoring API
// (KYT): it submits an exchange's transactions and user events for risk
// scoring, reads the verdicts, records the compliance team's decisions,
// and receives Sumsub's webhooks.
//
// # The domain
//
// Every deposit, withdrawal or trade you report is a Transaction: your own
// unique id (txnId), a type, your customer (the applicant), often the
// other side (the counterparty), and for money movements an info object
// with direction, exact amount and currency. Sumsub runs your rules on it
// and answers with a Result: a score, the rules that matched, and a
// review. A review that is completed GREEN lets the money move; RED means
// stop; onHold means a compliance officer must decide (Approve or Reject)
// before it moves. These are business outcomes, returned as results —
// never as errors. Gate a withdrawal on Result.Answer().
//
// Transaction types: finance (fiat or crypto payments; with a chain hash
// and the counterparty's wallet a crypto transaction is screened on
// chain), travelRule (a crypto transfer whose originator and beneficiary
// data Sumsub exchanges with the counterparty VASP), gambling bets, bonus
// and limit changes, kyc and audit trail events, and user platform events
// (login, signup, password or 2FA reset) that let rules spot account
// takeover. Each has a Builder constructor:
//
//	txn, err := monitoring.NewCryptoWithdrawal("wd-1001", "250.00", "USDT").
//		Chain("TRX").
//		Applicant(monitoring.NewPerson("user-42", "Alice Example")).
//		CounterpartyWallet("TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE").
//		Date(time.Now()).
//		Build()
//	res, err := client.Submit(ctx, txn, monitoring.WithLevelName("basic-kyc-level"))
//
// Submit is for customers Sumsub does not know yet (it creates the
// applicant from externalUserId, fullName and the level);
// SubmitForApplicant for those it does, by Sumsub's applicant id, with
// neither needed. Import sends up to 1000 at once, each by applicant id or
// by externalUserId and fullName. Find looks transactions up by their
// data (type, direction, chain hash, wallet, currency, dates).
//
// # Ids and times
//
// Ids that could be confused have their own string types, so passing one
// where another is due does not compile: TransactionID is Sumsub's id of
// a stored transaction (Result.ID, WebhookEvent.KytTxnID), taken by Get,
// Approve, Reject, Rescore, Delete, notes, tags and the Travel Rule calls;
// TxnID is your own id (Transaction.TxnID, Result.TxnID()), taken by
// GetByTxnID and the Builder constructors. Applicant ids (Result.ApplicantID,
// SubmitForApplicant) stay strings. Keep res.ID and pass it back:
//
//	res, err := client.Submit(ctx, txn)
//	…
//	res, err = client.Get(ctx, res.ID)           // Sumsub's id
//	res, err = client.GetByTxnID(ctx, txn.TxnID) // your id
//
// An id read from your own storage is converted: monitoring.TransactionID(s)
// or monitoring.TxnID(s).
// Every timestamp Sumsub sends (txnDate, createdAt, a review's createDate
// and reviewDate, a webhook's createdAt and createdAtMs) is a Time: the
// text as received, re-sent byte-identical, whose Time method parses any
// of Sumsub's documented formats.
//
// # Travel Rule
//
// A travelRule transaction is submitted like any other; VASPs searches
// Sumsub's VASP directory for the id that names the counterparty's VASP
// (Builder.CounterpartyVASP), and Currencies lists the currency and chain
// codes Sumsub knows. After broadcast PatchChainTxID links the chain hash;
// inbound transfers are answered with ConfirmOwnership or RejectOwnership,
// then AttachBeneficiary. ImportWalletAddresses (the organisation's
// wallets) and AddPaymentMethod (an applicant's wallet) let Sumsub answer
// inbound requests by itself; InitTravelRuleSDK opens Sumsub's WebSDK for
// a user to complete a transfer's data.
//
// # Exactness
//
// The Transaction model is Sumsub's wire object, kept losslessly: amounts
// are Numbers holding the exact JSON token (never float64), values Sumsub's
// own examples send oddly (coordinates as strings, IP strings that are not
// addresses) survive untouched, and unknown keys are kept in Extra maps.
// Every request example in Sumsub's documentation is accepted and sent as
// documented. Transaction.Validate refuses, before anything is sent, what
// Sumsub documents as required and missing (and values of the wrong
// type), naming every bad field by path — nothing more: transaction types,
// event types and directions this package does not know are sent, and
// Sumsub's answer decides, unless the client is built with
// WithStrictEnums.
//
// # Retries and duplicates
//
// Every request is signed afresh (X-App-Token, X-App-Access-Ts,
// X-App-Access-Sig; Sumsub allows one minute of clock skew). Transport
// errors, 429 and 5xx are retried with jittered backoff, honouring
// Retry-After. A submit is keyed by txnId: when a retry after an ambiguous
// failure meets "409 Entity already exists", the client fetches the stored
// transaction and returns it with Result.Replayed set — exactly one record,
// no error. When the retries run out after an attempt that may have been
// stored, or Sumsub's 2xx answer is empty or does not decode, Submit reads
// the transaction back by txnId the same way; if even that read fails, it
// returns an *OutcomeUnknownError (ErrOutcomeUnknown) carrying the txnId:
// the transaction may be stored, and GetByTxnID tells. An unusable 2xx is
// never success in any call: a read returns a *MalformedResponseError
// (ErrMalformedResponse), any other call an *OutcomeUnknownError. Decisions
// (Approve, Reject, Rescore, AddNote) are never resent after a failure that
// may have reached Sumsub; MaybeSent(err) reports such failures — read the
// transaction back instead; so are InitTravelRuleSDK, ImportWalletAddresses
// and AddPaymentMethod, which Sumsub does not document as idempotent, and a
// Submit without a txnId. Redirects are never followed: a 3xx is an
// *APIError. A client-side rate limiter (golang.org/x/time/rate), waited
// on before every POST attempt, keeps POSTs within Sumsub's default of 50
// per 5 seconds per app token; size it with WithRateLimit when replicas
// share a token, share one with WithLimiter, or turn it off with
// WithoutRateLimit. A wait the context cuts short sends nothing and
// returns an error that unwraps to the context's.
//
// Every struct result (Result, Note, FindResult, VASPList, VASP,
// ImportResult, WalletImportResult, TravelRuleSDKSession,
// ApplicantPaymentMethod) carries a Meta: Sumsub's request id for the
// call (quote it to Sumsub support), the HTTP status of the last response
// and how many attempts the call took. Meta is not part of Sumsub's data,
// and JSON leaves it out.
//
// # Errors
//
// API failures are *APIError values (HTTP status, Sumsub errorCode,
// description, correlationId, raw body) that match ErrDuplicate,
// ErrUnauthorized, ErrSignatureMismatch, ErrClockSkew, ErrRateLimited,
// ErrNotFound, ErrInvalidRequest and friends with errors.Is. Client-side
// validation failures are *ValidationError values matching ErrValidation
// and ErrInvalidRequest; nothing was sent. A call that got no usable
// answer (a dial, TLS, timeout or connection failure) is a
// *TransportError, whose Sent tells whether the request may have reached
// Sumsub. A bad option given to New is a *ConfigError matching ErrConfig.
// Every error text starts with "monitoring: ". No error string (under any fmt
// verb), log line or printed Client carries a credential, personal data,
// a txnId or an applicant or transaction id: paths show ids as "*", and
// Sumsub's description, which echoes request data, stays in
// APIError.Message.
//
// Numbers from Sumsub are kept as received; Number.Rat and Number.Int64
// refuse one beyond MaxNumberDigits digits or an exponent beyond
// ±MaxNumberExponent (ErrNumberTooLong) rather than spend unbounded CPU.
//
// # Webhooks
//
// VerifyWebhook checks X-Payload-Digest (HMAC SHA-1, SHA-256 or SHA-512,
// per X-Payload-Digest-Alg) over the raw body with the webhook's secret;
// ParseWebhook decodes the event; WebhookHandler does both around your
// function (and refuses, when built, an empty secret or a nil function).
// Package monitoringtest provides an in-process fake of the API that
// checks signatures, accepts and refuses what Sumsub's documentation says
// (judged by its own code, not this package's), enforces txnId
// uniqueness, scores with configurable rules, sends signed webhooks and
// injects faults.
package monitoring
