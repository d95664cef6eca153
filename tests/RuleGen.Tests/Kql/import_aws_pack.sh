#!/bin/sh
# Imports every KQL rule of Elastic's AWS pack (the test data in Data/corpus/elastic-aws-all, Elastic License 2.0)
# with the rulegen command into a folder, to read the YAML that KqlAwsPackTests builds in memory. The rules are
# test data: they do not belong in rules/.
# Usage: tests/RuleGen.Tests/Kql/import_aws_pack.sh [OUT_DIR]   (default: a new temporary folder)
set -eu
root=$(cd "$(dirname "$0")/../../.." && pwd)
out=${1:-$(mktemp -d)}
corpus="$root/tests/RuleGen.Tests/Data/corpus/elastic-aws-all"
grep -rl --include='*.toml' 'language = "kuery"' "$corpus" | sort | \
    xargs dotnet run --project "$root/samples/RuleGen.Cli" -- import elastic --out "$out" >&2
echo "$out"
