using System;
using System.Text;

namespace RuleGen.Runtime.Pipeline;

/// <summary>
/// ES|QL's scalar functions over row values (the ES|QL function reference decides each one). The common rule:
/// NULL in gives NULL out, and a single-value function given a multivalue gives NULL (Elasticsearch adds a warning);
/// the functions documented otherwise (the MV_ family, conversions, COALESCE, CASE, TO_LOWER/TO_UPPER since 9.1)
/// say so. String lengths and positions count Unicode code points, as ES|QL does.
/// </summary>
public static partial class EsqlFunctions
{
    /// <summary>CONCAT(a, b, …): NULL when any argument is NULL or multivalued.</summary>
    public static EsqlValue Concat(EsqlValue[] values)
    {
        var text = new StringBuilder();
        foreach (EsqlValue value in values)
        {
            if (!value.IsSingle) return EsqlValue.Null;
            text.Append(value.AsString);
        }
        return EsqlValue.Keyword(text.ToString());
    }

    /// <summary>LENGTH(s): the number of code points.</summary>
    public static EsqlValue Length(EsqlValue value)
    {
        if (!value.IsSingle) return EsqlValue.Null;
        string s = value.AsString;
        int count = 0;
        for (int i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) i++;
            count++;
        }
        return EsqlValue.Integer(count);
    }

    /// <summary>TO_LOWER(s): every value lower-cased (root locale), a multivalue too (Elasticsearch 8.19/9.1).</summary>
    public static EsqlValue ToLower(EsqlValue value) => MapStrings(value, static s => s.ToLowerInvariant());

    public static EsqlValue ToUpper(EsqlValue value) => MapStrings(value, static s => s.ToUpperInvariant());

    /// <summary>COALESCE(a, b, …): the first argument that is not NULL (a multivalue counts as not NULL, and is returned whole).</summary>
    public static EsqlValue Coalesce(EsqlValue[] values)
    {
        foreach (EsqlValue value in values)
        {
            if (!value.IsNull) return value;
        }
        return EsqlValue.Null;
    }

    /// <summary>Applies a string function to every value (NULL stays NULL).</summary>
    internal static EsqlValue MapStrings(EsqlValue value, Func<string, string> map)
    {
        if (value.IsNull) return value;
        if (value.IsSingle) return EsqlValue.Keyword(map(value.AsString));
        var mapped = new EsqlValue[value.Count];
        for (int i = 0; i < mapped.Length; i++) mapped[i] = EsqlValue.Keyword(map(value[i].AsString));
        return EsqlValue.Multi(EsqlType.Keyword, mapped);
    }
}
