using RuleGen.Runtime;
using Xunit;

namespace RuleGen.Tests;

/// <summary>The prefilter pauses when it rules out under a quarter of a probe window, and probes again after the pause.</summary>
public class PrefilterThrottleTests
{
    private static int RunsOver(PrefilterThrottle throttle, int events, System.Func<int, bool> ruledOut)
    {
        int runs = 0;
        for (int i = 0; i < events; i++)
        {
            if (!throttle.ShouldRun()) continue;
            runs++;
            throttle.Ran(ruledOut(i));
        }
        return runs;
    }

    [Fact]
    public void AnUnprofitableWindowPausesItAndItProbesAgainAfterThePause()
    {
        var throttle = new PrefilterThrottle();
        Assert.Equal(PrefilterThrottle.ProbeEvents, RunsOver(throttle, PrefilterThrottle.ProbeEvents, _ => false));
        Assert.Equal(0, RunsOver(throttle, PrefilterThrottle.PauseEvents, _ => false));
        Assert.True(throttle.ShouldRun());
    }

    [Fact]
    public void AProfitableWindowKeepsItOn()
    {
        var throttle = new PrefilterThrottle();
        // Exactly a quarter ruled out is enough.
        Assert.Equal(10 * PrefilterThrottle.ProbeEvents, RunsOver(throttle, 10 * PrefilterThrottle.ProbeEvents, i => i % 4 == 0));
    }
}
