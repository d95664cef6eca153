using System.Collections.Generic;
using System.Linq;

namespace RuleGen.Runtime.Pipeline.Steps;

/// <summary>One SORT key: the value, the direction, and where NULLs go.</summary>
public sealed record EsqlSortKey(EsqlExpression Value, bool Descending, bool NullsFirst);

/// <summary>
/// SORT: a stable sort on the keys in order. A multivalued key sorts by its least value ascending and its greatest
/// descending (ES|QL's sort reference); NULLs go first or last as the key says (default: last ascending, first
/// descending). Values of one type order as <see cref="EsqlValue.CompareSingles"/>.
/// </summary>
public sealed class SortStep : EsqlStep
{
    private readonly EsqlSortKey[] _keys;

    public SortStep(params EsqlSortKey[] keys) => _keys = keys;

    public override void Run(List<EsqlRow> rows, EsqlContext context)
    {
        var keyed = rows.Select((row, index) => (Row: row, Index: index, Keys: _keys.Select(k => SortValue(k.Value(row.Values, context), k.Descending)).ToArray())).ToList();
        keyed.Sort((a, b) =>
        {
            for (int i = 0; i < _keys.Length; i++)
            {
                int c = Compare(a.Keys[i], b.Keys[i], _keys[i]);
                if (c != 0) return c;
            }
            return a.Index.CompareTo(b.Index);
        });
        rows.Clear();
        rows.AddRange(keyed.Select(k => k.Row));
    }

    private static EsqlValue SortValue(EsqlValue value, bool descending)
    {
        if (!value.IsMulti) return value;
        EsqlValue best = value[0];
        foreach (EsqlValue v in value.Values)
        {
            int c = EsqlValue.CompareSingles(v, best);
            if (descending ? c > 0 : c < 0) best = v;
        }
        return best;
    }

    private static int Compare(EsqlValue a, EsqlValue b, EsqlSortKey key)
    {
        if (a.IsNull || b.IsNull)
        {
            if (a.IsNull && b.IsNull) return 0;
            return a.IsNull == key.NullsFirst ? -1 : 1;
        }
        int c = EsqlValue.CompareSingles(a, b);
        return key.Descending ? -c : c;
    }
}
