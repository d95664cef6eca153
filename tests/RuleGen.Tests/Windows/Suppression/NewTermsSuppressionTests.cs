using System.Linq;
using System.Text.Json;
using RuleGen.Runtime;
using RuleGen.Runtime.Windows;
using Xunit;
using static RuleGen.Tests.Windows.Suppression.SuppressionScan;

namespace RuleGen.Tests.Windows.Suppression;

/// <summary>
/// new_terms rules with alert_suppression (bulk_create_suppressed_new_terms_alerts_in_memory.ts,
/// wrap_suppressed_new_terms_alerts.ts, then alertWithSuppression) over the MADE stream made-nt-users.ndjson: new
/// term user.name (history now-30m), group_by source.ip, ticks every 5m looking back 6m. Each expected alert is derived
/// by hand below and in docs/alert-suppression.md.
/// </summary>
public class NewTermsSuppressionTests
{
    private const string Ns = "NewTermsSuppression.Rules";

    private static string NewTerms(string suppression) =>
        "language: kuery\nnew_terms:\n  field: new_terms_fields\n  value: [user.name]\n  history_window_start:\n    - field: history_window_start\n      value: now-30m\n" + suppression;

    private static JsonElement[] Run(string suppression, string ns, string file = "made-nt-users.ndjson")
    {
        RuleSet rules = Compile(Rule("new_terms", GetObject, NewTerms(suppression)), ns);
        return Scan(rules, WindowOptions.Default, file).Alerts;
    }

    [Fact]
    public void PerDurationUpdatesTheOpenAlertAndStartsAgainOnceItIsOutOfReach()
    {
        JsonElement[] alerts = Run("alert_suppression:\n  group_by: [source.ip]\n  duration: {value: 10, unit: m}\n", Ns + "1");
        Assert.Equal(new[]
        {
            // 10:05 [09:59, 10:05]: a (n1 10:01, .1), b (n2 10:02, .1), c (n3 10:03, .2) are new. a and b collapse into
            // a's alert (docs 1); 10:10 [10:04, 10:10]: d (n4 10:08, .1) is new and updates it (search start 10:00 <=
            // 10:05): docs 2, end 10:08.
            "10:05:00 10:01:00 10:01:00-10:08:00 docs=2 last=10:10:00 terms=10.0.0.1",
            "10:05:00 10:03:00 10:03:00-10:03:00 docs=0 last=10:05:00 terms=10.0.0.2",
            // 10:15 [10:09, 10:15]: e (n5 10:14) has no source.ip: suppressed as null.
            "10:15:00 10:14:00 10:14:00-10:14:00 docs=0 last=10:15:00 terms=null",
            // 10:20 [10:14, 10:20]: e at 10:14 = from is history; f (n6 10:16, .1) is new and the 10:05 alert is older
            // than now-10m: a new alert. 10:25: a again (n7) is not new (seen at 10:01, history from 09:55).
            // 10:30 [10:24, 10:30]: g (n8 10:27, .1) updates f's alert (created 10:20 >= 10:20).
            "10:20:00 10:16:00 10:16:00-10:27:00 docs=1 last=10:30:00 terms=10.0.0.1",
        }, alerts.Select(a => a.Line()));
        Assert.Equal(new[] { "n1", "n3", "n5", "n6" }, alerts.Select(a => a.S("event.id")));
        // Each alert keeps its new_terms id and field: the suppression layer adds to it.
        // Kibana's new_terms id: objectHash([_index, _id, _version, space:rule, newTerms]) with the file name as _index.
        Assert.Equal(NewTermsAlertId.Of("made-nt-users.ndjson", "n1", "1", "default:SU-RULE", new[] { "a" }), alerts[0].S("kibana.alert.uuid"));
        Assert.Equal("[\"a\"]", alerts[0].S("kibana.alert.new_terms"));
        Assert.Equal(SuppressionIds.Instance(new[] { SuppressionTerm.Single("source.ip", "10.0.0.1") }, "SU-RULE"), alerts[0].S("kibana.alert.instance.id"));
    }

    [Fact]
    public void PerExecutionCountsEachNewTermOnce()
    {
        JsonElement[] alerts = Run("alert_suppression:\n  group_by: [source.ip]\n", Ns + "2");
        Assert.Equal(new[]
        {
            "10:05:00 10:01:00 10:01:00-10:02:00 docs=1 last=10:05:00 terms=10.0.0.1",
            "10:05:00 10:03:00 10:03:00-10:03:00 docs=0 last=10:05:00 terms=10.0.0.2",
            "10:10:00 10:08:00 10:08:00-10:08:00 docs=0 last=10:10:00 terms=10.0.0.1",
            "10:15:00 10:14:00 10:14:00-10:14:00 docs=0 last=10:15:00 terms=null",
            "10:20:00 10:16:00 10:16:00-10:16:00 docs=0 last=10:20:00 terms=10.0.0.1",
            "10:30:00 10:27:00 10:27:00-10:27:00 docs=0 last=10:30:00 terms=10.0.0.1",
        }, alerts.Select(a => a.Line()));
    }

    [Fact]
    public void DoNotSuppressWritesTheNewTermMissingAFieldAsAnOrdinaryAlert()
    {
        JsonElement[] alerts = Run("alert_suppression:\n  group_by: [source.ip]\n  duration: {value: 10, unit: m}\n  missing_fields_strategy: doNotSuppress\n", Ns + "3");
        Assert.Equal(new[]
        {
            "10:05:00 10:01:00 10:01:00-10:08:00 docs=2 last=10:10:00 terms=10.0.0.1",
            "10:05:00 10:03:00 10:03:00-10:03:00 docs=0 last=10:05:00 terms=10.0.0.2",
            // e (n5): a plain new_terms alert, no suppression fields.
            "10:15:00 10:14:00 (absent)-(absent) docs=(absent) last=(absent) terms=none",
            "10:20:00 10:16:00 10:16:00-10:27:00 docs=1 last=10:30:00 terms=10.0.0.1",
        }, alerts.Select(a => a.Line()));
        Assert.Equal("[\"e\"]", alerts[2].S("kibana.alert.new_terms"));
    }

    [Fact]
    public void ComparesWholeArraysSorted()
    {
        JsonElement[] alerts = Run("alert_suppression:\n  group_by: [source.ip]\n", Ns + "4", "made-nt-arrays.ndjson");
        // a [.1, .3] and b [.3, .1] are one group (sorted): a's alert, docs 1; c's single .1 is another.
        Assert.Equal(new[]
        {
            "10:05:00 10:01:00 10:01:00-10:02:00 docs=1 last=10:05:00 terms=[\"10.0.0.1\",\"10.0.0.3\"]",
            "10:05:00 10:03:00 10:03:00-10:03:00 docs=0 last=10:05:00 terms=10.0.0.1",
        }, alerts.Select(a => a.Line()));
    }
}
