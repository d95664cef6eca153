using System;
using System.Collections.Generic;

namespace RuleGen.Runtime.Windows;

/// <summary>The single-event rule types that take alert_suppression, each with Kibana's own executor path.</summary>
public enum SuppressedRuleType
{
    /// <summary>Custom query: group by composite aggregation, one alert per bucket (query/alert_suppression/group_and_bulk_create.ts).</summary>
    Query,

    /// <summary>Non-sequence EQL: up to max_signals events, the latest (tail), suppressed in memory (bulk_create_suppressed_alerts_in_memory.ts).</summary>
    Eql,

    /// <summary>Non-aggregating ES|QL: up to max_signals rows in result order, suppressed in memory.</summary>
    Esql,
}

/// <summary>
/// A query, single-event EQL or ES|QL rule with alert_suppression: stateful, because suppression is decided per
/// execution over the window's matches and carried from execution to execution (docs/alert-suppression.md).
/// </summary>
public sealed class SuppressionSpec : StatefulSpec
{
    public SuppressionSpec(string ruleId, SuppressedRuleType type, SuppressionSettings settings, int maxSignals = 100)
        : base(ruleId, maxSignals)
    {
        if (settings.GroupBy.Count == 0) throw new ArgumentException("A query, EQL or ES|QL rule suppresses by 1 to 5 group_by fields.", nameof(settings));
        Type = type;
        Settings = settings;
    }

    public override string Kind => "suppression";

    public SuppressedRuleType Type { get; }

    public SuppressionSettings Settings { get; }

    /// <summary>Query rules group per value of an array; EQL and ES|QL need the whole array identical (docs table).</summary>
    public SuppressionArrays Arrays => Type == SuppressedRuleType.Query ? SuppressionArrays.PerValue : SuppressionArrays.WholeArray;

    /// <summary>The hit with every value of each group_by field (kept by the generator's StatefulKeep).</summary>
    public override StageHit? Hit(RuleMatch match, WindowOptions options)
    {
        var groups = new IReadOnlyList<string>[Settings.GroupBy.Count];
        for (int i = 0; i < groups.Length; i++) groups[i] = StageHit.Terms(match, Settings.GroupBy[i]);
        return StageHit.From(match, options, groups);
    }

    public override IWindowExecutor CreateExecutor(TickSchedule schedule) => Type == SuppressedRuleType.Query
        ? new QuerySuppressionExecutor(this, schedule)
        : new EventSuppressionExecutor(this, schedule);
}
