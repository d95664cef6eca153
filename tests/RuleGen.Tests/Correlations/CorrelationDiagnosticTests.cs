using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace RuleGen.Tests.Correlations;

/// <summary>Every mistake in a correlation rule is a diagnostic at its line (1-based) in its file; a good one has none.</summary>
public class CorrelationDiagnosticTests
{
    internal static InMemoryRuleFile FailedLogin(string name = "failed_login", string id = "6393e346-0000-4000-8000-000000000001") => new("/repo/rules/failed.yml",
        $"title: Failed login (MADE)\nid: {id}\nname: {name}\nlogsource:\n    product: aws\n    service: cloudtrail\n" +
        "detection:\n    selection:\n        eventName: ConsoleLogin\n        errorMessage: Failed authentication\n    condition: selection\nlevel: low\n");

    internal static InMemoryRuleFile Success() => new("/repo/rules/success.yml",
        "title: Login (MADE)\nid: 6393e346-0000-4000-8000-000000000002\nname: successful_login\nlogsource:\n    product: aws\n    service: cloudtrail\n" +
        "detection:\n    selection:\n        eventName: ConsoleLogin\n        responseElements.ConsoleLogin: Success\n    condition: selection\nlevel: low\n");

    internal static InMemoryRuleFile Correlation(string body, string path = "/repo/rules/mr_c.yml", string id = "6393e346-0000-4000-8000-0000000000c1", string name = "many_failed") =>
        new(path, $"title: Correlation (MADE)\nid: {id}\nname: {name}\ncorrelation:\n{body}level: high\n");

    private const string Good = "    type: event_count\n    rules:\n        - failed_login\n    group-by:\n        - sourceIPAddress\n    timespan: 10m\n    condition:\n        gte: 3\n";

    /// <summary>(id, file name, line) of every RG01xx diagnostic.</summary>
    private static List<string> Diagnostics(params InMemoryRuleFile[] files) =>
        GeneratorHarness.Run(files).GeneratorDiagnostics.Where(d => d.Id.StartsWith("RG01", System.StringComparison.Ordinal))
            .Select(d => $"{d.Id} {System.IO.Path.GetFileName(d.Location.GetLineSpan().Path)}:{d.Location.GetLineSpan().StartLinePosition.Line + 1}")
            .OrderBy(s => s, System.StringComparer.Ordinal).ToList();

    [Fact]
    public void AGoodCorrelationHasNoDiagnosticAndCompiles()
    {
        var result = GeneratorHarness.Run(FailedLogin(), Correlation(Good));
        Assert.Empty(result.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error || d.Id.StartsWith("RG01", System.StringComparison.Ordinal)));
        var rules = GeneratorHarness.Load(result);
        Assert.Contains(rules.Rules, r => r.Stateful is Runtime.Correlations.CorrelationSpec { Type: Runtime.Correlations.CorrelationType.EventCount });
    }

    [Theory]
    // Line 4 is "correlation:", so the body's first line is 5.
    [InlineData("    type: event_counts\n    rules: [failed_login]\n    group-by: [ip]\n    timespan: 10m\n    condition: {gte: 3}\n", "RG0101 mr_c.yml:5")]
    [InlineData("    type: event_count\n    rules: [failed_login]\n    group-by: [ip]\n    timespan: 1h30m\n    condition: {gte: 3}\n", "RG0102 mr_c.yml:8")]
    [InlineData("    type: event_count\n    rules: [failed_login]\n    group-by: [ip]\n    timespan: 10M\n    condition: {gte: 3}\n", "RG0102 mr_c.yml:8")]
    [InlineData("    type: event_count\n    rules: [failed_login]\n    group-by: [ip]\n    timespan: 10m\n    condition:\n        gte: many\n", "RG0103 mr_c.yml:10")]
    [InlineData("    type: event_count\n    rules: [failed_login]\n    group-by: [ip]\n    timespan: 10m\n    condition:\n        greater: 3\n", "RG0103 mr_c.yml:10")]
    [InlineData("    type: event_count\n    rules: [failed_login]\n    group-by: [ip]\n    timespan: 10m\n    condition:\n        gt: 5\n        lt: 3\n", "RG0103 mr_c.yml:10")]
    [InlineData("    type: event_count\n    rules: [failed_login]\n    group-by: [ip]\n    timespan: 10m\n", "RG0103 mr_c.yml:5")]
    [InlineData("    type: temporal\n    rules: [failed_login, successful_login]\n    group-by: [ip]\n    timespan: 10m\n    condition: {gte: 3}\n", "RG0103 mr_c.yml:9")]
    [InlineData("    type: value_count\n    rules: [failed_login]\n    group-by: [ip]\n    timespan: 10m\n    condition:\n        gte: 3\n", "RG0104 mr_c.yml:10")]
    [InlineData("    type: value_sum\n    rules: [failed_login]\n    group-by: [ip]\n    timespan: 10m\n    condition:\n        gte: 3\n", "RG0104 mr_c.yml:10")]
    [InlineData("    type: event_count\n    rules:\n        - faild_login\n    group-by: [ip]\n    timespan: 10m\n    condition: {gte: 3}\n", "RG0105 mr_c.yml:7")]
    [InlineData("    type: temporal\n    rules: [failed_login, successful_login]\n    group-by: [ip]\n    timespan: 10m\n    aliases:\n        ip:\n            failed_login: sourceIPAddress\n            succesful_login: sourceIPAddress\n", "RG0107 mr_c.yml:12")]
    [InlineData("    type: event_count\n    rules: [failed_login]\n    timespan: 10m\n    condition: {gte: 3}\n", "RG0108 mr_c.yml:5")]
    [InlineData("    type: event_count\n    rules: [failed_login]\n    group-by: [ip]\n    timespan: 10m\n    condition:\n        field: userName\n        gte: 3\n", "RG0109 mr_c.yml:10")]
    [InlineData("    type: event_count\n    rulez: [failed_login]\n    rules: [failed_login]\n    group-by: [ip]\n    timespan: 10m\n    condition: {gte: 3}\n", "RG0100 mr_c.yml:6")]
    [InlineData("    type: event_count\n    rules: [failed_login, failed_login]\n    group-by: [ip]\n    timespan: 10m\n    condition: {gte: 3}\n", "RG0100 mr_c.yml:6")]
    public void EachMistakeIsReportedAtItsLine(string body, string expected)
    {
        List<string> diagnostics = Diagnostics(FailedLogin(), Success(), Correlation(body));
        Assert.True(diagnostics.Contains(expected), string.Join("\n", diagnostics));
    }

    [Fact]
    public void UnknownReferenceSuggestsTheClosestIdOrName()
    {
        var result = GeneratorHarness.Run(FailedLogin(), Correlation(Good.Replace("- failed_login", "- failed_logn")));
        Diagnostic d = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "RG0105");
        Assert.Contains("did you mean 'failed_login'?", d.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void ACorrelationWithoutAnIdIsAnError()
    {
        var file = new InMemoryRuleFile("/repo/rules/mr_c.yml", "title: No id (MADE)\ncorrelation:\n" + Good);
        Assert.Contains("RG0100 mr_c.yml:1", Diagnostics(FailedLogin(), file));
    }

    [Fact]
    public void ACycleIsReportedOnceAtTheReferenceThatClosesIt()
    {
        string Chain(string target) => $"    type: event_count\n    rules:\n        - {target}\n    group-by: [sourceIPAddress]\n    timespan: 10m\n    condition: {{gte: 1}}\n";
        var a = Correlation(Chain("b"), "/repo/rules/mr_a.yml", "6393e346-0000-4000-8000-00000000000a", "a");
        var b = Correlation(Chain("a"), "/repo/rules/mr_b.yml", "6393e346-0000-4000-8000-00000000000b", "b");
        var result = GeneratorHarness.Run(FailedLogin(), a, b);
        Diagnostic cycle = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "RG0106");
        Assert.Equal(7, cycle.Location.GetLineSpan().StartLinePosition.Line + 1);
        Assert.Contains("→", cycle.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void AReferenceToAnotherFilesRuleByIdResolvesAcrossFolders()
    {
        var rule = FailedLogin();
        var correlation = Correlation(Good.Replace("- failed_login", "- 6393e346-0000-4000-8000-000000000001"), "/repo/other/mr_c.yml");
        Assert.Empty(Diagnostics(rule, correlation));
    }
}
