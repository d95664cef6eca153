using System;

namespace RuleGen.Runtime.Sequences;

/// <summary>
/// Where an event sits in Elasticsearch's EQL order: the timestamp field, then the tiebreaker field (an event
/// without one sorts after those that have one), then the order the input gave, which stands in for Elasticsearch's
/// implicit per-shard document order (eql.md "Specify a sort tiebreaker"; elasticsearch#72089).
/// </summary>
public readonly record struct SequenceOrdinal(long TimestampMs, long? Tiebreaker, long InputIndex) : IComparable<SequenceOrdinal>
{
    public int CompareTo(SequenceOrdinal other)
    {
        int byTime = TimestampMs.CompareTo(other.TimestampMs);
        if (byTime != 0) return byTime;
        if (Tiebreaker.HasValue != other.Tiebreaker.HasValue) return Tiebreaker.HasValue ? -1 : 1;
        int byTiebreaker = Tiebreaker.GetValueOrDefault().CompareTo(other.Tiebreaker.GetValueOrDefault());
        return byTiebreaker != 0 ? byTiebreaker : InputIndex.CompareTo(other.InputIndex);
    }
}
