using System.Collections.Generic;

namespace RuleGen.Runtime.Windows;

/// <summary>What one window stage did: its alerts in tick order, the ticks it ran, and the most state it held at once.</summary>
public sealed record WindowStageResult(IReadOnlyList<ThresholdAlert> Alerts, long Ticks, int PeakState);

/// <summary>
/// The one ordered stage after a threshold rule's filter. The parallel scan workers <see cref="Add"/> their hits in
/// any order; <see cref="Run"/> orders them by T (offline input need not be in time order) and replays the schedule:
/// each tick's window is a slice of the ordered hits, hits no future window can reach are evicted as the ticks advance,
/// and the executor carries its history from tick to tick.
/// </summary>
public sealed class WindowStage
{
    private readonly object _gate = new();
    private readonly List<StageHit> _hits = new();

    public WindowStage(ThresholdSpec spec, TickSchedule schedule)
    {
        Spec = spec;
        Schedule = schedule;
    }

    public ThresholdSpec Spec { get; }

    public TickSchedule Schedule { get; }

    /// <summary>Thread-safe: called by every scan worker.</summary>
    public void Add(StageHit hit)
    {
        lock (_gate) _hits.Add(hit);
    }

    public WindowStageResult Run()
    {
        List<StageHit> hits;
        lock (_gate) hits = new List<StageHit>(_hits);
        hits.Sort(StageHit.CompareByTime);
        var alerts = new List<ThresholdAlert>();
        if (hits.Count == 0) return new WindowStageResult(alerts, 0, 0);

        var executor = new ThresholdExecutor(Spec);
        var window = new Queue<StageHit>();
        int next = 0, peak = 0;
        long ticks = 0;
        foreach (long tick in Schedule.Ticks(hits[0].TimeMs, hits[hits.Count - 1].TimeMs))
        {
            ticks++;
            long start = Schedule.WindowStart(tick), end = Schedule.WindowEnd(tick);
            while (next < hits.Count && hits[next].TimeMs <= end) window.Enqueue(hits[next++]);
            // Ticks only move forward, so a hit before this window's start is needed by no later window.
            while (window.Count > 0 && window.Peek().TimeMs < start) window.Dequeue();
            if (window.Count + executor.HistorySize > peak) peak = window.Count + executor.HistorySize;
            if (window.Count == 0) continue;
            alerts.AddRange(executor.Run(tick, start, window.ToArray()));
        }
        return new WindowStageResult(alerts, ticks, peak);
    }
}
