using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using RuleGen.Runtime;
using Xunit;

namespace RuleGen.Tests.Eql;

/// <summary>
/// EQL rules through the generator, as a project builds them: they compile, fire on the events Elasticsearch would
/// return, and a bad rule gives its RG id at the exact line and column of the construct.
/// </summary>
public class EqlEndToEndTests
{
    private const string CloudTrail = "language: eql\ntype: eql\nindex:\n  - logs-aws.cloudtrail*\n";

    private static string Rule(string query, string header = CloudTrail, string id = "11111111-2222-3333-4444-555555555555", string name = "Test rule") =>
        header + RuleYaml.With(query, name: name, id: id);

    /// <summary>Which of the events (JSON) the rule fires on, by index.</summary>
    private static List<int> Fired(string yaml, params string[] events)
    {
        var run = GeneratorHarness.Run(new[] { new InMemoryRuleFile("/repo/rules/r.yml", yaml) }, "EqlEnd.Rules");
        var errors = run.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var scanner = new Scanner(GeneratorHarness.Load(run, "EqlEnd.Rules"));
        var fired = new List<int>();
        for (int i = 0; i < events.Length; i++)
        {
            int index = i;
            scanner.ScanDocument(Encoding.UTF8.GetBytes(events[i]), new DocumentPosition("t", i + 1), InputFormat.NdJson, _ => fired.Add(index), p => Assert.Fail(p));
        }
        return fired;
    }

    private static Diagnostic SingleError(string yaml)
    {
        var run = GeneratorHarness.Run(new InMemoryRuleFile("/repo/rules/r.yml", yaml));
        return Assert.Single(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }

    private static void AssertAt(Diagnostic diagnostic, string id, string yaml, string at, int occurrence = 1)
    {
        Assert.True(diagnostic.Id == id, diagnostic.ToString());
        FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
        Assert.Equal(RuleYaml.PositionOf(yaml, at, occurrence), (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
    }

    [Fact]
    public void TheCategoryIsATermOnEventCategoryAndMatchesAnyOfItsValues()
    {
        string yaml = Rule("iam where event.action == \"CreateUser\"");
        var fired = Fired(yaml,
            """{"event":{"category":["iam","configuration"],"action":"CreateUser"}}""",
            """{"event":{"category":"iam","action":"CreateUser"}}""",
            """{"event":{"category":"IAM","action":"CreateUser"}}""",
            """{"event":{"action":"CreateUser"}}""");
        Assert.Equal(new[] { 0, 1 }, fired);
    }

    [Fact]
    public void AnyTestsNoCategory()
    {
        var fired = Fired(Rule("any where event.action == \"CreateUser\""), """{"event":{"action":"CreateUser"}}""", """{"event":{"action":"DeleteUser"}}""");
        Assert.Equal(new[] { 0 }, fired);
    }

    [Fact]
    public void EventCategoryOverrideReadsTheCategoryFromItsField()
    {
        // Elastic's AWS pack: event_category_override: event.type, so "info where" is event.type == "info".
        string yaml = Rule("info where event.action == \"PutBucketVersioning\"", CloudTrail + "event_category_override: event.type\n");
        var fired = Fired(yaml,
            """{"event":{"type":["info","change"],"category":"iam","action":"PutBucketVersioning"}}""",
            """{"event":{"category":"info","action":"PutBucketVersioning"}}""");
        Assert.Equal(new[] { 0 }, fired);
    }

    [Fact]
    public void NotEqualsAndNotMatchEventsWithoutTheField()
    {
        var fired = Fired(Rule("any where user.name != \"root\" and not user.id : \"A*\""),
            """{"user":{"name":"alice","id":"b1"}}""",
            """{}""",
            """{"user":{"name":"root"}}""",
            """{"user":{"name":["root","alice"]}}""",
            """{"user":{"id":"ab"}}""");
        Assert.Equal(new[] { 0, 1 }, fired);
    }

    [Fact]
    public void StringContainsReadsItsConstantAsAWildcardPattern()
    {
        // Elastic's "AWS RDS DB Instance or Cluster Password Modified" relies on it: "masterUserPassword=*".
        var fired = Fired(Rule("any where stringContains(aws.cloudtrail.request_parameters, \"masterUserPassword=*,\")"),
            """{"aws":{"cloudtrail":{"request_parameters":"{dBInstanceIdentifier=db1, masterUserPassword=HIDDEN, applyImmediately=true}"}}}""",
            """{"aws":{"cloudtrail":{"request_parameters":"{dBInstanceIdentifier=db1}"}}}""");
        Assert.Equal(new[] { 0 }, fired);
    }

    [Fact]
    public void FunctionsRunOverEveryValueOfAMultivaluedField()
    {
        // Elasticsearch runs the script once per value (Scripts.multiValueDocValuesRewrite) and keeps the event when any holds.
        var fired = Fired(Rule("any where length(user.name) == 5 and substring(user.name, -3) : \"ICE\" and process.pid % 7 == 1"),
            """{"user":{"name":["bob","alice"]},"process":{"pid":15}}""",
            """{"user":{"name":["bob","alicia"]},"process":{"pid":15}}""",
            """{"user":{"name":"alice"},"process":{"pid":[16,17]}}""",
            """{"user":{"name":"alice"}}""");
        Assert.Equal(new[] { 0 }, fired);
    }

    [Fact]
    public void AnOptionalFieldTheSchemaDoesNotHaveIsNull()
    {
        var fired = Fired(Rule("any where ?not_a_field.at_all == null and event.action == \"x\""), """{"event":{"action":"x"},"not_a_field":{"at_all":"y"}}""");
        Assert.Equal(new[] { 0 }, fired);
    }

    public static IEnumerable<object[]> BadRules() => new[]
    {
        new object[] { "any where event.action = \"x\"", "RG0028", "= \"x\"", "'='" },
        new object[] { "any where stringContans(event.action, \"x\")", "RG0021", "stringContans", "stringContains" },
        new object[] { "any where length(event.action, 1) > 2", "RG0022", "length", "length takes 1 argument(s), found 2" },
        new object[] { "any where startsWith(source.port, \"80\")", "RG0052", "source.port", "needs a string" },
        new object[] { "any where length(event.action) == \"x\"", "RG0052", "\"x\"", "compares" },
        new object[] { "any where event.actoin == \"x\"", "RG0050", "event.actoin", "event.action" },
        new object[] { "any where event.action : 12345", "RG0052", "12345", "compares strings" },
        new object[] { "any where cidrMatch(source.ip, \"10.0.0.0/33\")", "RG0025", "\"10.0.0.0/33\"", "not an IPv4 or IPv6 CIDR block" },
        new object[] { "any where cidrMatch(source.address, \"10.0.0.0/8\")", "RG0052", "source.address", "needs an ip" },
        new object[] { "any where length~(event.action) > 1", "RG0025", "length~", "no case-insensitive form" },
        new object[] { "any where event.action regex \"a{2\"", "RG0024", "{2", "regex" },
        new object[] { "sequence by user.name with maxspan=1m\n  [any where true]\n  ![any where true]\n  [any where true]", "RG0023", "![", "A missing-event stage" },
        new object[] { "sample by user.name\n  [any where true]\n  [any where true]", "RG0023", "sample", "An EQL sample" },
        new object[] { "any where true | head 5", "RG0023", "head", "The EQL pipe '| head'" },
        new object[] { "any where process.parent.name == \"x\" and descendant of [process where true]", "RG0023", "descendant", "" },
        new object[] { "any where event.action", "RG0052", "event.action", "not a boolean condition" },
    };

    [Theory]
    [MemberData(nameof(BadRules))]
    public void ABadRuleGivesItsIdAtTheConstruct(string query, string id, string at, string message)
    {
        string yaml = Rule(query);
        Diagnostic error = SingleError(yaml);
        AssertAt(error, id, yaml, at);
        Assert.Contains(message, error.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheGeneratedConditionShowsTheQueryAndTheLeavesItBecame()
    {
        var run = GeneratorHarness.Run(new InMemoryRuleFile("/repo/rules/r.yml",
            Rule("iam where event.action : (\"CreateUser\", \"Delete*\") and stringContains~(user.name, \"adm\")")));
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        string source = run.Source("TestRule");
        Assert.Contains("// iam where", source, StringComparison.Ordinal);
        Assert.Contains("global::RuleGen.Runtime.AnyValue.Equal", source, StringComparison.Ordinal);
        Assert.Contains("global::RuleGen.Runtime.MatchOptions.IgnoreCase", source, StringComparison.Ordinal);
        Assert.Contains("new global::RuleGen.Runtime.WildcardPattern(\"*adm*\", ignoreCase: true)", source, StringComparison.Ordinal);
    }
}
