using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using static RuleGen.Runtime.RecordValues;

namespace RuleGen.Runtime;

/// <summary>Per service (eventSource), the fields naming related entities, and per call, its targets (the pipeline script's enrich* functions).</summary>
internal sealed partial class EntityEnrichment
{
    private void ByService(string source, string? name)
    {
        switch (source)
        {
            case "cloudformation.amazonaws.com":
                if (name == "CreateStackSet") AddField(_target, "responseElements.stackSetId");
                else if (name == "CreateStack") AddField(_target, "responseElements.stackId");
                break;
            case "cloudtrail.amazonaws.com":
                AddFields(_related, "requestParameters.name", "requestParameters.s3BucketName", "responseElements.cloudWatchLogsLogGroupArn",
                    "responseElements.cloudWatchLogsRoleArn", "responseElements.kmsKeyId", "responseElements.snsTopicARN",
                    "responseElements.trailARN", "responseElements.name");
                if (name is "DeleteTrail" or "StopLogging") AddField(_target, "requestParameters.name");
                else if (name == "DescribeTrails") AddField(_target, "recipientAccountId");
                break;
            case "ec2-instance-connect.amazonaws.com":
                if (name is "SendSSHPublicKey" or "SendSerialConsoleSSHPublicKey") AddField(_target, "requestParameters.instanceId");
                break;
            case "config.amazonaws.com":
                AddField(_related, "requestParameters.configurationRecorderName");
                if (name is "StopConfigurationRecorder" or "StartConfigurationRecorder") AddField(_target, "requestParameters.configurationRecorderName");
                break;
            case "ec2.amazonaws.com":
                Ec2(name);
                break;
            case "elasticfilesystem.amazonaws.com":
                if (name == "DeleteFileSystem") AddField(_target, "requestParameters.fileSystemId");
                else if (name == "DeleteMountTarget") AddField(_target, "requestParameters.mountTargetId");
                break;
            case "events.amazonaws.com":
                if (name == "DeleteRule") AddField(_target, "requestParameters.name");
                break;
            case "guardduty.amazonaws.com":
                AddFields(_related, "requestParameters.detectorId", "responseElements.detectorId");
                if (name == "CreateDetector") AddField(_target, "responseElements.detectorId");
                else if (name == "DeleteDetector") AddField(_target, "requestParameters.detectorId");
                break;
            case "iam.amazonaws.com":
                Iam(name);
                break;
            case "kms.amazonaws.com":
                AddFields(_related, "requestParameters.keyId", "responseElements.keyId", "responseElements.keyMetadata.arn", "responseElements.keyMetadata.keyId");
                if (name is "DisableKey" or "ScheduleKeyDeletion") AddResourceArns(_target);
                break;
            case "lambda.amazonaws.com":
                AddFields(_related, "requestParameters.functionName", "responseElements.functionArn", "responseElements.functionName", "responseElements.role");
                AddValues(_related, Each("responseElements.vpcConfig.securityGroupIds"));
                AddValues(_related, Each("responseElements.vpcConfig.subnetIds"));
                // Lambda's event names carry a version (AddPermission20150331v2): matched by containment.
                if (name is null) break;
                if (name.Contains("AddPermission", System.StringComparison.Ordinal)) AddField(_target, "requestParameters.functionName");
                else if (name.Contains("ListFunctions", System.StringComparison.Ordinal)) AddField(_target, "recipientAccountId");
                break;
            case "logs.amazonaws.com":
                if (name == "DeleteLogGroup") AddField(_target, "requestParameters.logGroupName");
                else if (name == "DeleteLogStream") AddField(_target, "requestParameters.logStreamName");
                break;
            case "monitoring.amazonaws.com":
                if (name == "DeleteAlarms") foreach (string? alarm in Each("requestParameters.alarmNames")) AddValue(_target, alarm);
                break;
            case "rds.amazonaws.com":
                Rds(name);
                break;
            case "rolesanywhere.amazonaws.com":
                if (name == "CreateTrustAnchor") AddField(_target, "responseElements.trustAnchor.trustAnchorArn");
                break;
            case "route53resolver.amazonaws.com":
                if (name == "DeleteResolverQueryLogConfig") AddField(_target, "responseElements.resolverQueryLogConfig.arn");
                break;
            case "s3.amazonaws.com":
                AddField(_related, "requestParameters.bucketName");
                if (name is "CopyObject" or "PutBucketLogging" or "PutBucketVersioning" or "PutObject" or "GetBucketPolicy" or "ListObjects"
                    or "HeadObject" or "GetObject" or "DeleteObject" or "DeleteBucket")
                {
                    AddResourceArns(_target);
                }
                else if (name == "PutBucketReplication")
                {
                    AddResourceArns(_target);
                    AddField(_target, "requestParameters.ReplicationConfiguration.Rule.Destination.Bucket");
                }
                else if (name == "ListBuckets") AddField(_target, "recipientAccountId");
                break;
            case "secretsmanager.amazonaws.com":
                if (name == "BatchGetSecretValue") foreach (string? secret in Each("requestParameters.secretIdList")) AddValue(_target, secret);
                else if (name == "GetSecretValue") AddField(_target, "requestParameters.secretId");
                break;
            case "signin.amazonaws.com":
                if (name == "ConsoleLogin") AddField(_target, "recipientAccountId");
                break;
            case "ssm.amazonaws.com":
                Ssm(name);
                break;
            case "sts.amazonaws.com":
                Sts(name);
                break;
            case "wafv2.amazonaws.com":
                AddFields(_related, "requestParameters.id", "responseElements.summary");
                if (name is "DeleteRuleGroup" or "DeleteWebACL") AddField(_target, "requestParameters.id");
                break;
            case "sns.amazonaws.com":
                if (name == "CreateTopic") AddField(_target, "responseElements.topicArn");
                else if (name is "Subscribe" or "Publish") AddField(_target, "requestParameters.topicArn");
                break;
            case "bedrock.amazonaws.com":
                if (name == "Converse") AddField(_target, "requestParameters.modelId");
                break;
            case "elasticloadbalancing.amazonaws.com":
                if (name == "DescribeLoadBalancers") AddField(_target, "recipientAccountId");
                break;
            case "dynamodb.amazonaws.com":
                if (name == "ListTables") AddField(_target, "recipientAccountId");
                break;
        }
    }

    private void Ec2(string? name)
    {
        AddFields(_related, "requestParameters.groupId", "requestParameters.groupName", "requestParameters.roleName", "requestParameters.subnetId",
            "requestParameters.volumeId", "requestParameters.networkInterfaceId", "requestParameters.vpcId", "requestParameters.snapshotId",
            "responseElements.groupId", "responseElements.reservationId", "responseElements.vpc.vpcId", "responseElements.vpc.dhcpOptionsId",
            "responseElements.snapshotId", "responseElements.volumeId");
        foreach (JsonElement rule in ArrayAt(_record, "responseElements.securityGroupRuleSet.items"))
        {
            AddValues(_related, new[] { StringAt(rule, "groupId"), StringAt(rule, "referencedGroupInfo.groupId"), StringAt(rule, "securityGroupRuleId") });
        }
        foreach (string? group in Each("responseElements.groupSet.items", "groupId")) AddValue(_related, group);
        foreach (string? group in Each("requestParameters.groupSet.items", "groupId")) AddValue(_related, group);
        foreach (string? instance in Each("requestParameters.instancesSet.items", "instanceId")) AddValue(_related, instance);
        foreach (JsonElement instance in ArrayAt(_record, "responseElements.instancesSet.items"))
        {
            AddValues(_related, new[]
            {
                StringAt(instance, "subnetId"), StringAt(instance, "vpcId"), StringAt(instance, "instanceId"), StringAt(instance, "imageId"),
                StringAt(instance, "iamInstanceProfile.arn"),
            });
            foreach (JsonElement network in ArrayAt(instance, "networkInterfaceSet.items"))
            {
                AddValues(_related, new[] { StringAt(network, "networkInterfaceId"), StringAt(network, "vpcId"), StringAt(network, "subnetId") });
                foreach (JsonElement group in ArrayAt(network, "groupSet.items")) AddValue(_related, StringAt(group, "groupId"));
            }
        }
        foreach (JsonElement rule in ArrayAt(_record, "requestParameters.revokedSecurityGroupRuleSet.items"))
        {
            AddValues(_related, new[] { StringAt(rule, "securityGroupRuleId"), StringAt(rule, "groupId") });
        }

        switch (name)
        {
            case "AuthorizeSecurityGroupIngress" or "AuthorizeSecurityGroupEgress":
                AddField(_target, "requestParameters.groupId");
                foreach (string? rule in Each("responseElements.securityGroupRuleSet.items", "securityGroupRuleId")) AddValue(_target, rule);
                break;
            case "CreateTrafficMirrorFilter":
                AddField(_target, "responseElements.CreateTrafficMirrorFilterResponse.trafficMirrorFilter.trafficMirrorFilterId");
                break;
            case "CreateTrafficMirrorFilterRule":
                AddField(_target, "responseElements.CreateTrafficMirrorFilterRuleResponse.trafficMirrorFilterRule.trafficMirrorFilterRuleId");
                break;
            case "CreateTrafficMirrorSession":
                AddField(_target, "responseElements.CreateTrafficMirrorSessionResponse.trafficMirrorSession.trafficMirrorSessionId");
                break;
            case "CreateTrafficMirrorTarget":
                AddField(_target, "responseElements.CreateTrafficMirrorTargetResponse.trafficMirrorTarget.trafficMirrorTargetId");
                break;
            case "DeleteFlowLogs":
                AddField(_target, "requestParameters.DeleteFlowLogsRequest.FlowLogId.content");
                break;
            case "DeleteNetworkAcl":
                AddField(_target, "requestParameters.networkAclId");
                break;
            case "DeleteNetworkAclEntry":
                AddField(_target, "requestParameters.networkAclId");
                // String.valueOf(ruleNumber): a number as Java prints it.
                if (At(_record, "requestParameters.ruleNumber") is JsonElement ruleNumber) AddValue(_target, Rendered(ruleNumber));
                break;
            case "GetPasswordData":
                AddField(_target, "requestParameters.instanceId");
                break;
            case "ModifyImageAttribute":
                AddField(_target, "requestParameters.imageId");
                break;
            case "ModifySnapshotAttribute":
                AddField(_target, "requestParameters.snapshotId");
                break;
            case "DescribeSecurityGroups" or "DescribeNetworkInterfaces" or "DescribeRegions" or "DescribeVpcs" or "DescribeNetworkAcls" or "DescribeVolumes":
                AddField(_target, "recipientAccountId");
                break;
        }
    }

    private void Iam(string? name)
    {
        AddFields(_related, "requestParameters.userName", "requestParameters.serialNumber", "requestParameters.accessKeyId",
            "requestParameters.policyArn", "requestParameters.roleName", "requestParameters.policyName", "responseElements.accessKey.userName",
            "responseElements.accessKey.accessKeyId", "responseElements.user.arn", "responseElements.user.userId", "responseElements.user.userName",
            "responseElements.userId", "responseElements.role.arn", "responseElements.serialNumber");
        switch (name)
        {
            case "AttachGroupPolicy":
                AddField(_target, "requestParameters.groupName");
                break;
            case "AttachRolePolicy" or "ListAttachedRolePolicies" or "UpdateAssumeRolePolicy":
                AddField(_target, "requestParameters.roleName");
                break;
            case "AttachUserPolicy":
                AddFields(_target, "requestParameters.policyArn", "requestParameters.userName");
                break;
            case "CreateAccessKey":
                AddFields(_target, "responseElements.accessKey.accessKeyId", "requestParameters.userName");
                break;
            case "CreateUser" or "DeactivateMFADevice":
                AddField(_target, "requestParameters.userName");
                break;
            case "DeleteVirtualMFADevice":
                AddField(_target, "requestParameters.serialNumber");
                break;
            case "GetPolicy":
                AddField(_target, "requestParameters.policyArn");
                break;
            case "CreatePolicy":
                AddField(_target, "responseElements.policy.arn");
                break;
            case "ListRoles" or "ListUsers":
                AddField(_target, "recipientAccountId");
                break;
        }
    }

    private void Rds(string? name)
    {
        AddFields(_related, "requestParameters.dBInstanceIdentifier", "requestParameters.dBInstanceArn", "responseElements.dBInstanceIdentifier",
            "responseElements.dbInstanceArn", "responseElements.dBSubnetGroup.vpcId", "responseElements.vpcSecurityGroups.vpcSecurityGroupId");
        foreach (string? subnet in Each("responseElements.dBSubnetGroup.subnets", "subnetIdentifier")) AddValue(_related, subnet);
        foreach (string? group in Each("responseElements.vpcSecurityGroups", "vpcSecurityGroupId")) AddValue(_related, group);
        switch (name)
        {
            case "DeleteDBCluster" or "ModifyDBCluster" or "StopDBCluster":
                AddField(_target, "responseElements.dBClusterArn");
                break;
            case "DeleteDBInstance" or "ModifyDBInstance" or "RestoreDBInstanceFromDBSnapshot" or "RestoreDBInstanceFromS3" or "StopDBInstance":
                AddField(_target, "responseElements.dBInstanceArn");
                break;
            case "DeleteGlobalCluster":
                AddField(_target, "responseElements.globalClusterArn");
                break;
            case "ModifyDBClusterSnapshotAttribute":
                AddField(_target, "responseElements.dBClusterSnapshotIdentifier");
                break;
            case "ModifyDBSnapshotAttribute":
                AddField(_target, "responseElements.dBSnapshotIdentifier");
                break;
            case "DescribeDBInstances":
                AddField(_target, "recipientAccountId");
                break;
        }
    }

    private void Ssm(string? name)
    {
        switch (name)
        {
            case "GetParameter" or "GetParameters" or "CreateControlChannel" or "OpenControlChannel":
                AddResourceArns(_target);
                break;
            case "StartSession":
                AddField(_target, "requestParameters.target");
                break;
            case "CreateDocument":
                AddField(_target, "requestParameters.name");
                break;
            case "TerminateSession" or "OpenDataChannel":
                AddField(_target, "requestParameters.sessionId");
                break;
            case "SendCommand":
            {
                // The instances commanded, by id or through targets' values; "*" (every instance) means the account.
                List<string?> instances = Each("requestParameters.instanceIds").ToList();
                if (instances.Count == 0)
                {
                    foreach (JsonElement target in ArrayAt(_record, "requestParameters.targets"))
                    {
                        foreach (JsonElement value in ArrayAt(target, "values")) instances.Add(value.ValueKind == JsonValueKind.String ? value.GetString() : null);
                    }
                }
                if (instances.Count == 1 && instances[0] == "*") instances = new List<string?> { StringAt(_record, "recipientAccountId") };
                AddValues(_target, instances);
                break;
            }
            case "ListInstanceAssociations":
                AddField(_target, "recipientAccountId");
                break;
        }
    }

    private void Sts(string? name)
    {
        AddFields(_related, "requestParameters.roleArn", "sourceIdentity", "additionalEventData.MFAIdentifier", "responseElements.assumedRoleUser.arn",
            "requestParameters.roleSessionName", "responseElements.accessKeyId");
        if (name == "AssumeRole")
        {
            // Who assumed the role: the service for a service, the role behind a session, else the identity.
            _actor = StringAt(_record, "userIdentity.type") switch
            {
                "AWSService" => StringAt(_record, "userIdentity.invokedBy"),
                "AssumedRole" => StringAt(_record, "userIdentity.sessionContext.sessionIssuer.arn"),
                _ => StringAt(_record, "userIdentity.arn"),
            };
            AddField(_target, "requestParameters.roleArn");
        }
        else if (name == "GetCallerIdentity")
        {
            AddField(_target, "recipientAccountId");
            _actor = StringAt(_record, "userIdentity.arn");
        }
    }
}
