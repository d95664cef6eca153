using System;
using System.Collections.Generic;
using System.Globalization;
using RuleGen.Runtime.Windows;

namespace RuleGen.Runtime.Sequences;

/// <summary>
/// One sequence rule's executor: at each tick, a fresh <see cref="SequenceMatcher{T}"/> over that tick's window
/// only (Kibana's eql.ts sends one EQL search per execution; a sequence longer than the window is never found),
/// the window's hits ordered as Elasticsearch orders them (timestamp_field, then tiebreaker_field with missing
/// ones last, then input order: file, line), the last <c>max_signals</c> sequences kept (the search's size with
/// Elasticsearch's default result_position, tail), each written as building blocks plus a shell. The same
/// sequence found again by an overlapping window has the same ids, which the window stage drops.
/// </summary>
public sealed class SequenceExecutor : TickedExecutor
{
    private readonly SequenceSpec _spec;
    private readonly int[][] _keyIndexes;
    private readonly int[]? _untilIndexes;
    private readonly SequenceSuppression? _suppression;

    public SequenceExecutor(SequenceSpec spec, TickSchedule schedule) : base(schedule)
    {
        _spec = spec;
        _keyIndexes = new int[spec.Stages.Count][];
        for (int s = 0; s < spec.Stages.Count; s++) _keyIndexes[s] = Indexes(spec.Stages[s]);
        _untilIndexes = spec.Until is null ? null : Indexes(spec.Until);
        if (spec.Suppression is SuppressionSettings settings) _suppression = new SequenceSuppression(spec, settings, schedule.IntervalMs);
    }

    protected override long KindState => _suppression?.State ?? 0;

    protected override void Finished(List<WindowAlert> alerts) => _suppression?.Finish(alerts);

    /// <summary>Sequences found in any window (before the id store drops repeats), for tests and the docs.</summary>
    public long SequencesFound { get; private set; }

    private int[] Indexes(SequenceStageSpec stage)
    {
        var indexes = new int[stage.Keys.Count];
        for (int k = 0; k < indexes.Length; k++) indexes[k] = IndexOf(_spec.KeyFields, stage.Keys[k].Field);
        return indexes;
    }

    /// <summary>Each execution's matcher starts fresh: an empty window finds nothing and leaves nothing.</summary>
    protected override bool SkipsEmptyWindows => true;

    protected override void RunTick(long tickMs, long windowStartMs, long windowEndMs, IReadOnlyList<StageHit> window, List<WindowAlert> alerts)
    {
        if (window.Count == 0)
        {
            _suppression?.Run(tickMs, windowStartMs, System.Array.Empty<IReadOnlyList<StageHit>>(), alerts);
            return;
        }
        var ordered = new List<(StageHit Hit, long Time)>(window.Count);
        foreach (StageHit hit in window)
            if (hit.Values.Count > 0 && long.TryParse(hit.Values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long time)) ordered.Add((hit, time));
        ordered.Sort(Compare);

        var matcher = new SequenceMatcher<StageHit>(_spec.Plan);
        var keys = new SequenceKey?[_spec.Plan.StageCount];
        for (int i = 0; i < ordered.Count; i++)
        {
            StageHit hit = ordered[i].Hit;
            ulong mask = hit.Match?.StageMask ?? 1UL << hit.Stage;
            for (int s = 0; s < keys.Length; s++)
            {
                int written = _spec.ExpandedStages[s];
                keys[s] = (mask & (1UL << written)) != 0 ? Key(hit, _spec.Stages[written], _keyIndexes[written]) : null;
            }
            SequenceKey? until = _spec.Until is not null && (mask & (1UL << _spec.UntilBit)) != 0 ? Key(hit, _spec.Until, _untilIndexes!) : null;
            matcher.Add(new SequenceEvent<StageHit>(new SequenceOrdinal(ordered[i].Time, null, i), (SequenceKey?[])keys.Clone(), until, hit));
        }

        IReadOnlyList<IReadOnlyList<StageHit>> found = matcher.Found;
        SequencesFound += found.Count;
        int skip = Math.Max(0, found.Count - _spec.MaxSignals);
        if (_suppression is not null)
        {
            var kept = new List<IReadOnlyList<StageHit>>(found.Count - skip);
            for (int n = skip; n < found.Count; n++) kept.Add(found[n]);
            _suppression.Run(tickMs, windowStartMs, kept, alerts);
            return;
        }
        for (int n = skip; n < found.Count; n++) SequenceAlerts.Add(_spec.RuleId, tickMs, found[n], alerts);
    }

    /// <summary>
    /// The stage's join key for the hit: the key fields' JSON texts in order; null (the event is not in the stage)
    /// when a key is missing, unless it was written <c>?field</c>, which joins as null (eql-syntax.md "Optional fields").
    /// </summary>
    private static SequenceKey? Key(StageHit hit, SequenceStageSpec stage, int[] indexes)
    {
        if (indexes.Length == 0) return SequenceKey.None;
        var parts = new string[indexes.Length];
        for (int k = 0; k < indexes.Length; k++)
        {
            IReadOnlyList<string> values = hit.GroupValues[indexes[k]];
            if (values.Count > 0) parts[k] = values[0];
            else if (stage.Keys[k].Optional) parts[k] = "null";
            else return null;
        }
        return new SequenceKey(parts);
    }

    /// <summary>timestamp_field, then tiebreaker (present before missing; numbers by value, else ordinal text), then the document's own id, then file and line.</summary>
    private static int Compare((StageHit Hit, long Time) a, (StageHit Hit, long Time) b)
    {
        int c = a.Time.CompareTo(b.Time);
        if (c != 0) return c;
        string ta = a.Hit.Values.Count > 1 ? a.Hit.Values[1] : "", tb = b.Hit.Values.Count > 1 ? b.Hit.Values[1] : "";
        if (ta.Length == 0 != (tb.Length == 0)) return ta.Length == 0 ? 1 : -1;
        if (ta.Length > 0)
        {
            c = double.TryParse(ta, NumberStyles.Float, CultureInfo.InvariantCulture, out double na) && double.TryParse(tb, NumberStyles.Float, CultureInfo.InvariantCulture, out double nb)
                ? na.CompareTo(nb)
                : string.CompareOrdinal(ta, tb);
            if (c != 0) return c;
        }
        // Concurrent events (Elastic leaves their order to the shards): by the document's own id, then input position.
        return StageHit.CompareTies(a.Hit, b.Hit);
    }

    private static int IndexOf(IReadOnlyList<string> fields, string field)
    {
        for (int i = 0; i < fields.Count; i++)
            if (fields[i] == field) return i;
        throw new ArgumentException($"'{field}' is not a key field", nameof(field));
    }
}
