using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using RuleGen.Runtime;

namespace RuleGen.Cli;

/// <summary>The summary that ends every scan on stderr (the README quotes its wording).</summary>
internal static class ScanSummary
{
    public static void Write(TextWriter stderr, ScanStatistics stats, long inputErrors, IReadOnlyDictionary<string, long> perRule, TimeSpan elapsed, int threads,
        long? alerts = null)
    {
        double seconds = Math.Max(elapsed.TotalSeconds, 1e-9);
        stderr.WriteLine($"rulegen: {stats.Events} events in {stats.Files} file(s), {alerts ?? stats.Alerts} alert(s), {stats.Malformed} malformed, " +
            $"{inputErrors} input error(s), {stats.Skipped} ruled out unparsed; {stats.Bytes / 1e6:F1} MB in {seconds:F2} s = " +
            $"{stats.Bytes / 1e6 / seconds:F1} MB/s, {stats.Events / seconds:F0} events/s on {threads} thread(s)");
        foreach (var (name, count) in perRule.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            stderr.WriteLine($"  {count,8}  {name}");
        }
    }
}
