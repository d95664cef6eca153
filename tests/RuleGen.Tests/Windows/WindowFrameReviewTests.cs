using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using RuleGen.Runtime.Windows;
using Xunit;
using static RuleGen.Tests.Windows.MadeStream;

namespace RuleGen.Tests.Windows;

/// <summary>
/// Defects found reviewing the window frame (issue 10): each test failed before its fix. Hits are made from bare
/// values; every expected alert is derived by hand in the comment beside it.
/// </summary>
public class WindowFrameReviewTests
{
    private static StageHit Hit(string time, long line, params string[][] groups) =>
        new(Ms(time), time, $"f.ndjson:{line}", "f.ndjson", line, groups, Array.Empty<string>());

    private static StageHit Hit(long timeMs, long line, params string[][] groups) =>
        new(timeMs, EventTime.Iso(timeMs), $"f.ndjson:{line}", "f.ndjson", line, groups, Array.Empty<string>());

    [Fact]
    public void StreamingAHitTiedWithTheWatermarkStillJoinsTheTickEndingThere()
    {
        // Two events at exactly 10:05:00, a tick of the 5-minute grid. The 10:05 window [09:59, 10:05] is closed, so it
        // holds both: threshold 2 alerts at 10:05 (offline). Streaming with lateness 0, the first hit sets the watermark
        // to 10:05; the second is not late (equal, not older), so the 10:05 tick must wait for it rather than run
        // without it (before the fix it ran with one hit and the alert came one tick later, at 10:10).
        var spec = new ThresholdSpec("R", Array.Empty<string>(), 2);
        StageHit[] hits = { Hit("2024-12-02T10:05:00Z", 1), Hit("2024-12-02T10:05:00Z", 2) };

        var offline = new WindowStage(spec, TickSchedule.ElasticDefault());
        foreach (StageHit hit in hits) offline.Add(hit);
        Assert.Equal(new[] { "2024-12-02T10:05:00.000Z" }, offline.Finish().Select(a => a.Timestamp));

        var streaming = new WindowStage(spec, TickSchedule.ElasticDefault(), latenessMs: 0);
        var ready = new List<WindowAlert>();
        foreach (StageHit hit in hits) streaming.Add(hit, ready);
        ready.AddRange(streaming.Finish());
        Assert.Equal(new[] { "2024-12-02T10:05:00.000Z" }, ready.Select(a => a.Timestamp));
        Assert.Equal(0, streaming.Late);
    }

    [Fact]
    public void StreamingATickIsFinalOnceTheWatermarkIsPastItsEnd()
    {
        // The tie fix must not hold ticks back for ever: a hit at 10:05:01 moves the watermark past 10:05, so the
        // 10:05 alert (two hits at 10:04) is written before the input ends.
        var spec = new ThresholdSpec("R", Array.Empty<string>(), 2);
        var stage = new WindowStage(spec, TickSchedule.ElasticDefault(), latenessMs: 0);
        var ready = new List<WindowAlert>();
        stage.Add(Hit("2024-12-02T10:04:00Z", 1), ready);
        stage.Add(Hit("2024-12-02T10:04:00Z", 2), ready);
        Assert.Empty(ready);
        stage.Add(Hit("2024-12-02T10:05:01Z", 3), ready);
        Assert.Equal(new[] { "2024-12-02T10:05:00.000Z" }, ready.Select(a => a.Timestamp));
    }

    [Fact]
    public void AThresholdHitWithHugeArraysHasItsCombinationsCapped()
    {
        // Three group fields of 30 distinct values each: 27,000 combinations from one document. Like new_terms, a
        // document's combinations past 10,000 are not evaluated and the cap is counted (the issue: "capped per key with
        // a counted warning"); before the fix every combination became a bucket (3 fields x 1,000 values: 10^9).
        string[] Values(string prefix) => Enumerable.Range(0, 30).Select(i => $"{prefix}{i:D2}").ToArray();
        var spec = new ThresholdSpec("R", new[] { "a", "b", "c" }, 1, maxSignals: 100);
        var stage = new WindowStage(spec, TickSchedule.ElasticDefault());
        stage.Add(Hit("2024-12-02T10:03:00Z", 1, Values("a"), Values("b"), Values("c")));
        List<WindowAlert> alerts = stage.Finish();
        // Only the 10:05 window [09:59, 10:05] holds 10:03: max_signals 100 of the first buckets in key order, (a00, b00, c00) … (a00, b03, c09).
        Assert.Equal(100, alerts.Count);
        Assert.True(stage.Counters.CapsHit > 0, "the cap on one document's combinations was not counted");
    }

    [Fact]
    public void ManyTicksOverManyHitsDoNotCopyTheWholeBacklogEachTick()
    {
        // 600,000 hits one a minute (417 days, 120,000 ticks), read offline: each tick used to remove its stale hits
        // from the front of one list holding every later hit, about 3.6·10^10 element moves in all (300,000 hits took
        // 5.5 s here, a quarter of this; once eviction only moves an index, 600,000 take about 2 s). A threshold no window reaches keeps the per-tick work small:
        // no alert.
        var spec = new ThresholdSpec("R", Array.Empty<string>(), 1_000_000);
        var stage = new WindowStage(spec, TickSchedule.ElasticDefault());
        long start = Ms("2024-01-01T00:00:30Z");
        const int n = 600_000;
        for (int i = 0; i < n; i++) stage.Add(Hit(start + i * 60_000L, i + 1));
        var clock = Stopwatch.StartNew();
        List<WindowAlert> alerts = stage.Finish();
        clock.Stop();
        Assert.Empty(alerts);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public void AnEventYearsAwayFromTheRestDoesNotRunEveryEmptyTickBetween()
    {
        // One event dated 0001-01-01 (a broken clock) and one in 2024: 2023 years of 5-minute ticks, 2·10^8
        // executions over empty windows before the fix. Each alone is new (now-7d history): two alerts, at the first
        // tick holding each, 0001-01-01T00:00 and 2024-12-02T10:05.
        var spec = new NewTermsSpec("R", new[] { "user.name" }, "now-7d");
        var stage = new WindowStage(spec, TickSchedule.ElasticDefault());
        stage.Add(Hit("0001-01-01T00:00:00Z", 1, new[] { "old" }));
        stage.Add(Hit("2024-12-02T10:04:00Z", 2, new[] { "new" }));
        var clock = Stopwatch.StartNew();
        List<WindowAlert> alerts = stage.Finish();
        clock.Stop();
        Assert.Equal(new[] { "0001-01-01T00:00:00.000Z", "2024-12-02T10:05:00.000Z" }, alerts.Select(a => a.Timestamp));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        // The summary still counts every execution of the replayed schedule, run or skipped as empty.
        long perYear = 365L * 288;
        Assert.True(stage.Counters.Ticks > 2000 * perYear);
    }

    [Theory]
    [InlineData(0L, "1970-01-01T00:00:00.000Z")]
    [InlineData(253_402_300_799_999L, "9999-12-31T23:59:59.999Z")]
    [InlineData(253_402_300_800_000L, "+010000-01-01T00:00:00.000Z")]
    [InlineData(-62_135_596_800_001L, "0000-12-31T23:59:59.999Z")]
    [InlineData(-62_167_219_200_001L, "-000001-12-31T23:59:59.999Z")]
    public void TimesOutsideYears1To9999AreWrittenAsJavaScriptWritesThem(long ms, string iso) =>
        // new Date(253402300800000).toISOString() is '+010000-01-01T00:00:00.000Z'; year 0 keeps four digits.
        Assert.Equal(iso, EventTime.Iso(ms));

    [Fact]
    public void EventsAtTheEdgesOfTheCalendarAlertInsteadOfThrowing()
    {
        // 9999-12-31T23:58 is first seen by the tick at 10000-01-01T00:00; 0001-01-01T00:03 by 00:05, whose look-back
        // starts at 0000-12-31T23:59 (threshold_result.from). Before the fix both threw ArgumentOutOfRangeException
        // from the alert id and the alert's fields, out of the scan.
        var spec = new ThresholdSpec("R", Array.Empty<string>(), 1);
        var stage = new WindowStage(spec, TickSchedule.ElasticDefault());
        stage.Add(Hit("0001-01-01T00:03:00Z", 1));
        stage.Add(Hit("9999-12-31T23:58:00Z", 2));
        List<ThresholdAlert> alerts = stage.Finish().Cast<ThresholdAlert>().ToList();
        Assert.Equal(new[] { "0001-01-01T00:05:00.000Z", "+010000-01-01T00:00:00.000Z" }, alerts.Select(a => a.Timestamp));
        var buffer = new System.IO.MemoryStream();
        using (var w = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            alerts[0].WriteFields(w);
            w.WriteEndObject();
        }
        Assert.Contains("\"from\":\"0000-12-31T23:59:00.000Z\"", System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
