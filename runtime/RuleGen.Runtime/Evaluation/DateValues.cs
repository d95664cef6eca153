using System;

namespace RuleGen.Runtime;

/// <summary>
/// Dates as an Elasticsearch date field with the default format, <c>strict_date_optional_time||epoch_millis</c>,
/// reads them from a document: <c>yyyy[-MM[-dd[THH[:mm[:ss[.fraction]]]]]]</c> with an optional zone after the time
/// (<c>Z</c>, <c>±HH:mm</c>, <c>±HHmm</c>, <c>±HH</c>; none is UTC), else a number of milliseconds since the epoch
/// (digits, optional sign and fraction). Fields a value leaves out take their least value; the fraction is cut to
/// milliseconds, the date field's resolution. The generator reads query bounds with the same grammar
/// (Languages/Kql/KqlDates.cs), adding Elasticsearch's rounding up of missing fields for upper bounds.
/// </summary>
public static class DateValues
{
    public static bool TryParseMillis(ReadOnlySpan<byte> text, out long millis)
    {
        millis = 0;
        return TryParseIso(text, out millis) || TryParseEpochMillis(text, out millis);
    }

    /// <summary>Only the ISO-8601 form (<c>strict_date_optional_time</c>), not epoch milliseconds: for readers of dates written as text.</summary>
    public static bool TryParseIsoMillis(ReadOnlySpan<byte> text, out long millis) => TryParseIso(text, out millis);

    private static bool TryParseIso(ReadOnlySpan<byte> text, out long millis)
    {
        millis = 0;
        int i = 0;
        if (!Digits(text, ref i, 4, out int year)) return false;
        int month = 1, day = 1, hour = 0, minute = 0, second = 0;
        long nanos = 0;
        int offsetMinutes = 0;
        if (i < text.Length && text[i] == '-')
        {
            i++;
            if (!Digits(text, ref i, 2, out month)) return false;
            if (i < text.Length && text[i] == '-')
            {
                i++;
                if (!Digits(text, ref i, 2, out day)) return false;
                if (i < text.Length && text[i] == 'T')
                {
                    i++;
                    if (!Digits(text, ref i, 2, out hour)) return false;
                    if (i < text.Length && text[i] == ':')
                    {
                        i++;
                        if (!Digits(text, ref i, 2, out minute)) return false;
                        if (i < text.Length && text[i] == ':')
                        {
                            i++;
                            if (!Digits(text, ref i, 2, out second)) return false;
                            if (i < text.Length && (text[i] == '.' || text[i] == ','))
                            {
                                i++;
                                int digits = 0;
                                while (i < text.Length && text[i] >= '0' && text[i] <= '9' && digits < 9)
                                {
                                    nanos = nanos * 10 + (text[i] - '0');
                                    i++;
                                    digits++;
                                }
                                if (digits == 0) return false;
                                for (; digits < 9; digits++) nanos *= 10;
                            }
                        }
                    }
                    if (!Zone(text, ref i, out offsetMinutes)) return false;
                }
            }
        }
        if (i != text.Length) return false;
        if (month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(1, year), month) || year < 1) return false;
        if (hour > 23 || minute > 59 || second > 59) return false;
        long days = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc).Ticks / TimeSpan.TicksPerDay - UnixEpochDays;
        millis = ((days * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + nanos / 1_000_000 - offsetMinutes * 60_000L;
        return true;
    }

    private static readonly long UnixEpochDays = DateTime.UnixEpoch.Ticks / TimeSpan.TicksPerDay;

    private static bool Zone(ReadOnlySpan<byte> text, ref int i, out int offsetMinutes)
    {
        offsetMinutes = 0;
        if (i >= text.Length) return true;
        if (text[i] == 'Z')
        {
            i++;
            return true;
        }
        if (text[i] != '+' && text[i] != '-') return false;
        int sign = text[i] == '-' ? -1 : 1;
        i++;
        if (!Digits(text, ref i, 2, out int hours)) return false;
        int minutes = 0;
        bool colon = i < text.Length && text[i] == ':';
        if (colon) i++;
        if ((colon || i < text.Length) && !Digits(text, ref i, 2, out minutes)) return false;
        if (hours > 18 || minutes > 59) return false;
        offsetMinutes = sign * (hours * 60 + minutes);
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> text, ref int i, int count, out int value)
    {
        value = 0;
        if (i + count > text.Length) return false;
        for (int k = 0; k < count; k++)
        {
            byte c = text[i + k];
            if (c < '0' || c > '9') return false;
            value = value * 10 + (c - '0');
        }
        i += count;
        return true;
    }

    /// <summary>epoch_millis: <c>-?digits(.digits)?</c>; the fraction is below the millisecond and is cut.</summary>
    private static bool TryParseEpochMillis(ReadOnlySpan<byte> text, out long millis)
    {
        millis = 0;
        int i = 0;
        bool negative = i < text.Length && text[i] == '-';
        if (negative) i++;
        int start = i;
        long value = 0;
        while (i < text.Length && text[i] >= '0' && text[i] <= '9')
        {
            if (value > (long.MaxValue - 9) / 10) return false;
            value = value * 10 + (text[i] - '0');
            i++;
        }
        if (i == start) return false;
        if (i < text.Length && text[i] == '.')
        {
            i++;
            int fraction = i;
            while (i < text.Length && text[i] >= '0' && text[i] <= '9') i++;
            if (i == fraction) return false;
        }
        if (i != text.Length) return false;
        millis = negative ? -value : value;
        return true;
    }
}
