using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RuleGen.Runtime.Windows;

namespace RuleGen.Runtime.Correlations;

/// <summary>
/// One correlation rule's executor (docs/sigma-correlations.md). Not ticked: the spec prefers windows not aligned to
/// boundaries, so each group is judged at every time t at which it gets a hit, over the sliding window
/// <c>[t − timespan, t]</c> (both ends inclusive, millisecond resolution). All hits of one time are added before that
/// time is judged, so ties never depend on input order, file split or threads. A window that satisfies the
/// condition makes one alert for (group, t) (value_percentile: one per measured value), as rsigma's default
/// <c>action: alert</c>: every satisfying event fires. State: per group, the hits a future window can still hold.
/// </summary>
public sealed class CorrelationExecutor : IWindowExecutor
{
    /// <summary>RuleGen's own v5 namespace for correlation alert ids (Elastic has no correlation rule type to copy).</summary>
    private static readonly Guid IdNamespace = new("6f1c2b7e-4a53-5d0e-9c4f-2b1e8a7d3c60");

    private readonly CorrelationSpec _spec;
    private readonly Dictionary<string, CorrelationGroup> _groups = new(StringComparer.Ordinal);
    private readonly List<WindowAlert> _ready = new();
    private readonly List<(CorrelationGroup Group, StageHit Hit)> _pending = new();
    private long _pendingTime = long.MinValue;
    private long _lastSweep = long.MinValue;
    private long _held;

    public CorrelationExecutor(CorrelationSpec spec) => _spec = spec;

    public WindowCounters Counters { get; } = new();

    /// <summary>Hits that had no value for a group-by field: they join no group (as a terms aggregation skips them).</summary>
    public long Ungrouped { get; private set; }

    public void Add(StageHit hit)
    {
        if (_pending.Count > 0 && hit.TimeMs > _pendingTime) JudgePending();
        // Older than a time already judged: only a streaming late hit; it is judged at its own time right away.
        bool late = hit.TimeMs < _pendingTime;
        List<CorrelationGroup> groups = GroupsOf(hit);
        if (groups.Count == 0) Ungrouped++;
        foreach (CorrelationGroup group in groups)
        {
            if (!late) _held -= group.DropBefore(hit.TimeMs - _spec.TimespanMs);
            if (group.Insert(hit, _spec.GroupCap)) Counters.CapsHit++;
            else _held++;
            if (late) Judge(group, hit.TimeMs, new[] { hit });
            else _pending.Add((group, hit));
        }
        if (!late) _pendingTime = hit.TimeMs;
        Counters.SetState(_held);
    }

    public void Advance(long watermarkMs, List<WindowAlert> alerts)
    {
        // A hit at the watermark itself may still come (only older ones are late), so its time is judged later.
        if (_pending.Count > 0 && _pendingTime < watermarkMs) JudgePending();
        alerts.AddRange(_ready);
        _ready.Clear();
    }

    public void Finish(List<WindowAlert> alerts)
    {
        if (_pending.Count > 0) JudgePending();
        alerts.AddRange(_ready);
        _ready.Clear();
    }

    /// <summary>Judges every group that got hits at the pending time, in key order, then evicts what no window needs.</summary>
    private void JudgePending()
    {
        long t = _pendingTime;
        foreach (var byGroup in _pending.GroupBy(p => p.Group).OrderBy(g => g.Key.Key, StringComparer.Ordinal))
            Judge(byGroup.Key, t, byGroup.Select(p => p.Hit).ToList());
        _pending.Clear();
        Counters.Ticks++;
        Evict(t);
    }

    /// <summary>Windows end at t or later from now on: hits before t − timespan are gone for good (swept once per timespan).</summary>
    private void Evict(long t)
    {
        if (_lastSweep != long.MinValue && t - _lastSweep < _spec.TimespanMs) return;
        _lastSweep = t;
        long oldest = t - _spec.TimespanMs;
        var empty = new List<string>();
        foreach (CorrelationGroup group in _groups.Values)
        {
            _held -= group.DropBefore(oldest);
            if (group.Hits.Count == 0) empty.Add(group.Key);
        }
        foreach (string key in empty) _groups.Remove(key);
        Counters.SetState(_held);
    }

    /// <summary>One group per combination of the group-by values; none when a group-by field is missing.</summary>
    private List<CorrelationGroup> GroupsOf(StageHit hit)
    {
        var combinations = new List<string[]> { new string[hit.GroupValues.Count] };
        for (int i = 0; i < hit.GroupValues.Count; i++)
        {
            IReadOnlyList<string> values = hit.GroupValues[i];
            if (values.Count == 0) return new List<CorrelationGroup>();
            var next = new List<string[]>();
            foreach (string[] partial in combinations)
                foreach (string value in values.Distinct(StringComparer.Ordinal))
                {
                    string[] copy = (string[])partial.Clone();
                    copy[i] = value;
                    next.Add(copy);
                }
            combinations = next;
        }
        var groups = new List<CorrelationGroup>(combinations.Count);
        foreach (string[] values in combinations)
        {
            string key = string.Join("\u001f", values);
            if (!_groups.TryGetValue(key, out CorrelationGroup? group)) _groups[key] = group = new CorrelationGroup(key, values);
            groups.Add(group);
        }
        return groups;
    }

    private void Judge(CorrelationGroup group, long t, IReadOnlyList<StageHit> triggers)
    {
        long start = t - _spec.TimespanMs;
        List<StageHit> window = group.Window(start, t);
        StageHit trigger = triggers.OrderBy(h => h.Identity, StringComparer.Ordinal).First();
        if (_spec.Type == CorrelationType.ValuePercentile)
        {
            List<string> all = window.SelectMany(h => h.Values).ToList();
            if (all.Count == 0) return;
            foreach (string value in triggers.SelectMany(h => h.Values).Distinct(StringComparer.Ordinal).OrderBy(v => v, StringComparer.Ordinal))
            {
                double share = 100.0 * all.Count(v => v == value) / all.Count;
                if (_spec.Condition.Holds(share)) _ready.Add(Alert(group, t, trigger, window, share, value));
            }
            return;
        }
        if (Measure(window) is double measured && _spec.Condition.Holds(measured)) _ready.Add(Alert(group, t, trigger, window, measured, null));
    }

    /// <summary>The number the condition is applied to; null when it is undefined (a sum or average of no number).</summary>
    private double? Measure(List<StageHit> window)
    {
        switch (_spec.Type)
        {
            case CorrelationType.EventCount:
                return window.Count;
            case CorrelationType.ValueCount:
                return window.SelectMany(h => h.Values).Distinct(StringComparer.Ordinal).Count();
            case CorrelationType.Temporal:
                return window.Select(h => h.Stage).Distinct().Count();
            case CorrelationType.TemporalOrdered:
                return OrderedStages(window);
            case CorrelationType.ValueSum:
            {
                List<double> numbers = Numbers(window);
                return numbers.Count == 0 ? null : numbers.Sum();
            }
            case CorrelationType.ValueAvg:
            {
                List<double> numbers = Numbers(window);
                return numbers.Count == 0 ? null : numbers.Sum() / numbers.Count;
            }
            default:
                return null;
        }
    }

    /// <summary>
    /// temporal_ordered: how many referenced rules, in listed order, matched at non-decreasing times (ties count as in
    /// order, rsigma's <c>≥</c>): rule 1's earliest hit, then rule 2's earliest at or after it, and so on.
    /// </summary>
    private int OrderedStages(List<StageHit> window)
    {
        long previous = long.MinValue;
        int matched = 0;
        for (int stage = 0; stage < _spec.References.Count; stage++)
        {
            long best = long.MaxValue;
            foreach (StageHit hit in window)
                if (hit.Stage == stage && hit.TimeMs >= previous && hit.TimeMs < best) best = hit.TimeMs;
            if (best == long.MaxValue) break;
            previous = best;
            matched++;
        }
        return matched;
    }

    /// <summary>Every value of the field that reads as a finite number (invariant culture); the rest are ignored.</summary>
    private static List<double> Numbers(List<StageHit> window)
    {
        var numbers = new List<double>();
        foreach (StageHit hit in window)
            foreach (string value in hit.Values)
                if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double n) && double.IsFinite(n)) numbers.Add(n);
        return numbers;
    }

    private CorrelationAlert Alert(CorrelationGroup group, long t, StageHit trigger, List<StageHit> window, double value, string? percentileOf)
    {
        string id = UuidV5.Create(_spec.RuleId + "|" + EventTime.Iso(t) + "|" + group.Key + "|" + (percentileOf ?? string.Empty), IdNamespace);
        var contributors = window
            .OrderBy(h => h.TimeMs).ThenBy(h => h.Identity, StringComparer.Ordinal).ThenBy(h => h.Stage)
            .Select(h => new CorrelationContributor(h.Identity, _spec.References[h.Stage].RuleId, h.TimeMs, _spec.References[h.Stage].IsCorrelation))
            .ToList();
        var rules = window.Select(h => h.Stage).Distinct().OrderBy(s => s).Select(s => _spec.References[s].RuleId).ToList();
        return new CorrelationAlert(id, _spec.RuleId, _spec.Type, t, trigger.Timestamp, _spec.GroupBy, group.Values, value, _spec.Field, percentileOf,
            t - _spec.TimespanMs, rules, contributors);
    }
}
