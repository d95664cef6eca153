using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RuleGen.Generator;
using Xunit;

namespace RuleGen.Tests;

/// <summary>
/// The generator stays incremental: an unrelated edit leaves every step cached, editing one rule recompiles and
/// re-emits only that rule, and no step output holds a Roslyn object (which would pin compilations in memory).
/// </summary>
public class IncrementalTests
{
    private const string Query = "from logs-*\n| where event.action == \"A\"";

    private static readonly string[] TrackedSteps =
    {
        TrackingNames.RuleFiles, TrackingNames.RuleModels, TrackingNames.EmittableRules, TrackingNames.RuleSet, TrackingNames.ClassNames, TrackingNames.NamedRules, TrackingNames.Namespace,
        TrackingNames.RuleIdentities, TrackingNames.AttackCatalog, TrackingNames.ProjectFields,
    };

    private static InMemoryRuleFile[] TwoRules(string secondQuery = Query) => new[]
    {
        new InMemoryRuleFile("/repo/rules/one.yml", RuleYaml.With(Query, name: "Rule One", id: "11111111-0000-0000-0000-000000000001")),
        new InMemoryRuleFile("/repo/rules/two.yml", RuleYaml.With(secondQuery, name: "Rule Two", id: "11111111-0000-0000-0000-000000000002")),
    };

    [Fact]
    public void AnUnrelatedEditLeavesEveryStepCached()
    {
        GeneratorDriver driver = GeneratorHarness.CreateDriver(TwoRules());
        CSharpCompilation compilation = GeneratorHarness.EmptyCompilation();
        GeneratorRunResult first = Run(ref driver, compilation);

        CSharpCompilation edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Unrelated { }", GeneratorHarness.ParseOptions));
        GeneratorRunResult second = Run(ref driver, edited);

        foreach (string step in TrackedSteps)
        {
            Assert.True(second.TrackedSteps.ContainsKey(step), $"step {step} was not tracked");
            foreach (IncrementalGeneratorRunStep run in second.TrackedSteps[step])
            {
                foreach (var (_, reason) in run.Outputs)
                {
                    Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step} ran again: {reason}");
                }
            }
        }
        AssertNoRoslynObjects(first);
        Assert.Equal(first.GeneratedSources.Select(s => s.SourceText.ToString()), second.GeneratedSources.Select(s => s.SourceText.ToString()));
    }

    [Fact]
    public void EditingOneRuleRecompilesOnlyThatRule()
    {
        InMemoryRuleFile[] before = TwoRules();
        GeneratorDriver driver = GeneratorHarness.CreateDriver(before);
        CSharpCompilation compilation = GeneratorHarness.EmptyCompilation();
        GeneratorRunResult first = Run(ref driver, compilation);

        InMemoryRuleFile[] after = TwoRules("from logs-*\n| where event.action == \"B\"");
        driver = driver.ReplaceAdditionalText(before[1], after[1]);
        GeneratorRunResult second = Run(ref driver, compilation);

        var models = second.TrackedSteps[TrackingNames.RuleModels].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.Equal(1, models.Count(r => r == IncrementalStepRunReason.Modified));
        Assert.Equal(1, models.Count(r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));

        // The rule set lists class names only: a changed condition leaves it untouched.
        Assert.All(second.TrackedSteps[TrackingNames.RuleSet].SelectMany(s => s.Outputs), o =>
            Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));

        string Source(GeneratorRunResult r, string prefix) => r.GeneratedSources.Single(s => s.HintName.StartsWith(prefix, StringComparison.Ordinal)).SourceText.ToString();
        Assert.Equal(Source(first, "RuleOne."), Source(second, "RuleOne."));
        Assert.NotEqual(Source(first, "RuleTwo."), Source(second, "RuleTwo."));
        Assert.Contains("\"B\"u8", Source(second, "RuleTwo."), StringComparison.Ordinal);
    }

    [Fact]
    public void RenamingOneRuleLeavesTheOtherNamedAndEmittedAsBefore()
    {
        InMemoryRuleFile[] before = TwoRules();
        GeneratorDriver driver = GeneratorHarness.CreateDriver(before);
        CSharpCompilation compilation = GeneratorHarness.EmptyCompilation();
        Run(ref driver, compilation);

        // The class-name table changes, but the first rule keeps its name: its named model is unchanged.
        driver = driver.ReplaceAdditionalText(before[1], new InMemoryRuleFile(before[1].Path, before[1].GetText()!.ToString().Replace("Rule Two", "Rule Deux")));
        GeneratorRunResult second = Run(ref driver, compilation);
        var named = second.TrackedSteps[TrackingNames.NamedRules].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.Equal(2, named.Count);
        Assert.Equal(1, named.Count(r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
        Assert.Contains(second.GeneratedSources, s => s.HintName.StartsWith("RuleDeux.", StringComparison.Ordinal));
    }

    [Fact]
    public void ReformattingARuleWithoutChangingItsMeaningKeepsItsCode()
    {
        InMemoryRuleFile[] before = TwoRules();
        GeneratorDriver driver = GeneratorHarness.CreateDriver(before);
        CSharpCompilation compilation = GeneratorHarness.EmptyCompilation();
        GeneratorRunResult first = Run(ref driver, compilation);

        // Same rule, a trailing comment added: the model compares equal, nothing is re-emitted.
        var edited = new InMemoryRuleFile(before[0].Path, before[0].GetText()!.ToString() + "# reviewed\n");
        driver = driver.ReplaceAdditionalText(before[0], edited);
        GeneratorRunResult second = Run(ref driver, compilation);
        var models = second.TrackedSteps[TrackingNames.RuleModels].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.DoesNotContain(IncrementalStepRunReason.Modified, models);
        Assert.Equal(first.GeneratedSources.Select(s => s.SourceText.ToString()), second.GeneratedSources.Select(s => s.SourceText.ToString()));
    }

    [Fact]
    public void AddingAFieldsFileRebindsTheRulesButEmitsTheSameCode()
    {
        InMemoryRuleFile[] rules = TwoRules();
        GeneratorDriver driver = GeneratorHarness.CreateDriver(rules);
        CSharpCompilation compilation = GeneratorHarness.EmptyCompilation();
        GeneratorRunResult first = Run(ref driver, compilation);

        driver = driver.AddAdditionalTexts(System.Collections.Immutable.ImmutableArray.Create<AdditionalText>(
            new InMemoryRuleFile("/repo/fields/extra.yml", "- name: extra.field\n  type: keyword\n")));
        GeneratorRunResult second = Run(ref driver, compilation);

        // The rules were bound again (the schema changed) but their models are equal: nothing is re-emitted.
        var models = second.TrackedSteps[TrackingNames.RuleModels].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.All(models, r => Assert.True(r is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached, r.ToString()));
        Assert.Equal(first.GeneratedSources.Select(s => s.SourceText.ToString()), second.GeneratedSources.Select(s => s.SourceText.ToString()));
    }

    private static GeneratorRunResult Run(ref GeneratorDriver driver, Compilation compilation)
    {
        driver = driver.RunGenerators(compilation);
        return driver.GetRunResult().Results.Single();
    }

    /// <summary>Walks every step output's object graph: no Compilation, ISymbol, SyntaxNode or Location inside.</summary>
    private static void AssertNoRoslynObjects(GeneratorRunResult result)
    {
        foreach (var (name, runs) in result.TrackedSteps)
        {
            foreach (IncrementalGeneratorRunStep run in runs)
            {
                foreach (var (value, _) in run.Outputs)
                {
                    Visit(value, name, new HashSet<object>(ReferenceEqualityComparer.Instance), 0);
                }
            }
        }
    }

    private static void Visit(object? value, string step, HashSet<object> seen, int depth)
    {
        if (value is null || depth > 12) return;
        Type type = value.GetType();
        if (type.IsPrimitive || value is string || type.IsEnum) return;
        Assert.False(value is Compilation or ISymbol or SyntaxNode or SyntaxTree or Location or SemanticModel,
            $"step {step} holds a Roslyn object of type {type}");
        if (!type.IsValueType && !seen.Add(value)) return;
        if (value is System.Collections.IEnumerable items)
        {
            foreach (object? item in items) Visit(item, step, seen, depth + 1);
        }
        foreach (var field in type.GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic))
        {
            if (field.FieldType.IsPointer) continue;
            Visit(field.GetValue(value), step, seen, depth + 1);
        }
    }
}
