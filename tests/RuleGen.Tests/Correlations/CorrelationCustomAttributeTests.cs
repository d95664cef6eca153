using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace RuleGen.Tests.Correlations;

/// <summary>
/// A correlation's top-level keys beyond the specification's are custom attributes, as in a Sigma rule (the rule
/// specification's "[arbitrary custom fields]"; the correlation JSON schema does not forbid additional properties;
/// pySigma keeps them). Hayabusa's correlations carry `ruletype: Hayabusa` (Data/newuser/sigma): refusing them was a bug.
/// A key that looks like a misspelt known key is still worth a warning.
/// </summary>
public class CorrelationCustomAttributeTests
{
    private const string Body = "    type: event_count\n    rules:\n        - failed_login\n    group-by:\n        - sourceIPAddress\n    timespan: 10m\n    condition:\n        gte: 3\n";

    private static InMemoryRuleFile With(string extra) => new("/repo/rules/mr_c.yml",
        $"title: Correlation (MADE)\nid: 6393e346-0000-4000-8000-0000000000c1\n{extra}correlation:\n{Body}level: high\n");

    [Fact]
    public void ACustomAttributeCompilesWithoutDiagnostic()
    {
        var result = GeneratorHarness.Run(CorrelationDiagnosticTests.FailedLogin(), With("ruletype: Hayabusa\nx-owner:\n    team: soc\n"));
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error || d.Id.StartsWith("RG01", System.StringComparison.Ordinal));
        Assert.Contains(GeneratorHarness.Load(result).Rules, r => r.Stateful is Runtime.Correlations.CorrelationSpec);
    }

    [Fact]
    public void AMisspeltKnownKeyIsAWarningAtItsLineThatNamesTheKey()
    {
        var result = GeneratorHarness.Run(CorrelationDiagnosticTests.FailedLogin(), With("descripton: typo\n"));
        Diagnostic warning = Assert.Single(result.GeneratorDiagnostics, d => d.Id.StartsWith("RG01", System.StringComparison.Ordinal));
        Assert.Equal(("RG0109", DiagnosticSeverity.Warning, 3), (warning.Id, warning.Severity, warning.Location.GetLineSpan().StartLinePosition.Line + 1));
        Assert.Contains("did you mean 'description'?", warning.GetMessage());
        Assert.Contains(GeneratorHarness.Load(result).Rules, r => r.Stateful is Runtime.Correlations.CorrelationSpec);
    }
}
