using System.Collections.Generic;

namespace RuleGen.Runtime.Windows;

/// <summary>
/// A single-event EQL or ES|QL rule with alert_suppression, per execution as Kibana runs it: the execution's events
/// (EQL: the latest max_signals of the window, as the EQL search returns the tail; ES|QL: the first max_signals rows),
/// each a candidate alert with its document id and its whole-array suppression terms; with doNotSuppress, an event
/// missing a group_by field is an ordinary alert; the rest go through <see cref="SuppressionPersistence"/>
/// (bulk_create_suppressed_alerts_in_memory.ts, multiplier 1 for EQL and ES|QL).
/// </summary>
public sealed class EventSuppressionExecutor : TickedExecutor
{
    private readonly SuppressionSpec _spec;
    private readonly SuppressionPersistence _persistence;

    public EventSuppressionExecutor(SuppressionSpec spec, TickSchedule schedule) : base(schedule)
    {
        _spec = spec;
        _persistence = new SuppressionPersistence(spec.Settings, schedule.IntervalMs);
    }

    protected override long KindState => _persistence.State;

    protected override void RunTick(long tickMs, long windowStartMs, long windowEndMs, IReadOnlyList<StageHit> window, List<WindowAlert> alerts)
    {
        int take = System.Math.Min(window.Count, _spec.MaxSignals);
        if (window.Count > take) Counters.ElasticWouldTruncate++;
        int first = _spec.Type == SuppressedRuleType.Eql ? window.Count - take : 0;
        var suppressible = new List<SuppressedAlert>();
        int plain = 0;
        for (int i = first; i < first + take; i++)
        {
            StageHit hit = window[i];
            var terms = new SuppressionTerm[_spec.Settings.GroupBy.Count];
            bool missing = false;
            for (int f = 0; f < terms.Length; f++)
            {
                terms[f] = SuppressionTerm.WholeArray(_spec.Settings.GroupBy[f], hit.GroupValues[f]);
                missing |= terms[f].Missing;
            }
            DocumentAlert document = DocumentAlert.For(hit, tickMs, _spec.RuleId);
            if (missing && !_spec.Settings.SuppressMissing)
            {
                // Ordinary alerts are written first, within max_signals (executeBulkCreateAlerts).
                if (plain < _spec.MaxSignals && _persistence.Emit(document, hit.TimeMs)) plain++;
                continue;
            }
            suppressible.Add(new SuppressedAlert(document, SuppressionIds.Instance(terms, _spec.RuleId), terms, hit.TimeMs, hit.TimeMs, 0));
        }
        if (suppressible.Count > 0) _persistence.Run(tickMs, windowStartMs, suppressible, _spec.MaxSignals - plain);
        _persistence.AfterTick(tickMs, windowStartMs, alerts);
    }

    protected override void Finished(List<WindowAlert> alerts) => _persistence.Finish(alerts);
}
