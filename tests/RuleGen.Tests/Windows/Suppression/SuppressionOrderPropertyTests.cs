using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using CsCheck;
using RuleGen.Runtime.Windows;
using Xunit;

namespace RuleGen.Tests.Windows.Suppression;

/// <summary>
/// Suppression over the MADE streams of Data/suppression: the same events in any order, split over any number of
/// files, added from any number of threads give the same alerts (ticks, terms, times, counts, copied events; the ids
/// hash the input file, which the split renames, so they are left out).
/// </summary>
public class SuppressionOrderPropertyTests
{
    private sealed record Made(string Time, string Id, string[] Ips);

    private static List<Made> Events() => new[] { "made-s3-a.ndjson", "made-s3-b.ndjson", "made-arrays.ndjson" }
        .SelectMany(f => File.ReadAllLines(Repository.Data("suppression", f)))
        .Select(l => JsonDocument.Parse(l).RootElement)
        .Select(e => new Made(e.GetProperty("@timestamp").GetString()!, e.GetProperty("event.id").GetString()!,
            !e.TryGetProperty("source.ip", out JsonElement ip) ? Array.Empty<string>()
            : ip.ValueKind == JsonValueKind.Array ? ip.EnumerateArray().Select(v => v.GetString()!).ToArray() : new[] { ip.GetString()! }))
        .ToList();

    // Events at the same T are ordered by input position (file, line), which a re-split changes, as Elasticsearch
    // leaves such ties unordered; the array events are moved 20 s so that no two events share a time.
    private static StageHit Hit(Made e, string file, long line)
    {
        long t = MadeStream.Ms(e.Time) + (e.Id.StartsWith('a') ? 20_000 : 0);
        return new(t, EventTime.Iso(t), e.Id, file, line, new IReadOnlyList<string>[] { e.Ips }, Array.Empty<string>());
    }

    private static string Signature(IEnumerable<WindowAlert> alerts) => string.Join("\n", alerts.Select(a => a is SuppressedAlert s
        ? $"{s.TickMs} {((DocumentAlert)s.Inner).Hit.Identity} {string.Join(",", s.Terms.Select(t => string.Join("+", t.Values)))} {s.StartMs}-{s.EndMs} {s.DocsCount} {s.LastDetectedMs}"
        : $"{a.TickMs} {((DocumentAlert)a).Hit.Identity}"));

    public static IEnumerable<object[]> Specs() => new[]
    {
        new object[] { SuppressedRuleType.Query, (long?)300_000, true },
        new object[] { SuppressedRuleType.Query, null!, false },
        new object[] { SuppressedRuleType.Eql, (long?)300_000, true },
        new object[] { SuppressedRuleType.Esql, null!, false },
    };

    [Theory]
    [MemberData(nameof(Specs))]
    public void OrderSplitAndThreadsDoNotChangeTheAlerts(SuppressedRuleType type, long? duration, bool suppressMissing)
    {
        var spec = new SuppressionSpec("P", type, new SuppressionSettings(new[] { "source.ip" }, duration, suppressMissing));
        List<Made> events = Events();
        var inOrder = new WindowStage(spec, TickSchedule.ElasticDefault());
        for (int i = 0; i < events.Count; i++) inOrder.Add(Hit(events[i], "one", i + 1));
        string expected = Signature(inOrder.Finish());
        Assert.Contains("-", expected);

        Gen.Select(Gen.Int, Gen.Int[1, 5], Gen.Int[1, 4]).Sample((seed, files, threads) =>
        {
            var random = new Random(seed);
            Made[] shuffled = events.OrderBy(_ => random.Next()).ToArray();
            var stage = new WindowStage(spec, TickSchedule.ElasticDefault());
            Parallel.For(0, shuffled.Length, new ParallelOptions { MaxDegreeOfParallelism = threads },
                i => stage.Add(Hit(shuffled[i], $"part{i % files}", i / files + 1)));
            Assert.Equal(expected, Signature(stage.Finish()));
        }, iter: 40);
    }
}
