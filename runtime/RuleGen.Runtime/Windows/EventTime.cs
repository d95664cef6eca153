using System;
using System.Globalization;

namespace RuleGen.Runtime.Windows;

/// <summary>
/// The time an event is windowed on: the rule's <c>timestamp_override</c> field when the event has it, else
/// <c>@timestamp</c> (Kibana's fallback, <c>build_events_query.ts</c>), or always <c>@timestamp</c> when forced.
/// </summary>
public static class EventTime
{
    public static bool TryChoose(string? overrideValue, string? timestamp, bool forceTimestamp, out long timeMs)
    {
        if (!forceTimestamp && TryParse(overrideValue, out timeMs)) return true;
        return TryParse(timestamp, out timeMs);
    }

    public static bool TryParse(string? text, out long timeMs)
    {
        timeMs = 0;
        if (string.IsNullOrEmpty(text)) return false;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset parsed)) return false;
        timeMs = parsed.ToUnixTimeMilliseconds();
        return true;
    }

    /// <summary>JavaScript's <c>Date.toISOString()</c>, the form Kibana writes times and hashes <c>startedAt</c> in.</summary>
    /// <remarks>
    /// Outside years 1–9999 (a tick after an event dated 9999-12-31, a look-back before 0001-01-01) as JavaScript
    /// writes them: year 0 as <c>0000</c>, others as a sign and six digits (<c>+010000-01-01T00:00:00.000Z</c>). The
    /// date is found 400 years (one Gregorian cycle, 146,097 days) at a time inside DateTime's range.
    /// </remarks>
    public static string Iso(long timeMs)
    {
        const long CycleMs = 146_097L * 86_400_000L, MinMs = -62_135_596_800_000L, MaxMs = 253_402_300_799_999L;
        long cycles = 0;
        if (timeMs < MinMs) cycles = -((MinMs - timeMs + CycleMs - 1) / CycleMs);
        else if (timeMs > MaxMs) cycles = (timeMs - MaxMs + CycleMs - 1) / CycleMs;
        DateTime date = DateTimeOffset.FromUnixTimeMilliseconds(timeMs - cycles * CycleMs).UtcDateTime;
        if (cycles == 0) return date.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        long year = date.Year + 400 * cycles;
        string y = year is >= 0 and <= 9999
            ? year.ToString("D4", CultureInfo.InvariantCulture)
            : (year < 0 ? "-" : "+") + Math.Abs(year).ToString("D6", CultureInfo.InvariantCulture);
        return y + date.ToString("-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }
}
