using System;
using System.Collections.Generic;
using System.Linq;
using CsCheck;
using RuleGen.Runtime.Sequences;
using Xunit;

namespace RuleGen.Tests.Sequences;

/// <summary>
/// The sequence matcher on small hand-made timelines (each rule of eql-syntax.md "How sequence queries handle
/// matches" and SequenceMatcher.java), and against a reference that keeps every candidate as Elasticsearch does.
/// </summary>
public class SequenceMatcherTests
{
    private static readonly SequenceKey K = new(new[] { "\"k\"" });
    private static readonly SequenceKey Other = new(new[] { "\"other\"" });

    /// <summary>An event named <paramref name="id"/> at <paramref name="ms"/> that matches the given stages under key K.</summary>
    private static SequenceEvent<string> At(long ms, string id, int stageCount, params int[] stages) =>
        new(new SequenceOrdinal(ms, null, ms), Enumerable.Range(0, stageCount).Select(s => stages.Contains(s) ? K : null).ToList(), null, id);

    private static List<string> Flat(IEnumerable<IReadOnlyList<string>> sequences) => sequences.Select(s => string.Join(">", s)).ToList();

    [Fact]
    public void TheWorkedTimelineOfTheDocsHolds()
    {
        // docs/eql-sequences.md "A worked timeline": [a] [b] [c] with maxspan=10s, times in seconds.
        var events = new[]
        {
            At(0, "a1", 3, 0), At(2000, "a2", 3, 0), At(3000, "b1", 3, 1), At(4000, "b2", 3, 1),
            At(12_000, "c1", 3, 2), At(13_000, "a3", 3, 0), At(24_000, "b3", 3, 1),
        };
        var (found, stats) = WholeInputSequenceSearch.Run(new SequencePlan(3, MaxSpanMs: 10_000), events);
        Assert.Equal(new[] { "a2>b1>c1" }, Flat(found));
        Assert.Equal((1L, 1L, 0L), (stats.Replaced, stats.Evicted, stats.RejectedByMaxSpan));
        Assert.Equal(0, stats.LiveKeys);
    }

    [Fact]
    public void ANewerCandidateReplacesTheOlderInItsStage()
    {
        var (found, stats) = WholeInputSequenceSearch.Run(new SequencePlan(2), new[] { At(1, "a1", 2, 0), At(2, "a2", 2, 0), At(3, "b", 2, 1) });
        Assert.Equal(new[] { "a2>b" }, Flat(found));
        Assert.Equal(1, stats.Replaced);
    }

    [Fact]
    public void AnEventDoesNotExtendTheSequenceItStarts()
    {
        // The event matches both stages: it starts a sequence but cannot also be its second event.
        var (found, _) = WholeInputSequenceSearch.Run(new SequencePlan(2), new[] { At(1, "x", 2, 0, 1), At(2, "y", 2, 0, 1) });
        Assert.Equal(new[] { "x>y" }, Flat(found));
    }

    [Theory]
    [InlineData(1000, true)]  // exactly maxspan after the first event: inside (exceedsMaxSpan is a strict >)
    [InlineData(1001, false)]
    public void MaxSpanIsInclusiveFromTheFirstEvent(long last, bool found)
    {
        var events = new[] { At(0, "a", 3, 0), At(600, "b", 3, 1), At(last, "c", 3, 2) };
        var (sequences, stats) = WholeInputSequenceSearch.Run(new SequencePlan(3, MaxSpanMs: 1000), events);
        Assert.Equal(found ? new[] { "a>b>c" } : Array.Empty<string>(), Flat(sequences));
        Assert.Equal(found ? 0 : 1, stats.Evicted + stats.RejectedByMaxSpan);
    }

    [Fact]
    public void DeadStateIsEvictedSoThatMemoryStaysBounded()
    {
        // 10,000 keys each start a sequence 1 s apart and never finish; with maxspan=5s at most 6 keys hold state.
        var plan = new SequencePlan(2, MaxSpanMs: 5000);
        var matcher = new SequenceMatcher<int>(plan);
        for (int i = 0; i < 10_000; i++)
        {
            matcher.Add(new SequenceEvent<int>(new SequenceOrdinal(i * 1000L, null, i), new SequenceKey?[] { new(new[] { i.ToString(System.Globalization.CultureInfo.InvariantCulture) }), null }, null, i));
        }
        Assert.Equal(10_000, matcher.Stats.SequencesStarted);
        Assert.True(matcher.Stats.PeakLiveKeys <= 6, $"peak {matcher.Stats.PeakLiveKeys}");
        Assert.Equal(10_000 - matcher.Stats.LiveKeys, matcher.Stats.Evicted);
    }

    [Fact]
    public void UntilBetweenTheEventsDropsTheSequenceAndAfterThemDoesNot()
    {
        SequenceEvent<string> Until(long ms, SequenceKey key) => new(new SequenceOrdinal(ms, null, ms), new SequenceKey?[] { null, null }, key, "u");
        var plan = new SequencePlan(2);
        Assert.Empty(WholeInputSequenceSearch.Run(plan, new[] { At(1, "a", 2, 0), Until(2, K), At(3, "b", 2, 1) }).Sequences);
        Assert.Equal(new[] { "a>b" }, Flat(WholeInputSequenceSearch.Run(plan, new[] { At(1, "a", 2, 0), At(2, "b", 2, 1), Until(3, K) }).Sequences));
        Assert.Equal(new[] { "a>b" }, Flat(WholeInputSequenceSearch.Run(plan, new[] { At(1, "a", 2, 0), Until(2, Other), At(3, "b", 2, 1) }).Sequences));
        Assert.Equal(1, WholeInputSequenceSearch.Run(plan, new[] { At(1, "a", 2, 0), Until(2, K) }).Stats.RejectedByUntil);
    }

    [Fact]
    public void OrderIsTimestampThenTiebreakerWithNullsLastThenInput()
    {
        var ordinals = new[]
        {
            new SequenceOrdinal(5, null, 0), new SequenceOrdinal(5, 2, 1), new SequenceOrdinal(5, 1, 2), new SequenceOrdinal(4, null, 3), new SequenceOrdinal(5, null, -1),
        };
        Assert.Equal(new long[] { 3, 2, 1, -1, 0 }, ordinals.OrderBy(o => o).Select(o => o.InputIndex));
        var matcher = new SequenceMatcher<string>(new SequencePlan(1));
        matcher.Add(At(2, "x", 1, 0));
        Assert.Throws<ArgumentException>(() => matcher.Add(At(1, "y", 1, 0)));
    }

    [Fact]
    public void HeadStopsAndTailKeepsTheLast()
    {
        var events = Enumerable.Range(1, 6).Select(i => At(i, "e" + i, 2, 0, 1)).ToList();
        var head = WholeInputSequenceSearch.Run(new SequencePlan(2, Pipes: new[] { new SequencePipe(SequenceLimitEnd.Head, 2) }), events);
        Assert.Equal(new[] { "e1>e2", "e2>e3" }, Flat(head.Sequences));
        Assert.Equal(3, head.Stats.EventsSeen);
        var tail = WholeInputSequenceSearch.Run(new SequencePlan(2, Pipes: new[] { new SequencePipe(SequenceLimitEnd.Tail, 2) }), events);
        Assert.Equal(new[] { "e4>e5", "e5>e6" }, Flat(tail.Sequences));
        var both = WholeInputSequenceSearch.Run(new SequencePlan(2, Pipes: new[] { new SequencePipe(SequenceLimitEnd.Head, 4), new SequencePipe(SequenceLimitEnd.Tail, 1) }), events);
        Assert.Equal(new[] { "e4>e5" }, Flat(both.Sequences));
    }

    [Fact]
    public void TheMatcherAgreesWithElasticsearchsKeepEveryCandidateAlgorithm()
    {
        // Random timelines (2 keys, 2-4 stages, ties in time, optional maxspan) against EsReference, which runs
        // stage by stage over all events and keeps every candidate, as SequenceMatcher.java's SequenceGroup does.
        var gen = Gen.Select(Gen.Int[2, 4], Gen.Int[0, 3], Gen.Select(Gen.Int[0, 3], Gen.Int[0, 15], Gen.Int[0, 1]).Array[0, 30]);
        gen.Sample((stages, span, raw) =>
        {
            long time = 0;
            var events = raw.Select((r, i) =>
            {
                time += r.Item1;
                var key = new SequenceKey(new[] { r.Item3.ToString(System.Globalization.CultureInfo.InvariantCulture) });
                return new SequenceEvent<int>(new SequenceOrdinal(time, null, i), Enumerable.Range(0, stages).Select(s => (r.Item2 >> s & 1) == 1 ? key : null).ToList(), null, i);
            }).ToList();
            long? maxSpan = span == 0 ? null : span * 2;
            var plan = new SequencePlan(stages, maxSpan);
            var ours = WholeInputSequenceSearch.Run(plan, events).Sequences.Select(s => string.Join(",", s)).ToList();
            var theirs = EsReference(stages, maxSpan, events).Select(s => string.Join(",", s)).ToList();
            Assert.Equal(theirs, ours);
        }, iter: 3000);
    }

    /// <summary>Elasticsearch's batch algorithm: stage 0's hits start sequences; each later stage's hits, in order, take the latest earlier sequence of their key in the previous stage and drop every one before it.</summary>
    private static List<List<int>> EsReference(int stages, long? maxSpan, List<SequenceEvent<int>> events)
    {
        var groups = Enumerable.Range(0, stages).Select(_ => new Dictionary<SequenceKey, List<(long Start, long Last, List<int> Ids)>>()).ToList();
        var completed = new List<(long Last, List<int> Ids)>();
        for (int stage = 0; stage < stages; stage++)
        {
            foreach (var e in events.Where(e => e.StageKeys[stage] is not null))
            {
                SequenceKey key = e.StageKeys[stage]!;
                (long Start, long Last, List<int> Ids) next;
                if (stage == 0)
                {
                    next = (e.Ordinal.TimestampMs, e.Ordinal.InputIndex, new List<int> { e.Payload });
                }
                else
                {
                    if (!groups[stage - 1].TryGetValue(key, out var group)) continue;
                    int index = group.FindLastIndex(s => s.Last < e.Ordinal.InputIndex);
                    if (index < 0) continue;
                    var previous = group[index];
                    group.RemoveRange(0, index + 1);
                    if (e.Ordinal.TimestampMs - previous.Start > maxSpan) continue;
                    next = (previous.Start, e.Ordinal.InputIndex, previous.Ids.Append(e.Payload).ToList());
                }
                if (stage == stages - 1) completed.Add((next.Last, next.Ids));
                else (groups[stage].TryGetValue(key, out var g) ? g : groups[stage][key] = new()).Add(next);
            }
        }
        return completed.OrderBy(c => c.Last).Select(c => c.Ids).ToList();
    }
}
