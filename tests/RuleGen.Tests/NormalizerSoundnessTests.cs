using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using RuleGen.Generator.Planning;
using RuleGen.Runtime;
using Xunit;

namespace RuleGen.Tests;

/// <summary>
/// The prefilter rules raw CloudTrail events out by the literals a rule needs, looked for in the raw record's bytes;
/// that is sound only if every ECS value the normaliser writes is found in the raw record, or its field is one the
/// generator knows to be derived (<see cref="FieldTraits.IsDerivedOrConstant"/>), which then never gives literals.
/// This checks it over every real raw CloudTrail record in the repository.
/// </summary>
public class NormalizerSoundnessTests
{
    internal static IEnumerable<(string File, JsonElement Record)> RawRecords()
    {
        foreach (var (name, bytes) in EventFixtures.RealInputs().Concat(Directory.GetFiles(Repository.Data("raw-cloudtrail"), "*.log").Select(f => (f, File.ReadAllBytes(f)))))
        {
            var documents = new List<JsonElement>();
            try
            {
                documents.Add(JsonDocument.Parse(bytes).RootElement);
            }
            catch (JsonException)
            {
                foreach (string line in System.Text.Encoding.UTF8.GetString(bytes).Split('\n').Where(l => l.Trim().Length > 0))
                {
                    try { documents.Add(JsonDocument.Parse(line).RootElement); }
                    catch (JsonException) { }
                }
            }
            foreach (JsonElement document in documents)
            {
                IEnumerable<JsonElement> records = document.ValueKind switch
                {
                    JsonValueKind.Object when document.TryGetProperty("Records", out JsonElement r) && r.ValueKind == JsonValueKind.Array => r.EnumerateArray(),
                    JsonValueKind.Array => document.EnumerateArray(),
                    _ => new[] { document },
                };
                foreach (JsonElement record in records)
                {
                    if (record.ValueKind == JsonValueKind.Object && record.TryGetProperty("eventVersion", out _)) yield return (name, record);
                }
            }
        }
    }

    [Fact]
    public void EveryNormalisedValueIsInTheRawRecordOrItsFieldIsKnownDerived()
    {
        var violations = new SortedSet<string>(StringComparer.Ordinal);
        int records = 0;
        foreach (var (file, record) in RawRecords())
        {
            records++;
            var raw = new List<string>();
            Scalars(record, "", (_, text) => raw.Add(text));
            var output = new ArrayBufferWriter<byte>();
            CloudTrailNormalizer.Normalize(System.Text.Encoding.UTF8.GetBytes(record.GetRawText()), output);
            using JsonDocument ecs = JsonDocument.Parse(output.WrittenMemory);
            Scalars(ecs.RootElement, "", (field, text) =>
            {
                if (text.Length < 3 || FieldTraits.IsDerivedOrConstant(field)) return;
                if (!raw.Any(r => r.Contains(text, StringComparison.Ordinal))) violations.Add($"{field} = \"{text}\" ({Path.GetFileName(file)})");
            });
        }
        Assert.True(records > 100, $"only {records} raw records found");
        Assert.True(violations.Count == 0, "values not in the raw record, on fields the prefilter treats as copied:\n" + string.Join("\n", violations.Take(60)));
    }

    private static void Scalars(JsonElement element, string path, Action<string, string> visit)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (JsonProperty property in element.EnumerateObject()) Scalars(property.Value, path.Length == 0 ? property.Name : path + "." + property.Name, visit);
                break;
            case JsonValueKind.Array:
                foreach (JsonElement item in element.EnumerateArray()) Scalars(item, path, visit);
                break;
            case JsonValueKind.String:
                visit(path, element.GetString()!);
                break;
            case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                visit(path, element.GetRawText());
                break;
        }
    }
}
