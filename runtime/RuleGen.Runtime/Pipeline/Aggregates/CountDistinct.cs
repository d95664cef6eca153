using System.Collections.Generic;

namespace RuleGen.Runtime.Pipeline.Aggregates;

/// <summary>
/// COUNT_DISTINCT(x[, precision]): the number of distinct values of x, each value of a multivalue counted, NULL
/// ignored; 0 for a group without values (a count, like COUNT). Exact here. Elasticsearch estimates with
/// HyperLogLog++, which is exact (in practice) while the distinct count stays below the precision threshold (default
/// 3000, at most 40000) and approximate above it, so above the threshold ES may report a count a few percent off
/// where RuleGen reports the true one (docs/esql-functions/aggregates.md). The precision only decides that
/// threshold, so it is accepted and not used.
/// </summary>
public sealed class CountDistinct : EsqlAggregator
{
    private readonly HashSet<EsqlValue> _seen = new();

    public CountDistinct()
    {
    }

    public CountDistinct(EsqlValue precision)
    {
        Precision = precision;
    }

    /// <summary>The precision threshold the query gave (NULL when none): where ES would stop being exact.</summary>
    public EsqlValue Precision { get; }

    public override void Add(EsqlValue value)
    {
        foreach (EsqlValue single in value.Values) _seen.Add(single);
    }

    public override EsqlValue Result() => EsqlValue.Long(_seen.Count);
}
