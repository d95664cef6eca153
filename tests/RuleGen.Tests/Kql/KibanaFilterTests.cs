using System;
using System.Linq;
using System.Text;
using RuleGen.Runtime;
using Xunit;

namespace RuleGen.Tests.Kql;

/// <summary>
/// Kibana filters of query and EQL rules: ANDed with the query, with the semantics of the KQL each filter pill stands
/// for (a match_phrase on a keyword is a term; negate is must_not, so it matches events without the field; a disabled
/// filter does nothing), and every problem at the filter's field in the rule file.
/// </summary>
public class KibanaFilterTests
{
    private const string Header = "language: kuery\ntype: query\nindex:\n  - logs-aws.cloudtrail-*\n";

    private static string Filters(params string[] filters) => "filters:\n" + string.Concat(filters.Select(f => f));

    private static string MatchPhrase(string field, string value, bool negate = false, bool disabled = false) =>
        $"  - meta: {{negate: {(negate ? "true" : "false")}, disabled: {(disabled ? "true" : "false")}}}\n    query:\n      match_phrase:\n        {field}: \"{value}\"\n";

    private static string Exists(string field, bool negate = false) =>
        $"  - meta: {{negate: {(negate ? "true" : "false")}}}\n    query:\n      exists:\n        field: {field}\n";

    private const string AnyOf =
        "  - meta: {negate: false}\n    query:\n      bool:\n        should:\n          - match_phrase: {cloud.region: us-east-1}\n          - match_phrase: {cloud.region: eu-west-1}\n        minimum_should_match: 1\n";

    private const string PortRange =
        "  - meta: {negate: false}\n    query:\n      range:\n        source.port: {gte: 1024, lt: 2048}\n";

    private static bool Fires(string rule, string json)
    {
        var run = GeneratorHarness.Run(new InMemoryRuleFile("/repo/rules/f.yml", rule));
        var errors = run.GeneratorDiagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var scanner = new Scanner(GeneratorHarness.Load(run, "Test.Rules"));
        bool fired = false;
        scanner.ScanDocument(Encoding.UTF8.GetBytes(json), new DocumentPosition("t", 1), InputFormat.NdJson, _ => fired = true, p => Assert.Fail(p));
        return fired;
    }

    private static string Rule(string filters) => Header + filters + RuleYaml.With("event.action:CreateUser");

    [Theory]
    [InlineData("""{"event":{"action":"CreateUser","outcome":"success"}}""", true)]
    [InlineData("""{"event":{"action":"CreateUser","outcome":"failure"}}""", false)]
    [InlineData("""{"event":{"action":"CreateUser"}}""", false)]
    [InlineData("""{"event":{"action":"CreateUser","outcome":["failure","success"]}}""", true)]
    [InlineData("""{"event":{"action":"DeleteUser","outcome":"success"}}""", false)]
    public void AMatchPhraseFilterIsATermANDedWithTheQuery(string json, bool fires) =>
        Assert.Equal(fires, Fires(Rule(Filters(MatchPhrase("event.outcome", "success"))), json));

    [Theory]
    [InlineData("""{"event":{"action":"CreateUser","outcome":"success"}}""", false)]
    [InlineData("""{"event":{"action":"CreateUser","outcome":"failure"}}""", true)]
    [InlineData("""{"event":{"action":"CreateUser"}}""", true)]
    public void ANegatedFilterIsMustNotAndMatchesEventsWithoutTheField(string json, bool fires) =>
        Assert.Equal(fires, Fires(Rule(Filters(MatchPhrase("event.outcome", "success", negate: true))), json));

    [Fact]
    public void ADisabledFilterDoesNothing() =>
        Assert.True(Fires(Rule(Filters(MatchPhrase("event.outcome", "success", disabled: true))), """{"event":{"action":"CreateUser","outcome":"failure"}}"""));

    [Theory]
    [InlineData("""{"event":{"action":"CreateUser"},"source":{"port":1500},"cloud":{"region":"eu-west-1"},"user_agent":{"original":"x"}}""", true)]
    [InlineData("""{"event":{"action":"CreateUser"},"source":{"port":2048},"cloud":{"region":"eu-west-1"},"user_agent":{"original":"x"}}""", false)]
    [InlineData("""{"event":{"action":"CreateUser"},"source":{"port":1024},"cloud":{"region":"ap-south-1"},"user_agent":{"original":"x"}}""", false)]
    [InlineData("""{"event":{"action":"CreateUser"},"source":{"port":1024},"cloud":{"region":"us-east-1"}}""", false)]
    public void RangeAnyOfAndExistsFiltersAreAllANDed(string json, bool fires) =>
        Assert.Equal(fires, Fires(Rule(Filters(PortRange, AnyOf, Exists("user_agent.original"))), json));

    [Fact]
    public void AnEqlRuleTakesFiltersToo()
    {
        string rule = "language: eql\ntype: eql\nindex:\n  - logs-aws.cloudtrail-*\n" + Filters(MatchPhrase("event.outcome", "success")) + RuleYaml.With("any where event.action == \"CreateUser\"");
        Assert.True(Fires(rule, """{"event":{"action":"CreateUser","outcome":"success"}}"""));
        Assert.False(Fires(rule, """{"event":{"action":"CreateUser","outcome":"failure"}}"""));
    }

    [Fact]
    public void AFilterOnAnUnknownFieldIsAnErrorAtTheField()
    {
        string rule = Rule(Filters(MatchPhrase("event.outcom", "success")));
        var d = GeneratorHarness.Run(new InMemoryRuleFile("/repo/rules/f.yml", rule)).GeneratorDiagnostics.Single(x => x.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        Assert.Equal("RG0050", d.Id);
        Assert.Contains("event.outcome", d.GetMessage(), StringComparison.Ordinal);
        var (line, column) = RuleYaml.PositionOf(rule, "event.outcom:");
        Assert.Equal((line, column), (d.Location.GetLineSpan().StartLinePosition.Line + 1, d.Location.GetLineSpan().StartLinePosition.Character + 1));
    }

    [Fact]
    public void AFilterValueOfTheWrongTypeIsAnErrorAtTheField()
    {
        string rule = Rule(Filters("  - meta: {negate: false}\n    query:\n      match_phrase:\n        source.port: \"abc\"\n"));
        var d = GeneratorHarness.Run(new InMemoryRuleFile("/repo/rules/f.yml", rule)).GeneratorDiagnostics.Single(x => x.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        Assert.Equal("RG0052", d.Id);
        Assert.Equal(RuleYaml.PositionOf(rule, "source.port:").Line, d.Location.GetLineSpan().StartLinePosition.Line + 1);
    }
}
