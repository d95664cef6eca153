using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace RuleGen.Tests;

/// <summary>
/// The fields a rule's keys name are checked against the schema as the query's are, at the key's value: new_terms and
/// threshold fields (their rule types are not compiled yet, but a typo is found now), alert_suppression's group_by,
/// timestamp_override, tiebreaker_field.
/// </summary>
public class KeyFieldSchemaTests
{
    private const string Header = "language: kuery\nindex:\n  - logs-aws.cloudtrail-*\n";

    [Theory]
    [InlineData("type: new_terms\nnew_terms:\n  field: new_terms_fields\n  value: [cloud.account.id, user.nmae]\n  history_window_start:\n    - field: history_window_start\n      value: now-10d\n", "user.nmae")]
    [InlineData("type: threshold\nthreshold:\n  field: [source.ipp]\n  value: 5\n", "source.ipp")]
    [InlineData("type: threshold\nthreshold:\n  field: [source.ip]\n  value: 5\n  cardinality:\n    - field: user.nmae\n      value: 2\n", "user.nmae")]
    [InlineData("type: query\nalert_suppression:\n  group_by: [user.nmae]\n", "user.nmae")]
    [InlineData("type: query\ntimestamp_override: event.ingestd\n", "event.ingestd")]
    public void AnUnknownFieldInARuleKeyIsAnErrorAtIt(string keys, string field)
    {
        string rule = Header + keys + RuleYaml.With("event.action:CreateUser");
        var diagnostics = GeneratorHarness.Run(new InMemoryRuleFile("/repo/rules/k.yml", rule)).GeneratorDiagnostics.ToList();
        Diagnostic unknown = Assert.Single(diagnostics, d => d.Id == "RG0050");
        Assert.Contains(field, unknown.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("did you mean", unknown.GetMessage(), StringComparison.OrdinalIgnoreCase);
        var (line, column) = RuleYaml.PositionOf(rule, field);
        var at = unknown.Location.GetLineSpan().StartLinePosition;
        Assert.Equal((line, column), (at.Line + 1, at.Character + 1));
    }

    [Fact]
    public void KnownFieldsInRuleKeysGiveNoSchemaDiagnostic()
    {
        string rule = Header + "type: new_terms\nnew_terms:\n  field: new_terms_fields\n  value: [cloud.account.id, user.name]\n  history_window_start:\n    - field: history_window_start\n      value: now-10d\ntimestamp_override: event.ingested\n"
            + RuleYaml.With("event.action:CreateUser");
        var diagnostics = GeneratorHarness.Run(new InMemoryRuleFile("/repo/rules/k.yml", rule)).GeneratorDiagnostics.ToList();
        // The fields are known and new_terms compiles: no diagnostic at all.
        Assert.Empty(diagnostics);
    }
}
