using System.Linq;
using System.Text;
using RuleGen.Runtime;
using Xunit;

namespace RuleGen.Tests;

/// <summary>
/// Cases a review of the multi-language back end found, each pinned where it broke: a KQL OR that merged a range into
/// a set, a lone surrogate escape that made generated code uncompilable, a range filter's epoch format, keyword ranges
/// against a number in the event.
/// </summary>
public class LeafRegressionTests
{
    private static bool Fires(string rule, string json)
    {
        var run = GeneratorHarness.Run(new InMemoryRuleFile("/repo/rules/r.yml", rule));
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        Assert.DoesNotContain(run.CompileDiagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        bool fired = false;
        new Scanner(GeneratorHarness.Load(run, "Test.Rules")).ScanDocument(Encoding.UTF8.GetBytes(json), new DocumentPosition("t", 1), InputFormat.NdJson, _ => fired = true, p => Assert.Fail(p));
        return fired;
    }

    private const string Kql = "language: kuery\ntype: query\nindex:\n  - logs-*\n";

    [Theory]
    [InlineData("""{"event":{"original":"Alpha"}}""", true)]
    [InlineData("""{"event":{"original":"Beta"}}""", true)]
    [InlineData("""{"event":{"original":"Zzz"}}""", true)]
    [InlineData("""{"event":{"original":"Gamma"}}""", false)]
    public void AKqlOrKeepsARangeOnTheFieldItMergesEqualitiesOf(string json, bool fires) =>
        Assert.Equal(fires, Fires(Kql + RuleYaml.With("event.original:Alpha or event.original:Beta or event.original > Mmm"), json));

    [Theory]
    [InlineData("event.original:\\ud800")]
    [InlineData("event.original:\"a\\ud800\"")]
    public void ALoneSurrogateEscapeCompilesAndMatchesWhatTheScannerReads(string query)
    {
        // The scanner reads a lone surrogate escape as U+FFFD (docs/semantics.md, "Invalid text"); so does the literal.
        string json = query.Contains("\"a") ? """{"event":{"original":"a\ud800"}}""" : """{"event":{"original":"\ud800"}}""";
        Assert.True(Fires(Kql + RuleYaml.With(query), json));
    }

    [Theory]
    [InlineData("""{"@timestamp":"2024-01-01T00:00:00Z","event":{"action":"A"}}""", true)]
    [InlineData("""{"@timestamp":"1970-01-20T00:00:00Z","event":{"action":"A"}}""", false)]
    public void ARangeFilterInEpochSecondsIsReadAsTheInstantItIs(string json, bool fires)
    {
        string filters = "filters:\n  - meta: {negate: false}\n    query:\n      range:\n        \"@timestamp\": {gte: 1700000000, lt: 1800000000, format: epoch_second}\n";
        Assert.Equal(fires, Fires("language: kuery\ntype: query\nindex:\n  - logs-aws.cloudtrail-*\n" + filters + RuleYaml.With("event.action:A"), json));
    }

    [Fact]
    public void ARangeFilterInAnotherFormatIsNotSupportedYetAtTheFilter()
    {
        string filters = "filters:\n  - meta: {negate: false}\n    query:\n      range:\n        \"@timestamp\": {gte: \"01/01/2024\", format: \"MM/dd/yyyy\"}\n";
        var run = GeneratorHarness.Run(new InMemoryRuleFile("/repo/rules/r.yml", "language: kuery\ntype: query\nindex:\n  - logs-aws.cloudtrail-*\n" + filters + RuleYaml.With("event.action:A")));
        Assert.Contains(run.GeneratorDiagnostics, d => d.Id == "RG0023" && d.GetMessage().Contains("MM/dd/yyyy"));
    }

    [Theory]
    [InlineData(100, true)]
    [InlineData(1024, true)]
    [InlineData(1025, false)]
    [InlineData(2000, false)]
    public void EqlDoesNotSeeAKeywordLongerThanItsIgnoreAbove(int length, bool fires)
    {
        // user_agent.original: ECS keyword, ignore_above 1024; a longer value is neither indexed nor in doc values.
        string agent = "curl/8.0 " + new string('x', length - "curl/8.0 ".Length);
        string rule = "language: eql\ntype: eql\nindex:\n  - logs-aws.cloudtrail-*\n" + RuleYaml.With("any where user_agent.original : \"*curl*\"");
        Assert.Equal(fires, Fires(rule, "{\"user_agent\":{\"original\":\"" + agent + "\"}}"));
    }

    [Theory]
    [InlineData("""{"event":{"original":10}}""", false)]
    [InlineData("""{"event":{"original":"99"}}""", true)]
    public void AKeywordRangeAgainstAStringComparesBytesEvenWhenTheEventHoldsANumber(string json, bool fires) =>
        Assert.Equal(fires, Fires("language: eql\ntype: eql\nindex:\n  - logs-*\n" + RuleYaml.With("any where event.original > \"9\""), json));
}
