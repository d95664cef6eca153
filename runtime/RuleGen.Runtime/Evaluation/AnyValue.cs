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
    public static Tri Equal(FieldValue left, FieldValue right, MatchOptions options = MatchOptions.Exact) =>
        AnyPair(left, right, new EqualTest(options, equal: true));

    /// <summary>A value of left differs from a value of right (a script's !=; the query DSL's != is NOT Equal).</summary>
    public static Tri NotEqual(FieldValue left, FieldValue right, MatchOptions options = MatchOptions.Exact) =>
        AnyPair(left, right, new EqualTest(options, equal: false));

    public static Tri Less(FieldValue left, FieldValue right, MatchOptions options = MatchOptions.Exact) => AnyPair(left, right, new OrderTest(CompareResult.Less, options));

    public static Tri LessOrEqual(FieldValue left, FieldValue right, MatchOptions options = MatchOptions.Exact) => AnyPair(left, right, new OrderTest(CompareResult.LessOrEqual, options));

    public static Tri Greater(FieldValue left, FieldValue right, MatchOptions options = MatchOptions.Exact) => AnyPair(left, right, new OrderTest(CompareResult.Greater, options));

    public static Tri GreaterOrEqual(FieldValue left, FieldValue right, MatchOptions options = MatchOptions.Exact) => AnyPair(left, right, new OrderTest(CompareResult.GreaterOrEqual, options));

    /// <summary>
    /// TRUE when some pair of single values (one of left, one of right) passes <paramref name="test"/>: the one loop of
    /// every two-operand any-value leaf. A struct test, so each operator is compiled as its own specialised loop.
    /// </summary>
    private static Tri AnyPair<TTest>(FieldValue left, FieldValue right, TTest test) where TTest : struct, IPairTest
    {
        foreach (FieldValue l in left.GetElements())
        {
            if (!l.IsScalar) continue;
            foreach (FieldValue r in right.GetElements())
            {
                if (r.IsScalar && test.Holds(l, r)) return Tri.True;
            }
        }
        return Tri.False;
    }

    private interface IPairTest
    {
        bool Holds(FieldValue left, FieldValue right);
    }

    private readonly struct EqualTest(MatchOptions options, bool equal) : IPairTest
    {
        public bool Holds(FieldValue left, FieldValue right) => Scalar.Equal(left, right, options) == equal;
    }

    private readonly struct OrderTest(CompareResult wanted, MatchOptions options) : IPairTest
    {
        public bool Holds(FieldValue left, FieldValue right) => Scalar.Holds(wanted, Scalar.Compare(left, right, options));
    }

    private readonly struct SubstringTest(SubstringPlace place, MatchOptions options) : IPairTest
    {
        public bool Holds(FieldValue left, FieldValue right) => Scalar.Substring(left, right, place, options);
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

    private static Tri Substring(FieldValue value, FieldValue part, SubstringPlace place, MatchOptions options) =>
        AnyPair(value, part, new SubstringTest(place, options));

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
