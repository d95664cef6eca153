using System.Collections.Generic;

namespace RuleGen.Runtime.Sequences;

/// <summary>A sequence that has matched its first <see cref="Stage"/> + 1 stages for one join key and waits for the next.</summary>
internal sealed class PendingSequence<T>
{
    private readonly List<T> _events = new();

    public PendingSequence(SequenceKey key, long startMs, T first)
    {
        Key = key;
        StartMs = startMs;
        _events.Add(first);
    }

    public SequenceKey Key { get; }

    /// <summary>The first event's timestamp: maxspan is measured from it (SequenceMatcher.java).</summary>
    public long StartMs { get; }

    /// <summary>The last stage matched (0-based), i.e. the slot that holds this sequence.</summary>
    public int Stage { get; set; }

    public IReadOnlyList<T> Events => _events;

    public void Add(T next)
    {
        _events.Add(next);
        Stage++;
    }
}
