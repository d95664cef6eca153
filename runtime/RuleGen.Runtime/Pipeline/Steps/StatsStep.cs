using System;
using System.Collections.Generic;
using RuleGen.Runtime.Pipeline.Aggregates;

namespace RuleGen.Runtime.Pipeline.Steps;

/// <summary>One aggregate of a STATS: a fresh aggregator per group, the value it is fed, and its WHERE (null: every row).</summary>
public sealed record EsqlAggregate(Func<EsqlAggregator> Create, EsqlExpression? Value, EsqlExpression? Filter);

/// <summary>
/// STATS … BY: one row per group, the aggregates first then the group keys, as ES|QL lays them out. A row whose key is
/// multivalued joins the group of each of its values (each combination, for several keys); a NULL key is a group
/// of its own (ES|QL keeps the null group). Groups come out in the order they were first met, which is the window's
/// time order: ES|QL's own order without SORT is unspecified. Without BY there is exactly one row, even for no input.
/// </summary>
public sealed class StatsStep : EsqlStep
{
    private readonly EsqlAggregate[] _aggregates;
    private readonly EsqlExpression[] _groups;
    private readonly int _width;

    public StatsStep(EsqlAggregate[] aggregates, EsqlExpression[] groups, int width)
    {
        _aggregates = aggregates;
        _groups = groups;
        _width = width;
    }

    public override void Run(List<EsqlRow> rows, EsqlContext context)
    {
        var groups = new Dictionary<GroupKey, EsqlAggregator[]>();
        var order = new List<GroupKey>();
        foreach (EsqlRow row in rows)
        {
            var keyValues = new EsqlValue[_groups.Length];
            for (int g = 0; g < _groups.Length; g++) keyValues[g] = _groups[g](row.Values, context);
            foreach (EsqlValue[] combination in Combinations(keyValues))
            {
                var key = new GroupKey(combination);
                if (!groups.TryGetValue(key, out EsqlAggregator[]? aggregators))
                {
                    groups[key] = aggregators = NewAggregators();
                    order.Add(key);
                }
                for (int a = 0; a < _aggregates.Length; a++)
                {
                    EsqlAggregate aggregate = _aggregates[a];
                    if (aggregate.Filter is not null && !EsqlOperators.IsTrue(aggregate.Filter(row.Values, context))) continue;
                    aggregators[a].Add(aggregate.Value is null ? EsqlValue.True : aggregate.Value(row.Values, context));
                }
            }
        }
        if (_groups.Length == 0 && order.Count == 0)
        {
            var none = new GroupKey(Array.Empty<EsqlValue>());
            groups[none] = NewAggregators();
            order.Add(none);
        }
        rows.Clear();
        foreach (GroupKey key in order)
        {
            var values = new EsqlValue[_width];
            EsqlAggregator[] aggregators = groups[key];
            for (int a = 0; a < aggregators.Length; a++)
            {
                values[a] = aggregators[a].Result();
                if (aggregators[a] is IAggregateWarnings warned) context.Warnings += warned.Warnings;
            }
            for (int g = 0; g < key.Values.Length; g++) values[_aggregates.Length + g] = key.Values[g];
            rows.Add(new EsqlRow(values, null));
        }
    }

    private EsqlAggregator[] NewAggregators()
    {
        var made = new EsqlAggregator[_aggregates.Length];
        for (int i = 0; i < made.Length; i++) made[i] = _aggregates[i].Create();
        return made;
    }

    /// <summary>Every combination of the keys' values (a NULL key is the one value NULL), capped at 10,000 per row.</summary>
    private static IEnumerable<EsqlValue[]> Combinations(EsqlValue[] keys)
    {
        // The usual row: every key single or NULL, one combination, the keys themselves.
        bool allSingle = true;
        foreach (EsqlValue key in keys) allSingle &= !key.IsMulti;
        if (allSingle) return new[] { keys };
        return MultiCombinations(keys);
    }

    private static IEnumerable<EsqlValue[]> MultiCombinations(EsqlValue[] keys)
    {
        var choices = new EsqlValue[keys.Length][];
        for (int i = 0; i < keys.Length; i++) choices[i] = keys[i].IsNull ? new[] { EsqlValue.Null } : keys[i].Values.ToArray();
        var chosen = new int[keys.Length];
        for (int made = 0; made < 10_000; made++)
        {
            var combination = new EsqlValue[keys.Length];
            for (int i = 0; i < keys.Length; i++) combination[i] = choices[i][chosen[i]];
            yield return combination;
            int f = keys.Length - 1;
            while (f >= 0 && ++chosen[f] == choices[f].Length) chosen[f--] = 0;
            if (f < 0) yield break;
        }
    }

    private readonly struct GroupKey : IEquatable<GroupKey>
    {
        public GroupKey(EsqlValue[] values) => Values = values;

        public EsqlValue[] Values { get; }

        public bool Equals(GroupKey other)
        {
            if (Values.Length != other.Values.Length) return false;
            for (int i = 0; i < Values.Length; i++)
            {
                // Group keys of one column have one type: NULL equals NULL here (the null group).
                if (!Values[i].Equals(other.Values[i]) || Values[i].Type != other.Values[i].Type && !(Values[i].IsNumeric && other.Values[i].IsNumeric)) return false;
            }
            return true;
        }

        public override bool Equals(object? obj) => obj is GroupKey other && Equals(other);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            foreach (EsqlValue value in Values) hash.Add(value);
            return hash.ToHashCode();
        }
    }
}
