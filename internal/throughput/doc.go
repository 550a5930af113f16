// Package throughput measures how many requests per second each SDK client
// sustains against its in-process fake, beside the same requests written by
// hand, and how many TCP connections each side opens while doing so. It
// holds only benchmarks (and the tests of their harness); nothing imports
// it.
//
// # What is measured
//
// Three calls, each from 1, 16 and 64 goroutines sharing one client
// (BenchmarkThroughput<Client>/g=N), and each beside a baseline of the
// same name with the suffix Baseline that makes the identical request with
// net/http, encoding/json and the provider's authentication written by
// hand:
//
//   - GTR: gtr.Client.OneStep, a pre-transaction verification against
//     gtrtest over real mTLS with a login token and a fresh requestId per
//     call. The fake opens the sealed IVMS101 document, matches the
//     beneficiary's name and seals its own document back, which the caller
//     opens and decodes. The baseline logs in with POST /api/login, seals
//     with golang.org/x/crypto/nacl/box after converting the Ed25519 keys
//     to X25519 itself (SHA-512 of the seed, clamped; the Montgomery form of
//     the peer's point with filippo.io/edwards25519), and opens the answer
//     the same way. Neither side fetches the peer's key: both are given it,
//     and both compute the shared key once, as the SDK caches it per peer.
//   - Sumsub: monitoring.Client.Submit of a crypto withdrawal with a fresh
//     txnId per call, against monitoringtest. The SDK's client-side rate
//     limiter is turned off with monitoring.WithoutRateLimit: it keeps a
//     real account under Sumsub's quota and would otherwise be all this
//     measures. The baseline signs X-App-Access-Sig with crypto/hmac.
//   - Striga: travelrule.Client.CreateWidgetSession for an on-chain ETH
//     counterparty, against travelruletest. The calls cycle through 64
//     counterparty addresses, so after the first call for each address the
//     fake answers with the session it holds: the steady state is session
//     reuse, not creation. The baseline signs the HMAC Authorization header
//     with crypto/hmac and crypto/md5.
//
// The SDK client is given an *http.Client built by rest.NewHTTPClient (what
// every client builds when the caller gives none) whose transport dials
// through a counter; the baseline sends through an identical one. Each run
// (each b.N) starts with a fresh fake, a fresh client and a warm-up call per
// goroutine, outside the timer, so logins are done and connections open.
// The fresh fake matters: the fakes keep every record and request, and a
// fake grown by the runs before would leave a run with a larger heap for
// the garbage collector to scan, more so for whichever side made more calls
// at g=1 and g=16.
//
// # How to read it
//
// Each benchmark reports:
//
//   - req/s: calls completed per second of wall-clock time (ns/op is its
//     inverse);
//   - conns: TCP connections the client opened during the run, warm-up
//     included. With connections reused it stays near g however many calls
//     the run makes; a client that opened a connection per call would show
//     about b.N. A few more than g are normal: net/http dials a new
//     connection for a caller that finds none idle and hands it an idle one
//     if that frees first (the dialed one joins the pool), and it does not
//     reuse a connection whose request write it has not seen finish within
//     50 ms, which happens when a loaded machine starves its goroutines;
//   - cpu-ns/op: CPU time of the whole process per call — client and fake
//     together, since both run here.
//
// Client and fake share the machine's cores, so req/s is bounded by the CPU
// both need per call; on a machine shared with other work req/s also moves
// with the neighbours' load. The ratio that matters is the SDK's req/s over
// the baseline's (BENCHMARKS.md prints it, with its range over the runs);
// baseline cpu-ns/op over SDK cpu-ns/op is the same ratio with the
// neighbours taken out, the steadier figure on a busy machine. Against a
// real provider the network and the provider's own work dominate and both
// ratios move towards 1.
//
// scripts/benchmarks.sh also counts the instructions one call costs at g=64
// with valgrind's callgrind (client and fake, user space, from the
// difference between a long and a short run): the same comparison without
// the neighbours, repeatable within about 3%.
//
// Run them interleaved, several times:
//
//	COUNT=5 scripts/benchmarks.sh
//	go test -run='^$' -bench=Throughput -benchmem -count=5 ./internal/throughput
package throughput
