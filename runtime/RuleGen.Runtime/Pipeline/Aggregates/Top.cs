using System;
using System.Collections.Generic;

namespace RuleGen.Runtime.Pipeline.Aggregates;

/// <summary>
/// TOP(x, limit[, order]): the <c>limit</c> least ("asc", the default) or greatest ("desc") values of x, repeats
/// included, in that order, as one value (NULL without values, the value itself for one). Every value of a
/// multivalue takes part. limit and order are constants the generator checks (a positive integer; "asc" or "desc",
/// any case); a limit below 1 here gives NULL. Order is ES|QL's (<see cref="EsqlValue.CompareSingles"/>).
/// The kept list is trimmed as it grows, so a group holds at most about twice the limit.
/// </summary>
public sealed class Top : EsqlAggregator
{
    private readonly int _limit;
    private readonly bool _descending;
    private readonly List<EsqlValue> _kept = new();
    private EsqlType _type;

    public Top(EsqlValue limit)
        : this(limit, EsqlValue.Keyword("asc"))
    {
    }

    public Top(EsqlValue limit, EsqlValue order)
    {
        _limit = limit.IsSingle && limit.IsNumeric ? (int)Math.Clamp(limit.AsLong, 0, int.MaxValue) : 0;
        _descending = order.IsSingle && order.Type == EsqlType.Keyword && string.Equals(order.AsString, "desc", StringComparison.OrdinalIgnoreCase);
    }

    public override void Add(EsqlValue value)
    {
        if (_limit == 0) return;
        foreach (EsqlValue single in value.Values)
        {
            _kept.Add(single);
            _type = single.Type;
        }
        if (_kept.Count > 2 * (long)_limit + 16) Trim();
    }

    public override EsqlValue Result()
    {
        Trim();
        return EsqlValue.Multi(_type, _kept);
    }

    private void Trim()
    {
        // List.Sort is unstable, but equal values are interchangeable here.
        _kept.Sort(_descending ? static (a, b) => EsqlValue.CompareSingles(b, a) : EsqlValue.CompareSingles);
        if (_kept.Count > _limit) _kept.RemoveRange(_limit, _kept.Count - _limit);
    }
}
