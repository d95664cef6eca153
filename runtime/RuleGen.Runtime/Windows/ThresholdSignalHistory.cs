using System.Collections.Generic;

namespace RuleGen.Runtime.Windows;

/// <summary>
/// Kibana's threshold signal history (threshold.ts, utils.ts <c>getSignalHistory</c>, get_threshold_bucket_filters.ts),
/// carried from tick to tick: per alerted group, its terms and the original_time of its last alert. Events that carry
/// all of an entry's terms and are not later than its last signal are left out of every bucket, so the same events
/// never raise a second alert when look-backs overlap.
/// </summary>
internal sealed class ThresholdSignalHistory
{
    private sealed record Entry(IReadOnlyList<ThresholdTerm> Terms, int[] FieldIndexes, long LastSignalMs);

    private readonly Dictionary<string, Entry> _entries = new(System.StringComparer.Ordinal);

    public int Count => _entries.Count;

    /// <summary>What a run does first: entries whose last signal is at or before the window's start are dropped.</summary>
    public void DropUpTo(long windowStartMs)
    {
        List<string>? stale = null;
        foreach (KeyValuePair<string, Entry> pair in _entries)
            if (pair.Value.LastSignalMs <= windowStartMs) (stale ??= new List<string>()).Add(pair.Key);
        if (stale is null) return;
        foreach (string key in stale) _entries.Remove(key);
    }

    public long? LastSignal(string key) => _entries.TryGetValue(key, out Entry? entry) ? entry.LastSignalMs : null;

    public void Record(string key, IReadOnlyList<ThresholdTerm> terms, int[] fieldIndexes, long lastSignalMs) =>
        _entries[key] = new Entry(terms, fieldIndexes, lastSignalMs);

    /// <summary>
    /// The must_not filter: the hit is excluded from every bucket when one entry's terms are all among its values and its
    /// time is not after that entry's last signal (the exclusion is per document, not per bucket).
    /// </summary>
    public bool Excludes(StageHit hit)
    {
        foreach (Entry entry in _entries.Values)
        {
            if (hit.TimeMs > entry.LastSignalMs) continue;
            bool carriesAll = true;
            for (int i = 0; i < entry.Terms.Count && carriesAll; i++)
                carriesAll = Contains(hit.GroupValues[entry.FieldIndexes[i]], entry.Terms[i].Value);
            if (carriesAll) return true;
        }
        return false;
    }

    private static bool Contains(IReadOnlyList<string> values, string value)
    {
        foreach (string v in values) if (string.Equals(v, value, System.StringComparison.Ordinal)) return true;
        return false;
    }
}
