using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using RuleGen.Cli;
using RuleGen.Runtime;
using RuleSet = RuleGen.Runtime.RuleSet;
using RuleGen.Runtime.Windows;
using Xunit;

namespace RuleGen.Tests.NewUser;

/// <summary>
/// Elastic rules from outside the AWS pack (Okta, Kubernetes, Linux), as `rulegen import elastic` converts them
/// (Data/newuser/elastic, MANIFEST.txt there), compiled by the generator as a user's rule set would be.
/// </summary>
/// <summary>What a test states by hand of an alert: rule, tick, kind (shell, block, alert), original time and the kind's values.</summary>
internal static class NewUserAlerts
{
    private static string Str(JsonElement a, string name) => a.TryGetProperty(name, out JsonElement v) ? v.ToString() : "-";

    public static string Brief(JsonElement a)
    {
        string kind = a.TryGetProperty("kibana.alert.building_block_type", out _) ? "block"
            : a.TryGetProperty("kibana.alert.group.id", out _) ? "shell" : "alert";
        string values = a.TryGetProperty("kibana.alert.threshold_result", out JsonElement t)
                ? "count=" + t.GetProperty("count") + " terms=" + string.Join(",", t.GetProperty("terms").EnumerateArray().Select(x => x.GetProperty("value").ToString()))
            : a.TryGetProperty("kibana.alert.new_terms", out JsonElement n) ? "new=" + string.Join(",", n.EnumerateArray().Select(x => x.ToString())) + " doc=" + Str(a, "event.id")
            : a.TryGetProperty("rulegen.correlation", out JsonElement c)
                ? "group=" + string.Join(",", c.GetProperty("group").EnumerateArray().Select(g => g.GetProperty("value").ToString())) + " value=" + c.GetProperty("value")
            : "doc=" + Str(a, "event.id");
        return $"{Str(a, "kibana.alert.rule.name")} @{Str(a, "@timestamp")} {kind} orig={Str(a, "kibana.alert.original_time")} {values}";
    }
}

internal static class NewUserRules
{
    public const string Namespace = "NewUser.Rules";

    public static IEnumerable<InMemoryRuleFile> Files() => GeneratorHarness.RepositoryFields().Concat(
        Directory.GetFiles(Repository.Data("newuser", "rules"), "*.yml").OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => new InMemoryRuleFile("/repo/rules/" + Path.GetFileName(f), File.ReadAllText(f))));

    private static readonly Lazy<GeneratorHarness.Result> s_result = new(() => GeneratorHarness.Run(Files(), Namespace));

    public static GeneratorHarness.Result Result => s_result.Value;

    /// <summary>The Hayabusa correlation and its base rule, split into one file each (Data/newuser/sigma-split).</summary>
    public static GeneratorHarness.Result SigmaResult(string folder) => GeneratorHarness.Run(GeneratorHarness.RepositoryFields().Concat(
        Directory.GetFiles(Repository.Data("newuser", folder), "*.yml").OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => new InMemoryRuleFile("/repo/rules/" + folder + "/" + Path.GetFileName(f), File.ReadAllText(f)))), "NewUser" + folder.Replace("-", ""));

    private static readonly Lazy<RuleSet> s_rules = new(() => GeneratorHarness.Load(Result, Namespace));

    public static RuleSet Rules => s_rules.Value;

    public static (JsonElement[] Alerts, string Summary) Scan(params string[] madeFiles) => Scan(Rules, madeFiles);

    public static (JsonElement[] Alerts, string Summary) Scan(RuleSet rules, params string[] madeFiles)
    {
        return InProcessScan.Run(madeFiles.Select(f => Repository.Data("newuser", f)).ToArray(), rules);
    }
}

public class NewUserCompileTests
{
    [Fact]
    public void EveryImportedRuleCompilesWithoutErrors()
    {
        Diagnostic[] errors = NewUserRules.Result.Run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.True(errors.Length == 0, string.Join("\n", errors.Select(e => e.ToString())));
        Assert.Equal(new[] { "new_terms", "new_terms", "sequence", "sequence", "sequence", "threshold", "threshold" },
            NewUserRules.Rules.Rules.Select(r => r.Stateful?.Kind ?? "none").OrderBy(k => k, StringComparer.Ordinal));
    }
}
