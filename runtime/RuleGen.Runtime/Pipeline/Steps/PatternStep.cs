using System.Collections.Generic;

namespace RuleGen.Runtime.Pipeline.Steps;

/// <summary>A DISSECT or GROK pattern compiled at build time: fills its keys from one string, or says it does not match.</summary>
public interface IEsqlPattern
{
    /// <summary>The number of keys (new columns).</summary>
    int KeyCount { get; }

    /// <summary>Fills <paramref name="keys"/> (KeyCount values) from <paramref name="input"/>; false when the pattern does not match.</summary>
    bool TryMatch(string input, EsqlValue[] keys);
}

/// <summary>
/// DISSECT / GROK: each key of the pattern becomes a column. A row whose input is NULL, multivalued, or does not match
/// keeps going with NULL in every key (ES|QL's DISSECT and GROK keep the row).
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
        var keys = new EsqlValue[_pattern.KeyCount];
        foreach (EsqlRow row in rows)
        {
            EsqlValue input = _input(row.Values, context);
            System.Array.Clear(keys);
            bool matched = input.IsSingle && _pattern.TryMatch(input.AsString, keys);
            if (input.IsMulti) context.Warnings++;
            for (int i = 0; i < _columns.Length; i++) row[_columns[i]] = matched ? keys[i] : EsqlValue.Null;
        }
    }
}
