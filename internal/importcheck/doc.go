// Package importcheck holds no code: its test checks the module's import
// boundaries (ARCHITECTURE.md "Who may import whom", issue 16) as part of
// go test ./..., the same check as the CI script .ci/imports.
//
// Only package bolt11, whose BOLT11 decoding is lnd's zpay32, and the
// examples may reach lnd and what it brings: btcwallet, neutrino and — lnd
// v0.21's lnwire links them into non-test code — testify and rapid, which
// registers ten -rapid.* flags on flag.CommandLine. Every other package,
// in its non-test build, reaches none of them, nor any other test
// framework (go-cmp, httpmock), so a service that imports travelrule,
// monitoring, gtr or ivms links none of it.
package importcheck
