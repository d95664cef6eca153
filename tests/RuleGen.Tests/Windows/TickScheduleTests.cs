using System.Linq;
using RuleGen.Runtime.Windows;
using Xunit;
using static RuleGen.Tests.Windows.MadeStream;

namespace RuleGen.Tests.Windows;

/// <summary>The schedule's ticks, windows, horizon and --schedule-start, and which time an event is windowed on.</summary>
public class TickScheduleTests
{
    private static string[] Ticks(TickSchedule s, string first, string last) =>
        s.Ticks(Ms(first), Ms(last)).Select(EventTime.Iso).ToArray();

    [Fact]
    public void EpochAlignedTicksRunFromTheFirstWindowHoldingTheFirstEventToTheFirstStartingAfterTheLast()
    {
        // 10:04 is first seen by the 10:05 run ([09:59, 10:05]); 10:09:30 is last seen by 10:15 ([10:09, 10:15]); the
        // 10:20 run ([10:14, 10:20]) is the first whose window starts after it.
        Assert.Equal(new[] { "2024-12-02T10:05:00.000Z", "2024-12-02T10:10:00.000Z", "2024-12-02T10:15:00.000Z", "2024-12-02T10:20:00.000Z" },
            Ticks(TickSchedule.ElasticDefault(), "2024-12-02T10:04:00Z", "2024-12-02T10:09:30Z"));
    }

    [Fact]
    public void AnEventOnATickIsInThatTicksClosedWindowAndTheNextOnesStart()
    {
        var s = TickSchedule.ElasticDefault();
        Assert.Equal("2024-12-02T10:05:00.000Z", Ticks(s, "2024-12-02T10:05:00Z", "2024-12-02T10:05:00Z")[0]);
        long tick = Ms("2024-12-02T10:05:00Z");
        Assert.Equal(Ms("2024-12-02T09:59:00Z"), s.WindowStart(tick));
        Assert.Equal(tick, s.WindowEnd(tick));
    }

    [Fact]
    public void ScheduleStartIsTheFirstTickAndTheGridFollowsIt()
    {
        var s = TickSchedule.ElasticDefault(Ms("2024-12-02T10:07:00Z"));
        // Events before the start only fall in the first look-back; no run happens before 10:07.
        Assert.Equal(new[] { "2024-12-02T10:07:00.000Z", "2024-12-02T10:12:00.000Z", "2024-12-02T10:17:00.000Z" },
            Ticks(s, "2024-12-02T09:00:00Z", "2024-12-02T10:09:30Z"));
        // A start before the data: the grid keeps the start's phase.
        var early = TickSchedule.ElasticDefault(Ms("2024-12-02T08:01:00Z"));
        Assert.Equal("2024-12-02T10:06:00.000Z", Ticks(early, "2024-12-02T10:04:00Z", "2024-12-02T10:04:00Z")[0]);
    }

    [Fact]
    public void TheOverrideFieldWinsWhenPresentElseTimestampAndTheSwitchForcesTimestamp()
    {
        Assert.True(EventTime.TryChoose("2024-12-02T10:09:30Z", "2024-12-02T10:09:00Z", false, out long t));
        Assert.Equal(Ms("2024-12-02T10:09:30Z"), t);
        Assert.True(EventTime.TryChoose(null, "2024-12-02T10:09:00Z", false, out t));
        Assert.Equal(Ms("2024-12-02T10:09:00Z"), t);
        Assert.True(EventTime.TryChoose("2024-12-02T10:09:30Z", "2024-12-02T10:09:00Z", true, out t));
        Assert.Equal(Ms("2024-12-02T10:09:00Z"), t);
        Assert.False(EventTime.TryChoose(null, null, false, out _));
    }

    [Fact]
    public void EventIdentityIsIdThenEventIdThenFileAndLine()
    {
        Assert.Equal("doc1", StageHit.IdentityOf("doc1", "e1", "f", 3));
        Assert.Equal("e1", StageHit.IdentityOf(null, "e1", "f", 3));
        Assert.Equal("f:3", StageHit.IdentityOf("", null, "f", 3));
    }
}
