using System;
using System.Collections.Generic;

namespace RuleGen.Runtime.Windows;

/// <summary>
/// Elastic's rule schedule replayed on event time: executions at <c>t_k = anchor + k·interval</c>, each seeing the
/// events whose time lies in the closed window <c>[t_k + from, t_k + to]</c> (Kibana's <c>getRuleRangeTuples</c> and
/// <c>buildTimeRangeFilter</c>: gte from, lte to). All times are Unix milliseconds, offsets are signed (a rule's
/// <c>from = now-6m</c> is <c>-360000</c>). See docs/tick-engine.md.
/// </summary>
public sealed class TickSchedule
{
    public TickSchedule(long intervalMs, long fromOffsetMs, long toOffsetMs = 0, long? scheduleStartMs = null)
    {
        if (intervalMs <= 0) throw new ArgumentOutOfRangeException(nameof(intervalMs), "The interval must be positive.");
        if (fromOffsetMs > toOffsetMs) throw new ArgumentOutOfRangeException(nameof(fromOffsetMs), "A window's from must not be after its to.");
        IntervalMs = intervalMs;
        FromOffsetMs = fromOffsetMs;
        ToOffsetMs = toOffsetMs;
        ScheduleStartMs = scheduleStartMs;
    }

    /// <summary>Kibana's defaults: every 5 minutes, looking back 6 (<c>from = now-6m</c>, <c>to = now</c>).</summary>
    public static TickSchedule ElasticDefault(long? scheduleStartMs = null) => new(300_000, -360_000, 0, scheduleStartMs);

    public long IntervalMs { get; }

    public long FromOffsetMs { get; }

    public long ToOffsetMs { get; }

    /// <summary>
    /// <c>--schedule-start</c>: the rule was enabled at this time, so the first execution is here and none runs before;
    /// null means epoch-aligned ticks (<c>t mod interval = 0</c>) with no start.
    /// </summary>
    public long? ScheduleStartMs { get; }

    public long WindowStart(long tick) => tick + FromOffsetMs;

    public long WindowEnd(long tick) => tick + ToOffsetMs;

    /// <summary>The anchor every tick is a whole number of intervals from: the schedule start, else the epoch.</summary>
    private long Anchor => ScheduleStartMs ?? 0;

    /// <summary>The smallest tick on the grid at or after <paramref name="time"/>.</summary>
    private long TickAtOrAfter(long time)
    {
        long offset = time - Anchor;
        long k = offset >= 0 ? (offset + IntervalMs - 1) / IntervalMs : -((-offset) / IntervalMs);
        return Anchor + k * IntervalMs;
    }

    /// <summary>
    /// The ticks to run for events whose times span <c>[firstEvent, lastEvent]</c>: from the first tick whose window can
    /// hold the first event (never before the schedule start) to the first tick whose window starts after the last
    /// event, inclusive, as if the rule kept running (the horizon).
    /// </summary>
    public IEnumerable<long> Ticks(long firstEvent, long lastEvent)
    {
        long first = FirstTick(firstEvent);
        long last = LastTick(lastEvent);
        if (last < first) last = first;
        for (long tick = first; tick <= last; tick += IntervalMs) yield return tick;
    }

    /// <summary>The first tick whose window can hold an event at <paramref name="firstEvent"/>, never before the schedule start.</summary>
    public long FirstTick(long firstEvent)
    {
        long first = TickAtOrAfter(firstEvent - ToOffsetMs);
        return ScheduleStartMs is long start && first < start ? start : first;
    }

    /// <summary>The first tick whose window ends after <paramref name="time"/> (streaming: the first one not final yet).</summary>
    public long FirstTickEndingAfter(long time) => TickAtOrAfter(time - ToOffsetMs + 1);

    /// <summary>The horizon: the first tick whose window starts after <paramref name="lastEvent"/>.</summary>
    public long LastTick(long lastEvent) => TickAtOrAfter(lastEvent - FromOffsetMs + 1);
}
