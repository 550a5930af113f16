package throughput

import (
	"context"
	"testing"

	"github.com/vaspkit/vaspkit/gtr/gtrtest"
	"github.com/vaspkit/vaspkit/monitoring/monitoringtest"
	"github.com/vaspkit/vaspkit/travelrule/travelruletest"
)

// TestOps runs every benchmarked call, SDK and baseline, a few times
// against its fake (each call checks its own answer) and checks the fake
// received exactly those calls, sequential, over one connection — so the benchmarks measure what they
// claim, and a change to a client or fake that breaks the baseline's
// hand-written request shows up here rather than as a benchmark that no
// longer runs.
func TestOps(t *testing.T) {
	t.Parallel()
	const calls = 3
	type setup func(t *testing.T) (do op, dials *dialCounter, served func() int)
	tests := []struct {
		name  string
		setup setup
	}{
		{"gtr", func(t *testing.T) (op, *dialCounter, func() int) {
			fx := newGTRFixture(t)
			hc, dials := newHTTPClient(fx.tls)
			t.Cleanup(hc.CloseIdleConnections)
			do, err := newGTROp(fx, hc)
			if err != nil {
				t.Fatal(err)
			}
			return do, dials, func() int {
				if n := len(fx.srv.Requests(gtrtest.PathVASPDetail)); n != 0 {
					t.Errorf("OneStep made %d VASP detail calls, want none (key, format and spec version set)", n)
				}
				return len(fx.srv.Requests(gtrtest.PathOneStep))
			}
		}},
		{"gtr baseline", func(t *testing.T) (op, *dialCounter, func() int) {
			fx := newGTRFixture(t)
			hc, dials := newHTTPClient(fx.tls)
			t.Cleanup(hc.CloseIdleConnections)
			do, err := newGTRBaselineOp(context.Background(), fx, hc)
			if err != nil {
				t.Fatal(err)
			}
			return do, dials, func() int { return len(fx.srv.Requests(gtrtest.PathOneStep)) }
		}},
		{"monitoring", func(t *testing.T) (op, *dialCounter, func() int) {
			srv := monitoringtest.NewServer(t)
			hc, dials := newHTTPClient(nil)
			t.Cleanup(hc.CloseIdleConnections)
			do, err := newMonitoringOp(srv, hc)
			if err != nil {
				t.Fatal(err)
			}
			return do, dials, func() int { return srv.Stats().Stored }
		}},
		{"monitoring baseline", func(t *testing.T) (op, *dialCounter, func() int) {
			srv := monitoringtest.NewServer(t)
			hc, dials := newHTTPClient(nil)
			t.Cleanup(hc.CloseIdleConnections)
			return newMonitoringBaselineOp(srv, hc), dials, func() int { return srv.Stats().Stored }
		}},
		{"travelrule", func(t *testing.T) (op, *dialCounter, func() int) {
			srv := travelruletest.NewServer(t)
			hc, dials := newHTTPClient(nil)
			t.Cleanup(hc.CloseIdleConnections)
			do, err := newTravelRuleOp(srv, hc)
			if err != nil {
				t.Fatal(err)
			}
			return do, dials, func() int { return okRequests(srv) }
		}},
		{"travelrule baseline", func(t *testing.T) (op, *dialCounter, func() int) {
			srv := travelruletest.NewServer(t)
			hc, dials := newHTTPClient(nil)
			t.Cleanup(hc.CloseIdleConnections)
			return newTravelRuleBaselineOp(srv, hc), dials, func() int { return okRequests(srv) }
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			do, dials, served := tc.setup(t)
			for i := range calls {
				if err := do(context.Background()); err != nil {
					t.Fatalf("call %d: %v", i, err)
				}
			}
			if got := served(); got != calls {
				t.Errorf("the fake received %d calls, want %d", got, calls)
			}
			if got := dials.Opened(); got != 1 {
				t.Errorf("%d connections opened for %d sequential calls (and a login), want 1", got, calls)
			}
		})
	}
}

// okRequests counts the widget-session requests travelruletest answered 200.
func okRequests(srv *travelruletest.Server) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Method == "POST" && r.Status == 200 {
			n++
		}
	}
	return n
}
