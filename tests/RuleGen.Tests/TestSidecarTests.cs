using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using RuleGen.Runtime;
using Xunit;

namespace RuleGen.Tests;

/// <summary>
/// Tests files (X.tests.yml beside X.yml): their examples run as the rule's own <c>tests</c> would, for a rule of any
/// language; a tests file without its rule, with keys other than <c>tests</c>, or beside a rule that has its own
/// <c>tests</c> is a located error at the tests file.
/// </summary>
public class TestSidecarTests
{
    private const string Sigma = """
        title: Sidecar probe
        id: 5f0e1a2b-0000-4000-8000-0000000000aa
        status: test
        description: A Sigma rule whose file stays unchanged.
        author: RuleGen tests
        logsource:
          product: aws
          service: cloudtrail
        detection:
          selection:
            eventName: DeleteTrail
          condition: selection
        level: medium

        """;

    private const string Examples = """
        tests:
          - name: "MADE: a trail deleted"
            expect: match
            event: {eventVersion: "1.08", eventSource: cloudtrail.amazonaws.com, eventName: DeleteTrail, eventTime: "2024-01-01T00:00:00Z"}
          - name: "MADE: a trail stopped"
            expect: no_match
            event: {eventVersion: "1.08", eventSource: cloudtrail.amazonaws.com, eventName: StopLogging, eventTime: "2024-01-01T00:00:00Z"}

        """;

    private static GeneratorHarness.Result Run(params InMemoryRuleFile[] files) => GeneratorHarness.Run(files);

    private static Diagnostic[] Errors(GeneratorHarness.Result run) =>
        run.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();

    [Theory]
    [InlineData("/repo/rules/probe.yml", "/repo/rules/probe.tests.yml")]
    [InlineData("/repo/rules/sub/probe.yaml", "/repo/rules/sub/probe.tests.yaml")]
    public void A_tests_file_gives_a_Sigma_rule_its_examples_and_they_run(string rule, string sidecar)
    {
        var run = Run(new InMemoryRuleFile(rule, Sigma), new InMemoryRuleFile(sidecar, Examples));
        Assert.Empty(Errors(run));
        CompiledRule compiled = Assert.Single(GeneratorHarness.Load(run).Rules);
        Assert.Equal(new[] { "MADE: a trail deleted", "MADE: a trail stopped" }, compiled.Metadata.Tests.Select(t => t.Name));
        Assert.All(RuleTester.Run(compiled), r => Assert.True(r.Passed, r.Test.Name + ": " + r.Detail));
    }

    [Fact]
    public void A_tests_file_works_for_an_ES_QL_rule_and_a_failing_example_fails()
    {
        string rule = RuleYaml.With("from logs-*\n| where event.action == \"A\"", name: "Esql probe", id: "esql-probe");
        const string examples = "tests:\n  - name: wrong on purpose\n    expect: no_match\n    event: {event: {action: A}}\n";
        var run = Run(new InMemoryRuleFile("/repo/rules/esql.yml", rule), new InMemoryRuleFile("/repo/rules/esql.tests.yml", examples));
        Assert.Empty(Errors(run));
        RuleTestResult result = Assert.Single(RuleTester.Run(Assert.Single(GeneratorHarness.Load(run).Rules)));
        Assert.False(result.Passed);
    }

    [Fact]
    public void A_tests_file_without_its_rule_is_an_error_at_its_tests_key()
    {
        var run = Run(new InMemoryRuleFile("/repo/rules/probe.yml", Sigma), new InMemoryRuleFile("/repo/rules/probe2.tests.yml", "# examples\n" + Examples));
        Diagnostic error = Assert.Single(Errors(run));
        Assert.Equal("RG0013", error.Id);
        Assert.Equal("/repo/rules/probe2.tests.yml", error.Location.GetLineSpan().Path);
        Assert.Equal(1, error.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains("probe2.yml", error.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_other_than_tests_is_an_error_at_the_key()
    {
        var run = Run(new InMemoryRuleFile("/repo/rules/probe.yml", Sigma), new InMemoryRuleFile("/repo/rules/probe.tests.yml", Examples + "level: high\n"));
        Diagnostic error = Assert.Single(Errors(run));
        Assert.Equal("RG0003", error.Id);
        Assert.Equal(7, error.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains("only 'tests'", error.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_tests_file_without_tests_is_an_error()
    {
        var run = Run(new InMemoryRuleFile("/repo/rules/probe.yml", Sigma), new InMemoryRuleFile("/repo/rules/probe.tests.yml", "test:\n  - name: x\n"));
        Assert.Equal(new[] { "RG0003", "RG0013" }, Errors(run).Select(e => e.Id).OrderBy(i => i));
        Assert.All(Errors(run), e => Assert.Equal("/repo/rules/probe.tests.yml", e.Location.GetLineSpan().Path));
    }

    [Fact]
    public void A_bad_example_in_a_tests_file_is_located_in_the_tests_file()
    {
        string bad = Examples.Replace("expect: no_match", "expect: maybe", StringComparison.Ordinal);
        var run = Run(new InMemoryRuleFile("/repo/rules/probe.yml", Sigma), new InMemoryRuleFile("/repo/rules/probe.tests.yml", bad));
        Diagnostic error = Assert.Single(Errors(run));
        Assert.Equal("RG0013", error.Id);
        Assert.Equal((RuleYaml.PositionOf(bad, "maybe").Line - 1), error.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void A_rule_with_its_own_tests_and_a_tests_file_is_an_error()
    {
        string rule = RuleYaml.With("from logs-*\n| where event.action == \"A\"", name: "Both", id: "both") +
            "tests:\n  - name: own\n    expect: match\n    event: {event: {action: A}}\n";
        const string examples = "tests:\n  - name: sidecar\n    expect: match\n    event: {event: {action: A}}\n";
        var run = Run(new InMemoryRuleFile("/repo/rules/both.yml", rule), new InMemoryRuleFile("/repo/rules/both.tests.yml", examples));
        Diagnostic error = Assert.Single(Errors(run));
        Assert.Equal("RG0013", error.Id);
        Assert.Equal("/repo/rules/both.tests.yml", error.Location.GetLineSpan().Path);
        Assert.Contains("its own 'tests'", error.GetMessage(), StringComparison.Ordinal);
    }
}
