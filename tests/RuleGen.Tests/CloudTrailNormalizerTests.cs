using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using RuleGen.Runtime;
using Xunit;

namespace RuleGen.Tests;

/// <summary>
/// The raw CloudTrail → ECS normaliser against Elastic's own pipeline: every raw record of the integration's
/// pipeline tests (Data/raw-cloudtrail) must give the fields of the ECS document Elastic produced from it
/// (Data/ecs-cloudtrail), for every field RuleGen maps.
/// </summary>
public class CloudTrailNormalizerTests
{
    private static readonly string[] MappedFields =
    {
        "@timestamp", "event.action", "event.provider", "event.id", "event.outcome", "event.kind", "cloud.account.id", "cloud.region",
        "source.address", "source.ip", "user_agent.original", "user.id", "user.name", "user.target.name", "user.changes.name",
        "group.name", "aws.cloudtrail.user_identity.type", "aws.cloudtrail.user_identity.arn", "aws.cloudtrail.user_identity.access_key_id",
        "aws.cloudtrail.user_identity.invoked_by", "aws.cloudtrail.user_identity.session_context.mfa_authenticated",
        "aws.cloudtrail.user_identity.session_context.creation_date", "aws.cloudtrail.user_identity.session_context.session_issuer.type",
        "aws.cloudtrail.user_identity.session_context.session_issuer.arn", "aws.cloudtrail.event_version", "aws.cloudtrail.event_type",
        "aws.cloudtrail.event_category", "aws.cloudtrail.request_id", "aws.cloudtrail.recipient_account_id", "aws.cloudtrail.error_code",
        "aws.cloudtrail.error_message", "aws.cloudtrail.request_parameters", "aws.cloudtrail.response_elements",
        "aws.cloudtrail.additional_eventdata", "aws.cloudtrail.management_event", "aws.cloudtrail.read_only", "tls.version", "tls.version_protocol",
        "tls.cipher", "tls.client.server_name",
    };

    // Where Elastic's expected document comes from a newer pipeline than the one RuleGen follows (the files were
    // copied from different commits; see Data/ecs-cloudtrail/MANIFEST.txt), the difference is listed with its reason.
    private static readonly Dictionary<(string File, string Field), string> KnownPipelineDifferences = new()
    {
        [("test-user-authentication", "aws.cloudtrail.additional_eventdata")] = "newer pipeline removes additionalEventData.UserName first",
        [("test-user-authentication", "user.name")] = "newer pipeline takes user.name from additionalEventData.UserName",
        [("test-converse-json", "user.changes.name")] = "newer pipeline's actor/target mapping",
        [("test-assume-role-aws-service-json", "cloud.account.id")] = "newer pipeline fills it for AWSService identities",
        [("test-send-command-all-json", "user.changes.name")] = "newer pipeline's actor/target mapping",
        [("test-attach-role-policy-json", "user.name")] = "newer pipeline splits an e-mail user name into user.name and user.email",
        [("test-update-assume-role-policy-json", "user.name")] = "newer pipeline splits an e-mail user name into user.name and user.email",
        [("test-upload-ssh-public-key-json-keyword", "aws.cloudtrail.request_parameters")] = "_conf.retain test variant",
        [("test-upload-ssh-public-key-json-none", "aws.cloudtrail.request_parameters")] = "_conf.retain = none drops the strings",
        [("test-upload-ssh-public-key-json-none", "aws.cloudtrail.response_elements")] = "_conf.retain = none drops the strings",
    };

    public static IEnumerable<object[]> Pairs() =>
        Directory.GetFiles(Repository.Data("raw-cloudtrail"), "*.log").OrderBy(f => f).Select(f => new object[] { Path.GetFileNameWithoutExtension(f) });

    [Theory]
    [MemberData(nameof(Pairs))]
    public void MatchesElasticsPipelineOutput(string name)
    {
        string[] raw = File.ReadAllLines(Repository.Data("raw-cloudtrail", name + ".log"));
        string[] expected = File.ReadAllLines(Repository.Data("ecs-cloudtrail", name + ".log-expected.ndjson"));
        Assert.Equal(expected.Length, raw.Length);
        var mismatches = new List<string>();
        int compared = 0;
        for (int i = 0; i < raw.Length; i++)
        {
            if (raw[i].Length == 0) continue;
            var output = new ArrayBufferWriter<byte>();
            CloudTrailNormalizer.Normalize(Encoding.UTF8.GetBytes(raw[i]), output);
            Dictionary<string, string> ours = Flatten(Encoding.UTF8.GetString(output.WrittenSpan));
            Dictionary<string, string> theirs = Flatten(expected[i]);
            foreach (string field in MappedFields)
            {
                if (KnownPipelineDifferences.ContainsKey((name, field))) continue;
                bool inTheirs = theirs.TryGetValue(field, out string? theirValue);
                bool inOurs = ours.TryGetValue(field, out string? ourValue);
                if (!inTheirs && !inOurs) continue;
                compared++;
                if (inTheirs != inOurs || theirValue != ourValue)
                {
                    mismatches.Add($"doc {i + 1} {field}: Elastic {theirValue ?? "(absent)"} / RuleGen {ourValue ?? "(absent)"}");
                }
            }
        }
        Assert.True(compared > 5, "too few fields compared");
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Fact]
    public void JavaHashMapOrderIsReproduced()
    {
        // From Elastic's test-create-access-key: raw key order accessKeyId, status, userName, createDate.
        using var doc = JsonDocument.Parse("{\"accessKeyId\":\"K\",\"status\":\"Active\",\"userName\":\"Bob\",\"createDate\":\"D\"}");
        Assert.Equal("{accessKeyId=K, userName=Bob, status=Active, createDate=D}", JavaMapText.Format(doc.RootElement));
    }

    [Fact]
    public void EmptyValuesAreDroppedButCountForTheTableSize()
    {
        using var doc = JsonDocument.Parse("{\"a\":\"\",\"b\":null,\"c\":[1,null,\"\",2.5,1e20],\"d\":{},\"e\":false}");
        Assert.Equal("{c=[1, 2.5, 1.0E20], e=false}", JavaMapText.Format(doc.RootElement));
    }

    private static Dictionary<string, string> Flatten(string json)
    {
        var result = new Dictionary<string, string>();
        using JsonDocument doc = JsonDocument.Parse(json);
        Walk(doc.RootElement, string.Empty, result);
        return result;
    }

    private static void Walk(JsonElement element, string prefix, Dictionary<string, string> result)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty p in element.EnumerateObject()) Walk(p.Value, prefix.Length == 0 ? p.Name : prefix + "." + p.Name, result);
            return;
        }
        result[prefix] = element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();
    }
}
