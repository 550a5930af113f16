package throughput

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vaspkit/vaspkit/internal/rest"
)

// goroutineCounts are the concurrency levels every throughput benchmark
// runs at: one caller, a busy service, and a burst.
var goroutineCounts = []int{1, 16, 64}

// dialCounter counts the TCP connections a transport opens. Its
// DialContext replaces the transport's; TLS, when used, runs on top of the
// connections it returns, so each TLS handshake is one count too.
type dialCounter struct {
	dialer net.Dialer
	n      atomic.Int64
}

func (d *dialCounter) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	conn, err := d.dialer.DialContext(ctx, network, addr)
	if err == nil {
		d.n.Add(1)
	}
	return conn, err
}

// Opened returns how many connections were opened so far.
func (d *dialCounter) Opened() int64 { return d.n.Load() }

// newHTTPClient is rest.NewHTTPClient (the client every SDK package builds
// when the caller gives none: 128 idle connections per host, the
// DefaultTransport's timeouts) with a counting dialer. The SDK clients and
// the baselines both send through one of these, so the transport is not
// part of the difference.
func newHTTPClient(tlsConfig *tls.Config) (*http.Client, *dialCounter) {
	hc := rest.NewHTTPClient(tlsConfig)
	tr := hc.Transport.(*http.Transport)
	d := &dialCounter{dialer: net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}}
	tr.DialContext = d.DialContext
	return hc, d
}

// forEachG runs f as the sub-benchmarks g=1, g=16 and g=64. f runs once
// per b.N the benchmark tries and builds its own fake each time.
func forEachG(b *testing.B, f func(b *testing.B, g int)) {
	for _, g := range goroutineCounts {
		b.Run("g="+strconv.Itoa(g), func(b *testing.B) { f(b, g) })
	}
}

// seq numbers operations across the whole process, so ids built from it
// (GTR requestIds, Sumsub txnIds) are never reused, whichever benchmark or
// round they come from.
var seq atomic.Uint64

// runID tells this process's ids apart from another run's against a
// long-lived server.
var runID = strconv.FormatInt(time.Now().UnixNano()%1e9, 36)

// nextID returns a fresh id with prefix: letters, digits and dashes only.
func nextID(prefix string) string {
	return prefix + "-" + runID + "-" + strconv.FormatUint(seq.Add(1), 10)
}

// op is one request: the SDK call or its hand-written baseline.
type op func(ctx context.Context) error

// measure runs b.N calls of do spread over g goroutines and reports:
//
//   - req/s: b.N over the wall-clock time of the timed part;
//   - conns: TCP connections dials opened during the whole run, warm-up
//     included (a client that reuses connections opens about g, whatever
//     b.N is);
//   - cpu-ns/op: the process's CPU time per call, client and in-process
//     fake together, which the neighbours' load disturbs less than wall
//     time.
//
// Before the timer starts every goroutine makes one call, so connections
// are open, logins done and caches warm; then the goroutines take calls
// from a shared counter until b.N are done. The first failure stops the
// run and fails the benchmark.
func measure(b *testing.B, g int, dials *dialCounter, do op) {
	b.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	var (
		errOnce  sync.Once
		firstErr error
	)
	fail := func(err error) {
		errOnce.Do(func() { firstErr = err; cancel() })
	}
	var wg sync.WaitGroup
	for range g {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := do(ctx); err != nil {
				fail(fmt.Errorf("warm-up: %w", err))
			}
		}()
	}
	wg.Wait()
	if firstErr != nil {
		b.Fatal(firstErr)
	}

	b.ReportAllocs()
	var next atomic.Int64
	n := int64(b.N)
	b.ResetTimer()
	cpu := processCPU()
	for range g {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for next.Add(1) <= n {
				if err := do(ctx); err != nil {
					fail(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	b.StopTimer()
	cpu = processCPU() - cpu
	if firstErr != nil {
		b.Fatal(firstErr)
	}
	if s := b.Elapsed().Seconds(); s > 0 {
		b.ReportMetric(float64(b.N)/s, "req/s")
	}
	b.ReportMetric(float64(dials.Opened()), "conns")
	if cpu > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}
