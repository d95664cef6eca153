using System;
using System.Collections.Generic;

namespace RuleGen.Runtime.Windows;

/// <summary>
/// A threshold rule's parameters as Kibana reads them: 0–3 group fields, the count a group must reach, optionally a
/// distinct count of one field (<c>cardinality</c>), and <c>max_signals</c>.
/// </summary>
public sealed class ThresholdSpec
{
    public ThresholdSpec(string ruleId, IReadOnlyList<string> fields, int value, string? cardinalityField = null, int cardinalityValue = 0, int maxSignals = 100)
    {
        if (fields.Count > 3) throw new ArgumentOutOfRangeException(nameof(fields), "A threshold rule groups by at most 3 fields.");
        if (value < 1) throw new ArgumentOutOfRangeException(nameof(value), "threshold.value is at least 1.");
        RuleId = ruleId;
        Fields = fields;
        Value = value;
        CardinalityField = cardinalityField;
        CardinalityValue = cardinalityValue;
        MaxSignals = maxSignals;
    }

    public string RuleId { get; }

    public IReadOnlyList<string> Fields { get; }

    public int Value { get; }

    public string? CardinalityField { get; }

    public int CardinalityValue { get; }

    public int MaxSignals { get; }
}
