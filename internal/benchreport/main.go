// Command benchreport turns `go test -bench` output into BENCHMARKS.md:
// every benchmark Foo that has a hand-written baseline FooBaseline (or
// Foo/x beside FooBaseline/x) is printed beside it with the ratio of
// their medians. Pairs that report a req/s metric (throughput runs) get
// their own table: the req/s ratio, its range over the runs, the CPU
// ratio and the TCP connections each side opened (a conns metric).
//
//	go test -run='^$' -bench=. -benchmem -count=5 ./... | go run ./internal/benchreport -cmd "..." > BENCHMARKS.md
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
)

type sample struct {
	nsOp, bOp, allocsOp float64
	extra               map[string]float64
}

type bench struct {
	pkg, name string
	samples   []sample
}

func main() {
	cmd := flag.String("cmd", "", "the command that produced the input, printed in the report")
	machine := flag.String("machine", "", "extra machine facts (cores, memory), printed in the report")
	flag.Parse()
	if err := run(os.Stdin, os.Stdout, *cmd, *machine); err != nil {
		fmt.Fprintln(os.Stderr, "benchreport:", err)
		os.Exit(1)
	}
}

func run(in io.Reader, out io.Writer, cmd, machine string) error {
	benches, env, err := parse(in)
	if err != nil {
		return err
	}
	if machine != "" {
		env = append(env, machine)
	}
	index := map[string]*bench{}
	for _, b := range benches {
		index[b.pkg+" "+b.name] = b
	}
	var paired, throughput []pair
	var unpaired []*bench
	for _, b := range benches {
		if isBaseline(b.name) {
			continue
		}
		base, ok := index[b.pkg+" "+baselineName(b.name)]
		switch {
		case !ok:
			unpaired = append(unpaired, b)
		case hasMetric(b, reqPerSec) && hasMetric(base, reqPerSec):
			throughput = append(throughput, pair{b, base})
		default:
			paired = append(paired, pair{b, base})
		}
	}

	w := bufio.NewWriter(out)
	defer w.Flush()
	fmt.Fprintln(w, "# vaspkit benchmarks")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Produced by `scripts/benchmarks.sh`; do not edit by hand. Each SDK benchmark runs beside a")
	fmt.Fprintln(w, "hand-written baseline doing the same work; the ratio is SDK ÷ baseline of the medians")
	fmt.Fprintln(w, "(lower is better, 1.00 means no overhead).")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Machine:", strings.Join(env, ", "))
	if cmd != "" {
		fmt.Fprintf(w, "\nReproduce:\n\n```sh\n%s\n```\n", cmd)
	}
	if len(paired) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "## Beside their baselines")
		fmt.Fprintln(w)
		fmt.Fprintln(w, "The time ratio compares wall-clock ns/op; the CPU ratio compares cpu-ns/op (the process's")
		fmt.Fprintln(w, "CPU time per operation) where both benchmarks report it, which a loaded machine disturbs less.")
		fmt.Fprintln(w)
		fmt.Fprintln(w, "| package | benchmark | ns/op | baseline ns/op | time ratio | CPU ratio | allocs/op | baseline allocs/op | alloc ratio |")
		fmt.Fprintln(w, "|---|---|---:|---:|---:|---:|---:|---:|---:|")
		for _, p := range paired {
			s, bs := median(p.sdk.samples), median(p.base.samples)
			cpu := "n/a"
			if hasMetric(p.sdk, cpuPerOp) && hasMetric(p.base, cpuPerOp) {
				cpu = ratio(s.extra[cpuPerOp], bs.extra[cpuPerOp])
			}
			fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", p.sdk.pkg, p.sdk.name,
				num(s.nsOp), num(bs.nsOp), ratio(s.nsOp, bs.nsOp), cpu,
				num(s.allocsOp), num(bs.allocsOp), ratio(s.allocsOp, bs.allocsOp))
		}
	}
	if len(throughput) > 0 {
		writeThroughput(w, throughput)
	}
	if len(unpaired) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "## Other benchmarks")
		fmt.Fprintln(w)
		fmt.Fprintln(w, "| package | benchmark | ns/op | allocs/op | other metrics |")
		fmt.Fprintln(w, "|---|---|---:|---:|---|")
		for _, b := range unpaired {
			s := median(b.samples)
			fmt.Fprintf(w, "| %s | %s | %s | %s | %s |\n", b.pkg, b.name, num(s.nsOp), num(s.allocsOp), extras(s.extra))
		}
	}
	return nil
}

// Custom metrics the report knows.
const (
	reqPerSec = "req/s"     // requests per second (higher is better)
	conns     = "conns"     // TCP connections opened
	cpuPerOp  = "cpu-ns/op" // process CPU time per operation
)

// pair is an SDK benchmark and its baseline.
type pair struct{ sdk, base *bench }

// writeThroughput writes the pairs that report req/s: there higher is
// better, so the ratio is SDK ÷ baseline of req/s, with the connections
// each side opened.
func writeThroughput(w io.Writer, pairs []pair) {
	fmt.Fprintln(w)
	fmt.Fprintln(w, "## Throughput against the fakes")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Requests per second from g goroutines sharing one client, beside the same requests written by")
	fmt.Fprintln(w, "hand, against the same in-process fake. The req/s ratio is SDK ÷ baseline of the medians")
	fmt.Fprintln(w, "(higher is better, 1.00 means the SDK keeps up); the range is that of the per-run ratios")
	fmt.Fprintln(w, "(run i of the SDK against run i of the baseline). Client and fake share the machine's cores,")
	fmt.Fprintln(w, "so the CPU ratio (baseline cpu-ns/op ÷ SDK cpu-ns/op: the req/s ratio the SDK would reach")
	fmt.Fprintln(w, "with the machine to itself) is the steadier figure on a loaded machine. conns is the number of")
	fmt.Fprintln(w, "TCP connections the client opened in a run (median); reuse holds when it stays near g while")
	fmt.Fprintln(w, "the run makes thousands of requests.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| package | benchmark | req/s | baseline req/s | req/s ratio | range | CPU ratio | conns | baseline conns | runs |")
	fmt.Fprintln(w, "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, p := range pairs {
		s, bs := median(p.sdk.samples), median(p.base.samples)
		cpu := "n/a"
		if hasMetric(p.sdk, cpuPerOp) && hasMetric(p.base, cpuPerOp) {
			cpu = ratio(bs.extra[cpuPerOp], s.extra[cpuPerOp])
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %d |\n", p.sdk.pkg, p.sdk.name,
			num(s.extra[reqPerSec]), num(bs.extra[reqPerSec]), ratio(s.extra[reqPerSec], bs.extra[reqPerSec]),
			ratioRange(p.sdk.samples, p.base.samples, reqPerSec), cpu,
			metric(p.sdk, s, conns), metric(p.base, bs, conns), min(len(p.sdk.samples), len(p.base.samples)))
	}
}

// ratioRange returns the smallest and largest ratio of metric between the
// i-th samples of a and b, or "n/a" when either lacks it.
func ratioRange(a, b []sample, metric string) string {
	lo, hi := math.Inf(1), math.Inf(-1)
	for i := 0; i < len(a) && i < len(b); i++ {
		x, okA := a[i].extra[metric]
		y, okB := b[i].extra[metric]
		if !okA || !okB || y == 0 {
			continue
		}
		lo, hi = math.Min(lo, x/y), math.Max(hi, x/y)
	}
	if lo > hi {
		return "n/a"
	}
	return fmt.Sprintf("%.2f–%.2f", lo, hi)
}

func hasMetric(b *bench, name string) bool {
	for _, s := range b.samples {
		if _, ok := s.extra[name]; ok {
			return true
		}
	}
	return false
}

// metric returns the median m's metric name of b, or "n/a".
func metric(b *bench, m sample, name string) string {
	if !hasMetric(b, name) {
		return "n/a"
	}
	return num(m.extra[name])
}

func isBaseline(name string) bool {
	head, _, _ := strings.Cut(name, "/")
	return strings.HasSuffix(head, "Baseline")
}

func baselineName(name string) string {
	head, rest, ok := strings.Cut(name, "/")
	if ok {
		return head + "Baseline/" + rest
	}
	return head + "Baseline"
}

func parse(in io.Reader) ([]*bench, []string, error) {
	var (
		benches []*bench
		env     []string
		pkg     string
	)
	seen := map[string]*bench{}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "pkg: "):
			pkg = strings.TrimPrefix(strings.TrimPrefix(line, "pkg: "), "github.com/vaspkit/vaspkit/")
			continue
		case strings.HasPrefix(line, "goos: "), strings.HasPrefix(line, "goarch: "), strings.HasPrefix(line, "cpu: "):
			if !contains(env, line) {
				env = append(env, line)
			}
			continue
		case !strings.HasPrefix(line, "Benchmark"):
			continue
		}
		f := strings.Fields(line)
		if len(f) < 4 {
			continue
		}
		name := strings.TrimPrefix(f[0], "Benchmark")
		if i := strings.LastIndex(name, "-"); i > 0 {
			if _, err := strconv.Atoi(name[i+1:]); err == nil {
				name = name[:i]
			}
		}
		s := sample{extra: map[string]float64{}}
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				continue
			}
			switch f[i+1] {
			case "ns/op":
				s.nsOp = v
			case "B/op":
				s.bOp = v
			case "allocs/op":
				s.allocsOp = v
			default:
				s.extra[f[i+1]] = v
			}
		}
		key := pkg + " " + name
		b, ok := seen[key]
		if !ok {
			b = &bench{pkg: pkg, name: name}
			seen[key] = b
			benches = append(benches, b)
		}
		b.samples = append(b.samples, s)
	}
	return benches, env, sc.Err()
}

func median(ss []sample) sample {
	pick := func(get func(sample) float64) float64 {
		v := make([]float64, len(ss))
		for i, s := range ss {
			v[i] = get(s)
		}
		sort.Float64s(v)
		if len(v) == 0 {
			return 0
		}
		if len(v)%2 == 1 {
			return v[len(v)/2]
		}
		return (v[len(v)/2-1] + v[len(v)/2]) / 2
	}
	m := sample{
		nsOp:     pick(func(s sample) float64 { return s.nsOp }),
		bOp:      pick(func(s sample) float64 { return s.bOp }),
		allocsOp: pick(func(s sample) float64 { return s.allocsOp }),
		extra:    map[string]float64{},
	}
	if len(ss) > 0 {
		for k := range ss[0].extra {
			m.extra[k] = pick(func(s sample) float64 { return s.extra[k] })
		}
	}
	return m
}

func extras(m map[string]float64) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = num(m[k]) + " " + k
	}
	return strings.Join(parts, ", ")
}

func num(v float64) string {
	if v >= 100 || v == float64(int64(v)) {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}

func ratio(a, b float64) string {
	if b == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.2fx", a/b)
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
