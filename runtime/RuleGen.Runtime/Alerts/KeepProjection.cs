using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace RuleGen.Runtime;

/// <summary>
/// ES|QL KEEP over one matched event: flattens the document to dotted columns (nested, dotted and mixed spellings
/// meet), adds the stream constants, and picks columns in KEEP order. A column named by several entries goes to
/// the strongest (exact name, then a partial wildcard, then <c>*</c>; the rightmost on a tie); the columns of a
/// wildcard entry come in name order. An exact column the event lacks is kept as null.
/// Runs only for matches, so it may allocate.
/// </summary>
public static class KeepProjection
{
    public static List<KeptColumn> Project(ReadOnlySpan<byte> document, IReadOnlyList<string> keep, IReadOnlyList<KeyValuePair<string, string>> constants, out string? originalTime)
    {
        // The scanner accepted this document at depth 256; JsonDocument's default (64) must not refuse it now.
        var reader = new Utf8JsonReader(document, new JsonReaderOptions { MaxDepth = 256 });
        using JsonDocument parsed = JsonDocument.ParseValue(ref reader);
        var columns = new Dictionary<string, string>(StringComparer.Ordinal);
        Flatten(parsed.RootElement, string.Empty, columns);
        foreach (var constant in constants)
        {
            columns.TryAdd(constant.Key, JsonString(constant.Value));
        }
        originalTime = columns.TryGetValue("@timestamp", out string? time) && time.StartsWith('"') ? JsonDocument.Parse(time).RootElement.GetString() : null;

        var owners = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string column in columns.Keys)
        {
            int owner = -1, strength = 0;
            for (int i = 0; i < keep.Count; i++)
            {
                int s = Strength(keep[i], column);
                if (s > 0 && s >= strength)
                {
                    owner = i;
                    strength = s;
                }
            }
            if (owner >= 0) owners[column] = owner;
        }

        var result = new List<KeptColumn>();
        for (int i = 0; i < keep.Count; i++)
        {
            string entry = keep[i];
            if (!entry.Contains('*'))
            {
                if (owners.TryGetValue(entry, out int owner) && owner == i) result.Add(new KeptColumn(entry, columns[entry]));
                else if (!columns.ContainsKey(entry) && result.All(c => c.Name != entry)) result.Add(new KeptColumn(entry, "null"));
                continue;
            }
            foreach (string column in owners.Where(o => o.Value == i).Select(o => o.Key).OrderBy(c => c, StringComparer.Ordinal))
            {
                result.Add(new KeptColumn(column, columns[column]));
            }
        }
        return result;
    }

    private static string JsonString(string value) => "\"" + JsonEncodedText.Encode(value, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString() + "\"";

    private static void Flatten(JsonElement element, string prefix, Dictionary<string, string> columns)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty property in element.EnumerateObject())
            {
                Flatten(property.Value, prefix.Length == 0 ? property.Name : prefix + "." + property.Name, columns);
            }
            return;
        }
        if (element.ValueKind == JsonValueKind.Array && element.EnumerateArray().Any(e => e.ValueKind == JsonValueKind.Object))
        {
            // An array of objects is flattened like Elasticsearch does: each field's values across the objects
            // become one multivalued column (resources[].arn → resources.arn).
            var merged = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (JsonElement item in element.EnumerateArray())
            {
                var one = new Dictionary<string, string>(StringComparer.Ordinal);
                if (item.ValueKind == JsonValueKind.Object) Flatten(item, prefix, one);
                else one[prefix] = item.GetRawText();
                foreach (var (name, raw) in one)
                {
                    if (!merged.TryGetValue(name, out var values)) merged[name] = values = new List<string>();
                    if (raw.StartsWith('[')) values.AddRange(JsonDocument.Parse(raw).RootElement.EnumerateArray().Select(v => v.GetRawText()));
                    else if (raw != "null") values.Add(raw);
                }
            }
            foreach (var (name, values) in merged)
            {
                columns[name] = values.Count == 1 ? values[0] : "[" + string.Join(",", values) + "]";
            }
            return;
        }
        if (prefix.Length > 0) columns[prefix] = element.GetRawText();
    }

    /// <summary>3: exact name; 2: a pattern with a fixed part; 1: <c>*</c>; 0: no match.</summary>
    private static int Strength(string entry, string column)
    {
        if (entry == column) return 3;
        if (!entry.Contains('*')) return 0;
        if (entry == "*") return 1;
        return new WildcardPattern(entry.Replace("?", "\\?")).IsMatch(System.Text.Encoding.UTF8.GetBytes(column)) ? 2 : 0;
    }
}
