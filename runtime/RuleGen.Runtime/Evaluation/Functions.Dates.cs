using System;
using System.Globalization;

namespace RuleGen.Runtime;

/// <summary>
/// Parts of a date value, for the front ends that compare one part of a date with a number (Sigma's time modifiers
/// <c>minute</c>…<c>year</c>, sigma-appendix-modifiers.md "Time Modifiers"). The value must be an ISO-8601 string as
/// <see cref="DateValues.TryParseIsoMillis"/> reads it (CloudTrail's <c>eventTime</c>, ECS <c>@timestamp</c>); a
/// number, a boolean or any other text is no date and gives NULL, so the comparison over it is FALSE. The part is
/// taken in UTC (a value with an offset is moved to UTC first; the spec warns it does no time-zone conversion, and
/// CloudTrail writes UTC). A multivalued field gives the part of each value that is a date.
/// </summary>
public static partial class Functions
{
    /// <summary>DatePart(value, "minute"|"hour"|"day"|"week"|"month"|"year"): the part as an integer; week is the ISO-8601 week (1–53).</summary>
    public static FieldValue DatePart(EventView e, FieldValue value, FieldValue part) => Map(e, value, part, static (s, v, p) =>
        v.Kind == ValueKind.String && DateValues.TryParseIsoMillis(v.Bytes, out long millis) && TryPart(millis, p.Bytes, out int result)
            ? Integer(s, result)
            : default);

    private static bool TryPart(long millis, ReadOnlySpan<byte> part, out int result)
    {
        result = 0;
        if (millis < MinMillis || millis > MaxMillis) return false;
        DateTime at = DateTime.UnixEpoch.AddMilliseconds(millis);
        if (part.SequenceEqual("minute"u8)) result = at.Minute;
        else if (part.SequenceEqual("hour"u8)) result = at.Hour;
        else if (part.SequenceEqual("day"u8)) result = at.Day;
        else if (part.SequenceEqual("week"u8)) result = ISOWeek.GetWeekOfYear(at);
        else if (part.SequenceEqual("month"u8)) result = at.Month;
        else if (part.SequenceEqual("year"u8)) result = at.Year;
        else return false;
        return true;
    }

    private static readonly long MinMillis = (DateTime.MinValue.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;

    private static readonly long MaxMillis = (DateTime.MaxValue.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;
}
