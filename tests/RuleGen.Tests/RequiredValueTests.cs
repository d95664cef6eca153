using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace RuleGen.Tests;

/// <summary>Issue 7: a required key that is there but empty (null, "", blank) is an error at it, not an accepted rule.</summary>
public class RequiredValueTests
{
    private const string Query = "from logs-*\n| where event.action == \"A\"";

    [Theory]
    [InlineData("name: Test rule", "name: null", "null")]
    [InlineData("name: Test rule", "name: ~", "~")]
    [InlineData("name: Test rule", "name: \"\"", "\"\"")]
    [InlineData("name: Test rule", "name: '   '", "'   '")]
    [InlineData("name: Test rule", "name:", "name")]
    [InlineData("rule_id: 11111111-2222-3333-4444-555555555555", "rule_id: NULL", "NULL")]
    [InlineData("rule_id: 11111111-2222-3333-4444-555555555555", "rule_id: ''", "''")]
    [InlineData("description: A rule for tests.", "description: \" \\t \"", "\" \\t \"")]
    [InlineData("description: A rule for tests.", "description:", "description")]
    [InlineData("severity: high", "severity: null", "null")]
    [InlineData("risk_score: 73", "risk_score: ~", "~")]
    public void AnEmptyRequiredValueIsAnErrorAtIt(string replace, string by, string at)
    {
        string yaml = RuleYaml.With(Query, replace, by);
        var result = GeneratorHarness.Run(new InMemoryRuleFile("/repo/rules/bad.yml", yaml));
        Diagnostic d = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal(("RG0005", DiagnosticSeverity.Error), (d.Id, d.Severity));
        Assert.Contains("non-empty", d.GetMessage(), System.StringComparison.Ordinal);
        var span = d.Location.GetLineSpan();
        Assert.Equal(RuleYaml.PositionOf(yaml, at), (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
        Assert.Single(result.Run.Results.Single().GeneratedSources); // only the (empty) rule set
    }

    [Fact]
    public void AQueryOfNullIsAnErrorNotASyntaxError()
    {
        string yaml = RuleYaml.With(Query).Replace("query: |\n  from logs-*\n  | where event.action == \"A\"", "query: null");
        Diagnostic d = Assert.Single(GeneratorHarness.Run(new InMemoryRuleFile("/repo/rules/bad.yml", yaml)).GeneratorDiagnostics);
        Assert.Equal("RG0005", d.Id);
    }
}
