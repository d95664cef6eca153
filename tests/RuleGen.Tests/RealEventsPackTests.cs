using System;
using System.IO;
using System.Linq;
using System.Text;
using RuleGen.Runtime;
using RuleGen.Tests.Rules;
using Xunit;

namespace RuleGen.Tests;

/// <summary>
/// Every rule of rules/ (ES|QL, KQL and EQL) over every real public CloudTrail input in the repository (raw records
/// and Elastic's ECS documents): which rule fires on which record is pinned in a golden file, reviewed by hand when
/// it changes (docs/made-examples.md lists the alerts checked against the queries). A change of semantics anywhere in
/// the front ends, the back end or the runtime shows up here as a diff over real data.
/// </summary>
public class RealEventsPackTests
{
    [Fact]
    public void WhichRuleFiresOnWhichRealRecordIsPinned()
    {
        var lines = new System.Collections.Generic.List<string>();
        foreach (var (name, bytes) in EventFixtures.RealInputs())
        {
            var result = EventFixtures.Scan(CompiledRules.All, name, bytes);
            Assert.Empty(result.Problems);
            string file = Path.GetRelativePath(Repository.Data("real"), name).Replace('\\', '/');
            if (file.StartsWith("..", StringComparison.Ordinal)) file = Path.GetFileName(name);
            // A stateful rule's matches are stage hits: its alerts come per tick, here from one scan of this input.
            // A synthetic alert (threshold, a sequence's shell, a correlation) names no record: its line is the event time it reports.
            var windows = new Runtime.Windows.WindowStages(Runtime.Windows.WindowOptions.Default, (rule, alert) =>
                lines.Add(alert.Source is RuleMatch source
                    ? $"{file}:{source.Position.Line}#{source.Position.Record}\t{rule.Metadata.Name} ({rule.Stateful!.Kind} at {alert.Timestamp})"
                    : $"{file}:synthetic@{alert.OriginalTime}\t{rule.Metadata.Name} ({rule.Stateful!.Kind} at {alert.Timestamp})"),
                CompiledRules.All.Rules);
            foreach (RuleMatch m in result.Matches)
                if (!windows.Take(m)) lines.Add($"{file}:{m.Position.Line}#{m.Position.Record}\t{m.Rule.Metadata.Name}");
            windows.Finish();
        }
        lines.Sort(StringComparer.Ordinal);
        Assert.True(lines.Count >= 50, $"only {lines.Count} alerts over the real data");
        Assert.True(lines.Select(l => l.Split('\t')[1]).Distinct().Count() >= 25, "fewer than 25 rules fire on real data");
        Snapshot.Match("real-events-pack.tsv", string.Join("\n", lines) + "\n");
    }
}
