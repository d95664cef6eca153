using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RuleGen.Runtime;

namespace RuleGen.Tests.Sigma;

/// <summary>
/// The document Elastic's AWS integration would index for a raw CloudTrail record, made with RuleGen's normaliser.
/// The normaliser writes its ECS fields (dotted names) and then the record's own top-level properties, so that raw
/// rules read the same document. The integration keeps none of those raw properties: it parses the record into a
/// temporary <c>json</c> object, renames what it maps and removes <c>json</c> at the end. So the ECS-only form is the
/// normaliser's output without the record's top-level names, with the dotted names nested as Elasticsearch's
/// _source holds them (Data/ecs-cloudtrail's expected documents are nested).
/// </summary>
internal static class EcsOnlyDocument
{
    public static JsonObject Of(JsonElement record)
    {
        var output = new ArrayBufferWriter<byte>();
        CloudTrailNormalizer.Normalize(Encoding.UTF8.GetBytes(record.GetRawText()), output);
        JsonObject normalised = JsonNode.Parse(output.WrittenSpan)!.AsObject();
        var rawNames = new HashSet<string>(record.EnumerateObject().Select(p => p.Name), StringComparer.Ordinal);
        var nested = new JsonObject();
        foreach (var (name, value) in normalised.ToList())
        {
            // Properties after the ECS ones that repeat a raw top-level name are the record's own copy (the normaliser
            // never writes an ECS field under a raw CloudTrail name: its names are dotted or @timestamp).
            if (rawNames.Contains(name) && name != "@timestamp") continue;
            normalised.Remove(name);
            Place(nested, name, value);
        }
        return nested;
    }

    /// <summary>Puts a dotted top-level name at its nested place; an object where a value already is (or the other
    /// way round) would be a mapping bug, so it throws.</summary>
    private static void Place(JsonObject root, string dotted, JsonNode? value)
    {
        string[] parts = dotted.Split('.');
        JsonObject at = root;
        for (int i = 0; i < parts.Length - 1; i++)
        {
            if (at[parts[i]] is null) at[parts[i]] = new JsonObject();
            at = at[parts[i]] as JsonObject ?? throw new InvalidOperationException($"'{dotted}': '{parts[i]}' is both a value and an object");
        }
        if (at.ContainsKey(parts[^1])) throw new InvalidOperationException($"'{dotted}' is written twice");
        at[parts[^1]] = value;
    }

    /// <summary>Every leaf path of a document (arrays are transparent, as in Elasticsearch's field names).</summary>
    public static SortedSet<string> LeafPaths(JsonNode? node)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        void Walk(JsonNode? n, string path)
        {
            switch (n)
            {
                case JsonObject o:
                    foreach (var (name, child) in o) Walk(child, path.Length == 0 ? name : path + "." + name);
                    break;
                case JsonArray a:
                    foreach (JsonNode? item in a) Walk(item, path);
                    if (a.Count == 0) paths.Add(path);
                    break;
                default:
                    paths.Add(path);
                    break;
            }
        }
        Walk(node, "");
        return paths;
    }

    /// <summary>
    /// The values at a field path: a property name may itself hold dots (raw Sigma names walk nested objects, the
    /// normaliser's dotted names are matched whole), arrays on the way are flattened.
    /// </summary>
    public static List<JsonElement> At(JsonElement element, string path)
    {
        var found = new List<JsonElement>();
        void Walk(JsonElement e, string rest)
        {
            if (e.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement item in e.EnumerateArray()) Walk(item, rest);
                return;
            }
            if (rest.Length == 0)
            {
                found.Add(e);
                return;
            }
            if (e.ValueKind != JsonValueKind.Object) return;
            foreach (JsonProperty p in e.EnumerateObject())
            {
                if (p.Name == rest) Walk(p.Value, "");
                else if (rest.StartsWith(p.Name + ".", StringComparison.Ordinal)) Walk(p.Value, rest[(p.Name.Length + 1)..]);
            }
        }
        Walk(element, path);
        return found;
    }
}
