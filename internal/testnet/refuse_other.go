//go:build !unix

package testnet

import (
	"net"
	"testing"
)

// RefusingAddr returns a loopback address nothing listens on. Without a
// way to bind a socket that does not listen, the port is only free: a
// later listener may take it.
func RefusingAddr(t testing.TB) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}
