using System.Collections.Generic;

namespace RuleGen.Runtime.Pipeline.Steps;

/// <summary>A DISSECT or GROK pattern compiled at build time (Pipeline/Patterns): fills its columns from one input value.</summary>
public interface IEsqlPattern
{
    /// <summary>The columns it adds, in order.</summary>
    string[] Columns { get; }

    /// <summary>
    /// Fills <paramref name="columns"/> from <paramref name="input"/>: NULL everywhere for a NULL input or no match;
    /// a multivalued input is matched value by value and the columns gather the results (docs/esql-grok-dissect.md).
    /// </summary>
    void Extract(EsqlValue input, EsqlValue[] columns);
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
