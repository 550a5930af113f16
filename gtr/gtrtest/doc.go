// Package gtrtest is an in-process Global Travel Rule platform for tests:
// an HTTPS server that behaves like GTR towards one member VASP (the code
// under test) and simulates every other VASP on the network.
//
// # What it does
//
// NewServer starts the platform on a loopback port with its own certificate
// authority (ECDSA P-256). Like GTR it requires a client certificate on
// every call, login included: ClientCertificate (or ClientCertificatePEM) is
// the member's certificate.pem, RootCAs the only root that verifies the
// platform; HTTPClient presents the one and trusts the other, and
// ClientOptions (or NewClient) is everything a gtr.Client needs to reach
// the platform, authenticated with an app token. Credentials returns the
// member's api_key.csv values for gtr.WithLogin (SHA-512 signedSecretKey, opaque JWT, a second login logs
// the first session out, expireInMinutes honoured) or gtr.WithAppToken
// (X-Authorization verified from scratch: timestamp window, nonce replay,
// secretToken).
//
// Counterparties are registered with AddVASP: a code, a PII key pair, and
// customers as IVMS101 persons by deposit address (Addresses) or by the
// transactions they sent (TxIDs). A one_step is then handled the way the
// counterparty would: stage 1 checks the address (exactly; an empty tag
// ignores tags, and several matches are "too many addresses") or the txId;
// stage 2 reads the sender's PII with the counterparty's key in any of
// GTR's three format types — FULL_JSON_OBJECT_ENCRYPT and
// JSON_FIELD_ENCRYPT are opened (so the sealing, the lower-case
// secretAlgorithm and the receiver key must be right), JSON_FIELD_HASH is
// compared by hashing the counterparty's own customer record with the
// sender's salt — matches the asked fields against the registered
// customer, and answers with verifyFields and a document sealed back to the
// sender, with the counterparty's VASP filled in. A VASP advertises its
// format type, spec version and algorithm in VASP detail (VASP.PIIFormat …).
// RequestIds are unique (a reuse answers 100005); query, notify_tx_id, end,
// VASP list and detail, address detection and the manual APIs answer from
// what was recorded. Recorded and Requests let tests inspect it all.
//
// # What the fake accepts, and why
//
// The fake decides from GTR's documentation, written in the fake itself
// (gtrdocs.go): the request rules (requestId 4–64 of [\w\d_=-]; the
// lengths of network, ticker, tag, address, txId, sourceVaspCode,
// fiatName; decimal strings for amount and fiatPrice, amount within
// decimal(28,18) read as at most 28 significant digits and 18 after the
// point; txId null pre-transaction and required post-transaction;
// piiSpecVersion ivms101-2020; securedPayload at most 80000 characters),
// the verify-field table and its status rules, and the verification
// methods NAME_FUZZY_VD, TYPE, ABS_CI, FUZZY_TEXT and POST_CODE. It never
// calls package gtr's validation, matching, verdict or decoding functions
// (a test parses the fake's sources to keep it so): an SDK bug cannot pass
// its own fake. Sealing, opening and hashing use internal/pii, the
// documented algorithm. Record.Identity is decoded with package ivms for
// tests to read; no verdict depends on it.
//
// # Codes and messages
//
// verifyStatus codes and their HTTP statuses are GTR's (spec §10): 100004
// with HTTP 400 for a request that breaks a documented rule, 100005 for a
// reused requestId, 100015 for an unknown VASP, 100014 / 100020 / 100021
// with HTTP 401 for sessions, 200001, 200002, 200003 and 200007 as
// verdicts. Where GTR publishes a verifyMessage the fake uses it verbatim:
// "Success", "Too many address" (several addresses without a tag),
// "Request ID duplicated", "PII Verification Success", "travel rule
// canceled", "Please use one of Authorization or X-Authorization". GTR
// publishes no message catalogue (its ResponseMessageEnum is not
// published), so every other verifyMessage — for instance which rule a
// 100004 broke — is the fake's own wording: match on verifyStatus, not on
// text. GTR does not publish the HTTP status of 100015; the fake uses 200.
//
// # Callbacks
//
// The platform delivers callbacks to the member's callback URL over mTLS,
// presenting its own client certificate, issued by the CA RootCAs returns
// (the client-truststore.pem analogue): NewCallbackServer serves a
// gtr.CallbackHandler the way GTR requires, and the handler's default
// authentication (a verified client certificate) accepts the platform's
// callbacks and nobody else's. A counterparty with Pending set
// answers 100002 and CompletePending later delivers callbacks 13 and 15;
// SendTravelRule plays a counterparty that initiates a travel rule towards
// the member (callbacks 6 or 9, then 4), NotifyTxID, EndTravelRule and
// HealthCheck deliver callbacks 7, 17 and 0, and Deliver any other.
//
// # Faults
//
// WithFaults and InjectFault inject faults, in package fakefault's
// vocabulary, which the three fakes (gtrtest, monitoringtest,
// travelruletest) share: dropped
// connections, 5xx, 429 with Retry-After, redirects, latency, empty and
// malformed answers — before the request is handled, or after it was
// handled and recorded (Drop, ServerErrorAfter, EmptyAnswer,
// MalformedAnswer), the case in which a client must recover by querying
// and never resend a one_step. A fault acts on the next request to its
// Path, every n-th, or at a rate seeded by WithSeed. WithLatency slows
// every answer; WithTokenTTL and ExpireSessions end login sessions.
// Requests lists what reached the platform, faulted requests included.
//
// The fake speaks GTR's wire format through its own structures, not package
// gtr's client types, so a client bug cannot hide behind shared code.
//
// # Redaction
//
// The records and inputs that hold what package gtr treats as PII or
// secret (Record, TravelRule, Outcome, CallbackReply, VASP, Wallet,
// Transfer) print like gtr's own types: under every fmt verb and through
// log/slog only VASP codes, direction, network, ticker, statuses and
// counts. Read their fields in assertions; a failing test that prints one
// shows no customer data.
package gtrtest
