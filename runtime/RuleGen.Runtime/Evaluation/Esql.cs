using System;
using System.Text.RegularExpressions;

namespace RuleGen.Runtime;

/// <summary>
/// Operators with ES|QL's NULL rules, for leaves whose semantics are NULL-if-multivalued: a NULL operand gives NULL,
/// and a multivalued operand gives NULL for every single-value operator (docs/semantics.md). The comparisons
/// themselves are <see cref="Scalar"/>'s, shared with <see cref="AnyValue"/>; ES|QL's own functions (MV_CONTAINS,
/// IS NULL) live here too.
/// </summary>
public static class Esql
{
    public static Tri Equal(FieldValue left, FieldValue right, MatchOptions options = MatchOptions.Exact) =>
        left.IsScalar && right.IsScalar ? Tri.From(Scalar.Equal(left, right, options)) : Tri.Null;

    public static Tri NotEqual(FieldValue left, FieldValue right, MatchOptions options = MatchOptions.Exact) => !Equal(left, right, options);

    public static Tri Less(FieldValue left, FieldValue right, MatchOptions options = MatchOptions.Exact) => Order(left, right, CompareResult.Less, options);

    public static Tri LessOrEqual(FieldValue left, FieldValue right, MatchOptions options = MatchOptions.Exact) => Order(left, right, CompareResult.LessOrEqual, options);

    public static Tri Greater(FieldValue left, FieldValue right, MatchOptions options = MatchOptions.Exact) => Order(left, right, CompareResult.Greater, options);

    public static Tri GreaterOrEqual(FieldValue left, FieldValue right, MatchOptions options = MatchOptions.Exact) => Order(left, right, CompareResult.GreaterOrEqual, options);

    private static Tri Order(FieldValue left, FieldValue right, CompareResult wanted, MatchOptions options) =>
        left.IsScalar && right.IsScalar ? Tri.From(Scalar.Holds(wanted, Scalar.Compare(left, right, options))) : Tri.Null;

    /// <summary><c>IS NULL</c>: never NULL itself.</summary>
    public static Tri IsNull(FieldValue value) => Tri.From(value.Kind == ValueKind.Null);

    public static Tri IsNotNull(FieldValue value) => Tri.From(value.Kind != ValueKind.Null);

    /// <summary><c>v IN (…)</c>: NULL for a NULL or multivalued v; TRUE on a match; NULL if no match and the list holds NULL.</summary>
    public static Tri In(FieldValue value, LiteralSet set)
    {
        if (!value.IsScalar) return Tri.Null;
        if (set.Contains(value.Bytes)) return Tri.True;
        return set.ContainsNull ? Tri.Null : Tri.False;
    }

    public static Tri Like(FieldValue value, WildcardPattern pattern) =>
        value.IsScalar ? Tri.From(pattern.IsMatch(value.Bytes)) : Tri.Null;

    /// <summary>LIKE over a list of patterns: any one matches (a long list, compiled as one array).</summary>
    public static Tri Like(FieldValue value, WildcardPattern[] patterns)
    {
        if (!value.IsScalar) return Tri.Null;
        foreach (WildcardPattern pattern in patterns)
        {
            if (pattern.IsMatch(value.Bytes)) return Tri.True;
        }
        return Tri.False;
    }

    public static Tri RLike(FieldValue value, Regex[] regexes)
    {
        if (!value.IsScalar) return Tri.Null;
        foreach (Regex regex in regexes)
        {
            if (Scalar.Regex(value, regex)) return Tri.True;
        }
        return Tri.False;
    }

    public static Tri RLike(FieldValue value, Regex regex) =>
        value.IsScalar ? Tri.From(Scalar.Regex(value, regex)) : Tri.Null;

    public static Tri StartsWith(FieldValue value, FieldValue prefix, MatchOptions options = MatchOptions.Exact) => Substring(value, prefix, SubstringPlace.Start, options);

    public static Tri EndsWith(FieldValue value, FieldValue suffix, MatchOptions options = MatchOptions.Exact) => Substring(value, suffix, SubstringPlace.End, options);

    public static Tri Contains(FieldValue value, FieldValue part, MatchOptions options = MatchOptions.Exact) => Substring(value, part, SubstringPlace.Anywhere, options);

    private static Tri Substring(FieldValue value, FieldValue part, SubstringPlace place, MatchOptions options) =>
        value.IsScalar && part.IsScalar ? Tri.From(Scalar.Substring(value, part, place, options)) : Tri.Null;

    /// <summary>CIDR_MATCH: NULL for NULL, multivalued, or a value that is not an IP address.</summary>
    public static Tri CidrMatch(FieldValue value, CidrSet blocks)
    {
        if (!value.IsScalar) return Tri.Null;
        return blocks.TryMatch(value.Bytes, out bool match) ? Tri.From(match) : Tri.Null;
    }

    /// <summary>
    /// MV_CONTAINS(superset, subset): TRUE when every value of subset is among the values of superset. NULL counts as
    /// the empty set, so the result is never NULL.
    /// </summary>
    public static Tri MvContains(FieldValue superset, FieldValue subset)
    {
        foreach (FieldValue wanted in subset.GetElements())
        {
            bool found = false;
            foreach (FieldValue candidate in superset.GetElements())
            {
                if (Equal(candidate, wanted).IsTrue)
                {
                    found = true;
                    break;
                }
            }
            if (!found) return Tri.False;
        }
        return Tri.True;
    }

    /// <summary>A value used as a condition: a boolean (or the strings "true"/"false", as Elasticsearch accepts them).</summary>
    public static Tri IsTrue(FieldValue value) => value.Kind switch
    {
        ValueKind.True => Tri.True,
        ValueKind.False => Tri.False,
        ValueKind.String when value.Bytes.SequenceEqual("true"u8) => Tri.True,
        ValueKind.String when value.Bytes.SequenceEqual("false"u8) => Tri.False,
        _ => Tri.Null,
    };
}
