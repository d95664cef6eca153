using System;
using System.Collections.Generic;

namespace RuleGen.Runtime.Windows;

/// <summary>
/// One event that passed a stateful rule's filter, as the parallel workers hand it to the ordered window stage:
/// its time T (override else @timestamp), its own @timestamp, its identity, where it was read, and the values the
/// window stage needs (per group field every value, empty when missing; the cardinality field's values).
/// </summary>
public sealed record StageHit(
    long TimeMs,
    string? Timestamp,
    string Identity,
    string File,
    long Line,
    IReadOnlyList<IReadOnlyList<string>> GroupValues,
    IReadOnlyList<string> CardinalityValues)
{
    /// <summary>
    /// Elastic's document identity for alert ids: <c>_id</c> if present, else <c>event.id</c> / CloudTrail <c>eventID</c>,
    /// else file and line (two identical lines are two documents, as they are two documents in Elasticsearch).
    /// </summary>
    public static string IdentityOf(string? id, string? eventId, string file, long line) =>
        !string.IsNullOrEmpty(id) ? id! : !string.IsNullOrEmpty(eventId) ? eventId! : $"{file}:{line}";

    /// <summary>The order the window stage sees hits in, whatever order they were read in: T, then file, then line.</summary>
    public static int CompareByTime(StageHit a, StageHit b)
    {
        int c = a.TimeMs.CompareTo(b.TimeMs);
        if (c != 0) return c;
        c = string.CompareOrdinal(a.File, b.File);
        return c != 0 ? c : a.Line.CompareTo(b.Line);
    }
}
