using System.Buffers;
using System.Collections.Generic;
using System.Text;
using RuleGen.Runtime;
using Xunit;

namespace RuleGen.Tests;

/// <summary>
/// The derived fields of the raw CloudTrail normaliser on cases Elastic's pipeline-test documents do not hold
/// (CloudTrailNormalizerTests compares those): user agents, the categorization table's edges, targets by kind, the
/// session name, TLS versions. Records here are MADE for the test, each from the shape of a real one.
/// </summary>
public class CloudTrailDerivedFieldsTests
{
    private static Dictionary<string, string> Normalize(string record)
    {
        var output = new ArrayBufferWriter<byte>();
        CloudTrailNormalizer.Normalize(Encoding.UTF8.GetBytes(record), output);
        return CloudTrailNormalizerTests.Flatten(Encoding.UTF8.GetString(output.WrittenSpan));
    }

    private static string Record(string eventSource, string eventName, string more = "") =>
        "{\"eventVersion\":\"1.08\",\"eventTime\":\"2024-12-02T10:00:00Z\",\"eventSource\":\"" + eventSource + "\",\"eventName\":\"" + eventName + "\"," +
        "\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"203.0.113.7\",\"recipientAccountId\":\"111122223333\"," +
        "\"userIdentity\":{\"type\":\"IAMUser\",\"principalId\":\"AIDAEXAMPLE\",\"arn\":\"arn:aws:iam::111122223333:user/alice\",\"accountId\":\"111122223333\",\"userName\":\"alice\"}" +
        (more.Length > 0 ? "," + more : "") + "}";

    [Theory]
    // The AWS clients rule of ua-parser, as Elasticsearch's user_agent processor applies it.
    [InlineData("aws-cli/2.15.30 Python/3.11.8 Linux/6.1.0 exe/x86_64.debian.12 prompt/off command/iam.create-login-profile", "aws-cli", "2.15.30")]
    [InlineData("aws-sdk-go/1.44.0 (go1.20.5; linux; amd64)", "aws-sdk-go", "1.44.0")]
    [InlineData("Boto3/1.34.0 md/Botocore#1.34.0 ua/2.0 os/linux#6.1.0", "Boto3", "1.34.0")]
    [InlineData("[S3Console/0.4, aws-internal/3 aws-sdk-java/1.12.488 Linux/5.10.220 OpenJDK_64-Bit_Server_VM/25.372-b08 java/1.8.0_372]", "aws-sdk-java", "1.12.488")]
    [InlineData("aws-sdk-nodejs/2.1384.0 darwin/v20.16.0 promise", "aws-sdk-nodejs", "2.1384.0")]
    [InlineData("s3fs/1.91 (commit hash unknown; OpenSSL)", "s3fs", "1.91")]
    // A rule before it wins, as in Elasticsearch: Go's HTTP client is a downloader.
    [InlineData("Go-http-client/1.1", "Go-http-client", "1.1")]
    // AWS service principals as host names match no rule: "Other" ...
    [InlineData("ec2.amazonaws.com", "Other", null)]
    [InlineData("cloudformation.amazonaws.com", "Other", null)]
    // ... unless a rule does match the name ("bot" ends a word).
    [InlineData("chatbot.amazonaws.com", "chatbot", null)]
    // Not decidable without the whole rule list: no name rather than a wrong one.
    [InlineData("curl.example.amazonaws.com", null, null)]
    [InlineData("aws-sdk-go-v2/1.30.3 os/linux lang/go#1.22.5", null, null)]
    [InlineData("AWS Internal", null, null)]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36", null, null)]
    public void UserAgentsAreNamedAsElasticsearchDoesWhereRuleGenCanTell(string userAgent, string? name, string? version)
    {
        UserAgentParser.Parsed parsed = UserAgentParser.Parse(userAgent);
        Assert.Equal(name, parsed.Name);
        Assert.Equal(version, parsed.Version);
        Dictionary<string, string> doc = Normalize(Record("iam.amazonaws.com", "GetUser", "\"userAgent\":\"" + userAgent + "\""));
        Assert.Equal(userAgent, doc["user_agent.original"]);
        Assert.Equal(name, doc.GetValueOrDefault("user_agent.name"));
    }

    [Theory]
    [InlineData("CreateLoginProfile", null, "info")]
    [InlineData("ConsoleLogin", "authentication", "info")]
    [InlineData("CreateUser", "iam", "[creation, user]")]
    [InlineData("SendCommand", "process", null)]
    [InlineData("DeleteObject", "file", "delete")]
    public void CategoryAndTypeComeFromThePipelinesTable(string action, string? category, string? type)
    {
        Dictionary<string, string> doc = Normalize(Record("iam.amazonaws.com", action));
        Assert.Equal(category, doc.GetValueOrDefault("event.category"));
        Assert.Equal(type, doc.GetValueOrDefault("event.type"));
        Assert.Equal("event", doc["event.kind"]);
        Assert.Equal("8.11.0", doc["ecs.version"]);
    }

    [Fact]
    public void TargetsAreClassifiedByKind()
    {
        Dictionary<string, string> send = Normalize(Record("ssm.amazonaws.com", "SendCommand",
            "\"requestParameters\":{\"instanceIds\":[\"i-0b22a22eec53b9321\",\"i-0c33b33ffd64c0432\"],\"documentName\":\"AWS-RunShellScript\"}"));
        Assert.Equal("[i-0b22a22eec53b9321, i-0c33b33ffd64c0432]", send["target.entity.id"]);
        Assert.Equal("[i-0b22a22eec53b9321, i-0c33b33ffd64c0432]", send["host.target.entity.id"]);
        Assert.Equal("arn:aws:iam::111122223333:user/alice", send["user.entity.id"]);
        Assert.Contains("i-0b22a22eec53b9321", send["related.entity"]);

        // Through targets' values; "*" (all instances) names the account.
        Dictionary<string, string> all = Normalize(Record("ssm.amazonaws.com", "SendCommand",
            "\"requestParameters\":{\"targets\":[{\"key\":\"InstanceIds\",\"values\":[\"*\"]}]}"));
        Assert.Equal("111122223333", all["entity.target.id"]);

        // The pipeline's addValues stops at the first value it could not add (a duplicate here): reproduced.
        Dictionary<string, string> repeated = Normalize(Record("ssm.amazonaws.com", "SendCommand",
            "\"requestParameters\":{\"instanceIds\":[\"i-1\",\"i-1\",\"i-2\"]}"));
        Assert.Equal("i-1", repeated["target.entity.id"]);

        Dictionary<string, string> key = Normalize(Record("iam.amazonaws.com", "CreateAccessKey",
            "\"requestParameters\":{\"userName\":\"bob\"},\"responseElements\":{\"accessKey\":{\"accessKeyId\":\"AKIAIOSFODNN7EXAMPLE\",\"userName\":\"bob\"}}"));
        Assert.Equal("AKIAIOSFODNN7EXAMPLE", key["user.target.entity.id"]);
        Assert.Equal("bob", key["entity.target.id"]);
        Assert.Equal("bob", key["user.target.name"]);

        Dictionary<string, string> bucket = Normalize(Record("s3.amazonaws.com", "DeleteBucket",
            "\"requestParameters\":{\"bucketName\":\"logs\"},\"resources\":[{\"ARN\":\"arn:aws:s3:::logs\",\"type\":\"AWS::S3::Bucket\"}]"));
        Assert.Equal("arn:aws:s3:::logs", bucket["service.target.entity.id"]);
        Assert.Equal("arn:aws:s3:::logs", bucket["aws.cloudtrail.resources.arn"]);
    }

    [Fact]
    public void AnAssumedRoleActsThroughItsIssuerAndNamesItsSession()
    {
        const string identity = "\"userIdentity\":{\"type\":\"AssumedRole\",\"principalId\":\"AROAEXAMPLE:jane@example.com\"," +
            "\"arn\":\"arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Admin_0123/jane@example.com\",\"accountId\":\"111122223333\"," +
            "\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\",\"arn\":\"arn:aws:iam::111122223333:role/AWSReservedSSO_Admin_0123\",\"userName\":\"AWSReservedSSO_Admin_0123\"}}}";
        string record = "{\"eventTime\":\"2024-12-02T10:00:00Z\",\"eventSource\":\"sts.amazonaws.com\",\"eventName\":\"AssumeRole\"," + identity +
            ",\"requestParameters\":{\"roleArn\":\"arn:aws:iam::111122223333:role/deploy\",\"roleSessionName\":\"ci\"}}";
        Dictionary<string, string> doc = Normalize(record);
        Assert.Equal("AWSReservedSSO_Admin_0123", doc["user.name"]);
        Assert.Equal("[AROAEXAMPLE:jane@example.com, AWSReservedSSO_Admin_0123, jane, jane@example.com]", doc["related.user"]);
        Assert.Equal("arn:aws:iam::111122223333:role/AWSReservedSSO_Admin_0123", doc["actor.entity.id"]);
        Assert.Equal("arn:aws:iam::111122223333:role/deploy", doc["user.target.entity.id"]);
        Assert.Equal("sts", doc["cloud.service.name"]);
        Assert.Equal("aws", doc["cloud.provider"]);
        Assert.False(doc.ContainsKey("user.email"));
    }

    [Theory]
    [InlineData("TLSv1.3", "tls", "1.3")]
    [InlineData("1.2", null, "1.2")]
    public void TlsVersionsAreDissectedAsThePipelineDoes(string version, string? protocol, string? number)
    {
        Dictionary<string, string> doc = Normalize(Record("iam.amazonaws.com", "GetUser", "\"tlsDetails\":{\"tlsVersion\":\"" + version + "\",\"cipherSuite\":\"TLS_AES_128_GCM_SHA256\"}"));
        Assert.Equal(protocol, doc.GetValueOrDefault("tls.version_protocol"));
        Assert.Equal(number, doc.GetValueOrDefault("tls.version"));
        Assert.Equal("TLS_AES_128_GCM_SHA256", doc["tls.cipher"]);
    }

    [Fact]
    public void APlaceholderTlsVersionDropsTheTlsDetails()
    {
        Dictionary<string, string> doc = Normalize(Record("iam.amazonaws.com", "GetUser", "\"tlsDetails\":{\"tlsVersion\":\"tlsVersion\",\"cipherSuite\":\"x\"}"));
        Assert.DoesNotContain(doc.Keys, k => k.StartsWith("tls.", System.StringComparison.Ordinal));
    }

    [Fact]
    public void AServicePrincipalIsTheServiceAndTheAccountIsTheRecipients()
    {
        string record = "{\"eventTime\":\"2024-12-02T10:00:00Z\",\"eventSource\":\"kms.amazonaws.com\",\"eventName\":\"Decrypt\",\"recipientAccountId\":\"111122223333\"," +
            "\"userIdentity\":{\"type\":\"AWSService\",\"invokedBy\":\"lambda.amazonaws.com\"},\"sourceIPAddress\":\"lambda.amazonaws.com\",\"userAgent\":\"lambda.amazonaws.com\"}";
        Dictionary<string, string> doc = Normalize(record);
        Assert.Equal("111122223333", doc["cloud.account.id"]);
        Assert.Equal("lambda.amazonaws.com", doc["service.name"]);
        Assert.Equal("Other", doc["user_agent.name"]);
        Assert.False(doc.ContainsKey("source.ip"));
        Assert.False(doc.ContainsKey("related.ip"));
    }
}
