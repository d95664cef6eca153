using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using RuleGen.Runtime;
using Xunit;
using Xunit.Abstractions;

namespace RuleGen.Tests;

/// <summary>
/// The raw CloudTrail → ECS normaliser against Elastic's own pipeline: every raw record of the integration's
/// pipeline tests (Data/raw-cloudtrail) is normalised and every field of the ECS document Elastic produced from it
/// (Data/ecs-cloudtrail) is compared, leaf by leaf, both ways (a field RuleGen adds that Elastic lacks is a mismatch
/// too, except the record's own fields, which RuleGen keeps on purpose). The only fields left out are listed below,
/// each with its reason.
/// </summary>
public class CloudTrailNormalizerTests
{
    private readonly ITestOutputHelper _output;

    public CloudTrailNormalizerTests(ITestOutputHelper output) => _output = output;

    /// <summary>Fields no offline normaliser can reproduce (a prefix ending in '.' covers the fields below it).</summary>
    internal static readonly (string Field, string Reason)[] NotReproducible =
    {
        ("event.created", "ingest time: the shipper's @timestamp, simulated by the pipeline test"),
        ("event.original", "kept only with the integration's preserve_original_event option (off by default; the tests turn it on)"),
        ("tags", "the pipeline test's configuration (preserve_original_event, actor_target_mapping), not the record"),
        ("source.geo.", "GeoIP: a lookup in MaxMind's GeoLite2-City database, which Elasticsearch ships and RuleGen does not"),
        ("source.as.", "GeoIP: a lookup in MaxMind's GeoLite2-ASN database, which Elasticsearch ships and RuleGen does not"),
        ("user_agent.os.", "needs ua-parser's os_parsers regexes (Elasticsearch's regexes.yml), which RuleGen does not ship"),
        ("user_agent.device.name", "needs ua-parser's device_parsers regexes (Elasticsearch's regexes.yml), which RuleGen does not ship"),
    };

    /// <summary>
    /// Per expected document, where it shows what an older pipeline did than the one RuleGen follows (the files were
    /// copied from different commits of elastic/integrations: Data/ecs-cloudtrail/MANIFEST.txt) or where RuleGen
    /// cannot reproduce a value; each with its reason.
    /// </summary>
    internal static readonly Dictionary<(string File, string Field), string> Differences = DifferenceGroups().ToDictionary();

    private static IEnumerable<KeyValuePair<(string File, string Field), string>> DifferenceGroups()
    {
        const string noCloudService = "older pipeline: no cloud.provider, cloud.service.name or related.ip yet (the newest documents, test-assume-role-aws-service and test-upload-ssh-public-key-json-none, have them)";
        const string noEntities = "older pipeline (0046748f): entity.yml gave related.entity only, with principalId and without the access key, the response's ids and the targets; no actor/target fields";
        const string noUserIdRelated = "older pipeline: related.user without user.id and the response's user id";
        const string unclassified = "older pipeline: targets and actor not classified by kind yet (no entity.target.id, user.entity.id, service.target.entity.id)";
        const string emailSplit = "older pipeline (04e9c0f8) split an e-mail user name into user.name and user.domain; the newer keeps user.name whole and copies it to user.email";
        const string sessionChanges = "older pipeline put the session name in user.changes.name; the newer adds it to related.user only (elastic/integrations issue 18346)";
        const string oldNames = "older pipeline (182ce369): entity.actor and entity.targets, later actor.entity.id and target.entity.id; no user.email yet";
        const string browser = "a browser user agent: needs the whole of ua-parser's rules (Elastic's \"24.0.\" is also the trailing dot Elasticsearch 8.16.2 fixed)";
        const string keyword = "the test's _conf.retain = keyword (an integration option): no flattened copies; RuleGen keeps the default, both";
        const string none = "the test's _conf.retain = none (an integration option): neither strings nor flattened copies; RuleGen keeps the default, both";
        const string identityCenter = "older pipeline (18ca47af): no user.id from onBehalfOf.userId, no identity store ARN in related.entity, no entity.id for a non-ARN actor";
        const string callerIdentity = "older categorization table (01b6652f): GetCallerIdentity not listed yet; the newer says authentication/info";

        var groups = new (string File, string Reason, string[] Fields)[]
        {
            ("test-console-login-json", noEntities, ["related.entity", "actor.entity.id", "user.entity.id"]),
            ("test-console-login-json", noUserIdRelated, ["related.user"]),
            ("test-console-login-json", browser, ["user_agent.name", "user_agent.version"]),
            ("test-create-access-key-json", noEntities, ["related.entity", "target.entity.id", "entity.target.id", "actor.entity.id", "user.entity.id"]),
            ("test-create-access-key-json", noUserIdRelated, ["related.user"]),
            ("test-create-user-json", noEntities, ["related.entity", "target.entity.id", "entity.target.id", "actor.entity.id", "user.entity.id"]),
            ("test-create-user-json", noUserIdRelated, ["related.user"]),
            ("test-get-secret-value-json", oldNames, ["entity.actor", "entity.targets", "target.entity.id", "actor.entity.id", "user.email"]),
            ("test-get-secret-value-json", unclassified, ["service.target.entity.id", "user.entity.id"]),
            ("test-get-secret-value-json", noEntities, ["related.entity"]),
            ("test-get-secret-value-json", noUserIdRelated, ["related.user"]),
            ("test-get-caller-identity-json", unclassified, ["entity.target.id", "user.entity.id"]),
            ("test-get-caller-identity-json", noUserIdRelated, ["related.user"]),
            ("test-get-caller-identity-json", callerIdentity, ["event.category"]),
            ("test-attach-role-policy-json", emailSplit, ["user.name", "user.domain", "related.user"]),
            ("test-attach-role-policy-json", unclassified, ["entity.target.id", "user.entity.id"]),
            ("test-update-assume-role-policy-json", emailSplit, ["user.name", "user.domain", "related.user"]),
            ("test-update-assume-role-policy-json", unclassified, ["entity.target.id", "user.entity.id"]),
            ("test-converse-json", sessionChanges, ["user.changes.name"]),
            ("test-send-command-all-json", sessionChanges, ["user.changes.name"]),
            ("test-upload-ssh-public-key-json-keyword", unclassified, ["user.entity.id"]),
            ("test-upload-ssh-public-key-json-keyword", keyword, ["aws.cloudtrail.flattened."]),
            ("test-upload-ssh-public-key-json-none", none, ["aws.cloudtrail.flattened.", "aws.cloudtrail.request_parameters", "aws.cloudtrail.response_elements"]),
            ("test-user-authentication", identityCenter, ["user.id", "related.user", "related.entity", "entity.id"]),
            ("test-user-authentication", browser, ["user_agent.name", "user_agent.version"]),
        };
        foreach (var (file, reason, fields) in groups)
        {
            foreach (string field in fields) yield return new((file, field), reason);
        }
        foreach (string file in new[]
        {
            "test-attach-role-policy-json", "test-console-login-json", "test-converse-json", "test-create-access-key-json", "test-create-user-json",
            "test-get-caller-identity-json", "test-get-secret-value-json", "test-send-command-all-json", "test-update-assume-role-policy-json",
            "test-upload-ssh-public-key-json-keyword", "test-us-gov-arn", "test-user-authentication",
        })
        {
            yield return new((file, "cloud.provider"), noCloudService);
            yield return new((file, "cloud.service.name"), noCloudService);
            // related.ip only where the source address is an IP (not ssm.amazonaws.com, not "redacted").
            if (file is not "test-send-command-all-json" and not "test-user-authentication") yield return new((file, "related.ip"), noCloudService);
        }
    }

    public static IEnumerable<object[]> Files() =>
        Directory.GetFiles(Repository.Data("raw-cloudtrail"), "*.log").OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => new object[] { Path.GetFileNameWithoutExtension(f) });

    [Theory]
    [MemberData(nameof(Files))]
    public void EveryFieldOfElasticsDocumentIsReproduced(string file)
    {
        Comparison result = Compare(file);
        _output.WriteLine($"{file}: {result.Matched} of {result.Compared} fields match");
        Assert.True(result.Compared >= 10, $"{file}: only {result.Compared} fields compared");
        Assert.True(result.Mismatches.Count == 0, $"{file}: {result.Matched} of {result.Compared} match\n" + string.Join("\n", result.Mismatches));
    }

    [Fact]
    public void EveryListedDifferenceIsStillADifference()
    {
        // A difference that no longer differs (the normaliser caught up) must leave the list: the list stays true.
        foreach (((string file, string field), string reason) in Differences)
        {
            Comparison result = Compare(file, ignoreDifferences: false);
            string listed = field.EndsWith('.') ? " " + field : " " + field + ":";
            Assert.True(result.Mismatches.Any(m => m.Contains(listed, StringComparison.Ordinal)), $"{file} {field} ({reason}) matches now");
        }
    }

    internal sealed record Comparison(int Compared, int Matched, List<string> Mismatches);

    internal static Comparison Compare(string file, bool ignoreDifferences = true)
    {
        string[] raw = File.ReadAllLines(Repository.Data("raw-cloudtrail", file + ".log"));
        string[] expected = File.ReadAllLines(Repository.Data("ecs-cloudtrail", file + ".log-expected.ndjson"));
        Assert.Equal(expected.Length, raw.Length);
        var mismatches = new List<string>();
        int compared = 0, matched = 0;
        for (int i = 0; i < raw.Length; i++)
        {
            // An empty input line: Elastic's document has only what the test configuration and constants give.
            if (raw[i].Length == 0) continue;
            var output = new ArrayBufferWriter<byte>();
            CloudTrailNormalizer.Normalize(Encoding.UTF8.GetBytes(raw[i]), output);
            Dictionary<string, string> ours = Flatten(Encoding.UTF8.GetString(output.WrittenSpan));
            Dictionary<string, string> theirs = Flatten(expected[i]);
            HashSet<string> recordKeys;
            using (JsonDocument record = JsonDocument.Parse(raw[i])) recordKeys = record.RootElement.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

            bool Covers(string listed, string field) => listed.EndsWith('.') ? field.StartsWith(listed, StringComparison.Ordinal) : field == listed;
            bool Skipped(string field) =>
                NotReproducible.Any(n => Covers(n.Field, field))
                || (ignoreDifferences && Differences.Keys.Any(d => d.File == file && Covers(d.Field, field)));

            foreach ((string field, string theirValue) in theirs)
            {
                if (Skipped(field)) continue;
                compared++;
                if (ours.TryGetValue(field, out string? ourValue) && ourValue == theirValue) matched++;
                else mismatches.Add($"doc {i + 1} {field}: Elastic {theirValue} / RuleGen {ourValue ?? "(absent)"}");
            }
            foreach ((string field, string ourValue) in ours)
            {
                // The record's own fields stay in RuleGen's document on purpose (rules on raw CloudTrail names).
                if (theirs.ContainsKey(field) || Skipped(field) || recordKeys.Contains(field.Split('.')[0])) continue;
                mismatches.Add($"doc {i + 1} {field}: Elastic (absent) / RuleGen {ourValue}");
            }
        }
        return new Comparison(compared, matched, mismatches);
    }

    /// <summary>
    /// Every leaf field of a document, by dotted path, as Elasticsearch indexes it: objects inside arrays flatten
    /// into their fields, and a field's values are a set (keyword multivalues come back from doc values sorted and
    /// de-duplicated, so the order a pipeline version appends them in is not part of the value).
    /// </summary>
    internal static Dictionary<string, string> Flatten(string json)
    {
        var values = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        using JsonDocument doc = JsonDocument.Parse(json);
        Walk(doc.RootElement, string.Empty, values);
        return values.Where(v => v.Value.Count > 0).ToDictionary(v => v.Key, v => v.Value.Count == 1 ? v.Value.Min! : "[" + string.Join(", ", v.Value) + "]", StringComparer.Ordinal);
    }

    private static void Walk(JsonElement element, string path, Dictionary<string, SortedSet<string>> values)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (JsonProperty p in element.EnumerateObject()) Walk(p.Value, path.Length == 0 ? p.Name : path + "." + p.Name, values);
                break;
            case JsonValueKind.Array:
                if (!values.ContainsKey(path)) values[path] = new SortedSet<string>(StringComparer.Ordinal);
                foreach (JsonElement item in element.EnumerateArray()) Walk(item, path, values);
                break;
            case JsonValueKind.Null:
                break;
            default:
                if (!values.TryGetValue(path, out SortedSet<string>? set)) values[path] = set = new SortedSet<string>(StringComparer.Ordinal);
                set.Add(element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText());
                break;
        }
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
}
