using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace RuleGen.Tests;

/// <summary>
/// Issue 7: a rule's test events are checked at build time the way the runtime reads them. A raw CloudTrail event
/// whose eventTime was a number compiled and then crashed `rulegen test`; an ECS event with a mapping where a keyword
/// goes ran and silently never matched. Both are RG0013 at the value now; well-formed events pass.
/// </summary>
public class TestEventCheckTests
{
    private const string Query = "from logs-aws.cloudtrail-*\n| where event.action == \"A\"";

    private static GeneratorHarness.Result Build(string @event) =>
        GeneratorHarness.Run(new InMemoryRuleFile("/repo/rules/bad.yml", Yaml(@event)));

    private static string Yaml(string @event) => RuleYaml.With(Query) + "tests:\n  - name: t\n    expect: no_match\n    event: " + @event + "\n";

    [Theory]
    [InlineData("{eventSource: iam.amazonaws.com, eventTime: 2024, eventName: A}", "2024", "'eventTime'")]
    [InlineData("{eventSource: iam.amazonaws.com, eventName: 5}", "5", "'eventName'")]
    [InlineData("{eventSource: iam.amazonaws.com, eventName: true}", "true", "the boolean true")]
    [InlineData("{eventSource: iam.amazonaws.com, eventName: {a: 1}}", "{a: 1}", "a mapping")]
    [InlineData("{eventSource: iam.amazonaws.com, eventTime: [x]}", "[x]", "a list")]
    [InlineData("{event: {action: {x: 1}}}", "{x: 1}", "'event.action' is keyword")]
    [InlineData("{event.action: [a, {x: 1}]}", "{x: 1}", "a mapping")]
    [InlineData("{source: {port: eighty}}", "eighty", "'source.port' is long")]
    [InlineData("{aws: {cloudtrail: {read_only: maybe}}}", "maybe", "boolean")]
    public void AMistypedValueInATestEventIsAnErrorAtTheValue(string @event, string at, string messagePart)
    {
        Diagnostic d = Assert.Single(Build(@event).GeneratorDiagnostics);
        Assert.Equal(("RG0013", DiagnosticSeverity.Error), (d.Id, d.Severity));
        Assert.Contains(messagePart, d.GetMessage(), StringComparison.Ordinal);
        var span = d.Location.GetLineSpan();
        string yaml = Yaml(@event);
        int line = RuleYaml.PositionOf(yaml, "    event: ").Line;
        Assert.Equal((line, yaml.Split('\n')[line - 1].IndexOf(at, "    event: ".Length, StringComparison.Ordinal) + 1), (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
    }

    [Theory]
    [InlineData("{eventSource: iam.amazonaws.com, eventTime: \"2024-12-02T10:00:00Z\", eventName: \"5\"}")]
    [InlineData("{eventSource: iam.amazonaws.com, eventTime: null, eventName: \"\"}")]
    [InlineData("{eventSource: iam.amazonaws.com, eventTime: 2024-12-02T10:00:00Z, userIdentity: {type: Root}, requestParameters: {a: 1}}")]
    [InlineData("{event: {action: A, outcome: success}, source: {port: 443}, aws: {cloudtrail: {read_only: false, flattened: {request_parameters: {any: {thing: 1}}}}}}")]
    [InlineData("{source: {port: \"443\"}, event: {action: null}, unknown: {nested: {x: 1}}, tags: [a, b]}")]
    public void WellFormedEventsPass(string @event)
    {
        var result = Build(@event);
        Assert.Empty(result.GeneratorDiagnostics);
        GeneratorHarness.Load(result);
    }

    [Fact]
    public void AMistypedEventFoundAtBuildTimeNeverReachesTheTester()
    {
        // The event that crashed `rulegen test`: the rule is not compiled, so there is nothing to run.
        var result = Build("{eventSource: iam.amazonaws.com, eventTime: 1733133600, eventName: CreateLoginProfile}");
        Assert.Equal("RG0013", Assert.Single(result.GeneratorDiagnostics).Id);
        Assert.DoesNotContain(result.Run.Results.Single().GeneratedSources, s => s.HintName.StartsWith("TestRule", StringComparison.Ordinal));
    }
}
