// Command benchreport turns `go test -bench` output into BENCHMARKS.md:
// every benchmark Foo that has a hand-written baseline FooBaseline (or
// Foo/x beside FooBaseline/x) is printed beside it with the ratio of
// their medians.
//
//	go test -run='^$' -bench=. -benchmem -count=5 ./... | go run ./internal/benchreport -cmd "..." > BENCHMARKS.md
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
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
	fmt.Fprintln(w)
	fmt.Fprintln(w, "## Beside their baselines")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| package | benchmark | ns/op | baseline ns/op | time ratio | allocs/op | baseline allocs/op | alloc ratio |")
	fmt.Fprintln(w, "|---|---|---:|---:|---:|---:|---:|---:|")
	index := map[string]*bench{}
	for _, b := range benches {
		index[b.pkg+" "+b.name] = b
	}
	var unpaired []*bench
	for _, b := range benches {
		if isBaseline(b.name) {
			continue
		}
		base, ok := index[b.pkg+" "+baselineName(b.name)]
		if !ok {
			unpaired = append(unpaired, b)
			continue
		}
		s, bs := median(b.samples), median(base.samples)
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s | %s |\n", b.pkg, b.name,
			num(s.nsOp), num(bs.nsOp), ratio(s.nsOp, bs.nsOp),
			num(s.allocsOp), num(bs.allocsOp), ratio(s.allocsOp, bs.allocsOp))
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
