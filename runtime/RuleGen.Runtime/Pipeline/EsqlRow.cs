namespace RuleGen.Runtime.Pipeline;

/// <summary>A row of a pipeline: its values by column, and where it came from (the match of the event it was made from; null after STATS).</summary>
public sealed class EsqlRow
{
    public EsqlRow(EsqlValue[] values, RuleMatch? origin)
    {
        Values = values;
        Origin = origin;
    }

    public EsqlValue[] Values { get; }

    /// <summary>The event's match (its kept columns, position, identity); null for an aggregated row.</summary>
    public RuleMatch? Origin { get; }

    public EsqlValue this[int column]
    {
        get => Values[column];
        set => Values[column] = value;
    }

    /// <summary>A copy with room for <paramref name="width"/> columns (MV_EXPAND's rows, a tick's own copy of a waiting row).</summary>
    public EsqlRow Copy(int width)
    {
        var values = new EsqlValue[System.Math.Max(width, Values.Length)];
        System.Array.Copy(Values, values, Values.Length);
        return new EsqlRow(values, Origin);
    }
}

/// <summary>A row expression compiled into the rule: the row and the execution's context in, a value out.</summary>
public delegate EsqlValue EsqlExpression(EsqlValue[] row, EsqlContext context);
