namespace RuleGen.Runtime.Pipeline;

public static partial class EsqlFunctions
{
    /// <summary>COALESCE(a, b, …): the first argument that is not NULL (a multivalue counts as not NULL, and is returned whole).</summary>
    public static EsqlValue Coalesce(EsqlValue[] values)
    {
        foreach (EsqlValue value in values)
        {
            if (!value.IsNull) return value;
        }
        return EsqlValue.Null;
    }

    /// <summary>
    /// CASE(cond1, value1, cond2, value2, …[, else]): the value of the first condition that is a single TRUE; a NULL
    /// or multivalued condition is not taken (elastic/elasticsearch#112401); no condition taken gives the else value,
    /// or NULL without one. The binder has typed the values to one type.
    /// </summary>
    public static EsqlValue Case(EsqlValue[] args)
    {
        int i = 0;
        for (; i + 1 < args.Length; i += 2)
        {
            EsqlValue condition = args[i];
            if (condition.IsSingle && condition.Type == EsqlType.Boolean && condition.AsBoolean) return args[i + 1];
        }
        return i < args.Length ? args[i] : EsqlValue.Null;
    }

    /// <summary>
    /// GREATEST(a, b, …): the largest of every value of every argument (a multivalued argument counts with its
    /// largest value: Greatest.java evaluates MV_MAX of each); NULL when any argument is NULL. Booleans: true if any
    /// is true; keywords by UTF-8 bytes.
    /// </summary>
    public static EsqlValue Greatest(EsqlValue[] values) => Extreme(values, +1);

    /// <summary>LEAST(a, b, …): as <see cref="Greatest"/>, the smallest.</summary>
    public static EsqlValue Least(EsqlValue[] values) => Extreme(values, -1);

    private static EsqlValue Extreme(EsqlValue[] values, int sign)
    {
        EsqlValue best = EsqlValue.Null;
        foreach (EsqlValue value in values)
        {
            if (value.IsNull) return EsqlValue.Null;
            foreach (EsqlValue single in value.Values)
            {
                if (best.IsNull || sign * EsqlValue.CompareSingles(single, best) > 0) best = single;
            }
        }
        return best;
    }
}
