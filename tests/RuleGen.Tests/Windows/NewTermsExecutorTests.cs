using System;
using System.Collections.Generic;
using System.Linq;
using RuleGen.Runtime.Windows;
using Xunit;

namespace RuleGen.Tests.Windows;

/// <summary>The new_terms executor on hits made from bare values: ids, the max_signals pick, caps and Elastic's limits.</summary>
public class NewTermsExecutorTests
{
    private static long Ms(string iso) => NewTermsScan.Ms(iso);

    private static StageHit Hit(string time, long line, params string[][] fields) =>
        new(Ms(time), time, $"f.ndjson:{line}", "f.ndjson", line, fields, Array.Empty<string>());

    private static List<NewTermsAlert> Run(NewTermsSpec spec, params StageHit[] hits)
    {
        var stage = new WindowStage(spec, TickSchedule.ElasticDefault());
        foreach (StageHit hit in hits) stage.Add(hit);
        return stage.Finish().Cast<NewTermsAlert>().ToList();
    }

    [Fact]
    public void TheIdIsNodesObjectHashOfKibanasTuple()
    {
        // wrap_new_terms_alerts.test.ts: sampleDocNoSortIdWithTimestamp (_index myFakeSignalIndex, _version 1), the
        // rule mock's alertId 04128c15-0d1b-4716-a4c5-46997ac7f3bd, spaces default and other-space.
        const string doc = "d5e8eb51-a6a0-456d-8a15-4b79bfec3d71", rule = "04128c15-0d1b-4716-a4c5-46997ac7f3bd";
        Assert.Equal("a36d9fe6fe4b2f65058fb1a487733275f811af58", NewTermsAlertId.Of("myFakeSignalIndex", doc, "1", "default:" + rule, new[] { "127.0.0.1" }));
        Assert.Equal("b8143fa480c96c94688bd70871711fcf5478ee95", NewTermsAlertId.Of("myFakeSignalIndex", doc, "1", "other-space:" + rule, new[] { "127.0.0.1" }));
        Assert.Equal("9eab1f07709065fa65dd687c2df7a30f4c5f6c9d", NewTermsAlertId.Of("myFakeSignalIndex", doc, "1", "other-space:" + rule, new[] { "127.0.0.2" }));
        Assert.Equal("7d3dfa1c3f6d5dbf5e7a1b069a9707adbdb48948", NewTermsAlertId.Of("myFakeSignalIndex", doc, "1", "other-space:" + rule, new[] { "127.0.0.1", "127.0.0.2" }));
        Assert.Equal("logs.ndjson", NewTermsAlertId.IndexOf("/data/logs.ndjson.gz"));
    }

    [Fact]
    public void OneFieldKeepsTheMaxSignalsTermsWithTheMostDocumentsThenByValue()
    {
        // Tick 10:05: c has two documents, a and b one each: Kibana's terms aggregation order is c, a, b; max_signals 2.
        var spec = new NewTermsSpec("R", new[] { "user.name" }, "now-7d", maxSignals: 2);
        List<NewTermsAlert> alerts = Run(spec,
            Hit("2024-12-02T10:01:00Z", 1, new[] { "b" }),
            Hit("2024-12-02T10:02:00Z", 2, new[] { "c" }),
            Hit("2024-12-02T10:03:00Z", 3, new[] { "a" }),
            Hit("2024-12-02T10:04:00Z", 4, new[] { "c" }));
        Assert.Equal(new[] { "c", "a" }, alerts.Select(a => a.Terms.Single()));
        Assert.Equal("f.ndjson:2", alerts[0].First.Identity);
    }

    [Fact]
    public void SeveralFieldsKeepTheFirstMaxSignalsTermsInCompositeOrder()
    {
        // One document with user [b, a] and ip [2, 1]: four combinations, composite order (a,1) (a,2) (b,1) (b,2).
        var spec = new NewTermsSpec("R", new[] { "user.name", "source.ip" }, "now-7d", maxSignals: 3);
        List<NewTermsAlert> alerts = Run(spec, Hit("2024-12-02T10:01:00Z", 1, new[] { "b", "a", "b" }, new[] { "2", "1" }));
        Assert.Equal(new[] { "a|1", "a|2", "b|1" }, alerts.Select(a => string.Join("|", a.Terms)));
        Assert.Equal(3, alerts.Select(a => a.Id).Distinct().Count());
    }

    [Fact]
    public void AHitMissingAFieldCarriesNoTermAndTiesGoToInputOrder()
    {
        var spec = new NewTermsSpec("R", new[] { "user.name", "source.ip" }, "now-7d");
        List<NewTermsAlert> alerts = Run(spec,
            Hit("2024-12-02T10:01:00Z", 7, new[] { "a" }, Array.Empty<string>()),
            Hit("2024-12-02T10:02:00Z", 9, new[] { "a" }, new[] { "1" }),
            Hit("2024-12-02T10:02:00Z", 8, new[] { "a" }, new[] { "1" }));
        // Same T: the earlier line of the same file is the first document.
        Assert.Equal("f.ndjson:8", Assert.Single(alerts).First.Identity);
    }

    [Fact]
    public void MoreThan100CombinationsInADocumentIsFlaggedAsAPlaceElasticWouldTruncate()
    {
        var spec = new NewTermsSpec("R", new[] { "a", "b" }, "now-7d", maxSignals: 1000);
        string[] eleven = Enumerable.Range(0, 11).Select(i => i.ToString("D2")).ToArray();
        var stage = new WindowStage(spec, TickSchedule.ElasticDefault());
        stage.Add(Hit("2024-12-02T10:01:00Z", 1, eleven, eleven));
        Assert.Equal(121, stage.Finish().Count);
        // Counted once for the document, though two runs' windows hold it.
        Assert.Equal(1, stage.Counters.ElasticWouldTruncate);
        Assert.Equal(0, stage.Counters.CapsHit);
    }

    [Fact]
    public void MoreThan10000TermsInOneRunIsFlagged()
    {
        var spec = new NewTermsSpec("R", new[] { "a" }, "now-7d", maxSignals: 5);
        var stage = new WindowStage(spec, TickSchedule.ElasticDefault());
        stage.Add(Hit("2024-12-02T10:01:00Z", 1, Enumerable.Range(0, 5_001).Select(i => i.ToString()).ToArray()));
        stage.Add(Hit("2024-12-02T10:02:00Z", 2, Enumerable.Range(5_001, 5_001).Select(i => i.ToString()).ToArray()));
        Assert.Equal(5, stage.Finish().Count);
        // Each document (5,001 values > 100) and the one run whose window holds them (10,002 terms > 10,000).
        Assert.Equal(3, stage.Counters.ElasticWouldTruncate);
        Assert.Equal(0, stage.Counters.CapsHit);
    }

    [Fact]
    public void ADocumentsCombinationsPastRuleGensGuardAreCountedAsACapHit()
    {
        var spec = new NewTermsSpec("R", new[] { "a", "b" }, "now-7d", maxSignals: 1);
        string[] values = Enumerable.Range(0, 101).Select(i => i.ToString()).ToArray();
        var stage = new WindowStage(spec, TickSchedule.ElasticDefault());
        stage.Add(Hit("2024-12-02T10:01:00Z", 1, values, values));
        Assert.Single(stage.Finish());
        // 10,201 combinations: the first 10,000 are evaluated.
        Assert.Equal(1, stage.Counters.CapsHit);
    }

    [Fact]
    public void TheTermCapDropsHistoryAndCountsIt()
    {
        // Cap of 2 held terms: a, b, c leave the window at 10:10; c is not recorded (a cap hit), so c at 10:19 is
        // "new" again at 10:20; when that hit leaves the window (10:30), c is refused again.
        var spec = new NewTermsSpec("R", new[] { "a" }, "now-7d", maxTerms: 2);
        List<NewTermsAlert> alerts;
        var stage = new WindowStage(spec, TickSchedule.ElasticDefault());
        stage.Add(Hit("2024-12-02T10:01:00Z", 1, new[] { "a", "b", "c" }));
        stage.Add(Hit("2024-12-02T10:19:00Z", 2, new[] { "b", "c" }));
        alerts = stage.Finish().Cast<NewTermsAlert>().ToList();
        Assert.Equal(new[] { "a", "b", "c", "c" }, alerts.Select(a => a.Terms.Single()));
        Assert.Equal(2, stage.Counters.CapsHit);
    }

    [Fact]
    public void HistoryIsEvictedOnceOlderThanTheHistoryStartAndStateIsReported()
    {
        var spec = new NewTermsSpec("R", new[] { "a" }, "now-1h");
        var stage = new WindowStage(spec, TickSchedule.ElasticDefault());
        stage.Add(Hit("2024-12-02T10:01:00Z", 1, new[] { "x" }));
        stage.Add(Hit("2024-12-02T10:59:00Z", 2, new[] { "x" }));
        stage.Add(Hit("2024-12-02T11:02:00Z", 3, new[] { "x" }));
        // 10:05 new; 11:00 ([10:54, 11:00], history from 10:00): seen at 10:01; 11:05 (history from 10:05): 10:59 still.
        Assert.Equal(new[] { "2024-12-02T10:05:00.000Z" }, stage.Finish().Select(a => a.Timestamp));
        // State is the hits held (offline, all three from the start) plus the terms held: 3 at most.
        Assert.Equal(3, stage.Counters.PeakState);
    }

    [Fact]
    public void StreamingWithAWatermarkGivesTheOfflineAlertsAndALateHitIsOnlyHistory()
    {
        var spec = new NewTermsSpec("R", new[] { "a" }, "now-7d");
        StageHit[] hits =
        {
            Hit("2024-12-02T10:01:00Z", 1, new[] { "x" }),
            Hit("2024-12-02T10:04:30Z", 2, new[] { "y" }),
            Hit("2024-12-02T10:12:00Z", 3, new[] { "x", "z" }),
            Hit("2024-12-02T10:31:00Z", 4, new[] { "w" }),
        };
        string Briefs(IEnumerable<WindowAlert> alerts) => string.Join(" ", alerts.Cast<NewTermsAlert>().Select(a => $"{a.Timestamp[11..16]}:{a.Terms[0]}"));
        // x and y at 10:05 (y again at 10:10: same id, dropped); z at 10:15; w at 10:35.
        const string expected = "10:05:x 10:05:y 10:15:z 10:35:w";
        Assert.Equal(expected, Briefs(Run(spec, hits)));

        var stage = new WindowStage(spec, TickSchedule.ElasticDefault(), latenessMs: 0);
        var ready = new List<WindowAlert>();
        foreach (StageHit hit in hits) stage.Add(hit, ready);
        // The 10:31 hit moved the watermark past 10:15: the ticks up to 10:30 are final before the input ends.
        Assert.Equal("10:05:x 10:05:y 10:15:z", Briefs(ready));
        // A late hit (10:02, v) joins only the windows still open (from 10:35 on, whose window starts at 10:29): it
        // is evicted unseen and is history only.
        stage.Add(Hit("2024-12-02T10:02:00Z", 5, new[] { "v" }), ready);
        ready.AddRange(stage.Finish());
        Assert.Equal(expected, Briefs(ready));
        Assert.Equal(1, stage.Late);
    }

    [Theory]
    [InlineData("now-10d", "2024-12-12T10:05:00Z", "2024-12-02T10:05:00Z")]
    [InlineData("now-2w", "2024-12-16T00:00:00Z", "2024-12-02T00:00:00Z")]
    [InlineData("now-1M", "2024-03-31T10:00:00Z", "2024-02-29T10:00:00Z")]
    [InlineData("now-1y", "2024-02-29T00:00:00Z", "2023-02-28T00:00:00Z")]
    [InlineData("now-90s", "2024-12-02T10:05:00Z", "2024-12-02T10:03:30Z")]
    public void TheHistoryStartIsDateMathFromTheRunsTo(string math, string to, string start) =>
        Assert.Equal(Ms(start), NewTermsHistoryStart.Parse(math).StartFor(Ms(to)));

    [Fact]
    public void TheSpecRefusesWhatKibanaRefuses()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NewTermsSpec("R", new[] { "a", "b", "c", "d" }, "now-7d"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NewTermsSpec("R", Array.Empty<string>(), "now-7d"));
        Assert.Throws<FormatException>(() => new NewTermsSpec("R", new[] { "a" }, "yesterday"));
    }
}
