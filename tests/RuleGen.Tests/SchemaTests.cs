using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace RuleGen.Tests;

/// <summary>Fields and types checked against ECS 9.4 and the AWS CloudTrail integration, at the token in the query.</summary>
public class SchemaTests
{
    private static (string Yaml, Diagnostic[] Diagnostics) Build(string query, params InMemoryRuleFile[] extra)
    {
        string yaml = RuleYaml.With(query);
        var result = GeneratorHarness.Run(extra.Prepend(new InMemoryRuleFile("/repo/rules/r.yml", yaml)), "Schema.Rules");
        return (yaml, result.GeneratorDiagnostics.ToArray());
    }

    private static void Single(string query, string id, string at, string? message = null, DiagnosticSeverity severity = DiagnosticSeverity.Error)
    {
        var (yaml, diagnostics) = Build(query);
        Diagnostic d = Assert.Single(diagnostics);
        Assert.Equal((id, severity), (d.Id, d.Severity));
        var span = d.Location.GetLineSpan();
        Assert.Equal(RuleYaml.PositionOf(yaml, at), (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
        if (message is not null) Assert.Contains(message, d.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void AMisspeltFieldSuggestsTheRightOne() =>
        Single("from logs-aws.cloudtrail-*\n| where event.acton == \"CreateLoginProfile\"", "RG0050", "event.acton", "did you mean 'event.action'?");

    [Fact]
    public void AMisspeltIntegrationField() =>
        Single("from logs-aws.cloudtrail-*\n| where aws.cloudtrail.user_identity.typ == \"Root\"", "RG0050", "aws.cloudtrail.user_identity.typ", "'aws.cloudtrail.user_identity.type'");

    [Fact]
    public void KeepColumnsAndPatternsAreChecked()
    {
        var (_, diagnostics) = Build("from logs-aws.cloudtrail-* metadata _id\n| where event.action == \"x\"\n| keep _id, @timestamp, source.geo.*, cloud.acount.id, nosuch.*, Esql.count");
        Assert.Equal(new[] { "RG0050", "RG0050" }, diagnostics.Select(d => d.Id));
        Assert.Contains("cloud.acount.id", diagnostics[0].GetMessage() + diagnostics[1].GetMessage(), System.StringComparison.Ordinal);
        Assert.Contains("nosuch.*", diagnostics[0].GetMessage() + diagnostics[1].GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void FlattenedSubFieldsAreAnyKey() =>
        Assert.Empty(Build("from logs-aws.cloudtrail-*\n| where aws.cloudtrail.flattened.request_parameters.userName == \"bob\"").Diagnostics);

    [Fact]
    public void UnknownDataStreamsOnlyWarn() =>
        Single("from logs-custom.app-*\n| where app.thing == \"x\"", "RG0051", "app.thing", severity: DiagnosticSeverity.Warning);

    [Fact]
    public void ProjectFieldsFilesExtendTheSchema()
    {
        var fields = new InMemoryRuleFile("/repo/fields/app.yml", "- name: app\n  type: group\n  fields:\n    - name: thing\n      type: keyword\n");
        Assert.Empty(Build("from logs-custom.app-*\n| where app.thing == \"x\"", fields).Diagnostics);
    }

    [Fact]
    public void CidrMatchNeedsAnIp() =>
        Single("from logs-aws.cloudtrail-*\n| where cidr_match(source.address, \"10.0.0.0/8\")", "RG0052", "source.address", "source.ip is the ip");

    [Theory]
    [InlineData("from logs-aws.cloudtrail-*\n| where source.port == \"22\"", "\"22\"", "source.port is long")]
    [InlineData("from logs-aws.cloudtrail-*\n| where event.action == 577", "577", "event.action is keyword")]
    [InlineData("from logs-aws.cloudtrail-*\n| where source.ip == \"not-an-ip\"", "\"not-an-ip\"", "not an IP address")]
    [InlineData("from logs-aws.cloudtrail-*\n| where source.port LIKE \"2*\"", "source.port", "LIKE needs a string")]
    public void TypeMismatches(string query, string at, string message) => Single(query, "RG0052", at, message);

    [Fact]
    public void EqualityOnAnEcsArrayFieldWarns() =>
        Single("from logs-aws.cloudtrail-*\n| where event.category == \"iam\"", "RG0053", "event.category", "MV_CONTAINS", DiagnosticSeverity.Warning);

    [Fact]
    public void MvContainsOnAnArrayFieldIsFine() =>
        Assert.Empty(Build("from logs-aws.cloudtrail-*\n| where MV_CONTAINS(event.category, \"iam\")").Diagnostics);

    [Theory]
    [InlineData("from logs-aws.cloudtrail-*\n| where event.action == \"A\" and event.action == \"B\"", "event.action == \"B\"", "cannot equal both")]
    [InlineData("from logs-aws.cloudtrail-*\n| where user.name IS NULL and user.name == \"x\"", "user.name == \"x\"", "cannot be NULL and hold a value")]
    [InlineData("from logs-aws.cloudtrail-*\n| where user.name LIKE \"a*\" and user.name IS NULL", "user.name IS NULL", "cannot be NULL and hold a value")]
    [InlineData("from logs-aws.cloudtrail-*\n| where event.dataset == \"aws.s3access\"", "\"aws.s3access\"", "event.dataset is always \"aws.cloudtrail\"")]
    public void ContradictionsAreWarnings(string query, string at, string message) => Single(query, "RG0054", at, message, DiagnosticSeverity.Warning);
}

/// <summary>Rules written against raw CloudTrail field names (schema: raw-cloudtrail) check and run as such.</summary>
public class RawCloudTrailSchemaTests
{
    private const string Query = """
        from logs-aws.cloudtrail-*
        | where eventName == "CreateLoginProfile" and userIdentity.type == "Root"
            and userIdentity.accessKeyId IS NOT NULL and requestParameters.userName IS NULL
        | keep eventTime, userIdentity.arn, sourceIPAddress
        """;

    private static string Rule(string query) => RuleYaml.With(query, "risk_score: 73", "risk_score: 73\nschema: raw-cloudtrail");

    [Fact]
    public void ARawRuleChecksAgainstCloudTrailsOwnFieldsAndFiresOnRawRecords()
    {
        var result = GeneratorHarness.Run(new[] { new InMemoryRuleFile("/repo/rules/raw.yml", Rule(Query)) }, "Raw.Rules");
        Assert.Empty(result.GeneratorDiagnostics);
        var rules = GeneratorHarness.Load(result, "Raw.Rules");
        var records = "{\"Records\":[" + string.Join(",", EventFixtures.RawNearMisses().Take(1).Select(EventFixtures.Compact).Append(EventFixtures.Compact(EventFixtures.RawPositive()))) + "]}";
        var scan = EventFixtures.Scan(rules, "raw", System.Text.Encoding.UTF8.GetBytes(records));
        var match = Assert.Single(scan.Matches);
        Assert.Equal(2, match.Position.Record);
        Assert.Equal(new[] { "eventTime", "userIdentity.arn", "sourceIPAddress" }, match.Columns.Select(c => c.Name));
        Assert.Equal("\"203.0.113.7\"", match.Columns[2].RawJson);
    }

    [Fact]
    public void AMisspeltRawFieldSuggestsTheRightOne()
    {
        var result = GeneratorHarness.Run(new[] { new InMemoryRuleFile("/repo/rules/raw.yml", Rule(Query.Replace("eventName ==", "eventNmae =="))) }, "Raw.Rules");
        Diagnostic d = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("RG0050", d.Id);
        Assert.Contains("raw CloudTrail", d.GetMessage(), System.StringComparison.Ordinal);
        Assert.Contains("did you mean 'eventName'?", d.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownSchemaIsAnError()
    {
        var result = GeneratorHarness.Run(new[] { new InMemoryRuleFile("/repo/rules/raw.yml", RuleYaml.With(Query, "risk_score: 73", "risk_score: 73\nschema: sigma")) }, "Raw.Rules");
        Assert.Contains(result.GeneratorDiagnostics, d => d.Id == "RG0005" && d.GetMessage().Contains("ecs, raw-cloudtrail, none", System.StringComparison.Ordinal));
    }
}
