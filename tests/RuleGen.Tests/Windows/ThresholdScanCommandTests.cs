using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using RuleGen.Cli;
using RuleGen.Runtime;
using RuleGen.Runtime.Windows;
using Xunit;

namespace RuleGen.Tests.Windows;

/// <summary>
/// `rulegen scan` with a threshold rule beside a single-event rule: one pass, the single-event rule's alerts as before,
/// the threshold rule's alerts per tick after the inputs, --schedule-start honoured, ticks and state on the summary.
/// </summary>
public class ThresholdScanCommandTests
{
    private const string Namespace = "ThresholdScan.Rules";

    private static RuleSet Rules() => GeneratorHarness.Load(GeneratorHarness.Run(new[]
    {
        new InMemoryRuleFile("/repo/rules/brute.yml", RuleYaml.With("event.action: ConsoleLogin and event.outcome: failure", name: "Brute (MADE)", id: "ROOT-BRUTE") +
            "type: threshold\ntimestamp_override: event.ingested\nthreshold:\n  field: [cloud.account.id]\n  value: 10\n"),
        new InMemoryRuleFile("/repo/rules/success.yml", RuleYaml.With("event.action: ConsoleLogin and event.outcome: success", name: "Login (MADE)", id: "LOGIN") +
            "language: kuery\ntype: query\n"),
    }, Namespace), Namespace);

    private static (JsonElement[] Alerts, string Summary) Scan(WindowOptions windows)
    {
        string[] files = { Repository.Data("threshold", "brute-force-a.ndjson"), Repository.Data("threshold", "brute-force-b.ndjson") };
        return InProcessScan.Run(files, Rules(), windows);
    }

    [Fact]
    public void OnePassGivesTheQueryAlertAndTheThresholdAlertsPerTick()
    {
        (JsonElement[] alerts, string summary) = Scan(WindowOptions.Default);
        Assert.Equal(new[] { "LOGIN", "ROOT-BRUTE", "ROOT-BRUTE" }, alerts.Select(a => a.GetProperty("kibana.alert.rule.rule_id").GetString()));
        Assert.Equal(new[] { "2024-12-02T10:05:00.000Z", "2024-12-02T10:10:00.000Z" },
            alerts.Skip(1).Select(a => a.GetProperty("@timestamp").GetString()));
        Assert.Contains("3 alert(s)", summary);
        Assert.True(summary.Contains("threshold: 1 rule(s), 3 tick(s), 29 stage hit(s), 2 alert(s), 0 repeated id(s) dropped, peak state 30", System.StringComparison.Ordinal), summary);
        Assert.Contains("       2  Brute (MADE)", summary);
    }

    [Fact]
    public void ScheduleStartMovesTheTicks()
    {
        EventTime.TryParse("2024-12-02T10:07:00Z", out long start);
        (JsonElement[] alerts, string summary) = Scan(new WindowOptions(start, false));
        JsonElement threshold = Assert.Single(alerts, a => a.GetProperty("kibana.alert.rule.rule_id").GetString() == "ROOT-BRUTE");
        Assert.Equal("2024-12-02T10:07:00.000Z", threshold.GetProperty("@timestamp").GetString());
        Assert.Equal(19, threshold.GetProperty("kibana.alert.threshold_result").GetProperty("count").GetInt32());
        Assert.True(summary.Contains("2 tick(s)", System.StringComparison.Ordinal), summary);
    }
}
