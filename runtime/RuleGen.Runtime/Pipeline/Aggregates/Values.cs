using System.Collections.Generic;

namespace RuleGen.Runtime.Pipeline.Aggregates;

/// <summary>
/// VALUES(x): the distinct values of x as one value (NULL without any, the value itself for one, else a multivalue),
/// in the order they were first seen. Elasticsearch documents the order as not guaranteed ("use MV_SORT"); its
/// implementation (X-ValuesAggregator.java.st) keeps a hash of the values and emits them by hash id, which is
/// first-seen order for an ungrouped STATS and first value then the others for a group, so first-seen order is
/// both deterministic and what a single-shard ES returns for the same reading order.
/// </summary>
public sealed class Values : EsqlAggregator
{
    private readonly HashSet<EsqlValue> _seen = new();
    private readonly List<EsqlValue> _ordered = new();
    private EsqlType _type;

    public override void Add(EsqlValue value)
    {
        foreach (EsqlValue single in value.Values)
        {
            if (_seen.Add(single))
            {
                _ordered.Add(single);
                _type = single.Type;
            }
        }
    }

    public override EsqlValue Result() => EsqlValue.Multi(_type, _ordered);
}
