using System;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Running;

namespace RuleGen.Benchmarks;

public static class Program
{
    /// <summary>
    /// dotnet run -c Release --project benchmarks/RuleGen.Benchmarks -- [BenchmarkDotNet arguments]
    /// dotnet run -c Release --project benchmarks/RuleGen.Benchmarks -- corpus FILE MEGABYTES
    /// dotnet run -c Release --project benchmarks/RuleGen.Benchmarks -- gunzip FILE.gz [RUNS]
    /// </summary>
    private static long ScanFile(string path, bool prefilter, int threads)
    {
        var scanner = new Runtime.Scanner(SharedCorpus.Seed, new Runtime.ScanOptions { Prefilter = prefilter, Threads = threads });
        long alerts = 0;
        scanner.ScanFile(path, _ => alerts++, p => throw new InvalidOperationException(p));
        return alerts;
    }

    /// <summary>A walk that reads property names and skips every value with Skip(): what the scanner does at least.</summary>
    private static void SkipWalk(ReadOnlySpan<byte> line)
    {
        var reader = new System.Text.Json.Utf8JsonReader(line);
        reader.Read();
        while (reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.PropertyName)
        {
            reader.Read();
            reader.Skip();
        }
    }

    private delegate void LineAction(ReadOnlySpan<byte> line);

    private static void ForEachLine(ReadOnlySpan<byte> bytes, LineAction action)
    {
        while (!bytes.IsEmpty)
        {
            int newline = bytes.IndexOf((byte)'\n');
            ReadOnlySpan<byte> line = newline < 0 ? bytes : bytes[..newline];
            bytes = newline < 0 ? default : bytes[(newline + 1)..];
            if (!line.IsEmpty) action(line);
        }
    }

    public static int Main(string[] args)
    {
        if (args.Length == 3 && args[0] == "corpus")
        {
            using var file = File.Create(args[1]);
            Corpus.Summary summary = Corpus.Write(file, int.Parse(args[2]));
            Console.WriteLine($"{summary.Events} events, {summary.Bytes} bytes, {summary.PlantedHits} planted seed hits, {summary.PlantedNearMisses} near misses");
            return 0;
        }
        if (args.Length is 2 or 3 && args[0] == "gunzip")
        {
            GunzipComparison.Run(args[1], args.Length == 3 ? int.Parse(args[2]) : 7);
            return 0;
        }
        if (args.Length == 1 && args[0] == "literals")
        {
            // How fast the multi-literal search is for each rule count (the prefilter's inner loop).
            foreach (int n in new[] { 1, 10, 50, 200 })
            {
                var literals = SharedCorpus.Synthetic(n).Rules.SelectMany(r => r.RequiredLiterals ?? Array.Empty<string>()).Distinct().ToArray();
                var values = System.Buffers.SearchValues.Create(literals, StringComparison.Ordinal);
                char[] chars = new char[SharedCorpus.Bytes.Length];
                int count = System.Text.Encoding.Latin1.GetChars(SharedCorpus.Bytes, chars);
                for (int round = 0; round < 3; round++)
                {
                    var clock = System.Diagnostics.Stopwatch.StartNew();
                    int hits = 0, from = 0;
                    ReadOnlySpan<char> all = chars.AsSpan(0, count);
                    while (from < all.Length)
                    {
                        int newline = all[from..].IndexOf('\n');
                        int end = newline < 0 ? all.Length : from + newline;
                        if (all[from..end].IndexOfAny(values) >= 0) hits++;
                        from = end + 1;
                    }
                    Console.WriteLine($"{n,3} rules, {literals.Length,3} literals: {hits} lines with a literal, {clock.Elapsed.TotalMilliseconds:F1} ms");
                }
            }
            return 0;
        }
        if (args.Length == 1 && args[0] == "anatomy")
        {
            // Where a full-parse scan spends its time: each stage alone, best of 15 warm runs.
            byte[] bytes = SharedCorpus.Bytes;
            var table = new Runtime.FieldTable(SharedCorpus.Seed.Fields);
            var scanner = new Runtime.DocumentScanner(table, new Runtime.ByteArena());
            static double Best(Action action)
            {
                double best = double.MaxValue;
                for (int i = 0; i < 15; i++)
                {
                    var clock = System.Diagnostics.Stopwatch.StartNew();
                    action();
                    best = Math.Min(best, clock.Elapsed.TotalMilliseconds);
                }
                return best;
            }
            Console.WriteLine($"token walk            {Best(() => Baselines.TokenWalk(bytes)):F1} ms");
            Console.WriteLine($"input reader only     {Best(() => Runtime.InputReader.Read(new MemoryStream(bytes), (d, l, f) => { }, (l, r) => { })):F1} ms");
            Console.WriteLine($"document scanner only {Best(() => ForEachLine(bytes, line => scanner.Scan(line))):F1} ms");
            Console.WriteLine($"walk with Skip()      {Best(() => ForEachLine(bytes, line => SkipWalk(line))):F1} ms");
            Console.WriteLine($"whole scan, seed      {Best(() => SharedCorpus.Scan(SharedCorpus.Seed, prefilter: false, threads: 1)):F1} ms");
            return 0;
        }
        if (args.Length == 1 && args[0] == "scaling")
        {
            // Does the machine scale at all on this kind of work? The raw token walk on one thread, then on two
            // threads each walking half of the same corpus.
            byte[] bytes = SharedCorpus.Bytes;
            int middle = Array.IndexOf(bytes, (byte)'\n', bytes.Length / 2) + 1;
            for (int round = 0; round < 3; round++)
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                for (int i = 0; i < 4; i++) Baselines.TokenWalk(bytes);
                double one = clock.Elapsed.TotalMilliseconds;
                clock.Restart();
                var a = System.Threading.Tasks.Task.Run(() => { for (int i = 0; i < 4; i++) Baselines.TokenWalk(bytes.AsSpan(0, middle)); });
                var b = System.Threading.Tasks.Task.Run(() => { for (int i = 0; i < 4; i++) Baselines.TokenWalk(bytes.AsSpan(middle)); });
                System.Threading.Tasks.Task.WaitAll(a, b);
                double two = clock.Elapsed.TotalMilliseconds;
                Console.WriteLine($"token walk x4: 1 thread {one:F0} ms, 2 threads {two:F0} ms, speed-up {one / two:F2}");
            }
            return 0;
        }
        if (args.Length == 2 && args[0] == "compare")
        {
            // The seed rule over one NDJSON file on disk, side by side, best of 3 (same page cache for all).
            string path = args[1];
            double size = new FileInfo(path).Length / (1024.0 * 1024.0);
            var bench = new SeedRuleBenchmarks();
            (string Name, Func<long> Run)[] runs =
            {
                ("RuleGen seed, prefilter, 1 thread", () => ScanFile(path, true, 1)),
                ("RuleGen seed, full parse, 1 thread", () => ScanFile(path, false, 1)),
                ("RuleGen seed, full parse, 2 threads", () => ScanFile(path, false, 2)),
                ("DuckDB read_json, 1 thread", () => SeedRuleBenchmarks.DuckDbOn(path, 1)),
                ("DuckDB read_json, 2 threads", () => SeedRuleBenchmarks.DuckDbOn(path, 2)),
                ("jq select", () => SeedRuleBenchmarks.JqOn(path)),
            };
            Console.WriteLine($"| {size:F0} MB file | matches | best of 3 | MB/s |");
            Console.WriteLine("|---|---:|---:|---:|");
            foreach (var (name, run) in runs)
            {
                double best = double.MaxValue;
                long matches = 0;
                for (int i = 0; i < 3; i++)
                {
                    var clock = System.Diagnostics.Stopwatch.StartNew();
                    matches = run();
                    best = Math.Min(best, clock.Elapsed.TotalSeconds);
                }
                Console.WriteLine($"| {name} | {matches} | {best:F2} s | {size / best:F0} |");
            }
            return 0;
        }
        if (args.Length == 1 && args[0] == "stats")
        {
            // What each configuration does with the corpus: events ruled out by the prefilter, alerts.
            foreach (int n in new[] { 1, 10, 50, 200 })
            {
                foreach (bool prefilter in new[] { false, true, false, true })
                {
                    var scanner = new Runtime.Scanner(SharedCorpus.Synthetic(n), new Runtime.ScanOptions { Prefilter = prefilter, Threads = 1 });
                    var clock = System.Diagnostics.Stopwatch.StartNew();
                    scanner.ScanStream(new MemoryStream(SharedCorpus.Bytes), "corpus", _ => { }, p => throw new InvalidOperationException(p));
                    var s = scanner.Statistics;
                    Console.WriteLine($"{n,3} rules prefilter={prefilter,-5}: {s.Events} events, {s.Skipped} ruled out, {s.Alerts} alerts, {clock.ElapsedMilliseconds} ms");
                }
            }
            return 0;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
