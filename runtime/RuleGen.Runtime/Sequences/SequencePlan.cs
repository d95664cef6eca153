using System;

namespace RuleGen.Runtime.Sequences;

/// <summary>Which end of the found sequences a pipe keeps: <c>| head n</c> the first n, <c>| tail n</c> the last n.</summary>
public enum SequenceLimitEnd { Head, Tail }

/// <summary>
/// The stateful part of an EQL sequence, after each stage's condition has become a per-event test: how many
/// stages (<c>with runs=n</c> already expanded into n stages), the maxspan (inclusive; null without one), and the
/// <c>head</c>/<c>tail</c> pipe.
/// </summary>
public sealed record SequencePlan(int StageCount, long? MaxSpanMs = null, SequenceLimitEnd? LimitEnd = null, int Limit = 0)
{
    /// <summary>Elasticsearch's bound on stages in a sequence is the same order (it has no fixed one); ours keeps state small.</summary>
    public const int MaxStages = 256;

    public void Validate()
    {
        if (StageCount < 1 || StageCount > MaxStages) throw new ArgumentOutOfRangeException(nameof(StageCount), StageCount, $"a sequence has 1 to {MaxStages} stages");
        if (MaxSpanMs is <= 0) throw new ArgumentOutOfRangeException(nameof(MaxSpanMs), MaxSpanMs, "maxspan is positive");
        if (LimitEnd is not null && Limit < 0) throw new ArgumentOutOfRangeException(nameof(Limit), Limit, "head/tail take a count of 0 or more");
    }
}
