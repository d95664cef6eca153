using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RuleGen.Generator.Diagnostics;
using Xunit;

namespace RuleGen.Tests;

/// <summary>
/// Errors cannot be configured away: a rule with an error is not compiled, so an error turned into nothing (or a
/// warning) would drop the rule and leave the build green. Warnings stay the project's to raise or silence. The
/// severities come from a real .globalconfig parsed by Roslyn, as a build passes it, or from NoWarn.
/// </summary>
public class SeverityConfigTests
{
    private const string Good = "from logs-aws.cloudtrail-*\n| where event.action == \"CreateLoginProfile\"";

    /// <summary>One broken rule (or pair of rules) per error id, each reported by a different part of the generator.</summary>
    public static IEnumerable<object[]> Errors()
    {
        var cases = new (string Id, string Yaml, string? Second)[]
        {
            ("RG0003", RuleYaml.With(Good, "risk_score: 73", "risk_score: 73\nseverty: high"), null),
            ("RG0006", RuleYaml.With(Good, "severity: high", "severity: urgent"), null),
            ("RG0020", RuleYaml.With("from logs-aws.cloudtrail-*\n| where event.action = \"x\""), null),
            ("RG0050", RuleYaml.With("from logs-aws.cloudtrail-*\n| where event.acton == \"x\""), null),
            ("RG0042", RuleYaml.With(Good, name: "One"), RuleYaml.With(Good, name: "Two")),
        };
        foreach (var (id, yaml, second) in cases)
        {
            foreach (string severity in new[] { "none", "silent", "suggestion", "warning" })
            {
                yield return new object[] { id, severity, yaml, second ?? string.Empty };
            }
        }
    }

    [Theory]
    [MemberData(nameof(Errors))]
    public void AnErrorSetToALowerSeverityInAGlobalConfigIsStillAnError(string id, string severity, string yaml, string second)
    {
        var files = new List<InMemoryRuleFile> { new("/repo/rules/bad.yml", yaml) };
        if (second.Length > 0) files.Add(new InMemoryRuleFile("/repo/rules/bad2.yml", second));
        string config = $"is_global = true\ndotnet_diagnostic.{id}.severity = {severity}\n";

        var result = GeneratorHarness.Run(files, "Test.Rules", o => GeneratorHarness.WithGlobalConfig(o, config));

        Diagnostic error = result.GeneratorDiagnostics.First(d => d.Id == id);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.False(error.IsSuppressed);
        Assert.Equal("/repo/rules/bad.yml", error.Location.GetLineSpan().Path);
        // The rule is still not compiled: the build fails, and says why.
        Assert.DoesNotContain(result.Run.Results.Single().GeneratedSources, s => s.HintName.StartsWith("TestRule", StringComparison.Ordinal));
    }

    [Fact]
    public void AnErrorInNoWarnIsStillAnError()
    {
        var result = GeneratorHarness.Run(new[] { new InMemoryRuleFile("/repo/rules/bad.yml", RuleYaml.With(Good, "severity: high", "severity: urgent")) }, "Test.Rules",
            o => o.WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["RG0006"] = ReportDiagnostic.Suppress }));
        Assert.Equal(DiagnosticSeverity.Error, Assert.Single(result.GeneratorDiagnostics, d => d.Id == "RG0006").Severity);
    }

    // risk_score 99 is outside the high band: warning RG0040.
    private static GeneratorHarness.Result Warned(string? config)
    {
        var file = new InMemoryRuleFile("/repo/rules/warn.yml", RuleYaml.With(Good, "risk_score: 73", "risk_score: 99"));
        return config is null
            ? GeneratorHarness.Run(new[] { file }, "Test.Rules")
            : GeneratorHarness.Run(new[] { file }, "Test.Rules", o => GeneratorHarness.WithGlobalConfig(o, "is_global = true\n" + config));
    }

    [Fact]
    public void AWarningIsAWarningByDefault()
    {
        Assert.Equal(DiagnosticSeverity.Warning, Assert.Single(Warned(null).GeneratorDiagnostics).Severity);
        Assert.Contains(Warned(null).Run.Results.Single().GeneratedSources, s => s.HintName.StartsWith("TestRule", StringComparison.Ordinal));
    }

    [Fact]
    public void AWarningSetToNoneDisappears()
    {
        var result = Warned("dotnet_diagnostic.RG0040.severity = none\n");
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Contains(result.Run.Results.Single().GeneratedSources, s => s.HintName.StartsWith("TestRule", StringComparison.Ordinal));
    }

    [Fact]
    public void AWarningSetToErrorBecomesAnError()
    {
        Diagnostic d = Assert.Single(Warned("dotnet_diagnostic.RG0040.severity = error\n").GeneratorDiagnostics);
        Assert.Equal(("RG0040", DiagnosticSeverity.Error), (d.Id, d.Severity));
    }

    [Fact]
    public void AWarningSetToSuggestionIsInformation() =>
        Assert.Equal(DiagnosticSeverity.Info, Assert.Single(Warned("dotnet_diagnostic.RG0040.severity = suggestion\n").GeneratorDiagnostics).Severity);

    [Fact]
    public void EveryErrorIsNotConfigurableAndEveryWarningIs()
    {
        foreach (DiagnosticDescriptor descriptor in DiagnosticCatalog.All)
        {
            bool fixedSeverity = descriptor.CustomTags.Contains(WellKnownDiagnosticTags.NotConfigurable);
            Assert.True(fixedSeverity == (descriptor.DefaultSeverity == DiagnosticSeverity.Error), $"{descriptor.Id} ({descriptor.DefaultSeverity}) NotConfigurable={fixedSeverity}");
        }
    }
}
