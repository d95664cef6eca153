using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace RuleGen.Runtime;

/// <summary>
/// Renders a JSON value the way Elastic's CloudTrail ingest pipeline turns <c>requestParameters</c> (and its
/// siblings) into the keyword <c>aws.cloudtrail.request_parameters</c>: Java's <c>Map.toString()</c>, i.e.
/// <c>{key=value, key2=value2}</c>, no quotes, null and empty strings dropped, and keys in <c>java.util.HashMap</c>
/// iteration order (bucket of the spread String.hashCode, then insertion order; the table sized for the key count
/// before empties were dropped). See docs/semantics.md, "Raw CloudTrail".
/// </summary>
public static class JavaMapText
{
    public static string Format(JsonElement value) => Format(value, removedKey: null);

    /// <summary>
    /// As <see cref="Format(JsonElement)"/>, with one top-level key removed first (the pipeline renames
    /// <c>additionalEventData.UserName</c> away before it stringifies). A removal leaves the HashMap's table size,
    /// hence the order of the other keys, as it was.
    /// </summary>
    public static string Format(JsonElement value, string? removedKey)
    {
        var text = new StringBuilder();
        if (value.ValueKind == JsonValueKind.Object) AppendObject(value, text, removedKey);
        else Append(value, text);
        return text.ToString();
    }

    /// <summary>
    /// Whether the pipeline's recursive cleanup removes this value: null, "", and objects or arrays left empty once
    /// their own empty values are gone (Elastic's output drops <c>alarms=[]</c> and <c>{notificationEvents=[]}</c>).
    /// </summary>
    public static bool IsEmpty(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return true;
            case JsonValueKind.String:
                return value.ValueSpan().IsEmpty;
            case JsonValueKind.Object:
                foreach (JsonProperty property in value.EnumerateObject())
                {
                    if (!IsEmpty(property.Value)) return false;
                }
                return true;
            case JsonValueKind.Array:
                foreach (JsonElement item in value.EnumerateArray())
                {
                    if (!IsEmpty(item)) return false;
                }
                return true;
            default:
                return false;
        }
    }

    private static ReadOnlySpan<char> ValueSpan(this JsonElement value) => value.GetString().AsSpan();

    private static void Append(JsonElement value, StringBuilder text)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                AppendObject(value, text, removedKey: null);
                break;
            case JsonValueKind.Array:
                text.Append('[');
                bool first = true;
                foreach (JsonElement item in value.EnumerateArray())
                {
                    if (IsEmpty(item)) continue;
                    if (!first) text.Append(", ");
                    first = false;
                    Append(item, text);
                }
                text.Append(']');
                break;
            case JsonValueKind.String:
                text.Append(value.GetString());
                break;
            case JsonValueKind.Number:
                text.Append(JavaNumber(value.GetRawText()));
                break;
            case JsonValueKind.True:
                text.Append("true");
                break;
            case JsonValueKind.False:
                text.Append("false");
                break;
            default:
                text.Append("null");
                break;
        }
    }

    private static void AppendObject(JsonElement value, StringBuilder text, string? removedKey)
    {
        var entries = new List<(int Bucket, int Order, JsonProperty Property)>();
        int parsedCount = 0;
        foreach (JsonProperty _ in value.EnumerateObject()) parsedCount++;
        int capacity = 16;
        while (parsedCount > capacity * 3 / 4) capacity *= 2;

        int order = 0;
        foreach (JsonProperty property in value.EnumerateObject())
        {
            order++;
            if (IsEmpty(property.Value) || (removedKey is not null && property.NameEquals(removedKey))) continue;
            int hash = JavaHashCode(property.Name);
            int spread = hash ^ (int)((uint)hash >> 16);
            entries.Add((spread & (capacity - 1), order, property));
        }
        entries.Sort((a, b) => a.Bucket != b.Bucket ? a.Bucket.CompareTo(b.Bucket) : a.Order.CompareTo(b.Order));

        text.Append('{');
        for (int i = 0; i < entries.Count; i++)
        {
            if (i > 0) text.Append(", ");
            text.Append(entries[i].Property.Name).Append('=');
            Append(entries[i].Property.Value, text);
        }
        text.Append('}');
    }

    /// <summary>Java's String.hashCode over UTF-16 code units.</summary>
    public static int JavaHashCode(string s)
    {
        int hash = 0;
        foreach (char c in s)
        {
            hash = unchecked((31 * hash) + c);
        }
        return hash;
    }

    /// <summary>Integers print as written; other numbers as Java's Double.toString would.</summary>
    private static string JavaNumber(string json)
    {
        if (json.AsSpan().IndexOfAny('.', 'e', 'E') < 0) return json;
        double d = double.Parse(json, CultureInfo.InvariantCulture);
        double magnitude = Math.Abs(d);
        if (d == 0 || (magnitude >= 1e-3 && magnitude < 1e7))
        {
            string plain = d.ToString("R", CultureInfo.InvariantCulture);
            return plain.Contains('.') || plain.Contains('E') ? plain : plain + ".0";
        }
        string scientific = d.ToString("E16", CultureInfo.InvariantCulture);
        // Shortest round-trip mantissa, Java style: 1.0E10, 1.5E-5.
        string roundTrip = d.ToString("R", CultureInfo.InvariantCulture);
        int e = roundTrip.IndexOfAny(['E', 'e']);
        string mantissa = e >= 0 ? roundTrip[..e] : roundTrip;
        int exponent = e >= 0 ? int.Parse(roundTrip[(e + 1)..], CultureInfo.InvariantCulture) : 0;
        if (e < 0)
        {
            exponent = (int)Math.Floor(Math.Log10(magnitude));
            mantissa = (d / Math.Pow(10, exponent)).ToString("R", CultureInfo.InvariantCulture);
        }
        if (!mantissa.Contains('.')) mantissa += ".0";
        _ = scientific;
        return mantissa + "E" + exponent.ToString(CultureInfo.InvariantCulture);
    }
}
