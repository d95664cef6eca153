using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace RuleGen.Benchmarks;

/// <summary>
/// In-process (the generated rules live in this assembly), few but honest iterations on a shared machine: medians
/// and ratios, allocations, and throughput columns computed from the corpus size.
/// </summary>
public sealed class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1).WithWarmupCount(8).WithIterationCount(9).WithInvocationCount(1).WithUnrollFactor(1));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median, new ThroughputColumn(megabytes: true), new ThroughputColumn(megabytes: false));
        AddColumnProvider(DefaultColumnProviders.Instance);
        WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared));
    }

    private sealed class ThroughputColumn : IColumn
    {
        private readonly bool _megabytes;

        public ThroughputColumn(bool megabytes) => _megabytes = megabytes;

        public string Id => ColumnName;
        public string ColumnName => _megabytes ? "MB/s" : "events/s";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => _megabytes ? "corpus megabytes (2^20 bytes) per second, from the median" : "corpus events per second, from the median";
        public bool IsAvailable(Summary summary) => true;
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var report = summary[benchmarkCase];
            if (report?.ResultStatistics is null) return "-";
            double seconds = report.ResultStatistics.Median / 1e9;
            double amount = _megabytes ? SharedCorpus.Summary.Bytes / (1024.0 * 1024.0) : SharedCorpus.Summary.Events;
            return (amount / seconds).ToString(_megabytes ? "N0" : "N0");
        }
    }
}
