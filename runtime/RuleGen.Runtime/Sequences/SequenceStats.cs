namespace RuleGen.Runtime.Sequences;

/// <summary>What a matcher did, so a caller can see its state stay bounded (the counts Elasticsearch's SequenceMatcher keeps, plus ours).</summary>
public sealed class SequenceStats
{
    public long EventsSeen { get; internal set; }
    public long SequencesStarted { get; internal set; }
    public long SequencesCompleted { get; internal set; }
    public long RejectedByMaxSpan { get; internal set; }
    public long RejectedByUntil { get; internal set; }
    /// <summary>Pending sequences replaced by a newer candidate in the same stage (ES keeps the latest).</summary>
    public long Replaced { get; internal set; }
    /// <summary>Pending sequences dropped because maxspan had made them dead.</summary>
    public long Evicted { get; internal set; }
    /// <summary>Join keys with pending state right now, and the most there ever were.</summary>
    public int LiveKeys { get; internal set; }
    public int PeakLiveKeys { get; internal set; }
}
