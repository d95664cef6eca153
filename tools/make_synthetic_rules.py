#!/usr/bin/env python3
"""Writes benchmarks/RuleGen.Benchmarks/rules/synthetic_NNN.yml: 200 rules shaped like Elastic's single-event
CloudTrail ES|QL rules (a provider, one or a few actions, an outcome, an identity condition, sometimes a LIKE on the
request string or a case-insensitive test), for measuring how scan cost grows with the number of rules.
Deterministic: run from the repository root."""
import random

random.seed(20261128)
providers = {
    "iam.amazonaws.com": ["CreateUser", "DeleteUser", "AttachUserPolicy", "PutUserPolicy", "CreateAccessKey", "UpdateLoginProfile",
                          "CreateRole", "UpdateAssumeRolePolicy", "AddUserToGroup", "DeleteRolePolicy", "CreatePolicyVersion"],
    "s3.amazonaws.com": ["PutBucketPolicy", "DeleteBucketPolicy", "PutBucketAcl", "PutBucketLogging", "DeleteBucket",
                         "PutBucketReplication", "PutBucketLifecycle", "PutBucketVersioning"],
    "ec2.amazonaws.com": ["AuthorizeSecurityGroupIngress", "ModifyInstanceAttribute", "CreateKeyPair", "DeleteFlowLogs",
                          "ModifySnapshotAttribute", "ModifyImageAttribute", "RunInstances", "DisableEbsEncryptionByDefault"],
    "cloudtrail.amazonaws.com": ["StopLogging", "DeleteTrail", "UpdateTrail", "PutEventSelectors"],
    "kms.amazonaws.com": ["ScheduleKeyDeletion", "DisableKey", "PutKeyPolicy"],
    "sts.amazonaws.com": ["GetFederationToken", "AssumeRoleWithWebIdentity", "GetSessionToken"],
    "lambda.amazonaws.com": ["UpdateFunctionCode20150331v2", "AddPermission20150331v2", "PublishLayerVersion20181031"],
    "guardduty.amazonaws.com": ["DeleteDetector", "UpdateDetector", "CreateFilter"],
    "secretsmanager.amazonaws.com": ["GetSecretValue", "BatchGetSecretValue", "DeleteSecret"],
    "organizations.amazonaws.com": ["LeaveOrganization", "DeleteOrganization"],
}
severities = [("low", 21), ("medium", 47), ("high", 73), ("critical", 99)]
for n in range(200):
    provider = random.choice(list(providers))
    actions = random.sample(providers[provider], k=min(len(providers[provider]), random.choice([1, 1, 2, 3])))
    conditions = [f'event.provider == "{provider}"']
    conditions.append(f'event.action == "{actions[0]}"' if len(actions) == 1 else
                      "event.action IN (" + ", ".join(f'"{a}"' for a in actions) + ")")
    conditions.append('event.outcome == "success"')
    kind = n % 4
    if kind == 0:
        conditions.append('aws.cloudtrail.user_identity.type != "AWSService"')
    elif kind == 1:
        conditions.append('(aws.cloudtrail.user_identity.type == "Root" OR aws.cloudtrail.user_identity.type == "IAMUser")')
    elif kind == 2:
        conditions.append(f'TO_LOWER(aws.cloudtrail.request_parameters) LIKE "*{random.choice(["admin", "policy", "public", "backdoor", "*"])}*"')
    else:
        conditions.append('aws.cloudtrail.user_identity.access_key_id IS NOT NULL and NOT STARTS_WITH(source.address, "10.")')
    severity, risk = random.choice(severities)
    query = "from logs-aws.cloudtrail-* metadata _id, _version, _index\n| where " + "\n    and ".join(conditions) + \
            "\n| keep @timestamp, event.action, event.provider, aws.cloudtrail.user_identity.arn, source.address, cloud.account.id"
    body = "\n".join("  " + line for line in query.split("\n"))
    open(f"benchmarks/RuleGen.Benchmarks/rules/synthetic_{n:03}.yml", "w").write(
        f"""# Synthetic benchmark rule (tools/make_synthetic_rules.py)
rule_id: 00000000-0000-4000-8000-{n:012}
name: Synthetic CloudTrail rule {n:03}
description: A benchmark rule of realistic shape on {provider}.
severity: {severity}
risk_score: {risk}
author: [RuleGen benchmarks]
query: |
{body}
""")
print("200 rules")
