using System;
using System.Collections.Generic;
using System.Text;

namespace RuleGen.Runtime.Pipeline;

/// <summary>
/// ES|QL's multivalue functions (reference: functions-operators/mv-functions): the functions that take a
/// multivalue whole. A single value counts as a multivalue of one; NULL as none, which gives NULL unless the
/// reference says otherwise (MV_APPEND, MV_CONTAINS and MV_ZIP say so). Values keep the order they came in.
/// </summary>
public static partial class EsqlFunctions
{
    /// <summary>MV_COUNT(v): the number of values, an integer; NULL for NULL.</summary>
    public static EsqlValue MvCount(EsqlValue v) => v.IsNull ? EsqlValue.Null : EsqlValue.Integer(v.Count);

    /// <summary>MV_DEDUPE(v): each value once, first occurrence kept in place (the reference allows, not requires, sorting).</summary>
    public static EsqlValue MvDedupe(EsqlValue v)
    {
        if (!v.IsMulti) return v;
        var seen = new HashSet<EsqlValue>();
        var kept = new List<EsqlValue>(v.Count);
        foreach (EsqlValue value in v.Values)
        {
            if (seen.Add(value)) kept.Add(value);
        }
        return EsqlValue.Multi(v.Type, kept);
    }

    public static EsqlValue MvFirst(EsqlValue v) => v.IsNull ? v : v[0];

    public static EsqlValue MvLast(EsqlValue v) => v.IsNull ? v : v[v.Count - 1];

    /// <summary>MV_MAX(v): the greatest value in ES order (keywords by UTF-8 bytes, IPs by address, false before true).</summary>
    public static EsqlValue MvMax(EsqlValue v) => Extreme(v, 1);

    public static EsqlValue MvMin(EsqlValue v) => Extreme(v, -1);

    private static EsqlValue Extreme(EsqlValue v, int sign)
    {
        if (v.IsNull) return v;
        EsqlValue best = v[0];
        foreach (EsqlValue value in v.Values)
        {
            if (EsqlValue.CompareSingles(value, best) * sign > 0) best = value;
        }
        return best;
    }

    /// <summary>MV_SUM(v): the sum in the values' type; an integer or long overflow is NULL (a warning in Elasticsearch).</summary>
    public static EsqlValue MvSum(EsqlValue v)
    {
        if (v.IsNull || !v.IsNumeric && !(v.IsMulti && v[0].IsNumeric)) return EsqlValue.Null;
        EsqlValue sum = v[0];
        for (int i = 1; i < v.Count; i++) sum = Add(sum, v[i]);
        return sum;
    }

    /// <summary>MV_AVG(v): the mean as a double.</summary>
    public static EsqlValue MvAvg(EsqlValue v)
    {
        if (!AllNumeric(v)) return EsqlValue.Null;
        double sum = 0;
        foreach (EsqlValue value in v.Values) sum += value.AsDouble;
        return EsqlValue.Double(sum / v.Count);
    }

    private static bool AllNumeric(EsqlValue v) => !v.IsNull && v[0].IsNumeric;

    /// <summary>
    /// MV_MEDIAN(v): the middle value in the values' type; for an even count the mean of the middle two, which for
    /// integers and longs rounds down (reference: MV_MEDIAN).
    /// </summary>
    public static EsqlValue MvMedian(EsqlValue v)
    {
        if (!AllNumeric(v)) return EsqlValue.Null;
        EsqlValue[] sorted = Sorted(v);
        return Median(sorted, v[0].Type, roundDown: true);
    }

    private static EsqlValue Median(EsqlValue[] sorted, EsqlType type, bool roundDown)
    {
        int n = sorted.Length, mid = n / 2;
        if (n % 2 == 1) return sorted[mid];
        if (type == EsqlType.Double) return EsqlValue.Double(sorted[mid - 1].AsDouble / 2 + sorted[mid].AsDouble / 2);
        long a = sorted[mid - 1].AsLong, b = sorted[mid].AsLong;
        // Without overflow: floor((a + b) / 2) is (a >> 1) + (b >> 1) + (a & b & 1); toward zero adds one back for a negative odd sum.
        long floor = (a >> 1) + (b >> 1) + (a & b & 1);
        long mean = roundDown || floor >= 0 || ((a ^ b) & 1) == 0 ? floor : floor + 1;
        return type == EsqlType.Integer ? EsqlValue.Integer((int)mean) : EsqlValue.Long(mean);
    }

    private static EsqlValue[] Sorted(EsqlValue v)
    {
        EsqlValue[] sorted = v.Values.ToArray();
        Array.Sort(sorted, EsqlValue.CompareSingles);
        return sorted;
    }

    /// <summary>
    /// MV_MEDIAN_ABSOLUTE_DEVIATION(v): median(|median(v) - v|), in the values' type; for an even count the medians
    /// are the mean of the middle two, rounded toward zero for integers (reference: MV_MEDIAN_ABSOLUTE_DEVIATION).
    /// </summary>
    public static EsqlValue MvMedianAbsoluteDeviation(EsqlValue v)
    {
        if (!AllNumeric(v)) return EsqlValue.Null;
        EsqlType type = v[0].Type;
        EsqlValue[] sorted = Sorted(v);
        EsqlValue median = Median(sorted, type, roundDown: false);
        var deviations = new EsqlValue[sorted.Length];
        for (int i = 0; i < sorted.Length; i++)
        {
            EsqlValue d = Abs(Subtract(sorted[i], median));
            if (d.IsNull) return EsqlValue.Null;
            deviations[i] = d;
        }
        Array.Sort(deviations, EsqlValue.CompareSingles);
        return Median(deviations, type, roundDown: false);
    }

    /// <summary>
    /// MV_PERCENTILE(v, p): the value at percentile p (0-100) by linear interpolation between the nearest ranks
    /// (index p/100 × (n-1)), in the values' type (integers truncate the interpolation); p outside 0-100 is NULL
    /// (an error value in Elasticsearch, with a warning).
    /// </summary>
    public static EsqlValue MvPercentile(EsqlValue v, EsqlValue percentile)
    {
        if (!AllNumeric(v) || !percentile.IsSingle || !percentile.IsNumeric) return EsqlValue.Null;
        double p = percentile.AsDouble;
        if (p is < 0 or > 100) return EsqlValue.Null;
        EsqlValue[] sorted = Sorted(v);
        double index = p / 100 * (sorted.Length - 1);
        int lower = (int)Math.Floor(index);
        double fraction = index - lower;
        EsqlValue low = sorted[lower];
        if (fraction == 0 || lower + 1 >= sorted.Length) return low;
        EsqlValue high = sorted[lower + 1];
        if (low.Type == EsqlType.Double) return EsqlValue.Double(low.AsDouble + fraction * (high.AsDouble - low.AsDouble));
        long value = low.AsLong + (long)(fraction * ((double)high.AsLong - low.AsLong));
        return low.Type == EsqlType.Integer ? EsqlValue.Integer((int)value) : EsqlValue.Long(value);
    }

    /// <summary>MV_CONCAT(strings, delimiter): the values joined (ES has no MV_JOIN: this is it); NULL strings or delimiter is NULL.</summary>
    public static EsqlValue MvConcat(EsqlValue strings, EsqlValue delimiter)
    {
        if (strings.IsNull || !delimiter.IsSingle) return EsqlValue.Null;
        var text = new StringBuilder();
        EsqlValue.ValueList values = strings.Values;
        for (int i = 0; i < values.Length; i++)
        {
            if (i > 0) text.Append(delimiter.AsString);
            text.Append(values[i].AsString);
        }
        return EsqlValue.Keyword(text.ToString());
    }

    /// <summary>MV_SORT(v): ascending in ES order.</summary>
    public static EsqlValue MvSort(EsqlValue v) => MvSort(v, EsqlValue.Keyword("ASC"));

    /// <summary>MV_SORT(v, order): "ASC" or "DESC", case-insensitive; another order is NULL (an error in Elasticsearch).</summary>
    public static EsqlValue MvSort(EsqlValue v, EsqlValue order)
    {
        if (v.IsNull || !order.IsSingle || order.Type != EsqlType.Keyword) return EsqlValue.Null;
        bool descending;
        if (string.Equals(order.AsString, "ASC", StringComparison.OrdinalIgnoreCase)) descending = false;
        else if (string.Equals(order.AsString, "DESC", StringComparison.OrdinalIgnoreCase)) descending = true;
        else return EsqlValue.Null;
        if (!v.IsMulti) return v;
        EsqlValue[] sorted = Sorted(v);
        if (descending) Array.Reverse(sorted);
        return EsqlValue.Multi(v.Type, sorted);
    }

    /// <summary>MV_SLICE(v, start): the value at start (0-based; -1 is the last).</summary>
    public static EsqlValue MvSlice(EsqlValue v, EsqlValue start) => MvSlice(v, start, start);

    /// <summary>
    /// MV_SLICE(v, start, end): the values from start to end, both included, 0-based, negative counting from the end.
    /// NULL when start or end is NULL, when the range starts past the last value, or when start (after resolving)
    /// is after end (Elasticsearch raises "Start offset is greater than end offset" as a warning).
    /// </summary>
    public static EsqlValue MvSlice(EsqlValue v, EsqlValue start, EsqlValue end)
    {
        if (v.IsNull || !start.IsSingle || !end.IsSingle || !start.IsNumeric || !end.IsNumeric) return EsqlValue.Null;
        int count = v.Count;
        long s = start.AsLong, e = end.AsLong;
        if (s < 0) s += count;
        if (e < 0) e += count;
        if (s > e) return EsqlValue.Null;
        if (s >= count || e < 0) return EsqlValue.Null;
        s = Math.Max(s, 0);
        e = Math.Min(e, count - 1);
        var slice = new EsqlValue[e - s + 1];
        for (long i = s; i <= e; i++) slice[i - s] = v[(int)i];
        return EsqlValue.Multi(v.Type, slice);
    }

    /// <summary>
    /// MV_CONTAINS(superset, subset): whether every value of subset is among superset's; NULL is an empty set
    /// (reference), so a NULL subset is true and a NULL superset with a non-NULL subset is false.
    /// </summary>
    public static EsqlValue MvContains(EsqlValue superset, EsqlValue subset)
    {
        if (subset.IsNull) return EsqlValue.True;
        if (superset.IsNull) return EsqlValue.False;
        var set = new HashSet<EsqlValue>();
        foreach (EsqlValue value in superset.Values) set.Add(value);
        foreach (EsqlValue value in subset.Values)
        {
            if (!set.Contains(value)) return EsqlValue.False;
        }
        return EsqlValue.True;
    }

    /// <summary>MV_APPEND(a, b): a's values then b's; NULL when either is NULL (Elasticsearch's MvAppend evaluator: a null block gives null).</summary>
    public static EsqlValue MvAppend(EsqlValue a, EsqlValue b)
    {
        if (a.IsNull || b.IsNull) return EsqlValue.Null;
        return EsqlValue.Multi(a.Type, new[] { a, b });
    }

    /// <summary>MV_ZIP(a, b): <see cref="MvZip(EsqlValue, EsqlValue, EsqlValue)"/> with the default delimiter ",".</summary>
    public static EsqlValue MvZip(EsqlValue a, EsqlValue b) => MvZip(a, b, EsqlValue.Keyword(","));

    /// <summary>
    /// MV_ZIP(a, b, delimiter): a[i] + delimiter + b[i]; the longer side's extra values are kept alone; a NULL side
    /// leaves the other as it is; a NULL delimiter is NULL (reference example: ["x","y","z"], ["1","2"] → "x-1", "y-2", "z").
    /// </summary>
    public static EsqlValue MvZip(EsqlValue a, EsqlValue b, EsqlValue delimiter)
    {
        if (!delimiter.IsSingle || a.IsNull && b.IsNull) return EsqlValue.Null;
        if (a.IsNull) return b;
        if (b.IsNull) return a;
        int n = Math.Max(a.Count, b.Count);
        var zipped = new EsqlValue[n];
        for (int i = 0; i < n; i++)
        {
            zipped[i] = i >= a.Count ? b[i] : i >= b.Count ? a[i] : EsqlValue.Keyword(a[i].AsString + delimiter.AsString + b[i].AsString);
        }
        return EsqlValue.Multi(EsqlType.Keyword, zipped);
    }

    /// <summary>MV_INTERSECTION(a, b): the distinct values in both, in a's order; NULL when either is NULL or none match (reference).</summary>
    public static EsqlValue MvIntersection(EsqlValue a, EsqlValue b)
    {
        if (a.IsNull || b.IsNull) return EsqlValue.Null;
        var inB = new HashSet<EsqlValue>();
        foreach (EsqlValue value in b.Values) inB.Add(value);
        var seen = new HashSet<EsqlValue>();
        var both = new List<EsqlValue>();
        foreach (EsqlValue value in a.Values)
        {
            if (inB.Contains(value) && seen.Add(value)) both.Add(value);
        }
        return EsqlValue.Multi(a.Type, both);
    }

    /// <summary>MV_UNION(a, b): the distinct values of both, a's first; NULL when either is NULL (reference MV_UNION).</summary>
    public static EsqlValue MvUnion(EsqlValue a, EsqlValue b)
    {
        if (a.IsNull || b.IsNull) return EsqlValue.Null;
        var seen = new HashSet<EsqlValue>();
        var all = new List<EsqlValue>();
        foreach (EsqlValue value in a.Values)
        {
            if (seen.Add(value)) all.Add(value);
        }
        foreach (EsqlValue value in b.Values)
        {
            if (seen.Add(value)) all.Add(value);
        }
        return EsqlValue.Multi(a.Type, all);
    }
}
