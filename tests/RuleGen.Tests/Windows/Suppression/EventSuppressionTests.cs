using System.Linq;
using System.Text.Json;
using RuleGen.Runtime;
using RuleGen.Runtime.Windows;
using Xunit;
using static RuleGen.Tests.Windows.Suppression.SuppressionScan;

namespace RuleGen.Tests.Windows.Suppression;

/// <summary>
/// Single-event EQL and ES|QL rules with alert_suppression (Kibana's in-memory path,
/// bulk_create_suppressed_alerts_in_memory.ts, then alertWithSuppression), over the MADE streams of Data/suppression.
/// The expected alerts are derived by hand in docs/alert-suppression.md.
/// </summary>
public class EventSuppressionTests
{
    private const string Ns = "EventSuppression.Rules";

    private const string Eql = "any where event.action == \"GetObject\"";

    private const string Esql = "FROM logs-aws.cloudtrail-* METADATA _id, _version, _index\n| WHERE event.action == \"GetObject\"";

    [Fact]
    public void EqlPerDurationDropsWhatTheOpenAlertCountedAndRecountsOnceItCanNoLongerBeFound()
    {
        RuleSet rules = Compile(Rule("eql", Eql, "alert_suppression:\n  group_by: [source.ip]\n  duration: {value: 5, unit: m}\n  missing_fields_strategy: suppress\n"), Ns + "1");
        (JsonElement[] alerts, string summary) = Scan(rules, WindowOptions.Default, "made-s3-a.ndjson", "made-s3-b.ndjson");
        Assert.Equal(new[]
        {
            // 10:10: e4 (10:04:30) is not after the open alert's end (10:04:30): dropped; e5 e6 update it (2 + 1 + 1).
            "10:05:00 10:01:00 10:01:00-10:09:30 docs=4 last=10:10:00 terms=10.0.0.1",
            "10:05:00 10:03:00 10:03:00-10:03:00 docs=0 last=10:05:00 terms=10.0.0.2",
            // 10:15: the 10:05 alert started before now-5m, so it is not found: e6 (10:09:30) is counted again, with e7.
            "10:15:00 10:09:30 10:09:30-10:16:00 docs=2 last=10:20:00 terms=10.0.0.1",
            "10:15:00 10:13:00 10:13:00-10:13:00 docs=0 last=10:15:00 terms=null",
        }, alerts.Select(a => a.Line()));
        // The alert ids are the documents' ids (generateId): e1's, e3's, e6's, e9's.
        Assert.Equal(new[] { "e1", "e3", "e6", "e9" }, alerts.Select(a => a.S("event.id")));
        Assert.Equal(SuppressionIds.Document(Repository.Data("suppression", "made-s3-a.ndjson"), "e1", "SU-RULE"), alerts[0].S("kibana.alert.uuid"));
        Assert.Contains("suppression: 1 rule(s), 5 tick(s), 9 stage hit(s), 4 alert(s)", summary);
    }

    [Fact]
    public void EqlComparesWholeArraysSorted()
    {
        RuleSet rules = Compile(Rule("eql", Eql, "alert_suppression:\n  group_by: [source.ip]\n"), Ns + "2");
        (JsonElement[] alerts, _) = Scan(rules, WindowOptions.Default, "made-arrays.ndjson");
        // [.1, .3] and [.3, .1] are one group (sorted), the single .1 another.
        Assert.Equal(new[]
        {
            "10:05:00 10:01:00 10:01:00-10:02:00 docs=1 last=10:05:00 terms=[\"10.0.0.1\",\"10.0.0.3\"]",
            "10:05:00 10:03:00 10:03:00-10:03:00 docs=0 last=10:05:00 terms=10.0.0.1",
        }, alerts.Select(a => a.Line()));
    }

    [Fact]
    public void EsqlTakesAtMostMaxSignalsRowsPerExecution()
    {
        RuleSet rules = Compile(Rule("esql", Esql, "max_signals: 2\nalert_suppression:\n  group_by: [source.ip]\n"), Ns + "3");
        (JsonElement[] alerts, string summary) = Scan(rules, WindowOptions.Default, "made-s3-a.ndjson", "made-s3-b.ndjson");
        // Per execution, 2 rows each: 10:05 e1 e2, 10:10 e4 e5, 10:15 e6 e7, 10:20 e8; e3 and e9 are beyond the cap.
        Assert.Equal(new[]
        {
            "10:05:00 10:01:00 10:01:00-10:02:00 docs=1 last=10:05:00 terms=10.0.0.1",
            "10:10:00 10:04:30 10:04:30-10:06:00 docs=1 last=10:10:00 terms=10.0.0.1",
            "10:15:00 10:09:30 10:09:30-10:12:00 docs=1 last=10:15:00 terms=10.0.0.1",
            "10:20:00 10:16:00 10:16:00-10:16:00 docs=0 last=10:20:00 terms=10.0.0.1",
        }, alerts.Select(a => a.Line()));
        Assert.Contains("3 place(s) where Elastic would truncate or approximate", summary);
    }
}
