using System;
using System.Text.RegularExpressions;

namespace RuleGen.Runtime;

/// <summary>
/// Operators with the query DSL's rules, for leaves whose semantics are any-value and missing-is-FALSE (KQL, EQL,
/// Sigma): the leaf holds when any one value of the field satisfies it, and a field with no value (missing, null,
/// empty array, or an object where a value was expected) satisfies nothing. Never NULL, so NOT over these is
/// Elasticsearch's must_not: <c>not a:x</c> matches an event without a. Field-to-field leaves hold when any pair
/// of values does. The comparisons are <see cref="Scalar"/>'s, shared with <see cref="Esql"/>.
/// </summary>
public static class AnyValue
{
    public static Tri Equal(FieldValue left, FieldValue right, MatchOptions options = MatchOptions.Exact)
    {
        foreach (FieldValue l in left.GetElements())
        {
            if (!l.IsScalar) continue;
            foreach (FieldValue r in right.GetElements())
            {
                if (r.IsScalar && Scalar.Equal(l, r, options)) return Tri.True;
            }
        }
        return Tri.False;
    }

    /// <summary>A value of left differs from a value of right (a script's !=; the query DSL's != is NOT Equal).</summary>
    public static Tri NotEqual(FieldValue left, FieldValue right, MatchOptions options = MatchOptions.Exact)
    {
        foreach (FieldValue l in left.GetElements())
        {
            if (!l.IsScalar) continue;
            foreach (FieldValue r in right.GetElements())
            {
                if (r.IsScalar && !Scalar.Equal(l, r, options)) return Tri.True;
            }
        }
        return Tri.False;
    }

    public static Tri Less(FieldValue left, FieldValue right, MatchOptions options = MatchOptions.Exact) => Order(left, right, CompareResult.Less, options);

    public static Tri LessOrEqual(FieldValue left, FieldValue right, MatchOptions options = MatchOptions.Exact) => Order(left, right, CompareResult.LessOrEqual, options);

    public static Tri Greater(FieldValue left, FieldValue right, MatchOptions options = MatchOptions.Exact) => Order(left, right, CompareResult.Greater, options);

    public static Tri GreaterOrEqual(FieldValue left, FieldValue right, MatchOptions options = MatchOptions.Exact) => Order(left, right, CompareResult.GreaterOrEqual, options);

    private static Tri Order(FieldValue left, FieldValue right, CompareResult wanted, MatchOptions options)
    {
        foreach (FieldValue l in left.GetElements())
        {
            if (!l.IsScalar) continue;
            foreach (FieldValue r in right.GetElements())
            {
                if (r.IsScalar && Scalar.Holds(wanted, Scalar.Compare(l, r, options))) return Tri.True;
            }
        }
        return Tri.False;
    }

    public static Tri In(FieldValue value, LiteralSet set)
    {
        foreach (FieldValue v in value.GetElements())
        {
            if (v.IsScalar && set.Contains(v.Bytes)) return Tri.True;
        }
        return Tri.False;
    }

    public static Tri Like(FieldValue value, WildcardPattern pattern)
    {
        foreach (FieldValue v in value.GetElements())
        {
            if (v.IsScalar && pattern.IsMatch(v.Bytes)) return Tri.True;
        }
        return Tri.False;
    }

    /// <summary>Any value matches any of the patterns (a long list, compiled as one array).</summary>
    public static Tri Like(FieldValue value, WildcardPattern[] patterns)
    {
        foreach (FieldValue v in value.GetElements())
        {
            if (!v.IsScalar) continue;
            foreach (WildcardPattern pattern in patterns)
            {
                if (pattern.IsMatch(v.Bytes)) return Tri.True;
            }
        }
        return Tri.False;
    }

    public static Tri RLike(FieldValue value, Regex[] regexes)
    {
        foreach (FieldValue v in value.GetElements())
        {
            if (!v.IsScalar) continue;
            foreach (Regex regex in regexes)
            {
                if (Scalar.Regex(v, regex)) return Tri.True;
            }
        }
        return Tri.False;
    }

    public static Tri RLike(FieldValue value, Regex regex)
    {
        foreach (FieldValue v in value.GetElements())
        {
            if (v.IsScalar && Scalar.Regex(v, regex)) return Tri.True;
        }
        return Tri.False;
    }

    public static Tri StartsWith(FieldValue value, FieldValue prefix, MatchOptions options = MatchOptions.Exact) => Substring(value, prefix, SubstringPlace.Start, options);

    public static Tri EndsWith(FieldValue value, FieldValue suffix, MatchOptions options = MatchOptions.Exact) => Substring(value, suffix, SubstringPlace.End, options);

    public static Tri Contains(FieldValue value, FieldValue part, MatchOptions options = MatchOptions.Exact) => Substring(value, part, SubstringPlace.Anywhere, options);

    private static Tri Substring(FieldValue value, FieldValue part, SubstringPlace place, MatchOptions options)
    {
        foreach (FieldValue v in value.GetElements())
        {
            if (!v.IsScalar) continue;
            foreach (FieldValue p in part.GetElements())
            {
                if (p.IsScalar && Scalar.Substring(v, p, place, options)) return Tri.True;
            }
        }
        return Tri.False;
    }

    public static Tri CidrMatch(FieldValue value, CidrSet blocks)
    {
        foreach (FieldValue v in value.GetElements())
        {
            if (v.IsScalar && blocks.TryMatch(v.Bytes, out bool match) && match) return Tri.True;
        }
        return Tri.False;
    }

    /// <summary>A boolean field as a condition: TRUE when any value is true (or the string "true").</summary>
    public static Tri IsTrue(FieldValue value)
    {
        foreach (FieldValue v in value.GetElements())
        {
            if (v.Kind == ValueKind.True || v.Kind == ValueKind.String && v.Bytes.SequenceEqual("true"u8)) return Tri.True;
        }
        return Tri.False;
    }
}
