using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using RuleGen.Runtime;
using Xunit;

namespace RuleGen.Tests;

/// <summary>The alert bytes (pinned by a snapshot taken before the writer was buffered) and how they reach the OS.</summary>
public class AlertWriterTests
{
    private static List<RuleMatch> SampleMatches()
    {
        var scanner = new Scanner(Rules.CompiledRules.All, new ScanOptions { Threads = 1 });
        var matches = new List<RuleMatch>();
        foreach (string file in Directory.GetFiles(Repository.Path("samples", "logs")).OrderBy(f => f, System.StringComparer.Ordinal))
        {
            using FileStream input = File.OpenRead(file);
            // The name as the README's main job gives it, so the snapshot does not depend on where the clone is.
            scanner.ScanStream(input, "samples/logs/" + Path.GetFileName(file), matches.Add, problem => Assert.Fail(problem));
        }
        return matches;
    }

    [Fact]
    public void TheSampleAlertsAreTheSnapshotByteForByte()
    {
        var output = new MemoryStream();
        using (var writer = new AlertWriter(output))
        {
            foreach (RuleMatch match in SampleMatches()) writer.Write(match);
        }
        Snapshot.Match("sample-alerts.ndjson", Encoding.UTF8.GetString(output.ToArray()));
    }
}
