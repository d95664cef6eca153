using System;

namespace RuleGen.Runtime.Pipeline.Aggregates;

/// <summary>
/// STD_DEV(x): the population standard deviation (divided by n, not n - 1) of every value of x, a double; NULL for a
/// group without values, 0 for one value. Welford's running mean and squared deviations, as ES's StdDevStates
/// (WelfordAlgorithm) computes it.
/// </summary>
public sealed class StdDev : EsqlAggregator
{
    private double _mean;
    private double _m2;
    private long _count;

    public override void Add(EsqlValue value)
    {
        foreach (EsqlValue single in value.Values)
        {
            double x = single.AsDouble;
            _count++;
            double delta = x - _mean;
            _mean += delta / _count;
            _m2 += delta * (x - _mean);
        }
    }

    public override EsqlValue Result() => _count == 0 ? EsqlValue.Null : EsqlValue.Double(Math.Sqrt(_m2 / _count));
}
