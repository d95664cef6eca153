using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using CsCheck;
using Xunit;
using static RuleGen.Tests.Sequences.SequenceRules;

namespace RuleGen.Tests.Sequences;

/// <summary>
/// The MADE sequence streams in any line order, split over any number of files, scanned on any number of threads:
/// the same alerts (ticks, ids, events) as SequenceTickTests derives. The events carry event.id, so their identity
/// does not depend on the file or line they are read from; equal timestamps never share a key, so input order never
/// decides a sequence.
/// </summary>
public class SequenceOrderPropertyTests
{
    private static string Signature((List<RuleGen.Runtime.Windows.WindowAlert> Alerts, RuleGen.Runtime.Windows.WindowStage Stage) run) =>
        string.Join("\n", run.Alerts.Select(a => Describe(a) + " " + a.Id)) + $"\nrepeats {run.Stage.DuplicateIds}";

    [Fact]
    public void OrderSplitAndThreadsDoNotChangeTheAlerts()
    {
        var cases = new (string Rule, string[] Files)[]
        {
            (BedrockId, Data("made-bedrock-a.ndjson", "made-bedrock-b.ndjson")),
            (ExfilId, Data("made-exfil.ndjson")),
        };
        var expected = cases.Select(c => Signature(Scan(c.Rule, c.Files, threads: 1))).ToArray();
        Assert.Contains("14:40 shell bd-10,bd-11", expected[0]);
        string folder = Path.Combine(Path.GetTempPath(), "rulegen-sequence-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            Gen.Select(Gen.Int, Gen.Int[1, 4], Gen.Int[1, 4]).Sample((seed, files, threads) =>
            {
                var random = new Random(seed);
                for (int c = 0; c < cases.Length; c++)
                {
                    string[] lines = cases[c].Files.SelectMany(File.ReadLines).OrderBy(_ => random.Next()).ToArray();
                    string[] parts = Enumerable.Range(0, files).Select(i => Path.Combine(folder, $"{seed}-{c}-part{i}.ndjson")).ToArray();
                    for (int i = 0; i < files; i++) File.WriteAllLines(parts[i], lines.Where((_, n) => n % files == i));
                    Assert.Equal(expected[c], Signature(Scan(cases[c].Rule, parts, threads)));
                }
            }, iter: 20);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
