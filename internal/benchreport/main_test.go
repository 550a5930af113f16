package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const header = `goos: linux
goarch: amd64
pkg: github.com/vaspkit/vaspkit/bolt11
cpu: Test CPU
`

func TestReport(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		in      string
		want    []string // lines the report must hold
		notWant []string // lines it must not
	}{
		{
			name: "pairs and others",
			in: header + `BenchmarkDecode-2            	  1000	    1100 ns/op	  300 B/op	  10 allocs/op
BenchmarkDecode-2            	  1000	    1300 ns/op	  300 B/op	  10 allocs/op
BenchmarkDecode-2            	  1000	    1200 ns/op	  300 B/op	  10 allocs/op
BenchmarkDecodeBaseline-2    	  1000	    1000 ns/op	  200 B/op	   8 allocs/op
BenchmarkSeal/2KiB-2         	  1000	     500 ns/op	  0 B/op	   1 allocs/op
BenchmarkSealBaseline/2KiB-2 	  1000	     400 ns/op	  0 B/op	   1 allocs/op
BenchmarkThroughput/64-2     	  1000	     900 ns/op	  0 B/op	   2 allocs/op	 3.00 conns
PASS
`,
			want: []string{
				"Machine: goos: linux, goarch: amd64, cpu: Test CPU, 2 cores",
				"| bolt11 | Decode | 1200 | 1000 | 1.20x | n/a | 10 | 8 | 1.25x |",
				"| bolt11 | Seal/2KiB | 500 | 400 | 1.25x | n/a | 1 | 1 | 1.00x |",
				"| bolt11 | Throughput/64 | 900 | 2 | 3 conns |",
			},
			notWant: []string{"## Throughput against the fakes"},
		},
		{
			name: "CPU ratio where both report cpu-ns/op",
			in: header + `BenchmarkDecode-2            	  1000	    1200 ns/op	  300 B/op	  10 allocs/op	  1500 cpu-ns/op
BenchmarkDecodeBaseline-2    	  1000	    1000 ns/op	  200 B/op	   8 allocs/op	  1000 cpu-ns/op
`,
			want: []string{"| bolt11 | Decode | 1200 | 1000 | 1.20x | 1.50x | 10 | 8 | 1.25x |"},
		},
		{
			name: "throughput pairs by req/s with conns",
			in: header + `BenchmarkThroughputX/g=64-2         	  1000	  1000 ns/op	  64.00 conns	 2000 cpu-ns/op	   900.0 req/s	  100 B/op	  2 allocs/op
BenchmarkThroughputXBaseline/g=64-2 	  1000	   900 ns/op	  66.00 conns	 1800 cpu-ns/op	  1000 req/s	  100 B/op	  2 allocs/op
BenchmarkThroughputX/g=64-2         	  1000	  1000 ns/op	  64.00 conns	 2000 cpu-ns/op	   800.0 req/s	  100 B/op	  2 allocs/op
BenchmarkThroughputXBaseline/g=64-2 	  1000	   900 ns/op	  64.00 conns	 1800 cpu-ns/op	  1000 req/s	  100 B/op	  2 allocs/op
BenchmarkThroughputX/g=64-2         	  1000	  1000 ns/op	  64.00 conns	 2000 cpu-ns/op	  1000 req/s	  100 B/op	  2 allocs/op
BenchmarkThroughputXBaseline/g=64-2 	  1000	   900 ns/op	  65.00 conns	 1800 cpu-ns/op	  1000 req/s	  100 B/op	  2 allocs/op
`,
			want: []string{
				"## Throughput against the fakes",
				"| bolt11 | ThroughputX/g=64 | 900 | 1000 | 0.90x | 0.80–1.00 | 0.90x | 64 | 65 | 3 |",
			},
			notWant: []string{"## Beside their baselines", "## Other benchmarks"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var out bytes.Buffer
			if err := run(strings.NewReader(tc.in), &out, "go test -bench=.", "2 cores"); err != nil {
				t.Fatal(err)
			}
			got := out.String()
			lines := map[string]bool{}
			for _, l := range strings.Split(got, "\n") {
				lines[l] = true
			}
			for _, want := range tc.want {
				if !lines[want] {
					t.Errorf("report lacks the line %q:\n%s", want, got)
				}
			}
			for _, bad := range tc.notWant {
				if lines[bad] {
					t.Errorf("report holds the line %q:\n%s", bad, got)
				}
			}
		})
	}
}

func TestBaselineName(t *testing.T) {
	t.Parallel()
	got := []string{baselineName("Decode"), baselineName("Seal/2KiB"), baselineName("ThroughputGTR/g=64")}
	want := []string{"DecodeBaseline", "SealBaseline/2KiB", "ThroughputGTRBaseline/g=64"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestRatioRange(t *testing.T) {
	t.Parallel()
	s := func(v ...float64) []sample {
		out := make([]sample, len(v))
		for i, x := range v {
			out[i] = sample{extra: map[string]float64{reqPerSec: x}}
		}
		return out
	}
	tests := []struct {
		name string
		a, b []sample
		want string
	}{
		{"paired runs", s(90, 120, 100), s(100, 100, 100), "0.90–1.20"},
		{"extra runs of one side ignored", s(50, 100, 1), s(100, 100), "0.50–1.00"},
		{"no metric", []sample{{extra: map[string]float64{}}}, s(100), "n/a"},
		{"zero baseline skipped", s(100, 100), s(0, 50), "2.00–2.00"},
	}
	for _, tc := range tests {
		if got := ratioRange(tc.a, tc.b, reqPerSec); got != tc.want {
			t.Errorf("%s: ratioRange = %q, want %q", tc.name, got, tc.want)
		}
	}
}
