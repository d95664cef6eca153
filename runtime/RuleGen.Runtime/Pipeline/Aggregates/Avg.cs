namespace RuleGen.Runtime.Pipeline.Aggregates;

/// <summary>
/// AVG(x): the mean of every value of x (each value of a multivalue counts, as ES|QL's AVG is SUM(x) / COUNT(x)), a
/// double; NULL for a group without values.
/// </summary>
public sealed class Avg : EsqlAggregator
{
    private CompensatedSum _sum;
    private long _count;

    public override void Add(EsqlValue value)
    {
        foreach (EsqlValue single in value.Values)
        {
            _sum.Add(single.AsDouble);
            _count++;
        }
    }

    public override EsqlValue Result() => _count == 0 ? EsqlValue.Null : EsqlValue.Double(_sum.Value / _count);
}
