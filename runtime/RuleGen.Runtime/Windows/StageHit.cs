using System;
using System.Collections.Generic;

namespace RuleGen.Runtime.Windows;

/// <summary>
/// One event that passed a stateful rule's filter, as the parallel workers hand it to the ordered window stage:
/// its time T (override else @timestamp), its own @timestamp, its identity, where it was read, the match itself
/// (kept columns, for alerts that copy the event), which stage or referenced rule it is for, and the values the kind
/// needs: per group field every value (empty when missing) and the values of the one field it measures (a threshold's
/// cardinality field, a correlation's value field).
/// </summary>
public sealed record StageHit(
    long TimeMs,
    string? Timestamp,
    string Identity,
    string File,
    long Line,
    IReadOnlyList<IReadOnlyList<string>> GroupValues,
    IReadOnlyList<string> Values)
{
    private static readonly IReadOnlyList<IReadOnlyList<string>> NoGroups = Array.Empty<IReadOnlyList<string>>();

    /// <summary>The match the hit came from; null for hits made in tests from bare values.</summary>
    public RuleMatch? Match { get; init; }

    /// <summary>True when <see cref="Identity"/> is the document's own id (<c>_id</c>, <c>event.id</c>, <c>eventID</c>), not its file and line.</summary>
    public bool HasOwnIdentity { get; init; } = Identity.Length > 0 && !Identity.Equals($"{File}:{Line}", StringComparison.Ordinal);

    /// <summary>The sequence stage or the referenced rule the hit is for (0 when the kind has one).</summary>
    public int Stage { get; init; }

    /// <summary>
    /// Elastic's document identity for alert ids: <c>_id</c> if present, else <c>event.id</c> / CloudTrail <c>eventID</c>,
    /// else file and line (two identical lines are two documents, as they are two documents in Elasticsearch).
    /// </summary>
    public static string IdentityOf(string? id, string? eventId, string file, long line) =>
        !string.IsNullOrEmpty(id) ? id! : !string.IsNullOrEmpty(eventId) ? eventId! : $"{file}:{line}";

    /// <summary>The fields a stateful rule keeps so that <see cref="From"/> can name the document as Elastic does.</summary>
    public static readonly IReadOnlyList<string> IdentityFields = new[] { "_id", "event.id", "eventID" };

    /// <summary>
    /// A match as a hit with no group values: T from the rule's timestamp_override column (else the event's
    /// @timestamp), identity from the kept <see cref="IdentityFields"/>; null when the event has no usable time.
    /// </summary>
    public static StageHit? From(RuleMatch match, WindowOptions options, IReadOnlyList<IReadOnlyList<string>>? groups = null, IReadOnlyList<string>? values = null)
    {
        string? timeOverride = match.Rule.Metadata.TimestampOverride is string field ? FirstTerm(match, field) : null;
        if (!EventTime.TryChoose(timeOverride, match.OriginalTime, options.ForceTimestamp, out long time)) return null;
        string file = match.Position.File;
        long line = match.Position.Line;
        string identity = IdentityOf(FirstTerm(match, "_id"), FirstTerm(match, "event.id") ?? FirstTerm(match, "eventID"), file, line);
        return new StageHit(time, match.OriginalTime, identity, file, line, groups ?? NoGroups, values ?? Array.Empty<string>()) { Match = match };
    }

    /// <summary>A kept column's values as terms (AlertValues.Terms: the kept columns' one reading of JSON values).</summary>
    public static IReadOnlyList<string> Terms(RuleMatch match, string field) => AlertValues.Terms(match.Column(field));

    public static string? FirstTerm(RuleMatch match, string field)
    {
        IReadOnlyList<string> values = Terms(match, field);
        return values.Count > 0 ? values[0] : null;
    }

    /// <summary>
    /// The order the window stage sees hits in, whatever order they were read in: T; among equal times, documents with
    /// their own id first, by id (so ties do not depend on how the input was ordered or split: Elastic's own order among
    /// equal times is shard order, which nothing fixes); then file, then line (input order).
    /// </summary>
    public static int CompareByTime(StageHit a, StageHit b)
    {
        int c = a.TimeMs.CompareTo(b.TimeMs);
        return c != 0 ? c : CompareTies(a, b);
    }

    /// <summary>Among hits at equal times: documents with their own id first, by id; then file, then line.</summary>
    public static int CompareTies(StageHit a, StageHit b)
    {
        int c;
        bool ownA = a.HasOwnIdentity, ownB = b.HasOwnIdentity;
        if (ownA != ownB) return ownA ? -1 : 1;
        if (ownA)
        {
            c = string.CompareOrdinal(a.Identity, b.Identity);
            if (c != 0) return c;
        }
        c = string.CompareOrdinal(a.File, b.File);
        return c != 0 ? c : a.Line.CompareTo(b.Line);
    }

    public static readonly IComparer<StageHit> ByTime = Comparer<StageHit>.Create(CompareByTime);
}
