using System;
using System.Collections.Generic;
using System.Linq;

namespace RuleGen.Runtime.Windows;

/// <summary>
/// One threshold rule's executor, run once per tick over the hits in that tick's window, as Kibana's threshold.ts runs
/// per execution: drop stale history, leave out the events the history covers, group (one bucket per combination of
/// values; an event missing a group field is not counted), keep buckets reaching the count and the distinct count,
/// take the first <c>max_signals</c> by key, write the alerts, then record them in the history.
/// </summary>
public sealed class ThresholdExecutor : TickedExecutor
{
    /// <summary>Kibana's namespace for threshold alert ids (utils.ts <c>calculateThresholdSignalUuid</c>).</summary>
    private static readonly Guid IdNamespace = new("0684ec03-7201-4ee0-8ee0-3a3f6b2479b2");

    private readonly ThresholdSpec _spec;
    private readonly ThresholdSignalHistory _history = new();
    private readonly int[] _allFieldIndexes;
    private readonly SuppressionPersistence? _suppression;

    public ThresholdExecutor(ThresholdSpec spec, TickSchedule schedule) : base(schedule)
    {
        _spec = spec;
        _allFieldIndexes = Enumerable.Range(0, spec.Fields.Count).ToArray();
        if (spec.Suppression is SuppressionSettings settings) _suppression = new SuppressionPersistence(settings, schedule.IntervalMs);
    }

    /// <summary>Entries in the carried signal history (part of the state size in the summary).</summary>
    protected override long KindState => _history.Count + (_suppression?.State ?? 0);

    /// <summary>
    /// Elastic's id: v5 UUID of rule id + startedAt (ISO) + the fields joined by ',' + the bucket's values sorted and
    /// joined by ','. It holds t_k, so ids never repeat across ticks: the history, not the ids, stops re-alerting.
    /// </summary>
    public static string AlertId(string ruleId, long tickMs, IReadOnlyList<string> fields, IEnumerable<string> values)
    {
        string[] sorted = values.ToArray();
        Array.Sort(sorted, StringComparer.Ordinal);
        return UuidV5.Create(ruleId + EventTime.Iso(tickMs) + string.Join(",", fields) + string.Join(",", sorted), IdNamespace);
    }

    /// <summary>An empty window changes nothing (the history's drop is monotone), unless suppression must close alerts.</summary>
    protected override bool SkipsEmptyWindows => _suppression is null;

    protected override void RunTick(long tickMs, long windowStartMs, long windowEndMs, IReadOnlyList<StageHit> window, List<WindowAlert> output)
    {
        // An empty window changes nothing: the history's drop is monotone and waits for the next run that has hits.
        if (window.Count == 0)
        {
            _suppression?.AfterTick(tickMs, windowStartMs, output);
            return;
        }
        _history.DropUpTo(windowStartMs);
        var buckets = new Dictionary<string, ThresholdBucket>(StringComparer.Ordinal);
        foreach (StageHit hit in window)
        {
            if (_history.Excludes(hit)) continue;
            foreach (string[] combination in Combinations(hit))
            {
                string key = Key(combination);
                if (!buckets.TryGetValue(key, out ThresholdBucket? bucket)) buckets[key] = bucket = new ThresholdBucket(combination);
                bucket.Add(hit);
            }
        }

        List<ThresholdBucket> kept = buckets.Values
            .Where(b => b.Count >= _spec.Value && (_spec.CardinalityField is null || b.Distinct.Count >= _spec.CardinalityValue))
            .ToList();
        kept.Sort(ThresholdBucket.CompareKeys);
        if (kept.Count > _spec.MaxSignals) kept.RemoveRange(_spec.MaxSignals, kept.Count - _spec.MaxSignals);

        var alerts = new List<ThresholdAlert>(kept.Count);
        var suppressible = new List<SuppressedAlert>(_suppression is null ? 0 : kept.Count);
        foreach (ThresholdBucket bucket in kept)
        {
            var terms = new ThresholdTerm[bucket.Values.Length];
            for (int i = 0; i < terms.Length; i++) terms[i] = new ThresholdTerm(_spec.Fields[i], bucket.Values[i]);
            string key = Key(bucket.Values);
            // threshold_result.from: the group's last signal when the history still holds it, else the window's start.
            long from = _history.LastSignal(key) ?? windowStartMs;
            alerts.Add(new ThresholdAlert(
                AlertId(_spec.RuleId, tickMs, _spec.Fields, bucket.Values), tickMs, bucket.MaxTimeMs, terms, bucket.Count, from,
                _spec.CardinalityField is null ? null : bucket.Distinct.Count, _spec.CardinalityField));
            if (_suppression is not null)
            {
                // wrap_suppressed_threshold_alerts.ts: terms = the bucket key, start/end = its min/max time, docs_count 0.
                var suppressionTerms = terms.Select(t => SuppressionTerm.Single(t.Field, t.Value)).ToArray();
                suppressible.Add(new SuppressedAlert(alerts[^1], SuppressionIds.Instance(suppressionTerms, _spec.RuleId), suppressionTerms, bucket.MinTimeMs, bucket.MaxTimeMs, 0));
            }
        }
        if (_suppression is not null)
        {
            // Only the alerts written as new enter the signal history (bulkCreateSuppressedThresholdAlerts returns them for it).
            List<SuppressedAlert> created = _suppression.Run(tickMs, windowStartMs, suppressible, _spec.MaxSignals);
            alerts = created.Select(a => (ThresholdAlert)a.Inner).ToList();
        }
        foreach (ThresholdAlert alert in alerts)
            _history.Record(Key(alert.Terms.Select(t => t.Value).ToArray()), alert.Terms, _allFieldIndexes, alert.OriginalTimeMs);
        if (_suppression is not null) _suppression.AfterTick(tickMs, windowStartMs, output);
        else output.AddRange(alerts);
    }

    protected override void Finished(List<WindowAlert> alerts) => _suppression?.Finish(alerts);

    private static string Key(string[] values) => string.Join("\u0000", values);

    /// <summary>Every combination of the hit's distinct values, one per group field (none when a field is missing), at most 10,000.</summary>
    private IEnumerable<string[]> Combinations(StageHit hit)
    {
        var distinct = new string[_spec.Fields.Count][];
        for (int i = 0; i < distinct.Length; i++)
        {
            distinct[i] = hit.GroupValues[i].Distinct(StringComparer.Ordinal).ToArray();
            if (distinct[i].Length == 0) yield break;
        }
        // As new_terms does: past this many combinations a document's buckets are not made (a hit with three large
        // arrays would otherwise make their product), and the cap is counted for the summary's warning.
        double total = 1;
        foreach (string[] values in distinct) total *= values.Length;
        if (total > NewTermsCombinations.MaxPerDocument) Counters.CapsHit++;
        var chosen = new int[distinct.Length];
        for (int made = 0; made < NewTermsCombinations.MaxPerDocument; made++)
        {
            var combination = new string[distinct.Length];
            for (int i = 0; i < distinct.Length; i++) combination[i] = distinct[i][chosen[i]];
            yield return combination;
            int f = distinct.Length - 1;
            while (f >= 0 && ++chosen[f] == distinct[f].Length) chosen[f--] = 0;
            if (f < 0) yield break;
        }
    }
}
