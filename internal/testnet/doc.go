// Package testnet holds helpers for the module's tests that keep them
// independent of timing and of other tests: an address that refuses every
// connection (so "connection refused" cells do not depend on a closed port
// staying free), and a context whose deadline is an event, not a timer.
package testnet
