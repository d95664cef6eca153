using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using RuleGen.Runtime.Windows;

namespace RuleGen.Runtime.Correlations;

/// <summary>One event (or inner correlation alert) that was in the window when a correlation fired.</summary>
public readonly record struct CorrelationContributor(string Id, string RuleId, long TimeMs, bool IsAlert);

/// <summary>
/// A correlation alert: synthetic, like Elastic's threshold alerts (no event copied). <c>@timestamp</c> is the time t of
/// the hit that completed the window (the correlation is judged there), <c>original_time</c> that hit's @timestamp;
/// the group-by values under the group-by names; <c>kibana.alert.ancestors</c> the contributing events (type
/// <c>event</c>) and inner correlation alerts (type <c>signal</c>), as Kibana lists an alert's sources; and
/// <c>rulegen.correlation</c> the type, group, measured value, window and the rules that matched.
/// </summary>
public sealed class CorrelationAlert : WindowAlert
{
    public CorrelationAlert(string id, string ruleId, CorrelationType type, long timeMs, string? originalTime, IReadOnlyList<string> groupFields,
        IReadOnlyList<string> groupValues, double value, string? field, string? percentileOf, long windowStartMs, IReadOnlyList<string> rules,
        IReadOnlyList<CorrelationContributor> contributors)
        : base(id, timeMs, originalTime, source: null)
    {
        RuleId = ruleId;
        Type = type;
        GroupFields = groupFields;
        GroupValues = groupValues;
        Value = value;
        Field = field;
        PercentileOf = percentileOf;
        WindowStartMs = windowStartMs;
        Rules = rules;
        Contributors = contributors;
    }

    public string RuleId { get; }

    public CorrelationType Type { get; }

    public IReadOnlyList<string> GroupFields { get; }

    public IReadOnlyList<string> GroupValues { get; }

    /// <summary>The measured number: the count, distinct count, number of rules, sum, average or percentage.</summary>
    public double Value { get; }

    public string? Field { get; }

    /// <summary>value_percentile: the value whose share of the window was measured.</summary>
    public string? PercentileOf { get; }

    public long WindowStartMs { get; }

    public long WindowEndMs => TickMs;

    public IReadOnlyList<string> Rules { get; }

    public IReadOnlyList<CorrelationContributor> Contributors { get; }

    /// <summary>The group value under a group-by name, or null when the group has no such name.</summary>
    public string? GroupValue(string name)
    {
        for (int i = 0; i < GroupFields.Count; i++)
            if (GroupFields[i] == name) return GroupValues[i];
        return null;
    }

    public override void WriteFields(Utf8JsonWriter w)
    {
        for (int i = 0; i < GroupFields.Count; i++) w.WriteString(GroupFields[i], GroupValues[i]);
        w.WriteStartArray("kibana.alert.ancestors");
        foreach (CorrelationContributor c in Contributors)
        {
            w.WriteStartObject();
            w.WriteString("id", c.Id);
            w.WriteString("type", c.IsAlert ? "signal" : "event");
            w.WriteNumber("depth", c.IsAlert ? 1 : 0);
            w.WriteString("rule", c.RuleId);
            w.WriteString("timestamp", EventTime.Iso(c.TimeMs));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("rulegen.correlation");
        w.WriteString("type", CorrelationTypeNames.Of(Type));
        w.WriteStartArray("group");
        for (int i = 0; i < GroupFields.Count; i++)
        {
            w.WriteStartObject();
            w.WriteString("field", GroupFields[i]);
            w.WriteString("value", GroupValues[i]);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (Field is not null) w.WriteString("field", Field);
        if (PercentileOf is not null) w.WriteString("percentile_of", PercentileOf);
        w.WriteNumber("value", Value);
        w.WriteNumber("count", Contributors.Count);
        w.WriteStartObject("window");
        w.WriteString("start", EventTime.Iso(WindowStartMs));
        w.WriteString("end", EventTime.Iso(WindowEndMs));
        w.WriteEndObject();
        w.WriteStartArray("rules");
        foreach (string rule in Rules) w.WriteStringValue(rule);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public override string ToString() =>
        $"{EventTime.Iso(TickMs)} [{string.Join(",", GroupValues)}] {Value.ToString("R", CultureInfo.InvariantCulture)}";
}
