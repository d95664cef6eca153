using System.Linq;
using RuleGen.Runtime.Windows;
using Xunit;
using static RuleGen.Tests.Windows.NewTermsScan;

namespace RuleGen.Tests.Windows;

/// <summary>
/// Elastic's new_terms rules replayed tick by tick (5-minute ticks, epoch-aligned, looking back 6 minutes) over MADE
/// streams: the alerts Kibana's executor gives per run, worked out by hand in the comments (docs/new-terms.md has the
/// first timeline drawn out). A term is new at tick t iff a matching event carries it with T in (t-6m, t] and none
/// with T in [history_start, t-6m].
/// </summary>
public class NewTermsRuleTests
{
    private const string Acct = "111122223333";

    private static string User(string name) => $"arn:aws:iam::{Acct}:user/{name}";

    private static string Role(string name) => $"arn:aws:iam::{Acct}:role/{name}";

    [Fact]
    public void OneFieldHistoryExpiryWindowStartAndOverlapDuplicates()
    {
        (Alert[] alerts, string summary) = ScanMade("made-getcalleridentity.ndjson");
        Assert.Equal(new[]
        {
            // 11-22 10:10, window [10:04, 10:10]: frank's first call (10:06) is new (nothing before it).
            $"2024-11-22T10:10:00.000Z [{User("frank")}] gci-frank-1",
            // 11-25 09:00, [08:54, 09:00]: alice is new. At 09:05 ([08:59, 09:05]) the same document is new again (the
            // overlap): the same id, dropped.
            $"2024-11-25T09:00:00.000Z [{User("alice")}] gci-alice-1",
            // 12-02 10:05, [09:59, 10:05], history from 11-22 10:05: bob (10:03), carol (10:04:30), dave (10:04) are new,
            // in the terms aggregation's order (one document each, then by value); alice (10:02) was seen on 11-25.
            $"2024-12-02T10:05:00.000Z [{User("bob")}] gci-bob",
            $"2024-12-02T10:05:00.000Z [{User("carol")}] gci-carol",
            $"2024-12-02T10:05:00.000Z [{User("dave")}] gci-dave",
            // 12-02 10:10, [10:04, 10:10], history from 11-22 10:10: bob (10:03) is history; dave at exactly 10:04 is
            // history (first_seen > from is strict); carol (10:04:30) is new again with the same document: dropped.
            // frank's 11-22 10:06 call is older than the history start: frank (10:08) is new again. erin's call is an
            // AssumedRole one, which the query leaves out.
            $"2024-12-02T10:10:00.000Z [{User("frank")}] gci-frank-2",
        }, alerts.Select(a => a.Brief));
        Assert.All(alerts, a => Assert.Equal(GetCallerIdentity, a.RuleId));
        Assert.Equal(IdOf("made-getcalleridentity.ndjson", "gci-carol", GetCallerIdentity, User("carol")), alerts[3].Id);
        Assert.Equal("2024-12-02T10:04:30.000Z", alerts[3].OriginalTime);
        Assert.Equal(4, alerts[3].Json.GetProperty("rulegen.input.line").GetInt32());
        // Executions that had hits (empty windows are not executed): 5 of the 2,882 ticks from 11-22 10:10 to the horizon 12-02 10:15.
        Assert.Contains("new_terms: 1 rule(s), 5 tick(s), 7 stage hit(s), 6 alert(s), 2 repeated id(s) dropped", summary);
    }

    [Fact]
    public void ScheduleStartMakesOlderEventsHistoryOnly()
    {
        // Enabled at 12-02 10:05: no run before, so alice's (11-25) and frank's (11-22) first calls alert never, but
        // the first run's history (from 11-22 10:05) still holds them: alice is not new, and frank's 10:06 call is
        // still history at 10:05 (his 10:08 call is in no 10:05 window anyway) and has expired by 10:10.
        (Alert[] alerts, string summary) = Scan(new[] { Repository.Data("new_terms", "made-getcalleridentity.ndjson") },
            new WindowOptions(Ms("2024-12-02T10:05:00Z"), false));
        Assert.Equal(new[]
        {
            $"2024-12-02T10:05:00.000Z [{User("bob")}] gci-bob",
            $"2024-12-02T10:05:00.000Z [{User("carol")}] gci-carol",
            $"2024-12-02T10:05:00.000Z [{User("dave")}] gci-dave",
            $"2024-12-02T10:10:00.000Z [{User("frank")}] gci-frank-2",
        }, alerts.Select(a => a.Brief));
        // 10:05, 10:10 and the horizon 10:15; carol again at 10:10 is the one duplicate.
        Assert.True(summary.Contains("new_terms: 1 rule(s), 2 tick(s), 7 stage hit(s), 4 alert(s), 1 repeated id(s) dropped", System.StringComparison.Ordinal), summary);
    }

    [Fact]
    public void TwoFieldsAnArrayGivesTwoTermsAndTheHistoryCrossesTicksUntilItExpires()
    {
        (Alert[] alerts, string summary) = ScanMade("made-role-assumption-b.ndjson", "made-role-assumption-a.ndjson");
        Assert.Equal(new[]
        {
            // 11:05, [10:59, 11:05]: asr-1 carries two resource ARNs: two terms, two alerts copying the same document,
            // in composite order.
            $"2024-12-02T11:05:00.000Z [ec2.amazonaws.com, {Role("app-a")}] asr-1",
            $"2024-12-02T11:05:00.000Z [ec2.amazonaws.com, {Role("app-b")}] asr-1",
            // 11:10, [11:04, 11:10]: asr-1 (11:01) has left the window and is history, so asr-2 (ec2, app-a, 11:08) is not
            // new; lambda with app-a (11:09) is. At 11:15 asr-3 is exactly at the window's start: history.
            $"2024-12-02T11:10:00.000Z [lambda.amazonaws.com, {Role("app-a")}] asr-3",
            // 11:30, [11:24, 11:30]: (ec2, app-b) at 11:29 was seen at 11:01, five ticks back: not new.
            // 12-07 11:35, [11:29, 11:35], history from 12-02 11:35: (ec2, app-a) was last seen 12-02 11:08: new again.
            $"2024-12-07T11:35:00.000Z [ec2.amazonaws.com, {Role("app-a")}] asr-6",
        }, alerts.Select(a => a.Brief));
        Assert.Equal(IdOf("made-role-assumption-a.ndjson", "asr-1", RoleAssumptionByService, "ec2.amazonaws.com", Role("app-a")), alerts[0].Id);
        Assert.Equal(IdOf("made-role-assumption-a.ndjson", "asr-1", RoleAssumptionByService, "ec2.amazonaws.com", Role("app-b")), alerts[1].Id);
        Assert.Contains("new_terms: 1 rule(s)", summary);
        Assert.Contains("4 alert(s), 0 repeated id(s) dropped", summary);
    }

    [Fact]
    public void ThreeFieldsAMissingFieldMakesNoTermAndTheOverrideTimeWindows()
    {
        (Alert[] alerts, _) = ScanMade("made-assume-role-policy.ndjson");
        Assert.Equal(new[]
        {
            // 12:05, [11:59, 12:05]: (alice, x) first at arp-1; arp-2 has no entity.target.id: no term; arp-3's array
            // target gives (bob, x) and (bob, y). Composite order by account, user, target.
            $"2024-12-02T12:05:00.000Z [{Acct}, alice, {Role("x")}] arp-1",
            $"2024-12-02T12:05:00.000Z [{Acct}, bob, {Role("x")}] arp-3",
            $"2024-12-02T12:05:00.000Z [{Acct}, bob, {Role("y")}] arp-3",
            // 12:10, [12:04, 12:10]: arp-4 (alice, x, 12:04:10) was seen at 12:01: not new. arp-5's time is its
            // event.ingested (the rule's timestamp_override), 12:11:30: new at 12:15; original_time stays @timestamp.
            $"2024-12-02T12:15:00.000Z [444455556666, alice, {Role("z")}] arp-5",
        }, alerts.Select(a => a.Brief));
        Assert.Equal("2024-12-02T12:06:00.000Z", alerts[3].OriginalTime);
        Assert.Equal(new[] { Acct, "bob", Role("y") }, alerts[2].Terms);
    }

    [Fact]
    public void AnEventOlderThanTheFirstRunIsHistoryOnlyWithAScheduleStart()
    {
        // Without a start: app's 11-30 call alerts at 08:00 (and again at 08:05, the same id, dropped); app at 12-02 09:00
        // is history-covered (11-30 is within 5 days); eve (09:01) is new at 09:05.
        (Alert[] all, string summary) = ScanMade("made-secret-value.ndjson");
        Assert.Equal(new[]
        {
            $"2024-11-30T08:00:00.000Z [{Acct}, app] gsv-app-1",
            $"2024-12-02T09:05:00.000Z [{Acct}, eve] gsv-eve",
        }, all.Select(a => a.Brief));
        Assert.Contains("2 alert(s), 1 repeated id(s) dropped", summary);

        // Enabled at 09:03: the first run ([08:57, 09:03]) has 11-30 as history only: app is not new, eve is.
        (Alert[] started, string startedSummary) = Scan(new[] { Repository.Data("new_terms", "made-secret-value.ndjson") },
            new WindowOptions(Ms("2024-12-02T09:03:00Z"), false));
        Assert.Equal(new[] { $"2024-12-02T09:03:00.000Z [{Acct}, eve] gsv-eve" }, started.Select(a => a.Brief));
        Assert.True(startedSummary.Contains("new_terms: 1 rule(s), 1 tick(s), 3 stage hit(s), 1 alert(s), 0 repeated id(s) dropped", System.StringComparison.Ordinal), startedSummary);
    }
}
