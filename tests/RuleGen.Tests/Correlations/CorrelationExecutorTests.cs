using System;
using System.Collections.Generic;
using System.Linq;
using RuleGen.Runtime.Correlations;
using RuleGen.Runtime.Windows;
using Xunit;

namespace RuleGen.Tests.Correlations;

/// <summary>
/// The executor on hits made by hand (no events): the choices of docs/sigma-correlations.md one by one. Times are
/// seconds after 2024-05-01T00:00:00Z unless a test says otherwise; every expected alert is derived in its comment.
/// </summary>
public class CorrelationExecutorTests
{
    private static readonly long T0 = MadeTime("2024-05-01T00:00:00Z");

    private static long MadeTime(string iso) => EventTime.TryParse(iso, out long t) ? t : throw new FormatException(iso);

    private static StageHit Hit(double seconds, string id, string? group = "g", int stage = 0, params string[] values) =>
        new(T0 + (long)(seconds * 1000), EventTime.Iso(T0 + (long)(seconds * 1000)), id, "made.ndjson", 1,
            new IReadOnlyList<string>[] { group is null ? Array.Empty<string>() : new[] { group } }, values) { Stage = stage };

    private static CorrelationSpec Spec(CorrelationType type, int rules = 1, long timespanSeconds = 10, string? field = null, int cap = 1000, params CorrelationBound[] bounds) =>
        new("C", type, Enumerable.Range(0, rules).Select(i => new CorrelationReference("R" + i, new[] { "host" }, field)).ToArray(), new[] { "host" },
            timespanSeconds * 1000, bounds.Length == 0 ? null : new CorrelationCondition(bounds), field, generate: false, cap);

    private static List<CorrelationAlert> Run(CorrelationSpec spec, params StageHit[] hits)
    {
        var stage = new WindowStage(spec, TickSchedule.ElasticDefault());
        foreach (StageHit hit in hits) stage.Add(hit);
        return stage.Finish().Cast<CorrelationAlert>().ToList();
    }

    private static string Times(IEnumerable<CorrelationAlert> alerts) =>
        string.Join(" ", alerts.Select(a => ((a.TickMs - T0) / 1000.0).ToString(System.Globalization.CultureInfo.InvariantCulture) + "=" + a.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static CorrelationBound Gte(double v) => new("gte", v);

    [Fact]
    public void BothEndsOfTheWindowAreInclusiveToTheMillisecond()
    {
        // Timespan 10 s, gte 2. Hits at 0 and 10: the window at 10 is [0, 10] and holds both. Hits at 20 and 30.001: the
        // window at 30.001 starts at 20.001, without the hit at 20.
        List<CorrelationAlert> alerts = Run(Spec(CorrelationType.EventCount, bounds: Gte(2)), Hit(0, "a"), Hit(10, "b"), Hit(20, "c"), Hit(30.001, "d"));
        Assert.Equal("10=2 20=2", Times(alerts));
    }

    [Fact]
    public void EverySatisfyingTimeFiresOnceWhateverTheNumberOfHitsAtIt()
    {
        // Three hits at 5 (a tie): judged once, after all three are in: one alert with count 3, not three alerts. Then 6: 4.
        List<CorrelationAlert> alerts = Run(Spec(CorrelationType.EventCount, bounds: Gte(3)), Hit(5, "c"), Hit(5, "a"), Hit(5, "b"), Hit(6, "d"));
        Assert.Equal("5=3 6=4", Times(alerts));
        Assert.Equal(new[] { "a", "b", "c" }, alerts[0].Contributors.Select(c => c.Id));
        Assert.Equal("c", alerts[1].Contributors[2].Id);
    }

    [Fact]
    public void AMissingGroupFieldJoinsNoGroupAndMultipleValuesJoinEach()
    {
        // The hit with no host counts nowhere; a hit whose host is [x, y] counts in both groups.
        var spec = Spec(CorrelationType.EventCount, bounds: Gte(2));
        var both = new StageHit(T0 + 2000, null, "xy", "made.ndjson", 3, new IReadOnlyList<string>[] { new[] { "x", "y" } }, Array.Empty<string>());
        List<CorrelationAlert> alerts = Run(spec, Hit(1, "x1", "x"), Hit(1.5, "none", null), both, Hit(3, "y1", "y"));
        Assert.Equal(new[] { "x@2", "y@3" }, alerts.Select(a => a.GroupValues[0] + "@" + (a.TickMs - T0) / 1000));
    }

    [Fact]
    public void TemporalOrderedNeedsTheListedOrderAndTakesTiesAsInOrder()
    {
        var spec = Spec(CorrelationType.TemporalOrdered, rules: 2);
        // B then A: not in order. A at 20 then B at 20 (tie): in order. A at 40, B at 45: in order.
        Assert.Equal("20=2", Times(Run(spec, Hit(0, "b0", stage: 1), Hit(1, "a1", stage: 0), Hit(20, "b20", stage: 1), Hit(20, "a20", stage: 0))
            .Where(a => a.TickMs - T0 <= 20_000)));
        Assert.Equal("45=2", Times(Run(spec, Hit(40, "a", stage: 0), Hit(45, "b", stage: 1))));
        Assert.Empty(Run(spec, Hit(40, "b", stage: 1), Hit(45, "a", stage: 0)));
    }

    [Fact]
    public void TemporalCountsDistinctRulesAndDefaultsToAllOfThem()
    {
        // Three rules, no condition: all three within 10 s. Rule 0 twice and rule 1 make 2: no alert; rule 2 at 9: 3.
        var spec = Spec(CorrelationType.Temporal, rules: 3);
        Assert.Equal("9=3", Times(Run(spec, Hit(0, "a", stage: 0), Hit(1, "a2", stage: 0), Hit(5, "b", stage: 1), Hit(9, "c", stage: 2))));
        // With gte 2, 5 (rules 0 and 1) and 9 fire.
        var two = Spec(CorrelationType.Temporal, rules: 3, bounds: Gte(2));
        Assert.Equal("5=2 9=3", Times(Run(two, Hit(0, "a", stage: 0), Hit(1, "a2", stage: 0), Hit(5, "b", stage: 1), Hit(9, "c", stage: 2))));
    }

    [Fact]
    public void ValueTypesIgnoreMissingAndNonNumericValues()
    {
        var sum = Spec(CorrelationType.ValueSum, field: "bytes", bounds: new CorrelationBound("gt", 10));
        // 6, "six", nothing, 5: 11 at 3. A sum of no number is undefined (no alert even for lt).
        Assert.Equal("3=11", Times(Run(sum, Hit(0, "a", values: "6"), Hit(1, "b", values: "six"), Hit(2, "c"), Hit(3, "d", values: "5"))));
        var sumLt = Spec(CorrelationType.ValueSum, field: "bytes", bounds: new CorrelationBound("lt", 10));
        Assert.Equal("0=6 1=6", Times(Run(sumLt, Hit(0, "a", values: "6"), Hit(1, "b", values: "six"))));
        Assert.Empty(Run(sumLt, Hit(0, "a", values: "six"), Hit(1, "b")));
        var avg = Spec(CorrelationType.ValueAvg, field: "d", bounds: new CorrelationBound("eq", 2.5));
        // 2 then 3: average 2.5 at 1; "x" at 2 leaves it 2.5 (the text does not count): fires again at 2.
        Assert.Equal("1=2.5 2=2.5", Times(Run(avg, Hit(0, "a", values: "2"), Hit(1, "b", values: "3"), Hit(2, "c", values: "x"))));
        var count = Spec(CorrelationType.ValueCount, field: "user", bounds: Gte(2));
        // Values a, a, (none), b: distinct 1, 1, 1, 2.
        Assert.Equal("3=2", Times(Run(count, Hit(0, "1", values: "a"), Hit(1, "2", values: "a"), Hit(2, "3"), Hit(3, "4", values: "b"))));
    }

    [Fact]
    public void ValuePercentileIsTheShareOfTheEventsValueInTheWindow()
    {
        // lte 25: a a a b: b is 1 of 4 = 25% at 3; a at 4 is 4 of 5 = 80%; c at 5 is 1 of 6 ≈ 16.7%.
        var spec = Spec(CorrelationType.ValuePercentile, field: "image", bounds: new CorrelationBound("lte", 25));
        List<CorrelationAlert> alerts = Run(spec, Hit(0, "1", values: "a"), Hit(1, "2", values: "a"), Hit(2, "3", values: "a"), Hit(3, "4", values: "b"),
            Hit(4, "5", values: "a"), Hit(5, "6", values: "c"));
        Assert.Equal(new[] { "b", "c" }, alerts.Select(a => a.PercentileOf));
        Assert.Equal(25, alerts[0].Value);
        Assert.Equal(100.0 / 6, alerts[1].Value, 9);
    }

    [Fact]
    public void RangesAndNeqAreAndedCriteria()
    {
        // gt 1 and lte 2: counts 1, 2, 3 → fires at the second hit only. neq 2: fires at 1 and 3.
        var range = Spec(CorrelationType.EventCount, bounds: new[] { new CorrelationBound("gt", 1), new CorrelationBound("lte", 2) });
        Assert.Equal("1=2", Times(Run(range, Hit(0, "a"), Hit(1, "b"), Hit(2, "c"))));
        var neq = Spec(CorrelationType.EventCount, bounds: new CorrelationBound("neq", 2));
        Assert.Equal("0=1 2=3", Times(Run(neq, Hit(0, "a"), Hit(1, "b"), Hit(2, "c"))));
    }

    [Fact]
    public void StateIsEvictedPastTheTimespanAndCappedPerGroup()
    {
        // 1000 hits one second apart, timespan 10 s: never more than ~2 timespans of hits are held.
        var spec = Spec(CorrelationType.EventCount, bounds: Gte(1000));
        var stage = new WindowStage(spec, TickSchedule.ElasticDefault());
        for (int i = 0; i < 1000; i++) stage.Add(Hit(i, "h" + i));
        Assert.Empty(stage.Finish());
        Assert.InRange(stage.Counters.PeakState, 11, 22);
        Assert.Equal(0, stage.Counters.CapsHit);

        // A cap of 3 per group: 5 hits in one second, the two oldest dropped and counted; the count never passes 3.
        var capped = Spec(CorrelationType.EventCount, cap: 3, bounds: Gte(3));
        var cappedStage = new WindowStage(capped, TickSchedule.ElasticDefault());
        foreach (StageHit hit in Enumerable.Range(0, 5).Select(i => Hit(i * 0.1, "c" + i))) cappedStage.Add(hit);
        List<WindowAlert> alerts = cappedStage.Finish();
        Assert.Equal(2, cappedStage.Counters.CapsHit);
        Assert.All(alerts.Cast<CorrelationAlert>(), a => Assert.Equal(3, a.Value));
    }

    [Fact]
    public void StreamingFinalisesATimeOnceTheWatermarkPassesItAndALateHitJoinsOnlyItsOwnWindow()
    {
        // Lateness 0: a time is judged when a later hit arrives. gte 2 in 10 s.
        var spec = Spec(CorrelationType.EventCount, bounds: Gte(2));
        var stage = new WindowStage(spec, TickSchedule.ElasticDefault(), latenessMs: 0);
        var ready = new List<WindowAlert>();
        stage.Add(Hit(0, "a"), ready);
        stage.Add(Hit(5, "b"), ready);
        Assert.Empty(ready);                              // 5 may still get hits: not judged yet
        stage.Add(Hit(6, "c"), ready);
        Assert.Equal("5=2", Times(ready.Cast<CorrelationAlert>()));
        stage.Add(Hit(3, "late"), ready);                 // older than the watermark (6): late, judged at 3 (windows ending at 5 are closed)
        Assert.Equal(1, stage.Late);
        ready.AddRange(stage.Finish());                   // the late hit's alert, then 6 over a, late, b, c
        Assert.Equal("5=2 3=2 6=4", Times(ready.Cast<CorrelationAlert>()));
    }

    [Fact]
    public void AlertIdsAreStableAndDistinctPerGroupAndTime()
    {
        var spec = Spec(CorrelationType.EventCount, bounds: Gte(1));
        List<CorrelationAlert> one = Run(spec, Hit(0, "a", "x"), Hit(0, "b", "y"), Hit(1, "c", "x"));
        List<CorrelationAlert> two = Run(spec, Hit(1, "c", "x"), Hit(0, "b", "y"), Hit(0, "a", "x"));
        Assert.Equal(one.Select(a => a.Id), two.Select(a => a.Id));
        Assert.Equal(3, one.Select(a => a.Id).Distinct().Count());
    }
}
