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
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void NonMatchingEventsAllocateNothingInSteadyState(bool prefilter)
    {
        byte[][] events = System.IO.File.ReadAllLines(Repository.Data("ecs-cloudtrail", "test-console-login-json.log-expected.ndjson"))
            .Concat(System.IO.File.ReadAllLines(Repository.Data("ecs-cloudtrail", "test-send-command-all-json.log-expected.ndjson")))
            .Concat(System.IO.File.ReadAllLines(Repository.Data("ecs-cloudtrail", "test-get-secret-value-json.log-expected.ndjson")))
            .Where(l => l.Length > 0).Select(Encoding.UTF8.GetBytes).ToArray();
        var scanner = new Scanner(CompiledRules.All, new ScanOptions { Prefilter = prefilter, Threads = 1 });
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
}
