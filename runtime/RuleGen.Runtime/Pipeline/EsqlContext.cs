namespace RuleGen.Runtime.Pipeline;

/// <summary>
/// What one execution of a pipeline knows beside its rows: <c>NOW()</c> (the tick's time, as Kibana's executor runs
/// the query at the tick; null when the rule runs per event, which the generator allows only for queries without
/// NOW()), and the count of values ES|QL would have warned about (a single-value function given a multivalue).
/// </summary>
public sealed class EsqlContext
{
    public EsqlContext(long? nowMs = null) => NowMs = nowMs;

    public long? NowMs { get; }

    /// <summary>Evaluations that gave NULL where Elasticsearch adds a response warning (multivalued input, overflow, bad cast).</summary>
    public long Warnings { get; set; }

    /// <summary>NOW(): the execution's time.</summary>
    public EsqlValue Now => NowMs is long now ? EsqlValue.Datetime(now) : EsqlValue.Null;
}
