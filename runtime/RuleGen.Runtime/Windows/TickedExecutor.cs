using System.Collections.Generic;

namespace RuleGen.Runtime.Windows;

/// <summary>
/// The tick engine for Elastic's rule types: executions at t_k on the rule's schedule, each over the hits whose T lies
/// in <c>[t_k + from, t_k + to]</c>. Hits arrive in time order (a late one is put in its place and seen by the ticks not
/// yet run); a tick runs once every hit up to its window's end has arrived; hits no future window can reach are evicted
/// (and shown to <see cref="Evicted"/>, so new_terms can keep them as history). The type's own per-execution logic is
/// <see cref="RunTick"/>. See docs/tick-engine.md.
/// </summary>
public abstract class TickedExecutor : IWindowExecutor
{
    // The hits still in a window are _window[_head..]: evicting moves _head, and the list is compacted only once most of
    // it is evicted, so a tick does not shift every later hit (offline the list holds the whole input's hits).
    private readonly List<StageHit> _window = new();
    private int _head;
    private long? _nextTick;
    private long _lastTime = long.MinValue;
    private long _firstTick;

    protected TickedExecutor(TickSchedule schedule) => Schedule = schedule;

    public TickSchedule Schedule { get; }

    public WindowCounters Counters { get; } = new();

    /// <summary>True when an execution over an empty window would write nothing and change no state that matters later.</summary>
    protected virtual bool SkipsEmptyWindows => false;

    /// <summary>State the kind holds beside the window's hits (threshold history, new-terms times), for the summary.</summary>
    protected virtual long KindState => 0;

    public void Add(StageHit hit)
    {
        int at = _window.Count;
        while (at > _head && StageHit.CompareByTime(_window[at - 1], hit) > 0) at--;
        _window.Insert(at, hit);
        if (hit.TimeMs > _lastTime) _lastTime = hit.TimeMs;
        if (_nextTick is null) _nextTick = _firstTick = Schedule.FirstTick(hit.TimeMs);
    }

    public void Advance(long watermarkMs, List<WindowAlert> alerts)
    {
        while (_nextTick is long tick && Schedule.WindowEnd(tick) <= watermarkMs) RunNext(tick, alerts, Schedule.FirstTickEndingAfter(watermarkMs));
    }

    public void Finish(List<WindowAlert> alerts)
    {
        if (_nextTick is null) return;
        // At least the first tick: with a schedule start after every event, that one execution still looks back.
        long last = System.Math.Max(Schedule.LastTick(_lastTime), _firstTick);
        while (_nextTick is long tick && tick <= last) RunNext(tick, alerts, last + Schedule.IntervalMs);
        Finished(alerts);
    }

    /// <summary>After the last tick of <see cref="Finish"/>: write what the kind still holds (suppressed alerts still open).</summary>
    protected virtual void Finished(List<WindowAlert> alerts)
    {
    }

    // stopTick: the first tick this call may not run (its window is not final yet, or it is past the horizon).
    private void RunNext(long tick, List<WindowAlert> alerts, long stopTick)
    {
        long start = Schedule.WindowStart(tick), end = Schedule.WindowEnd(tick);
        // Ticks only move forward, so a hit before this window's start is needed by no later window.
        while (_head < _window.Count && _window[_head].TimeMs < start) Evicted(_window[_head++]);
        if (_head > 0 && (_head == _window.Count || _head >= 1024 && _head * 2 >= _window.Count))
        {
            _window.RemoveRange(0, _head);
            _head = 0;
        }
        int inside = _head;
        while (inside < _window.Count && _window[inside].TimeMs <= end) inside++;
        bool empty = inside == _head;
        // An execution over an empty window changes nothing for threshold, new_terms and sequences (their state expires
        // by time, looked up at the next execution that has hits): it is not run, and not counted.
        if (!empty || !SkipsEmptyWindows)
        {
            Counters.Ticks++;
            RunTick(tick, start, end, _head == 0 && inside == _window.Count ? _window : _window.GetRange(_head, inside - _head), alerts);
        }
        Counters.SetState(_window.Count - _head + KindState);
        long next = tick + Schedule.IntervalMs;
        if (empty)
        {
            // The executions up to the first one that can hold the next hit see no hit either, and a kind's work on an
            // empty window (history expiry, releasing final alerts) is monotone, done as well by the next execution
            // that runs. Jumping there keeps an event years away from the rest (a broken clock) from costing one
            // execution per interval between; the executions jumped over are not run, so not counted.
            long target = _head < _window.Count ? Schedule.FirstTick(_window[_head].TimeMs) : stopTick;
            if (target > stopTick) target = stopTick;
            if (target > next) next = target;
        }
        _nextTick = next;
    }

    /// <summary>One execution at <paramref name="tick"/> over the hits of its window, in time order.</summary>
    protected abstract void RunTick(long tick, long windowStartMs, long windowEndMs, IReadOnlyList<StageHit> window, List<WindowAlert> alerts);

    /// <summary>A hit leaving the last window that could hold it (before any tick, for hits older than the first window).</summary>
    protected virtual void Evicted(StageHit hit)
    {
    }
}
