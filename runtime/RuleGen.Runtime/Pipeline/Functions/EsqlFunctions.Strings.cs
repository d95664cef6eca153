using System;
using System.Globalization;
using System.Text;

namespace RuleGen.Runtime.Pipeline;

/// <summary>
/// ES|QL's scalar functions over row values (the ES|QL function reference decides each one). The common rule:
/// NULL in gives NULL out, and a single-value function given a multivalue gives NULL (Elasticsearch adds a warning);
/// the functions documented otherwise (the MV_ family, conversions, COALESCE, CASE, TO_LOWER/TO_UPPER since 9.1)
/// say so. String lengths and positions count Unicode code points, as ES|QL does. docs/esql-functions/strings.md
/// gives every decision with its source.
/// </summary>
public static partial class EsqlFunctions
{
    /// <summary>Elasticsearch refuses to build strings over 1 MB (MAX_BYTES_REF_RESULT_SIZE): REPEAT, SPACE, REPLACE give NULL past it.</summary>
    internal const int MaxResultBytes = 1024 * 1024;

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
    public static EsqlValue Length(EsqlValue value) => Text(value, out string s) ? EsqlValue.Integer(CodePoints.Count(s)) : EsqlValue.Null;

    /// <summary>BYTE_LENGTH(s): the number of UTF-8 bytes.</summary>
    public static EsqlValue ByteLength(EsqlValue value) => Text(value, out string s) ? EsqlValue.Integer(Encoding.UTF8.GetByteCount(s)) : EsqlValue.Null;

    /// <summary>BIT_LENGTH(s): eight times the UTF-8 byte count.</summary>
    public static EsqlValue BitLength(EsqlValue value) => Text(value, out string s) ? EsqlValue.Integer(8 * Encoding.UTF8.GetByteCount(s)) : EsqlValue.Null;

    /// <summary>
    /// SUBSTRING(s, start[, length]): 1-based, start 0 counts as 1, a negative start counts from the end, both clamped
    /// to the string; code points. An empty string gives NULL and a negative length NULL (Substring.java).
    /// </summary>
    public static EsqlValue Substring(EsqlValue str, EsqlValue start) => SubstringCore(str, start, null);

    public static EsqlValue Substring(EsqlValue str, EsqlValue start, EsqlValue length) => length.IsSingle ? SubstringCore(str, start, length.AsLong) : EsqlValue.Null;

    private static EsqlValue SubstringCore(EsqlValue str, EsqlValue start, long? length)
    {
        if (!Text(str, out string s) || !start.IsSingle || s.Length == 0 || length < 0) return EsqlValue.Null;
        int count = CodePoints.Count(s);
        int from = StartIndex(count, start.AsLong);
        long end = length is long n ? Math.Min(count, from + n) : count;
        return EsqlValue.Keyword(CodePoints.Slice(s, from, (int)end));
    }

    /// <summary>ES|QL's 1-based start (0 as 1, negative from the end), clamped to [0, count] (Substring.indexStart, Locate.indexStart).</summary>
    private static int StartIndex(int count, long start)
    {
        long index = start > 0 ? start - 1 : start < 0 ? count + start : 0;
        return (int)Math.Min(Math.Max(0, index), count);
    }

    /// <summary>LEFT(s, n): the first n code points; n ≤ 0 gives the empty string.</summary>
    public static EsqlValue Left(EsqlValue str, EsqlValue length)
    {
        if (!Text(str, out string s) || !length.IsSingle) return EsqlValue.Null;
        long n = length.AsLong;
        if (n <= 0) return EsqlValue.Keyword("");
        int count = CodePoints.Count(s);
        return EsqlValue.Keyword(CodePoints.Slice(s, 0, (int)Math.Min(n, count)));
    }

    /// <summary>RIGHT(s, n): the last n code points; n ≤ 0 gives the empty string.</summary>
    public static EsqlValue Right(EsqlValue str, EsqlValue length)
    {
        if (!Text(str, out string s) || !length.IsSingle) return EsqlValue.Null;
        long n = length.AsLong;
        if (n <= 0) return EsqlValue.Keyword("");
        int count = CodePoints.Count(s);
        return EsqlValue.Keyword(CodePoints.Slice(s, (int)Math.Max(0, count - n), count));
    }

    /// <summary>
    /// LOCATE(s, sub[, start]): 1-based position of sub in s at or after start (start as SUBSTRING's), 0 when absent.
    /// The position is Java's String.indexOf + 1 (UTF-16 units) after a start counted in code points (Locate.java).
    /// </summary>
    public static EsqlValue Locate(EsqlValue str, EsqlValue substr) => LocateCore(str, substr, 0);

    public static EsqlValue Locate(EsqlValue str, EsqlValue substr, EsqlValue start) => start.IsSingle ? LocateCore(str, substr, start.AsLong) : EsqlValue.Null;

    private static EsqlValue LocateCore(EsqlValue str, EsqlValue substr, long start)
    {
        if (!Text(str, out string s) || !Text(substr, out string sub)) return EsqlValue.Null;
        if (Encoding.UTF8.GetByteCount(s) < Encoding.UTF8.GetByteCount(sub)) return EsqlValue.Integer(0);
        int from = CodePoints.Offset(s, StartIndex(CodePoints.Count(s), start));
        int index = s.IndexOf(sub, from, StringComparison.Ordinal);
        // Locate.java: 1 + the code points before the match (0 when absent).
        return EsqlValue.Integer(index < 0 ? 0 : 1 + CodePoints.Count(s.Substring(0, index)));
    }

    /// <summary>STARTS_WITH(s, prefix), ENDS_WITH(s, suffix), CONTAINS(s, sub): ordinal (byte) comparisons.</summary>
    public static EsqlValue StartsWith(EsqlValue str, EsqlValue prefix) =>
        Text(str, out string s) && Text(prefix, out string p) ? EsqlValue.Boolean(s.StartsWith(p, StringComparison.Ordinal)) : EsqlValue.Null;

    public static EsqlValue EndsWith(EsqlValue str, EsqlValue suffix) =>
        Text(str, out string s) && Text(suffix, out string p) ? EsqlValue.Boolean(s.EndsWith(p, StringComparison.Ordinal)) : EsqlValue.Null;

    public static EsqlValue Contains(EsqlValue str, EsqlValue substr) =>
        Text(str, out string s) && Text(substr, out string p) ? EsqlValue.Boolean(s.Contains(p, StringComparison.Ordinal)) : EsqlValue.Null;

    /// <summary>
    /// SPLIT(s, delimiter): the pieces between single-byte delimiters, empty pieces kept ("a,,b" is ["a", "", "b"]);
    /// no delimiter in s gives s. A delimiter that is not one UTF-8 byte (ASCII) is an error in Elasticsearch
    /// ("delimiter must be single byte for now"): NULL here at run time; the catalogue rejects a constant one.
    /// </summary>
    public static EsqlValue Split(EsqlValue str, EsqlValue delimiter)
    {
        if (!Text(str, out string s) || !Text(delimiter, out string d)) return EsqlValue.Null;
        if (d.Length != 1 || d[0] > 0x7F) return EsqlValue.Null;
        string[] pieces = s.Split(d[0]);
        if (pieces.Length == 1) return EsqlValue.Keyword(s);
        var values = new EsqlValue[pieces.Length];
        for (int i = 0; i < pieces.Length; i++) values[i] = EsqlValue.Keyword(pieces[i]);
        return EsqlValue.Multi(EsqlType.Keyword, values);
    }

    /// <summary>TRIM, LTRIM, RTRIM: leading/trailing whitespace removed (Java's Character.isWhitespace: no no-break spaces).</summary>
    public static EsqlValue Trim(EsqlValue value) => Text(value, out string s) ? EsqlValue.Keyword(TrimJava(s, true, true)) : EsqlValue.Null;

    public static EsqlValue LTrim(EsqlValue value) => Text(value, out string s) ? EsqlValue.Keyword(TrimJava(s, true, false)) : EsqlValue.Null;

    public static EsqlValue RTrim(EsqlValue value) => Text(value, out string s) ? EsqlValue.Keyword(TrimJava(s, false, true)) : EsqlValue.Null;

    private static string TrimJava(string s, bool leading, bool trailing)
    {
        int start = 0, end = s.Length;
        if (leading) while (start < end && IsJavaWhitespace(s[start])) start++;
        if (trailing) while (end > start && IsJavaWhitespace(s[end - 1])) end--;
        return s.Substring(start, end - start);
    }

    // Character.isWhitespace: Unicode space separators except the no-break ones, and \t \n \u000B \f \r \u001C-\u001F.
    private static bool IsJavaWhitespace(char c) =>
        c is '\t' or '\n' or '\u000B' or '\f' or '\r' or (>= '\u001C' and <= '\u001F')
        || (c != '\u00A0' && c != '\u2007' && c != '\u202F' && char.GetUnicodeCategory(c) is UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator);

    /// <summary>REVERSE(s): grapheme clusters kept together ("REVERSE works with unicode … keeps grapheme clusters together").</summary>
    public static EsqlValue Reverse(EsqlValue value)
    {
        if (!Text(value, out string s)) return EsqlValue.Null;
        var clusters = new System.Collections.Generic.List<string>();
        TextElementEnumerator elements = StringInfo.GetTextElementEnumerator(s);
        while (elements.MoveNext()) clusters.Add(elements.GetTextElement());
        var text = new StringBuilder(s.Length);
        for (int i = clusters.Count - 1; i >= 0; i--) text.Append(clusters[i]);
        return EsqlValue.Keyword(text.ToString());
    }

    /// <summary>REPEAT(s, n): s n times; a negative n or a result over 1 MB gives NULL (Repeat.java warns).</summary>
    public static EsqlValue Repeat(EsqlValue str, EsqlValue number)
    {
        if (!Text(str, out string s) || !number.IsSingle) return EsqlValue.Null;
        long n = number.AsLong;
        if (n < 0 || (long)Encoding.UTF8.GetByteCount(s) * n > MaxResultBytes) return EsqlValue.Null;
        if (s.Length == 0 || n == 0) return EsqlValue.Keyword(""); // an empty string any number of times: no loop
        var text = new StringBuilder(s.Length * (int)n);
        for (long i = 0; i < n; i++) text.Append(s);
        return EsqlValue.Keyword(text.ToString());
    }

    /// <summary>SPACE(n): n spaces; a negative n or over 1 MB gives NULL.</summary>
    public static EsqlValue Space(EsqlValue number)
    {
        if (!number.IsSingle) return EsqlValue.Null;
        long n = number.AsLong;
        return n < 0 || n > MaxResultBytes ? EsqlValue.Null : EsqlValue.Keyword(new string(' ', (int)n));
    }

    /// <summary>
    /// REPLACE(s, regex, replacement): every match of the Java regex replaced (Matcher.replaceAll: $n and ${name}
    /// groups, \ escapes). NULL in any argument gives NULL (the generated evaluator's null rule). A pattern or
    /// replacement that Java would reject, or that has no .NET equivalent, gives NULL (Elasticsearch warns for a
    /// non-constant pattern; a constant one the generator checks at build time); so does a result over 1 MB.
    /// </summary>
    public static EsqlValue Replace(EsqlValue str, EsqlValue regex, EsqlValue replacement)
    {
        if (!Text(str, out string s) || !Text(regex, out string pattern) || !Text(replacement, out string with)) return EsqlValue.Null;
        System.Text.RegularExpressions.Regex? compiled = JavaRegexCache.Get(pattern);
        if (compiled is null) return EsqlValue.Null;
        string? dotnetReplacement = JavaRegexTranslator.TranslateReplacement(with, compiled);
        if (dotnetReplacement is null) return EsqlValue.Null;
        string result;
        try
        {
            result = compiled.Replace(s, dotnetReplacement);
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            return EsqlValue.Null;
        }
        return Encoding.UTF8.GetByteCount(result) > MaxResultBytes ? EsqlValue.Null : EsqlValue.Keyword(result);
    }

    /// <summary>TO_LOWER(s): every value lower-cased (root locale), a multivalue too (Elasticsearch 8.19/9.1).</summary>
    public static EsqlValue ToLower(EsqlValue value) => MapStrings(value, static s => s.ToLowerInvariant());

    public static EsqlValue ToUpper(EsqlValue value) => MapStrings(value, static s => s.ToUpperInvariant());

    /// <summary>Applies a string function to every value (NULL stays NULL).</summary>
    internal static EsqlValue MapStrings(EsqlValue value, Func<string, string> map)
    {
        if (value.IsNull) return value;
        if (value.IsSingle) return EsqlValue.Keyword(map(value.AsString));
        var mapped = new EsqlValue[value.Count];
        for (int i = 0; i < mapped.Length; i++) mapped[i] = EsqlValue.Keyword(map(value[i].AsString));
        return EsqlValue.Multi(EsqlType.Keyword, mapped);
    }

    /// <summary>A single string value (keyword, or the text of an ip/version the binder let through); NULL and multivalues are not.</summary>
    internal static bool Text(EsqlValue value, out string text)
    {
        text = "";
        if (!value.IsSingle || value.Type is not (EsqlType.Keyword or EsqlType.Ip or EsqlType.Version)) return false;
        text = value.AsString;
        return true;
    }
}

/// <summary>Code-point counting and slicing of UTF-16 strings (a surrogate pair is one code point, as in Java's codePointCount).</summary>
internal static class CodePoints
{
    public static int Count(string s)
    {
        int count = 0;
        for (int i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) i++;
            count++;
        }
        return count;
    }

    /// <summary>The UTF-16 index of code point <paramref name="codePoint"/> (String.offsetByCodePoints(0, n)).</summary>
    public static int Offset(string s, int codePoint)
    {
        int i = 0;
        for (int n = 0; n < codePoint && i < s.Length; n++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) i++;
            i++;
        }
        return i;
    }

    public static string Slice(string s, int fromCodePoint, int toCodePoint)
    {
        int from = Offset(s, fromCodePoint);
        int to = Offset(s, toCodePoint);
        return to <= from ? "" : s.Substring(from, to - from);
    }
}
