using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace RuleGen.Runtime.Pipeline;

/// <summary>
/// A Java DateTimeFormatter pattern (what DATE_FORMAT and DATE_PARSE take), read once into literal text and fields,
/// then used to write and read UTC dates as Java does with Locale.ROOT (English names). The letters RuleGen knows:
/// G u y D M L d Q q E a h K k H m s S A n N V z O X x Z, quoted text ('...', '' for a quote) and optional sections
/// ([...]). Any other letter makes the pattern unusable (<see cref="UnsupportedLetter"/>; the generator reports it
/// for a constant pattern). Week-based fields (Y w W e c F) are among them: their Locale.ROOT week rules are not
/// worth guessing for rules.
/// </summary>
internal sealed class JavaDatePattern
{
    /// <summary>DATE_FORMAT's default (reference: date-time-functions, DATE_FORMAT).</summary>
    public const string DefaultFormat = "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'";

    private const string Supported = "GuyDMLdQqEahKkHmsSAnNVzOXxZ";

    private static readonly ConcurrentDictionary<string, JavaDatePattern?> Cache = new(StringComparer.Ordinal);

    private readonly List<Token> _tokens;

    private JavaDatePattern(List<Token> tokens) => _tokens = tokens;

    private readonly record struct Token(char Letter, int Count, string? Literal, bool OptionalStart, bool OptionalEnd);

    /// <summary>The pattern read (cached: a rule's pattern is a constant), or null when it has an unsupported letter.</summary>
    public static JavaDatePattern? Get(string pattern) =>
        Cache.Count > 1024 ? Read(pattern) : Cache.GetOrAdd(pattern, static p => Read(p));

    /// <summary>The first letter of the pattern RuleGen cannot use, or null; also an unclosed quote (').</summary>
    public static char? UnsupportedLetter(string pattern)
    {
        bool quoted = false;
        foreach (char c in pattern)
        {
            if (c == '\'') quoted = !quoted;
            else if (!quoted && IsAsciiLetter(c) && Supported.IndexOf(c) < 0) return c;
        }
        return quoted ? '\'' : null;
    }

    private static bool IsAsciiLetter(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z';

    private static JavaDatePattern? Read(string pattern)
    {
        if (UnsupportedLetter(pattern) is not null) return null;
        var tokens = new List<Token>();
        var literal = new StringBuilder();
        void Flush()
        {
            if (literal.Length > 0) tokens.Add(new Token('\0', 0, literal.ToString(), false, false));
            literal.Clear();
        }
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == '\'')
            {
                if (i + 1 < pattern.Length && pattern[i + 1] == '\'')
                {
                    literal.Append('\'');
                    i++;
                    continue;
                }
                int close = pattern.IndexOf('\'', i + 1);
                while (close + 1 < pattern.Length && close > 0 && pattern[close + 1] == '\'') close = pattern.IndexOf('\'', close + 2);
                if (close < 0) return null;
                literal.Append(pattern, i + 1, close - i - 1).Replace("''", "'");
                i = close;
            }
            else if (c is '[' or ']')
            {
                Flush();
                tokens.Add(new Token('\0', 0, null, c == '[', c == ']'));
            }
            else if (IsAsciiLetter(c))
            {
                Flush();
                int count = 1;
                while (i + 1 < pattern.Length && pattern[i + 1] == c)
                {
                    count++;
                    i++;
                }
                tokens.Add(new Token(c, count, null, false, false));
            }
            else
            {
                literal.Append(c);
            }
        }
        Flush();
        return new JavaDatePattern(tokens);
    }

    // ----- writing -----

    public string Format(DateTime d)
    {
        var text = new StringBuilder();
        foreach (Token token in _tokens)
        {
            if (token.Literal is not null) text.Append(token.Literal);
            else if (token.Letter != '\0') FormatField(text, token.Letter, token.Count, d);
        }
        return text.ToString();
    }

    private static void FormatField(StringBuilder text, char letter, int count, DateTime d)
    {
        DateTimeFormatInfo names = CultureInfo.InvariantCulture.DateTimeFormat;
        switch (letter)
        {
            case 'G': text.Append(count == 4 ? "Anno Domini" : count == 5 ? "A" : "AD"); break;
            case 'u':
            case 'y': Number(text, count == 2 ? d.Year % 100 : d.Year, count); break;
            case 'D': Number(text, d.DayOfYear, count); break;
            case 'M':
            case 'L':
                if (count >= 4) text.Append(count == 5 ? names.GetMonthName(d.Month).Substring(0, 1) : names.GetMonthName(d.Month));
                else if (count == 3) text.Append(names.GetAbbreviatedMonthName(d.Month));
                else Number(text, d.Month, count);
                break;
            case 'd': Number(text, d.Day, count); break;
            case 'Q':
            case 'q':
                int quarter = (d.Month - 1) / 3 + 1;
                if (count == 3) text.Append('Q').Append(quarter);
                else if (count == 4) text.Append(quarter switch { 1 => "1st", 2 => "2nd", 3 => "3rd", _ => "4th" }).Append(" quarter");
                else Number(text, quarter, count);
                break;
            case 'E':
                string day = names.GetDayName(d.DayOfWeek);
                text.Append(count == 4 ? day : count == 5 ? day.Substring(0, 1) : day.Substring(0, 3));
                break;
            case 'a': text.Append(d.Hour < 12 ? "AM" : "PM"); break;
            case 'h': Number(text, d.Hour % 12 == 0 ? 12 : d.Hour % 12, count); break;
            case 'K': Number(text, d.Hour % 12, count); break;
            case 'k': Number(text, d.Hour == 0 ? 24 : d.Hour, count); break;
            case 'H': Number(text, d.Hour, count); break;
            case 'm': Number(text, d.Minute, count); break;
            case 's': Number(text, d.Second, count); break;
            case 'S':
                string nanos = (d.Millisecond * 1_000_000L).ToString("D9", CultureInfo.InvariantCulture);
                text.Append(count <= 9 ? nanos.Substring(0, count) : nanos.PadRight(count, '0'));
                break;
            case 'A': Number(text, (long)d.TimeOfDay.TotalMilliseconds, count); break;
            case 'n': Number(text, d.Millisecond * 1_000_000L, count); break;
            case 'N': Number(text, (long)d.TimeOfDay.TotalMilliseconds * 1_000_000L, count); break;
            case 'V':
            case 'z':
            case 'X': text.Append('Z'); break;
            case 'O': text.Append("GMT"); break;
            case 'x': text.Append(count == 1 ? "+00" : count == 2 || count == 4 ? "+0000" : "+00:00"); break;
            case 'Z': text.Append(count == 4 ? "GMT" : count == 5 ? "Z" : "+0000"); break;
        }
    }

    private static void Number(StringBuilder text, long value, int width) =>
        text.Append(value.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0'));

    // ----- reading -----

    private sealed class Fields
    {
        public long Year = 1970, Month = 1, Day = 1, DayOfYear = -1, Hour = 0, Minute, Second, Nanos, Ampm = -1, Offset;
        public bool TwelveHour;
    }

    /// <summary>Reads text that the pattern writes (whole text; missing fields default to 1970-01-01T00:00:00, as Elasticsearch's DateFormatters.from).</summary>
    public bool TryParse(string text, out long ms)
    {
        ms = 0;
        var f = new Fields();
        int pos = 0;
        for (int i = 0; i < _tokens.Count; i++)
        {
            Token token = _tokens[i];
            if (token.OptionalStart)
            {
                // An optional section: taken when it reads, else skipped whole.
                int end = FindSectionEnd(i);
                int saved = pos;
                if (!TryReadRange(i + 1, end, text, ref pos, f)) pos = saved;
                i = end;
                continue;
            }
            if (token.OptionalEnd) continue;
            bool nextIsNumber = i + 1 < _tokens.Count && IsNumeric(_tokens[i + 1]);
            if (!ReadToken(token, nextIsNumber, text, ref pos, f)) return false;
        }
        return pos == text.Length && Resolve(f, out ms);
    }

    private int FindSectionEnd(int start)
    {
        int depth = 0;
        for (int i = start; i < _tokens.Count; i++)
        {
            if (_tokens[i].OptionalStart) depth++;
            else if (_tokens[i].OptionalEnd && --depth == 0) return i;
        }
        return _tokens.Count;
    }

    private bool TryReadRange(int from, int to, string text, ref int pos, Fields f)
    {
        for (int i = from; i < to; i++)
        {
            Token token = _tokens[i];
            if (token.OptionalStart)
            {
                int end = FindSectionEnd(i);
                int saved = pos;
                if (!TryReadRange(i + 1, end, text, ref pos, f)) pos = saved;
                i = end;
                continue;
            }
            if (token.OptionalEnd) continue;
            bool nextIsNumber = i + 1 < to && IsNumeric(_tokens[i + 1]);
            if (!ReadToken(token, nextIsNumber, text, ref pos, f)) return false;
        }
        return true;
    }

    private static bool IsNumeric(Token t) => t.Letter != '\0' && "uyDdhKkHmsSAnN".IndexOf(t.Letter) >= 0
        || t.Letter is 'M' or 'L' or 'Q' or 'q' && t.Count <= 2;

    private static bool ReadToken(Token token, bool nextIsNumber, string text, ref int pos, Fields f)
    {
        if (token.Literal is not null)
        {
            if (string.CompareOrdinal(text, pos, token.Literal, 0, token.Literal.Length) != 0 || pos + token.Literal.Length > text.Length) return false;
            pos += token.Literal.Length;
            return true;
        }
        DateTimeFormatInfo names = CultureInfo.InvariantCulture.DateTimeFormat;
        int count = token.Count;
        long n;
        switch (token.Letter)
        {
            case 'G': return ReadText(text, ref pos, new[] { "AD", "Anno Domini" }, out _);
            case 'u':
            case 'y':
                if (!ReadNumber(text, ref pos, count == 2 ? 2 : count, count == 2 || nextIsNumber ? Math.Max(count, 2) : 10, out n)) return false;
                f.Year = count == 2 ? 2000 + n : n;
                return true;
            case 'D': return ReadNumber(text, ref pos, count, nextIsNumber ? Math.Max(count, 3) : 3, out f.DayOfYear);
            case 'M':
            case 'L':
                if (count >= 3)
                {
                    string[] months = new string[12];
                    for (int m = 0; m < 12; m++) months[m] = count == 3 ? names.GetAbbreviatedMonthName(m + 1) : names.GetMonthName(m + 1);
                    if (!ReadText(text, ref pos, months, out int index)) return false;
                    f.Month = index + 1;
                    return true;
                }
                return ReadNumber(text, ref pos, count, nextIsNumber || count == 2 ? 2 : 2, out f.Month);
            case 'd': return ReadNumber(text, ref pos, count, 2, out f.Day);
            case 'Q':
            case 'q': return ReadNumber(text, ref pos, count, count, out _);
            case 'E':
                string[] days = new string[7];
                for (int w = 0; w < 7; w++) days[w] = count == 4 ? names.GetDayName((DayOfWeek)w) : names.GetDayName((DayOfWeek)w).Substring(0, 3);
                return ReadText(text, ref pos, days, out _);
            case 'a':
                if (!ReadText(text, ref pos, new[] { "AM", "PM" }, out int ampm)) return false;
                f.Ampm = ampm;
                return true;
            case 'h':
            case 'K':
                f.TwelveHour = true;
                if (!ReadNumber(text, ref pos, count, 2, out n)) return false;
                f.Hour = token.Letter == 'h' && n == 12 ? 0 : n;
                return true;
            case 'k':
                if (!ReadNumber(text, ref pos, count, 2, out n)) return false;
                f.Hour = n == 24 ? 0 : n;
                return true;
            case 'H': return ReadNumber(text, ref pos, count, 2, out f.Hour);
            case 'm': return ReadNumber(text, ref pos, count, 2, out f.Minute);
            case 's': return ReadNumber(text, ref pos, count, 2, out f.Second);
            case 'S':
                int start = pos;
                if (!ReadNumber(text, ref pos, count, count, out n)) return false;
                int digits = pos - start;
                for (int k = digits; k < 9; k++) n *= 10;
                f.Nanos = digits > 9 ? n : n;
                return digits <= 9;
            case 'A':
                if (!ReadNumber(text, ref pos, count, 8, out n)) return false;
                f.Hour = n / 3_600_000;
                f.Minute = n / 60_000 % 60;
                f.Second = n / 1000 % 60;
                f.Nanos = n % 1000 * 1_000_000;
                return true;
            case 'n': return ReadNumber(text, ref pos, count, 9, out f.Nanos);
            case 'N':
                if (!ReadNumber(text, ref pos, count, 14, out n)) return false;
                f.Hour = n / 3_600_000_000_000;
                f.Minute = n / 60_000_000_000 % 60;
                f.Second = n / 1_000_000_000 % 60;
                f.Nanos = n % 1_000_000_000;
                return true;
            case 'O':
                if (!ReadText(text, ref pos, new[] { "GMT" }, out _)) return false;
                return pos >= text.Length || text[pos] is not ('+' or '-') || ReadOffset(text, ref pos, f);
            default:
                // V z X x Z: a zone; RuleGen reads Z / UTC / GMT and numeric offsets.
                return ReadOffset(text, ref pos, f);
        }
    }

    private static bool ReadNumber(string text, ref int pos, int min, int max, out long value)
    {
        value = 0;
        int start = pos;
        while (pos < text.Length && pos - start < Math.Max(max, min) && text[pos] is >= '0' and <= '9')
        {
            value = value * 10 + (text[pos] - '0');
            pos++;
        }
        return pos - start >= min && pos > start;
    }

    private static bool ReadText(string text, ref int pos, string[] options, out int index)
    {
        // Longest option first, so "May" does not stop "Mayday" being refused and "Monday" beats "Mon".
        index = -1;
        int best = 0;
        for (int i = 0; i < options.Length; i++)
        {
            string o = options[i];
            if (o.Length > best && pos + o.Length <= text.Length && string.CompareOrdinal(text, pos, o, 0, o.Length) == 0)
            {
                index = i;
                best = o.Length;
            }
        }
        pos += best;
        return index >= 0;
    }

    private static bool ReadOffset(string text, ref int pos, Fields f)
    {
        if (pos < text.Length && text[pos] == 'Z')
        {
            pos++;
            return true;
        }
        foreach (string name in new[] { "UTC", "GMT" })
        {
            if (string.CompareOrdinal(text, pos, name, 0, name.Length) == 0 && pos + name.Length <= text.Length)
            {
                pos += name.Length;
                return pos >= text.Length || text[pos] is not ('+' or '-') || ReadOffset(text, ref pos, f);
            }
        }
        if (pos >= text.Length || text[pos] is not ('+' or '-')) return false;
        int sign = text[pos] == '-' ? -1 : 1;
        pos++;
        if (!ReadNumber(text, ref pos, 2, 2, out long hours)) return false;
        long minutes = 0;
        if (pos < text.Length && text[pos] == ':') pos++;
        if (pos < text.Length && text[pos] is >= '0' and <= '9' && !ReadNumber(text, ref pos, 2, 2, out minutes)) return false;
        if (hours > 18 || minutes > 59) return false;
        f.Offset = sign * (hours * 3600 + minutes * 60) * 1000;
        return true;
    }

    private static bool Resolve(Fields f, out long ms)
    {
        ms = 0;
        long hour = f.Hour;
        if (f.Ampm >= 0)
        {
            if (!f.TwelveHour && hour > 12) return false;
            hour = hour % 12 + 12 * f.Ampm;
        }
        if (f.Year is < 1 or > 9999 || f.Month is < 1 or > 12 || hour > 23 || f.Minute > 59 || f.Second > 59) return false;
        DateTime date;
        if (f.DayOfYear >= 0)
        {
            int length = DateTime.IsLeapYear((int)f.Year) ? 366 : 365;
            if (f.DayOfYear < 1 || f.DayOfYear > length) return false;
            date = new DateTime((int)f.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(f.DayOfYear - 1);
        }
        else
        {
            if (f.Day < 1 || f.Day > DateTime.DaysInMonth((int)f.Year, (int)f.Month)) return false;
            date = new DateTime((int)f.Year, (int)f.Month, (int)f.Day, 0, 0, 0, DateTimeKind.Utc);
        }
        ms = EsqlFunctions.ToMillis(date) + ((hour * 60 + f.Minute) * 60 + f.Second) * 1000 + f.Nanos / 1_000_000 - f.Offset;
        return true;
    }

    private static readonly JavaDatePattern[] IsoForms =
    {
        Read("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSSX")!, Read("yyyy-MM-dd'T'HH:mm:ssX")!, Read("yyyy-MM-dd'T'HH:mmX")!,
        Read("yyyy-MM-dd'T'HHX")!, Read("yyyy-MM-ddX")!, Read("yyyy-MMX")!, Read("yyyyX")!,
    };

    /// <summary>
    /// Elasticsearch's <c>strict_date_optional_time</c>: four-digit year, then optionally -MM, -dd, 'T'HH, :mm, :ss,
    /// a fraction of 1 to 9 digits ('.' or ','), and an offset (Z, ±HH, ±HHmm, ±HH:mm); without an offset, UTC.
    /// </summary>
    public static bool TryParseIso(string text, out long ms)
    {
        ms = 0;
        // The fraction: 1 to 9 digits after '.' or ','; normalised to 9 so one pattern reads them.
        int dot = text.IndexOfAny(new[] { '.', ',' });
        if (dot > 0)
        {
            int end = dot + 1;
            while (end < text.Length && text[end] is >= '0' and <= '9') end++;
            int digits = end - dot - 1;
            if (digits is < 1 or > 9) return false;
            text = text.Substring(0, dot) + "." + text.Substring(dot + 1, digits).PadRight(9, '0') + text.Substring(end);
        }
        bool hasOffset = text.Length > 4 && (text[text.Length - 1] == 'Z' || text.LastIndexOfAny(new[] { '+', '-' }) > 7 && text.IndexOf('T') > 0);
        string withOffset = hasOffset ? text : text + "Z";
        foreach (JavaDatePattern form in IsoForms)
        {
            if (form.TryParse(withOffset, out ms)) return true;
        }
        return false;
    }
}
