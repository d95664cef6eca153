using System.Collections.Generic;
using RuleGen.Runtime.Windows;

namespace RuleGen.Runtime.Correlations;

/// <summary>
/// The hits of one group (one combination of group-by values) that a future window can still hold, in time order.
/// Bounded: past the cap the oldest hit is dropped and the drop counted.
/// </summary>
internal sealed class CorrelationGroup
{
    public CorrelationGroup(string key, string[] values)
    {
        Key = key;
        Values = values;
    }

    public string Key { get; }

    public string[] Values { get; }

    public List<StageHit> Hits { get; } = new();

    /// <summary>Adds in time order (a late hit is inserted after the hits of its time); true when the cap dropped the oldest.</summary>
    public bool Insert(StageHit hit, int cap)
    {
        int at = Hits.Count;
        while (at > 0 && Hits[at - 1].TimeMs > hit.TimeMs) at--;
        Hits.Insert(at, hit);
        if (Hits.Count <= cap) return false;
        Hits.RemoveAt(0);
        return true;
    }

    /// <summary>Drops the hits older than <paramref name="oldestMs"/>; returns how many were dropped.</summary>
    public int DropBefore(long oldestMs)
    {
        int n = 0;
        while (n < Hits.Count && Hits[n].TimeMs < oldestMs) n++;
        if (n > 0) Hits.RemoveRange(0, n);
        return n;
    }

    /// <summary>The hits in the closed window [start, end].</summary>
    public List<StageHit> Window(long startMs, long endMs)
    {
        var window = new List<StageHit>();
        foreach (StageHit hit in Hits)
            if (hit.TimeMs >= startMs && hit.TimeMs <= endMs) window.Add(hit);
        return window;
    }
}
