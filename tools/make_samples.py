#!/usr/bin/env python3
"""Writes samples/logs/: the sample inputs the README's scan command runs over. Not part of the build.
MADE events (positives and near misses of the seed rule) are ours; the real records are Invictus's (MIT).
Run from the repository root: python3 tools/make_samples.py"""
import gzip, json, os

OUT = "samples/logs"
INVICTUS = "tests/RuleGen.Tests/Data/real/invictus-aws-dataset/CloudTrail"

def ecs(action="CreateLoginProfile", outcome="success", type_="Root", key="ASIAEXAMPLEROOTKEY01",
        params="{passwordResetRequired=false}", made=""):
    d = {"@timestamp": "2024-12-02T10:00:00.000Z",
         "event": {"action": action, "provider": "iam.amazonaws.com", "outcome": outcome, "kind": "event"},
         "cloud": {"account": {"id": "111122223333"}, "region": "us-east-1"},
         "source": {"address": "203.0.113.7", "ip": "203.0.113.7"},
         "aws": {"cloudtrail": {"user_identity": {"type": type_, "arn": "arn:aws:iam::111122223333:root"}}},
         "labels": {"made": made}}
    if key is not None: d["aws"]["cloudtrail"]["user_identity"]["access_key_id"] = key
    if params is not None: d["aws"]["cloudtrail"]["request_parameters"] = params
    d["aws"]["cloudtrail"]["response_elements"] = "{loginProfile={createDate=Dec 2, 2024, 10:00:00 AM, passwordResetRequired=false}}"
    return d

def raw(user_name=None, type_="Root", error=None, made=""):
    r = {"eventVersion": "1.09",
         "userIdentity": {"type": type_, "principalId": "111122223333", "arn": "arn:aws:iam::111122223333:root",
                          "accountId": "111122223333", "accessKeyId": "ASIAEXAMPLEROOTKEY01"},
         "eventTime": "2024-12-02T10:05:00Z", "eventSource": "iam.amazonaws.com", "eventName": "CreateLoginProfile",
         "awsRegion": "us-east-1", "sourceIPAddress": "203.0.113.7", "userAgent": "aws-cli/2.22.0 MADE:" + made,
         "requestParameters": {"passwordResetRequired": False},
         "responseElements": {"loginProfile": {"createDate": "Dec 2, 2024, 10:05:00 AM", "passwordResetRequired": False}},
         "requestID": "made-0000", "eventID": "made-" + made, "readOnly": False, "eventType": "AwsApiCall",
         "managementEvent": True, "recipientAccountId": "111122223333", "eventCategory": "Management"}
    if user_name: r["requestParameters"]["userName"] = user_name
    if error: r["errorCode"] = error; r["errorMessage"] = "made failure"; r["responseElements"] = None
    return r

os.makedirs(OUT, exist_ok=True)

# 1. ECS NDJSON: five positives in every spelling, six near misses.
lines = []
p = ecs(made="positive nested, no event.dataset (supplied as a stream constant)"); lines.append(json.dumps(p))
p = ecs(made="positive dotted"); flat = {"@timestamp": p["@timestamp"], "event.dataset": "aws.cloudtrail",
    "event.action": "CreateLoginProfile", "event.provider": "iam.amazonaws.com", "event.outcome": "success",
    "aws.cloudtrail.user_identity.type": "Root", "aws.cloudtrail.user_identity.access_key_id": "ASIAEXAMPLEROOTKEY01",
    "aws.cloudtrail.request_parameters": "{passwordResetRequired=false}", "cloud.account.id": "111122223333",
    "source.address": "203.0.113.7", "labels.made": "positive dotted"}
lines.append(json.dumps(flat))
p = ecs(made="positive mixed nested and dotted"); mixed = {"@timestamp": p["@timestamp"], "event": p["event"],
    "aws.cloudtrail": {"user_identity": {"type": "Root"}}, "aws.cloudtrail.user_identity.access_key_id": "ASIAEXAMPLEROOTKEY01",
    "aws": {"cloudtrail.request_parameters": "{passwordResetRequired=true}"}, "labels": p["labels"]}
lines.append(json.dumps(mixed))
# A JSON escape hides a literal: "CreateLogin\u0050rofile" is CreateLoginProfile.
lines.append(json.dumps(ecs(made="positive with a JSON escape in event.action")).replace("CreateLoginProfile", "CreateLogin\\u0050rofile"))
p = ecs(made="positive with single-element arrays (a single value, as in Elasticsearch)"); p["event"]["provider"] = ["iam.amazonaws.com"]
p["aws"]["cloudtrail"]["user_identity"]["type"] = ["Root"]; lines.append(json.dumps(p))
lines.append(json.dumps(ecs(params="{userName=alice, passwordResetRequired=true}", made="near miss: profile for another user")))
lines.append(json.dumps(ecs(params="{UserName=alice}", made="near miss: UserName in other case (TO_LOWER catches it)")))
lines.append(json.dumps(ecs(key=None, made="near miss: no access key")))
lines.append(json.dumps(ecs(outcome="failure", made="near miss: failed call")))
lines.append(json.dumps(ecs(type_="root", made="near miss: 'root' is not 'Root' (== is case-sensitive)")))
p = ecs(made="near miss: event.action multivalued (== on a multivalue is NULL)"); p["event"]["action"] = ["CreateLoginProfile", "UpdateLoginProfile"]
lines.append(json.dumps(p))
open(f"{OUT}/made-seed-ecs.ndjson", "w").write("\n".join(lines) + "\n")

# 2. A CloudTrail delivery file, gzipped: real Invictus records (MIT) with made raw records slipped in.
real = []
for name in sorted(os.listdir(INVICTUS)):
    if "1230Z" in name:
        real.extend(json.load(open(os.path.join(INVICTUS, name)))["Records"])
records = real[:40] + [raw(made="positive-raw-1")] + real[40:] + [raw(made="positive-raw-2"),
    raw(user_name="backdoor", made="near-miss-userName"), raw(error="EntityAlreadyExists", made="near-miss-failure"),
    raw(type_="IAMUser", made="near-miss-iamuser")]
with gzip.open(f"{OUT}/made-and-real-cloudtrail-records.json.gz", "wt") as f:
    f.write(json.dumps({"Records": records}))

# 3. A pretty-printed JSON array with a BOM and CRLF line ends: one positive, one near miss.
arr = [raw(made="positive-array"), raw(user_name="bob", made="near-miss-array")]
open(f"{OUT}/made-seed-array.json", "w", encoding="utf-8-sig", newline="\r\n").write(json.dumps(arr, indent=2) + "\n")
print(len(records), "records;", len(lines), "ecs lines")
