using System;
using System.Collections.Generic;
using System.Globalization;

namespace RuleGen.Runtime.Pipeline;

/// <summary>
/// ES|QL's date and time functions (reference: functions-operators/date-time-functions), all in UTC as a rule's
/// query runs (Kibana sends no time zone). Dates are milliseconds since the epoch; RuleGen computes on
/// <see cref="DateTime"/> and so covers years 1 to 9999: a date or a result outside that range is NULL (Elasticsearch
/// reaches further; no event has such a date). NULL or a multivalue in gives NULL (the common rule; DATE_DIFF's
/// reference shows the multivalue case).
/// </summary>
public static partial class EsqlFunctions
{
    internal const long MillisPerDay = 86_400_000L;
    private const long MinDateMs = -62_135_596_800_000L;   // 0001-01-01T00:00:00Z
    private const long MaxDateMs = 253_402_300_799_999L;   // 9999-12-31T23:59:59.999Z

    /// <summary>NOW(): the execution's time (the tick's), the same for every row of one execution.</summary>
    public static EsqlValue Now(EsqlContext ctx) => ctx.Now;

    internal static bool TryUtc(long ms, out DateTime date)
    {
        if (ms < MinDateMs || ms > MaxDateMs)
        {
            date = default;
            return false;
        }
        date = DateTime.UnixEpoch.AddMilliseconds(ms);
        return true;
    }

    internal static long ToMillis(DateTime date) => (date.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;

    private static long FloorDiv(long a, long b) => a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);

    private static long FloorMod(long a, long b) => a - FloorDiv(a, b) * b;

    /// <summary>
    /// DATE_TRUNC(interval, date), as Elasticsearch's DateTrunc.createRounding builds its Rounding: a time duration
    /// rounds down to a multiple of itself counted from the epoch; a period of 1 day, 7 days (a week, from Monday),
    /// 1 month, 3 months (a quarter) or 1 year rounds on the calendar; N days rounds to N-day multiples from the epoch;
    /// N months and N years round to multiples of themselves on the calendar. A zero, negative or mixed (months and
    /// days) interval is an error in Elasticsearch (the binder rejects a constant one): NULL here.
    /// </summary>
    public static EsqlValue DateTrunc(EsqlValue interval, EsqlValue date)
    {
        if (!interval.IsSingle || !date.IsSingle || date.Type != EsqlType.Datetime) return EsqlValue.Null;
        long t = date.AsLong;
        if (interval.Type == EsqlType.TimeDuration)
        {
            long step = interval.AsLong;
            return step <= 0 ? EsqlValue.Null : EsqlValue.Datetime(FloorDiv(t, step) * step);
        }
        if (interval.Type != EsqlType.DatePeriod) return EsqlValue.Null;
        int months = interval.PeriodMonths, days = interval.PeriodDays;
        if (months < 0 || days < 0 || (months == 0) == (days == 0)) return EsqlValue.Null;
        if (days == 7)
        {
            long epochDay = FloorDiv(t, MillisPerDay);
            long monday = epochDay - FloorMod(epochDay + 3, 7); // 1970-01-01 was a Thursday
            return EsqlValue.Datetime(monday * MillisPerDay);
        }
        if (days > 0)
        {
            long step = days * MillisPerDay;
            return EsqlValue.Datetime(FloorDiv(t, step) * step);
        }
        if (!TryUtc(t, out DateTime d)) return EsqlValue.Null;
        long year = d.Year, total;
        if (months % 12 == 0)
        {
            long years = months / 12;
            total = (year - FloorMod(year, years)) * 12;
        }
        else
        {
            total = year * 12 + d.Month - 1;
            total -= FloorMod(total, months);
        }
        if (total < 12) return EsqlValue.Null;
        return EsqlValue.Datetime(ToMillis(new DateTime((int)(total / 12), (int)(total % 12) + 1, 1, 0, 0, 0, DateTimeKind.Utc)));
    }

    // ChronoField names DATE_EXTRACT accepts (java.time.temporal.ChronoField), case-insensitive as Elasticsearch's
    // DateExtract resolves them; each computed for a UTC date (OFFSET_SECONDS is therefore 0).
    private static readonly Dictionary<string, Func<long, DateTime, long>> DateParts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["NANO_OF_SECOND"] = (ms, d) => d.Millisecond * 1_000_000L,
        ["NANO_OF_DAY"] = (ms, d) => FloorMod(ms, MillisPerDay) * 1_000_000L,
        ["MICRO_OF_SECOND"] = (ms, d) => d.Millisecond * 1_000L,
        ["MICRO_OF_DAY"] = (ms, d) => FloorMod(ms, MillisPerDay) * 1_000L,
        ["MILLI_OF_SECOND"] = (ms, d) => d.Millisecond,
        ["MILLI_OF_DAY"] = (ms, d) => FloorMod(ms, MillisPerDay),
        ["SECOND_OF_MINUTE"] = (ms, d) => d.Second,
        ["SECOND_OF_DAY"] = (ms, d) => FloorMod(ms, MillisPerDay) / 1000,
        ["MINUTE_OF_HOUR"] = (ms, d) => d.Minute,
        ["MINUTE_OF_DAY"] = (ms, d) => d.Hour * 60 + d.Minute,
        ["HOUR_OF_AMPM"] = (ms, d) => d.Hour % 12,
        ["CLOCK_HOUR_OF_AMPM"] = (ms, d) => d.Hour % 12 == 0 ? 12 : d.Hour % 12,
        ["HOUR_OF_DAY"] = (ms, d) => d.Hour,
        ["CLOCK_HOUR_OF_DAY"] = (ms, d) => d.Hour == 0 ? 24 : d.Hour,
        ["AMPM_OF_DAY"] = (ms, d) => d.Hour / 12,
        ["DAY_OF_WEEK"] = (ms, d) => d.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)d.DayOfWeek,
        ["ALIGNED_DAY_OF_WEEK_IN_MONTH"] = (ms, d) => (d.Day - 1) % 7 + 1,
        ["ALIGNED_DAY_OF_WEEK_IN_YEAR"] = (ms, d) => (d.DayOfYear - 1) % 7 + 1,
        ["DAY_OF_MONTH"] = (ms, d) => d.Day,
        ["DAY_OF_YEAR"] = (ms, d) => d.DayOfYear,
        ["EPOCH_DAY"] = (ms, d) => FloorDiv(ms, MillisPerDay),
        ["ALIGNED_WEEK_OF_MONTH"] = (ms, d) => (d.Day - 1) / 7 + 1,
        ["ALIGNED_WEEK_OF_YEAR"] = (ms, d) => (d.DayOfYear - 1) / 7 + 1,
        ["MONTH_OF_YEAR"] = (ms, d) => d.Month,
        ["PROLEPTIC_MONTH"] = (ms, d) => d.Year * 12L + d.Month - 1,
        ["YEAR_OF_ERA"] = (ms, d) => d.Year,
        ["YEAR"] = (ms, d) => d.Year,
        ["ERA"] = (ms, d) => 1,
        ["INSTANT_SECONDS"] = (ms, d) => FloorDiv(ms, 1000),
        ["OFFSET_SECONDS"] = (ms, d) => 0,
    };

    /// <summary>The part names DATE_EXTRACT knows (the generator checks a constant part against the same list).</summary>
    public static IEnumerable<string> DateExtractParts => DateParts.Keys;

    /// <summary>DATE_EXTRACT(part, date): a long; an unknown part is NULL (Elasticsearch: a warning, or an error for a constant).</summary>
    public static EsqlValue DateExtract(EsqlValue part, EsqlValue date)
    {
        if (!part.IsSingle || !date.IsSingle || part.Type != EsqlType.Keyword || date.Type != EsqlType.Datetime) return EsqlValue.Null;
        if (!DateParts.TryGetValue(part.AsString, out var extract) || !TryUtc(date.AsLong, out DateTime d)) return EsqlValue.Null;
        return EsqlValue.Long(extract(date.AsLong, d));
    }

    private enum DiffUnit { Year, Quarter, Month, Day, Week, Hour, Minute, Second, Millisecond, Microsecond, Nanosecond }

    // DATE_DIFF's units and abbreviations (Elasticsearch DateDiff.Part), case-insensitive. dayofyear and weekday count
    // days, as Elasticsearch's do.
    private static readonly Dictionary<string, DiffUnit> DiffUnits = new(StringComparer.OrdinalIgnoreCase)
    {
        ["year"] = DiffUnit.Year, ["years"] = DiffUnit.Year, ["yyyy"] = DiffUnit.Year, ["yy"] = DiffUnit.Year,
        ["quarter"] = DiffUnit.Quarter, ["quarters"] = DiffUnit.Quarter, ["qq"] = DiffUnit.Quarter, ["q"] = DiffUnit.Quarter,
        ["month"] = DiffUnit.Month, ["months"] = DiffUnit.Month, ["mm"] = DiffUnit.Month, ["m"] = DiffUnit.Month,
        ["dayofyear"] = DiffUnit.Day, ["dy"] = DiffUnit.Day, ["y"] = DiffUnit.Day,
        ["day"] = DiffUnit.Day, ["days"] = DiffUnit.Day, ["dd"] = DiffUnit.Day, ["d"] = DiffUnit.Day,
        ["week"] = DiffUnit.Week, ["weeks"] = DiffUnit.Week, ["wk"] = DiffUnit.Week, ["ww"] = DiffUnit.Week,
        ["weekday"] = DiffUnit.Day, ["weekdays"] = DiffUnit.Day, ["dw"] = DiffUnit.Day,
        ["hour"] = DiffUnit.Hour, ["hours"] = DiffUnit.Hour, ["hh"] = DiffUnit.Hour,
        ["minute"] = DiffUnit.Minute, ["minutes"] = DiffUnit.Minute, ["mi"] = DiffUnit.Minute, ["n"] = DiffUnit.Minute,
        ["second"] = DiffUnit.Second, ["seconds"] = DiffUnit.Second, ["ss"] = DiffUnit.Second, ["s"] = DiffUnit.Second,
        ["millisecond"] = DiffUnit.Millisecond, ["milliseconds"] = DiffUnit.Millisecond, ["ms"] = DiffUnit.Millisecond,
        ["microsecond"] = DiffUnit.Microsecond, ["microseconds"] = DiffUnit.Microsecond, ["mcs"] = DiffUnit.Microsecond,
        ["nanosecond"] = DiffUnit.Nanosecond, ["nanoseconds"] = DiffUnit.Nanosecond, ["ns"] = DiffUnit.Nanosecond,
    };

    /// <summary>The unit names DATE_DIFF knows (the generator checks a constant unit against the same list).</summary>
    public static IEnumerable<string> DateDiffUnits => DiffUnits.Keys;

    /// <summary>
    /// DATE_DIFF(unit, start, end): whole units from start to end as an integer, truncated toward zero, as Java's
    /// ChronoUnit.between on UTC ZonedDateTimes: calendar units count fully elapsed months (an end earlier in its
    /// day than the start takes one day off), time units divide the exact difference. A result beyond an integer
    /// (Elasticsearch's safeToInt) or an unknown unit is NULL.
    /// </summary>
    public static EsqlValue DateDiff(EsqlValue unit, EsqlValue start, EsqlValue end)
    {
        if (!unit.IsSingle || !start.IsSingle || !end.IsSingle || unit.Type != EsqlType.Keyword) return EsqlValue.Null;
        if (!DiffUnits.TryGetValue(unit.AsString, out DiffUnit u)) return EsqlValue.Null;
        long s = start.AsLong, e = end.AsLong, diff;
        try
        {
            long ms = checked(e - s);
            switch (u)
            {
                case DiffUnit.Nanosecond: diff = checked(ms * 1_000_000L); break;
                case DiffUnit.Microsecond: diff = checked(ms * 1_000L); break;
                case DiffUnit.Millisecond: diff = ms; break;
                case DiffUnit.Second: diff = ms / 1000; break;
                case DiffUnit.Minute: diff = ms / 60_000; break;
                case DiffUnit.Hour: diff = ms / 3_600_000; break;
                default:
                    if (!TryUtc(s, out DateTime a) || !TryUtc(e, out DateTime b)) return EsqlValue.Null;
                    diff = CalendarDiff(u, a, b);
                    break;
            }
        }
        catch (OverflowException)
        {
            return EsqlValue.Null;
        }
        return diff is < int.MinValue or > int.MaxValue ? EsqlValue.Null : EsqlValue.Integer((int)diff);
    }

    // java.time LocalDateTime.until for date-based units: the end date steps one day back toward the start when its
    // time of day has not reached the start's, then LocalDate.until counts days or whole months.
    private static long CalendarDiff(DiffUnit unit, DateTime start, DateTime end)
    {
        DateTime endDate = end.Date;
        if (endDate > start.Date && end.TimeOfDay < start.TimeOfDay) endDate = endDate.AddDays(-1);
        else if (endDate < start.Date && end.TimeOfDay > start.TimeOfDay) endDate = endDate.AddDays(1);
        long days = (long)(endDate - start.Date).TotalDays;
        long packed1 = (start.Year * 12L + start.Month - 1) * 32 + start.Day;
        long packed2 = (endDate.Year * 12L + endDate.Month - 1) * 32 + endDate.Day;
        long months = (packed2 - packed1) / 32;
        return unit switch
        {
            DiffUnit.Day => days,
            DiffUnit.Week => days / 7,
            DiffUnit.Month => months,
            DiffUnit.Quarter => months / 3,
            _ => months / 12,
        };
    }

    /// <summary>DATE_FORMAT(date): the default format <c>yyyy-MM-dd'T'HH:mm:ss.SSS'Z'</c>.</summary>
    public static EsqlValue DateFormat(EsqlValue date) => DateFormat(EsqlValue.Keyword(JavaDatePattern.DefaultFormat), date);

    /// <summary>
    /// DATE_FORMAT(format, date): the date as text in a Java DateTimeFormatter pattern (Locale.ROOT, UTC). A pattern
    /// with a letter RuleGen cannot write is NULL (the generator reports a constant one at build time).
    /// </summary>
    public static EsqlValue DateFormat(EsqlValue format, EsqlValue date)
    {
        if (!format.IsSingle || !date.IsSingle || format.Type != EsqlType.Keyword || date.Type != EsqlType.Datetime) return EsqlValue.Null;
        JavaDatePattern? pattern = JavaDatePattern.Get(format.AsString);
        if (pattern is null || !TryUtc(date.AsLong, out DateTime d)) return EsqlValue.Null;
        return EsqlValue.Keyword(pattern.Format(d));
    }

    /// <summary>DATE_PARSE(text): Elasticsearch's default <c>strict_date_optional_time</c> (yyyy[-MM[-dd['T'HH[:mm[:ss[.fraction]]]][offset]]]).</summary>
    public static EsqlValue DateParse(EsqlValue text)
    {
        if (!text.IsSingle || text.Type != EsqlType.Keyword) return EsqlValue.Null;
        return JavaDatePattern.TryParseIso(text.AsString, out long ms) ? EsqlValue.Datetime(ms) : EsqlValue.Null;
    }

    /// <summary>DATE_PARSE(format, text): the text read with a Java pattern; text that does not fit is NULL (a warning in Elasticsearch).</summary>
    public static EsqlValue DateParse(EsqlValue format, EsqlValue text)
    {
        if (!format.IsSingle || !text.IsSingle || format.Type != EsqlType.Keyword || text.Type != EsqlType.Keyword) return EsqlValue.Null;
        JavaDatePattern? pattern = JavaDatePattern.Get(format.AsString);
        return pattern is not null && pattern.TryParse(text.AsString, out long ms) ? EsqlValue.Datetime(ms) : EsqlValue.Null;
    }

    /// <summary>DAY_NAME(date): the weekday's English name (Monday …), in UTC.</summary>
    public static EsqlValue DayName(EsqlValue date)
    {
        if (!date.IsSingle || date.Type != EsqlType.Datetime || !TryUtc(date.AsLong, out DateTime d)) return EsqlValue.Null;
        return EsqlValue.Keyword(d.DayOfWeek.ToString());
    }

    /// <summary>MONTH_NAME(date): the month's English name (January …), in UTC.</summary>
    public static EsqlValue MonthName(EsqlValue date)
    {
        if (!date.IsSingle || date.Type != EsqlType.Datetime || !TryUtc(date.AsLong, out DateTime d)) return EsqlValue.Null;
        return EsqlValue.Keyword(CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(d.Month));
    }

    /// <summary>
    /// Date arithmetic (<c>@timestamp - 1 hour</c>, <c>date + 1 month</c>), for the lead's + and - operators: a time
    /// duration adds milliseconds; a date period adds months then days on the UTC calendar, as java.time's
    /// ZonedDateTime.plus(Period) (Jan 31 + 1 month = Feb 28 or 29). Overflow or a result outside years 1-9999 is NULL.
    /// </summary>
    public static EsqlValue AddSpan(EsqlValue date, EsqlValue span, bool subtract)
    {
        if (!date.IsSingle || !span.IsSingle || date.Type != EsqlType.Datetime) return EsqlValue.Null;
        long t = date.AsLong;
        try
        {
            if (span.Type == EsqlType.TimeDuration)
            {
                long r = subtract ? checked(t - span.AsLong) : checked(t + span.AsLong);
                return r is < MinDateMs or > MaxDateMs ? EsqlValue.Null : EsqlValue.Datetime(r);
            }
            if (span.Type != EsqlType.DatePeriod || !TryUtc(t, out DateTime d)) return EsqlValue.Null;
            int months = span.PeriodMonths, days = span.PeriodDays;
            if (subtract)
            {
                months = checked(-months);
                days = checked(-days);
            }
            return EsqlValue.Datetime(ToMillis(d.AddMonths(months).AddDays(days)));
        }
        catch (Exception e) when (e is OverflowException or ArgumentOutOfRangeException)
        {
            return EsqlValue.Null;
        }
    }
}
