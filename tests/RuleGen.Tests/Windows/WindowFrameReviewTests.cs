using System;
using System.Collections.Generic;
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

    /// <summary>A kind that runs every execution (as suppression does) and counts what the frame hands it.</summary>
    private sealed class CountingSpec : StatefulSpec
    {
        public CountingSpec() : base("COUNT", 100)
        {
        }

        public CountingExecutor? Executor { get; private set; }

        public override string Kind => "counting";

        public override IWindowExecutor CreateExecutor(TickSchedule schedule) => Executor = new CountingExecutor(schedule);
    }

    private sealed class CountingExecutor : TickedExecutor
    {
        public CountingExecutor(TickSchedule schedule) : base(schedule)
        {
        }

        public long Runs { get; private set; }

        public long EmptyRuns { get; private set; }

        public long HitsSeen { get; private set; }

        public long EvictedHits { get; private set; }

        protected override void RunTick(long tick, long windowStartMs, long windowEndMs, IReadOnlyList<StageHit> window, List<WindowAlert> alerts)
        {
            Runs++;
            if (window.Count == 0) EmptyRuns++;
            HitsSeen += window.Count;
            foreach (StageHit hit in window) Assert.InRange(hit.TimeMs, windowStartMs, windowEndMs);
        }

        protected override void Evicted(StageHit hit) => EvictedHits++;
    }

    [Fact]
    public void ManyTicksOverManyHitsSeeEachHitInEveryWindowHoldingItAndEvictItOnce()
    {
        // 600,000 hits one a minute (417 days, 120,000 ticks), read offline: every window sees exactly its hits, each hit
        // is evicted once. (Eviction moves an index: removing the stale front of one list holding every later hit cost
        // about 3.6·10^10 element moves here, 5.5 s for half as many hits; docs/tick-engine.md.)
        var spec = new CountingSpec();
        var stage = new WindowStage(spec, TickSchedule.ElasticDefault());
        long start = Ms("2024-01-01T00:00:30Z");
        const int n = 600_000;
        for (int i = 0; i < n; i++) stage.Add(Hit(start + i * 60_000L, i + 1));
        Assert.Empty(stage.Finish());
        CountingExecutor executor = spec.Executor!;
        // A 6-minute window every 5 minutes over one hit a minute: each hit lies in one or two windows (6 per window).
        Assert.Equal(n / 5 + 2, executor.Runs);
        Assert.InRange(executor.HitsSeen, n, 2L * n);
        Assert.Equal(n, executor.EvictedHits);
    }

    [Fact]
    public void AnEventYearsAwayFromTheRestDoesNotRunEveryEmptyTickBetween()
    {
        // One event dated 0001-01-01 (a broken clock) and one in 2024: 2023 years of 5-minute ticks, 2·10^8
        // executions over empty windows before the fix. new_terms: each alone is new (now-7d history), two alerts, at
        // the first tick holding each, 0001-01-01T00:00 and 2024-12-02T10:05. Four executions run: 00:00 and 00:05 hold the
        // first hit (a 6-minute look-back), 10:05 and 10:10 the second; the empty ones are not run.
        var spec = new NewTermsSpec("R", new[] { "user.name" }, "now-7d");
        var stage = new WindowStage(spec, TickSchedule.ElasticDefault());
        stage.Add(Hit("0001-01-01T00:00:00Z", 1, new[] { "old" }));
        stage.Add(Hit("2024-12-02T10:04:00Z", 2, new[] { "new" }));
        List<WindowAlert> alerts = stage.Finish();
        Assert.Equal(new[] { "0001-01-01T00:00:00.000Z", "2024-12-02T10:05:00.000Z" }, alerts.Select(a => a.Timestamp));
        Assert.Equal(4, stage.Counters.Ticks);

        // A kind that runs every execution (suppression's open alerts): after one empty execution the frame jumps to
        // the first tick that can hold the next hit, instead of running 2·10^8 empty ones.
        var counting = new CountingSpec();
        var every = new WindowStage(counting, TickSchedule.ElasticDefault());
        every.Add(Hit("0001-01-01T00:00:00Z", 1, new[] { "old" }));
        every.Add(Hit("2024-12-02T10:04:00Z", 2, new[] { "new" }));
        every.Finish();
        // 00:00 and 00:05 hold the first hit, 00:10 is empty (then the jump), 2024-12-02 10:05 and 10:10 hold the
        // second, 10:15 is empty and the horizon.
        Assert.Equal(6, counting.Executor!.Runs);
        Assert.Equal(2, counting.Executor.EmptyRuns);
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
