package throughput

import (
	"context"
	"errors"
	"flag"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// get is one GET of srv's root with the body read to the end.
func get(hc *http.Client, url string) op {
	return func(ctx context.Context) error {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return err
		}
		resp, err := hc.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		_, err = io.Copy(io.Discard, resp.Body)
		return err
	}
}

func TestDialCounter(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = io.WriteString(w, "ok")
	}))
	defer srv.Close()
	tests := []struct {
		name      string
		keepAlive bool
		calls     int
		want      int64
	}{
		{"reused connection", true, 20, 1},
		{"a connection per call", false, 20, 20},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			hc, dials := newHTTPClient(nil)
			defer hc.CloseIdleConnections()
			hc.Transport.(*http.Transport).DisableKeepAlives = !tc.keepAlive
			do := get(hc, srv.URL)
			for range tc.calls {
				if err := do(context.Background()); err != nil {
					t.Fatal(err)
				}
			}
			if got := dials.Opened(); got != tc.want {
				t.Errorf("Opened() = %d after %d sequential calls, want %d", got, tc.calls, tc.want)
			}
		})
	}
}

// TestMeasure checks the metrics measure reports: req/s and cpu-ns/op
// present, and conns counting what the client opened — far fewer than the
// calls when connections are reused, one per call when they are not.
func TestMeasure(t *testing.T) {
	// A fixed number of calls instead of the default -benchtime of a
	// second per run: the harness is checked, not the machine measured.
	if f := flag.Lookup("test.benchtime"); f != nil {
		old := f.Value.String()
		if err := f.Value.Set("200x"); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = f.Value.Set(old) })
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = io.WriteString(w, "ok")
	}))
	defer srv.Close()
	for _, keepAlive := range []bool{true, false} {
		res := testing.Benchmark(func(b *testing.B) {
			hc, dials := newHTTPClient(nil)
			defer hc.CloseIdleConnections()
			hc.Transport.(*http.Transport).DisableKeepAlives = !keepAlive
			measure(b, 4, dials, get(hc, srv.URL))
		})
		if res.N == 0 {
			t.Fatalf("keepAlive=%v: the benchmark failed", keepAlive)
		}
		for _, m := range []string{"req/s", "conns"} {
			if res.Extra[m] <= 0 {
				t.Errorf("keepAlive=%v: metric %s = %v, want > 0", keepAlive, m, res.Extra[m])
			}
		}
		conns, calls := res.Extra["conns"], float64(res.N+4) // + the warm-up calls
		if keepAlive && conns > calls/2 {
			t.Errorf("keepAlive: %v connections for %v calls, want reuse", conns, calls)
		}
		if !keepAlive && conns != calls {
			t.Errorf("no keep-alive: %v connections for %v calls, want one per call", conns, calls)
		}
	}
}

func TestMeasureFailsOnError(t *testing.T) {
	res := testing.Benchmark(func(b *testing.B) {
		hc, dials := newHTTPClient(nil)
		defer hc.CloseIdleConnections()
		measure(b, 2, dials, func(context.Context) error { return errors.New("refused") })
	})
	if res.N != 0 {
		t.Errorf("a failing op gave a result with N = %d", res.N)
	}
}
