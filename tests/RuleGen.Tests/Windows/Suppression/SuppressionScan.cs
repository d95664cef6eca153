using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using RuleGen.Cli;
using RuleGen.Runtime;
using RuleGen.Runtime.Windows;
using Xunit;

namespace RuleGen.Tests.Windows.Suppression;

/// <summary>Compiles one rule with alert_suppression and scans MADE streams of Data/suppression through `rulegen scan`.</summary>
internal static class SuppressionScan
{
    public const string GetObject = "event.action: GetObject";

    public static string Rule(string type, string query, string suppression, string id = "SU-RULE") =>
        RuleYaml.With(query, name: $"Suppressed {type} (MADE)", id: id) +
        (type switch { "query" => "language: kuery\n", "eql" => "language: eql\n", _ => "" }) +
        $"type: {type}\n" + suppression.Replace("\r", "");

    public static RuleSet Compile(string yaml, string ns)
    {
        GeneratorHarness.Result result = GeneratorHarness.Run(new[] { new InMemoryRuleFile("/repo/rules/suppressed.yml", yaml) }, ns);
        Assert.DoesNotContain(result.Run.Diagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        return GeneratorHarness.Load(result, ns);
    }

    public static (JsonElement[] Alerts, string Summary) Scan(RuleSet rules, WindowOptions windows, params string[] files)
    {
        string[] paths = files.Select(f => f.Contains('/') ? f : Repository.Data(f.StartsWith("brute", System.StringComparison.Ordinal) ? "threshold" : "suppression", f)).ToArray();
        return InProcessScan.Run(paths, rules, windows);
    }

    public static string S(this JsonElement alert, string field) =>
        alert.TryGetProperty(field, out JsonElement v) ? v.ValueKind == JsonValueKind.Null ? "null" : v.ToString() : "(absent)";

    /// <summary>One alert as "tick original start end docs_count terms" for compact expectations.</summary>
    public static string Line(this JsonElement a) =>
        $"{T(a.S("@timestamp"))} {T(a.S("kibana.alert.original_time"))} {T(a.S("kibana.alert.suppression.start"))}-{T(a.S("kibana.alert.suppression.end"))} " +
        $"docs={a.S("kibana.alert.suppression.docs_count")} last={T(a.S("kibana.alert.last_detected"))} terms={Terms(a)}";

    private static string T(string iso) => iso.Length >= 19 ? iso.Substring(11, 8) : iso;

    private static string Terms(JsonElement a) => a.TryGetProperty("kibana.alert.suppression.terms", out JsonElement terms)
        ? string.Join(",", terms.EnumerateArray().Select(t => t.GetProperty("value").ValueKind == JsonValueKind.Null ? "null" : t.GetProperty("value").ToString()))
        : "none";
}
