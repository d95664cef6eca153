using System;
using System.Linq;
using RuleGen.Runtime.Windows;
using Xunit;
using static RuleGen.Tests.Windows.MadeStream;

namespace RuleGen.Tests.Windows;

/// <summary>
/// Threshold rules replayed tick by tick over the MADE streams of Data/threshold: the alerts Kibana's executor gives
/// per run, with its signal history carried between runs (see docs/threshold.md for the timelines).
/// </summary>
public class ThresholdTests
{
    // Shapes of the corpus rules (tests/RuleGen.Tests/Data/corpus/elastic-aws-all): their fields, values and rule ids.
    private static readonly ThresholdSpec BruteForce = new("ROOT-BRUTE", new[] { "cloud.account.id" }, 10);
    private static readonly ThresholdSpec Secrets = new("SECRETS", new[] { "user.id" }, 1, "aws.cloudtrail.request_parameters", 20);
    private static readonly ThresholdSpec Enumeration = new("ENUM", new[] { "cloud.account.id", "user.name", "source.ip" }, 2);

    private static bool FailedConsoleLogin(Event e) => e.One("event.action") == "ConsoleLogin" && e.One("event.outcome") == "failure";

    [Fact]
    public void OverlappingLookBacksDoNotCountAlertedEventsTwiceAndAGroupReAlertsOnValueNewOnes()
    {
        WindowStageResult result = Run(Read("brute-force-a.ndjson", "brute-force-b.ndjson"), FailedConsoleLogin, BruteForce, TickSchedule.ElasticDefault());

        Assert.Equal(3, result.Ticks); // 10:05, 10:10, 10:15; the horizon 10:20 has an empty window and is not executed
        Assert.Collection(result.Alerts,
            a =>
            {
                // 10:05 run, [09:59, 10:05]: the ten 10:04 failures (the success is filtered out).
                Assert.Equal("2024-12-02T10:05:00.000Z", a.Timestamp);
                Assert.Equal(10, a.Count);
                Assert.Equal("2024-12-02T10:04:45.000Z", a.OriginalTime);
                Assert.Equal(Ms("2024-12-02T09:59:00Z"), a.FromMs);
                Assert.Equal(new ThresholdTerm("cloud.account.id", "111122223333"), Assert.Single(a.Terms));
            },
            a =>
            {
                // 10:10 run, [10:04, 10:10]: the 10:04 events are still in the window but the history leaves them out;
                // nine at 10:06 and one ingested at 10:09:30 make ten new ones. 444455556666 has nine: no alert.
                Assert.Equal("2024-12-02T10:10:00.000Z", a.Timestamp);
                Assert.Equal(10, a.Count);
                Assert.Equal("2024-12-02T10:09:30.000Z", a.OriginalTime);
                Assert.Equal(Ms("2024-12-02T10:04:45Z"), a.FromMs);
            });
        Assert.Equal(ThresholdExecutor.AlertId("ROOT-BRUTE", Ms("2024-12-02T10:05:00Z"), BruteForce.Fields, new[] { "111122223333" }), result.Alerts[0].Id);
        Assert.NotEqual(result.Alerts[0].Id, result.Alerts[1].Id);
    }

    [Fact]
    public void ForcingTimestampWindowsTheIngestedEventOnItsEventTime()
    {
        WindowStageResult result = Run(Read("brute-force-a.ndjson", "brute-force-b.ndjson"), FailedConsoleLogin, BruteForce, TickSchedule.ElasticDefault(),
            forceTimestamp: true);
        Assert.Equal(2, result.Alerts.Count);
        Assert.Equal("2024-12-02T10:09:00.000Z", result.Alerts[1].OriginalTime);
    }

    [Fact]
    public void ScheduleStartMovesTheTicksAndSoTheGroups()
    {
        // Enabled at 10:07: the first run looks back to 10:01 and sees nineteen failures at once; the 10:12 run has one new.
        WindowStageResult result = Run(Read("brute-force-b.ndjson", "brute-force-a.ndjson"), FailedConsoleLogin, BruteForce,
            TickSchedule.ElasticDefault(Ms("2024-12-02T10:07:00Z")));
        Assert.Equal(2, result.Ticks);
        ThresholdAlert a = Assert.Single(result.Alerts);
        Assert.Equal("2024-12-02T10:07:00.000Z", a.Timestamp);
        Assert.Equal(19, a.Count);
        Assert.Equal("2024-12-02T10:06:08.000Z", a.OriginalTime);
    }

    [Fact]
    public void CardinalityCountsDistinctValuesExactlyAndTheCountIsEveryEvent()
    {
        WindowStageResult result = Run(Read("secrets-retrieval.ndjson"), e => e.One("event.action") == "GetSecretValue", Secrets, TickSchedule.ElasticDefault());
        ThresholdAlert a = Assert.Single(result.Alerts);
        Assert.Equal("AIDAU1", a.Terms[0].Value);
        Assert.Equal(25, a.Count);
        Assert.Equal(20, a.Cardinality);
        Assert.Contains("\"cardinality\":[{\"field\":\"aws.cloudtrail.request_parameters\",\"value\":20}]", a.ToJson());
        Assert.Equal(1, result.Ticks);
    }

    [Fact]
    public void ThreeFieldsGroupPerValueCombinationInKeyOrderAndAnEventAtAWindowStartCountsAgain()
    {
        WindowStageResult result = Run(Read("principal-enumeration.ndjson"), e => e.One("event.action") == "UpdateAssumeRolePolicy", Enumeration,
            TickSchedule.ElasticDefault());
        Assert.Equal(2, result.Ticks);
        Assert.Collection(result.Alerts,
            // 12:05: the array source.ip counts in both groups; the document without user.name in none. Key order: 198… < 203….
            a => { Assert.Equal("198.51.100.9", a.Terms[2].Value); Assert.Equal(3, a.Count); Assert.Equal("2024-12-02T12:04:00.000Z", a.OriginalTime); },
            a => { Assert.Equal("203.0.113.5", a.Terms[2].Value); Assert.Equal(2, a.Count); },
            a =>
            {
                // 12:10, [12:04, 12:10]: the history entry's last signal (12:04:00) is not after the window's start, so
                // Kibana drops it and the 12:04:00 event counts again with the 12:08 one: Elastic's duplicate.
                Assert.Equal("2024-12-02T12:10:00.000Z", a.Timestamp);
                Assert.Equal("198.51.100.9", a.Terms[2].Value);
                Assert.Equal(2, a.Count);
                Assert.Equal(Ms("2024-12-02T12:04:00Z"), a.FromMs);
            });
        Assert.Equal(new[] { "cloud.account.id", "user.name", "source.ip" }, result.Alerts[0].Terms.Select(t => t.Field));
    }

    [Fact]
    public void AnEventCountedInAnAlertedGroupIsLeftOutOfItsOtherGroupsLater()
    {
        var spec = new ThresholdSpec("R", new[] { "source.ip" }, 2);
        var schedule = new TickSchedule(300_000, -600_000);
        StageHit Hit(string time, long line, params string[] ips) =>
            new(Ms(time), time, $"f:{line}", "f", line, new[] { ips }, Array.Empty<string>());
        var stage = new WindowStage(spec, schedule);
        stage.Add(Hit("2024-12-02T10:01:00Z", 1, "a", "b"));
        stage.Add(Hit("2024-12-02T10:02:00Z", 2, "a"));
        stage.Add(Hit("2024-12-02T10:06:00Z", 3, "b"));
        // 10:05 alerts a (last signal 10:02). At 10:10 the first document carries a and is not after 10:02, so it is out of
        // b's bucket too: b has one event, not two.
        ThresholdAlert a = Assert.Single(stage.Run().Alerts);
        Assert.Equal("a", a.Terms[0].Value);
    }

    [Fact]
    public void WithoutGroupFieldsOneBucketCountsTheWholeWindow()
    {
        var spec = new ThresholdSpec("R", Array.Empty<string>(), 10);
        WindowStageResult result = Run(Read("brute-force-a.ndjson", "brute-force-b.ndjson"), FailedConsoleLogin, spec, TickSchedule.ElasticDefault());
        // 10:05: ten; 10:10: nineteen new (nine of each account and the ingested one) past the history's 10:04:45.
        Assert.Equal(new long[] { 10, 19 }, result.Alerts.Select(a => a.Count));
        Assert.All(result.Alerts, a => Assert.Empty(a.Terms));
        Assert.Equal(ThresholdExecutor.AlertId("R", result.Alerts[0].TickMs, spec.Fields, Array.Empty<string>()), result.Alerts[0].Id);
    }

    [Fact]
    public void MaxSignalsKeepsTheFirstGroupsInKeyOrder()
    {
        var spec = new ThresholdSpec("R", new[] { "user.name" }, 1, maxSignals: 2);
        var stage = new WindowStage(spec, TickSchedule.ElasticDefault());
        string[] users = { "carol", "alice", "bob" };
        for (int i = 0; i < users.Length; i++)
            stage.Add(new StageHit(Ms("2024-12-02T10:01:00Z"), null, $"f:{i}", "f", i, new[] { new[] { users[i] } }, Array.Empty<string>()));
        Assert.Equal(new[] { "alice", "bob" }, stage.Run().Alerts.Select(a => a.Terms[0].Value));
    }

    [Theory]
    // Kibana's own unit test vectors for calculateThresholdSignalUuid (threshold/utils.test.ts).
    [InlineData("abcd", "2020-12-17T16:27:00Z", "agent.name", null, "a4832768-a379-583a-b1a2-e2ce2ad9e6e9")]
    [InlineData("abcd", "2019-11-18T13:32:00Z", "host.ip", "1.2.3.4", "ee8870dc-45ff-5e6c-a2f9-80886651ce03")]
    public void AlertIdsAreElasticsV5Uuids(string ruleId, string startedAt, string field, string? key, string expected) =>
        Assert.Equal(expected, ThresholdExecutor.AlertId(ruleId, Ms(startedAt), new[] { field }, key is null ? Array.Empty<string>() : new[] { key }));

    [Fact]
    public void TheAlertJsonCarriesTheThresholdResultAndTheGroupFields()
    {
        WindowStageResult result = Run(Read("brute-force-a.ndjson", "brute-force-b.ndjson"), FailedConsoleLogin, BruteForce, TickSchedule.ElasticDefault());
        using var doc = System.Text.Json.JsonDocument.Parse(result.Alerts[1].ToJson());
        var root = doc.RootElement;
        Assert.Equal("2024-12-02T10:10:00.000Z", root.GetProperty("@timestamp").GetString());
        Assert.Equal("111122223333", root.GetProperty("cloud.account.id").GetString());
        var tr = root.GetProperty("kibana.alert.threshold_result");
        Assert.Equal(10, tr.GetProperty("count").GetInt32());
        Assert.Equal("2024-12-02T10:04:45.000Z", tr.GetProperty("from").GetString());
        Assert.Equal("cloud.account.id", tr.GetProperty("terms")[0].GetProperty("field").GetString());
        Assert.False(tr.TryGetProperty("cardinality", out _));
    }
}
