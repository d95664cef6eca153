using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using RuleGen.Runtime;
using RuleGen.Runtime.Windows;
using Xunit;

namespace RuleGen.Tests.Windows;

/// <summary>
/// A `type: threshold` rule compiles: its query is the filter (the per-event path), its threshold the window stage
/// (an override of CompiledRule.Stateful), and its kept columns what the stage reads. Scanned over the MADE streams,
/// the compiled rule gives the alerts ThresholdTests expect.
/// </summary>
public class ThresholdRuleCompileTests
{
    private const string Namespace = "Threshold.Rules";

    private static readonly string Yaml = RuleYaml.With("event.action: ConsoleLogin and event.outcome: failure", name: "Root brute force (MADE)", id: "ROOT-BRUTE") + """
        type: threshold
        timestamp_override: event.ingested
        threshold:
          field: [cloud.account.id]
          value: 10

        """;

    private static GeneratorHarness.Result Compiled() => GeneratorHarness.Run(new[] { new InMemoryRuleFile("/repo/rules/brute.yml", Yaml) }, Namespace);

    [Fact]
    public void TheGeneratedClassCarriesTheThresholdStageAndKeepsWhatItReads()
    {
        GeneratorHarness.Result result = Compiled();
        Assert.DoesNotContain(result.Run.Diagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        string source = string.Join("\n", result.Run.Results.Single().GeneratedSources.Select(s => s.SourceText.ToString()));
        Assert.Contains("public override global::RuleGen.Runtime.Windows.StatefulSpec? Stateful { get; } = new global::RuleGen.Runtime.Windows.ThresholdSpec(", source);
        Assert.Contains("Threshold: groups of cloud.account.id with at least 10 event(s).", source);

        CompiledRule rule = GeneratorHarness.Load(result, Namespace).Rules.Single();
        ThresholdSpec spec = Assert.IsType<ThresholdSpec>(rule.Stateful);
        Assert.Equal(new[] { "cloud.account.id" }, spec.Fields);
        Assert.Equal(10, spec.Value);
        Assert.Equal(new[] { "cloud.account.id", "@timestamp", "event.ingested", "_id", "event.id", "eventID" }, rule.Keep);
    }

    [Fact]
    public void ScanningTheMadeStreamsThroughTheCompiledRuleGivesTheTickAlerts()
    {
        RuleSet rules = GeneratorHarness.Load(Compiled(), Namespace);
        CompiledRule rule = rules.Rules.Single();
        var stage = new WindowStage(rule.Stateful!, RuleSchedule.Of(rule.Metadata));
        var scanner = new Scanner(rules, new ScanOptions { Threads = 2 });
        var problems = new List<string>();
        foreach (string file in new[] { "brute-force-b.ndjson", "brute-force-a.ndjson" })
            scanner.ScanFile(Repository.Data("threshold", file), m => stage.Add(rule.Stateful!.Hit(m, WindowOptions.Default)!), problems.Add);
        Assert.Empty(problems);

        WindowStageResult result = stage.Run();
        Assert.Equal(new[] { "2024-12-02T10:05:00.000Z", "2024-12-02T10:10:00.000Z" }, result.Alerts.Select(a => a.Timestamp));
        Assert.Equal(new long[] { 10, 10 }, result.Alerts.Select(a => a.Count));
        Assert.Equal("2024-12-02T10:09:30.000Z", result.Alerts[1].OriginalTime);

        var output = new MemoryStream();
        using (var writer = new AlertWriter(output)) writer.Write(rule, result.Alerts[0]);
        JsonElement alert = JsonDocument.Parse(output.ToArray()).RootElement;
        Assert.Equal("ROOT-BRUTE", alert.GetProperty("kibana.alert.rule.rule_id").GetString());
        Assert.Equal(result.Alerts[0].Id, alert.GetProperty("kibana.alert.uuid").GetString());
        Assert.Equal(10, alert.GetProperty("kibana.alert.threshold_result").GetProperty("count").GetInt32());
    }
}
