using System.Linq;
using Microsoft.CodeAnalysis;
using RuleGen.Runtime;
using RuleGen.Runtime.Sequences;
using Xunit;
using static RuleGen.Tests.Sequences.SequenceRules;

namespace RuleGen.Tests.Sequences;

/// <summary>
/// A sequence rule compiles into one generated class: Evaluate is the OR of the stages (the per-event filter), StageMask
/// tests each written stage under its query text, Stateful is the SequenceSpec (keys, runs, until, maxspan, ordering
/// fields), the event copies keep every column; and the shape errors and the look-back warning are located.
/// </summary>
public class SequenceCompileTests
{
    private static string Source(string className) =>
        string.Join("\n", Compiled.Run.Results.Single().GeneratedSources.Where(s => s.HintName.StartsWith(className)).Select(s => s.SourceText.ToString()));

    [Fact]
    public void TheMadeRuleCompilesIntoOneClassWithEachStageUnderItsQueryText()
    {
        Assert.DoesNotContain(Compiled.Run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        string source = Source("ExfiltrationAfterLoginMade");
        Assert.Contains("public override ulong StageMask(global::RuleGen.Runtime.EventView e)", source);
        Assert.Contains("// stage 2: [any where event.action == \"Download\"] by source.ip with runs=2", source);
        Assert.Contains("// until: [any where event.action == \"Logout\"] by source.ip", source);
        Assert.Contains(").IsTrue) mask |= 1UL << 3;", source);
        Assert.Contains("new global::RuleGen.Runtime.Sequences.SequenceJoinKey(\"source.ip\", true)", source);

        CompiledRule rule = Rule(ExfilId);
        var spec = Assert.IsType<SequenceSpec>(rule.Stateful);
        Assert.Equal(new[] { 1, 2, 1 }, spec.Stages.Select(s => s.Runs));
        Assert.Equal(new[] { 0, 1, 1, 2 }, spec.ExpandedStages);
        Assert.Equal(new[] { "user.name", "source.ip" }, spec.KeyFields);
        Assert.Equal(new[] { false, true }, spec.Stages[2].Keys.Select(k => k.Optional));
        Assert.NotNull(spec.Until);
        Assert.Equal(300_000, spec.MaxSpanMs);
        Assert.Equal("@timestamp", spec.TimestampField);
        Assert.Equal(new[] { "*" }, rule.Keep);
    }

    [Fact]
    public void TheStageMaskSaysWhichStagesAnEventMatches()
    {
        RuleGen.Runtime.RuleSet rules = Only(ExfilId);
        ulong Mask(string json)
        {
            ulong mask = 0;
            new Scanner(rules).ScanDocument(System.Text.Encoding.UTF8.GetBytes(json), new DocumentPosition("made", 1), InputFormat.NdJson, m => mask = m.StageMask, p => Assert.Fail(p));
            return mask;
        }
        Assert.Equal(1UL, Mask("""{"event.action":"Login","user.name":"u"}"""));
        Assert.Equal(2UL, Mask("""{"event.action":"Download","user.name":"u"}"""));
        Assert.Equal(4UL, Mask("""{"event.action":"Upload","user.name":"u"}"""));
        Assert.Equal(8UL, Mask("""{"event.action":"Logout","user.name":"u"}"""));
        Assert.Equal(0UL, Mask("""{"event.action":"Other","user.name":"u"}"""));
    }

    [Fact]
    public void AMaxspanLongerThanTheLookBackIsAWarningAtWithMaxspan()
    {
        Diagnostic warning = Assert.Single(Compiled.Run.Diagnostics, d => d.Id == "RG0096");
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Contains("maxspan=1h is longer than the rule's look-back (10m)", warning.GetMessage());
        Assert.EndsWith("lookback.yml", warning.Location.GetLineSpan().Path);
        var (line, column) = RuleYaml.PositionOf(LookBackYaml, "with maxspan=1h");
        Assert.Equal((line, column), (warning.Location.GetLineSpan().StartLinePosition.Line + 1, warning.Location.GetLineSpan().StartLinePosition.Character + 1));
    }

    private static Diagnostic[] Errors(string query)
    {
        string yaml = "language: eql\ntype: eql\n" + RuleYaml.With(query);
        return GeneratorHarness.Run(new InMemoryRuleFile("/repo/rules/r.yml", yaml)).GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
    }

    [Fact]
    public void ShapeErrorsAreLocatedAtTheStage()
    {
        string query = """
            sequence by user.name
              [any where event.action == "Login"] by source.ip
              [any where event.action == "Upload"]
            """;
        Diagnostic keys = Assert.Single(Errors(query));
        Assert.Equal("RG0095", keys.Id);
        Assert.Contains("same number of join keys", keys.GetMessage());
        Assert.Equal(RuleYaml.PositionOf(RuleYaml.With(query), "[any where event.action == \"Upload\"]").Line + 2, keys.Location.GetLineSpan().StartLinePosition.Line + 1);

        Diagnostic one = Assert.Single(Errors("sequence [any where event.action == \"Login\"]"));
        Assert.Equal("RG0095", one.Id);
        Assert.Contains("at least two stages", one.GetMessage());
        Assert.Empty(Errors("sequence [any where event.action == \"Login\"] with runs=2"));
        Diagnostic many = Assert.Single(Errors("sequence [any where true] with runs=100 [any where true] with runs=100 [any where true] with runs=57"));
        Assert.Contains("257 stages", many.GetMessage());
    }

    [Fact]
    public void AMissingEventStageIsNotSupportedYetAtItsBang()
    {
        string query = """
            sequence by user.name with maxspan=5m
              [any where event.action == "Login"]
              ![any where event.action == "Logout"]
              [any where event.action == "Upload"]
            """;
        Diagnostic missing = Assert.Single(Errors(query));
        Assert.Equal("RG0023", missing.Id);
        Assert.StartsWith("A missing-event stage", missing.GetMessage());
        var (line, column) = RuleYaml.PositionOf(RuleYaml.With(query), "![");
        Assert.Equal((line + 2, column), (missing.Location.GetLineSpan().StartLinePosition.Line + 1, missing.Location.GetLineSpan().StartLinePosition.Character + 1));
    }
}
