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
// platform. Credentials returns the member's api_key.csv values for
// gtr.WithLogin (SHA-512 signedSecretKey, opaque JWT, a second login logs
// the first session out, expireInMinutes honoured) or gtr.WithAppToken
// (X-Authorization verified from scratch: timestamp window, nonce replay,
// secretToken).
//
// Counterparties are registered with AddVASP: a code, a PII key pair, and
// customers as IVMS101 persons by deposit address (Addresses) or by the
// transactions they sent (TxIDs). A one_step is then handled the way the
// counterparty would: stage 1 checks the address (exactly; an empty tag
// ignores tags, and several matches are "too many addresses") or the txId;
// stage 2 opens the sender's PII with the counterparty's key — so the
// sealing, the lower-case secretAlgorithm and the receiver key must be
// right — matches the asked fields against the registered customer with
// package gtr's rules (VerifyFields), and answers with verifyFields and the
// document re-encrypted to the sender, with the counterparty's VASP filled
// in. RequestIds are unique (a reuse answers 100005); query, notify_tx_id,
// end, VASP list and detail, address detection and the manual APIs answer
// from what was recorded. Recorded and Requests let tests inspect it all.
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
// WithLatency, WithErrorRate (seeded by WithSeed) and InjectFault produce
// slow answers, 5xx and 429 answers, non-JSON bodies and dropped
// connections — before the request is handled, or after it was handled and
// recorded (Fault.AfterHandling), the case in which a client must recover
// by querying and never resend a one_step. WithTokenTTL and ExpireSessions
// end login sessions.
//
// The fake speaks GTR's wire format through its own structures, not package
// gtr's client types, so a client bug cannot hide behind shared code; it
// uses package gtr's key, sealing and matching functions as a counterparty
// VASP would use GTR's libraries.
package gtrtest
