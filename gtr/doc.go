// Package gtr is a client for the Global Travel Rule (GTR) platform: it
// lets an exchange tell the counterparty VASP who is sending or receiving a
// crypto transfer, and learn whether the counterparty agrees, as the FATF
// Travel Rule requires.
//
// # Two directions
//
// A travel rule is verified in one synchronous call, OneStep, in one of two
// directions. Before a withdrawal is broadcast you run it PreTransaction
// (GTR's verifyDirection 2): you are the originating VASP, your customer is
// the Originator, and GTR first asks the beneficiary VASP whether it holds
// the destination address (stage 1, address verification), then has it
// check the PII you sent (stage 2). After a deposit lands you run it
// PostTransaction (1): you are the beneficiary VASP, the transaction id is
// required, and GTR first asks the originating VASP whether it sent that
// transaction (stage 1), then has it check your customer's data. In both
// directions the address is the beneficiary's. A withdrawal's transaction
// id, once known, goes to GTR with NotifyTxID; a travel rule that will have
// no transfer is closed with End.
//
// # The sealed PII
//
// The personal data travels as an IVMS101 document (package ivms) that only
// the two VASPs can read. OneStep lays out GTR's envelope
// ({"ivms101": {"Originator", "Beneficiary", "OriginatingVASP",
// "BeneficiaryVASP"}}) as the direction requires and seals it with ed25519_curve25519: our Ed25519 key pair (WithKeyPair)
// and the counterparty's public key (the request's TargetPublicKey, else
// VASPDetail's) give a shared NaCl box key.
// The counterparty answers with the document re-sealed to us, with its side
// filled in; OneStepResult.Identity holds it, opened. GTR holds our PII
// until stage 1 passes, and never delivers it when stage 1 fails. Nothing
// of this data is ever logged or printed by the SDK.
//
// GTR defines three ways to send the document (piiSecretFormatType):
// sealed whole (FullJSONObjectEncrypt, the default), sealed leaf by leaf
// (JSONFieldEncrypt), or hashed leaf by leaf (JSONFieldHash: every value
// becomes Base64(Keccak-256(metadata ‖ salt)) under secretAlgorithm
// keccak256, with a fresh salt sent as hashSalt and
// encryptionParams.keccak256.salt). Hashes are one-way: the counterparty
// hashes its own customer's record with the same salt and compares. The
// per-value metadata is written byte for byte as GTR's Java tools write it
// — Jackson's escaping, and numbers in Java's Double.toString form ("1.50"
// is "1.5", "1e7" is "1.0E7") — so hashes agree with a Java counterparty.
// OneStep fetches VASP detail whenever the request leaves TargetPublicKey,
// PIIFormat or PIISpecVersion unset (even with a key set), uses what the
// counterparty advertises there for what is unset, and refuses, before
// sending, a format or IVMS version the SDK cannot write. A request that
// sets all three makes no detail call.
// Amounts are checked against GTR's decimal(28,18). A receiving handler
// gets hashed PII unopened (PIIVerification.PIIFormat is JSONFieldHash,
// Identity nil) and its Verify compares hashes.
//
// # Verify fields
//
// OneStepRequest.ExpectFields names the fields the counterparty is to
// verify, and a result's Fields say how each fared. A field is a FieldID,
// built from its group (party and kind of person) and the IVMS field:
//
//	gtr.BeneficiaryNatural.Name()         // 110026
//	gtr.BeneficiaryNatural.DateOfBirth()  // 110025
//	gtr.OriginatingVASP.CountryOfRegistration()
//
// String names a known id ("BeneficiaryNaturalName").
//
// # Verdict or error
//
// A verification verdict is a result, not an error. OneStep returns
// (result, nil) for 100000 success, 100002 pending, 200001 address not
// found, 200007 transaction id not found and 200003 PII verification
// failed; every other status — authentication, decryption, quota, a reused
// requestId, server failures — is an *APIError that matches sentinels such
// as ErrUnauthorized, ErrDuplicate or ErrCannotDecrypt with errors.Is.
// Result.Decide applies GTR's recommended reading: look only at the fields
// you asked for (ExpectFields), refuse the transfer when one of them is
// missing or mismatched, wait when the counterparty answers later. A
// pending counterparty delivers its verdict by callback within 72 hours;
// Query polls it. Bad input never reaches GTR: it comes back as a
// *ValidationError listing every problem (a FieldError each). A network
// failure is a *TransportError (its Sent field: the request may have
// reached GTR), a 2xx GTR's format does not explain a
// *MalformedResponseError (ErrMalformedResponse), a 5xx or server-failure
// status matches ErrServer; MaybeSent tells whether a failed call may have
// taken effect.
//
// Every struct result (OneStepResult, QueryResult, VASPDetail,
// AddressDetection) carries Meta: how its call went, as the HTTP layer saw
// it — the HTTP status of the last response, how many attempts were made
// (a retry and the repeat after a new login included) and the provider's
// request id from the X-Request-Id response header. GTR publishes no such
// header, so RequestID is usually empty against GTR itself (a gateway or
// the gtrtest fake may set it). Meta holds no PII.
//
// # Never resend, never lose
//
// one_step cannot be taken twice: GTR refuses a reused requestId (100005).
// So the client sends it once, retrying only when the request provably
// never left (a refused connection, a failed TLS handshake). When the
// answer is lost after the request may have reached GTR — a timeout, a
// connection reset, a 5xx without a verdict — OneStep asks
// GET /api/verify/query what GTR recorded and returns that verdict
// (result.Recovered), or an *OutcomeUnknownError carrying the requestId
// (ErrOutcomeUnknown). If your ctx has already expired by then, the query
// runs on a fresh context bounded by WithRecoveryTimeout, so the deadline
// that lost the answer does not also lose the outcome. Never retry an
// unknown outcome with the same requestId: query it later, and start a new
// travel rule only once GTR says the first does not exist.
//
// # Login or app token
//
// Every call needs GTR's client certificate (mutual TLS; see
// WithClientCertificate and its PEM, file and PKCS#12 variants). The server
// certificate is always verified; WithRootCAs supplies a private root.
// On top of mTLS, authenticate in one of two ways. WithLogin logs in with
// the API key and reuses the session token, logging in again once when GTR
// says the session ended. GTR allows one session per API key: a second
// login — from another Client, another process, another replica — logs
// the first out. A Client therefore shares one token between all its
// calls and never runs two logins at once. Several Clients in one process
// with the same API key should share one session: create it with
// NewLoginSession and give it to each with WithLoginSession; the Client
// whose call needs a login sends it, through its own certificate, retries
// and logger, and the others wait for it (each no longer than its ctx
// allows; WithLoginTimeout bounds the login itself). The package keeps no
// state of its own: sessions belong to Clients or to the LoginSession you
// share. No session can coordinate processes, though. WithAppToken has no
// session: it signs every request with a fresh short-lived token, so any
// number of replicas can share a key. Use it when you run more than one
// process.
//
// # Other calls
//
// ListVASPs and ListVASPEntities return the VASP directory; VASPDetail a
// VASP's PII key and the fields it verifies and requires;
// DetectAddressVASP corrects the user's choice of VASP for an address. A
// receiving VASP that answered a callback with "pending" delivers its
// verdict later with ManualVerifyAddress, ManualVerifyTxID and
// ManualVerifyPII. Package gtrtest runs an in-process fake GTR platform
// with simulated counterparties for tests.
//
// # Callbacks
//
// GTR calls your callback URL to ask whether an address (6) or a
// transaction (9) is yours, to have you verify your customer's data and
// return yours (4), and to notify you (7, 13, 15, 16, 17).
// NewCallbackHandler serves them all. Answers to 6 and 4 are worth having
// to anyone — 6 tells whether an address belongs to one of your customers,
// 4 returns your customer's record sealed to whatever key the request
// names — so the handler authenticates its caller before it reads
// anything: by default it requires GTR's client certificate, verified
// during the TLS handshake against GTR's client-truststore.pem
// (CallbackTLSConfig), and refuses everything else with HTTP 403; a
// default handler on a plain HTTP server refuses every call.
// WithAllowedSources authenticates by GTR's source addresses instead or in
// addition. Only a handler behind a reverse proxy that has itself verified
// GTR's certificate may turn this off, with WithoutCallbackAuthentication.
//
// # Errors and logs
//
// Error strings and log lines name operations, paths, statuses and
// fields, never values: no PII, no credentials, and no requestId, txId or
// address. GTR's (or the counterparty's) verifyMessage may echo such
// values, so it is kept in APIError.Message and never printed; the
// requestId is in the RequestID fields of APIError and
// OutcomeUnknownError.
package gtr
