using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RuleGen.Runtime.Windows;

namespace RuleGen.Runtime.Sequences;

/// <summary>
/// An EQL sequence rule as Kibana's EQL executor runs it (eql.ts): each execution sends one EQL search over its
/// window, so a fresh <see cref="SequenceMatcher{T}"/> per tick, and turns each sequence found into building-block
/// alerts and a shell alert (<see cref="SequenceAlerts"/>). The filter is the OR of the stages (the generated
/// Evaluate); which stages an event matched comes with the match (<see cref="RuleMatch.StageMask"/>).
/// </summary>
public sealed class SequenceSpec : StatefulSpec
{
    private readonly int[] _expanded;

    public SequenceSpec(string ruleId, int maxSignals, IReadOnlyList<SequenceStageSpec> stages, SequenceStageSpec? until, long? maxSpanMs,
        string timestampField = "@timestamp", string? tiebreakerField = null)
        : base(ruleId, maxSignals)
    {
        if (stages.Count == 0 || stages.Count > 63) throw new ArgumentOutOfRangeException(nameof(stages), "a compiled sequence has 1 to 63 written stages");
        Stages = stages;
        Until = until;
        MaxSpanMs = maxSpanMs;
        TimestampField = timestampField;
        TiebreakerField = tiebreakerField;
        _expanded = stages.SelectMany((s, i) => Enumerable.Repeat(i, s.Runs)).ToArray();
        IEnumerable<SequenceStageSpec> all = until is null ? stages : stages.Append(until);
        KeyFields = all.SelectMany(s => s.Keys).Select(k => k.Field).Distinct(StringComparer.Ordinal).ToArray();
        Plan = new SequencePlan(_expanded.Length, maxSpanMs);
        Plan.Validate();
    }

    public override string Kind => "sequence";

    /// <summary>
    /// alert_suppression, or null: each sequence's shell alert then passes through <see cref="SuppressionPersistence"/>
    /// with its building blocks as sub-alerts (<see cref="SequenceSuppression"/>, docs/alert-suppression.md).
    /// </summary>
    public SuppressionSettings? Suppression { get; init; }

    public IReadOnlyList<SequenceStageSpec> Stages { get; }

    public SequenceStageSpec? Until { get; }

    public long? MaxSpanMs { get; }

    /// <summary>The rule's <c>timestamp_field</c>: orders the events and measures maxspan (the window uses T).</summary>
    public string TimestampField { get; }

    /// <summary>The rule's <c>tiebreaker_field</c>: orders events with equal timestamps (events without it after those with it).</summary>
    public string? TiebreakerField { get; }

    /// <summary>Every join key field of every stage, in first-use order: a hit's <see cref="StageHit.GroupValues"/> are theirs.</summary>
    public IReadOnlyList<string> KeyFields { get; }

    /// <summary>The matcher's plan: the stages with runs expanded, and maxspan.</summary>
    public SequencePlan Plan { get; }

    /// <summary>For each matcher stage (runs expanded), the written stage whose StageMask bit it reads.</summary>
    public IReadOnlyList<int> ExpandedStages => _expanded;

    /// <summary>The StageMask bit of the until stage: the one after the last written stage.</summary>
    public int UntilBit => Stages.Count;

    /// <summary>
    /// The hit: T and identity as for every kind; GroupValues = each key field's value as its JSON text (one entry, or
    /// none when missing or null); Values = the ordering time (Unix ms, invariant) and the tiebreaker's JSON text
    /// ("" when missing). Null when the event has no window time or no <c>timestamp_field</c> value.
    /// </summary>
    public override StageHit? Hit(RuleMatch match, WindowOptions options)
    {
        var groups = new IReadOnlyList<string>[KeyFields.Count];
        for (int i = 0; i < groups.Length; i++) groups[i] = Raw(match, KeyFields[i]) is string raw ? new[] { raw } : Array.Empty<string>();
        long order;
        if (TimestampField == "@timestamp")
        {
            if (!EventTime.TryParse(match.OriginalTime, out order)) return null;
        }
        else if (!TryTime(match, TimestampField, out order)) return null;
        string tiebreaker = TiebreakerField is string t ? Raw(match, t) ?? "" : "";
        return StageHit.From(match, options, groups, new[] { order.ToString(CultureInfo.InvariantCulture), tiebreaker });
    }

    public override IWindowExecutor CreateExecutor(TickSchedule schedule) => new SequenceExecutor(this, schedule);

    /// <summary>A kept column's JSON text, or null when the event lacks it or holds JSON null.</summary>
    internal static string? Raw(RuleMatch match, string field)
    {
        foreach (KeptColumn column in match.Columns)
            if (column.Name == field) return column.RawJson == "null" ? null : column.RawJson;
        return null;
    }

    /// <summary>A date as a string, or a number of epoch milliseconds (Elasticsearch's date field accepts both).</summary>
    private static bool TryTime(RuleMatch match, string field, out long ms)
    {
        ms = 0;
        System.Text.Json.JsonElement? value = match.Column(field);
        if (value is not { } v) return false;
        if (v.ValueKind == System.Text.Json.JsonValueKind.String) return EventTime.TryParse(v.GetString(), out ms);
        return v.ValueKind == System.Text.Json.JsonValueKind.Number && v.TryGetInt64(out ms);
    }
}
