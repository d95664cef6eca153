using System.Linq;
using System.Text.Json;
using RuleGen.Runtime;
using RuleGen.Runtime.Windows;
using Xunit;
using static RuleGen.Tests.Windows.Suppression.SuppressionScan;

namespace RuleGen.Tests.Windows.Suppression;

/// <summary>
/// EQL sequence rules with alert_suppression (bulkCreateSuppressedSequencesInMemory and
/// buildShellAlertSuppressionTermsAndFields, then alertWithSuppression with the building blocks as sub-alerts) over the
/// MADE stream made-seq-logins.ndjson: Login then Upload by user.name, group_by source.ip, ticks every 5m looking back
/// 6m. The shell's terms are the values its events share; its suppression start and end are the shell's @timestamp
/// (the execution). Every expected alert is derived by hand below.
/// </summary>
public class SequenceSuppressionTests
{
    private const string Ns = "SequenceSuppression.Rules";

    private const string Sequence = "sequence by user.name\n  [any where event.action == \"Login\"]\n  [any where event.action == \"Upload\"]";

    private const string Block = "(absent)-(absent) docs=(absent) last=(absent) terms=none";

    private static JsonElement[] Run(string suppression, string ns, string file = "made-seq-logins.ndjson") =>
        Scan(Compile(Rule("eql", Sequence, suppression), ns), WindowOptions.Default, file).Alerts;

    [Fact]
    public void PerDurationSuppressesShellsAndWritesBuildingBlocksOnlyWithANewShell()
    {
        JsonElement[] alerts = Run("alert_suppression:\n  group_by: [source.ip]\n  duration: {value: 10, unit: m}\n", Ns + "1");
        Assert.Equal(new[]
        {
            // 10:05 [09:59, 10:05]: u1 (q1 q2) and u2 (q3 q4), all from .1: one alert, u1's shell (the first found),
            // docs 1; u2's building blocks are not written. 10:10 [10:04, 10:10]: u3 (q5 10:09:10, q6 10:09:40) is a new
            // sequence of .1 and the 10:05 alert is found (10:05 >= now-10m = 10:00): docs 2, end 10:10. 10:15
            // [10:09, 10:15]: u3 is found again. Its shell was never written (it updated the 10:05 alert), so no id
            // drops it, and its suppression end is the execution (10:15), after the alert's (10:10): Kibana counts it
            // again: docs 3, end 10:15, last_detected 10:15 (docs/alert-suppression.md).
            "10:05:00 10:01:00 10:05:00-10:15:00 docs=3 last=10:15:00 terms=10.0.0.1",
            "10:05:00 10:01:00 " + Block,
            "10:05:00 10:02:00 " + Block,
            // 10:15: u4 (q7 q8) from .2: a new alert with its blocks.
            "10:15:00 10:12:00 10:15:00-10:15:00 docs=0 last=10:15:00 terms=10.0.0.2",
            "10:15:00 10:12:00 " + Block,
            "10:15:00 10:13:00 " + Block,
            // 10:20 [10:14, 10:20]: u5's events come from .1 and .3: the shell has no source.ip, suppressed as null.
            "10:20:00 10:16:00 10:20:00-10:20:00 docs=0 last=10:20:00 terms=null",
            "10:20:00 10:16:00 " + Block,
            "10:20:00 10:17:00 " + Block,
            // 10:25 [10:19, 10:25]: u6 from .1, and the 10:05 alert is older than now-10m (10:15): a new alert.
            "10:25:00 10:21:00 10:25:00-10:25:00 docs=0 last=10:25:00 terms=10.0.0.1",
            "10:25:00 10:21:00 " + Block,
            "10:25:00 10:22:00 " + Block,
        }, alerts.Select(a => a.Line()));
        Assert.Equal(new[] { "q1", "q2", "q7", "q8", "q9", "q10", "q11", "q12" },
            alerts.Where(a => a.S("kibana.alert.building_block_type") == "default").Select(a => a.S("event.id")));
        // The blocks point at the shell they were written with.
        Assert.Equal(alerts[0].S("kibana.alert.uuid"), alerts[1].S("kibana.alert.group.id"));
        Assert.Equal(alerts[0].S("kibana.alert.uuid"), alerts[2].S("kibana.alert.group.id"));
        Assert.Equal("u1", alerts[0].S("user.name"));
        Assert.Equal(SuppressionIds.Instance(new[] { SuppressionTerm.Single("source.ip", "10.0.0.1") }, "SU-RULE"), alerts[0].S("kibana.alert.instance.id"));
    }

    [Fact]
    public void PerExecutionCollapsesWithinOneExecutionOnly()
    {
        JsonElement[] alerts = Run("alert_suppression:\n  group_by: [source.ip]\n", Ns + "2");
        Assert.Equal(new[]
        {
            "10:05:00 10:01:00 10:05:00-10:05:00 docs=1 last=10:05:00 terms=10.0.0.1",
            "10:05:00 10:01:00 " + Block,
            "10:05:00 10:02:00 " + Block,
            // 10:10: u3 is a new alert; at 10:15 its shell id is already written: dropped (per execution every shell is
            // written, so the id check catches the repeat that the duration case counts).
            "10:10:00 10:09:10 10:10:00-10:10:00 docs=0 last=10:10:00 terms=10.0.0.1",
            "10:10:00 10:09:10 " + Block,
            "10:10:00 10:09:40 " + Block,
            "10:15:00 10:12:00 10:15:00-10:15:00 docs=0 last=10:15:00 terms=10.0.0.2",
            "10:15:00 10:12:00 " + Block,
            "10:15:00 10:13:00 " + Block,
            "10:20:00 10:16:00 10:20:00-10:20:00 docs=0 last=10:20:00 terms=null",
            "10:20:00 10:16:00 " + Block,
            "10:20:00 10:17:00 " + Block,
            "10:25:00 10:21:00 10:25:00-10:25:00 docs=0 last=10:25:00 terms=10.0.0.1",
            "10:25:00 10:21:00 " + Block,
            "10:25:00 10:22:00 " + Block,
        }, alerts.Select(a => a.Line()));
    }

    [Fact]
    public void DoNotSuppressWritesAShellMissingAFieldAndItsBlocksAsOrdinaryAlerts()
    {
        JsonElement[] alerts = Run("alert_suppression:\n  group_by: [source.ip]\n  duration: {value: 10, unit: m}\n  missing_fields_strategy: doNotSuppress\n", Ns + "3");
        string[] lines = alerts.Select(a => a.Line()).ToArray();
        Assert.Equal(12, lines.Length);
        // u5's shell (no shared source.ip) carries no suppression fields; everything else is as per duration.
        Assert.Equal("10:20:00 10:16:00 " + Block, lines[6]);
        Assert.Equal(alerts[6].S("kibana.alert.uuid"), alerts[7].S("kibana.alert.group.id"));
        Assert.Equal("10:05:00 10:01:00 10:05:00-10:15:00 docs=3 last=10:15:00 terms=10.0.0.1", lines[0]);
        Assert.Equal("10:25:00 10:21:00 10:25:00-10:25:00 docs=0 last=10:25:00 terms=10.0.0.1", lines[9]);
    }

    [Fact]
    public void TermsAreTheSharedArraySorted()
    {
        JsonElement[] alerts = Run("alert_suppression:\n  group_by: [source.ip]\n", Ns + "4", "made-seq-arrays.ndjson");
        // u1: [.1, .3] then [.3, .1] share both values (Kibana's lodash intersection), sorted; u2: [.1, .3] then .1 share .1.
        Assert.Equal(new[]
        {
            "10:05:00 10:01:00 10:05:00-10:05:00 docs=0 last=10:05:00 terms=[\"10.0.0.1\",\"10.0.0.3\"]",
            "10:05:00 10:01:00 " + Block,
            "10:05:00 10:02:00 " + Block,
            "10:05:00 10:03:00 10:05:00-10:05:00 docs=0 last=10:05:00 terms=10.0.0.1",
            "10:05:00 10:03:00 " + Block,
            "10:05:00 10:04:00 " + Block,
        }, alerts.Select(a => a.Line()));
    }

    [Fact]
    public void BuildingBlocksCountAgainstMaxSignals()
    {
        JsonElement[] alerts = Run("max_signals: 2\nalert_suppression:\n  group_by: [source.ip]\n", Ns + "5", "made-seq-arrays.ndjson");
        // 10:05: two new shells (u1 [.1, .3], u2 .1). Kibana flattens them with their blocks (shell, x1, x2, shell, y1,
        // y2) and keeps the first max_signals = 2: u1's shell and x1.
        Assert.Equal(new[]
        {
            "10:05:00 10:01:00 10:05:00-10:05:00 docs=0 last=10:05:00 terms=[\"10.0.0.1\",\"10.0.0.3\"]",
            "10:05:00 10:01:00 " + Block,
        }, alerts.Select(a => a.Line()));
        Assert.Equal("x1", alerts[1].S("event.id"));
    }
}
