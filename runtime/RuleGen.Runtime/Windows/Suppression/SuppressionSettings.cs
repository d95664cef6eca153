using System;
using System.Collections.Generic;

namespace RuleGen.Runtime.Windows;

/// <summary>How a rule's alert_suppression groups values: per value (query, threshold) or by the whole array (EQL, ES|QL, new_terms).</summary>
public enum SuppressionArrays
{
    /// <summary>One group per value of an array (composite aggregation terms: query and threshold rules).</summary>
    PerValue,

    /// <summary>One group per identical array, sorted (Kibana's getSuppressionTerms: EQL, ES|QL, new_terms).</summary>
    WholeArray,
}

/// <summary>
/// A rule's <c>alert_suppression</c> as Kibana reads it: 1–5 <c>group_by</c> fields (a threshold rule has none: it
/// suppresses by its threshold fields), a <c>duration</c> (null: per rule execution) and
/// <c>missing_fields_strategy</c> (suppress: a missing field is one more value, null; doNotSuppress: the event is an
/// ordinary alert). See docs/alert-suppression.md.
/// </summary>
public sealed class SuppressionSettings
{
    public SuppressionSettings(IReadOnlyList<string> groupBy, long? durationMs, bool suppressMissing)
    {
        if (groupBy.Count > 5) throw new ArgumentOutOfRangeException(nameof(groupBy), "alert_suppression.group_by has at most 5 fields (Kibana 9.2).");
        if (durationMs is <= 0) throw new ArgumentOutOfRangeException(nameof(durationMs), "alert_suppression.duration is positive.");
        GroupBy = groupBy;
        DurationMs = durationMs;
        SuppressMissing = suppressMissing;
    }

    public IReadOnlyList<string> GroupBy { get; }

    /// <summary>The suppression window's length; null means per rule execution.</summary>
    public long? DurationMs { get; }

    public bool PerExecution => DurationMs is null;

    /// <summary>missing_fields_strategy: true for suppress (Kibana's default), false for doNotSuppress.</summary>
    public bool SuppressMissing { get; }

    /// <summary>
    /// Where Kibana looks for an alert to update at execution <paramref name="tickMs"/>: alerts started at or after
    /// <c>now − duration</c>, or, per execution, at or after the window's start (<c>tuple.from</c>;
    /// bulk_create_suppressed_alerts_in_memory.ts <c>suppressionWindow</c>).
    /// </summary>
    public long SearchStart(long tickMs, long windowStartMs) => DurationMs is long d ? tickMs - d : windowStartMs;
}
