//go:build unix

package testnet

import (
	"strconv"
	"syscall"
	"testing"
)

// RefusingAddr returns a loopback address ("127.0.0.1:port") that refuses
// every connection for the rest of the test: a TCP socket bound to it that
// never listens. The bound socket keeps the port from being given to any
// other listener, so a dial there is refused even while parallel tests
// open and close servers (a closed listener's port can be handed to the
// next one).
func RefusingAddr(t testing.TB) string {
	t.Helper()
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = syscall.Close(fd) })
	if err := syscall.Bind(fd, &syscall.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		t.Fatal(err)
	}
	sa, err := syscall.Getsockname(fd)
	if err != nil {
		t.Fatal(err)
	}
	in4, ok := sa.(*syscall.SockaddrInet4)
	if !ok {
		t.Fatalf("bound to %T", sa)
	}
	return "127.0.0.1:" + strconv.Itoa(in4.Port)
}
