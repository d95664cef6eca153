using System.Linq;
using System.Text.Json;
using RuleGen.Runtime;
using RuleGen.Runtime.Windows;
using Xunit;
using static RuleGen.Tests.Windows.Suppression.SuppressionScan;

namespace RuleGen.Tests.Windows.Suppression;

/// <summary>
/// A custom query rule with alert_suppression over the MADE stream of Data/suppression (two files, out of time order),
/// ticks every 5 minutes looking back 6 (10:05 … 10:25). Every expectation is derived by hand in
/// docs/alert-suppression.md ("Worked timeline") from Kibana's group_and_bulk_create.ts and alertWithSuppression.
/// </summary>
public class QuerySuppressionTests
{
    private const string Ns = "QuerySuppression.Rules";

    private static readonly string Duration5m = "alert_suppression:\n  group_by: [source.ip, cloud.account.id]\n  duration: {value: 5, unit: m}\n  missing_fields_strategy: suppress\n";

    [Fact]
    public void PerDurationUpdatesTheOpenAlertAndWritesItWithItsFinalCount()
    {
        RuleSet rules = Compile(Rule("query", GetObject, Duration5m), Ns + "1");
        (JsonElement[] alerts, string summary) = Scan(rules, WindowOptions.Default, "made-s3-a.ndjson", "made-s3-b.ndjson");
        Assert.Equal(new[]
        {
            // 10:05: bucket (.1) = e1 e2 e4, (.2) = e3. 10:10: e4 is in the bucket history; e5 e6 update the first alert.
            "10:05:00 10:01:00 10:01:00-10:09:30 docs=4 last=10:10:00 terms=10.0.0.1,111122223333",
            "10:05:00 10:03:00 10:03:00-10:03:00 docs=0 last=10:05:00 terms=10.0.0.2,111122223333",
            // 10:15: the 10:05 alert started before now-5m = 10:10, so e7 opens a new one, which e8 updates at 10:20;
            // e9 has no source.ip: with suppress it is its own group (null), after the others (missing_order: last).
            "10:15:00 10:12:00 10:12:00-10:16:00 docs=1 last=10:20:00 terms=10.0.0.1,111122223333",
            "10:15:00 10:13:00 10:13:00-10:13:00 docs=0 last=10:15:00 terms=null,111122223333",
        }, alerts.Select(a => a.Line()));
        Assert.Equal(4, alerts.Select(a => a.S("kibana.alert.instance.id")).Distinct().Count() + 1);
        Assert.Equal(alerts[0].S("kibana.alert.instance.id"), alerts[2].S("kibana.alert.instance.id"));
        Assert.Equal("e1", alerts[0].S("event.id"));
        Assert.Contains("suppression: 1 rule(s), 5 tick(s), 9 stage hit(s), 4 alert(s)", summary);
    }

    [Fact]
    public void PerExecutionWritesOneAlertPerGroupAndRunAndTheBucketHistoryStopsRecounting()
    {
        RuleSet rules = Compile(Rule("query", GetObject, "alert_suppression:\n  group_by: [source.ip, cloud.account.id]\n"), Ns + "2");
        (JsonElement[] alerts, _) = Scan(rules, WindowOptions.Default, "made-s3-b.ndjson", "made-s3-a.ndjson");
        Assert.Equal(new[]
        {
            "10:05:00 10:01:00 10:01:00-10:04:30 docs=2 last=10:05:00 terms=10.0.0.1,111122223333",
            "10:05:00 10:03:00 10:03:00-10:03:00 docs=0 last=10:05:00 terms=10.0.0.2,111122223333",
            "10:10:00 10:06:00 10:06:00-10:09:30 docs=1 last=10:10:00 terms=10.0.0.1,111122223333",
            "10:15:00 10:12:00 10:12:00-10:12:00 docs=0 last=10:15:00 terms=10.0.0.1,111122223333",
            "10:15:00 10:13:00 10:13:00-10:13:00 docs=0 last=10:15:00 terms=null,111122223333",
            "10:20:00 10:16:00 10:16:00-10:16:00 docs=0 last=10:20:00 terms=10.0.0.1,111122223333",
        }, alerts.Select(a => a.Line()));
        // Every one of the 9 events is counted exactly once: 3 + 1 + 2 + 1 + 1 + 1.
        Assert.Equal(9, alerts.Sum(a => a.GetProperty("kibana.alert.suppression.docs_count").GetInt64() + 1));
    }

    [Fact]
    public void DoNotSuppressMakesAnEventMissingAFieldAnOrdinaryAlert()
    {
        RuleSet rules = Compile(Rule("query", GetObject, Duration5m.Replace("suppress\n", "doNotSuppress\n")), Ns + "3");
        (JsonElement[] alerts, _) = Scan(rules, WindowOptions.Default, "made-s3-a.ndjson", "made-s3-b.ndjson");
        Assert.Equal(new[]
        {
            "10:05:00 10:01:00 10:01:00-10:09:30 docs=4 last=10:10:00 terms=10.0.0.1,111122223333",
            "10:05:00 10:03:00 10:03:00-10:03:00 docs=0 last=10:05:00 terms=10.0.0.2,111122223333",
            // e9, final at once, is written before the 10:15 alert that 10:20 still updates.
            "10:15:00 10:13:00 (absent)-(absent) docs=(absent) last=(absent) terms=none",
            "10:15:00 10:12:00 10:12:00-10:16:00 docs=1 last=10:20:00 terms=10.0.0.1,111122223333",
        }, alerts.Select(a => a.Line()));
        Assert.Equal("e9", alerts[2].S("event.id"));
    }

    [Fact]
    public void AQueryRuleGroupsPerValueOfAnArray()
    {
        RuleSet rules = Compile(Rule("query", GetObject, "alert_suppression:\n  group_by: [source.ip]\n  duration: {value: 5, unit: m}\n"), Ns + "4");
        (JsonElement[] alerts, _) = Scan(rules, WindowOptions.Default, "made-arrays.ndjson");
        // One composite bucket per value: .1 holds a1 a2 a3, .3 holds a1 a2; both copy a1, the oldest.
        Assert.Equal(new[]
        {
            "10:05:00 10:01:00 10:01:00-10:03:00 docs=2 last=10:05:00 terms=10.0.0.1",
            "10:05:00 10:01:00 10:01:00-10:02:00 docs=1 last=10:05:00 terms=10.0.0.3",
        }, alerts.Select(a => a.Line()));
        Assert.NotEqual(alerts[0].S("kibana.alert.uuid"), alerts[1].S("kibana.alert.uuid"));
    }
}
