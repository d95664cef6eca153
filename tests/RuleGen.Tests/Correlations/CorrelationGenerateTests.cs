using System.Linq;
using System.Text.Json;
using RuleGen.Runtime;
using Xunit;
using static RuleGen.Tests.Correlations.CorrelationDiagnosticTests;

namespace RuleGen.Tests.Correlations;

/// <summary>
/// <c>generate</c> (default false): a referenced rule writes its own alerts only when some correlation that refers to
/// it says true; a chained correlation's alerts feed the outer one whether they are written or not.
/// </summary>
public class CorrelationGenerateTests
{
    private const string Namespace = "CorrelationGenerate.Rules";

    private static RuleSet Rules() => GeneratorHarness.Load(GeneratorHarness.Run(new[]
    {
        FailedLogin(), Success(),
        // Only this one refers to failed_login, without generate: the failed logins alert nowhere on their own.
        Correlation("    type: event_count\n    rules: [failed_login]\n    group-by: [sourceIPAddress]\n    timespan: 10m\n    condition: {gte: 3}\n",
            "/repo/rules/mr_brute.yml", "6393e346-0000-4000-8000-0000000000b1", "brute"),
        // generate: false (said): brute's alerts are silent, but they are this one's hits.
        Correlation("    type: temporal\n    rules: [brute, successful_login]\n    group-by: [sourceIPAddress]\n    timespan: 30m\ngenerate: false\n",
            "/repo/rules/mr_chain.yml", "6393e346-0000-4000-8000-0000000000b2", "chain"),
        // generate: true: successful_login alerts on its own, though mr_chain says false.
        Correlation("    type: event_count\n    rules: [successful_login]\n    group-by: [sourceIPAddress]\n    timespan: 1h\n    condition: {gte: 1}\ngenerate: true\n",
            "/repo/rules/mr_logins.yml", "6393e346-0000-4000-8000-0000000000b3", "logins"),
    }, Namespace), Namespace);

    [Fact]
    public void ReferencedRulesAreSilentUnlessOneCorrelationGeneratesThem()
    {
        (JsonElement[] alerts, string summary) = CorrelationScan.Run(new[] { CorrelationScan.Made("made-console-logins-a.ndjson"), CorrelationScan.Made("made-console-logins-b.ndjson") }, Rules());
        string[] ids = alerts.Select(a => a.GetProperty("kibana.alert.rule.rule_id").GetString()!).ToArray();
        Assert.DoesNotContain("6393e346-0000-4000-8000-000000000001", ids);                    // failed_login: silent
        Assert.Equal(2, ids.Count(i => i == "6393e346-0000-4000-8000-000000000002"));         // successful_login: s1, s2
        Assert.DoesNotContain("6393e346-0000-4000-8000-0000000000b1", ids);                    // brute: silent, yet…
        // … the chain sees its alerts: A (brute alerts, then s1 at 10:20) and B (both at 11:02).
        Assert.Equal(new[] { "2024-05-01T10:20:00.000Z", "2024-05-01T11:02:00.000Z" },
            alerts.Where(a => a.GetProperty("kibana.alert.rule.rule_id").GetString() == "6393e346-0000-4000-8000-0000000000b2").Select(a => a.GetProperty("@timestamp").GetString()));
        Assert.Equal(2, ids.Count(i => i == "6393e346-0000-4000-8000-0000000000b3"));
        Assert.Contains("6 alert(s)", summary, System.StringComparison.Ordinal);
    }
}
