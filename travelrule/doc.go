// Package travelrule is a client for Striga's travel-rule API: widget
// sessions, self-hosted counterparties, wallet-ownership proofs and
// webhooks.
//
// # The Travel Rule in one paragraph
//
// The Travel Rule (FATF Recommendation 16, the EU Transfer of Funds
// Regulation) makes a VASP that sends or receives crypto collect who is on
// the other side: for a transfer to or from another VASP, that VASP and its
// customer; for a self-hosted (unhosted) wallet, whose wallet it is — and,
// above thresholds or when policy demands, proof that the customer controls
// it. Striga, as the custodian, holds a withdrawal or a deposit until that
// information is on file.
//
// # The widget flow
//
// Striga collects the information itself, in a widget your front end
// opens. Your backend asks for a widget session for one customer (a Striga
// userId, or businessId), one currency/network pair and one counterparty
// identifier — an on-chain address, or for Lightning a payment hash or a
// BOLT11 invoice — and hands the session's URL or token to the front end:
//
//	s, err := c.CreateWidgetSession(ctx, &travelrule.WidgetSessionRequest{
//		UserID:              customer.StrigaUserID,
//		Currency:            "ETH",
//		Network:             "ETH",
//		CounterpartyAddress: withdrawal.To,
//	})
//	// open s.URL (or the widget with s.Token) for the customer
//
// A deposit Striga holds arrives as an ON_CHAIN_DEPOSIT_PENDING webhook;
// pass its txHash as TxHash to scope the session to that transaction.
//
// Striga creates a session, or returns the unexpired one it already has for
// the same owner, currency, network and identifier. So a retried call is
// harmless and the client retries it on transport errors, 429 and 5xx. A
// 2xx answer that is empty or not a JSON object is never success, in this
// call or any other: it is a *MalformedResponseError, for which MaybeSent
// is true. Redirects are never followed: a 3xx is an *APIError. A network
// failure is a *TransportError (Sent tells whether the request may have
// reached Striga).
// ForceVerifyOwnership makes wallet-ownership proof mandatory for the
// customer's own (OWNED) self-hosted wallet whatever the thresholds; it
// sticks to the session and can be raised on reuse but never lowered. The
// result says when a session was reused and when a false you asked for was
// overridden by a true the session already held (WidgetSession.Reused,
// ForceVerifyOwnershipKept, Warnings).
//
// # Rules checked before anything is sent
//
// CreateWidgetSession validates the request first and returns a
// *ValidationError naming every bad field: exactly one owner (a UUID); a
// currency and the network Striga's LedgerCryptoNetworks table requires
// with it (the confirmed pairs are built in, see Networks and WithNetworks);
// exactly one identifier; Lightning only on BTC/BTC; a 64-hex payment hash;
// an invoice that is well formed for the environment's network — testnet
// in the sandbox, mainnet in production. An expired invoice is accepted: a
// session may resolve a deposit paid long ago.
//
// # Lightning invoices, and what a full check costs
//
// Striga decodes an invoice itself. The client checks, before sending,
// what needs neither secp256k1 nor lnd: a bech32 string with a valid
// checksum, the "ln" prefix and the network it names (lnbc mainnet, lntb
// testnet, lntbs signet, lnbcrt regtest), a well-formed amount and room
// for a timestamp and a signature. That catches typos, truncation, a
// mainnet invoice sent to the sandbox and anything that is not an invoice.
//
// The full BOLT11 check is plugged in with one option:
//
//	c, err := travelrule.New(travelrule.WithCredentials(key, secret),
//		travelrule.WithInvoiceCheck(bolt11.CheckInvoice))
//
// It adds the invoice's signature (the payee's node signed it, and a low-S
// signature when the payee is named), exactly one payment hash, the
// payment secret, known required feature bits, exact field lengths and an
// amount that fits in 64 bits, and it reports the payment hash and expiry
// (WidgetSession.PaymentHash, InvoiceExpired). Package bolt11 decodes with
// lnd's zpay32, so it brings lnd and btcwallet into your binary; package
// travelrule does not import it, and a service that does not plug it in
// links no lnd code. Any function of the InvoiceCheck shape will do.
//
// # Self-hosted counterparties and ownership proofs
//
// DeclareSelfHostedCounterparty records a customer's self-hosted wallet
// (OWNED or THIRD_PARTY). Ownership is proven by a signature over an
// exact sentence that OwnershipMessage builds (Striga's wording, dated
// DD/MM/YYYY, valid from yesterday to tomorrow UTC), sent with VerifyWallet
// or, for a declared counterparty with a pending verification,
// SubmitWalletVerification. These calls are not retried once they may have
// reached Striga: a lost or unreadable answer is an *OutcomeUnknownError
// (ErrOutcomeUnknown, MaybeSent), and the outcome must be checked before
// the call is sent again.
//
// # How a call went
//
// Every result a Client method returns (WidgetSession, Counterparty,
// WalletVerification) carries Meta: Striga's request id for the call (from
// the first of X-Request-Id, Request-Id, X-Correlation-Id and
// X-Amzn-Requestid the answer carries; Striga publishes none), the HTTP
// status of the last response and how many attempts the call took, a
// retried one included. Meta is not part of any wire JSON. For a call that
// failed, APIError carries the same request id.
//
// # Configuration
//
// New takes options shared with packages gtr and monitoring (WithBaseURL,
// WithHTTPClient, WithLogger, WithUserAgent, WithRetry, WithRetryBudget,
// WithRetryAfterCap, WithClock, WithMiddleware, WithEnvironment) and
// Striga's own. A bad option is a *ConfigError naming it (ErrConfig).
//
// # Authentication and webhooks
//
// Every request is signed with the API secret (HMAC-SHA256 over the
// millisecond time, method, path after /api/v1 and the body's MD5) and
// carries the API key; New(WithCredentials(key, secret)) does it. Striga
// documents the body as JSON.stringify's output and does not say whether
// it hashes the bytes received or a re-serialisation, so every body is
// sent as JSON.stringify writes it back: compact, in the documented field
// order then Extra's keys sorted, and every string — Extra values
// included — escaped as JavaScript escapes it (no HTML escaping, U+2028
// and U+2029 as they are, invalid UTF-8 as U+FFFD). Webhooks
// are signed the other way round: the "signature" header is the HMAC of the
// raw body keyed with the API key. VerifyWebhook checks it, ParseWebhook
// and the typed events decode it, WebhookHandler does both (and refuses,
// when built, an empty key or a nil callback). Errors and logs show the
// path of PATCH /counterparty/{id} as /counterparty/*, and never Striga's
// message, which may echo addresses or names (it stays in
// APIError.Message).
//
// # What Striga does not publish
//
// Striga publishes no production URL (pass yours with WithBaseURL), no path
// or response schema for the widget-session endpoint (the SDK posts to
// DefaultWidgetSessionPath and reads assumed field names, keeping every
// field it receives), and not the wire name of the held-deposit field (sent
// as "txHash", see WithTxHashField). Each such default is documented where
// it is used and can be overridden.
//
// Package travelruletest is an in-process fake Striga for tests and
// examples.
package travelrule
