#!/usr/bin/env python3
"""Writes generator/RuleGen.Generator/Binding/Schema/*.tsv from ECS 9.4 (ecs_flat.yml) and the AWS CloudTrail
integration's field files. Run from the repository root with the shared data folder beside it:
    python3 tools/make_schema.py ../shared/data
Columns: name, type, array (1 when ECS says the field is an array), constant (a constant_keyword's value)."""
import sys, yaml

data = sys.argv[1]
out = "generator/RuleGen.Generator/Binding/Schema"

def write(path, rows, header):
    with open(path, "w") as f:
        f.write("# " + header + "\nname\ttype\tarray\tconstant\n")
        for name, t, arr, const in sorted(rows):
            f.write(f"{name}\t{t}\t{1 if arr else 0}\t{const or ''}\n")

ecs = yaml.safe_load(open(f"{data}/ecs/ecs_flat.yml"))
rows = []
for name, f in ecs.items():
    rows.append((name, f["type"], "array" in (f.get("normalize") or []), None))
    for multi in f.get("multi_fields") or []:
        rows.append((f"{name}.{multi['name']}", multi["type"], False, None))
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
        rows.append((name, f.get("type", "keyword"), False, f.get("value")))
        for multi in f.get("multi_fields") or []:
            rows.append((f"{name}.{multi['name']}", multi["type"], False, None))
for file in ["base-fields.yml", "fields.yml", "ecs.yml"]:
    walk(yaml.safe_load(open(f"{data}/fields/{file}")) or [], "")
write(f"{out}/aws.cloudtrail.tsv", rows, "Elastic AWS integration, cloudtrail data stream fields (github.com/elastic/integrations, packages/aws/data_stream/cloudtrail/fields), Elastic License 2.0; see MANIFEST.md")
print("ok")
