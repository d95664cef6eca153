using System.Linq;
using RuleGen.Runtime;
using RuleGen.Runtime.Windows;
using Xunit;

namespace RuleGen.Tests.Windows;

/// <summary>
/// A `type: new_terms` rule compiles: its KQL query is the filter (the per-event path), its new_terms key the window
/// stage (an override of CompiledRule.Stateful), and it keeps its own columns plus the new-terms fields (the alert
/// copies the event).
/// </summary>
public class NewTermsRuleCompileTests
{
    [Fact]
    public void TheGeneratedClassCarriesTheNewTermsStageAndKeepsTheRulesColumnsAndTheFields()
    {
        GeneratorHarness.Result result = GeneratorHarness.Run(GeneratorHarness.RepositoryFields().Concat(new[]
        {
            new InMemoryRuleFile("/repo/rules/rare.yml", RuleYaml.With("event.action: AssumeRole", name: "Rare role (MADE)", id: "RARE") + """
                type: new_terms
                timestamp_override: event.ingested
                max_signals: 7
                new_terms:
                  field: new_terms_fields
                  value: [user.name, aws.cloudtrail.resources.arn]
                  history_window_start:
                    - field: history_window_start
                      value: now-10d

                """),
        }), "NewTermsCompile.Rules");
        Assert.DoesNotContain(result.Run.Diagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        string source = string.Join("\n", result.Run.Results.Single().GeneratedSources.Select(s => s.SourceText.ToString()));
        Assert.Contains("public override global::RuleGen.Runtime.Windows.StatefulSpec? Stateful { get; } = new global::RuleGen.Runtime.Windows.NewTermsSpec(", source);
        Assert.Contains("New terms: values of user.name, aws.cloudtrail.resources.arn not seen since now-10d.", source);

        CompiledRule rule = GeneratorHarness.Load(result, "NewTermsCompile.Rules").Rules.Single();
        NewTermsSpec spec = Assert.IsType<NewTermsSpec>(rule.Stateful);
        Assert.Equal(new[] { "user.name", "aws.cloudtrail.resources.arn" }, spec.Fields);
        Assert.Equal("now-10d", spec.HistoryWindowStart);
        Assert.Equal(7, spec.MaxSignals);
        Assert.Equal("new_terms", spec.Kind);
        // The rule's own columns first (a KQL rule keeps the whole event: no KEEP list), then what the stage reads.
        string[] keep = rule.Keep.ToArray();
        Assert.Equal(new[] { "user.name", "aws.cloudtrail.resources.arn", "@timestamp", "event.ingested", "_id", "event.id", "eventID" },
            keep.Skip(keep.Length - 7));
    }

    [Fact]
    public void EveryNewTermsRuleOfThePackInRulesIsBuiltIntoTheCli()
    {
        CompiledRule[] rules = global::RuleGen.Rules.CompiledRules.All.Rules.Where(r => r.Stateful is NewTermsSpec).ToArray();
        Assert.Equal(49, rules.Length);
        Assert.All(rules, r => Assert.InRange(((NewTermsSpec)r.Stateful!).Fields.Count, 1, 3));
    }
}
