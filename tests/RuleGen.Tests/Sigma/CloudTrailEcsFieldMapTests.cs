using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using RuleGen.Generator.Languages.Sigma.Fields;
using RuleGen.Runtime;
using Xunit;

namespace RuleGen.Tests.Sigma;

/// <summary>
/// The raw CloudTrail → ECS table a Sigma rule is bound through must say what RuleGen's own normaliser does: over
/// every real raw record in the repository, every mapped raw value is found at its ECS field, or the entry's
/// losses say why not (merged, conditional, reformatted, …). A row the records never exercise is listed too.
/// </summary>
public class CloudTrailEcsFieldMapTests
{
    private static readonly CloudTrailEcsFieldMap Map = CloudTrailEcsFieldMap.Embedded;

    [Fact]
    public void EveryMappedRawValueIsAtItsEcsFieldOrTheEntrySaysWhyNot()
    {
        var violations = new SortedSet<string>(StringComparer.Ordinal);
        var exercised = new HashSet<CloudTrailEcsEntry>();
        int records = 0;
        foreach (var (file, record) in NormalizerSoundnessTests.RawRecords())
        {
            records++;
            var output = new ArrayBufferWriter<byte>();
            CloudTrailNormalizer.Normalize(System.Text.Encoding.UTF8.GetBytes(record.GetRawText()), output);
            using JsonDocument ecsDocument = JsonDocument.Parse(output.WrittenMemory);
            JsonElement ecs = ecsDocument.RootElement;
            string where = Path.GetFileName(file);
            foreach (CloudTrailEcsEntry entry in Map.Entries)
            {
                string? problem = entry.IsPrefix ? CheckPrefix(entry, record, ecs, exercised) : CheckExact(entry, record, ecs, exercised);
                if (problem is not null) violations.Add($"line {entry.Line} {entry.RawField} -> {entry.EcsField}: {problem} ({where})");
            }
        }
        Assert.True(records > 100, $"only {records} raw records found");
        // Three examples per row are enough to see what is wrong.
        var shown = violations.GroupBy(v => v.Substring(0, v.IndexOf(':'))).SelectMany(g => g.Take(3));
        Assert.True(violations.Count == 0, "the table disagrees with the normaliser:\n" + string.Join("\n", shown));
        string[] never = Map.Entries.Where(e => !exercised.Contains(e)).Select(e => $"line {e.Line} {e.RawField}").ToArray();
        Assert.True(never.Length == 0, "rows no real record exercises (add a record or drop the row):\n" + string.Join("\n", never));
    }

    private static string? CheckExact(CloudTrailEcsEntry entry, JsonElement record, JsonElement ecs, HashSet<CloudTrailEcsEntry> exercised)
    {
        List<JsonElement> raw = Resolve(record, entry.RawField).Where(v => !JavaMapText.IsEmpty(v)).ToList();
        if (raw.Count == 0) return null;
        exercised.Add(entry);
        List<JsonElement> mapped = Resolve(ecs, entry.EcsField);
        EcsMappingLoss losses = entry.Losses;
        if (mapped.Count == 0)
        {
            if ((losses & EcsMappingLoss.Conditional) != 0) return null;
            if ((losses & EcsMappingLoss.DateReformat) != 0 && raw.All(v => CloudTrailNormalizer.ParseTime(Text(v)) is null)) return null;
            return "absent in the ECS document";
        }
        // A merged field holds another raw field's value in some records: present is all it promises.
        if ((losses & EcsMappingLoss.Merged) != 0) return null;
        if ((losses & EcsMappingLoss.JavaMapString) != 0)
        {
            if (mapped.Count != 1 || mapped[0].ValueKind != JsonValueKind.String) return "not one Java map string";
            string text = mapped[0].GetString()!;
            if (raw[0].ValueKind != JsonValueKind.Object) return null;
            var missing = raw[0].EnumerateObject().Where(p => !JavaMapText.IsEmpty(p.Value) && !(losses.HasFlag(EcsMappingLoss.KeyRemoved) && p.Name == "UserName") && !text.Contains(p.Name + "=", StringComparison.Ordinal)).Select(p => p.Name).ToList();
            return missing.Count == 0 && text.StartsWith('{') ? null : $"Java map string '{Short(text)}' lacks {string.Join(", ", missing)}";
        }
        if ((losses & EcsMappingLoss.RenamedKeys) != 0)
        {
            int rawItems = raw.Sum(v => v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().Count(i => i.ValueKind == JsonValueKind.Object) : 1);
            int ecsItems = mapped.Sum(v => v.ValueKind == JsonValueKind.Array ? v.GetArrayLength() : 1);
            return rawItems == ecsItems ? null : $"{rawItems} raw items, {ecsItems} ECS items";
        }
        var expected = raw.SelectMany(Leaves).ToList();
        var actual = mapped.SelectMany(Leaves).ToList();
        for (int i = 0; i < expected.Count; i++)
        {
            if (!actual.Any(a => Agrees(expected[i], a, losses))) return $"raw {Canonical(expected[i])} not among ECS {string.Join(", ", actual.Select(Canonical))}";
        }
        return null;
    }

    /// <summary>Each member of the raw object under the prefix must be at its flattened place, unchanged.</summary>
    private static string? CheckPrefix(CloudTrailEcsEntry entry, JsonElement record, JsonElement ecs, HashSet<CloudTrailEcsEntry> exercised)
    {
        foreach (JsonElement obj in Resolve(record, entry.RawField))
        {
            if (obj.ValueKind != JsonValueKind.Object) continue;
            foreach (JsonProperty member in obj.EnumerateObject())
            {
                if (JavaMapText.IsEmpty(member.Value)) continue;
                exercised.Add(entry);
                string rawPath = entry.RawField + "." + member.Name;
                EcsFieldTarget? target = Map.Map(rawPath).FirstOrDefault(t => t.EcsField.StartsWith(entry.EcsField + ".", StringComparison.Ordinal));
                if (target is null) return $"{rawPath} does not map under the prefix";
                List<JsonElement> mapped = Resolve(ecs, target.EcsField);
                if (mapped.Count == 0)
                {
                    if ((entry.Losses & EcsMappingLoss.KeyRemoved) != 0 && member.Name == "UserName") continue;
                    return $"{rawPath} absent at {target.EcsField}";
                }
                if (Canonical(member.Value) != Canonical(mapped[0])) return $"{rawPath}: {Short(Canonical(member.Value))} vs {Short(Canonical(mapped[0]))}";
            }
        }
        return null;
    }

    private static bool Agrees(JsonElement raw, JsonElement ecs, EcsMappingLoss losses)
    {
        if ((losses & EcsMappingLoss.DateReformat) != 0) return CloudTrailNormalizer.ParseTime(Text(raw)) == Text(ecs);
        if ((losses & EcsMappingLoss.Split) != 0) return Text(ecs).Length > 0 && Text(raw).Contains(Text(ecs), StringComparison.OrdinalIgnoreCase);
        if ((losses & EcsMappingLoss.TypeChange) != 0)
        {
            if (ecs.ValueKind is JsonValueKind.True or JsonValueKind.False) return (ecs.ValueKind == JsonValueKind.True) == !(raw.ValueKind == JsonValueKind.String && raw.GetString() == "No");
            return Text(raw) == Text(ecs);
        }
        return Canonical(raw) == Canonical(ecs);
    }

    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    [Fact]
    public void ExactRowsWinAndPrefixRowsKeepTheRestOfThePath()
    {
        Assert.Equal(new[] { "event.action" }, Map.Map("eventName").Select(t => t.EcsField));
        Assert.Equal(new[] { "aws.cloudtrail.flattened.request_parameters.bucketName" }, Map.Map("requestParameters.bucketName").Select(t => t.EcsField));
        Assert.Equal(new[] { "aws.cloudtrail.flattened.request_parameters.policy.Statement" }, Map.Map("requestParameters.policy.Statement").Select(t => t.EcsField));
        // userName is copied to user.target.name, but a rule matches the faithful flattened member.
        Assert.Equal(new[] { "aws.cloudtrail.flattened.request_parameters.userName" }, Map.Map("requestParameters.userName").Select(t => t.EcsField));
        Assert.Equal(new[] { "aws.cloudtrail.flattened.request_parameters.userName", "user.target.name" }, Map.AllTargets("requestParameters.userName").Select(t => t.EcsField));
        // source.ip is only there for bare IPs: source.address holds every value.
        Assert.Equal(new[] { "source.address" }, Map.Map("sourceIPAddress").Select(t => t.EcsField));
        Assert.Empty(Map.Map("requestParameters"+ "X"));
        Assert.Empty(Map.Map("userIdentity.webIdFederationData.federatedProvider"));
    }

    [Fact]
    public void LossyRowsCarryTheLossTheBinderWarnsAbout()
    {
        Assert.Equal(EcsMappingLoss.Merged, Map.Map("userIdentity.userName").Single().Losses);
        Assert.Equal(EcsMappingLoss.JavaMapString, Map.Map("requestParameters").Single().Losses);
        Assert.True(Map.Map("managementEvent").Single().Losses.HasFlag(EcsMappingLoss.TypeChange));
        Assert.False(Map.Map("eventSource").Single().IsLossy);
        Assert.Contains("sessionIssuer", Map.Map("userIdentity.userName").Single().Note);
    }

    [Fact]
    public void AMalformedRowIsRefusedWithItsLine()
    {
        var e = Assert.Throws<InvalidDataException>(() => CloudTrailEcsFieldMap.Parse("# c\neventName\tevent.action\tprimary\twhatever\t\n"));
        Assert.Contains("line 2", e.Message);
        Assert.Throws<InvalidDataException>(() => CloudTrailEcsFieldMap.Parse("a.*\tb\tprimary\t-\t\n"));
    }

    /// <summary>Values at a dotted path: through nested objects, dotted keys (the normaliser writes "aws.cloudtrail.x") and arrays.</summary>
    private static List<JsonElement> Resolve(JsonElement root, string path)
    {
        var found = new List<JsonElement>();
        Walk(root, path.Split('.'), 0, found);
        return found;
    }

    private static void Walk(JsonElement element, string[] segments, int at, List<JsonElement> found)
    {
        if (at == segments.Length) { found.Add(element); return; }
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in element.EnumerateArray()) Walk(item, segments, at, found);
            return;
        }
        if (element.ValueKind != JsonValueKind.Object) return;
        for (int end = at + 1; end <= segments.Length; end++)
        {
            if (element.TryGetProperty(string.Join(".", segments, at, end - at), out JsonElement value)) Walk(value, segments, end, found);
        }
    }

    /// <summary>A scalar or array value's items (a multivalue field compares item by item).</summary>
    private static IEnumerable<JsonElement> Leaves(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Where(v => !JavaMapText.IsEmpty(v)) : new[] { value };

    /// <summary>JSON text without null or empty members, the form both sides have after the pipeline's empty-drop.</summary>
    private static string Canonical(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "{" + string.Join(",", value.EnumerateObject().Where(p => !JavaMapText.IsEmpty(p.Value)).Select(p => JsonSerializer.Serialize(p.Name) + ":" + Canonical(p.Value))) + "}",
        JsonValueKind.Array => "[" + string.Join(",", value.EnumerateArray().Where(v => !JavaMapText.IsEmpty(v)).Select(Canonical)) + "]",
        JsonValueKind.String => JsonSerializer.Serialize(value.GetString()),
        _ => value.GetRawText(),
    };

    private static string Short(string text) => text.Length <= 80 ? text : text.Substring(0, 80) + "…";
}
