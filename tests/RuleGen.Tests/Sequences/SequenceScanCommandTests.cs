using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using RuleGen.Cli;
using RuleGen.Runtime;
using RuleGen.Runtime.Windows;
using Xunit;
using static RuleGen.Tests.Sequences.SequenceRules;

namespace RuleGen.Tests.Sequences;

/// <summary>
/// `rulegen scan` with two sequence rules over the MADE streams: one pass, each rule's alerts per tick after the inputs
/// (rules by name: Bedrock's 12, then the made rule's 15), shells before their building blocks, the kind's line on the summary.
/// </summary>
public class SequenceScanCommandTests
{
    [Fact]
    public void ScanWritesTheShellAndBuildingBlocksOfEverySequenceOnce()
    {
        var rules = new RuleSet(new[] { Rule(BedrockId), Rule(ExfilId) });
        string[] files = Data("made-exfil.ndjson", "made-bedrock-b.ndjson", "made-bedrock-a.ndjson");
        (JsonElement[] alerts, string stderrText) = InProcessScan.Run(files, rules);

        Assert.Equal(27, alerts.Length);
        Assert.Equal(Enumerable.Repeat(BedrockId, 12).Concat(Enumerable.Repeat(ExfilId, 15)), alerts.Select(a => a.GetProperty("kibana.alert.rule.rule_id").GetString()));
        Assert.Equal(27, alerts.Select(a => a.GetProperty("kibana.alert.uuid").GetString()).Distinct().Count());
        // Each sequence: the shell (no building_block_type), then its blocks in order, all with the shell's id as group.
        JsonElement shell = alerts[12];
        Assert.False(shell.TryGetProperty("kibana.alert.building_block_type", out _));
        Assert.Equal("2026-01-02T09:05:00.000Z", shell.GetProperty("@timestamp").GetString());
        Assert.Equal("u1", shell.GetProperty("user.name").GetString());
        Assert.Equal(new[] { 0, 1, 2, 3 }, alerts.Skip(13).Take(4).Select(a => a.GetProperty("kibana.alert.group.index").GetInt32()));
        Assert.All(alerts.Skip(13).Take(4), a => Assert.Equal(shell.GetProperty("kibana.alert.uuid").GetString(), a.GetProperty("kibana.alert.group.id").GetString()));
        Assert.Equal("made-exfil.ndjson", Path.GetFileName(alerts[13].GetProperty("rulegen.input.file").GetString()));

        string summary = stderrText;
        Assert.Contains("27 alert(s)", summary);
        // Executions with hits 23 + 20, hits 10 + 28, alerts 12 + 15, repeats 12 + 15 (SequenceTickTests).
        Assert.True(summary.Contains("sequence: 2 rule(s), 43 tick(s), 38 stage hit(s), 27 alert(s), 27 repeated id(s) dropped", System.StringComparison.Ordinal), summary);
    }
}
