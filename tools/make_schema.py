#!/usr/bin/env python3
"""Writes generator/RuleGen.Generator/Binding/Schema/*.tsv from ECS 9.4 (ecs_flat.yml) and the AWS CloudTrail
integration's field files. Run from the repository root with the shared data folder beside it:
    python3 tools/make_schema.py ../shared/data
Columns: name, type, array (1 when ECS says the field is an array), constant (a constant_keyword's value),
ignore_above (keyword fields: longer strings are not indexed, so no query but a script sees them). ECS states it per
field; an integration's keyword field without one gets Fleet's default, 1024 (Kibana's Fleet plugin,
server/services/epm/elasticsearch/template/mappings.ts: "should set ignore_above:1024 by default for indexed field")."""
import sys, yaml

data = sys.argv[1]
out = "generator/RuleGen.Generator/Binding/Schema"

def write(path, rows, header):
    with open(path, "w") as f:
        f.write("# " + header + "\nname\ttype\tarray\tconstant\tignore_above\n")
        for name, t, arr, const, above in sorted(rows, key=lambda r: r[0]):
            f.write(f"{name}\t{t}\t{1 if arr else 0}\t{const or ''}\t{above or ''}\n")

FLEET_IGNORE_ABOVE = 1024

def fleet_ignore_above(f):
    """Fleet's keyword mapping: the field's own ignore_above, else 1024 (not for unindexed fields)."""
    if f.get("type", "keyword") != "keyword" or f.get("index") is False or f.get("doc_values") is False:
        return None
    return f.get("ignore_above", FLEET_IGNORE_ABOVE)

ecs = yaml.safe_load(open(f"{data}/ecs/ecs_flat.yml"))
rows = []
for name, f in ecs.items():
    rows.append((name, f["type"], "array" in (f.get("normalize") or []), None, f.get("ignore_above")))
    for multi in f.get("multi_fields") or []:
        rows.append((f"{name}.{multi['name']}", multi["type"], False, None, multi.get("ignore_above")))
write(f"{out}/ecs.tsv", rows, "ECS 9.4 (github.com/elastic/ecs, generated/ecs/ecs_flat.yml), Apache-2.0; see MANIFEST.md")

rows = []
def walk(fields, prefix):
    for f in fields:
        name = prefix + f["name"]
        if f.get("type") == "group":
            walk(f.get("fields") or [], name + ".")
            continue
        if f.get("external") == "ecs":
            continue  # defined by ECS itself
        rows.append((name, f.get("type", "keyword"), False, f.get("value"), fleet_ignore_above(f)))
        for multi in f.get("multi_fields") or []:
            rows.append((f"{name}.{multi['name']}", multi["type"], False, None, fleet_ignore_above(multi)))
for file in ["base-fields.yml", "fields.yml", "ecs.yml"]:
    walk(yaml.safe_load(open(f"{data}/fields/{file}")) or [], "")
write(f"{out}/aws.cloudtrail.tsv", rows, "Elastic AWS integration, cloudtrail data stream fields (github.com/elastic/integrations, packages/aws/data_stream/cloudtrail/fields), Elastic License 2.0; see MANIFEST.md")
print("ok")
