using System;
using System.Collections.Generic;
using System.Text.Json;

namespace RuleGen.Runtime.Windows;

/// <summary>
/// One entry of <c>kibana.alert.suppression.terms</c>: a group_by field and its value: one value, null (missing,
/// suppressed together), or, for the kinds that compare whole arrays, the sorted array.
/// </summary>
public sealed class SuppressionTerm
{
    public SuppressionTerm(string field, IReadOnlyList<string> values)
    {
        Field = field;
        Values = values;
    }

    public string Field { get; }

    /// <summary>Empty: null (missing). One: that value. More: a whole array, sorted.</summary>
    public IReadOnlyList<string> Values { get; }

    public bool Missing => Values.Count == 0;

    public static SuppressionTerm Single(string field, string? value) => new(field, value is null ? Array.Empty<string>() : new[] { value });

    /// <summary>The whole array as one value, sorted (lodash sortBy in getSuppressionTerms).</summary>
    public static SuppressionTerm WholeArray(string field, IReadOnlyList<string> values)
    {
        var sorted = new string[values.Count];
        for (int i = 0; i < sorted.Length; i++) sorted[i] = values[i];
        Array.Sort(sorted, StringComparer.Ordinal);
        return new SuppressionTerm(field, sorted);
    }

    /// <summary>A key that is equal exactly when two terms lists are (for grouping within a run).</summary>
    public static string Key(IReadOnlyList<SuppressionTerm> terms)
    {
        var parts = new List<string>();
        foreach (SuppressionTerm term in terms) parts.Add(term.Missing ? "\u0001" : string.Join("\u0002", term.Values));
        return string.Join("\u0000", parts);
    }

    public void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("field", Field);
        w.WritePropertyName("value");
        if (Values.Count == 0) w.WriteNullValue();
        else if (Values.Count == 1) w.WriteStringValue(Values[0]);
        else
        {
            w.WriteStartArray();
            foreach (string value in Values) w.WriteStringValue(value);
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }
}
