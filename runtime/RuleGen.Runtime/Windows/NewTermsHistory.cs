using System.Collections.Generic;

namespace RuleGen.Runtime.Windows;

/// <summary>
/// What a new_terms rule remembers of the hits that have left every window: per term (a value combination), only the
/// latest time it occurred, which is all "was it seen in [history_start, from]?" needs, since every hit at or after
/// the window's start is still in the window. A term is forgotten once its latest time is before a run's history
/// start: history starts only move forward. At most <c>maxTerms</c> terms are held; past the cap a term is not
/// recorded (the caller counts it).
/// </summary>
internal sealed class NewTermsHistory
{
    private readonly Dictionary<string, long> _latest = new(System.StringComparer.Ordinal);
    // One entry per held term, at the time it was queued; a term seen again since is re-queued when its entry comes up.
    private readonly PriorityQueue<string, long> _expiry = new();
    private readonly int _maxTerms;

    public NewTermsHistory(int maxTerms) => _maxTerms = maxTerms;

    public int Count => _latest.Count;

    /// <summary>Records an occurrence; false when the term is new and the cap is reached (it is not recorded).</summary>
    public bool Record(string key, long timeMs)
    {
        if (_latest.TryGetValue(key, out long latest))
        {
            if (timeMs > latest) _latest[key] = timeMs;
            return true;
        }
        if (_latest.Count >= _maxTerms) return false;
        _latest[key] = timeMs;
        _expiry.Enqueue(key, timeMs);
        return true;
    }

    /// <summary>Whether the term occurred at or after <paramref name="historyStartMs"/> (and left the windows since).</summary>
    public bool SeenSince(string key, long historyStartMs) => _latest.TryGetValue(key, out long latest) && latest >= historyStartMs;

    /// <summary>Forgets every term whose latest occurrence is before <paramref name="historyStartMs"/>.</summary>
    public void Expire(long historyStartMs)
    {
        while (_expiry.TryPeek(out string? key, out long queued) && queued < historyStartMs)
        {
            _expiry.Dequeue();
            long latest = _latest[key];
            if (latest < historyStartMs) _latest.Remove(key);
            else _expiry.Enqueue(key, latest);
        }
    }
}
