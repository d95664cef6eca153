using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using RuleGen.Cli;
using RuleGen.Runtime;
using RuleGen.Runtime.Windows;
using Xunit;

namespace RuleGen.Tests.Correlations;

/// <summary>One correlation alert as the tests compare them: rule, time, group, value (and percentile value), contributors.</summary>
public sealed record Expected(string Rule, string Time, string Group, double Value, string Ancestors, string? Of = null)
{
    public override string ToString() => $"{Rule} {Time} [{Group}] {Value} {Of} <{Ancestors}>";
}

/// <summary>Runs `rulegen scan` over files with a rule set and reads back the alerts (NDJSON) and the summary.</summary>
internal static class CorrelationScan
{
    public const string Prefix = "7d3f8a2e-5b61-4c9e-9a0d-1e2f3a4b5c0";

    public static (JsonElement[] Alerts, string Summary) Run(IReadOnlyList<string> files, RuleSet? rules = null, int threads = 2, WindowOptions? windows = null)
    {
        return InProcessScan.Run(files, rules ?? Rules.CompiledRules.All, windows, threads);
    }

    public static bool IsCorrelation(JsonElement alert) => alert.TryGetProperty("rulegen.correlation", out _);

    /// <summary>The correlation alerts in a comparable form; inner correlation alerts (chains) are named by their rule and time.</summary>
    public static List<Expected> CorrelationAlerts(IEnumerable<JsonElement> alerts)
    {
        JsonElement[] all = alerts.Where(IsCorrelation).ToArray();
        var names = all.ToDictionary(a => a.GetProperty("kibana.alert.uuid").GetString()!,
            a => Short(a.GetProperty("kibana.alert.rule.rule_id").GetString()!) + "@" + a.GetProperty("@timestamp").GetString()!.Substring(11, 12));
        return all.Select(a =>
        {
            JsonElement c = a.GetProperty("rulegen.correlation");
            string ancestors = string.Join(" ", a.GetProperty("kibana.alert.ancestors").EnumerateArray()
                .Select(x => x.GetProperty("id").GetString()!).Select(id => names.TryGetValue(id, out string? n) ? n : id));
            return new Expected(Short(a.GetProperty("kibana.alert.rule.rule_id").GetString()!), a.GetProperty("@timestamp").GetString()!,
                string.Join(",", c.GetProperty("group").EnumerateArray().Select(g => g.GetProperty("value").GetString())),
                c.GetProperty("value").GetDouble(), ancestors, c.TryGetProperty("percentile_of", out JsonElement of) ? of.GetString() : null);
        }).OrderBy(e => e.Rule, StringComparer.Ordinal).ThenBy(e => e.Time, StringComparer.Ordinal).ThenBy(e => e.Group, StringComparer.Ordinal).ToList();
    }

    /// <summary>Our correlations' ids end in 1…7: "c1" … "c7"; other ids as they are.</summary>
    public static string Short(string id) => id.StartsWith(Prefix, StringComparison.Ordinal) ? "c" + id.Substring(Prefix.Length).TrimStart('0') : id;

    public static string Made(string file) => Repository.Data("correlations", file);
}
