using System;
using System.Linq;
using System.Text;
using RuleGen.Runtime;
using RuleGen.Tests.Rules;
using Xunit;

namespace RuleGen.Tests;

/// <summary>
/// An event that matches no rule costs no allocation once the scanner is warm: with and without the prefilter,
/// for every rule of the repository, over real events of many shapes (nested, arrays, escapes, raw CloudTrail is
/// excluded: it is normalised through JsonDocument).
/// </summary>
public class AllocationTests
{
    /// <summary>
    /// The lines no rule of rules/ fires on (an alert allocates, by design: its record and columns). Rules are added
    /// over time (SigmaHQ's console-login rules fire on every one of Elastic's console-login documents), so the lines are
    /// chosen by scanning, and most of them must remain for the test to mean anything.
    /// </summary>
    /// <summary>
    /// The rules of rules/ but the stateful ones: their filters are the same generated KQL code as the query rules',
    /// but the new_terms rules' queries are broad by design (any successful call with an AKIA key, any call by a rare
    /// user…) and fire on most documents, which would leave too few quiet lines.
    /// </summary>
    private static readonly Lazy<RuleSet> SingleEventRules = new(() =>
        CompiledRules.All.Select(CompiledRules.All.Rules.Where(r => r.Stateful is null).Select(r => r.Metadata.RuleId), out _));

    private static readonly Lazy<string[]> QuietLines = new(() => NonMatching(System.IO.Directory.GetFiles(Repository.Data("ecs-cloudtrail"), "*.ndjson")
        .OrderBy(f => f, StringComparer.Ordinal).SelectMany(System.IO.File.ReadAllLines)));

    private static string[] NonMatching(System.Collections.Generic.IEnumerable<string> lines)
    {
        string[] all = lines.Where(l => l.Length > 0).ToArray();
        var scanner = new Scanner(SingleEventRules.Value, new ScanOptions { Threads = 1 });
        string[] quiet = all.Where(l =>
        {
            bool fired = false;
            scanner.ScanDocument(Encoding.UTF8.GetBytes(l), new DocumentPosition("t", 1, 1), InputFormat.NdJson, _ => fired = true, p => throw new InvalidOperationException(p));
            return !fired;
        }).ToArray();
        Assert.True(quiet.Length * 2 >= all.Length, $"only {quiet.Length} of {all.Length} lines fire no rule");
        return quiet;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void NonMatchingEventsAllocateNothingInSteadyState(bool prefilter)
    {
        byte[][] events = QuietLines.Value.Select(Encoding.UTF8.GetBytes).ToArray();
        var scanner = new Scanner(SingleEventRules.Value, new ScanOptions { Prefilter = prefilter, Threads = 1 });
        int matches = 0;
        Action<RuleMatch> onMatch = _ => matches++;
        Action<string> onProblem = p => throw new InvalidOperationException(p);
        var position = new DocumentPosition("t", 1, 1);

        for (int warm = 0; warm < 50; warm++)
        {
            foreach (byte[] e in events) scanner.ScanDocument(e, position, InputFormat.NdJson, onMatch, onProblem);
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int round = 0; round < 200; round++)
        {
            foreach (byte[] e in events) scanner.ScanDocument(e, position, InputFormat.NdJson, onMatch, onProblem);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, matches);
        Assert.Equal(0, allocated);
    }

    /// <summary>Reading costs nothing per event either: a scan of 10 or of 1,000 copies of the same lines allocates the
    /// same (per-scan set-up only), whatever the layout.</summary>
    [Theory]
    [InlineData("ndjson", true)]
    [InlineData("ndjson", false)]
    [InlineData("array", true)]
    [InlineData("concatenated", false)]
    public void ReadingAllocatesNothingPerEvent(string layout, bool prefilter)
    {
        string[] lines = QuietLines.Value;
        byte[] Input(int copies)
        {
            var events = Enumerable.Repeat(lines, copies).SelectMany(l => l);
            string text = layout switch
            {
                "array" => "[" + string.Join(",\n", events) + "]",
                "concatenated" => string.Concat(events),
                _ => string.Join("\n", events) + "\n",
            };
            return Encoding.UTF8.GetBytes(text);
        }
        var scanner = new Scanner(SingleEventRules.Value, new ScanOptions { Prefilter = prefilter, Threads = 1 });
        long Allocated(byte[] input)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            scanner.ScanStream(new System.IO.MemoryStream(input), "t", _ => { }, p => throw new InvalidOperationException(p));
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        byte[] small = Input(10), large = Input(1000);
        for (int warm = 0; warm < 20; warm++) Allocated(small);
        Allocated(large);
        // The least of three: the runtime itself may allocate now and then on this thread (tiering, class
        // initialisation); allocation per event shows in every run.
        long perScan = Enumerable.Range(0, 3).Min(_ => Allocated(small));
        long withMore = Enumerable.Range(0, 3).Min(_ => Allocated(large));
        Assert.True(withMore <= perScan + 1024, $"{perScan:N0} bytes for {10 * lines.Length} events, {withMore:N0} for {1000 * lines.Length}");
    }
}
