#!/usr/bin/env bash
# Regenerates BENCHMARKS.md: every benchmark beside its hand-written
# baseline, as a ratio, with the machine it ran on.
#   scripts/benchmarks.sh                      # all packages, 6 rounds of 1s per benchmark
#   COUNT=5 BENCHTIME=200ms scripts/benchmarks.sh
#   INSTR=0 scripts/benchmarks.sh              # without the callgrind counts
# Each round runs every benchmark of the module once (-count=1), so an SDK
# benchmark and its baseline run close together in every round and the
# neighbours' load falls on both; the report takes medians over the rounds.
# The throughput pairs (internal/throughput) run client by client, the SDK
# first in odd rounds and the baseline first in even ones, so a drift in
# the machine's load within a round favours neither side.
set -euo pipefail
cd "$(dirname "$0")/.."
count="${COUNT:-6}"
benchtime="${BENCHTIME:-1s}"
flags="-run='^\$' -benchmem -benchtime=${benchtime} -count=1"
tp=./internal/throughput
pkgs=$(go list ./... | grep -v '/internal/throughput$' | tr '\n' ' ')
raw=$(mktemp)
bin=$(mktemp)
trap 'rm -f "$raw" "$bin"' EXIT
load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
for round in $(seq 1 "$count"); do
	echo "benchmarks: round ${round} of ${count}" >&2
	eval "go test $flags -bench=. $pkgs" | tee -a "$raw" >&2
	for client in GTR Monitoring TravelRule; do
		order="${client} ${client}Baseline"
		if ((round % 2 == 0)); then
			order="${client}Baseline ${client}"
		fi
		for b in $order; do
			eval "go test $flags -bench='^BenchmarkThroughput${b}\$' $tp" | tee -a "$raw" >&2
		done
	done
done
machine="$(nproc) cores, $(free -g | awk '/^Mem:/{print $2}') GiB, $(go version | cut -d" " -f3), load average at start ${load}, at end $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"

# Instructions per call at g=64, counted by callgrind: the CPU work of a
# call (client and fake, user space), which the neighbours' load does not
# move. Each figure is the difference between a long and a short run, so
# start-up, logins and warm-up cancel out. INSTR=0 skips it; so does a
# machine without valgrind.
instr_rows=""
if [[ "${INSTR:-1}" != 0 ]] && command -v valgrind >/dev/null; then
	go test -c -o "$bin" "$tp"
	count_instr() { # benchmark, calls -> instructions of the whole run
		GOMAXPROCS=1 GODEBUG=asyncpreemptoff=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null \
			"$bin" -test.run='^$' -test.bench="^BenchmarkThroughput$1\$/g=64\$" -test.benchtime="$2x" 2>&1 |
			awk '/I *refs:/ { gsub(",", "", $NF); print $NF }'
	}
	per_call() { # benchmark -> instructions per call
		local short long
		short=$(count_instr "$1" 300)
		long=$(count_instr "$1" 2300)
		echo $(((long - short) / 2000))
	}
	for client in GTR Monitoring TravelRule; do
		echo "benchmarks: instructions per call, $client" >&2
		sdk=$(per_call "$client")
		base=$(per_call "${client}Baseline")
		instr_rows+="| ${client} | ${sdk} | ${base} | $(awk -v s="$sdk" -v b="$base" 'BEGIN { printf "%.3fx", s / b }') | $(awk -v s="$sdk" -v b="$base" 'BEGIN { printf "%.2fx", b / s }') |"$'\n'
	done
fi

cmd="go test -run='^\$' -bench=. -benchmem -benchtime=${benchtime} -count=1 ./... (internal/throughput client by client, SDK and baseline in alternating order)"
go run ./internal/benchreport -machine "$machine" \
	-cmd "COUNT=${count} BENCHTIME=${benchtime} scripts/benchmarks.sh  # ${count} rounds of: $cmd" < "$raw" > BENCHMARKS.md
if [[ -n "$instr_rows" ]]; then
	cat >> BENCHMARKS.md <<EOF

## Instructions per call

The CPU work of one throughput call at g=64, client and fake together, in user space, counted by
valgrind's callgrind (\`GOMAXPROCS=1 GODEBUG=asyncpreemptoff=1\`) as the difference between a
2,300-call and a 300-call run, so start-up, logins and warm-up cancel out. Unlike req/s it does
not move with the neighbours' load; repeated runs agree within about 3%. Client and fake are
CPU-bound here, so baseline ÷ SDK is the req/s ratio the SDK reaches with the machine to itself.
Kernel time (the same connections, reads and writes on both sides) is not counted.

| client | SDK instructions/call | baseline instructions/call | SDK ÷ baseline | expected req/s ratio |
|---|---:|---:|---:|---:|
${instr_rows}
EOF
fi
echo "wrote BENCHMARKS.md" >&2
