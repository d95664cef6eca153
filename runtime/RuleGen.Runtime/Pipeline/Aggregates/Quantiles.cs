using System;
using System.Collections.Generic;

namespace RuleGen.Runtime.Pipeline.Aggregates;

/// <summary>
/// The exact quantile of sorted doubles as Elasticsearch's SortingDigest computes it (libs/tdigest Dist.quantile):
/// linear interpolation at index <c>q × (n − 1)</c>. ES|QL's digests (QuantileStates, compression 1000, the default
/// HybridDigest) keep every sample in a SortingDigest until there are 20 × 1000 = 20,000 of them and only then switch
/// to the approximate MergingDigest, so up to that size RuleGen's value is ES's; above it ES's is an estimate
/// (0.1–1 % error) and RuleGen stays exact.
/// </summary>
internal static class SortedQuantile
{
    public static double Of(List<double> sorted, double q)
    {
        int n = sorted.Count;
        double index = q * (n - 1);
        if (index <= 0) return sorted[0];
        if (index >= n - 1) return sorted[n - 1];
        int low = (int)Math.Floor(index);
        double weight = index - low;
        return sorted[low] + weight * (sorted[low + 1] - sorted[low]);
    }
}

/// <summary>The numeric values of a group, every value of a multivalue included, sorted when asked.</summary>
public abstract class SampleAggregator : EsqlAggregator
{
    private readonly List<double> _values = new();
    private bool _sorted = true;

    public override void Add(EsqlValue value)
    {
        foreach (EsqlValue single in value.Values)
        {
            double x = single.AsDouble;
            if (_values.Count > 0 && x < _values[_values.Count - 1]) _sorted = false;
            _values.Add(x);
        }
    }

    /// <summary>The values in ascending order (empty for a group without values).</summary>
    protected List<double> Sorted()
    {
        if (!_sorted)
        {
            _values.Sort();
            _sorted = true;
        }
        return _values;
    }
}

/// <summary>
/// PERCENTILE(x, p): the value below which p % of the values of x fall, a double; NULL for a group without values.
/// p is a constant; outside 0–100 (or NULL) the result is NULL, as QuantileStates.percentileParam makes it.
/// </summary>
public sealed class Percentile : SampleAggregator
{
    private readonly EsqlValue _percentile;

    public Percentile(EsqlValue percentile)
    {
        _percentile = percentile;
    }

    public override EsqlValue Result()
    {
        List<double> sorted = Sorted();
        if (sorted.Count == 0 || !_percentile.IsSingle || !_percentile.IsNumeric) return EsqlValue.Null;
        double p = _percentile.AsDouble;
        if (p < 0 || p > 100) return EsqlValue.Null;
        return EsqlValue.Double(SortedQuantile.Of(sorted, p / 100));
    }
}

/// <summary>MEDIAN(x): PERCENTILE(x, 50), a double; NULL for a group without values.</summary>
public sealed class Median : SampleAggregator
{
    public override EsqlValue Result()
    {
        List<double> sorted = Sorted();
        return sorted.Count == 0 ? EsqlValue.Null : EsqlValue.Double(SortedQuantile.Of(sorted, 0.5));
    }
}

/// <summary>
/// MEDIAN_ABSOLUTE_DEVIATION(x): the median of |value − median| over every value of x, a double; NULL for a group
/// without values, 0 for one value. Both medians interpolate as <see cref="SortedQuantile"/> does, which is what ES's
/// InternalMedianAbsoluteDeviation gives while its digests are sorting digests (a weight-1 centroid per value).
/// </summary>
public sealed class MedianAbsoluteDeviation : SampleAggregator
{
    public override EsqlValue Result()
    {
        List<double> sorted = Sorted();
        if (sorted.Count == 0) return EsqlValue.Null;
        double median = SortedQuantile.Of(sorted, 0.5);
        var deviations = new List<double>(sorted.Count);
        foreach (double x in sorted) deviations.Add(Math.Abs(x - median));
        deviations.Sort();
        return EsqlValue.Double(SortedQuantile.Of(deviations, 0.5));
    }
}
