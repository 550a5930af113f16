// Package bolt11 decodes and checks BOLT11 Lightning invoices.
//
// A Lightning invoice (a payment request) is the string a payee hands to a
// payer: "lnbc2500u1p…". It is bech32-encoded and signed by the payee's
// node. It says which network the money moves on (the prefix: lnbc mainnet,
// lntb testnet, lntbs signet, lnbcrt regtest, lnsb simnet), how much (an
// optional amount in bitcoin with a multiplier; this package reports
// millisatoshis), when it was made and how long it stays payable, what it is
// for (a description, or the SHA-256 of one given elsewhere), who is paid
// (the payee node's public key, stated in the invoice or recovered from the
// signature) and, above all, the payment hash.
//
// # Why the payment hash identifies a Lightning transfer
//
// A Lightning payment leaves no on-chain transaction of its own, so there is
// no transaction id to put in a Travel Rule record. What there is instead is
// the payment hash. The payee picks a random secret, the preimage, and puts
// its SHA-256 — the payment hash — in the invoice. Every hop of the payment
// is locked to that hash: each node along the route only gets its money by
// revealing the preimage, and the payee reveals it only when it accepts the
// payment. So the hash is the one value that the invoice, the payer's node,
// every forwarding node and the payee's node all see for this transfer, and
// the preimage, once revealed, is the payer's proof that this transfer was
// paid. The originator VASP (paying) and the beneficiary VASP (paid) can
// therefore match their records of one transfer by the payment hash, as they
// would match an on-chain transfer by its transaction id; Striga derives it
// from the invoice itself. Two cautions follow. The hash must be read
// unambiguously — an invoice with two payment hashes could be recorded under
// one and paid under the other, so this package rejects it — and the
// invoice's signature must hold, which ties the hash to the payee node. The
// hash is not secret (the preimage is) and is not an identity: who stands
// behind the payee node is what the Travel Rule exchange establishes.
//
// # What Decode checks
//
// Decode builds on lnd's zpay32 (lnd v0.21.x) and adds the reader rules of
// BOLT11 that zpay32 does not enforce: a payment secret (s) is required,
// unknown required (even) feature bits fail, only one payment hash is
// allowed, p, h, s and n must have their exact lengths, a signature must be
// low-S when the invoice names its payee (n), and the amount must fit in 64
// bits of millisatoshis. It also reads the network from the prefix itself
// (so lnbcrt is regtest, not a malformed mainnet invoice), accepts a
// "lightning:" prefix and surrounding whitespace, and reports the spec's
// default final CLTV delta (18) where zpay32 v0.21 reports 24. Expired
// invoices decode; (*Invoice).Expired tells. Every failure is an *Error
// whose Err is a sentinel (ErrWrongNetwork, ErrMissingPaymentSecret, …) and
// whose message names the rule, never the invoice.
//
// An f field (fallback address) of a version this package does not know
// is skipped, as BOLT11 requires, also when it carries no address (zpay32
// refuses that one; Decode then checks the signature itself).
//
// No lnd or btcd type appears in this package's API.
//
// # Plugging it into travelrule
//
// Package travelrule does not import this package. A travelrule client
// checks an invoice's form and network on its own; CheckInvoice, whose
// signature is made of plain types, adds everything else:
//
//	travelrule.New(travelrule.WithCredentials(key, secret),
//		travelrule.WithInvoiceCheck(bolt11.CheckInvoice))
//
// # What importing bolt11 costs
//
// Decoding is lnd's zpay32, and zpay32 is a package of lnd's root module:
// importing bolt11 links 45 packages of lnd, btcwallet and neutrino, plus
// testify and pgregory.net/rapid, which lnd's lnwire imports outside its
// tests (lnd up to v0.21.3-beta; lnwire/test_message.go). Measured with
// lnd v0.21.3-beta and Go 1.26 on linux/amd64:
//
//   - a program that imports only bolt11 is a 9.4 MB binary;
//   - a service using gtr, monitoring, travelrule and ivms grows from
//     8.9 MB to 12.1 MB when it adds bolt11;
//   - go mod tidy with an empty module cache then fetches about 184
//     modules (about 920 MB unpacked) instead of 12 (24 MB);
//   - rapid registers ten flags on flag.CommandLine in its init:
//     -rapid.checks, -rapid.debug, -rapid.debugvis, -rapid.failfile,
//     -rapid.log, -rapid.nofailfile, -rapid.seed, -rapid.shrinktime,
//     -rapid.steps and -rapid.v. They show in your program's -h and are
//     accepted on its command line; parse your own flag.FlagSet to keep
//     them out.
//
// Only this package and the examples may import lnd: the CI check
// .ci/imports (and the test in internal/importcheck) fails when any other
// package of the module reaches it.
package bolt11
