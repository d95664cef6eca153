using System.Linq;
using Microsoft.CodeAnalysis;
using RuleGen.Runtime;
using Xunit;

namespace RuleGen.Tests.SigmaCollections;

/// <summary>
/// A tests file beside a Sigma collection (X.tests.yml for X.yml) tests one rule: the one its <c>rule</c> key names
/// by id or title, else the file's first rule (docs/rule-format.md, "Tests files").
/// </summary>
public class SigmaCollectionSidecarTests
{
    private const string Examples =
        "tests:\n" +
        "  - name: 'MADE: a successful console login'\n" +
        "    expect: match\n" +
        "    event: {eventVersion: '1.09', eventSource: signin.amazonaws.com, eventName: ConsoleLogin, responseElements: {ConsoleLogin: Success}, eventTime: '2024-05-01T10:20:00Z'}\n" +
        "  - name: 'MADE: a failed console login'\n" +
        "    expect: no_match\n" +
        "    event: {eventVersion: '1.09', eventSource: signin.amazonaws.com, eventName: ConsoleLogin, responseElements: {ConsoleLogin: Failure}, eventTime: '2024-05-01T10:00:00Z'}\n";

    private static GeneratorHarness.Result Run(string sidecar) => GeneratorHarness.Run(
        new InMemoryRuleFile("/repo/rules/md_collection.yml", SigmaCollectionTests.Collection),
        new InMemoryRuleFile("/repo/rules/md_collection.tests.yml", sidecar));

    [Theory]
    [InlineData("rule: 0c9d5a6e-0000-4000-8000-0000000000d2\n")]
    [InlineData("rule: MD console login succeeded (MADE)\n")]
    public void ATestsFileNamesItsRuleByIdOrTitle(string rule)
    {
        var run = Run(rule + Examples);
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var rules = GeneratorHarness.Load(run).Rules;
        CompiledRule tested = Assert.Single(rules, r => r.Metadata.Tests.Count > 0);
        Assert.Equal("0c9d5a6e-0000-4000-8000-0000000000d2", tested.Metadata.RuleId);
        Assert.All(RuleTester.Run(tested), r => Assert.True(r.Passed, r.Test.Name + ": " + r.Detail));
    }

    [Fact]
    public void WithoutRuleTheExamplesAreTheFirstRules()
    {
        var run = Run(Examples);
        CompiledRule tested = Assert.Single(GeneratorHarness.Load(run).Rules, r => r.Metadata.Tests.Count > 0);
        Assert.Equal("0c9d5a6e-0000-4000-8000-0000000000d1", tested.Metadata.RuleId);
        // The failed-login rule fails both examples: the tests run against the rule they are attached to.
        Assert.All(RuleTester.Run(tested), r => Assert.False(r.Passed));
    }

    [Fact]
    public void ARuleKeyThatNamesNoRuleOfTheFileIsLocated()
    {
        var run = Run("rule: no such rule\n" + Examples);
        Diagnostic d = Assert.Single(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Contains("'rule: no such rule' names no rule", d.GetMessage(), System.StringComparison.Ordinal);
        Assert.EndsWith("md_collection.tests.yml", d.Location.GetLineSpan().Path, System.StringComparison.Ordinal);
    }
}
