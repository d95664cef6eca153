#!/usr/bin/env python3
"""Extracts the KQL ('kuery') queries of Elastic's AWS detection rules into Data/kql/aws-pack-queries.json, the input
of KqlCorpusTests. Not part of the build; rerun when the corpus is refreshed:
  extract_aws_pack_queries.py /work/shared/corpus/elastic-aws-all > tests/RuleGen.Tests/Data/kql/aws-pack-queries.json
Source and licence are read from the corpus MANIFEST.txt and written into the file, with each rule's file name,
rule_id and name; the query text is copied verbatim."""
import json, pathlib, sys, tomllib

corpus = pathlib.Path(sys.argv[1])
manifest = {}
for line in (corpus / "MANIFEST.txt").read_text().splitlines():
    if ":" in line and not line.startswith("#") and "\t" not in line:
        key, value = line.split(":", 1)
        manifest[key.strip()] = value.strip()

queries = []
for path in sorted(corpus.rglob("*.toml")):
    rule = tomllib.loads(path.read_text())["rule"]
    if rule.get("language") != "kuery":
        continue
    queries.append({"file": path.relative_to(corpus).as_posix(), "rule_id": rule["rule_id"], "name": rule["name"],
                    "query": rule["query"]})

out = {
    "description": "The query of every rule with language = \"kuery\" in Elastic's detection-rules AWS corpus "
                   "(rules/integrations/aws, rules/cross-platform and rules/_deprecated), copied verbatim.",
    "source_repo": manifest["source_repo"],
    "commit": manifest["commit"],
    "license": manifest["license"],
    "count": len(queries),
    "queries": queries,
}
json.dump(out, sys.stdout, indent=1, ensure_ascii=False)
sys.stdout.write("\n")
