package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestReportPairsBaselines(t *testing.T) {
	in := `goos: linux
goarch: amd64
pkg: github.com/vaspkit/vaspkit/bolt11
cpu: Test CPU
BenchmarkDecode-2            	  1000	    1100 ns/op	  300 B/op	  10 allocs/op
BenchmarkDecode-2            	  1000	    1300 ns/op	  300 B/op	  10 allocs/op
BenchmarkDecode-2            	  1000	    1200 ns/op	  300 B/op	  10 allocs/op
BenchmarkDecodeBaseline-2    	  1000	    1000 ns/op	  200 B/op	   8 allocs/op
BenchmarkSeal/2KiB-2         	  1000	     500 ns/op	  0 B/op	   1 allocs/op
BenchmarkSealBaseline/2KiB-2 	  1000	     400 ns/op	  0 B/op	   1 allocs/op
BenchmarkThroughput/64-2     	  1000	     900 ns/op	  0 B/op	   2 allocs/op	 3.00 conns
PASS
`
	var out bytes.Buffer
	if err := run(strings.NewReader(in), &out, "go test -bench=.", "2 cores"); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{
		"Machine: goos: linux, goarch: amd64, cpu: Test CPU, 2 cores",
		"| bolt11 | Decode | 1200 | 1000 | 1.20x | 10 | 8 | 1.25x |",
		"| bolt11 | Seal/2KiB | 500 | 400 | 1.25x | 1 | 1 | 1.00x |",
		"| bolt11 | Throughput/64 | 900 | 2 | 3 conns |",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("report lacks %q:\n%s", want, got)
		}
	}
}

func TestBaselineName(t *testing.T) {
	got := []string{baselineName("Decode"), baselineName("Seal/2KiB")}
	if diff := cmp.Diff([]string{"DecodeBaseline", "SealBaseline/2KiB"}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
