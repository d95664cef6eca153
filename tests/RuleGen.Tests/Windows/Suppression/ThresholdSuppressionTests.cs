using System.Linq;
using System.Text.Json;
using RuleGen.Runtime;
using RuleGen.Runtime.Windows;
using Xunit;
using static RuleGen.Tests.Windows.Suppression.SuppressionScan;

namespace RuleGen.Tests.Windows.Suppression;

/// <summary>
/// A threshold rule with alert_suppression (a duration only: it suppresses by its threshold fields), over the MADE
/// brute-force streams of Data/threshold, which without suppression give two alerts (10:05 and 10:10, ThresholdScanCommandTests).
/// </summary>
public class ThresholdSuppressionTests
{
    private const string Threshold = "threshold:\n  field: [cloud.account.id]\n  value: 10\ntimestamp_override: event.ingested\n";

    [Fact]
    public void TheSecondBucketUpdatesTheFirstAlertInsteadOfAlertingAgain()
    {
        RuleSet rules = Compile(Rule("threshold", "event.action: ConsoleLogin and event.outcome: failure",
            Threshold + "alert_suppression:\n  duration: {value: 10, unit: m}\n") .Replace("type: threshold", "language: kuery\ntype: threshold"), "ThresholdSuppression.Rules");
        (JsonElement[] alerts, _) = Scan(rules, WindowOptions.Default, "brute-force-a.ndjson", "brute-force-b.ndjson");
        // 10:05: b1-00..b1-45 (10:04:00-10:04:45). 10:10: b2-00..b2-08 and b2-last (10:06:00-10:09:30), 10 more: the
        // 10:05 alert started after now-10m, so it is updated (docs_count 0 + 0 + 1) and stays the only alert; its
        // threshold_result is the first bucket's.
        JsonElement alert = Assert.Single(alerts);
        Assert.Equal("10:05:00 10:04:45 10:04:00-10:09:30 docs=1 last=10:10:00 terms=111122223333", alert.Line());
        Assert.Equal(10, alert.GetProperty("kibana.alert.threshold_result").GetProperty("count").GetInt32());
    }
}
