#!/usr/bin/env bash
# Regenerates BENCHMARKS.md: every benchmark beside its hand-written
# baseline, as a ratio, with the machine it ran on.
#   scripts/benchmarks.sh                      # all packages, 6 rounds of 1s per benchmark
#   COUNT=5 BENCHTIME=200ms scripts/benchmarks.sh
# Each round runs every benchmark of the module once (-count=1), so an SDK
# benchmark and its baseline run close together in every round and the
# neighbours' load falls on both; the report takes medians over the rounds.
set -euo pipefail
cd "$(dirname "$0")/.."
count="${COUNT:-6}"
benchtime="${BENCHTIME:-1s}"
cmd="go test -run='^\$' -bench=. -benchmem -benchtime=${benchtime} -count=1 ./..."
raw=$(mktemp)
trap 'rm -f "$raw"' EXIT
load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
for round in $(seq 1 "$count"); do
	echo "benchmarks: round ${round} of ${count}" >&2
	eval "$cmd" | tee -a "$raw" >&2
done
machine="$(nproc) cores, $(free -g | awk '/^Mem:/{print $2}') GiB, $(go version | cut -d" " -f3), load average at start ${load}"
go run ./internal/benchreport -machine "$machine" \
	-cmd "COUNT=${count} BENCHTIME=${benchtime} scripts/benchmarks.sh  # ${count} rounds of: $cmd" < "$raw" > BENCHMARKS.md
echo "wrote BENCHMARKS.md" >&2
