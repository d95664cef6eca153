using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using CsCheck;
using RuleGen.Runtime;
using RuleGen.Tests.Rules;
using Xunit;
using Xunit.Abstractions;

namespace RuleGen.Tests;

/// <summary>
/// Property-based fuzzing of the runtime (docs/reliability.md, "Event fuzzing"): real events (the public CloudTrail
/// and ECS data in Data/, and the MADE positives) are laid out as NDJSON, arrays, Records files, pretty-printed or
/// concatenated documents, optionally gzipped, then damaged (byte flips, hostile bytes, deletions, duplications,
/// truncation, splices). Each mutant is scanned with every repository rule in four configurations. Properties: no
/// exception escapes a scan; alerts are identical whatever the threads and prefilter; reports are identical whatever
/// the threads; every report names the input and a line. RULEGEN_FUZZ_EVENTS sets the number of mutants (the
/// default is a short budget for dotnet test).
/// </summary>
public class EventFuzzTests
{
    private readonly ITestOutputHelper _output;

    public EventFuzzTests(ITestOutputHelper output) => _output = output;

    private static readonly Lazy<byte[][]> Pool = new(BuildPool);

    private static readonly ScanOptions[] Configurations =
    {
        new() { Threads = 1 },
        new() { Threads = 2 },
        new() { Threads = 1, Prefilter = false },
        new() { Threads = 2, Prefilter = false },
    };

    /// <summary>Bytes an attacker or a damaged disk puts in events: JSON structure, escapes, bad UTF-8, line ends.</summary>
    private static readonly byte[][] Hostile = new[]
    {
        "{", "}", "[", "]", "\"", ",", ":", "\\", "\\u", "\\ud800", "\\udc00", "\\ud83d\\ude00", "\n", "\r", "\r\n", "\t", " ",
        "null", "true", "1e309", "-0", "[]", "{}", "[1,2]", "{\"Records\":[", "\u00e9", "\uFEFF", "\u2028",
    }.Select(Encoding.UTF8.GetBytes).Concat(new[] { new byte[] { 0xFF }, new byte[] { 0xC3 }, new byte[] { 0xED, 0xA0, 0x80 }, new byte[] { 0 }, new byte[] { 0x1F, 0x8B } }).ToArray();

    [Fact]
    public void MutatedEventsNeverAbortAScanAndGiveTheSameVerdictsInEveryConfiguration()
    {
        bool longRun = long.TryParse(Environment.GetEnvironmentVariable("RULEGEN_FUZZ_EVENTS"), out long n);
        long iterations = longRun ? n : 400;
        // The short run in dotnet test (and CI) always draws the same mutants; a long run (or CsCheck_Seed) new ones.
        string? seed = Environment.GetEnvironmentVariable("CsCheck_Seed") ?? (longRun ? null : Fuzzing.RuleFuzzTests.FixedSeed);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        long events = 0, problems = 0, alerts = 0;
        Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[0, int.MaxValue].Array[0, 5], Gen.Int[0, 9])
            .Sample((seed, mutations, layout) =>
            {
                byte[] mutant = Mutate(seed, mutations, layout);
                var (e, p, a) = Check(mutant);
                events += e;
                problems += p;
                alerts += a;
            }, seed: seed, iter: iterations, threads: 1, print: t => Describe(Mutate(t.Item1, t.Item2, t.Item3)));
        _output.WriteLine($"{iterations:N0} mutants, {events:N0} events, {problems:N0} reports, {alerts:N0} alerts in {clock.Elapsed.TotalSeconds:F1} s");
    }

    private static string Describe(byte[] mutant) =>
        mutant.Length > 4000 ? $"{mutant.Length} bytes: {Convert.ToBase64String(mutant[..4000])}…" : Convert.ToBase64String(mutant);

    /// <summary>Scans one mutant in every configuration and checks the properties; returns events, reports, alerts.</summary>
    private static (long Events, long Problems, long Alerts) Check(byte[] mutant)
    {
        List<string>? firstAlerts = null;
        List<string>?[] reports = new List<string>?[2];
        long events = -1;
        long reported = 0;
        foreach (ScanOptions options in Configurations)
        {
            var scanner = new Scanner(CompiledRules.All, options);
            var matches = new List<string>();
            var problems = new List<string>();
            scanner.ScanStream(new MemoryStream(mutant), "fuzz", m => matches.Add($"{m.Rule.Metadata.RuleId} {m.Position.Line}/{m.Position.Record}"), problems.Add);
            foreach (string problem in problems)
            {
                Assert.Matches(@"^fuzz(:\d+)?: ", problem);
            }
            firstAlerts ??= matches;
            Assert.Equal(firstAlerts, matches);
            int prefilter = options.Prefilter ? 0 : 1;
            reports[prefilter] ??= problems;
            Assert.Equal(reports[prefilter], problems);
            if (events < 0) events = scanner.Statistics.Events;
            Assert.Equal(events, scanner.Statistics.Events);
            reported = problems.Count;
        }
        return (events, reported, firstAlerts!.Count);
    }

    /// <summary>A deterministic mutant: a few pool events in a layout, then damaged by each mutation seed.</summary>
    private static byte[] Mutate(int seed, int[] mutations, int layout)
    {
        var random = new Random(seed);
        byte[][] pool = Pool.Value;
        var events = Enumerable.Range(0, random.Next(1, 9)).Select(_ => pool[random.Next(pool.Length)]).ToList();
        byte[] text = Lay(events, layout, random);
        foreach (int mutation in mutations) text = Damage(text, new Random(mutation));
        if (layout == 9)
        {
            text = EventFixtures.Gzip(text);
            if (mutations.Length > 0) text = Damage(text, new Random(mutations[0] ^ seed), compressed: true);
        }
        return text;
    }

    private static byte[] Lay(List<byte[]> events, int layout, Random random)
    {
        string Text(byte[] e) => Encoding.UTF8.GetString(e);
        IEnumerable<string> items = events.Select(Text);
        string joined = layout switch
        {
            0 or 1 or 2 or 9 => string.Join(random.Next(3) switch { 0 => "\n", 1 => "\r\n", _ => "\r" }, items) + "\n",
            3 => "[" + string.Join(",\n", items) + "]",
            4 => "{\"Records\":[" + string.Join(",", items) + "]}",
            5 => "{\"Records\":[" + string.Join(",", items.Take(events.Count / 2)) + "]}{\"Records\":[" + string.Join(",", items.Skip(events.Count / 2)) + "]}",
            6 => string.Join("\n", events.Select(e => System.Text.Json.Nodes.JsonNode.Parse(e)!.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }))),
            7 => string.Concat(items),
            _ => "\uFEFF" + string.Join("\n", items),
        };
        return Encoding.UTF8.GetBytes(joined);
    }

    private static byte[] Damage(byte[] text, Random random, bool compressed = false)
    {
        if (text.Length == 0) return text;
        int at = random.Next(text.Length);
        int length = Math.Min(text.Length - at, random.Next(1, 64));
        switch (compressed ? random.Next(3) : random.Next(8))
        {
            case 0: // flip a byte
                text = (byte[])text.Clone();
                text[at] ^= (byte)(1 << random.Next(8));
                return text;
            case 1: // truncate
                return text[..at];
            case 2: // garbage appended (compressed) or a hostile token inserted
                return compressed ? text.Concat(Hostile[random.Next(Hostile.Length)]).ToArray() : Insert(text, at, Hostile[random.Next(Hostile.Length)]);
            case 3: // delete a range
                return text[..at].Concat(text[(at + length)..]).ToArray();
            case 4: // duplicate a range
                return Insert(text, at, text[at..(at + length)]);
            case 5: // swap two ranges' order (splice)
                int other = random.Next(text.Length);
                return Insert(text[..at].Concat(text[(at + length)..]).ToArray(), Math.Min(other, text.Length - length), text[at..(at + length)]);
            case 6: // deep nesting
                return Insert(text, at, Encoding.UTF8.GetBytes(new string('[', random.Next(1, 400)) + new string(']', random.Next(0, 400))));
            default: // a hostile token replaces a byte
                return Insert(text[..at].Concat(text[(at + 1)..]).ToArray(), at, Hostile[random.Next(Hostile.Length)]);
        }
    }

    private static byte[] Insert(byte[] text, int at, byte[] bytes) => text[..at].Concat(bytes).Concat(text[at..]).ToArray();

    /// <summary>Real events, one document each (the MADE positives several times, so that mutants do match).</summary>
    private static byte[][] BuildPool()
    {
        var pool = new List<byte[]>();
        foreach (var (_, bytes) in EventFixtures.RealInputs())
        {
            int taken = 0;
            InputReader.Read(new MemoryStream(bytes), (document, _, _) =>
            {
                if (taken++ < 12) pool.Add(document.ToArray());
            }, (_, _) => { });
        }
        for (int i = 0; i < 20; i++)
        {
            pool.Add(Encoding.UTF8.GetBytes(EventFixtures.Compact(EventFixtures.RawPositive($"made-{i}"))));
            pool.Add(Encoding.UTF8.GetBytes(EventFixtures.Compact(EventFixtures.EcsPositive())));
        }
        return pool.ToArray();
    }
}
