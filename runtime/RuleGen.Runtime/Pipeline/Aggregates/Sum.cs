using System;

namespace RuleGen.Runtime.Pipeline.Aggregates;

/// <summary>
/// SUM of integers or longs: a long (ES|QL's SUM of integer is long). Every value of a multivalue is added; NULL for a
/// group without values. Overflow makes the result NULL with a warning, as ES's SumLongAggregator (Math.addExact with
/// <c>warnExceptions = ArithmeticException</c>) does.
/// </summary>
public sealed class SumLong : EsqlAggregator, IAggregateWarnings
{
    private long _sum;
    private bool _seen;
    private bool _overflowed;

    public long Warnings => _overflowed ? 1 : 0;

    public override void Add(EsqlValue value)
    {
        foreach (EsqlValue single in value.Values)
        {
            _seen = true;
            if (_overflowed) continue;
            try
            {
                _sum = checked(_sum + single.AsLong);
            }
            catch (OverflowException)
            {
                _overflowed = true;
            }
        }
    }

    public override EsqlValue Result() => !_seen || _overflowed ? EsqlValue.Null : EsqlValue.Long(_sum);
}

/// <summary>
/// SUM of doubles: a double, summed with Kahan compensation as ES's SumDoubleAggregator (CompensatedSum) does, so
/// long columns of fractions sum as ES sums them. NULL for a group without values (and for a sum that is infinite,
/// which ES|QL cannot hold).
/// </summary>
public sealed class SumDouble : EsqlAggregator
{
    private CompensatedSum _sum;
    private bool _seen;

    public override void Add(EsqlValue value)
    {
        foreach (EsqlValue single in value.Values)
        {
            _seen = true;
            _sum.Add(single.AsDouble);
        }
    }

    public override EsqlValue Result() => _seen ? EsqlValue.Double(_sum.Value) : EsqlValue.Null;
}

/// <summary>Kahan–Babuška summation: the running sum and the low-order bits the last additions lost.</summary>
internal struct CompensatedSum
{
    private double _sum;
    private double _delta;

    public readonly double Value => _sum + _delta;

    public void Add(double value)
    {
        if (double.IsInfinity(value) || double.IsNaN(value))
        {
            _sum += value;
            return;
        }
        double corrected = value + _delta;
        double total = _sum + corrected;
        _delta = corrected - (total - _sum);
        _sum = total;
    }
}
