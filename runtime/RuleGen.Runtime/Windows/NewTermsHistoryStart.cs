using System;
using System.Globalization;

namespace RuleGen.Runtime.Windows;

/// <summary>
/// <c>history_window_start</c> as Kibana's date math reads it (<c>parseDateString</c> with <c>forceNow = tuple.to</c>):
/// <c>now-N</c> with s, m, h, d or w subtracts a fixed span; M and y subtract calendar months and years (moment's
/// <c>subtract</c>, on UTC). The generator accepts only <c>now-N&lt;s|m|h|d|w|M|y&gt;</c> (RuleSearchReader).
/// </summary>
public sealed class NewTermsHistoryStart
{
    private NewTermsHistoryStart(long amount, char unit)
    {
        Amount = amount;
        Unit = unit;
    }

    public long Amount { get; }

    public char Unit { get; }

    public static NewTermsHistoryStart Parse(string text)
    {
        string t = text.Trim();
        if (t.Length < 6 || !t.StartsWith("now-", StringComparison.Ordinal) || "smhdwMy".IndexOf(t[^1]) < 0
            || !long.TryParse(t.AsSpan(4, t.Length - 5), NumberStyles.None, CultureInfo.InvariantCulture, out long n) || n < 1)
            throw new FormatException($"history_window_start must be now-N with s, m, h, d, w, M or y: '{text}'");
        return new NewTermsHistoryStart(n, t[^1]);
    }

    /// <summary>The history's start for a run whose window ends at <paramref name="toMs"/> (Unix ms).</summary>
    public long StartFor(long toMs)
    {
        try
        {
            if (Unit is 'M' or 'y')
            {
                DateTime to = DateTimeOffset.FromUnixTimeMilliseconds(toMs).UtcDateTime;
                DateTime start = Unit == 'M' ? to.AddMonths((int)-Math.Min(Amount, 120_000)) : to.AddYears((int)-Math.Min(Amount, 10_000));
                return new DateTimeOffset(start, TimeSpan.Zero).ToUnixTimeMilliseconds();
            }
            long unit = Unit switch { 's' => 1_000L, 'm' => 60_000L, 'h' => 3_600_000L, 'd' => 86_400_000L, _ => 604_800_000L };
            return checked(toMs - Amount * unit);
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or OverflowException)
        {
            // Before the calendar's first day: the history reaches every event.
            return long.MinValue;
        }
    }
}
