using System.Collections.Generic;
using System.Linq;
using RuleGen.Runtime.Pipeline;

namespace RuleGen.Runtime.Windows;

/// <summary>
/// One ES|QL rule's executions, tick by tick: the rows of the window's hits (each a fresh copy: a tick must not see
/// what an earlier tick's EVAL wrote), the pipeline run with NOW() = the tick, and the first max_signals rows written.
/// An aggregated row's id holds the window (its from and to) and the row's index, so a group counted again by an
/// overlapping look-back is a new alert, as in Kibana (stateful.md §3); a non-aggregating row's id holds the event's
/// identity (and MV_EXPAND's values), so the create-only id store drops its repeats.
/// </summary>
public sealed class EsqlExecutor : TickedExecutor
{
    private readonly EsqlSpec _spec;
    private readonly SuppressionPersistence? _suppression;

    public EsqlExecutor(EsqlSpec spec, TickSchedule schedule) : base(schedule)
    {
        _spec = spec;
        if (spec.Suppression is SuppressionSettings settings) _suppression = new SuppressionPersistence(settings, schedule.IntervalMs);
    }

    protected override long KindState => _suppression?.State ?? 0;

    /// <summary>
    /// An execution over no rows is not run. Only a STATS without BY could write from none (its one row, COUNT 0),
    /// which a rule's WHERE after it always filters out (docs/esql-pipeline.md).
    /// </summary>
    protected override bool SkipsEmptyWindows => _suppression is null;

    protected override void RunTick(long tickMs, long windowStartMs, long windowEndMs, IReadOnlyList<StageHit> window, List<WindowAlert> alerts)
    {
        EsqlPipeline pipeline = _spec.Pipeline;
        var rows = new List<EsqlRow>(window.Count);
        foreach (StageHit hit in window)
        {
            if (hit.Match?.PipelineRow is not EsqlValue[] row) continue;
            rows.Add(new EsqlRow((EsqlValue[])row.Clone(), hit.Match));
        }
        var created = new List<WindowAlert>();
        var context = new EsqlContext(tickMs);
        // The rows have been through the per-event steps already (EsqlRows): the execution runs the rest.
        List<EsqlRow> result = pipeline.RunPerTick(rows, context);
        int count = System.Math.Min(result.Count, _spec.MaxSignals);
        for (int i = 0; i < count; i++)
        {
            EsqlRow row = result[i];
            if (pipeline.Aggregating || row.Origin is null)
            {
                string id = EsqlAlertIds.Aggregating(windowStartMs, windowEndMs, _spec.Query, EsqlAlertIds.Space, _spec.RuleId, i);
                List<KeptColumn> columns = EsqlRows.RowColumns(row, pipeline);
                var rowMatch = new RuleMatch(window[0].Match!.Rule, new DocumentPosition(string.Empty, 0, 0), null, columns);
                created.Add(new EsqlRowAlert(id, tickMs, null, null, columns, rowMatch));
            }
            else
            {
                RuleMatch origin = row.Origin;
                var copy = new RuleMatch(origin.Rule, origin.Position, origin.OriginalTime, EsqlRows.EventColumns(origin.Columns, row, pipeline));
                string id = NonAggregatingId(origin, row, pipeline);
                created.Add(new EsqlRowAlert(id, tickMs, origin.OriginalTime, copy, System.Array.Empty<KeptColumn>(), copy));
            }
        }
        if (result.Count > _spec.MaxSignals) Counters.ElasticWouldTruncate++;
        if (_suppression is null)
        {
            alerts.AddRange(created);
            return;
        }
        Suppress(tickMs, windowStartMs, created, alerts);
    }

    /// <summary>
    /// alert_suppression over the execution's rows (alert-suppression.md: ES|QL suppresses on whole values of the
    /// group_by columns, multiplier 1). An aggregated row has no event time: its suppression start and end are the
    /// execution's time (docs/esql-pipeline.md).
    /// </summary>
    private void Suppress(long tickMs, long windowStartMs, List<WindowAlert> created, List<WindowAlert> alerts)
    {
        SuppressionSettings settings = _spec.Suppression!;
        var suppressible = new List<SuppressedAlert>();
        int plain = 0;
        foreach (WindowAlert alert in created)
        {
            var row = (EsqlRowAlert)alert;
            var terms = new SuppressionTerm[settings.GroupBy.Count];
            bool missing = false;
            for (int f = 0; f < terms.Length; f++)
            {
                terms[f] = SuppressionTerm.WholeArray(settings.GroupBy[f], AlertValues.Terms(row.Row.Column(settings.GroupBy[f])));
                missing |= terms[f].Missing;
            }
            long time = row.Source is not null && EventTime.TryParse(row.OriginalTime, out long t) ? t : tickMs;
            if (missing && !settings.SuppressMissing)
            {
                if (plain < _spec.MaxSignals && _suppression!.Emit(alert, time)) plain++;
                continue;
            }
            suppressible.Add(new SuppressedAlert(alert, SuppressionIds.Instance(terms, _spec.RuleId), terms, time, time, 0));
        }
        if (suppressible.Count > 0) _suppression!.Run(tickMs, windowStartMs, suppressible, _spec.MaxSignals - plain);
        _suppression!.AfterTick(tickMs, windowStartMs, alerts);
    }

    protected override void Finished(List<WindowAlert> alerts) => _suppression?.Finish(alerts);

    /// <summary>
    /// A non-aggregating row's id (docs/esql-alerts.md): the document's identity (its <c>_id</c>, else event.id /
    /// eventID, else file and line), <c>_version</c> when the event has one, the input file as <c>_index</c>, and the
    /// row's MV_EXPAND values; the same event in overlapping windows gives the same id, which the create-only store drops.
    /// </summary>
    private string NonAggregatingId(RuleMatch origin, EsqlRow row, EsqlPipeline pipeline)
    {
        string identity = StageHit.IdentityOf(StageHit.FirstTerm(origin, "_id"), StageHit.FirstTerm(origin, "event.id") ?? StageHit.FirstTerm(origin, "eventID"), origin.Position.File, origin.Position.Line);
        long? version = long.TryParse(StageHit.FirstTerm(origin, "_version"), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out long v) ? v : null;
        var expanded = new List<EsqlValue>(pipeline.Expanded.Count);
        foreach (int column in pipeline.Expanded) expanded.Add(row[column]);
        return EsqlAlertIds.NonAggregating(identity, version, System.IO.Path.GetFileName(origin.Position.File), EsqlAlertIds.Space, _spec.RuleId, expanded);
    }
}

