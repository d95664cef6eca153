#!/usr/bin/env python3
"""One-off converter used to bring Elastic detection-rules TOML files into RuleGen's format 1 (YAML).
Usage: toml2yaml.py RULE.toml > rules/NAME.yml
It keeps every key of the [rule] table and the [metadata] table (under 'metadata'); it is not part of the build.
The C# importer (`rulegen import elastic`) is the supported path once it lands."""
import json, sys, tomllib

ORDER = ["rule_id", "name", "description", "language", "type", "severity", "risk_score", "interval", "from",
         "max_signals", "version", "author", "license", "tags", "references", "false_positives", "timestamp_override",
         "investigation_fields", "setup", "note", "threat", "query"]

def scalar(v):
    if isinstance(v, bool): return "true" if v else "false"
    if isinstance(v, (int, float)): return str(v)
    return json.dumps(v, ensure_ascii=False)

def block(key, text, indent=""):
    text = text.rstrip("\n")
    lines = [f"{indent}{key}: |"]
    for line in text.split("\n"):
        lines.append(f"{indent}  {line}" if line.strip() else "")
    return "\n".join(lines)

def emit(key, v, indent=""):
    if isinstance(v, str) and "\n" in v.strip("\n"):
        return block(key, v, indent)
    if isinstance(v, list):
        if not v: return f"{indent}{key}: []"
        if all(not isinstance(x, (dict, list)) for x in v):
            return f"{indent}{key}:\n" + "\n".join(f"{indent}  - {scalar(x)}" for x in v)
    if isinstance(v, dict):
        return f"{indent}{key}:\n" + "\n".join(emit(k, x, indent + "  ") for k, x in v.items())
    if isinstance(v, list):
        out = [f"{indent}{key}:"]
        for item in v:
            body = [emit(k, x, indent + "    ") for k, x in item.items()]
            first = body[0].lstrip()
            out.append(f"{indent}  - {first}")
            out.extend(body[1:])
        return "\n".join(out)
    return f"{indent}{key}: {scalar(v)}"

def threat(entries):
    out = []
    for t in entries:
        e = {"framework": t["framework"], "tactic": t["tactic"]}
        if "technique" in t:
            techs = []
            for tech in t["technique"]:
                x = {"id": tech["id"], "name": tech["name"], "reference": tech["reference"]}
                if "subtechnique" in tech: x["subtechnique"] = tech["subtechnique"]
                techs.append(x)
            e["technique"] = techs
        out.append(e)
    return out

doc = tomllib.load(open(sys.argv[1], "rb"))
rule = dict(doc["rule"])
if "threat" in rule: rule["threat"] = threat(rule["threat"])
if "investigation_fields" in rule: rule["investigation_fields"] = rule["investigation_fields"]["field_names"]
keys = [k for k in ORDER if k in rule] + [k for k in rule if k not in ORDER]
print(f"# Converted from Elastic detection-rules: {sys.argv[2] if len(sys.argv) > 2 else sys.argv[1]}")
print("# Licence: Elastic License 2.0 (see rules/LICENSE-elastic.txt)")
for k in keys:
    print(emit(k, rule[k]))
print(emit("metadata", doc.get("metadata", {})))
