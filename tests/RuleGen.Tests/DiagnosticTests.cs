using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace RuleGen.Tests;

/// <summary>Every bad-rule case is a located error: the right id, at the right line and column of the YAML file.</summary>
public class DiagnosticTests
{
    private static Diagnostic Single(string yaml, string id)
    {
        var result = GeneratorHarness.Run(new InMemoryRuleFile("/repo/rules/bad.yml", yaml));
        var matching = result.GeneratorDiagnostics.Where(d => d.Id == id).ToList();
        Assert.True(matching.Count == 1, $"expected one {id}, got: {string.Join("; ", result.GeneratorDiagnostics)}");
        Assert.Equal(DiagnosticSeverity.Error, matching[0].Severity);
        // A rule with an error produces no class (and so cannot ship).
        Assert.DoesNotContain(result.Run.Results.Single().GeneratedSources, s => s.HintName.StartsWith("TestRule", System.StringComparison.Ordinal));
        return matching[0];
    }

    private static void AssertAt(Diagnostic diagnostic, (int Line, int Column) expected)
    {
        FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
        Assert.Equal("/repo/rules/bad.yml", span.Path);
        Assert.Equal(expected, (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
    }

    private static void Expect(string yaml, string id, string at, int occurrence = 1, string? messagePart = null)
    {
        Diagnostic diagnostic = Single(yaml, id);
        AssertAt(diagnostic, RuleYaml.PositionOf(yaml, at, occurrence));
        if (messagePart is not null) Assert.Contains(messagePart, diagnostic.GetMessage(), System.StringComparison.Ordinal);
    }

    private const string Query = """
        from logs-aws.cloudtrail-*
        | where event.action == "CreateLoginProfile"
        """;

    [Fact]
    public void ValidRuleHasNoDiagnostics()
    {
        var result = GeneratorHarness.Run(new InMemoryRuleFile("/repo/rules/good.yml", RuleYaml.With(Query)));
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompileDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void UnknownKeySuggestsTheKnownOne() =>
        Expect(RuleYaml.With(Query, "severity: high", "severity: high\nrisk_scor: 5"), "RG0003", "risk_scor", messagePart: "did you mean 'risk_score'?");

    [Fact]
    public void MissingRequiredKeyIsReportedAtTheTopOfTheFile()
    {
        Diagnostic d = Single(RuleYaml.With(Query, "risk_score: 73\n", ""), "RG0004");
        AssertAt(d, (1, 1));
        Assert.Contains("'risk_score'", d.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidSeverityPointsAtTheValue() =>
        Expect(RuleYaml.With(Query, "severity: high", "severity: urgent"), "RG0006", "urgent");

    [Fact]
    public void RiskScoreOutOfRangePointsAtTheValue() =>
        Expect(RuleYaml.With(Query, "risk_score: 73", "risk_score: 150"), "RG0007", "150");

    [Fact]
    public void RiskScoreThatIsNotANumber() =>
        Expect(RuleYaml.With(Query, "risk_score: 73", "risk_score: high"), "RG0009", "high", occurrence: 2);

    [Theory]
    [InlineData("interval: 5 minutes", "5 minutes")]
    [InlineData("interval: 0m", "0m")]
    [InlineData("from: now+5m", "now+5m")]
    [InlineData("from: 9m", "9m")]
    // Too long for the tick engine's millisecond arithmetic (it overflowed at the scan's first hit): refused at the key.
    [InlineData("interval: 9999999999999d", "9999999999999d")]
    [InlineData("from: now-1234567d", "now-1234567d")]
    public void InvalidScheduleValues(string line, string value) =>
        Expect(RuleYaml.With(Query, "risk_score: 73", "risk_score: 73\n" + line), "RG0008", value);

    [Fact]
    public void DuplicateKeyPointsAtTheSecondOne() =>
        Expect(RuleYaml.With(Query, "severity: high", "severity: high\nseverity: low"), "RG0011", "severity", occurrence: 2);

    [Fact]
    public void InvalidYamlIsLocated()
    {
        string yaml = RuleYaml.With(Query, "name: Test rule", "name: [unclosed");
        Diagnostic d = Single(yaml, "RG0001");
        Assert.True(d.Location.GetLineSpan().StartLinePosition.Line + 1 >= 2, d.ToString());
    }

    [Theory]
    [InlineData("name: {[}")]
    [InlineData("name: [a, {b: c]")]
    [InlineData("name: \"unterminated")]
    [InlineData("\tname: tab")]
    public void MalformedYamlNeverEscapesAsAnException(string line)
    {
        var result = GeneratorHarness.Run(new InMemoryRuleFile("/repo/rules/bad.yml", RuleYaml.With(Query, "name: Test rule", line)));
        Assert.Contains(result.GeneratorDiagnostics, d => d.Id == "RG0001");
    }

    [Fact]
    public void RootMustBeAMapping()
    {
        Diagnostic d = Single("- a\n- b\n", "RG0002");
        AssertAt(d, (1, 1));
    }

    [Fact]
    public void ALanguageThatDoesNotGoWithTheTypeIsLocated() =>
        Expect(RuleYaml.With(Query, "severity: high", "severity: high\ntype: esql\nlanguage: kuery"), "RG0005", "kuery", messagePart: "esql for a rule of type 'esql'");

    [Fact]
    public void ASigmaRuleIsReadByTheSigmaFrontEndWithoutRuleGenKeys()
    {
        // Issue 9: Sigma's own keys are enough; no unknown-key or missing-key errors for rule_id, query, risk_score.
        string sigma = "title: Root login profile\nid: 4a3a5b8c-0000-0000-0000-000000000000\nlogsource:\n  product: aws\n  service: cloudtrail\ndetection:\n  selection:\n    eventName: CreateLoginProfile\n  condition: selection\nlevel: high\n";
        var run = GeneratorHarness.Run(new InMemoryRuleFile("/repo/rules/sigma.yml", sigma));
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.DoesNotContain(run.CompileDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void BehaviourChangingElasticKeysAreNotIgnored() =>
        Expect(RuleYaml.With(Query, "severity: high", "severity: high\nseverity_mapping: []"), "RG0014", "severity_mapping");

    [Theory]
    [InlineData("threat: T1098", "RG0012", "T1098")]
    [InlineData("threat:\n  - framework: MITRE ATT&CK\n    technique: [{id: T1098, name: Account Manipulation}]", "RG0012", "framework")]
    [InlineData("threat:\n  - tactic: {id: TA0003}", "RG0012", "{id: TA0003}")]
    [InlineData("tests:\n  - name: t\n    expect: yes\n    event: {a: 1}", "RG0013", "yes")]
    [InlineData("tests:\n  - name: t\n    expect: match\n    event: [1]", "RG0013", "[1]")]
    [InlineData("tags: {a: b}", "RG0005", "{a: b}")]
    [InlineData("max_signals: 0", "RG0009", "0")]
    [InlineData("metadata: [a]", "RG0005", "[a]")]
    public void InvalidMetadataShapes(string lines, string id, string at) =>
        Expect(RuleYaml.With(Query, "risk_score: 73", "risk_score: 73\n" + lines), id, at);

    [Theory]
    [InlineData("risk_score: 73", "risk_score: 99", "99")]
    [InlineData("severity: high", "severity: low", "73")]
    public void RiskOutsideTheSeverityBandIsAWarning(string replace, string by, string at)
    {
        string yaml = RuleYaml.With(Query, replace, by);
        var result = GeneratorHarness.Run(new InMemoryRuleFile("/repo/rules/bad.yml", yaml));
        Diagnostic d = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal(("RG0040", DiagnosticSeverity.Warning), (d.Id, d.Severity));
        AssertAt(d, RuleYaml.PositionOf(yaml, at));
        // A warning does not stop the rule from being compiled.
        Assert.Contains(result.Run.Results.Single().GeneratedSources, s => s.HintName.StartsWith("TestRule.", System.StringComparison.Ordinal));
    }

    [Fact]
    public void LookBackShorterThanTheIntervalIsAWarning()
    {
        string yaml = RuleYaml.With(Query, "risk_score: 73", "risk_score: 73\ninterval: 10m\nfrom: now-5m");
        var result = GeneratorHarness.Run(new InMemoryRuleFile("/repo/rules/bad.yml", yaml));
        Diagnostic d = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal(("RG0041", DiagnosticSeverity.Warning), (d.Id, d.Severity));
        AssertAt(d, RuleYaml.PositionOf(yaml, "now-5m"));
    }

    [Fact]
    public void DuplicateRuleIdsAreErrorsAndDuplicateNamesWarningsOnEveryFile()
    {
        string one = RuleYaml.With(Query, name: "Same name", id: "same-id");
        string two = RuleYaml.With(Query, name: "same NAME", id: "same-id");
        string three = RuleYaml.With(Query, name: "Other", id: "other-id");
        var result = GeneratorHarness.Run(new InMemoryRuleFile("/repo/rules/a.yml", one), new InMemoryRuleFile("/repo/rules/b.yml", two), new InMemoryRuleFile("/repo/rules/c.yml", three));
        var ids = result.GeneratorDiagnostics.Where(d => d.Id == "RG0042").ToList();
        var names = result.GeneratorDiagnostics.Where(d => d.Id == "RG0043").ToList();
        Assert.Equal(new[] { "/repo/rules/a.yml", "/repo/rules/b.yml" }, ids.Select(d => d.Location.GetLineSpan().Path).OrderBy(p => p));
        Assert.Equal(new[] { "/repo/rules/a.yml", "/repo/rules/b.yml" }, names.Select(d => d.Location.GetLineSpan().Path).OrderBy(p => p));
        Assert.All(ids, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        Assert.All(names, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        Assert.Contains("also used by b.yml", ids.Single(d => d.Location.GetLineSpan().Path.EndsWith("a.yml", System.StringComparison.Ordinal)).GetMessage(), System.StringComparison.Ordinal);
        Assert.Equal((1, 10), (ids[0].Location.GetLineSpan().StartLinePosition.Line + 1, ids[0].Location.GetLineSpan().StartLinePosition.Character + 1));
    }

    [Fact]
    public void QueryMustBeAString() =>
        Expect(RuleYaml.With(Query).Replace("query: |", "query: [from logs-*]\nx: |"), "RG0005", "[from logs-*]");

    [Fact]
    public void EsqlSyntaxErrorPointsAtTheToken()
    {
        string yaml = RuleYaml.With("from logs-*\n| where event.action = \"x\"");
        Expect(yaml, "RG0020", "= \"x\"", messagePart: "'=='");
    }

    [Fact]
    public void EsqlSyntaxErrorOnALaterLine()
    {
        string yaml = RuleYaml.With("from logs-*\n| where event.action == \"x\"\n    and (event.outcome == \"success\"\n| keep @timestamp");
        Expect(yaml, "RG0020", "| keep", messagePart: "expected ')'");
    }

    [Fact]
    public void UnterminatedStringIsASyntaxError() =>
        Expect(RuleYaml.With("from logs-*\n| where event.action == \"open"), "RG0020", "\"open");

    [Fact]
    public void QueryMustStartWithFrom() =>
        Expect(RuleYaml.With("where event.action == \"x\""), "RG0020", "where");

    [Fact]
    public void UnknownFunctionSuggestsTheKnownOne() =>
        Expect(RuleYaml.With("from logs-*\n| where to_lowr(event.action) == \"x\""), "RG0021", "to_lowr", messagePart: "did you mean 'TO_LOWER'?");

    [Fact]
    public void WrongArgumentCount() =>
        Expect(RuleYaml.With("from logs-*\n| where starts_with(event.action)"), "RG0022", "starts_with", messagePart: "takes 2 argument(s), found 1");

    [Fact]
    public void TooManyArguments() =>
        Expect(RuleYaml.With("from logs-*\n| where to_lower(event.action, \"x\") == \"y\""), "RG0022", "to_lower");

    [Theory]
    [InlineData("from logs-*\n| where event.action rlike \"a@b\"", "@", "Lucene regex operator")]
    [InlineData("from logs-*\n| stats f = first(event.action, @timestamp) by user.name", "first", "The aggregate FIRST")]
    [InlineData("from logs-*\n| where event.action == \"x\"\n| eval n = mv_zip(a)", "mv_zip", "")]
    public void ConstructsOutsideTheSubsetAreNamedAtTheirPosition(string query, string at, string named)
    {
        if (at == "mv_zip")
        {
            // MV_ZIP takes 2 or 3 arguments: a located RG0022, not a crash.
            Expect(RuleYaml.With(query), "RG0022", at);
            return;
        }
        Expect(RuleYaml.With(query), "RG0023", at, messagePart: named);
    }

    /// <summary>What issue 11 built: the processing commands, functions, casts, arithmetic and time spans compile.</summary>
    [Theory]
    [InlineData("from logs-*\n| stats c = count(*) by user.name")]
    [InlineData("from logs-*\n| where event.action == \"x\"\n| eval x = 1")]
    [InlineData("from logs-*\n| where length(event.action) > 3")]
    [InlineData("from logs-*\n| where event.code::integer > 3")]
    [InlineData("from logs-*\n| where event.duration + 1 > 3")]
    [InlineData("from logs-*\n| where @timestamp >= NOW() - 7 days")]
    [InlineData("from logs-*\n| stats r = sum(event.duration) / count(*), v = mv_slice(values(user.name), 0, 2) by host.name")]
    public void ConstructsOnceOutsideTheSubsetCompile(string query) =>
        Assert.DoesNotContain(GeneratorHarness.Run(new InMemoryRuleFile("/repo/rules/ok.yml", RuleYaml.With(query))).GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>A datetime compared with a time span is a type error at the comparison (ES|QL: "cannot compare").</summary>
    [Fact]
    public void ADateComparedWithATimeSpanIsATypeError() =>
        Expect(RuleYaml.With("from logs-*\n| where @timestamp >= 7 days"), "RG0052", "@timestamp >= 7 days", messagePart: "cannot compare [datetime] with [date_period]");

    [Theory]
    [InlineData("from logs-*\n| where event.action rlike \"a(b\"", "\"a(b\"")]
    [InlineData("from logs-*\n| where event.action rlike \"[ab\"", "\"[ab\"")]
    [InlineData("from logs-*\n| where event.action like \"ab\\\\\"", "\"ab")]
    public void InvalidPatternsAreBuildErrors(string query, string at)
    {
        Diagnostic d = Single(RuleYaml.With(query), "RG0024");
        (int line, _) = RuleYaml.PositionOf(RuleYaml.With(query), at);
        Assert.Equal(line, d.Location.GetLineSpan().StartLinePosition.Line + 1);
    }

    [Fact]
    public void CidrBlocksMustBeValid() =>
        Expect(RuleYaml.With("from logs-*\n| where cidr_match(source.ip, \"10.0.0.0/33\")"), "RG0025", "\"10.0.0.0/33\"");

    [Fact]
    public void SeveralErrorsInOneQueryAreAllReported()
    {
        var result = GeneratorHarness.Run(new InMemoryRuleFile("/repo/rules/bad.yml",
            RuleYaml.With("from logs-*\n| where to_lowr(a) == \"x\" and first(b, c) > 1 and starts_with(c)")));
        Assert.Equal(new[] { "RG0021", "RG0022", "RG0023" }, result.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id).OrderBy(i => i));
    }

    [Fact]
    public void ABadRuleDoesNotStopTheOthers()
    {
        var result = GeneratorHarness.Run(
            new InMemoryRuleFile("/repo/rules/bad.yml", RuleYaml.With(Query, "severity: high", "severity: urgent")),
            new InMemoryRuleFile("/repo/rules/good.yml", RuleYaml.With(Query, name: "Good rule", id: "22222222-2222-3333-4444-555555555555")));
        Assert.Contains(result.Run.Results.Single().GeneratedSources, s => s.HintName.StartsWith("GoodRule.", System.StringComparison.Ordinal));
        Assert.Contains("GoodRule.Instance", result.Source("CompiledRules"), System.StringComparison.Ordinal);
    }
}
