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
    // The first value is held on its own (see CountDistinct): the set and list exist once a second value comes.
    private EsqlValue _first;
    private bool _hasFirst;
    private HashSet<EsqlValue>? _seen;
    private List<EsqlValue>? _ordered;
    private EsqlType _type;

    public override void Add(EsqlValue value)
    {
        foreach (EsqlValue single in value.Values)
        {
            if (!_hasFirst)
            {
                _first = single;
                _hasFirst = true;
                _type = single.Type;
                continue;
            }
            if (_seen is null)
            {
                if (single.Equals(_first)) continue;
                _seen = new HashSet<EsqlValue> { _first };
                _ordered = new List<EsqlValue> { _first };
            }
            if (_seen.Add(single))
            {
                _ordered!.Add(single);
                _type = single.Type;
            }
        }
    }

    public override EsqlValue Result() => _ordered is not null ? EsqlValue.Multi(_type, _ordered) : _hasFirst ? _first : EsqlValue.Null;
}
