using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace RuleGen.Runtime;

/// <summary>
/// ES|QL KEEP over one matched event: flattens the document to dotted columns (nested, dotted and mixed spellings
/// meet), adds the stream constants, and picks columns in KEEP order. A column named by several entries goes to
/// the strongest (exact name, then a partial wildcard, then <c>*</c>; the rightmost on a tie); the columns of a
/// wildcard entry come in name order. An exact column the event lacks is kept as null.
/// The document is walked once with <see cref="Utf8JsonReader"/>, and a column is only a range of its bytes until it
/// is kept: a 100 MB field that no KEEP names is never copied. Runs only for matches, so it may allocate.
/// </summary>
public static class KeepProjection
{
    public static List<KeptColumn> Project(ReadOnlySpan<byte> document, IReadOnlyList<string> keep, IReadOnlyList<KeyValuePair<string, string>> constants, out string? originalTime)
    {
        var columns = new Dictionary<string, Column>(StringComparer.Ordinal);
        // The scanner accepted this document at depth 256; the reader's default (64) must not refuse it now.
        var reader = new Utf8JsonReader(document, new JsonReaderOptions { MaxDepth = 256 });
        reader.Read();
        Flatten(ref reader, document, string.Empty, columns, merging: false);
        var constantColumns = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var constant in constants)
        {
            if (!columns.ContainsKey(constant.Key)) constantColumns.TryAdd(constant.Key, JsonString(constant.Value));
        }
        originalTime = null;
        if (columns.TryGetValue("@timestamp", out Column? timestamp) && timestamp.IsString(document))
        {
            originalTime = JsonDocument.Parse(timestamp.RawJson(document)).RootElement.GetString();
        }
        List<string> names = columns.Keys.Concat(constantColumns.Keys).ToList();

        var owners = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string column in names)
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
                bool present = columns.ContainsKey(entry) || constantColumns.ContainsKey(entry);
                if (owners.TryGetValue(entry, out int owner) && owner == i) result.Add(new KeptColumn(entry, Value(entry, columns, constantColumns, document)));
                else if (!present && result.All(c => c.Name != entry)) result.Add(new KeptColumn(entry, "null"));
                continue;
            }
            foreach (string column in owners.Where(o => o.Value == i).Select(o => o.Key).OrderBy(c => c, StringComparer.Ordinal))
            {
                result.Add(new KeptColumn(ColumnNames.Shared(column), Value(column, columns, constantColumns, document)));
            }
        }
        return result;
    }

    private static string Value(string name, Dictionary<string, Column> columns, Dictionary<string, string> constants, ReadOnlySpan<byte> document) =>
        constants.TryGetValue(name, out string? value) ? value : ColumnNames.SharedValue(columns[name].RawJson(document));

    /// <summary>
    /// A column's value as ranges of the document: one range (a value as written: scalar, null, array of scalars,
    /// an object's raw text never occurs, objects are flattened) or, inside arrays of objects, the values gathered
    /// across the objects, which are written as one array (a multivalue).
    /// </summary>
    private sealed class Column
    {
        private readonly List<(int Start, int Length)> _values = new();

        public bool Merged { get; set; }

        public void Add(int start, int length) => _values.Add((start, length));

        public bool IsString(ReadOnlySpan<byte> document) => !Merged && _values.Count == 1 && document[_values[0].Start] == (byte)'"';

        public string RawJson(ReadOnlySpan<byte> document)
        {
            if (!Merged || _values.Count == 1) return Encoding.UTF8.GetString(document.Slice(_values[0].Start, _values[0].Length));
            var text = new StringBuilder("[");
            for (int i = 0; i < _values.Count; i++)
            {
                if (i > 0) text.Append(',');
                text.Append(Encoding.UTF8.GetString(document.Slice(_values[i].Start, _values[i].Length)));
            }
            return text.Append(']').ToString();
        }
    }

    /// <summary>
    /// Flattens the value at the reader (positioned on its first token) under <paramref name="prefix"/>. With
    /// <paramref name="merging"/> (inside an array of objects) leaves are gathered into multivalues, nulls dropped and
    /// arrays opened one level, as Elasticsearch flattens an array of objects (resources[].arn → resources.arn).
    /// </summary>
    private static void Flatten(ref Utf8JsonReader reader, ReadOnlySpan<byte> document, string prefix, Dictionary<string, Column> columns, bool merging)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    string name = reader.GetString()!;
                    reader.Read();
                    Flatten(ref reader, document, prefix.Length == 0 ? name : prefix + "." + name, columns, merging);
                }
                return;
            case JsonTokenType.StartArray:
            {
                int start = (int)reader.TokenStartIndex;
                Utf8JsonReader probe = reader;
                bool hasObject = false;
                while (probe.Read() && probe.TokenType != JsonTokenType.EndArray)
                {
                    if (probe.TokenType == JsonTokenType.StartObject) hasObject = true;
                    if (probe.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) probe.Skip();
                }
                if (!hasObject && !merging)
                {
                    reader.Skip();
                    Leaf(prefix, columns, start, (int)reader.BytesConsumed - start, merging: false);
                    return;
                }
                // An array of objects (or any array inside one): every element is flattened into the multivalues.
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    Flatten(ref reader, document, prefix, columns, merging: true);
                }
                return;
            }
            case JsonTokenType.Null when merging:
                return;
            default:
            {
                if (prefix.Length == 0) return;
                int start = (int)reader.TokenStartIndex;
                int length = reader.TokenType == JsonTokenType.String ? reader.ValueSpan.Length + 2 : reader.ValueSpan.Length;
                Leaf(prefix, columns, start, length, merging);
                return;
            }
        }
    }

    private static void Leaf(string name, Dictionary<string, Column> columns, int start, int length, bool merging)
    {
        if (!columns.TryGetValue(name, out Column? column) || !merging)
        {
            column = new Column { Merged = merging };
            columns[name] = column;
        }
        column.Add(start, length);
    }

    private static string JsonString(string value) => "\"" + JsonEncodedText.Encode(value, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString() + "\"";

    /// <summary>3: exact name; 2: a pattern with a fixed part; 1: <c>*</c>; 0: no match.</summary>
    internal static int Strength(string entry, string column)
    {
        if (entry == column) return 3;
        if (!entry.Contains('*')) return 0;
        if (entry == "*") return 1;
        return new WildcardPattern(entry.Replace("?", "\\?")).IsMatch(Encoding.UTF8.GetBytes(column)) ? 2 : 0;
    }
}
