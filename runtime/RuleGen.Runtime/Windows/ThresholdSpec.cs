using System;
using System.Collections.Generic;

namespace RuleGen.Runtime.Windows;

/// <summary>
/// A threshold rule's parameters as Kibana reads them: 0–3 group fields, the count a group must reach, optionally a
/// distinct count of one field (<c>cardinality</c>), and <c>max_signals</c>.
/// </summary>
public sealed class ThresholdSpec : StatefulSpec
{
    public ThresholdSpec(string ruleId, IReadOnlyList<string> fields, int value, string? cardinalityField = null, int cardinalityValue = 0, int maxSignals = 100)
        : base(ruleId, maxSignals)
    {
        if (fields.Count > 3) throw new ArgumentOutOfRangeException(nameof(fields), "A threshold rule groups by at most 3 fields.");
        if (value < 1) throw new ArgumentOutOfRangeException(nameof(value), "threshold.value is at least 1.");
        Fields = fields;
        Value = value;
        CardinalityField = cardinalityField;
        CardinalityValue = cardinalityValue;
    }

    public override string Kind => "threshold";

    public IReadOnlyList<string> Fields { get; }

    public int Value { get; }

    public string? CardinalityField { get; }

    public int CardinalityValue { get; }

    /// <summary>alert_suppression (a threshold rule's has only a duration; it suppresses by the threshold fields), or null.</summary>
    public SuppressionSettings? Suppression { get; init; }

    /// <summary>The hit with every value of each group field and of the cardinality field, read from the kept columns
    /// (the generator's StatefulKeep keeps them, with @timestamp, the timestamp_override field and the identity fields).</summary>
    public override StageHit? Hit(RuleMatch match, WindowOptions options)
    {
        var groups = new IReadOnlyList<string>[Fields.Count];
        for (int i = 0; i < groups.Length; i++) groups[i] = StageHit.Terms(match, Fields[i]);
        IReadOnlyList<string> distinct = CardinalityField is string c ? StageHit.Terms(match, c) : Array.Empty<string>();
        return StageHit.From(match, options, groups, distinct);
    }

    public override IWindowExecutor CreateExecutor(TickSchedule schedule) => new ThresholdExecutor(this, schedule);
}
