using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using DuckDB.NET.Data;
using RuleGen.Runtime;

namespace RuleGen.Benchmarks;

/// <summary>The shared corpus: generated once per process, in memory and on disk (for DuckDB and jq).</summary>
public static class SharedCorpus
{
    public static readonly int Megabytes = int.TryParse(Environment.GetEnvironmentVariable("RULEGEN_BENCH_MB"), out int mb) ? mb : 32;

    private static readonly Lazy<(byte[] Bytes, string Path, Corpus.Summary Summary)> Data = new(() =>
    {
        string path = Path.Combine(Path.GetTempPath(), $"rulegen-bench-{Megabytes}mb.ndjson");
        Corpus.Summary summary;
        using (var file = File.Create(path)) summary = Corpus.Write(file, Megabytes);
        return (File.ReadAllBytes(path), path, summary);
    });

    public static byte[] Bytes => Data.Value.Bytes;

    public static string FilePath => Data.Value.Path;

    public static Corpus.Summary Summary => Data.Value.Summary;

    public static RuleSet Seed => Rules.CompiledRules.All.Select(new[] { "c04be7e0-b0fc-11ef-a826-f661ea17fbce" }, out _);

    public static RuleSet RepositoryRules => new(Rules.CompiledRules.All.Rules.Where(r => !r.Metadata.Name.StartsWith("Synthetic", StringComparison.Ordinal)).ToList());

    public static RuleSet Synthetic(int count) => new(Rules.CompiledRules.All.Rules.Where(r => r.Metadata.Name.StartsWith("Synthetic", StringComparison.Ordinal)).Take(count).ToList());

    public static long Scan(RuleSet rules, bool prefilter, int threads)
    {
        var scanner = new Scanner(rules, new ScanOptions { Prefilter = prefilter, Threads = threads });
        long alerts = 0;
        scanner.ScanStream(new MemoryStream(Bytes, writable: false), "corpus", _ => alerts++, p => throw new InvalidOperationException(p));
        return alerts;
    }
}

/// <summary>The seed rule, one thread, against the baselines and the tools users would reach for instead.</summary>
[Config(typeof(BenchmarkConfig))]
public class SeedRuleBenchmarks
{
    [GlobalSetup]
    public void Setup()
    {
        _ = SharedCorpus.Bytes;
        long expected = SharedCorpus.Summary.PlantedHits;
        Check("RuleGen (prefilter)", SharedCorpus.Scan(SharedCorpus.Seed, prefilter: true, threads: 1), expected);
        Check("RuleGen (full parse)", SharedCorpus.Scan(SharedCorpus.Seed, prefilter: false, threads: 1), expected);
        Check("JsonDocument", Baselines.JsonDocumentSeedMatcher(SharedCorpus.Bytes), expected);
        Check("DuckDB", DuckDb(), expected);
        Check("jq", Jq(), expected);
    }

    private static void Check(string what, long actual, long expected)
    {
        if (actual != expected) throw new InvalidOperationException($"{what} found {actual} matches, the corpus has {expected}");
    }

    [Benchmark(Baseline = true, Description = "Utf8JsonReader token walk")]
    public long TokenWalk() => Baselines.TokenWalk(SharedCorpus.Bytes);

    [Benchmark(Description = "JsonDocument seed matcher")]
    public long JsonDocument() => Baselines.JsonDocumentSeedMatcher(SharedCorpus.Bytes);

    [Benchmark(Description = "RuleGen seed, prefilter")]
    public long SeedPrefilter() => SharedCorpus.Scan(SharedCorpus.Seed, prefilter: true, threads: 1);

    [Benchmark(Description = "RuleGen seed, full parse")]
    public long SeedFullParse() => SharedCorpus.Scan(SharedCorpus.Seed, prefilter: false, threads: 1);

    [Benchmark(Description = "RuleGen rules/ (7), prefilter")]
    public long RepositoryRules() => SharedCorpus.Scan(SharedCorpus.RepositoryRules, prefilter: true, threads: 1);

    [Benchmark(Description = "DuckDB read_json, 1 thread")]
    public long DuckDb() => DuckDbOn(SharedCorpus.FilePath, 1);

    public static long DuckDbOn(string path, int threads)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SET threads = {threads}";
        command.ExecuteNonQuery();
        command.CommandText = Baselines.DuckDbQuery(path);
        return Convert.ToInt64(command.ExecuteScalar());
    }

    [Benchmark(Description = "jq select")]
    public long Jq() => JqOn(SharedCorpus.FilePath);

    public static long JqOn(string path)
    {
        var info = new ProcessStartInfo("jq", new[] { "-r", Baselines.JqFilter, path }) { RedirectStandardOutput = true };
        using Process process = Process.Start(info)!;
        long lines = 0;
        while (process.StandardOutput.ReadLine() is not null) lines++;
        process.WaitForExit();
        return lines;
    }
}

/// <summary>How cost grows with the number of rules (synthetic rules of realistic shape).</summary>
[Config(typeof(BenchmarkConfig))]
public class RuleCountBenchmarks
{
    [Params(1, 10, 50, 200)]
    public int Rules { get; set; }

    private RuleSet _rules = null!;

    [GlobalSetup]
    public void Setup()
    {
        _ = SharedCorpus.Bytes;
        _rules = SharedCorpus.Synthetic(Rules);
    }

    [Benchmark(Baseline = true, Description = "full parse")]
    public long FullParse() => SharedCorpus.Scan(_rules, prefilter: false, threads: 1);

    [Benchmark(Description = "prefilter")]
    public long Prefilter() => SharedCorpus.Scan(_rules, prefilter: true, threads: 1);
}

/// <summary>One thread against every core, full parse (the case with work to share).</summary>
[Config(typeof(BenchmarkConfig))]
public class ThreadBenchmarks
{
    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup() => _ = SharedCorpus.Bytes;

    [Benchmark(Description = "seed, full parse")]
    public long FullParse() => SharedCorpus.Scan(SharedCorpus.Seed, prefilter: false, threads: Threads);

    [Benchmark(Description = "200 rules, full parse")]
    public long Rules200() => SharedCorpus.Scan(SharedCorpus.Synthetic(200), prefilter: false, threads: Threads);
}
