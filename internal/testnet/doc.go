// Package testnet holds network helpers for the module's tests: an
// address that refuses every connection, so "connection refused" cells do
// not depend on a closed port staying free.
package testnet
