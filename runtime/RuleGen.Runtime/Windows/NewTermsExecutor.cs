using System.Collections.Generic;

namespace RuleGen.Runtime.Windows;

/// <summary>
/// One new_terms rule's executor, run once per tick as Kibana's aggregation approach runs per execution
/// (execute_new_terms_aggregation_approach.ts): the terms of the hits in <c>[from, to]</c>, of which a term is new iff
/// some hit carries it with T in <c>(from, to]</c> and none with T in <c>[history_start, from]</c> (Kibana keeps a
/// term only if <c>min(time) &gt; from</c> over <c>[history_start, to]</c>; <c>history_start</c> is date math with now
/// = the run's <c>to</c>). The alert copies the earliest hit carrying it (by T, then the document's own id, then file, then line: StageHit.CompareByTime). The history is
/// per-term latest times (<see cref="NewTermsHistory"/>) fed by the hits leaving the windows. See docs/new-terms.md.
/// </summary>
public sealed class NewTermsExecutor : TickedExecutor
{
    /// <summary>Elastic's page and ES|QL limit: more distinct terms than this in one run and Elastic pages or caps.</summary>
    public const int ElasticTermsPerRun = 10_000;

    private readonly NewTermsSpec _spec;
    private readonly NewTermsHistory _history;
    // The terms of each hit still in a window, computed once (and counted once for the flags).
    private readonly Dictionary<StageHit, NewTerm[]> _terms = new(ReferenceEqualityComparer.Instance);
    private readonly NewTermsSuppression? _suppression;

    public NewTermsExecutor(NewTermsSpec spec, TickSchedule schedule)
        : base(schedule)
    {
        _spec = spec;
        _history = new NewTermsHistory(spec.MaxTerms);
        if (spec.Suppression is SuppressionSettings settings) _suppression = new NewTermsSuppression(spec, settings, schedule.IntervalMs);
    }

    protected override long KindState => _history.Count + (_suppression?.State ?? 0);

    private sealed class Candidate
    {
        public Candidate(NewTerm term, StageHit first)
        {
            Term = term;
            First = first;
        }

        public NewTerm Term { get; }

        public StageHit First { get; }

        public long Count { get; set; } = 1;
    }

    /// <summary>An empty window has no candidate; the history expires by time at the next execution with hits.</summary>
    protected override bool SkipsEmptyWindows => true;

    protected override void RunTick(long tick, long windowStartMs, long windowEndMs, IReadOnlyList<StageHit> window, List<WindowAlert> alerts)
    {
        long historyStart = _spec.History.StartFor(windowEndMs);
        _history.Expire(historyStart);
        var candidates = new Dictionary<string, Candidate>(System.StringComparer.Ordinal);
        var atStart = new HashSet<string>(System.StringComparer.Ordinal);
        // The window is in StageHit.CompareByTime order (T, own id, file, line), so the first hit to carry a term is its earliest document.
        foreach (StageHit hit in window)
        {
            foreach (NewTerm term in TermsOf(hit))
            {
                // A hit exactly at from is history (first_seen > from is strict).
                if (hit.TimeMs <= windowStartMs) atStart.Add(term.Key);
                else if (candidates.TryGetValue(term.Key, out Candidate? seen)) seen.Count++;
                else candidates[term.Key] = new Candidate(term, hit);
            }
        }
        if (candidates.Count > ElasticTermsPerRun) Counters.ElasticWouldTruncate++;

        var fresh = new List<Candidate>();
        foreach (Candidate c in candidates.Values)
            if (!atStart.Contains(c.Term.Key) && !_history.SeenSince(c.Term.Key, historyStart)) fresh.Add(c);
        fresh.Sort(_spec.Fields.Count == 1 ? BySingleFieldOrder : ByCompositeOrder);
        // With suppression Kibana goes on paging until created + suppressed alerts reach 5 × max_signals.
        int considered = _suppression is null ? _spec.MaxSignals : NewTermsSuppression.Multiplier * _spec.MaxSignals;
        var wrapped = new List<NewTermsAlert>(System.Math.Min(fresh.Count, considered));
        for (int i = 0; i < fresh.Count && i < considered; i++)
        {
            Candidate c = fresh[i];
            wrapped.Add(new NewTermsAlert(NewTermsAlertId.For(c.First, _spec.RuleId, c.Term.Values), tick, c.First, c.Term.Values));
        }
        if (_suppression is null) alerts.AddRange(wrapped);
        else if (_suppression.Run(tick, windowStartMs, wrapped, alerts)) Counters.ElasticWouldTruncate++;
    }

    protected override void Finished(List<WindowAlert> alerts) => _suppression?.Finish(alerts);

    /// <summary>
    /// One field: Kibana's phase 3 is a terms aggregation in its default order (most documents in the window first,
    /// then by value) and bulk create keeps the first max_signals.
    /// </summary>
    private static int BySingleFieldOrder(Candidate a, Candidate b)
    {
        int c = b.Count.CompareTo(a.Count);
        return c != 0 ? c : NewTerm.CompareValues(a.Term, b.Term);
    }

    /// <summary>Several fields: composite aggregation pages, ascending by each field's value in order.</summary>
    private static int ByCompositeOrder(Candidate a, Candidate b) => NewTerm.CompareValues(a.Term, b.Term);

    protected override void Evicted(StageHit hit)
    {
        NewTerm[] terms = TermsOf(hit);
        _terms.Remove(hit);
        foreach (NewTerm term in terms)
            if (!_history.Record(term.Key, hit.TimeMs)) Counters.CapsHit++;
    }

    private NewTerm[] TermsOf(StageHit hit)
    {
        if (_terms.TryGetValue(hit, out NewTerm[]? known)) return known;
        NewTerm[] terms = NewTermsCombinations.Of(hit.GroupValues, out long total);
        if (total > NewTermsCombinations.ElasticLimit) Counters.ElasticWouldTruncate++;
        if (total > NewTermsCombinations.MaxPerDocument) Counters.CapsHit++;
        _terms[hit] = terms;
        return terms;
    }
}
