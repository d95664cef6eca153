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
    public static string Iso(long timeMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(timeMs).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
