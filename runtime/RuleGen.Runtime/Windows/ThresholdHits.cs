using System;
using System.Collections.Generic;

namespace RuleGen.Runtime.Windows;

/// <summary>
/// A threshold rule's match as a stage hit: its kept columns hold the group fields, the cardinality field, @timestamp
/// and the timestamp_override field (the generator's ThresholdKeep), so the per-event path stays as it is.
/// </summary>
public static class ThresholdHits
{
    /// <summary>The hit, or null when the event has no usable time (Elasticsearch's range filter would not match it).</summary>
    public static StageHit? From(RuleMatch match, ThresholdSpec spec, bool forceTimestamp)
    {
        string? timeOverride = match.Rule.Metadata.TimestampOverride is string field ? First(match, field) : null;
        if (!EventTime.TryChoose(timeOverride, match.OriginalTime, forceTimestamp, out long time)) return null;
        var groups = new IReadOnlyList<string>[spec.Fields.Count];
        for (int i = 0; i < groups.Length; i++) groups[i] = Values(match, spec.Fields[i]);
        IReadOnlyList<string> distinct = spec.CardinalityField is string c ? Values(match, c) : Array.Empty<string>();
        string file = match.Position.File;
        long line = match.Position.Line;
        return new StageHit(time, match.OriginalTime, StageHit.IdentityOf(null, null, file, line), file, line, groups, distinct);
    }

    private static string? First(RuleMatch match, string field)
    {
        IReadOnlyList<string> values = Values(match, field);
        return values.Count > 0 ? values[0] : null;
    }

    /// <summary>A column's values as terms (AlertValues.Terms: the kept columns' one reading of JSON values).</summary>
    private static IReadOnlyList<string> Values(RuleMatch match, string field) => AlertValues.Terms(match.Column(field));
}
