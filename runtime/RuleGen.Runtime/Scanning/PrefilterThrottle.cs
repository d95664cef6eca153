namespace RuleGen.Runtime;

/// <summary>
/// Switches the prefilter off for a while when it is not paying for itself. The prefilter costs a multi-literal search
/// of every event's bytes and saves a parse only for the events it rules out; when most events hold some rule's
/// literal (a rule set with broad rules, such as SigmaHQ's "any call by an assumed role", over a corpus of such calls)
/// the search costs more than it saves: on the 640 MB benchmark corpus with every rule of rules/, 7.1 s with it against
/// 2.5 s without (docs/performance.md). So each evaluator probes: over a window of <see cref="ProbeEvents"/> events,
/// if fewer than a quarter are ruled out, the next <see cref="PauseEvents"/> are parsed without it, then it probes
/// again. Verdicts never depend on it (the prefilter only skips events no rule can match); only the summary's
/// "ruled out" count and the speed do, and, as each worker thread has its own throttle, that count may differ
/// between thread counts.
/// </summary>
internal sealed class PrefilterThrottle
{
    public const int ProbeEvents = 2048;
    public const int PauseEvents = 32768;

    private int _seen;
    private int _skipped;
    private int _paused;

    /// <summary>Whether the prefilter should run on the next event.</summary>
    public bool ShouldRun()
    {
        if (_paused == 0) return true;
        _paused--;
        return false;
    }

    /// <summary>Records the prefilter's outcome on one event it ran on.</summary>
    public void Ran(bool ruledOut)
    {
        _seen++;
        if (ruledOut) _skipped++;
        if (_seen < ProbeEvents) return;
        if (_skipped * 4 < _seen) _paused = PauseEvents;
        _seen = 0;
        _skipped = 0;
    }
}
