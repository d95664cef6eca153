using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using RuleGen.Runtime;
using RuleGen.Runtime.Windows;

namespace RuleGen.Cli;

/// <summary>
/// `rulegen scan`: every input in turn, alerts to stdout, problems and the summary to stderr. An input that cannot
/// be opened or read whole is reported and the scan goes on with the next (exit 3 at the end); SIGINT stops it with
/// the alerts found so far written and the summary printed (exit 130). A fault writing stdout is thrown as
/// <see cref="OutputFaultException"/> for the caller to report.
/// </summary>
internal static class ScanCommand
{
    public static int Run(IReadOnlyList<string> files, RuleSet rules, ScanOptions options, Stream stdout, bool interactive, TextWriter stderr,
        WindowOptions? windowOptions = null, FollowMode? follow = null)
    {
        // Following, SIGINT ends the followed input as an end of file (the last ticks and the summary still run): the
        // caller gives the scanner no cancellation then, and the signal to the follow mode.
        CancellationToken stopFollowing = follow?.Stop ?? CancellationToken.None;
        var scanner = new Scanner(rules, options);
        // Stateful rules run in the same pass: their matches are stage hits, alerted tick by tick after the last input.
        var perRule = new Dictionary<string, long>(StringComparer.Ordinal);
        AlertWriter? sinkWriter = null;
        long stateAlerts = 0;
        var windows = new WindowStages(windowOptions ?? WindowOptions.Default, (rule, alert) =>
        {
            sinkWriter!.Write(rule, alert);
            stateAlerts++;
            perRule[rule.Metadata.Name] = perRule.GetValueOrDefault(rule.Metadata.Name) + 1;
        }, rules.Rules);
        var clock = Stopwatch.StartNew();
        bool interrupted = false;
        using (Progress? progress = Progress.Start(scanner, clock, stderr))
        {
            // Not disposed: after a write fault there is nothing to flush, and a second fault would hide the first.
            var writer = sinkWriter = new AlertWriter(stdout, flushEachAlert: interactive);
            Action<RuleMatch> onMatch = match =>
            {
                if (windows.Take(match)) return;
                writer.Write(match);
                perRule[match.Rule.Metadata.Name] = perRule.GetValueOrDefault(match.Rule.Metadata.Name) + 1;
            };
            Action<string> onProblem = problem =>
            {
                progress?.Clear();
                stderr.WriteLine(problem);
            };
            try
            {
                foreach (string file in files)
                {
                    // Between inputs too, so that a scan of many files stops at the next one whatever the scanner does.
                    options.Cancellation.ThrowIfCancellationRequested();
                    // Open and read faults (missing, a folder, EIO, damaged gzip) are reported and counted by the scanner.
                    if (follow is null || file == "-") scanner.ScanFile(file, onMatch, onProblem);
                    else Follow(scanner, file, follow, stopFollowing, onMatch, onProblem);
                }
            }
            catch (OperationCanceledException) when (options.Cancellation.IsCancellationRequested)
            {
                interrupted = true;
            }
            if (!interrupted) windows.Finish();
            writer.Flush();
        }

        ScanStatistics stats = scanner.Statistics;
        long inputErrors = stats.InputErrors;
        if (interrupted) stderr.WriteLine("rulegen: interrupted");
        else if (follow is not null && stopFollowing.IsCancellationRequested) stderr.WriteLine("rulegen: stopped following");
        ScanSummary.Write(stderr, stats, inputErrors, perRule, clock.Elapsed, scanner.Threads, stats.Alerts - windows.Taken + stateAlerts);
        foreach (string line in windows.Summary()) stderr.WriteLine($"rulegen: {line}");
        if (windows.Untimed > 0) stderr.WriteLine($"rulegen: {windows.Untimed} match(es) of stateful rules had no usable time and joined no window");
        return interrupted ? ExitCode.Interrupted : inputErrors > 0 ? ExitCode.InputError : ExitCode.Ok;
    }

    /// <summary>One followed file: read as it grows until SIGINT or the idle time (<see cref="FollowStream"/>).</summary>
    private static void Follow(Scanner scanner, string file, FollowMode follow, CancellationToken stop, Action<RuleMatch> onMatch, Action<string> onProblem)
    {
        FollowStream stream;
        try
        {
            stream = new FollowStream(file, follow.Idle, stop);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The scanner reports and counts an input it cannot open, with the same words as without --follow.
            scanner.ScanFile(file, onMatch, onProblem);
            return;
        }
        using (stream) scanner.ScanStream(stream, file, onMatch, onProblem);
    }
}

/// <summary>`--follow`: tail every input; <see cref="Idle"/> ends one that has not grown for that long (null: only <see cref="Stop"/>, SIGINT, does).</summary>
internal sealed record FollowMode(TimeSpan? Idle, CancellationToken Stop);
