using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace RuleGen.Tests.Kql;

/// <summary>
/// Every problem of a KQL query is a located diagnostic with its RG id, at the line and column of the rule file where
/// the offending token is: syntax (RG0027), fields (RG0050 with a did-you-mean), values Elasticsearch could not
/// convert to the field's type (RG0052), and what RuleGen does not compile yet (RG0023).
/// </summary>
public class KqlDiagnosticTests
{
    private static string Rule(string query, string index = "logs-aws.cloudtrail-*", string schema = "") =>
        $"language: kuery\ntype: query\nindex: [\"{index}\"]\n{schema}" + RuleYaml.With(query);

    private static Diagnostic Single(string yaml, string id)
    {
        var result = GeneratorHarness.Run(new InMemoryRuleFile("/repo/rules/bad.yml", yaml));
        var matching = result.GeneratorDiagnostics.Where(d => d.Id == id).ToList();
        Assert.True(matching.Count == 1, $"expected one {id}, got: {string.Join("; ", result.GeneratorDiagnostics)}");
        return matching[0];
    }

    [Theory]
    // Syntax, at the token (the parser's messages, Kibana's positions).
    [InlineData("event.action:CreateUser not user.name:x", "RG0027", "not", "expected AND or OR before NOT")]
    [InlineData("event.action:CreateUser)", "RG0027", ")", "')' has no matching '('")]
    [InlineData("event.action:(CreateUser or DeleteUser", "RG0027", "(", "'(' is never closed")]
    [InlineData("event.action:Create\\User", "RG0027", "\\U", "is not a KQL escape")]
    // Values the field's type cannot take: Elasticsearch fails the search.
    [InlineData("source.port:abc", "RG0052", "abc", "source.port is long and 'abc' is not a number")]
    [InlineData("source.port < xyz", "RG0052", "xyz", "is not a number")]
    [InlineData("source.ip:010.0.0.1", "RG0052", "010.0.0.1", "not a IP address or CIDR block")]
    [InlineData("source.ip:10.0.0.0/33", "RG0052", "10.0.0.0/33", "CIDR")]
    [InlineData("source.port:2*", "RG0052", "2*", "A wildcard needs a keyword field")]
    [InlineData("@timestamp:yesterday", "RG0052", "yesterday", "is not a date")]
    [InlineData("@timestamp:2024-02-30", "RG0052", "2024-02-30", "is not a date")]
    [InlineData("aws.cloudtrail.console_login.additional_eventdata.mfa_used:yes", "RG0052", "yes", "boolean (true or false)")]
    [InlineData("event.action:null", "RG0052", "null", "null is not a value")]
    [InlineData("aws.cloudtrail.flattened.request_parameters:x", "RG0052", "aws.cloudtrail.flattened.request_parameters", "name one of its keys")]
    // Fields.
    [InlineData("evnt.action:CreateUser", "RG0050", "evnt.action", "did you mean 'event.action'?")]
    [InlineData("nomatch.*:x", "RG0050", "nomatch.*", "no field matches the pattern")]
    // Not supported yet, named at its position.
    [InlineData("CreateUser", "RG0023", "CreateUser", "Free text")]
    [InlineData("event.action:A and \"free text\"", "RG0023", "\"free text\"", "Free text")]
    [InlineData("aws.cloudtrail.request_parameters.text:user", "RG0023", "aws.cloudtrail.request_parameters.text", "query the keyword field aws.cloudtrail.request_parameters instead")]
    [InlineData("message:error", "RG0023", "message", "RuleGen does not analyse text")]
    [InlineData("@timestamp > now-1d", "RG0023", "now-1d", "Date math")]
    [InlineData("source.ip < 10.0.0.1", "RG0023", "10.0.0.1", "A range on the ip field")]
    [InlineData("event.dataset:aws cloud*", "RG0023", "aws cloud*", "whitespace")]
    public void AProblemIsReportedAtItsToken(string query, string id, string at, string message)
    {
        string yaml = Rule(query);
        Diagnostic d = Single(yaml, id);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        var span = d.Location.GetLineSpan();
        Assert.Equal("/repo/rules/bad.yml", span.Path);
        Assert.True(RuleYaml.PositionOf(yaml, at) == (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1), $"{d} is not at '{at}' {RuleYaml.PositionOf(yaml, at)}");
        Assert.Contains(message, d.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void AnErrorAtTheEndOfTheQueryIsWhereItsLastTokenEnds()
    {
        // The YAML block ends the query with a newline; "the end" is just after "and", not on the next line.
        string yaml = Rule("event.action:CreateUser and");
        Diagnostic d = Single(yaml, "RG0027");
        Assert.Contains("expected a query after AND, found the end of the query", d.GetMessage(), System.StringComparison.Ordinal);
        var (line, column) = RuleYaml.PositionOf(yaml, "and");
        Assert.Equal((line, column + 3), (d.Location.GetLineSpan().StartLinePosition.Line + 1, d.Location.GetLineSpan().StartLinePosition.Character + 1));
    }

    [Theory]
    [InlineData("threat.enrichments.matched.atomic:x", "threat.enrichments.matched.atomic", "is a nested field, but is not in a nested group")]
    [InlineData("threat.enrichments:{ matched.atomic:x and matched.field:y }", "matched.atomic:x and", "AND inside the nested query of threat.enrichments")]
    [InlineData("threat.enrichments:{ not matched.atomic:x }", "not matched", "NOT inside the nested query")]
    [InlineData("threat.enrichments:{ matched.atomic:(x and y) }", "x and y", "AND inside the nested query")]
    [InlineData("user:{ name:x }", "user", "user is not in the schema (ECS 9.4), not nested")]
    [InlineData("source:{ ip:x }", "source", "not nested")]
    [InlineData("threat.enrichments:{ indicator.file.pe.sections.name:x }", "indicator.file", "The correct path is threat.enrichments.indicator.file.pe.sections")]
    public void NestedQueriesFollowKibanasChecks(string query, string at, string message)
    {
        string yaml = Rule(query, "logs-*");
        var errors = GeneratorHarness.Run(new InMemoryRuleFile("/repo/rules/bad.yml", yaml)).GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Diagnostic d = Assert.Single(errors);
        Assert.Equal(RuleYaml.PositionOf(yaml, at), (d.Location.GetLineSpan().StartLinePosition.Line + 1, d.Location.GetLineSpan().StartLinePosition.Character + 1));
        Assert.Contains(message, d.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void AWildcardFieldNameNeedsASchema()
    {
        string yaml = Rule("aws.*:x", schema: "schema: none\n");
        Diagnostic d = Single(yaml, "RG0023");
        Assert.Contains("schema: none", d.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void AConstantKeywordThatCannotHoldTheValueIsNeverTrue()
    {
        // event.dataset is the constant_keyword aws.cloudtrail in that data stream.
        Diagnostic d = Single(Rule("event.dataset:aws.s3 and event.action:A"), "RG0054");
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
    }

    [Fact]
    public void ARuleWithoutIndexReadsTheDefaultIndicesWithWarnings()
    {
        string yaml = "language: kuery\ntype: query\n" + RuleYaml.With("custom.thing:x and event.action:A");
        var result = GeneratorHarness.Run(new InMemoryRuleFile("/repo/rules/r.yml", yaml));
        Diagnostic d = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("RG0051", d.Id);
        Assert.Contains("the default index", d.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void ANewTermsRuleBindsItsQueryAndCompiles()
    {
        string yaml = "language: kuery\ntype: new_terms\nindex: [logs-aws.cloudtrail-*]\n"
            + "new_terms: {field: new_terms_fields, value: [user.name], history_window_start: [{field: history_window_start, value: now-7d}]}\n"
            + RuleYaml.With("event.action:CreateUser");
        var result = GeneratorHarness.Run(new InMemoryRuleFile("/repo/rules/r.yml", yaml));
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Contains("NewTermsSpec(", string.Join("\n", result.Run.Results.Single().GeneratedSources.Select(s => s.SourceText.ToString())), System.StringComparison.Ordinal);
    }

    [Fact]
    public void ABadQueryInANewTermsRuleIsStillReported()
    {
        string yaml = "language: kuery\ntype: new_terms\nindex: [logs-aws.cloudtrail-*]\n"
            + "new_terms: {field: new_terms_fields, value: [user.name], history_window_start: [{field: history_window_start, value: now-7d}]}\n"
            + RuleYaml.With("source.port:abc");
        Single(yaml, "RG0052");
    }
}
