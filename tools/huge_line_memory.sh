#!/usr/bin/env bash
# Peak memory (max RSS) of the rulegen CLI on one huge NDJSON line, against its baseline on a small file.
# Usage: tools/huge_line_memory.sh [MEGABYTES]   (default 100; needs /usr/bin/time, python3)
# Builds the Release CLI, writes /tmp/rulegen-huge-line.ndjson (a seed-rule positive, a positive padded to
# MEGABYTES, a positive), then scans it with the default maximum event size (the line is skipped) and with a
# maximum above it (the line is evaluated and matches, so KEEP runs on it too).
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-100}
file=/tmp/rulegen-huge-line.ndjson
python3 - "$mb" "$file" <<'PY'
import sys
mb, path = int(sys.argv[1]), sys.argv[2]
ecs = open('samples/logs/made-seed-ecs.ndjson').readline().strip()
with open(path, 'w') as f:
    f.write(ecs + '\n' + ecs[:-1] + ',"pad":"' + 'x' * (mb << 20) + '"}\n' + ecs + '\n')
PY
dotnet build samples/RuleGen.Cli -c Release -v q -nologo >/dev/null
cli=samples/RuleGen.Cli/bin/Release/net10.0/rulegen.dll
rss() { /usr/bin/time -f '%M' dotnet "$cli" scan "$@" 2>&1 >/dev/null | tail -1; }
base=$(rss samples/logs/made-seed-ecs.ndjson)
echo "baseline (small file): $((base / 1024)) MB"
for threads in 1 2; do
  skipped=$(rss --threads $threads "$file")
  matched=$(rss --threads $threads --max-event-size $((mb * 2))MiB "$file")
  echo "threads $threads: ${mb} MB line skipped (default max 64 MiB): $((skipped / 1024)) MB; evaluated and matched: $((matched / 1024)) MB = baseline + $(python3 -c "print(f'{($matched-$base)/1024/$mb:.2f}')")x the line"
done
