#!/usr/bin/env bash
# Regenerates BENCHMARKS.md: every benchmark beside its hand-written
# baseline, as a ratio, with the machine it ran on.
#   scripts/benchmarks.sh                      # all packages, 6 rounds of 1s per benchmark
#   COUNT=5 BENCHTIME=200ms scripts/benchmarks.sh
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
trap 'rm -f "$raw"' EXIT
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
cmd="go test -run='^\$' -bench=. -benchmem -benchtime=${benchtime} -count=1 ./... (internal/throughput client by client, SDK and baseline in alternating order)"
go run ./internal/benchreport -machine "$machine" \
	-cmd "COUNT=${count} BENCHTIME=${benchtime} scripts/benchmarks.sh  # ${count} rounds of: $cmd" < "$raw" > BENCHMARKS.md
echo "wrote BENCHMARKS.md" >&2
