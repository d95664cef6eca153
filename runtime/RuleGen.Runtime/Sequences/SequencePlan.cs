using System;
using System.Collections.Generic;

namespace RuleGen.Runtime.Sequences;

/// <summary>Which end of the found sequences a pipe keeps: <c>| head n</c> the first n, <c>| tail n</c> the last n.</summary>
public enum SequenceLimitEnd { Head, Tail }

/// <summary>One <c>| head n</c> or <c>| tail n</c> pipe.</summary>
public readonly record struct SequencePipe(SequenceLimitEnd End, int Count);

/// <summary>
/// The stateful part of an EQL sequence, after each stage's condition has become a per-event test: how many
/// stages (<c>with runs=n</c> already expanded into n stages), the maxspan (inclusive; null without one), and the
/// <c>head</c>/<c>tail</c> pipes in query order (<c>| head 4 | tail 2</c> is the 3rd and 4th sequences).
/// </summary>
public sealed record SequencePlan(int StageCount, long? MaxSpanMs = null, IReadOnlyList<SequencePipe>? Pipes = null)
{
    /// <summary>Our bound on stages, so that a key's state stays small (Elasticsearch sets none in the grammar).</summary>
    public const int MaxStages = 256;

    public IReadOnlyList<SequencePipe> PipeList => Pipes ?? Array.Empty<SequencePipe>();

    public void Validate()
    {
        if (StageCount < 1 || StageCount > MaxStages) throw new ArgumentOutOfRangeException(nameof(StageCount), StageCount, $"a sequence has 1 to {MaxStages} stages");
        if (MaxSpanMs is <= 0) throw new ArgumentOutOfRangeException(nameof(MaxSpanMs), MaxSpanMs, "maxspan is positive");
        foreach (SequencePipe pipe in PipeList)
        {
            if (pipe.Count < 0) throw new ArgumentOutOfRangeException(nameof(Pipes), pipe.Count, "head and tail take a count of 0 or more");
        }
    }
}
