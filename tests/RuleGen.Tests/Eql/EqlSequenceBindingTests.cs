using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace RuleGen.Tests.Eql;

/// <summary>
/// A sequence is not emitted yet (RG0023 at <c>sequence</c>), but its stages are bound: a mistake inside a stage,
/// the until stage or a join key is reported at its own line and column in the same build.
/// </summary>
public class EqlSequenceBindingTests
{
    private const string CloudTrail = "language: eql\ntype: eql\nindex:\n  - logs-aws.cloudtrail*\n";

    private static (int, int) Start(Diagnostic d) => (d.Location.GetLineSpan().StartLinePosition.Line + 1, d.Location.GetLineSpan().StartLinePosition.Character + 1);

    [Fact]
    public void MistakesInsideTheStagesAreReportedWhereTheyAre()
    {
        string yaml = CloudTrail + RuleYaml.With("""
            sequence by user.name with maxspan=5m
              [any where event.action == "ListFoundationModels"]
              [any where lenght(event.action) > 3]
            until [any where startsWith(event.action)]
            """);
        var run = GeneratorHarness.Run(new InMemoryRuleFile("/repo/rules/r.yml", yaml));
        var errors = run.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).OrderBy(Start).ToList();
        Assert.Equal(new[] { "RG0023", "RG0021" }, errors.Take(2).Select(d => d.Id));
        Assert.Equal(RuleYaml.PositionOf(yaml, "sequence"), Start(errors[0]));
        Assert.Equal(RuleYaml.PositionOf(yaml, "lenght"), Start(errors[1]));
        // The until stage calls startsWith with one argument: RG0022 at the call, in the same build.
        Assert.Equal(3, errors.Count);
        Assert.Equal("RG0022", errors[2].Id);
        Assert.Equal(RuleYaml.PositionOf(yaml, "startsWith"), Start(errors[2]));
    }

    [Fact]
    public void ACleanSequenceHasOnlyTheNotSupportedYet()
    {
        string yaml = CloudTrail + RuleYaml.With("""
            sequence by user.name with maxspan=5m
              [any where event.action == "ListFoundationModels"] by source.ip
              [any where event.action : ("InvokeModel", "Converse")] by source.ip
            """);
        var run = GeneratorHarness.Run(new InMemoryRuleFile("/repo/rules/r.yml", yaml));
        Diagnostic only = Assert.Single(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("RG0023", only.Id);
    }
}
