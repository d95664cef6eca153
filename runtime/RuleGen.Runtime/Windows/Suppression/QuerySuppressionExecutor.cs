using System;
using System.Collections.Generic;
using System.Linq;

namespace RuleGen.Runtime.Windows;

/// <summary>
/// A custom query rule with alert_suppression, per execution as Kibana's group_and_bulk_create.ts runs it: leave out
/// the events an earlier execution's bucket already counted (the bucket history: same values, time up to that bucket's
/// end), group the rest by a composite aggregation over the group_by fields (one bucket per combination of values;
/// a missing field is a null value with suppress, ascending keys with null last), at most max_signals buckets, each
/// one alert copying the bucket's oldest event with docs_count = events − 1 and start/end = the bucket's time range.
/// With a duration the alerts go through <see cref="SuppressionPersistence"/>; per execution they are written as they
/// are (create-only ids). With doNotSuppress, events missing a field are ordinary alerts, oldest first, within
/// max_signals minus the buckets.
/// </summary>
public sealed class QuerySuppressionExecutor : TickedExecutor
{
    private readonly SuppressionSpec _spec;
    private readonly SuppressionPersistence _persistence;
    private readonly List<(SuppressionTerm[] Key, long EndMs)> _history = new();

    public QuerySuppressionExecutor(SuppressionSpec spec, TickSchedule schedule) : base(schedule)
    {
        _spec = spec;
        _persistence = new SuppressionPersistence(spec.Settings, schedule.IntervalMs);
    }

    protected override long KindState => _persistence.State + _history.Count;

    private sealed class Bucket
    {
        public Bucket(SuppressionTerm[] terms, StageHit first)
        {
            Terms = terms;
            Oldest = first;
            MinMs = MaxMs = first.TimeMs;
        }

        public SuppressionTerm[] Terms { get; }

        public StageHit Oldest { get; }

        public long Count { get; set; }

        public long MinMs { get; }

        public long MaxMs { get; set; }
    }

    protected override void RunTick(long tickMs, long windowStartMs, long windowEndMs, IReadOnlyList<StageHit> window, List<WindowAlert> alerts)
    {
        // filterBucketHistory: a bucket that ended at or before this window's start can exclude nothing any more.
        _history.RemoveAll(h => h.EndMs <= windowStartMs);
        var buckets = new Dictionary<string, Bucket>(StringComparer.Ordinal);
        var missing = new List<StageHit>();
        foreach (StageHit hit in window)
        {
            if (_history.Any(h => Covers(h.Key, h.EndMs, hit))) continue;
            bool lacks = false;
            for (int f = 0; f < hit.GroupValues.Count; f++) lacks |= hit.GroupValues[f].Count == 0;
            if (lacks && !_spec.Settings.SuppressMissing)
            {
                missing.Add(hit);
                continue;
            }
            // Hits come in time order, so the first hit of a bucket is its oldest (top_hits sorted ascending).
            foreach (SuppressionTerm[] terms in Combinations(hit))
            {
                string key = SuppressionTerm.Key(terms);
                if (!buckets.TryGetValue(key, out Bucket? bucket)) buckets[key] = bucket = new Bucket(terms, hit);
                bucket.Count++;
                if (hit.TimeMs > bucket.MaxMs) bucket.MaxMs = hit.TimeMs;
            }
        }

        List<Bucket> ordered = buckets.Values.ToList();
        ordered.Sort((a, b) => CompareKeys(a.Terms, b.Terms));
        int maxUnsuppressed = _spec.MaxSignals - ordered.Count;
        if (ordered.Count > _spec.MaxSignals)
        {
            Counters.ElasticWouldTruncate++;
            ordered.RemoveRange(_spec.MaxSignals, ordered.Count - _spec.MaxSignals);
        }
        // bulkCreateUnsuppressedAlerts: the events missing a field, oldest first, as ordinary alerts.
        for (int i = 0; i < missing.Count && i < maxUnsuppressed; i++) _persistence.Emit(DocumentAlert.For(missing[i], tickMs, _spec.RuleId), missing[i].TimeMs);

        var wrapped = new List<SuppressedAlert>(ordered.Count);
        foreach (Bucket bucket in ordered)
        {
            string id = SuppressionIds.QueryBucket(bucket.Oldest.File, bucket.Oldest.Identity, _spec.RuleId, bucket.Terms, bucket.MinMs, bucket.MaxMs);
            var alert = new SuppressedAlert(new DocumentAlert(id, tickMs, bucket.Oldest), SuppressionIds.Instance(bucket.Terms, _spec.RuleId),
                bucket.Terms, bucket.MinMs, bucket.MaxMs, bucket.Count - 1);
            wrapped.Add(alert);
            _history.Add((bucket.Terms, bucket.MaxMs));
        }
        if (_spec.Settings.PerExecution)
        {
            foreach (SuppressedAlert alert in wrapped) _persistence.Emit(alert, alert.EndMs);
        }
        else if (wrapped.Count > 0)
        {
            _persistence.Run(tickMs, windowStartMs, wrapped, int.MaxValue);
        }
        _persistence.AfterTick(tickMs, windowStartMs, alerts);
    }

    protected override void Finished(List<WindowAlert> alerts) => _persistence.Finish(alerts);

    /// <summary>The bucket history filter: every term matches (a null one: the field is missing) and the time is up to the bucket's end.</summary>
    private static bool Covers(SuppressionTerm[] key, long endMs, StageHit hit)
    {
        if (hit.TimeMs > endMs) return false;
        for (int f = 0; f < key.Length; f++)
        {
            IReadOnlyList<string> values = hit.GroupValues[f];
            if (key[f].Missing ? values.Count != 0 : !values.Contains(key[f].Values[0], StringComparer.Ordinal)) return false;
        }
        return true;
    }

    /// <summary>Composite buckets: every combination of the hit's distinct values, a missing field as null.</summary>
    private IEnumerable<SuppressionTerm[]> Combinations(StageHit hit)
    {
        IReadOnlyList<string> fields = _spec.Settings.GroupBy;
        var distinct = new string?[fields.Count][];
        for (int f = 0; f < distinct.Length; f++)
        {
            string?[] values = hit.GroupValues[f].Distinct(StringComparer.Ordinal).ToArray<string?>();
            distinct[f] = values.Length == 0 ? new string?[] { null } : values;
        }
        var chosen = new int[distinct.Length];
        while (true)
        {
            var terms = new SuppressionTerm[distinct.Length];
            for (int f = 0; f < terms.Length; f++) terms[f] = SuppressionTerm.Single(fields[f], distinct[f][chosen[f]]);
            yield return terms;
            int at = distinct.Length - 1;
            while (at >= 0 && ++chosen[at] == distinct[at].Length) chosen[at--] = 0;
            if (at < 0) yield break;
        }
    }

    /// <summary>Composite order: ascending by each source in turn (keyword bytes), a missing value last (missing_order: last).</summary>
    private static int CompareKeys(SuppressionTerm[] a, SuppressionTerm[] b)
    {
        for (int f = 0; f < a.Length; f++)
        {
            if (a[f].Missing != b[f].Missing) return a[f].Missing ? 1 : -1;
            if (a[f].Missing) continue;
            int c = string.CompareOrdinal(a[f].Values[0], b[f].Values[0]);
            if (c != 0) return c;
        }
        return 0;
    }
}
