using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using RuleGen.Generator.Languages.Eql;
using Tomlyn;
using Tomlyn.Model;

namespace RuleGen.Tests.Eql;

/// <summary>
/// Elasticsearch's EQL spec suite as Elasticsearch runs it (Data/eql-spec/MANIFEST.txt): its single-event queries
/// without pipes, the 102 events with their derived @timestamp, and the endgame-140 mapping as a project fields
/// file, with the random string type chosen by the caller (keyword or wildcard).
/// </summary>
public static class EqlSpecSuite
{
    public sealed record SpecQuery(string File, string Name, string Query, IReadOnlyList<long> Expected);

    /// <summary>Every query of today's spec files that reads one event and has no pipe, in file order.</summary>
    public static IReadOnlyList<SpecQuery> SingleEventQueries { get; } = Load();

    private static IReadOnlyList<SpecQuery> Load()
    {
        var queries = new List<SpecQuery>();
        foreach (string file in new[] { "test_queries.toml", "additional_test_queries.toml" })
        {
            var document = TomlSerializer.Deserialize<TomlTable>(File.ReadAllText(Repository.Data("eql-spec", file)))!;
            foreach (TomlTable entry in (TomlTableArray)document["queries"])
            {
                string query = (string)entry["query"];
                EqlQuery tree = EqlParser.Parse(query);
                if (tree.Body is not EqlEventQuery || tree.Pipes.Count > 0) continue;
                var expected = ((TomlArray)entry["expected_event_ids"]).Select(Convert.ToInt64).ToList();
                queries.Add(new SpecQuery(file, (string)entry["name"], query, expected));
            }
        }
        return queries;
    }

    /// <summary>The events, each with the @timestamp Elasticsearch's loader adds (FILETIME / 10,000 − 11,644,473,600,000).</summary>
    public static IReadOnlyList<(long Timestamp, long Id, byte[] Json)> Events { get; } = LoadEvents();

    private static IReadOnlyList<(long, long, byte[])> LoadEvents()
    {
        var events = JsonNode.Parse(File.ReadAllText(Repository.Data("eql-spec", "test_data.json")))!.AsArray();
        var result = new List<(long, long, byte[])>();
        foreach (JsonNode? node in events)
        {
            JsonObject e = node!.AsObject();
            long timestamp = e["timestamp"]!.GetValue<long>() / 10_000 - 11_644_473_600_000;
            e["@timestamp"] = timestamp;
            result.Add((timestamp, e["serial_event_id"]!.GetValue<long>(), JsonSerializer.SerializeToUtf8Bytes(e)));
        }
        return result;
    }

    /// <summary>
    /// The endgame-140 mapping as a fields file (YAML; written as JSON, which YAML reads), with
    /// "[runtime_random_keyword_type]" replaced by <paramref name="stringType"/> and every field the mapping leaves
    /// out mapped as Elasticsearch's dynamic mapping would: strings as text with a keyword multi-field, whole numbers
    /// as long, objects as groups.
    /// </summary>
    public static string FieldsFile(string stringType)
    {
        string mapping = string.Join("\n", File.ReadAllLines(Repository.Data("eql-spec", "endgame-140.mapping")).Where(l => !l.TrimStart().StartsWith('#')))
            .Replace("[runtime_random_keyword_type]", stringType, StringComparison.Ordinal);
        JsonObject properties = JsonNode.Parse(mapping)!["properties"]!.AsObject();
        JsonArray fields = FromMapping(properties);
        var mapped = new HashSet<string>(Names(fields, ""), StringComparer.Ordinal);
        foreach (var (_, _, json) in Events) AddDynamic(JsonNode.Parse(json)!.AsObject(), "", fields, mapped);
        return fields.ToJsonString();
    }

    private static JsonArray FromMapping(JsonObject properties)
    {
        var fields = new JsonArray();
        foreach (var (name, node) in properties)
        {
            JsonObject definition = node!.AsObject();
            if (definition["properties"] is JsonObject children)
            {
                fields.Add(new JsonObject { ["name"] = name, ["type"] = "group", ["fields"] = FromMapping(children) });
                continue;
            }
            var field = new JsonObject { ["name"] = name, ["type"] = definition["type"]!.GetValue<string>() };
            if (definition["path"] is JsonNode path) field["path"] = path.GetValue<string>();
            if (definition["fields"] is JsonObject multi)
            {
                field["multi_fields"] = new JsonArray(multi.Select(m => (JsonNode)new JsonObject { ["name"] = m.Key, ["type"] = m.Value!["type"]!.GetValue<string>() }).ToArray());
            }
            fields.Add(field);
        }
        return fields;
    }

    private static IEnumerable<string> Names(JsonArray fields, string prefix)
    {
        foreach (JsonNode? node in fields)
        {
            string name = prefix + node!["name"]!.GetValue<string>();
            if (node["fields"] is JsonArray children)
            {
                foreach (string child in Names(children, name + ".")) yield return child;
            }
            else
            {
                yield return name;
            }
        }
    }

    private static void AddDynamic(JsonObject document, string prefix, JsonArray fields, HashSet<string> mapped)
    {
        foreach (var (key, value) in document)
        {
            string name = prefix + key;
            JsonNode? sample = value is JsonArray array ? array.FirstOrDefault(v => v is not null) : value;
            if (sample is JsonObject child)
            {
                AddDynamic(child, name + ".", fields, mapped);
                foreach (JsonNode? element in (value as JsonArray)?.Skip(1) ?? Enumerable.Empty<JsonNode?>())
                {
                    if (element is JsonObject more) AddDynamic(more, name + ".", fields, mapped);
                }
                continue;
            }
            if (sample is null || !mapped.Add(name)) continue;
            JsonObject field = sample.GetValueKind() switch
            {
                JsonValueKind.String => new JsonObject
                {
                    ["name"] = name, ["type"] = "text",
                    ["multi_fields"] = new JsonArray(new JsonObject { ["name"] = "keyword", ["type"] = "keyword" }),
                },
                JsonValueKind.Number when sample.ToJsonString().Contains('.') => new JsonObject { ["name"] = name, ["type"] = "float" },
                JsonValueKind.Number => new JsonObject { ["name"] = name, ["type"] = "long" },
                _ => new JsonObject { ["name"] = name, ["type"] = "boolean" },
            };
            fields.Add(field);
        }
    }
}
