using System.Collections.Generic;

namespace RuleGen.Runtime.Windows;

/// <summary>
/// A stateful kind's logic, fed by its <see cref="WindowStage"/>: hits in time order (a late one may be older than
/// the last, and then joins only the windows still open), told when every hit up to a time has arrived, and told
/// when the input ends. Single-threaded: the stage serialises every call.
/// </summary>
public interface IWindowExecutor
{
    void Add(StageHit hit);

    /// <summary>Every hit with T at or before <paramref name="watermarkMs"/> has been added: write what is final.</summary>
    void Advance(long watermarkMs, List<WindowAlert> alerts);

    /// <summary>The input ended: run to the horizon (docs/tick-engine.md) and write the rest.</summary>
    void Finish(List<WindowAlert> alerts);

    /// <summary>What the executor did and holds, for the summary.</summary>
    WindowCounters Counters { get; }
}

/// <summary>The numbers a window stage reports: ticks run, state now and at most, and how often a cap was hit.</summary>
public sealed class WindowCounters
{
    public long Ticks { get; set; }

    public long State { get; private set; }

    public long PeakState { get; private set; }

    /// <summary>How many times a per-key cap dropped state (each one is counted, and the summary warns).</summary>
    public long CapsHit { get; set; }

    /// <summary>Where Elastic would have been approximate or truncated (more than 10,000 buckets, 100 combinations…).</summary>
    public long ElasticWouldTruncate { get; set; }

    public void SetState(long entries)
    {
        State = entries;
        if (entries > PeakState) PeakState = entries;
    }
}
