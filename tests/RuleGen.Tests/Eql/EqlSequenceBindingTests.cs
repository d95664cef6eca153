using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace RuleGen.Tests.Eql;

/// <summary>
/// A sequence's stages are bound like single-event queries: a mistake inside a stage, the until stage or a join key is
/// reported at its own line and column in the same build, and a clean sequence compiles (Sequences/SequenceCompileTests).
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
        Assert.Equal(new[] { "RG0021", "RG0022" }, errors.Select(d => d.Id));
        Assert.Equal(RuleYaml.PositionOf(yaml, "lenght"), Start(errors[0]));
        // The until stage calls startsWith with one argument: RG0022 at the call, in the same build.
        Assert.Equal(RuleYaml.PositionOf(yaml, "startsWith"), Start(errors[1]));
    }

    [Fact]
    public void ACleanSequenceCompiles()
    {
        string yaml = CloudTrail + RuleYaml.With("""
            sequence by user.name with maxspan=5m
              [any where event.action == "ListFoundationModels"] by source.ip
              [any where event.action : ("InvokeModel", "Converse")] by source.ip
            """);
        var run = GeneratorHarness.Run(new InMemoryRuleFile("/repo/rules/r.yml", yaml));
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }
}
