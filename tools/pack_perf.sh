#!/usr/bin/env bash
# The whole rule pack against the seed rule alone, with the CLI as the README runs it (dotnet run, Debug build),
# over a benchmark corpus: median of 3 runs per line, side by side (docs/performance.md, "The whole pack").
# Usage: tools/pack_perf.sh [CORPUS]   (default /tmp/c640.ndjson; make it with
#   dotnet run -c Release --project benchmarks/RuleGen.Benchmarks -- corpus /tmp/c640.ndjson 640)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${1:-/tmp/c640.ndjson}
seed=c04be7e0-b0fc-11ef-a826-f661ea17fbce
dotnet build "$root/samples/RuleGen.Cli" -v q -nologo > /dev/null

measure() {
  local label=$1; shift
  local times=() summary=""
  for _ in 1 2 3; do
    summary=$(dotnet run --no-build --project "$root/samples/RuleGen.Cli" -- scan "$@" "$corpus" 2>&1 > /dev/null | head -1)
    times+=("$(grep -o 'in [0-9.]* s' <<< "$summary" | cut -d' ' -f2)")
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)
  echo "$label: scan ${median} s (runs ${times[*]}); $(grep -o '[0-9]* alert(s)' <<< "$summary"), $(grep -o '[0-9]* ruled out' <<< "$summary")"
}

measure "seed alone, full parse, 1 thread" --rule "$seed" --no-prefilter --threads 1
measure "all rules, full parse, 1 thread" --no-prefilter --threads 1
measure "seed alone, full parse, 2 threads" --rule "$seed" --no-prefilter --threads 2
measure "all rules, full parse, 2 threads" --no-prefilter --threads 2
measure "seed alone, prefilter, 1 thread" --rule "$seed" --threads 1
measure "all rules, prefilter, 1 thread" --threads 1
measure "all rules, prefilter, 2 threads" --threads 2
