using System;
using System.Collections.Generic;

namespace RuleGen.Runtime.Pipeline.Steps;

/// <summary>A DISSECT or GROK pattern compiled at build time (Pipeline/Patterns): fills its columns from one input value.</summary>
public interface IEsqlPattern
{
    /// <summary>The columns it adds, in order.</summary>
    string[] Columns { get; }

    /// <summary>The type of column <paramref name="column"/>.</summary>
    EsqlType ColumnType(int column);

    /// <summary>Fills <paramref name="columns"/> from one string; false when the pattern does not match it.</summary>
    bool TryMatch(string input, EsqlValue[] columns);

    /// <summary>
    /// Fills <paramref name="columns"/> from <paramref name="input"/>: NULL everywhere for a NULL input or no match;
    /// a multivalued input is matched value by value and each column gathers what every matching value gave (the
    /// DISSECT and GROK references: "will process each value"; docs/esql-grok-dissect.md).
    /// </summary>
    void Extract(EsqlValue input, EsqlValue[] columns);
}

/// <summary>The one way GROK and DISSECT turn a row's input value into their columns.</summary>
public static class PatternExtraction
{
    /// <summary>See <see cref="IEsqlPattern.Extract"/>.</summary>
    public static void Extract(IEsqlPattern pattern, EsqlValue input, EsqlValue[] columns)
    {
        Array.Clear(columns, 0, pattern.Columns.Length);
        if (input.IsNull) return;
        if (input.IsSingle)
        {
            pattern.TryMatch(input.AsString, columns);
            return;
        }
        var one = new EsqlValue[pattern.Columns.Length];
        foreach (EsqlValue value in input.Values)
        {
            Array.Clear(one);
            if (!pattern.TryMatch(value.AsString, one)) continue;
            for (int c = 0; c < one.Length; c++)
                if (!one[c].IsNull) columns[c] = columns[c].IsNull ? one[c] : EsqlValue.Multi(pattern.ColumnType(c), new[] { columns[c], one[c] });
        }
    }
}

/// <summary>
/// DISSECT / GROK: each key of the pattern becomes a column. A row whose input is NULL or does not match keeps going with
/// NULL in every key (ES|QL's DISSECT and GROK keep the row).
/// </summary>
public sealed class PatternStep : EsqlStep
{
    private readonly EsqlExpression _input;
    private readonly IEsqlPattern _pattern;
    private readonly int[] _columns;

    public PatternStep(EsqlExpression input, IEsqlPattern pattern, params int[] columns)
    {
        _input = input;
        _pattern = pattern;
        _columns = columns;
    }

    public override void Run(List<EsqlRow> rows, EsqlContext context)
    {
        var keys = new EsqlValue[_pattern.Columns.Length];
        foreach (EsqlRow row in rows)
        {
            System.Array.Clear(keys);
            _pattern.Extract(_input(row.Values, context), keys);
            for (int i = 0; i < _columns.Length; i++) row[_columns[i]] = keys[i];
        }
    }
}
