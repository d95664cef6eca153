using System;
using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.RegularExpressions;

namespace RuleGen.Runtime;

/// <summary>
/// ES|QL's operators and functions over <see cref="FieldValue"/>s, with ES|QL's NULL rules: a NULL operand gives
/// NULL, and a multivalued operand gives NULL for every single-value operator (docs/semantics.md).
/// </summary>
public static class Esql
{
    public static Tri Equal(FieldValue left, FieldValue right)
    {
        if (!left.IsScalar || !right.IsScalar) return Tri.Null;
        if (left.Kind == ValueKind.Number && right.Kind == ValueKind.Number && TryNumber(left.Bytes, out double a) && TryNumber(right.Bytes, out double b))
        {
            return Tri.From(a == b);
        }
        return Tri.From(left.Bytes.SequenceEqual(right.Bytes));
    }

    public static Tri NotEqual(FieldValue left, FieldValue right) => !Equal(left, right);

    public static Tri Less(FieldValue left, FieldValue right) => Order(left, right, static c => c < 0);

    public static Tri LessOrEqual(FieldValue left, FieldValue right) => Order(left, right, static c => c <= 0);

    public static Tri Greater(FieldValue left, FieldValue right) => Order(left, right, static c => c > 0);

    public static Tri GreaterOrEqual(FieldValue left, FieldValue right) => Order(left, right, static c => c >= 0);

    private static Tri Order(FieldValue left, FieldValue right, Func<int, bool> holds)
    {
        if (!left.IsScalar || !right.IsScalar) return Tri.Null;
        if (TryNumber(left.Bytes, out double a) && TryNumber(right.Bytes, out double b)
            && (left.Kind == ValueKind.Number || right.Kind == ValueKind.Number))
        {
            return Tri.From(holds(a.CompareTo(b)));
        }
        // Keywords (and ISO-8601 dates of one format) order by their UTF-8 bytes.
        return Tri.From(holds(left.Bytes.SequenceCompareTo(right.Bytes)));
    }

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

    public static Tri RLike(FieldValue value, Regex regex)
    {
        if (!value.IsScalar) return Tri.Null;
        ReadOnlySpan<byte> bytes = value.Bytes;
        char[]? rented = null;
        Span<char> chars = bytes.Length <= 512 ? stackalloc char[512] : (rented = ArrayPool<char>.Shared.Rent(bytes.Length));
        try
        {
            int count = Encoding.UTF8.GetChars(bytes, chars);
            return Tri.From(regex.IsMatch(chars.Slice(0, count)));
        }
        finally
        {
            if (rented is not null) ArrayPool<char>.Shared.Return(rented);
        }
    }

    public static Tri StartsWith(FieldValue value, FieldValue prefix) =>
        value.IsScalar && prefix.IsScalar ? Tri.From(value.Bytes.StartsWith(prefix.Bytes)) : Tri.Null;

    public static Tri EndsWith(FieldValue value, FieldValue suffix) =>
        value.IsScalar && suffix.IsScalar ? Tri.From(value.Bytes.EndsWith(suffix.Bytes)) : Tri.Null;

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

    private static bool TryNumber(ReadOnlySpan<byte> text, out double number) =>
        Utf8Parser.TryParse(text, out number, out int consumed, 'G') && consumed == text.Length
        || Utf8Parser.TryParse(text, out number, out consumed, 'E') && consumed == text.Length;
}
