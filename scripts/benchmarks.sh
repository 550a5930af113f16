#!/usr/bin/env bash
# Regenerates BENCHMARKS.md: every benchmark beside its hand-written
# baseline, as a ratio, with the machine it ran on.
#   scripts/benchmarks.sh            # all packages, -count=6
#   COUNT=10 scripts/benchmarks.sh
set -euo pipefail
cd "$(dirname "$0")/.."
count="${COUNT:-6}"
cmd="go test -run='^\$' -bench=. -benchmem -count=${count} ./..."
raw=$(mktemp)
trap 'rm -f "$raw"' EXIT
eval "$cmd" | tee "$raw" >&2
go run ./internal/benchreport -machine "$(nproc) cores, $(free -g | awk '/^Mem:/{print $2}') GiB, $(go version | cut -d" " -f3)" -cmd "scripts/benchmarks.sh  # runs: $cmd" < "$raw" > BENCHMARKS.md
echo "wrote BENCHMARKS.md" >&2
