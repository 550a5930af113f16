// Package vaspkit is the map of an SDK that crypto exchanges, wallets and
// payment companies (VASPs) embed in their Go backends to meet the Travel
// Rule (FATF Recommendation 16, the EU Transfer of Funds Regulation) and to
// monitor transactions.
//
// Each job has its own package:
//
//   - travelrule: Striga's travel-rule API — create (or reuse) a widget
//     session for a user or business, a currency/network and one
//     counterparty identifier (an on-chain address, a Lightning payment
//     hash or a BOLT11 invoice); self-hosted counterparties, wallet
//     ownership proofs and webhooks. travelruletest is a fake Striga.
//   - monitoring: Sumsub transaction monitoring (KYT) — submit every
//     transaction type, read and review results, verify webhooks.
//     monitoringtest is a fake Sumsub.
//   - gtr: Global Travel Rule — mTLS with login or app-token auth,
//     one-step verify before and after a transaction, VASP discovery,
//     txid notification, status queries, callbacks, and PII sealing with
//     ed25519_curve25519. gtrtest is a fake GTR platform with simulated
//     counterparty VASPs.
//   - ivms: the IVMS101 data model (2020 and 101.2023) with builders,
//     complete C1–C12 validation and every wire dialect providers use.
//   - bolt11: BOLT11 Lightning invoice decoding with the spec's reader
//     rules enforced.
//
// Every client is built with New(opts...), which validates its options and
// does no I/O; every call takes a context; every error is typed; amounts are
// exact decimals; secrets and PII never appear in logs or error strings.
// Run `go run ./examples/quickstart` to watch a whole withdrawal and deposit
// go through all three providers' fakes.
package vaspkit

import "github.com/vaspkit/vaspkit/internal/version"

// Version is the SDK release. It is sent in the User-Agent header as
// "vaspkit-go/<Version>".
const Version = version.Version
