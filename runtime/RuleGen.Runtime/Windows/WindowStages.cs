using System;
using System.Collections.Generic;
using RuleGen.Runtime.Correlations;

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
    private readonly CorrelationRoutes _routes;
    private readonly HashSet<CompiledRule> _finished = new();

    /// <param name="options">The scan's stateful-rule switches.</param>
    /// <param name="sink">Where alerts go (streaming: as they become final; offline: at <see cref="Finish"/>).</param>
    /// <param name="rules">The scan's rules, so that Sigma correlations among them get the matches (and alerts) of the
    /// rules they refer to (docs/sigma-correlations.md); without them correlations see no hits.</param>
    public WindowStages(WindowOptions options, Action<CompiledRule, WindowAlert> sink, IEnumerable<CompiledRule>? rules = null)
    {
        _options = options;
        _sink = sink;
        _routes = rules is null ? CorrelationRoutes.None : new CorrelationRoutes(rules);
    }

    public IReadOnlyCollection<WindowStage> Stages => _stages.Values;

    /// <summary>Every match of a stateful rule, with a usable time or not: none of them is an alert itself.</summary>
    public long Taken { get; private set; }

    /// <summary>Matches of a stateful rule with no usable time (no range filter would match them).</summary>
    public long Untimed { get; private set; }

    /// <summary>
    /// True when the match is not an alert: it belongs to a stateful rule (a stage hit), or to a rule that only Sigma
    /// correlations with <c>generate: false</c> refer to (a hit of each, and silent itself).
    /// </summary>
    public bool Take(RuleMatch match)
    {
        bool silenced = false;
        if (!_routes.IsEmpty)
        {
            var feeds = _routes.Feeds(match.Rule.Metadata.RuleId);
            foreach ((CompiledRule correlation, CorrelationSpec feed) in feeds) Add(correlation, feed, feed.Hit(match, _options));
            silenced = feeds.Count > 0 && _routes.Silenced(match.Rule.Metadata.RuleId);
        }
        if (match.Rule.Stateful is not StatefulSpec spec)
        {
            if (silenced) lock (_gate) Taken++;
            return silenced;
        }
        lock (_gate) Taken++;
        Add(match.Rule, spec, spec.Hit(match, _options));
        return true;
    }

    /// <summary>One hit to a rule's stage (made on first use); streaming, the alerts it made final are delivered.</summary>
    private void Add(CompiledRule rule, StatefulSpec spec, StageHit? hit)
    {
        WindowStage? stage;
        lock (_gate)
        {
            if (hit is null)
            {
                Untimed++;
                return;
            }
            stage = StageOf(rule, spec);
        }
        if (_options.LatenessMs is null)
        {
            stage.Add(hit);
            return;
        }
        var ready = new List<WindowAlert>();
        stage.Add(hit, ready);
        lock (_gate) Deliver(rule, ready);
    }

    private WindowStage StageOf(CompiledRule rule, StatefulSpec spec)
    {
        if (!_stages.TryGetValue(rule, out WindowStage? stage))
            _stages[rule] = stage = new WindowStage(spec, RuleSchedule.Of(rule.Metadata, _options.ScheduleStartMs), _options.LatenessMs);
        return stage;
    }

    /// <summary>
    /// A stage's alerts to the sink, unless a correlation silences the rule, and, as hits, to every correlation that
    /// refers to it (chains). Offline the outer stage holds them until its own Finish, which comes after (by depth).
    /// </summary>
    private void Deliver(CompiledRule rule, List<WindowAlert> alerts)
    {
        var feeds = _routes.Feeds(rule.Metadata.RuleId);
        bool silenced = feeds.Count > 0 && _routes.Silenced(rule.Metadata.RuleId);
        foreach (WindowAlert alert in alerts)
        {
            if (!silenced) _sink(rule, alert);
            if (alert is not CorrelationAlert correlationAlert) continue;
            foreach ((CompiledRule outer, CorrelationSpec spec) in feeds)
            {
                if (spec.Hit(correlationAlert) is not StageHit hit) continue;
                if (_finished.Contains(outer)) continue;
                WindowStage stage = StageOf(outer, spec);
                var ready = new List<WindowAlert>();
                if (_options.LatenessMs is null) stage.Add(hit);
                else stage.Add(hit, ready);
                Deliver(outer, ready);
            }
        }
    }

    /// <summary>After the last input: every stage runs to its horizon and its alerts go to the sink.</summary>
    /// <remarks>Stages finish by chain depth (a correlation after the correlations it refers to, whose alerts are its
    /// hits), then by rule name and id; a stage made by an inner correlation's alerts joins the queue.</remarks>
    public void Finish()
    {
        lock (_gate)
        {
            while (true)
            {
                KeyValuePair<CompiledRule, WindowStage>? next = null;
                foreach (KeyValuePair<CompiledRule, WindowStage> pair in _stages)
                {
                    if (_finished.Contains(pair.Key)) continue;
                    if (next is null || Before(pair.Key, next.Value.Key)) next = pair;
                }
                if (next is not KeyValuePair<CompiledRule, WindowStage> chosen) return;
                _finished.Add(chosen.Key);
                Deliver(chosen.Key, chosen.Value.Finish());
            }
        }
    }

    private bool Before(CompiledRule a, CompiledRule b)
    {
        int c = _routes.DepthOf(a).CompareTo(_routes.DepthOf(b));
        if (c == 0) c = string.CompareOrdinal(a.Metadata.Name, b.Metadata.Name);
        if (c == 0) c = string.CompareOrdinal(a.Metadata.RuleId, b.Metadata.RuleId);
        return c < 0;
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
