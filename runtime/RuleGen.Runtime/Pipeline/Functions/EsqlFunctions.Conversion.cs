using System;
using System.Globalization;

namespace RuleGen.Runtime.Pipeline;

/// <summary>
/// ES|QL's TO_* conversions (EsqlDataTypeConverter.java): one method per target type, taking any input type the
/// catalogue lets through. A multivalue converts value by value; a value that does not convert (unparseable,
/// out of range) is dropped with a warning in Elasticsearch, and none left gives NULL. Doubles round to integers
/// with Java's Math.round (half up); out-of-range numbers give NULL.
/// </summary>
public static partial class EsqlFunctions
{
    public static EsqlValue ToString(EsqlValue value) => Convert(value, EsqlType.Keyword, static v => EsqlValue.Keyword(JavaText(v)));

    public static EsqlValue ToInteger(EsqlValue value) => Convert(value, EsqlType.Integer, static v =>
    {
        switch (v.Type)
        {
            case EsqlType.Integer:
                return v;
            case EsqlType.Boolean:
                return EsqlValue.Integer(v.AsBoolean ? 1 : 0);
            case EsqlType.Long:
            case EsqlType.Datetime:
                return v.AsLong is >= int.MinValue and <= int.MaxValue ? EsqlValue.Integer((int)v.AsLong) : EsqlValue.Null;
            case EsqlType.Double:
                return DoubleToInt(v.AsDouble);
            case EsqlType.Keyword:
                if (int.TryParse(v.AsString, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int parsed)) return EsqlValue.Integer(parsed);
                return JavaParseDouble(v.AsString, out double d) ? DoubleToInt(d) : EsqlValue.Null;
            default:
                return EsqlValue.Null;
        }
    });

    public static EsqlValue ToLong(EsqlValue value) => Convert(value, EsqlType.Long, static v =>
    {
        switch (v.Type)
        {
            case EsqlType.Long:
                return v;
            case EsqlType.Boolean:
                return EsqlValue.Long(v.AsBoolean ? 1 : 0);
            case EsqlType.Integer:
            case EsqlType.Datetime:
                return EsqlValue.Long(v.AsLong);
            case EsqlType.Double:
                return DoubleToLong(v.AsDouble, out long l) ? EsqlValue.Long(l) : EsqlValue.Null;
            case EsqlType.Keyword:
                if (long.TryParse(v.AsString, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long parsed)) return EsqlValue.Long(parsed);
                return JavaParseDouble(v.AsString, out double d) && DoubleToLong(d, out l) ? EsqlValue.Long(l) : EsqlValue.Null;
            default:
                return EsqlValue.Null;
        }
    });

    public static EsqlValue ToDouble(EsqlValue value) => Convert(value, EsqlType.Double, static v => v.Type switch
    {
        EsqlType.Double => v,
        EsqlType.Boolean => EsqlValue.Double(v.AsBoolean ? 1 : 0),
        EsqlType.Integer or EsqlType.Long or EsqlType.Datetime => EsqlValue.Double(v.AsLong),
        EsqlType.Keyword => JavaParseDouble(v.AsString, out double d) ? EsqlValue.Double(d) : EsqlValue.Null,
        _ => EsqlValue.Null,
    });

    /// <summary>TO_BOOLEAN: a number is true when not zero; a string is true when it is "true" in any case, else false (the reference's TO_BOOLEAN page).</summary>
    public static EsqlValue ToBoolean(EsqlValue value) => Convert(value, EsqlType.Boolean, static v => v.Type switch
    {
        EsqlType.Boolean => v,
        EsqlType.Integer or EsqlType.Long => EsqlValue.Boolean(v.AsLong != 0),
        EsqlType.Double => EsqlValue.Boolean(v.AsDouble != 0),
        EsqlType.Keyword => EsqlValue.Boolean(string.Equals(v.AsString, "true", StringComparison.OrdinalIgnoreCase)),
        _ => EsqlValue.Null,
    });

    /// <summary>TO_DATETIME: a string in strict_date_optional_time (no zone is UTC), a number as epoch milliseconds (a double rounded).</summary>
    public static EsqlValue ToDatetime(EsqlValue value) => Convert(value, EsqlType.Datetime, static v => v.Type switch
    {
        EsqlType.Datetime => v,
        EsqlType.Integer or EsqlType.Long => EsqlValue.Datetime(v.AsLong),
        EsqlType.Double => DoubleToLong(v.AsDouble, out long l) ? EsqlValue.Datetime(l) : EsqlValue.Null,
        EsqlType.Keyword => StrictDateOptionalTime.TryParse(v.AsString, out long ms) ? EsqlValue.Datetime(ms) : EsqlValue.Null,
        _ => EsqlValue.Null,
    });

    /// <summary>TO_IP: an address in any form but IPv4 octets with leading zeros (TO_IP's default, leading_zeros: reject).</summary>
    public static EsqlValue ToIp(EsqlValue value) => Convert(value, EsqlType.Ip, static v => v.Type switch
    {
        EsqlType.Ip => v,
        EsqlType.Keyword => HasLeadingZeroOctet(v.AsString) ? EsqlValue.Null : EsqlValue.Ip(v.AsString),
        _ => EsqlValue.Null,
    });

    /// <summary>TO_VERSION: any string is a version (Elasticsearch keeps one that is not semver as an invalid version, still ordered).</summary>
    public static EsqlValue ToVersion(EsqlValue value) => Convert(value, EsqlType.Version, static v => v.Type switch
    {
        EsqlType.Version => v,
        EsqlType.Keyword => EsqlValue.Version(v.AsString),
        _ => EsqlValue.Null,
    });

    /// <summary>Converts every value; values that do not convert are dropped, none left is NULL.</summary>
    private static EsqlValue Convert(EsqlValue value, EsqlType target, Func<EsqlValue, EsqlValue> convert)
    {
        if (value.IsNull) return value;
        if (value.IsSingle) return convert(value);
        var converted = new EsqlValue[value.Count];
        for (int i = 0; i < converted.Length; i++) converted[i] = convert(value[i]);
        return EsqlValue.Multi(target, converted);
    }

    /// <summary>A single value as TO_STRING writes it: doubles as Java's Double.toString, dates as ISO-8601 with milliseconds and Z.</summary>
    internal static string JavaText(EsqlValue v) => v.Type switch
    {
        EsqlType.Double => JavaDouble.ToString(v.AsDouble),
        _ => v.ToString(),
    };

    // safeToInt: out of the integer range is an error, else Math.round.
    private static EsqlValue DoubleToInt(double x) =>
        x > int.MaxValue || x < int.MinValue ? EsqlValue.Null : EsqlValue.Integer((int)JavaRound(x));

    // safeDoubleToLong: beyond Long.MAX_VALUE / MIN_VALUE (as doubles) is an error, else Math.round.
    private static bool DoubleToLong(double x, out long result)
    {
        result = 0;
        if (x > 9.223372036854775807E18 || x < -9.223372036854775808E18) return false;
        result = JavaRound(x);
        return true;
    }

    /// <summary>Java's Math.round(double): the closest long, ties toward positive infinity; saturating.</summary>
    internal static long JavaRound(double x)
    {
        if (Math.Abs(x) >= 4503599627370496.0) return (long)x; // 2^52 and beyond: already an integer
        double floor = Math.Floor(x);
        return (long)(x - floor >= 0.5 ? floor + 1 : floor);
    }

    /// <summary>
    /// Java's Double.parseDouble as StringUtils.parseDouble uses it: surrounding whitespace (≤ U+0020) ignored, an
    /// optional f/F/d/D suffix, decimal or exponent forms; NaN and infinities are errors (not finite). Hexadecimal
    /// floating literals (0x1p3) are not read.
    /// </summary>
    internal static bool JavaParseDouble(string text, out double value)
    {
        value = 0;
        int start = 0, end = text.Length;
        while (start < end && text[start] <= ' ') start++;
        while (end > start && text[end - 1] <= ' ') end--;
        if (end > start && text[end - 1] is 'f' or 'F' or 'd' or 'D') end--;
        if (end == start) return false;
        ReadOnlySpan<char> span = text.AsSpan(start, end - start);
        foreach (char c in span)
        {
            if (!(c is (>= '0' and <= '9') or '.' or 'e' or 'E' or '+' or '-')) return false;
        }
        return double.TryParse(span, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }

    private static bool HasLeadingZeroOctet(string text)
    {
        if (text.IndexOf(':') >= 0) return false;
        foreach (string octet in text.Split('.'))
        {
            if (octet.Length > 1 && octet[0] == '0') return true;
        }
        return false;
    }
}

/// <summary>Doubles as Java's Double.toString writes them (TO_STRING, string concatenation of doubles in messages).</summary>
public static class JavaDouble
{
    /// <summary>
    /// The shortest digits that read back as the value (as Java 19+ and .NET's "R" both choose), written plainly for
    /// 10^-3 ≤ |x| &lt; 10^7 ("0.001", "1234567.0") and as computerized scientific notation otherwise ("1.0E7", "1.5E-4").
    /// </summary>
    public static string ToString(double value)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsPositiveInfinity(value)) return "Infinity";
        if (double.IsNegativeInfinity(value)) return "-Infinity";
        if (value == 0) return double.IsNegative(value) ? "-0.0" : "0.0";
        string r = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        int e = r.IndexOfAny(new[] { 'E', 'e' });
        int exponent = e < 0 ? 0 : int.Parse(r.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        string mantissa = e < 0 ? r : r.Substring(0, e);
        int dot = mantissa.IndexOf('.');
        string digits = dot < 0 ? mantissa : mantissa.Remove(dot, 1);
        int point = (dot < 0 ? mantissa.Length : dot) + exponent;
        int lead = 0;
        while (lead < digits.Length - 1 && digits[lead] == '0') lead++;
        digits = digits.Substring(lead);
        point -= lead;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0) digits = "0";
        string sign = value < 0 ? "-" : "";
        double abs = Math.Abs(value);
        if (abs >= 1e-3 && abs < 1e7)
        {
            if (point <= 0) return sign + "0." + new string('0', -point) + digits;
            if (point >= digits.Length) return sign + digits + new string('0', point - digits.Length) + ".0";
            return sign + digits.Substring(0, point) + "." + digits.Substring(point);
        }
        string fraction = digits.Length > 1 ? digits.Substring(1) : "0";
        return sign + digits[0] + "." + fraction + "E" + (point - 1).ToString(CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// Elasticsearch's strict_date_optional_time, the format TO_DATETIME reads strings with: yyyy[-MM[-dd]] then
/// optionally 'T'HH[:mm[:ss[.fraction]]] and an offset (Z, ±HH, ±HHmm, ±HH:mm); no offset is UTC. Fractions
/// beyond milliseconds are truncated. Two-digit fields are exactly two digits, the year exactly four.
/// </summary>
internal static class StrictDateOptionalTime
{
    public static bool TryParse(string s, out long epochMillis)
    {
        epochMillis = 0;
        int i = 0;
        if (!Digits(s, ref i, 4, out int year)) return false;
        int month = 1, day = 1, hour = 0, minute = 0, second = 0, millis = 0, offsetMinutes = 0;
        if (i < s.Length && s[i] == '-')
        {
            i++;
            if (!Digits(s, ref i, 2, out month)) return false;
            if (i < s.Length && s[i] == '-')
            {
                i++;
                if (!Digits(s, ref i, 2, out day)) return false;
            }
        }
        if (i < s.Length && s[i] == 'T')
        {
            i++;
            if (!Digits(s, ref i, 2, out hour)) return false;
            if (i < s.Length && s[i] == ':')
            {
                i++;
                if (!Digits(s, ref i, 2, out minute)) return false;
                if (i < s.Length && s[i] == ':')
                {
                    i++;
                    if (!Digits(s, ref i, 2, out second)) return false;
                    if (i < s.Length && (s[i] == '.' || s[i] == ','))
                    {
                        i++;
                        int digits = 0;
                        while (i < s.Length && s[i] >= '0' && s[i] <= '9' && digits < 9)
                        {
                            if (digits < 3) millis = millis * 10 + (s[i] - '0');
                            digits++;
                            i++;
                        }
                        if (digits == 0) return false;
                        for (int d = Math.Min(digits, 3); d < 3; d++) millis *= 10;
                    }
                }
            }
            if (i < s.Length && !Offset(s, ref i, out offsetMinutes)) return false;
        }
        if (i != s.Length || month is < 1 or > 12 || hour > 23 || minute > 59 || second > 59) return false;
        if (year < 1 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        var utc = new DateTime(year, month, day, hour, minute, second, millis, DateTimeKind.Utc);
        epochMillis = new DateTimeOffset(utc).ToUnixTimeMilliseconds() - offsetMinutes * 60_000L;
        return true;
    }

    private static bool Offset(string s, ref int i, out int minutes)
    {
        minutes = 0;
        if (s[i] == 'Z')
        {
            i++;
            return true;
        }
        if (s[i] != '+' && s[i] != '-') return false;
        int sign = s[i] == '-' ? -1 : 1;
        i++;
        if (!Digits(s, ref i, 2, out int hours)) return false;
        int mins = 0;
        if (i < s.Length && s[i] == ':') i++;
        if (i < s.Length && !Digits(s, ref i, 2, out mins)) return false;
        if (hours > 18 || mins > 59) return false;
        minutes = sign * (hours * 60 + mins);
        return true;
    }

    private static bool Digits(string s, ref int i, int count, out int value)
    {
        value = 0;
        if (i + count > s.Length) return false;
        for (int k = 0; k < count; k++)
        {
            char c = s[i + k];
            if (c < '0' || c > '9') return false;
            value = value * 10 + (c - '0');
        }
        i += count;
        return true;
    }
}
