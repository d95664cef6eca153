using System;
using System.Text.Json;

namespace RuleGen.Runtime;

/// <summary>
/// Reading a raw CloudTrail record the way the ingest pipeline sees it after its first script: null and empty values
/// (and objects or arrays left empty by that) are not there.
/// </summary>
internal static class RecordValues
{
    /// <summary>A property that is present and not null or empty.</summary>
    public static JsonElement? Get(JsonElement? obj, string name) =>
        obj is JsonElement o && o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out JsonElement value) && !JavaMapText.IsEmpty(value) ? value : null;

    /// <summary>The value at a dotted path of object properties (as the pipeline's <c>$('a.b.c', null)</c> reads it).</summary>
    public static JsonElement? At(JsonElement? obj, string path)
    {
        JsonElement? current = obj;
        foreach (Range segment in path.AsSpan().Split('.'))
        {
            current = Get(current, path[segment]);
            if (current is null) return null;
        }
        return current;
    }

    /// <summary>The string at <paramref name="path"/>, or null when it is absent or not a string.</summary>
    public static string? StringAt(JsonElement? obj, string path) =>
        At(obj, path) is JsonElement value && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The elements of the array at <paramref name="path"/> (none when it is absent or not an array).</summary>
    public static System.Collections.Generic.IEnumerable<JsonElement> ArrayAt(JsonElement? obj, string path)
    {
        if (At(obj, path) is not JsonElement value || value.ValueKind != JsonValueKind.Array) yield break;
        foreach (JsonElement item in value.EnumerateArray())
        {
            if (!JavaMapText.IsEmpty(item)) yield return item;
        }
    }

    /// <summary>A scalar as a Mustache template renders it (<c>{{json.x}}</c>): a string as it is, other scalars as JSON text; null for objects and arrays.</summary>
    public static string? Rendered(JsonElement? value) => value switch
    {
        null => null,
        JsonElement { ValueKind: JsonValueKind.String } s => s.GetString(),
        JsonElement { ValueKind: JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False } v => v.GetRawText(),
        _ => null,
    };

    public static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    public static void Copy(Utf8JsonWriter w, string name, JsonElement? value)
    {
        if (value is not JsonElement v) return;
        w.WritePropertyName(name);
        v.WriteTo(w);
    }
}
