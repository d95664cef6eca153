#!/usr/bin/env bash
# Peak memory of a scan with every stateful rule of rules/ (threshold, new_terms, sequences, correlations, suppression),
# with the CLI as the README runs it (dotnet run, Debug build), over a benchmark corpus, beside the seed rule alone.
# Reports the maximum resident set (GNU time), the scan's own time and alert count, and the window stages' summary lines
# (ticks, hits, peak state). docs/performance.md, "Stateful rules".
# Usage: tools/stateful_memory.sh [CORPUS]   (default /tmp/c640.ndjson; make it with
#   dotnet run -c Release --project benchmarks/RuleGen.Benchmarks -- corpus /tmp/c640.ndjson 640)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${1:-/tmp/c640.ndjson}
seed=c04be7e0-b0fc-11ef-a826-f661ea17fbce
dotnet build "$root/samples/RuleGen.Cli" -v q -nologo > /dev/null

measure() {
  local label=$1; shift
  local log
  log=$(mktemp)
  /usr/bin/time -v dotnet run --no-build --project "$root/samples/RuleGen.Cli" -- scan "$@" "$corpus" 2> "$log" > /dev/null || true
  local rss
  rss=$(grep 'Maximum resident set size' "$log" | grep -o '[0-9]*$')
  echo "$label: max RSS $((rss / 1024)) MB; $(grep -m1 '^rulegen: .* events' "$log" | grep -o '[0-9]* alert(s).*in [0-9.]* s')"
  grep -E '^rulegen: (threshold|new_terms|sequence|correlation|suppression|query)[a-z_]*:' "$log" | sed 's/^/  /' || true
  rm -f "$log"
}

measure "seed rule alone" --rule "$seed"
measure "every rule (stateful ones included)"
