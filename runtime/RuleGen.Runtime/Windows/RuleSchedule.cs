using System;
using System.Globalization;

namespace RuleGen.Runtime.Windows;

/// <summary>A rule's <c>interval</c> and <c>from</c> (Kibana date math <c>now-6m</c>; <c>to</c> is <c>now</c>) as a tick schedule.</summary>
public static class RuleSchedule
{
    public static TickSchedule Of(RuleMetadata metadata, long? scheduleStartMs = null) =>
        new(Duration(metadata.Interval), From(metadata.From), 0, scheduleStartMs);

    /// <summary><c>now</c> or <c>now-N[smhd]</c> as a signed offset in milliseconds.</summary>
    public static long From(string from)
    {
        string text = from.Trim();
        if (text == "now") return 0;
        if (!text.StartsWith("now-", StringComparison.Ordinal)) throw new FormatException($"'from' must be now or now-N with s, m, h or d: '{from}'");
        return -Duration(text.Substring(4));
    }

    /// <summary>N followed by s, m, h or d, in milliseconds.</summary>
    public static long Duration(string text)
    {
        text = text.Trim();
        if (text.Length < 2 || !long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out long n))
            throw new FormatException($"A duration is N followed by s, m, h or d: '{text}'");
        long unit = text[^1] switch
        {
            's' => 1_000,
            'm' => 60_000,
            'h' => 3_600_000,
            'd' => 86_400_000,
            _ => throw new FormatException($"A duration is N followed by s, m, h or d: '{text}'"),
        };
        return checked(n * unit);
    }
}
