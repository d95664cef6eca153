using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RuleGen.Runtime.Sequences;
using RuleGen.Runtime.Windows;
using Xunit;

namespace RuleGen.Tests.Sequences;

/// <summary>The executor on bare hits (no compiled rule): max_signals keeps the most recent sequences, as result_position tail does.</summary>
public class SequenceExecutorTests
{
    private static StageHit Hit(string id, int minute, int stage, string key)
    {
        long t = minute * 60_000L;
        return new StageHit(t, EventTime.Iso(t), id, "made", minute, new IReadOnlyList<string>[] { new[] { "\"" + key + "\"" } },
            new[] { t.ToString(CultureInfo.InvariantCulture), "" }) { Stage = stage };
    }

    [Fact]
    public void MaxSignalsKeepsTheLastSequencesOfEachExecution()
    {
        // sequence by k [a] [b], max_signals 2, every 10m looking back 30m. x, y, z complete at minutes 4, 5, 6:
        // the executions at 00:10, 00:20 and 00:30 all hold the three; each keeps the last two (y, z), so 00:10
        // writes them and the two later ones repeat their ids (12 dropped); x is never written.
        var key = new[] { new SequenceJoinKey("k", false) };
        var spec = new SequenceSpec("R", 2, new[] { new SequenceStageSpec(key), new SequenceStageSpec(key) }, null, null);
        var stage = new WindowStage(spec, new TickSchedule(600_000, -1_800_000));
        foreach (StageHit hit in new[] { Hit("x0", 1, 0, "x"), Hit("y0", 2, 0, "y"), Hit("z0", 3, 0, "z"), Hit("x1", 4, 1, "x"), Hit("y1", 5, 1, "y"), Hit("z1", 6, 1, "z") })
            stage.Add(hit);
        List<WindowAlert> alerts = stage.Finish();
        Assert.Equal(new[] { "00:10 shell y0,y1", "00:10 block 0 y0", "00:10 block 1 y1", "00:10 shell z0,z1", "00:10 block 0 z0", "00:10 block 1 z1" },
            alerts.Select(SequenceRules.Describe));
        Assert.Equal(12, stage.DuplicateIds);
        Assert.Equal(3, stage.Counters.Ticks);
    }
}
