using System;
using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.RegularExpressions;

namespace RuleGen.Runtime;

/// <summary>
/// Every operator over two single values, once. <see cref="Esql"/> and <see cref="AnyValue"/> add only what their
/// semantics say about NULL and multivalued fields; the comparison itself lives here.
/// </summary>
internal static class Scalar
{
    public static bool Equal(FieldValue left, FieldValue right, MatchOptions options)
    {
        if ((options & MatchOptions.AsString) == 0 && left.Kind == ValueKind.Number && right.Kind == ValueKind.Number
            && TryNumber(left.Bytes, out double a) && TryNumber(right.Bytes, out double b))
        {
            return a == b;
        }
        return (options & MatchOptions.IgnoreCase) != 0 ? CaseFold.Equal(left.Bytes, right.Bytes) : left.Bytes.SequenceEqual(right.Bytes);
    }

    /// <summary>
    /// The order of two values: by value when the right side (the literal a front end typed from the schema, or the
    /// other field) is a number and the left parses as one (a long field written "10" is 10); else by UTF-8 bytes, as
    /// a keyword range compares ("10" &lt; "9" when the literal is the string "9").
    /// </summary>
    public static int Compare(FieldValue left, FieldValue right, MatchOptions options)
    {
        if ((options & MatchOptions.AsString) == 0 && right.Kind == ValueKind.Number && TryNumber(left.Bytes, out double a) && TryNumber(right.Bytes, out double b))
        {
            return a.CompareTo(b);
        }
        // Keywords (and ISO-8601 dates of one format) order by their UTF-8 bytes.
        return (options & MatchOptions.IgnoreCase) != 0
            ? CaseFold.Fold(left.Bytes).SequenceCompareTo(CaseFold.Fold(right.Bytes, second: true))
            : left.Bytes.SequenceCompareTo(right.Bytes);
    }

    public static bool Holds(CompareResult wanted, int order) => wanted switch
    {
        CompareResult.Less => order < 0,
        CompareResult.LessOrEqual => order <= 0,
        CompareResult.Greater => order > 0,
        _ => order >= 0,
    };

    public static bool Substring(FieldValue value, FieldValue part, SubstringPlace place, MatchOptions options)
    {
        ReadOnlySpan<byte> text = value.Bytes, wanted = part.Bytes;
        if ((options & MatchOptions.IgnoreCase) != 0)
        {
            text = CaseFold.Fold(text);
            wanted = CaseFold.Fold(wanted, second: true);
        }
        return place switch
        {
            SubstringPlace.Start => text.StartsWith(wanted),
            SubstringPlace.End => text.EndsWith(wanted),
            _ => text.IndexOf(wanted) >= 0,
        };
    }

    public static bool Regex(FieldValue value, Regex regex)
    {
        ReadOnlySpan<byte> bytes = value.Bytes;
        char[]? rented = null;
        Span<char> chars = bytes.Length <= 512 ? stackalloc char[512] : (rented = ArrayPool<char>.Shared.Rent(bytes.Length));
        try
        {
            int count = Encoding.UTF8.GetChars(bytes, chars);
            return regex.IsMatch(chars.Slice(0, count));
        }
        catch (RegexMatchTimeoutException)
        {
            // Only backtracking regexes (constructs the automaton engine cannot run) have a timeout: a value that
            // takes longer than RegexLimits.MatchTimeout does not match, and the scan goes on (docs/semantics.md, "Sigma").
            return false;
        }
        finally
        {
            if (rented is not null) ArrayPool<char>.Shared.Return(rented);
        }
    }

    public static bool TryNumber(ReadOnlySpan<byte> text, out double number) =>
        Utf8Parser.TryParse(text, out number, out int consumed, 'G') && consumed == text.Length
        || Utf8Parser.TryParse(text, out number, out consumed, 'E') && consumed == text.Length;
}

/// <summary>Which order a range comparison asks for.</summary>
internal enum CompareResult { Less, LessOrEqual, Greater, GreaterOrEqual }

/// <summary>Where a substring must occur.</summary>
public enum SubstringPlace { Start, End, Anywhere }
