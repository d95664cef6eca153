#!/usr/bin/env bash
# Imports a pack of Elastic detection-rules TOML files with `rulegen import elastic` into OUT_DIR and counts the
# imported rules per type and language. Nothing lands in rules/: what is kept there is a separate, reviewed choice.
# Usage: tools/import_elastic_pack.sh OUT_DIR [PACK_DIR]
#   PACK_DIR defaults to the repository's copy of Elastic's AWS pack (tests/RuleGen.Tests/Data/corpus/elastic-aws-all,
#   detection-rules @ 14cf530f, Elastic License 2.0). Rules that cannot be imported (machine_learning: no query)
#   are listed; the script fails only when some other file could not be converted.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:?usage: tools/import_elastic_pack.sh OUT_DIR [PACK_DIR]}
pack=${2:-$root/tests/RuleGen.Tests/Data/corpus/elastic-aws-all}
mkdir -p "$out"
errors=$(mktemp)
trap 'rm -f "$errors"' EXIT

dotnet build "$root/samples/RuleGen.Cli" -v q -nologo >/dev/null
status=0
dotnet "$root/samples/RuleGen.Cli/bin/Debug/net10.0/rulegen.dll" import elastic --out "$out" "$pack" >/dev/null 2>"$errors" || status=$?

grep -v '^rulegen: imported' "$errors" | sed 's/^/  /' || true
tail -1 "$errors"
echo "per type (language):"
# The importer writes type and language as top-level keys of each rule file (sub-folders of the pack are kept).
find "$out" -name '*.yml' | while read -r file; do
  type=$(grep -m1 '^type: ' "$file" | cut -d' ' -f2)
  language=$(grep -m1 '^language: ' "$file" | cut -d' ' -f2)
  echo "$type ($language)"
done | sort | uniq -c | sort -rn
refused=$(grep -c ': not importable: ' "$errors" || true)
echo "not importable: $refused"

failed=$(grep -v '^rulegen: imported' "$errors" | grep -vc ': not importable: ' || true)
if [ "$status" -ne 0 ] && [ "$failed" -gt 0 ]; then
  echo "import failed for $failed file(s)" >&2
  exit 1
fi
