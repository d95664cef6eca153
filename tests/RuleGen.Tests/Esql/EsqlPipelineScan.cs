using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using RuleGen.Runtime;
using RuleGen.Runtime.Windows;
using Xunit;

namespace RuleGen.Tests.Esql;

/// <summary>Compiles one ES|QL rule in memory and scans made events with it, as `rulegen scan` would.</summary>
internal static class EsqlPipelineScan
{
    private const string DefaultSchedule = "interval: 5m\nfrom: now-5m\n";

    /// <summary>The generator run over the one rule file (a test rule with this query and schedule).</summary>
    private static GeneratorHarness.Result Run(string query, string schedule, string @namespace) =>
        GeneratorHarness.Run(new[] { new InMemoryRuleFile("/repo/rules/pipeline.yml", RuleYaml.With(query, name: "Pipeline rule", id: "esql-pipeline-1") + schedule) }, @namespace);

    public static RuleSet Compile(string query, string schedule = DefaultSchedule, string @namespace = "Esql.Pipeline")
    {
        var result = Run(query, schedule, @namespace);
        var errors = result.GeneratorDiagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        return GeneratorHarness.Load(result, @namespace);
    }

    /// <summary>The generator's diagnostics for a rule (no assertion).</summary>
    public static IReadOnlyList<Microsoft.CodeAnalysis.Diagnostic> Diagnostics(string query, string schedule = DefaultSchedule) =>
        Run(query, schedule, "Esql.Diagnostics").GeneratorDiagnostics.ToList();

    /// <summary>The generated source of the rule (for readability checks).</summary>
    public static string Source(string query, string schedule = DefaultSchedule) => Run(query, schedule, "Esql.Source").Source("PipelineRule");

    public static JsonElement[] Scan(RuleSet rules, IEnumerable<string> events, string? scheduleStart = null)
    {
        string file = Path.Combine(Path.GetTempPath(), $"rulegen-esql-{Guid.NewGuid():N}.ndjson");
        File.WriteAllLines(file, events);
        try
        {
            long? start = scheduleStart is null ? null : DateTimeOffset.Parse(scheduleStart, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
            return InProcessScan.Run(new[] { file }, rules, new WindowOptions(start, false), threads: 1).Alerts;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
