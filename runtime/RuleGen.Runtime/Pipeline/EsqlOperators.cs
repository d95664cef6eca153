using System;
using System.Text;
using System.Text.RegularExpressions;

namespace RuleGen.Runtime.Pipeline;

/// <summary>
/// ES|QL's operators over row values, with its NULL rules (esql-null-values): a comparison with a NULL or multivalued
/// operand is NULL; AND/OR/NOT are three-valued (NULL is a Boolean-typed NULL here: <see cref="EsqlValue.Null"/>);
/// IN is NULL for a NULL or multivalued value, TRUE on a match, NULL if there is none and the list holds NULL; IS NULL
/// is never NULL. These are the pipeline's twins of the predicate IR's leaves (Evaluation/Esql.cs), which test the
/// same operators on an event's bytes before the pipeline; a test runs both over the real events (EsqlTwinTests).
/// </summary>
public static class EsqlOperators
{
    public static EsqlValue Equal(EsqlValue a, EsqlValue b) => a.IsSingle && b.IsSingle ? EsqlValue.Boolean(a.Equals(b)) : EsqlValue.Null;

    public static EsqlValue NotEqual(EsqlValue a, EsqlValue b) => a.IsSingle && b.IsSingle ? EsqlValue.Boolean(!a.Equals(b)) : EsqlValue.Null;

    public static EsqlValue Less(EsqlValue a, EsqlValue b) => Order(a, b, c => c < 0);

    public static EsqlValue LessOrEqual(EsqlValue a, EsqlValue b) => Order(a, b, c => c <= 0);

    public static EsqlValue Greater(EsqlValue a, EsqlValue b) => Order(a, b, c => c > 0);

    public static EsqlValue GreaterOrEqual(EsqlValue a, EsqlValue b) => Order(a, b, c => c >= 0);

    /// <summary>
    /// NULL unless both are single values of comparable types: only a Dynamic column can meet a value of another type
    /// at run time ("abc" &gt; 5), which ES|QL would refuse to compare at all (review, issue 11).
    /// </summary>
    private static EsqlValue Order(EsqlValue a, EsqlValue b, Func<int, bool> holds) =>
        a.IsSingle && b.IsSingle && (a.Type == b.Type || a.IsNumeric && b.IsNumeric) ? EsqlValue.Boolean(holds(EsqlValue.CompareSingles(a, b))) : EsqlValue.Null;

    /// <summary>Three-valued AND: FALSE if any operand is FALSE, else NULL if any is NULL (or not a single boolean), else TRUE.</summary>
    public static EsqlValue And(EsqlValue[] operands)
    {
        bool unknown = false;
        foreach (EsqlValue operand in operands)
        {
            if (operand.IsSingle && operand.Type == EsqlType.Boolean)
            {
                if (!operand.AsBoolean) return EsqlValue.False;
            }
            else unknown = true;
        }
        return unknown ? EsqlValue.Null : EsqlValue.True;
    }

    public static EsqlValue Or(EsqlValue[] operands)
    {
        bool unknown = false;
        foreach (EsqlValue operand in operands)
        {
            if (operand.IsSingle && operand.Type == EsqlType.Boolean)
            {
                if (operand.AsBoolean) return EsqlValue.True;
            }
            else unknown = true;
        }
        return unknown ? EsqlValue.Null : EsqlValue.False;
    }

    public static EsqlValue Not(EsqlValue operand) =>
        operand.IsSingle && operand.Type == EsqlType.Boolean ? EsqlValue.Boolean(!operand.AsBoolean) : EsqlValue.Null;

    public static EsqlValue IsNull(EsqlValue value) => EsqlValue.Boolean(value.IsNull);

    public static EsqlValue IsNotNull(EsqlValue value) => EsqlValue.Boolean(!value.IsNull);

    /// <summary>IN (elastic/elasticsearch#119514's rules).</summary>
    public static EsqlValue In(EsqlValue value, EsqlValue[] list)
    {
        if (!value.IsSingle) return EsqlValue.Null;
        bool sawNull = false;
        foreach (EsqlValue item in list)
        {
            if (item.IsNull || item.IsMulti)
            {
                sawNull = true;
                continue;
            }
            if (value.Equals(item)) return EsqlValue.True;
        }
        return sawNull ? EsqlValue.Null : EsqlValue.False;
    }

    /// <summary>LIKE with one or more patterns (any matching is TRUE); whole value, case-sensitive.</summary>
    public static EsqlValue Like(EsqlValue value, params WildcardPattern[] patterns)
    {
        if (!value.IsSingle) return EsqlValue.Null;
        byte[] bytes = Encoding.UTF8.GetBytes(value.AsString);
        foreach (WildcardPattern pattern in patterns)
        {
            if (pattern.IsMatch(bytes)) return EsqlValue.True;
        }
        return EsqlValue.False;
    }

    /// <summary>RLIKE: the Lucene regular expression translated at build time (anchored to the whole value).</summary>
    public static EsqlValue RLike(EsqlValue value, params Regex[] regexes)
    {
        if (!value.IsSingle) return EsqlValue.Null;
        string text = value.AsString;
        foreach (Regex regex in regexes)
        {
            try
            {
                if (regex.IsMatch(text)) return EsqlValue.True;
            }
            catch (RegexMatchTimeoutException)
            {
                // As the predicate path: a value that takes too long does not match.
            }
        }
        return EsqlValue.False;
    }

    /// <summary>
    /// ES|QL's implicit casting, at run time, for a string constant met by a field no schema types: read as the other
    /// side's type when that is a date, IP, version or boolean (esql-implicit-casting), else left as the string.
    /// </summary>
    public static EsqlValue CastLike(EsqlValue constant, EsqlValue other)
    {
        if (!constant.IsSingle || constant.Type != EsqlType.Keyword || other.IsNull) return constant;
        string text = constant.AsString;
        return other[0].Type switch
        {
            EsqlType.Boolean => EsqlValue.Boolean(text.Equals("true", StringComparison.OrdinalIgnoreCase)),
            EsqlType.Ip => EsqlValue.Ip(text),
            EsqlType.Version => EsqlValue.Version(text),
            EsqlType.Datetime => DateValues.TryParseIsoMillis(Encoding.UTF8.GetBytes(text), out long millis) ? EsqlValue.Datetime(millis) : EsqlValue.Null,
            _ => constant,
        };
    }

    /// <summary>Whether a WHERE keeps the row: only a single TRUE does.</summary>
    public static bool IsTrue(EsqlValue condition) => condition.IsSingle && condition.Type == EsqlType.Boolean && condition.AsBoolean;
}
