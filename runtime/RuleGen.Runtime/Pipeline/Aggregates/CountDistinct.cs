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
    // The first value is held on its own: most groups of a rule see one value, and a set per group per tick is the
    // allocation that dominated the per-tick STATS of a 24-hour look-back.
    private EsqlValue _first;
    private bool _hasFirst;
    private HashSet<EsqlValue>? _seen;

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
        foreach (EsqlValue single in value.Values)
        {
            if (!_hasFirst)
            {
                _first = single;
                _hasFirst = true;
            }
            else if (_seen is not null) _seen.Add(single);
            else if (!single.Equals(_first)) _seen = new HashSet<EsqlValue> { _first, single };
        }
    }

    public override EsqlValue Result() => EsqlValue.Long(_seen?.Count ?? (_hasFirst ? 1 : 0));
}
