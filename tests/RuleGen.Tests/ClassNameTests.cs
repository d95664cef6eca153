using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace RuleGen.Tests;

/// <summary>
/// Issue 7: generated type names never collide. A rule named like one of the generator's own types or members, or
/// two names that differ only in characters a class name drops, used to give a dozen C# errors and no RuleGen
/// diagnostic; now the class is renamed, with a warning (RG0044) at the name, and everything compiles.
/// </summary>
public class ClassNameTests
{
    private const string Query = "from logs-*\n| where event.action == \"A\"";

    private static InMemoryRuleFile File(string file, string name, int id) =>
        new($"/repo/rules/{file}", RuleYaml.With(Query, name: name, id: $"22222222-0000-0000-0000-{id:D12}"));

    private static GeneratorHarness.Result BuildAndLoad(params InMemoryRuleFile[] files)
    {
        GeneratorHarness.Result result = GeneratorHarness.Run(files);
        Assert.Empty(result.CompileDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        return result;
    }

    private static string[] ClassesOf(GeneratorHarness.Result result) =>
        result.Run.Results.Single().GeneratedSources.Select(s => s.HintName.Split('.')[0]).Where(n => n != "CompiledRules").OrderBy(n => n, StringComparer.Ordinal).ToArray();

    [Theory]
    [InlineData("CompiledRules", "CompiledRulesRule")]
    [InlineData("Compiled Rules", "CompiledRulesRule")]
    [InlineData("alert", "AlertRule")]
    [InlineData("Instance", "InstanceRule")]
    [InlineData("Evaluate", "EvaluateRule")]
    [InlineData("To Alert", "ToAlertRule")]
    public void ARuleNamedLikeAGeneratedTypeOrMemberIsRenamedWithAWarning(string name, string expected)
    {
        GeneratorHarness.Result result = BuildAndLoad(File("a.yml", name, 1));
        Diagnostic warning = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal(("RG0044", DiagnosticSeverity.Warning), (warning.Id, warning.Severity));
        Assert.Contains($"is named {expected}", warning.GetMessage(), StringComparison.Ordinal);
        Assert.Equal(RuleYaml.PositionOf(RuleYaml.With(Query, name: name), name, 1).Line, warning.Location.GetLineSpan().StartLinePosition.Line + 1);
        Assert.Equal(new[] { expected }, ClassesOf(result));
        Assert.Equal(name, GeneratorHarness.Load(result).Rules.Single().Metadata.Name);
    }

    [Theory]
    [InlineData("Metadata")]
    [InlineData("Fields")]
    [InlineData("Keep")]
    [InlineData("Dispatch")]
    [InlineData("Required Literals")]
    [InlineData("To String")]
    [InlineData("Equals")]
    [InlineData("Object")]
    [InlineData("System")]
    [InlineData("Rule Gen")]
    [InlineData("Runtime")]
    [InlineData("Test")]
    [InlineData("class")]
    public void NamesOfInheritedMembersNamespacesAndKeywordsNeedNoRenaming(string name)
    {
        GeneratorHarness.Result result = BuildAndLoad(File("a.yml", name, 1));
        Assert.Empty(result.GeneratorDiagnostics);
        GeneratorHarness.Load(result);
    }

    [Fact]
    public void NamesThatDifferOnlyInDroppedCharactersGetNumberedClasses()
    {
        GeneratorHarness.Result result = BuildAndLoad(File("a.yml", "\"AWS IAM: login\"", 1), File("b.yml", "AWS IAM login", 2), File("c.yml", "AWS-IAM login!", 3));
        var warnings = result.GeneratorDiagnostics.ToList();
        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, w => Assert.Equal("RG0044", w.Id));
        Assert.Contains("The class of rule 'AWS IAM login' is named AwsIamLogin2: AwsIamLogin is the class of 'AWS IAM: login' (a.yml)", warnings.Select(w => w.GetMessage()));
        Assert.Equal("/repo/rules/c.yml", warnings.Single(w => w.GetMessage().Contains("AwsIamLogin3", StringComparison.Ordinal)).Location.GetLineSpan().Path);
        Assert.Equal(new[] { "AwsIamLogin", "AwsIamLogin2", "AwsIamLogin3" }, ClassesOf(result));
        Assert.Equal(3, GeneratorHarness.Load(result).Rules.Count);
    }

    [Fact]
    public void TheSameNameTwiceIsAnRG0043WarningAndBothRulesCompile()
    {
        GeneratorHarness.Result result = BuildAndLoad(File("a.yml", "Same name", 1), File("b.yml", "Same name", 2));
        Assert.Equal(new[] { "RG0043", "RG0043" }, result.GeneratorDiagnostics.Select(d => d.Id).ToArray());
        Assert.All(result.GeneratorDiagnostics, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        Assert.Equal(2, GeneratorHarness.Load(result).Rules.Count);
    }

    [Fact]
    public void AVeryLongNameIsCutWithAWarning()
    {
        string name = string.Concat(Enumerable.Repeat("Very long name ", 40));
        GeneratorHarness.Result result = BuildAndLoad(File("a.yml", name, 1));
        Assert.Contains("longer than 200 characters", Assert.Single(result.GeneratorDiagnostics).GetMessage(), StringComparison.Ordinal);
        Assert.Equal(200, ClassesOf(result).Single().Length);
    }

    [Fact]
    public void RenamingIsStableAndOnlyTheRenamedRuleIsWarned()
    {
        GeneratorHarness.Result result = BuildAndLoad(File("b.yml", "CompiledRules", 2), File("a.yml", "Compiled Rules Rule", 1));
        // a.yml comes first: it keeps CompiledRulesRule; b.yml's CompiledRules becomes CompiledRulesRule, then 2.
        Assert.Equal(new[] { "CompiledRulesRule", "CompiledRulesRule2" }, ClassesOf(result));
        Diagnostic warning = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("/repo/rules/b.yml", warning.Location.GetLineSpan().Path);
    }
}
