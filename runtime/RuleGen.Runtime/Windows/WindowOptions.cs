namespace RuleGen.Runtime.Windows;

/// <summary>The scan's stateful-rule switches: <c>--schedule-start</c> (Unix ms) and <c>--force-timestamp</c>.</summary>
public sealed record WindowOptions(long? ScheduleStartMs, bool ForceTimestamp)
{
    public static readonly WindowOptions Default = new(null, false);
}
