namespace RuleGen.Runtime.Pipeline.Aggregates;

/// <summary>
/// MIN(x) and MAX(x): the least or greatest value of every value of x (each value of a multivalue takes part), NULL
/// for a group without values; the result has x's type. Order is ES|QL's (<see cref="EsqlValue.CompareSingles"/>):
/// numbers and dates by value, keywords by UTF-8 bytes, IPs by address bytes, false before true.
/// </summary>
public abstract class Extreme : EsqlAggregator
{
    private EsqlValue _best;

    /// <summary>Whether a value should replace the best so far, given CompareSingles(value, best).</summary>
    protected abstract bool Better(int comparison);

    public override void Add(EsqlValue value)
    {
        foreach (EsqlValue single in value.Values)
        {
            if (_best.IsNull || Better(EsqlValue.CompareSingles(single, _best))) _best = single;
        }
    }

    public override EsqlValue Result() => _best;
}

public sealed class Min : Extreme
{
    protected override bool Better(int comparison) => comparison < 0;
}

public sealed class Max : Extreme
{
    protected override bool Better(int comparison) => comparison > 0;
}
