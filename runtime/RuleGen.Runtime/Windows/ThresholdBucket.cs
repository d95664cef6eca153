using System.Collections.Generic;

namespace RuleGen.Runtime.Windows;

/// <summary>One group of one run: its count, exact distinct values of the cardinality field, and its time range.</summary>
internal sealed class ThresholdBucket
{
    public ThresholdBucket(string[] values) => Values = values;

    /// <summary>The group's value per field, in the rule's field order.</summary>
    public string[] Values { get; }

    public long Count { get; private set; }

    public long MinTimeMs { get; private set; } = long.MaxValue;

    public long MaxTimeMs { get; private set; } = long.MinValue;

    public HashSet<string> Distinct { get; } = new(System.StringComparer.Ordinal);

    public void Add(StageHit hit)
    {
        Count++;
        if (hit.TimeMs < MinTimeMs) MinTimeMs = hit.TimeMs;
        if (hit.TimeMs > MaxTimeMs) MaxTimeMs = hit.TimeMs;
        foreach (string value in hit.Values) Distinct.Add(value);
    }

    /// <summary>Composite aggregation order: ascending by the first field's value, then the next (ordinal, as keyword bytes).</summary>
    public static int CompareKeys(ThresholdBucket a, ThresholdBucket b)
    {
        for (int i = 0; i < a.Values.Length; i++)
        {
            int c = string.CompareOrdinal(a.Values[i], b.Values[i]);
            if (c != 0) return c;
        }
        return 0;
    }
}
