using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RuleGen.Runtime;

namespace RuleGen.Tests;

/// <summary>Events for end-to-end tests: MADE positives of the seed rule, and the real public events.</summary>
public static class EventFixtures
{
    public const string SeedRuleId = "c04be7e0-b0fc-11ef-a826-f661ea17fbce";

    /// <summary>MADE: a raw CloudTrail record of a root user adding a login profile to itself with an AssumeRoot key.</summary>
    public static JsonObject RawPositive(string id = "made-1") => JsonNode.Parse($$$"""
        {"eventVersion":"1.09","userIdentity":{"type":"Root","principalId":"111122223333","arn":"arn:aws:iam::111122223333:root",
         "accountId":"111122223333","accessKeyId":"ASIAEXAMPLEROOTKEY01"},"eventTime":"2024-12-02T10:05:00Z",
         "eventSource":"iam.amazonaws.com","eventName":"CreateLoginProfile","awsRegion":"us-east-1","sourceIPAddress":"203.0.113.7",
         "userAgent":"aws-cli/2.22.0","requestParameters":{"passwordResetRequired":false},
         "responseElements":{"loginProfile":{"createDate":"Dec 2, 2024, 10:05:00 AM","passwordResetRequired":false}},
         "requestID":"{{{id}}}","eventID":"{{{id}}}","readOnly":false,"eventType":"AwsApiCall","managementEvent":true,
         "recipientAccountId":"111122223333","eventCategory":"Management"}
        """)!.AsObject();

    /// <summary>MADE: the same event as Elastic's pipeline would index it (ECS), without the stream constants.</summary>
    public static JsonObject EcsPositive() => JsonNode.Parse("""
        {"@timestamp":"2024-12-02T10:05:00.000Z","event":{"action":"CreateLoginProfile","provider":"iam.amazonaws.com","outcome":"success","kind":"event"},
         "cloud":{"account":{"id":"111122223333"},"region":"us-east-1"},"source":{"address":"203.0.113.7","ip":"203.0.113.7"},
         "aws":{"cloudtrail":{"user_identity":{"type":"Root","arn":"arn:aws:iam::111122223333:root","access_key_id":"ASIAEXAMPLEROOTKEY01"},
         "request_parameters":"{passwordResetRequired=false}",
         "response_elements":"{loginProfile={createDate=Dec 2, 2024, 10:05:00 AM, passwordResetRequired=false}}"}}}
        """)!.AsObject();

    /// <summary>MADE near misses: one condition of the seed rule broken in each.</summary>
    public static IEnumerable<JsonObject> RawNearMisses()
    {
        JsonObject withUser = RawPositive("miss-user");
        withUser["requestParameters"]!["userName"] = "backdoor";
        yield return withUser;
        JsonObject failed = RawPositive("miss-failed");
        failed["errorCode"] = "EntityAlreadyExists";
        yield return failed;
        JsonObject iamUser = RawPositive("miss-iamuser");
        iamUser["userIdentity"]!["type"] = "IAMUser";
        yield return iamUser;
        JsonObject noKey = RawPositive("miss-nokey");
        noKey["userIdentity"]!.AsObject().Remove("accessKeyId");
        yield return noKey;
        JsonObject emptyKey = RawPositive("miss-emptykey");
        emptyKey["userIdentity"]!["accessKeyId"] = "";
        yield return emptyKey;
        JsonObject otherAction = RawPositive("miss-update");
        otherAction["eventName"] = "UpdateLoginProfile";
        yield return otherAction;
    }

    public static string Compact(JsonNode node) => node.ToJsonString();

    public static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest)) gzip.Write(bytes);
        return output.ToArray();
    }

    /// <summary>The real public CloudTrail inputs: (display name, bytes) — Panther test cases unwrapped to their events.</summary>
    public static IEnumerable<(string Name, byte[] Bytes)> RealInputs()
    {
        string real = Repository.Data("real");
        foreach (string file in Directory.GetFiles(Path.Combine(real, "invictus-aws-dataset", "CloudTrail"), "*.json").OrderBy(f => f))
            yield return (file, File.ReadAllBytes(file));
        foreach (string file in Directory.GetFiles(Path.Combine(real, "stratus-red-team-detonation-logs"), "*.json").OrderBy(f => f))
            yield return (file, File.ReadAllBytes(file));
        foreach (string file in Directory.GetFiles(Path.Combine(real, "otrf-security-datasets-aws"), "*.json"))
            yield return (file, File.ReadAllBytes(file));
        foreach (string file in Directory.GetFiles(Path.Combine(real, "panther-scenario-root-compromise"), "*.ndjson"))
            yield return (file, File.ReadAllBytes(file));
        foreach (string file in Directory.GetFiles(Path.Combine(real, "panther-tests"), "*.ndjson").OrderBy(f => f))
        {
            var events = File.ReadAllLines(file).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!["event"]!.ToJsonString());
            yield return (file, Encoding.UTF8.GetBytes(string.Join("\n", events)));
        }
        foreach (string file in Directory.GetFiles(Repository.Data("ecs-cloudtrail"), "*.ndjson").OrderBy(f => f))
            yield return (file, File.ReadAllBytes(file));
    }

    public sealed record ScanResult(List<RuleMatch> Matches, List<string> Problems, ScanStatistics Statistics);

    public static ScanResult Scan(RuleSet rules, string name, byte[] bytes, ScanOptions? options = null)
    {
        var scanner = new Scanner(rules, options);
        var matches = new List<RuleMatch>();
        var problems = new List<string>();
        scanner.ScanStream(new MemoryStream(bytes), name, matches.Add, problems.Add);
        return new ScanResult(matches, problems, scanner.Statistics);
    }
}
