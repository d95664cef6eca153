using System;
using System.Collections.Generic;
using RuleGen.Runtime.Windows;

namespace RuleGen.Runtime.Correlations;

/// <summary>
/// A Sigma correlation rule (spec v2.1.0) as the window stage runs it (docs/sigma-correlations.md): the type, the
/// referenced rules (a match of any of them is a hit of this correlation, <see cref="Hit(RuleMatch, WindowOptions)"/>),
/// the group-by names, the timespan, the condition, the condition's field, and <c>generate</c> (whether the referenced
/// rules still write their own alerts). Not ticked: every hit is judged on the sliding window <c>[t − timespan, t]</c>.
/// </summary>
public sealed class CorrelationSpec : StatefulSpec
{
    /// <summary>Hits one group holds at most; past it the oldest is dropped and <see cref="WindowCounters.CapsHit"/> counted.</summary>
    public const int DefaultGroupCap = 10_000;

    private readonly Dictionary<string, int> _stageOf = new(StringComparer.Ordinal);

    public CorrelationSpec(string ruleId, CorrelationType type, IReadOnlyList<CorrelationReference> references, IReadOnlyList<string> groupBy,
        long timespanMs, CorrelationCondition? condition, string? field, bool generate, int groupCap = DefaultGroupCap)
        : base(ruleId, int.MaxValue)
    {
        if (references.Count == 0) throw new ArgumentException("A correlation refers to at least one rule.", nameof(references));
        if (timespanMs <= 0) throw new ArgumentOutOfRangeException(nameof(timespanMs), "A timespan is positive.");
        if (groupCap < 1) throw new ArgumentOutOfRangeException(nameof(groupCap));
        bool temporal = type is CorrelationType.Temporal or CorrelationType.TemporalOrdered;
        if (condition is null && !temporal) throw new ArgumentException($"A {CorrelationTypeNames.Of(type)} correlation has a condition.", nameof(condition));
        bool measures = type is CorrelationType.ValueCount or CorrelationType.ValueSum or CorrelationType.ValueAvg or CorrelationType.ValuePercentile;
        if (measures && field is null) throw new ArgumentException($"A {CorrelationTypeNames.Of(type)} correlation names its field.", nameof(field));
        Type = type;
        References = references;
        GroupBy = groupBy;
        TimespanMs = timespanMs;
        Condition = condition ?? CorrelationCondition.AllOf(references.Count);
        Field = field;
        Generate = generate;
        GroupCap = groupCap;
        for (int i = 0; i < references.Count; i++)
        {
            if (references[i].GroupFields.Count != groupBy.Count) throw new ArgumentException("Every reference reads one field per group-by entry.", nameof(references));
            _stageOf[references[i].RuleId] = i;
        }
    }

    public override string Kind => "correlation";

    public CorrelationType Type { get; }

    public IReadOnlyList<CorrelationReference> References { get; }

    /// <summary>The group-by entries as written (alias names for aliases): the names the alert carries the group under.</summary>
    public IReadOnlyList<string> GroupBy { get; }

    public long TimespanMs { get; }

    public CorrelationCondition Condition { get; }

    public string? Field { get; }

    public bool Generate { get; }

    public int GroupCap { get; }

    /// <summary>The reference a rule id is, or -1.</summary>
    public int StageOf(string ruleId) => _stageOf.TryGetValue(ruleId, out int stage) ? stage : -1;

    /// <summary>A referenced rule's match as a hit: its group fields and value field read from the kept columns.</summary>
    public override StageHit? Hit(RuleMatch match, WindowOptions options)
    {
        int stage = StageOf(match.Rule.Metadata.RuleId);
        if (stage < 0) return null;
        CorrelationReference reference = References[stage];
        var groups = new IReadOnlyList<string>[reference.GroupFields.Count];
        for (int i = 0; i < groups.Length; i++) groups[i] = StageHit.Terms(match, reference.GroupFields[i]);
        IReadOnlyList<string> values = reference.ValueField is string f ? StageHit.Terms(match, f) : Array.Empty<string>();
        return StageHit.From(match, options, groups, values) is StageHit hit ? hit with { Stage = stage } : null;
    }

    /// <summary>
    /// An inner correlation's alert as a hit of this (outer) one: T = the alert's time, identity = the alert id, group
    /// values read from the inner alert's group by this reference's field names (a name the inner group lacks is missing).
    /// </summary>
    public StageHit? Hit(CorrelationAlert alert)
    {
        int stage = StageOf(alert.RuleId);
        if (stage < 0) return null;
        CorrelationReference reference = References[stage];
        var groups = new IReadOnlyList<string>[reference.GroupFields.Count];
        for (int i = 0; i < groups.Length; i++) groups[i] = alert.GroupValue(reference.GroupFields[i]) is string v ? new[] { v } : Array.Empty<string>();
        IReadOnlyList<string> values = reference.ValueField is string field && alert.GroupValue(field) is string value ? new[] { value } : Array.Empty<string>();
        // File "~correlation:<id>" sorts after real inputs on a tie; the executor does not depend on tie order.
        return new StageHit(alert.TickMs, alert.OriginalTime, alert.Id, "~correlation:" + alert.RuleId, 0, groups, values) { Stage = stage };
    }

    public override IWindowExecutor CreateExecutor(TickSchedule schedule) => new CorrelationExecutor(this);
}
