namespace RuleGen.Runtime.Windows;

/// <summary>
/// The scan's stateful-rule switches: <c>--schedule-start</c> (Unix ms), <c>--force-timestamp</c>, and
/// <c>--lateness</c> (ms; null = offline: every input is read before any tick runs, so input order does not matter).
/// </summary>
public sealed record WindowOptions(long? ScheduleStartMs, bool ForceTimestamp, long? LatenessMs = null)
{
    public static readonly WindowOptions Default = new(null, false);
}
