using System;
using System.Collections.Generic;
using System.Globalization;

namespace RuleGen.Cli;

/// <summary>
/// How `rulegen scan` reads in streaming mode (docs/tick-engine.md, "Streaming"): standard input (<c>-</c>), a followed
/// file (<c>--follow</c>) or an explicit <c>--lateness</c> make stateful rules finalise each tick as the watermark (the
/// latest event time seen minus the lateness) passes it, and write its alerts then, instead of after the last input.
/// </summary>
internal static class StreamingOptions
{
    /// <summary>
    /// The default allowed lateness: 5 minutes, AWS's figure for CloudTrail delivery ("CloudTrail typically delivers
    /// logs within an average of about 5 minutes of an API call", CloudTrail user guide, FAQ), the input RuleGen is built for.
    /// </summary>
    public const long DefaultLatenessMs = 5 * 60_000;

    /// <summary>Streaming when asked for, when following, or when the only input is standard input.</summary>
    public static bool IsStreaming(IReadOnlyList<string> files, bool follow, long? lateness) =>
        follow || lateness is not null || (files.Count > 0 && files.TrueForAll(f => f == "-"));

    /// <summary>A duration: 0, or N followed by ms, s, m or h (e.g. 90s, 5m).</summary>
    public static bool TryParseDuration(string text, out long ms)
    {
        ms = 0;
        text = text.Trim();
        if (text == "0") return true;
        (string digits, long unit) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 1L)
            : text.EndsWith('s') ? (text[..^1], 1_000L)
            : text.EndsWith('m') ? (text[..^1], 60_000L)
            : text.EndsWith('h') ? (text[..^1], 3_600_000L)
            : ("", 0L);
        if (unit == 0 || !long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long n) || n > 10_000_000) return false;
        ms = n * unit;
        return true;
    }

    private static bool TrueForAll(this IReadOnlyList<string> files, Func<string, bool> test)
    {
        foreach (string file in files) if (!test(file)) return false;
        return true;
    }
}
