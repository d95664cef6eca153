using System;
using System.Collections.Generic;

namespace RuleGen.Runtime.Windows;

/// <summary>
/// Every stateful rule's window stage in one scan. Route every <see cref="RuleMatch"/> through <see cref="Take"/> (it
/// says whether the match was a stage hit rather than an alert), then call <see cref="Finish"/> after the last input.
/// Alerts go to the sink given at construction: streaming, as soon as a tick is final; offline, at the end, rule by
/// rule (by name, then id) in tick order. In the runtime, not the CLI, so an application embedding the detectors runs
/// stateful rules as <c>rulegen scan</c> does.
/// </summary>
public sealed class WindowStages
{
    private readonly WindowOptions _options;
    private readonly Action<CompiledRule, WindowAlert> _sink;
    private readonly Dictionary<CompiledRule, WindowStage> _stages = new();
    private readonly object _gate = new();

    public WindowStages(WindowOptions options, Action<CompiledRule, WindowAlert> sink)
    {
        _options = options;
        _sink = sink;
    }

    public IReadOnlyCollection<WindowStage> Stages => _stages.Values;

    /// <summary>Every match of a stateful rule, with a usable time or not: none of them is an alert itself.</summary>
    public long Taken { get; private set; }

    /// <summary>Matches of a stateful rule with no usable time (no range filter would match them).</summary>
    public long Untimed { get; private set; }

    /// <summary>True when the match belongs to a stateful rule (then it is a stage hit, not an alert).</summary>
    public bool Take(RuleMatch match)
    {
        if (match.Rule.Stateful is not StatefulSpec spec) return false;
        StageHit? hit = spec.Hit(match, _options);
        WindowStage? stage;
        lock (_gate)
        {
            Taken++;
            if (hit is null)
            {
                Untimed++;
                return true;
            }
            if (!_stages.TryGetValue(match.Rule, out stage))
                _stages[match.Rule] = stage = new WindowStage(spec, RuleSchedule.Of(match.Rule.Metadata, _options.ScheduleStartMs), _options.LatenessMs);
        }
        if (_options.LatenessMs is null)
        {
            stage.Add(hit);
            return true;
        }
        var ready = new List<WindowAlert>();
        stage.Add(hit, ready);
        lock (_gate) foreach (WindowAlert alert in ready) _sink(match.Rule, alert);
        return true;
    }

    /// <summary>After the last input: every stage runs to its horizon and its alerts go to the sink.</summary>
    public void Finish()
    {
        var ordered = new List<KeyValuePair<CompiledRule, WindowStage>>(_stages);
        ordered.Sort((a, b) =>
        {
            int c = string.CompareOrdinal(a.Key.Metadata.Name, b.Key.Metadata.Name);
            return c != 0 ? c : string.CompareOrdinal(a.Key.Metadata.RuleId, b.Key.Metadata.RuleId);
        });
        foreach (KeyValuePair<CompiledRule, WindowStage> pair in ordered)
            foreach (WindowAlert alert in pair.Value.Finish()) _sink(pair.Key, alert);
    }

    /// <summary>One line per kind for the summary: rules, ticks, hits, late, alerts, duplicates dropped, state, caps.</summary>
    public IEnumerable<string> Summary()
    {
        var kinds = new SortedDictionary<string, (int Rules, long Ticks, long Hits, long Late, long Alerts, long Duplicates, long Peak, long Caps, long Truncate)>(StringComparer.Ordinal);
        foreach (WindowStage stage in _stages.Values)
        {
            kinds.TryGetValue(stage.Spec.Kind, out var k);
            WindowCounters c = stage.Counters;
            kinds[stage.Spec.Kind] = (k.Rules + 1, k.Ticks + c.Ticks, k.Hits + stage.Hits, k.Late + stage.Late, k.Alerts + stage.Alerts,
                k.Duplicates + stage.DuplicateIds, k.Peak + c.PeakState, k.Caps + c.CapsHit, k.Truncate + c.ElasticWouldTruncate);
        }
        foreach (var pair in kinds)
        {
            var k = pair.Value;
            string line = $"{pair.Key}: {k.Rules} rule(s), {k.Ticks} tick(s), {k.Hits} stage hit(s), {k.Alerts} alert(s), {k.Duplicates} repeated id(s) dropped, peak state {k.Peak}";
            if (k.Late > 0) line += $", {k.Late} late hit(s)";
            if (k.Caps > 0) line += $", WARNING: a state cap was hit {k.Caps} time(s)";
            if (k.Truncate > 0) line += $", {k.Truncate} place(s) where Elastic would truncate or approximate";
            yield return line;
        }
    }
}
