using RuleGen.Runtime.Pipeline;

namespace RuleGen.Runtime.Windows;

/// <summary>
/// An ES|QL rule whose pipeline runs per tick (it aggregates with STATS, limits with LIMIT, or reads NOW()): each
/// event the filter keeps waits as a hit with its first row; each execution runs the pipeline over the rows of its
/// window, as Kibana runs the query over [now+from, now] (esql.ts), and writes up to max_signals rows as alerts.
/// </summary>
public sealed class EsqlSpec : StatefulSpec
{
    public EsqlSpec(string ruleId, int maxSignals, string query, EsqlPipeline pipeline) : base(ruleId, maxSignals)
    {
        Query = query;
        Pipeline = pipeline;
    }

    public override string Kind => "esql";

    public string Query { get; }

    public EsqlPipeline Pipeline { get; }

    /// <summary>alert_suppression on the rows (group_by names columns of the result), or null.</summary>
    public SuppressionSettings? Suppression { get; init; }

    public override IWindowExecutor CreateExecutor(TickSchedule schedule) => new EsqlExecutor(this, schedule);
}
