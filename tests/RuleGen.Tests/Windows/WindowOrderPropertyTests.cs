using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using CsCheck;
using RuleGen.Runtime.Windows;
using Xunit;
using static RuleGen.Tests.Windows.MadeStream;

namespace RuleGen.Tests.Windows;

/// <summary>The same events in any order, split over any number of files, added from any number of threads: the same alerts.</summary>
public class WindowOrderPropertyTests
{
    private static string Signature(WindowStageResult r) => string.Join("\n", r.Alerts.Select(a => a.ToJson())) + $"\n{r.Ticks}";

    [Fact]
    public void OrderSplitAndThreadsDoNotChangeTheAlerts()
    {
        var spec = new ThresholdSpec("ENUM", new[] { "cloud.account.id", "user.name", "source.ip" }, 2);
        List<Event> events = Read("brute-force-a.ndjson", "brute-force-b.ndjson", "principal-enumeration.ndjson", "secrets-retrieval.ndjson");
        var schedule = TickSchedule.ElasticDefault();
        var brute = new ThresholdSpec("B", new[] { "cloud.account.id" }, 10);
        string expectedEnum = Signature(Run(events, _ => true, spec, schedule));
        string expectedBrute = Signature(Run(events, _ => true, brute, schedule));
        Assert.Contains("kibana.alert.threshold_result", expectedEnum);

        Gen.Select(Gen.Int, Gen.Int[1, 5], Gen.Int[1, 4]).Sample((seed, files, threads) =>
        {
            var random = new Random(seed);
            // Shuffle, then re-split into `files` made files with fresh line numbers (identities change, alerts must not).
            Event[] shuffled = events.OrderBy(_ => random.Next()).ToArray();
            Event[] split = shuffled.Select((e, i) => e with { File = $"part{i % files}", Line = i / files + 1 }).ToArray();
            foreach ((ThresholdSpec s, string expected) in new[] { (spec, expectedEnum), (brute, expectedBrute) })
            {
                var stage = new WindowStage(s, schedule);
                Parallel.ForEach(split, new ParallelOptions { MaxDegreeOfParallelism = threads }, e =>
                {
                    if (Hit(e, s) is StageHit hit) stage.Add(hit);
                });
                Assert.Equal(expected, Signature(stage.Run()));
            }
        }, iter: 60);
    }
}
