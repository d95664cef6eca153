using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RuleGen.Generator;
using Xunit;

namespace RuleGen.Tests;

/// <summary>
/// The generator is incremental the way System.Text.Json's is: positions and diagnostics have their own steps, so
/// moving text re-runs only those; each test states the run reason of every tracked step's every output after one
/// edit (C = Cached, U = Unchanged: ran again and produced an equal value, M = Modified, N = New, R = Removed),
/// in input order (rule one, rule two, then any added file). The models hold no Roslyn objects.
/// </summary>
public class IncrementalTests
{
    // Rule one keeps an ECS ip and a long of the project's fields file: its alert record is typed from the schema.
    private const string QueryOne = "from logs-*\n| where event.action == \"A\"\n| keep source.ip, extra.count";

    // Rule two reads a field ECS does not have: warning RG0051 (no schema for logs-*), gone once a fields file declares it.
    private const string QueryTwo = "from logs-*\n| where custom.thing == \"A\"";

    private const string FieldsFile = "/repo/fields/extra.yml";

    private const string Fields = "- name: extra.count\n  type: long\n";

    // Rule one's risk_score is outside its severity's band: warning RG0040 at the risk_score line.
    private static InMemoryRuleFile RuleOne(string query = QueryOne, string prefix = "") =>
        new("/repo/rules/one.yml", prefix + RuleYaml.With(query, "risk_score: 73", "risk_score: 99", name: "Rule One", id: "11111111-0000-0000-0000-000000000001"));

    private static InMemoryRuleFile RuleTwo(string query = QueryTwo) =>
        new("/repo/rules/two.yml", RuleYaml.With(query, name: "Rule Two", id: "11111111-0000-0000-0000-000000000002"));

    private static InMemoryRuleFile RuleThree() =>
        new("/repo/rules/three.yml", RuleYaml.With(QueryOne, name: "Rule Three", id: "11111111-0000-0000-0000-000000000003"));

    private static InMemoryRuleFile[] Inputs(InMemoryRuleFile? one = null, InMemoryRuleFile? two = null, string fields = Fields) =>
        new[] { one ?? RuleOne(), two ?? RuleTwo(), new InMemoryRuleFile(FieldsFile, fields) };

    /// <summary>A driver after its first run over <paramref name="inputs"/>, and that run.</summary>
    private static (GeneratorDriver Driver, GeneratorRunResult First) Start(InMemoryRuleFile[] inputs, IReadOnlyDictionary<string, string>? properties = null)
    {
        GeneratorDriver driver = GeneratorHarness.CreateDriver(inputs, "Test.Rules", properties);
        GeneratorRunResult first = Run(ref driver, GeneratorHarness.EmptyCompilation());
        Assert.All(first.TrackedSteps.Values.SelectMany(s => s).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.New, o.Reason));
        return (driver, first);
    }

    private const string SidecarOnePath = "/repo/rules/one.tests.yml";

    private static InMemoryRuleFile SidecarOne(string above = "", string name = "MADE: action A") =>
        new(SidecarOnePath, above + "tests:\n  - name: '" + name + "'\n    expect: match\n    event: {event: {action: A}}\n");

    private static InMemoryRuleFile SidecarTwo() =>
        new("/repo/rules/two.tests.yml", "tests:\n  - name: 'MADE: another thing'\n    expect: no_match\n    event: {custom: {thing: B}}\n");

    private static InMemoryRuleFile[] InputsWithSidecars() => Inputs().Append(SidecarOne()).Append(SidecarTwo()).ToArray();

    [Fact]
    public void EditingATestsFileReEmitsOnlyItsRuleAndCompilesNothing()
    {
        InMemoryRuleFile[] inputs = InputsWithSidecars();
        var (driver, first) = Start(inputs);
        driver = driver.ReplaceAdditionalText(inputs[3], SidecarOne(name: "MADE: action A, renamed"));
        GeneratorRunResult second = Run(ref driver, GeneratorHarness.EmptyCompilation());

        // (The driver lists a replaced additional text at another place among the rule files: RuleFiles' order.)
        // The tests file is read again and the table changes; every rule's attach step runs (a lookup), but only rule
        // one's result changes, so only rule one is re-emitted. No rule is parsed or bound again.
        AssertSteps(second, new()
        {
            [TrackingNames.Namespace] = "C", [TrackingNames.DefaultSchema] = "C", [TrackingNames.RuleFiles] = "M C C C",
            [TrackingNames.AttackCatalog] = "C", [TrackingNames.ProjectFields] = "C", [TrackingNames.BindingContext] = "C", [TrackingNames.SigmaPipelines] = "C", [TrackingNames.RuleInputs] = "C C",
            [TrackingNames.CompiledRules] = "C C", [TrackingNames.RuleDiagnostics] = "C C", [TrackingNames.RuleModels] = "C C",
            [TrackingNames.ClassNameRequests] = "C C", [TrackingNames.ClassNames] = "C", [TrackingNames.NamedRules] = "C C",
            [TrackingNames.AttachedTests] = "M U", [TrackingNames.SidecarFiles] = "M C", [TrackingNames.SidecarTable] = "M",
            [TrackingNames.RuleEmit] = "M C", [TrackingNames.RuleFields] = "C C", [TrackingNames.RuleSet] = "C",
            [TrackingNames.RuleIdentities] = "C C", [TrackingNames.SidecarDiagnostics] = "C", [TrackingNames.RuleSetDiagnostics] = "C",
            [TrackingNames.CorrelationTable] = "C", [TrackingNames.CorrelatedRules] = "C C", [TrackingNames.CorrelationDiagnostics] = "C",
        });
        Assert.DoesNotContain("action A, renamed", Source(first, "RuleOne."), StringComparison.Ordinal);
        Assert.Contains("action A, renamed", Source(second, "RuleOne."), StringComparison.Ordinal);
        Assert.Equal(Source(first, "RuleTwo."), Source(second, "RuleTwo."));
        Assert.Equal(Source(first, "CompiledRules"), Source(second, "CompiledRules"));
    }

    [Fact]
    public void MovingTextInATestsFileRunsOnlyItsDiagnosticsSteps()
    {
        InMemoryRuleFile[] inputs = InputsWithSidecars();
        var (driver, first) = Start(inputs);
        driver = driver.ReplaceAdditionalText(inputs[3], SidecarOne(above: "# MADE examples\n\n"));
        GeneratorRunResult second = Run(ref driver, GeneratorHarness.EmptyCompilation());

        AssertSteps(second, new()
        {
            [TrackingNames.Namespace] = "C", [TrackingNames.DefaultSchema] = "C", [TrackingNames.RuleFiles] = "M C C C",
            [TrackingNames.AttackCatalog] = "C", [TrackingNames.ProjectFields] = "C", [TrackingNames.BindingContext] = "C", [TrackingNames.SigmaPipelines] = "C", [TrackingNames.RuleInputs] = "C C",
            [TrackingNames.CompiledRules] = "C C", [TrackingNames.RuleDiagnostics] = "C C", [TrackingNames.RuleModels] = "C C",
            [TrackingNames.ClassNameRequests] = "C C", [TrackingNames.ClassNames] = "C", [TrackingNames.NamedRules] = "C C",
            [TrackingNames.AttachedTests] = "C C", [TrackingNames.SidecarFiles] = "M C", [TrackingNames.SidecarTable] = "C",
            [TrackingNames.RuleEmit] = "C C", [TrackingNames.RuleFields] = "C C", [TrackingNames.RuleSet] = "C",
            [TrackingNames.RuleIdentities] = "C C", [TrackingNames.SidecarDiagnostics] = "U", [TrackingNames.RuleSetDiagnostics] = "C",
            [TrackingNames.CorrelationTable] = "C", [TrackingNames.CorrelatedRules] = "C C", [TrackingNames.CorrelationDiagnostics] = "C",
        });
        AssertSameSources(first, second);
    }

    [Fact]
    public void EditingARuleDoesNotReadItsOrAnyOtherTestsFileAgain()
    {
        InMemoryRuleFile[] inputs = InputsWithSidecars();
        var (driver, first) = Start(inputs);
        driver = driver.ReplaceAdditionalText(inputs[1], RuleTwo("from logs-*\n| where custom.thing == \"C\""));
        GeneratorRunResult second = Run(ref driver, GeneratorHarness.EmptyCompilation());

        // Rule two recompiles and its examples are attached again from the cached table; no tests file is read.
        AssertSteps(second, new()
        {
            [TrackingNames.Namespace] = "C", [TrackingNames.DefaultSchema] = "C", [TrackingNames.RuleFiles] = "C C C M",
            [TrackingNames.AttackCatalog] = "C", [TrackingNames.ProjectFields] = "C", [TrackingNames.BindingContext] = "C", [TrackingNames.SigmaPipelines] = "C", [TrackingNames.RuleInputs] = "C M",
            [TrackingNames.CompiledRules] = "C M", [TrackingNames.RuleDiagnostics] = "C U", [TrackingNames.RuleModels] = "C M",
            [TrackingNames.ClassNameRequests] = "C U", [TrackingNames.ClassNames] = "C", [TrackingNames.NamedRules] = "C M",
            [TrackingNames.AttachedTests] = "C M", [TrackingNames.SidecarFiles] = "C C", [TrackingNames.SidecarTable] = "C",
            [TrackingNames.RuleEmit] = "C M", [TrackingNames.RuleFields] = "C U", [TrackingNames.RuleSet] = "C",
            [TrackingNames.RuleIdentities] = "C U", [TrackingNames.SidecarDiagnostics] = "C", [TrackingNames.RuleSetDiagnostics] = "C",
            [TrackingNames.CorrelationTable] = "C", [TrackingNames.CorrelatedRules] = "C M", [TrackingNames.CorrelationDiagnostics] = "C",
        });
        Assert.Contains("MADE: another thing", Source(second, "RuleTwo."), StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnrelatedCSharpEditLeavesEveryStepCached()
    {
        InMemoryRuleFile[] inputs = Inputs();
        var (driver, first) = Start(inputs);
        CSharpCompilation edited = GeneratorHarness.EmptyCompilation().AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Unrelated { }", GeneratorHarness.ParseOptions));
        GeneratorRunResult second = Run(ref driver, edited);

        AssertSteps(second, new()
        {
            [TrackingNames.Namespace] = "C", [TrackingNames.DefaultSchema] = "C", [TrackingNames.RuleFiles] = "C C",
            [TrackingNames.AttackCatalog] = "C", [TrackingNames.ProjectFields] = "C", [TrackingNames.BindingContext] = "C", [TrackingNames.SigmaPipelines] = "C", [TrackingNames.RuleInputs] = "C C",
            [TrackingNames.CompiledRules] = "C C", [TrackingNames.RuleDiagnostics] = "C C", [TrackingNames.RuleModels] = "C C",
            [TrackingNames.ClassNameRequests] = "C C", [TrackingNames.ClassNames] = "C", [TrackingNames.NamedRules] = "C C",
            [TrackingNames.RuleEmit] = "C C", [TrackingNames.RuleFields] = "C C", [TrackingNames.RuleSet] = "C",
            [TrackingNames.RuleIdentities] = "C C", [TrackingNames.AttachedTests] = "C C", [TrackingNames.SidecarFiles] = "(not run)", [TrackingNames.SidecarTable] = "C",
            [TrackingNames.SidecarDiagnostics] = "C", [TrackingNames.RuleSetDiagnostics] = "C",
            [TrackingNames.CorrelationTable] = "C", [TrackingNames.CorrelatedRules] = "C C", [TrackingNames.CorrelationDiagnostics] = "C",
        });
        AssertSameSources(first, second);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("# reviewed by the detection team\n")]
    [InlineData("\n\n# moved down three lines\n")]
    public void MovingARuleDownItsFileRunsOnlyTheDiagnosticsSteps(string above)
    {
        InMemoryRuleFile[] inputs = Inputs();
        var (driver, first) = Start(inputs);
        InMemoryRuleFile moved = RuleOne(prefix: above);
        driver = driver.ReplaceAdditionalText(inputs[0], moved);
        GeneratorRunResult second = Run(ref driver, GeneratorHarness.EmptyCompilation());

        // The compiled file holds the positions, so it changes; its emit model does not, and nothing is re-emitted.
        AssertSteps(second, new()
        {
            [TrackingNames.Namespace] = "C", [TrackingNames.DefaultSchema] = "C", [TrackingNames.RuleFiles] = "M C",
            [TrackingNames.AttackCatalog] = "C", [TrackingNames.ProjectFields] = "C", [TrackingNames.BindingContext] = "C", [TrackingNames.SigmaPipelines] = "C", [TrackingNames.RuleInputs] = "M C",
            [TrackingNames.CompiledRules] = "M C", [TrackingNames.RuleDiagnostics] = "M C", [TrackingNames.RuleModels] = "U C",
            [TrackingNames.ClassNameRequests] = "C C", [TrackingNames.ClassNames] = "C", [TrackingNames.NamedRules] = "C C",
            [TrackingNames.RuleEmit] = "C C", [TrackingNames.RuleFields] = "C C", [TrackingNames.RuleSet] = "C",
            [TrackingNames.RuleIdentities] = "M C", [TrackingNames.AttachedTests] = "C C", [TrackingNames.SidecarFiles] = "(not run)", [TrackingNames.SidecarTable] = "C",
            [TrackingNames.SidecarDiagnostics] = "C", [TrackingNames.RuleSetDiagnostics] = "U",
            [TrackingNames.CorrelationTable] = "C", [TrackingNames.CorrelatedRules] = "C C", [TrackingNames.CorrelationDiagnostics] = "U",
        });
        AssertSameSources(first, second);

        // … and the warning moved with the text.
        int lines = above.Count(c => c == '\n');
        Assert.Equal(Line(first, "RG0040") + lines, Line(second, "RG0040"));
    }

    [Fact]
    public void ACommentInsideAQueryReEmitsThatRuleWithTheSameCondition()
    {
        InMemoryRuleFile[] inputs = Inputs();
        var (driver, first) = Start(inputs);
        driver = driver.ReplaceAdditionalText(inputs[0], RuleOne(QueryOne.Replace("\n| where", "\n// reviewed\n| where", StringComparison.Ordinal)));
        GeneratorRunResult second = Run(ref driver, GeneratorHarness.EmptyCompilation());

        // The query text is part of the rule's metadata (RuleMetadata.Query), so the rule's class is written again;
        // its fields, name and identity are the same, so the rule set and the other rule are not. Its warning is above
        // the query and has not moved.
        AssertSteps(second, new()
        {
            [TrackingNames.Namespace] = "C", [TrackingNames.DefaultSchema] = "C", [TrackingNames.RuleFiles] = "M C",
            [TrackingNames.AttackCatalog] = "C", [TrackingNames.ProjectFields] = "C", [TrackingNames.BindingContext] = "C", [TrackingNames.SigmaPipelines] = "C", [TrackingNames.RuleInputs] = "M C",
            [TrackingNames.CompiledRules] = "M C", [TrackingNames.RuleDiagnostics] = "U C", [TrackingNames.RuleModels] = "M C",
            [TrackingNames.ClassNameRequests] = "U C", [TrackingNames.ClassNames] = "C", [TrackingNames.NamedRules] = "M C",
            [TrackingNames.RuleEmit] = "M C", [TrackingNames.RuleFields] = "U C", [TrackingNames.RuleSet] = "C",
            [TrackingNames.RuleIdentities] = "U C", [TrackingNames.AttachedTests] = "M C", [TrackingNames.SidecarFiles] = "(not run)", [TrackingNames.SidecarTable] = "C",
            [TrackingNames.SidecarDiagnostics] = "C", [TrackingNames.RuleSetDiagnostics] = "C",
            [TrackingNames.CorrelationTable] = "C", [TrackingNames.CorrelatedRules] = "M C", [TrackingNames.CorrelationDiagnostics] = "C",
        });
        string before = Source(first, "RuleOne."), after = Source(second, "RuleOne.");
        Assert.NotEqual(before, after);
        Assert.Equal(Evaluate(before), Evaluate(after));
        Assert.Equal(Source(first, "RuleTwo."), Source(second, "RuleTwo."));
    }

    [Fact]
    public void ARealQueryChangeModifiesOnlyThatRulesSteps()
    {
        InMemoryRuleFile[] inputs = Inputs();
        var (driver, first) = Start(inputs);
        driver = driver.ReplaceAdditionalText(inputs[1], RuleTwo("from logs-*\n| where custom.thing == \"B\""));
        GeneratorRunResult second = Run(ref driver, GeneratorHarness.EmptyCompilation());

        // The warning is at the same place with the same text: the diagnostics step runs and finds it unchanged.
        AssertSteps(second, new()
        {
            [TrackingNames.Namespace] = "C", [TrackingNames.DefaultSchema] = "C", [TrackingNames.RuleFiles] = "C M",
            [TrackingNames.AttackCatalog] = "C", [TrackingNames.ProjectFields] = "C", [TrackingNames.BindingContext] = "C", [TrackingNames.SigmaPipelines] = "C", [TrackingNames.RuleInputs] = "C M",
            [TrackingNames.CompiledRules] = "C M", [TrackingNames.RuleDiagnostics] = "C U", [TrackingNames.RuleModels] = "C M",
            [TrackingNames.ClassNameRequests] = "C U", [TrackingNames.ClassNames] = "C", [TrackingNames.NamedRules] = "C M",
            [TrackingNames.RuleEmit] = "C M", [TrackingNames.RuleFields] = "C U", [TrackingNames.RuleSet] = "C",
            [TrackingNames.RuleIdentities] = "C U", [TrackingNames.AttachedTests] = "C M", [TrackingNames.SidecarFiles] = "(not run)", [TrackingNames.SidecarTable] = "C",
            [TrackingNames.SidecarDiagnostics] = "C", [TrackingNames.RuleSetDiagnostics] = "C",
            [TrackingNames.CorrelationTable] = "C", [TrackingNames.CorrelatedRules] = "C M", [TrackingNames.CorrelationDiagnostics] = "C",
        });
        Assert.Equal(Source(first, "RuleOne."), Source(second, "RuleOne."));
        Assert.Contains("\"B\"u8", Source(second, "RuleTwo."), StringComparison.Ordinal);
        Assert.Equal(Source(first, "CompiledRules"), Source(second, "CompiledRules"));
    }

    [Fact]
    public void AddingARuleFileAddsItsStepsAndRebuildsOnlyTheRuleSet()
    {
        InMemoryRuleFile[] inputs = Inputs();
        var (driver, first) = Start(inputs);
        driver = driver.AddAdditionalTexts(ImmutableArray.Create<AdditionalText>(RuleThree()));
        GeneratorRunResult second = Run(ref driver, GeneratorHarness.EmptyCompilation());

        AssertSteps(second, new()
        {
            [TrackingNames.Namespace] = "C", [TrackingNames.DefaultSchema] = "C", [TrackingNames.RuleFiles] = "C C N",
            [TrackingNames.AttackCatalog] = "C", [TrackingNames.ProjectFields] = "C", [TrackingNames.BindingContext] = "C", [TrackingNames.SigmaPipelines] = "C", [TrackingNames.RuleInputs] = "C C N",
            [TrackingNames.CompiledRules] = "C C N", [TrackingNames.RuleDiagnostics] = "C C N", [TrackingNames.RuleModels] = "C C N",
            [TrackingNames.ClassNameRequests] = "C C N", [TrackingNames.ClassNames] = "M", [TrackingNames.NamedRules] = "U U N",
            [TrackingNames.RuleEmit] = "C C N", [TrackingNames.RuleFields] = "C C N", [TrackingNames.RuleSet] = "M",
            [TrackingNames.RuleIdentities] = "C C N", [TrackingNames.AttachedTests] = "C C N", [TrackingNames.SidecarFiles] = "(not run)", [TrackingNames.SidecarTable] = "C",
            [TrackingNames.SidecarDiagnostics] = "U", [TrackingNames.RuleSetDiagnostics] = "U",
            [TrackingNames.CorrelationTable] = "U", [TrackingNames.CorrelatedRules] = "C C N", [TrackingNames.CorrelationDiagnostics] = "U",
        });
        Assert.Equal(Source(first, "RuleOne."), Source(second, "RuleOne."));
        Assert.Contains("RuleThree", Source(second, "CompiledRules"), StringComparison.Ordinal);
    }

    [Fact]
    public void RemovingARuleFileRemovesItsStepsAndRebuildsOnlyTheRuleSet()
    {
        InMemoryRuleFile[] inputs = Inputs();
        var (driver, first) = Start(inputs);
        driver = driver.RemoveAdditionalTexts(ImmutableArray.Create<AdditionalText>(inputs[1]));
        GeneratorRunResult second = Run(ref driver, GeneratorHarness.EmptyCompilation());

        AssertSteps(second, new()
        {
            [TrackingNames.Namespace] = "C", [TrackingNames.DefaultSchema] = "C", [TrackingNames.RuleFiles] = "C R",
            [TrackingNames.AttackCatalog] = "C", [TrackingNames.ProjectFields] = "C", [TrackingNames.BindingContext] = "C", [TrackingNames.SigmaPipelines] = "C", [TrackingNames.RuleInputs] = "C R",
            [TrackingNames.CompiledRules] = "C R", [TrackingNames.RuleDiagnostics] = "C R", [TrackingNames.RuleModels] = "C R",
            [TrackingNames.ClassNameRequests] = "C R", [TrackingNames.ClassNames] = "M", [TrackingNames.NamedRules] = "U R",
            [TrackingNames.RuleEmit] = "C R", [TrackingNames.RuleFields] = "C R", [TrackingNames.RuleSet] = "M",
            [TrackingNames.RuleIdentities] = "C R", [TrackingNames.AttachedTests] = "C R", [TrackingNames.SidecarFiles] = "(not run)", [TrackingNames.SidecarTable] = "C",
            [TrackingNames.SidecarDiagnostics] = "U", [TrackingNames.RuleSetDiagnostics] = "U",
            [TrackingNames.CorrelationTable] = "U", [TrackingNames.CorrelatedRules] = "C R", [TrackingNames.CorrelationDiagnostics] = "U",
        });
        Assert.Equal(Source(first, "RuleOne."), Source(second, "RuleOne."));
        Assert.DoesNotContain(second.GeneratedSources, s => s.HintName.StartsWith("RuleTwo.", StringComparison.Ordinal));
    }

    private const string SigmaRule =
        "title: Sigma One\nid: 11111111-0000-4000-8000-000000000009\nstatus: test\ndescription: d\nauthor: a\nlevel: low\n" +
        "logsource:\n  product: aws\n  service: cloudtrail\ndetection:\n  sel:\n    action: CreateUser\n  condition: sel\n";

    private const string PipelineFile = "/repo/pipelines/names.yml";

    [Fact]
    public void ASigmaPipelineEditRecompilesOnlyTheSigmaRules()
    {
        const string pipeline = "transformations:\n  - type: field_name_mapping\n    mapping: {action: eventName}\n";
        InMemoryRuleFile[] inputs = { RuleOne(), new InMemoryRuleFile("/repo/rules/sigma.yml", SigmaRule), new InMemoryRuleFile(FieldsFile, Fields), new InMemoryRuleFile(PipelineFile, pipeline) };
        var (driver, first) = Start(inputs);
        Assert.DoesNotContain(first.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        driver = driver.ReplaceAdditionalText(inputs[3], new InMemoryRuleFile(PipelineFile, pipeline.Replace("eventName", "eventType", StringComparison.Ordinal)));
        GeneratorRunResult second = Run(ref driver, GeneratorHarness.EmptyCompilation());

        AssertSteps(second, new()
        {
            [TrackingNames.Namespace] = "C", [TrackingNames.DefaultSchema] = "C", [TrackingNames.RuleFiles] = "C C",
            [TrackingNames.AttackCatalog] = "C", [TrackingNames.ProjectFields] = "C", [TrackingNames.BindingContext] = "C", [TrackingNames.SigmaPipelines] = "M", [TrackingNames.RuleInputs] = "U M",
            [TrackingNames.CompiledRules] = "C M", [TrackingNames.RuleDiagnostics] = "C U", [TrackingNames.RuleModels] = "C M",
            [TrackingNames.ClassNameRequests] = "C U", [TrackingNames.ClassNames] = "C", [TrackingNames.NamedRules] = "C M",
            [TrackingNames.RuleEmit] = "C M", [TrackingNames.RuleFields] = "C M", [TrackingNames.RuleSet] = "M",
            [TrackingNames.RuleIdentities] = "C U", [TrackingNames.RuleSetDiagnostics] = "C", [TrackingNames.AttachedTests] = "C M", [TrackingNames.SidecarFiles] = "(not run)", [TrackingNames.SidecarTable] = "C", [TrackingNames.SidecarDiagnostics] = "C",
            [TrackingNames.CorrelationTable] = "C", [TrackingNames.CorrelatedRules] = "C M", [TrackingNames.CorrelationDiagnostics] = "C",
        });
    }

    [Fact]
    public void AFieldsFileChangeNoRuleReadsRebindsEveryRuleToEqualModels()
    {
        InMemoryRuleFile[] inputs = Inputs();
        var (driver, first) = Start(inputs);
        driver = driver.ReplaceAdditionalText(inputs[2], new InMemoryRuleFile(FieldsFile, Fields + "- name: extra.unused\n  type: keyword\n"));
        GeneratorRunResult second = Run(ref driver, GeneratorHarness.EmptyCompilation());

        AssertSteps(second, new()
        {
            [TrackingNames.Namespace] = "C", [TrackingNames.DefaultSchema] = "C", [TrackingNames.RuleFiles] = "C C",
            [TrackingNames.AttackCatalog] = "C", [TrackingNames.ProjectFields] = "M", [TrackingNames.BindingContext] = "M", [TrackingNames.SigmaPipelines] = "C", [TrackingNames.RuleInputs] = "M M",
            [TrackingNames.CompiledRules] = "U U", [TrackingNames.RuleDiagnostics] = "C C", [TrackingNames.RuleModels] = "C C",
            [TrackingNames.ClassNameRequests] = "C C", [TrackingNames.ClassNames] = "C", [TrackingNames.NamedRules] = "C C",
            [TrackingNames.RuleEmit] = "C C", [TrackingNames.RuleFields] = "C C", [TrackingNames.RuleSet] = "C",
            [TrackingNames.RuleIdentities] = "C C", [TrackingNames.AttachedTests] = "C C", [TrackingNames.SidecarFiles] = "(not run)", [TrackingNames.SidecarTable] = "C",
            [TrackingNames.SidecarDiagnostics] = "C", [TrackingNames.RuleSetDiagnostics] = "C",
            [TrackingNames.CorrelationTable] = "C", [TrackingNames.CorrelatedRules] = "C C", [TrackingNames.CorrelationDiagnostics] = "C",
        });
        AssertSameSources(first, second);
    }

    [Fact]
    public void AFieldsFileDeclaringAFieldChangesOnlyTheDiagnosticsOfTheRuleThatReadsIt()
    {
        InMemoryRuleFile[] inputs = Inputs();
        var (driver, first) = Start(inputs);
        driver = driver.ReplaceAdditionalText(inputs[2], new InMemoryRuleFile(FieldsFile, Fields + "- name: custom.thing\n  type: keyword\n"));
        GeneratorRunResult second = Run(ref driver, GeneratorHarness.EmptyCompilation());

        AssertSteps(second, new()
        {
            [TrackingNames.Namespace] = "C", [TrackingNames.DefaultSchema] = "C", [TrackingNames.RuleFiles] = "C C",
            [TrackingNames.AttackCatalog] = "C", [TrackingNames.ProjectFields] = "M", [TrackingNames.BindingContext] = "M", [TrackingNames.SigmaPipelines] = "C", [TrackingNames.RuleInputs] = "M M",
            [TrackingNames.CompiledRules] = "U M", [TrackingNames.RuleDiagnostics] = "C M", [TrackingNames.RuleModels] = "C U",
            [TrackingNames.ClassNameRequests] = "C C", [TrackingNames.ClassNames] = "C", [TrackingNames.NamedRules] = "C C",
            [TrackingNames.RuleEmit] = "C C", [TrackingNames.RuleFields] = "C C", [TrackingNames.RuleSet] = "C",
            [TrackingNames.RuleIdentities] = "C U", [TrackingNames.AttachedTests] = "C C", [TrackingNames.SidecarFiles] = "(not run)", [TrackingNames.SidecarTable] = "C",
            [TrackingNames.SidecarDiagnostics] = "C", [TrackingNames.RuleSetDiagnostics] = "C",
            [TrackingNames.CorrelationTable] = "C", [TrackingNames.CorrelatedRules] = "C C", [TrackingNames.CorrelationDiagnostics] = "C",
        });
        Assert.Contains(first.Diagnostics, d => d.Id == "RG0051");
        Assert.DoesNotContain(second.Diagnostics, d => d.Id == "RG0051");
        AssertSameSources(first, second);
    }

    [Fact]
    public void AFieldsFileRetypingAKeptFieldReEmitsOnlyTheRuleThatKeepsIt()
    {
        InMemoryRuleFile[] inputs = Inputs();
        var (driver, first) = Start(inputs);
        driver = driver.ReplaceAdditionalText(inputs[2], new InMemoryRuleFile(FieldsFile, Fields.Replace("long", "keyword", StringComparison.Ordinal)));
        GeneratorRunResult second = Run(ref driver, GeneratorHarness.EmptyCompilation());

        AssertSteps(second, new()
        {
            [TrackingNames.Namespace] = "C", [TrackingNames.DefaultSchema] = "C", [TrackingNames.RuleFiles] = "C C",
            [TrackingNames.AttackCatalog] = "C", [TrackingNames.ProjectFields] = "M", [TrackingNames.BindingContext] = "M", [TrackingNames.SigmaPipelines] = "C", [TrackingNames.RuleInputs] = "M M",
            [TrackingNames.CompiledRules] = "M U", [TrackingNames.RuleDiagnostics] = "U C", [TrackingNames.RuleModels] = "M C",
            [TrackingNames.ClassNameRequests] = "U C", [TrackingNames.ClassNames] = "C", [TrackingNames.NamedRules] = "M C",
            [TrackingNames.RuleEmit] = "M C", [TrackingNames.RuleFields] = "U C", [TrackingNames.RuleSet] = "C",
            [TrackingNames.RuleIdentities] = "U C", [TrackingNames.AttachedTests] = "M C", [TrackingNames.SidecarFiles] = "(not run)", [TrackingNames.SidecarTable] = "C",
            [TrackingNames.SidecarDiagnostics] = "C", [TrackingNames.RuleSetDiagnostics] = "C",
            [TrackingNames.CorrelationTable] = "C", [TrackingNames.CorrelatedRules] = "M C", [TrackingNames.CorrelationDiagnostics] = "C",
        });
        Assert.Contains("public long? ExtraCount", Source(first, "RuleOne."), StringComparison.Ordinal);
        Assert.Contains("public string? ExtraCount", Source(second, "RuleOne."), StringComparison.Ordinal);
        Assert.Equal(Source(first, "RuleTwo."), Source(second, "RuleTwo."));
        Assert.Equal(Source(first, "CompiledRules"), Source(second, "CompiledRules"));
    }

    [Fact]
    public void ChangingTheNamespaceReEmitsEveryRuleButRecompilesNone()
    {
        InMemoryRuleFile[] inputs = Inputs();
        var (driver, first) = Start(inputs);
        driver = driver.WithUpdatedAnalyzerConfigOptions(GeneratorHarness.AnalyzerOptions("Other.Rules"));
        GeneratorRunResult second = Run(ref driver, GeneratorHarness.EmptyCompilation());

        AssertSteps(second, new()
        {
            [TrackingNames.Namespace] = "M", [TrackingNames.DefaultSchema] = "U", [TrackingNames.RuleFiles] = "C C",
            [TrackingNames.AttackCatalog] = "C", [TrackingNames.ProjectFields] = "C", [TrackingNames.BindingContext] = "C", [TrackingNames.SigmaPipelines] = "C", [TrackingNames.RuleInputs] = "C C",
            [TrackingNames.CompiledRules] = "C C", [TrackingNames.RuleDiagnostics] = "C C", [TrackingNames.RuleModels] = "C C",
            [TrackingNames.ClassNameRequests] = "C C", [TrackingNames.ClassNames] = "C", [TrackingNames.NamedRules] = "C C",
            [TrackingNames.RuleEmit] = "M M", [TrackingNames.RuleFields] = "C C", [TrackingNames.RuleSet] = "M",
            [TrackingNames.RuleIdentities] = "C C", [TrackingNames.AttachedTests] = "C C", [TrackingNames.SidecarFiles] = "(not run)", [TrackingNames.SidecarTable] = "C",
            [TrackingNames.SidecarDiagnostics] = "C", [TrackingNames.RuleSetDiagnostics] = "C",
            [TrackingNames.CorrelationTable] = "C", [TrackingNames.CorrelatedRules] = "C C", [TrackingNames.CorrelationDiagnostics] = "C",
        });
        Assert.All(second.GeneratedSources, s => Assert.Contains("namespace Other.Rules", s.SourceText.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void ChangingTheDefaultSchemaRebindsEveryRule()
    {
        InMemoryRuleFile[] inputs = Inputs();
        var (driver, first) = Start(inputs);
        driver = driver.WithUpdatedAnalyzerConfigOptions(GeneratorHarness.AnalyzerOptions(properties: new Dictionary<string, string> { ["RuleGenSchema"] = "none" }));
        GeneratorRunResult second = Run(ref driver, GeneratorHarness.EmptyCompilation());

        // Without a schema nothing is typed or checked: rule one's alert columns become JSON (re-emitted), rule two's
        // warning goes (its code is the same).
        AssertSteps(second, new()
        {
            [TrackingNames.Namespace] = "U", [TrackingNames.DefaultSchema] = "M", [TrackingNames.RuleFiles] = "C C",
            [TrackingNames.AttackCatalog] = "C", [TrackingNames.ProjectFields] = "C", [TrackingNames.BindingContext] = "M", [TrackingNames.SigmaPipelines] = "C", [TrackingNames.RuleInputs] = "M M",
            [TrackingNames.CompiledRules] = "M M", [TrackingNames.RuleDiagnostics] = "U M", [TrackingNames.RuleModels] = "M U",
            [TrackingNames.ClassNameRequests] = "U C", [TrackingNames.ClassNames] = "C", [TrackingNames.NamedRules] = "M C",
            [TrackingNames.RuleEmit] = "M C", [TrackingNames.RuleFields] = "U C", [TrackingNames.RuleSet] = "C",
            [TrackingNames.RuleIdentities] = "U U", [TrackingNames.AttachedTests] = "M C", [TrackingNames.SidecarFiles] = "(not run)", [TrackingNames.SidecarTable] = "C",
            [TrackingNames.SidecarDiagnostics] = "C", [TrackingNames.RuleSetDiagnostics] = "C",
            [TrackingNames.CorrelationTable] = "C", [TrackingNames.CorrelatedRules] = "M C", [TrackingNames.CorrelationDiagnostics] = "C",
        });
        Assert.DoesNotContain(second.Diagnostics, d => d.Id == "RG0051");
        Assert.Contains("global::System.Net.IPAddress? SourceIp", Source(first, "RuleOne."), StringComparison.Ordinal);
        Assert.Contains("global::System.Text.Json.JsonElement? SourceIp", Source(second, "RuleOne."), StringComparison.Ordinal);
        Assert.Equal(Source(first, "RuleTwo."), Source(second, "RuleTwo."));
        Assert.Equal(Source(first, "CompiledRules"), Source(second, "CompiledRules"));
    }

    [Fact]
    public void RenamingOneRuleLeavesTheOtherNamedAndEmittedAsBefore()
    {
        InMemoryRuleFile[] inputs = Inputs();
        var (driver, first) = Start(inputs);
        driver = driver.ReplaceAdditionalText(inputs[1], new InMemoryRuleFile(inputs[1].Path, inputs[1].GetText()!.ToString().Replace("Rule Two", "Rule Deux")));
        GeneratorRunResult second = Run(ref driver, GeneratorHarness.EmptyCompilation());

        // The class-name table changes, but rule one keeps its name: its named model is unchanged and not re-emitted.
        // Rule two's warning is one character further into the file (the name got longer).
        AssertSteps(second, new()
        {
            [TrackingNames.Namespace] = "C", [TrackingNames.DefaultSchema] = "C", [TrackingNames.RuleFiles] = "C M",
            [TrackingNames.AttackCatalog] = "C", [TrackingNames.ProjectFields] = "C", [TrackingNames.BindingContext] = "C", [TrackingNames.SigmaPipelines] = "C", [TrackingNames.RuleInputs] = "C M",
            [TrackingNames.CompiledRules] = "C M", [TrackingNames.RuleDiagnostics] = "C M", [TrackingNames.RuleModels] = "C M",
            [TrackingNames.ClassNameRequests] = "C M", [TrackingNames.ClassNames] = "M", [TrackingNames.NamedRules] = "U M",
            [TrackingNames.RuleEmit] = "C M", [TrackingNames.RuleFields] = "C U", [TrackingNames.RuleSet] = "M",
            // The tests-file check reads the rules' titles (a tests file may name its rule by title: a Sigma collection's), so it re-runs, equal.
            [TrackingNames.RuleIdentities] = "C M", [TrackingNames.AttachedTests] = "C M", [TrackingNames.SidecarFiles] = "(not run)", [TrackingNames.SidecarTable] = "C",
            [TrackingNames.SidecarDiagnostics] = "U", [TrackingNames.RuleSetDiagnostics] = "U",
            [TrackingNames.CorrelationTable] = "C", [TrackingNames.CorrelatedRules] = "C M", [TrackingNames.CorrelationDiagnostics] = "U",
        });
        Assert.Equal(Source(first, "RuleOne."), Source(second, "RuleOne."));
        Assert.Contains(second.GeneratedSources, s => s.HintName.StartsWith("RuleDeux.", StringComparison.Ordinal));
    }

    [Fact]
    public void NoStepOutputHoldsARoslynObject()
    {
        InMemoryRuleFile[] inputs = Inputs();
        var (driver, first) = Start(inputs);
        foreach (var (name, runs) in first.TrackedSteps.Where(s => AllSteps.Contains(s.Key)))
        {
            foreach (var (value, _) in runs.SelectMany(r => r.Outputs))
            {
                Visit(value, name, new HashSet<object>(ReferenceEqualityComparer.Instance), 0);
            }
        }
    }

    /// <summary>
    /// By type, not just by the values one run happens to make: every type a step's output can reach (fields, array
    /// elements, generic arguments, every subtype of an abstract field type) is checked. Value structs of Roslyn's text
    /// API (TextSpan, LinePositionSpan) are plain numbers and allowed where positions are allowed.
    /// </summary>
    [Fact]
    public void NoModelTypeCanHoldARoslynObjectAndEmitModelsHoldNoPositions()
    {
        var (_, first) = Start(InputsWithSidecars());
        var stepTypes = first.TrackedSteps.Where(s => AllSteps.Contains(s.Key)).ToDictionary(s => s.Key, s => s.Value.SelectMany(r => r.Outputs).Select(o => o.Value.GetType()).Distinct().ToList());
        Assert.Equal(AllSteps.Length, stepTypes.Count);
        Assert.All(stepTypes.Values, types => Assert.NotEmpty(types));

        // Sigma pipelines keep their positions for their own diagnostics and the rules' (RuleInputs feeds CompiledRules);
        // BindingContext's type can carry them, but only RuleInputs gives them to a file (a pipeline edit leaves
        // BindingContext cached: SigmaPipelineEdit… below). Tests files keep theirs for their own diagnostics.
        var positionSteps = new HashSet<string> { TrackingNames.CompiledRules, TrackingNames.RuleDiagnostics, TrackingNames.RuleIdentities, TrackingNames.RuleSetDiagnostics,
            TrackingNames.SigmaPipelines, TrackingNames.RuleInputs, TrackingNames.BindingContext, TrackingNames.SidecarFiles, TrackingNames.SidecarDiagnostics,
            TrackingNames.CorrelationDiagnostics };
        foreach (var (step, types) in stepTypes)
        {
            foreach (Type type in types)
            {
                var reachable = Reachable(type);
                Assert.All(reachable, t => Assert.False(IsRoslynObject(t), $"step {step}: {type.Name} can hold {t}"));
                if (positionSteps.Contains(step)) continue;
                Assert.All(reachable, t => Assert.False(
                    t.Name is "LocationInfo" or "DiagnosticInfo" || t.Namespace == "Microsoft.CodeAnalysis.Text",
                    $"step {step} feeds the emitter but {type.Name} can hold {t}"));
            }
        }
    }

    private static bool IsRoslynObject(Type type) =>
        type.Assembly.GetName().Name!.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)
        && !(type.IsValueType && type.Namespace == "Microsoft.CodeAnalysis.Text");

    /// <summary>Every type whose instances an instance of <paramref name="root"/> can reach through its fields.</summary>
    private static HashSet<Type> Reachable(Type root)
    {
        Type[] generatorTypes = typeof(RuleGenGenerator).Assembly.GetTypes();
        var seen = new HashSet<Type>();
        var pending = new Stack<Type>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            Type type = pending.Pop();
            if (type.IsGenericParameter || !seen.Add(type)) continue;
            if (type.IsPrimitive || type.IsEnum || type == typeof(string) || IsRoslynObject(type)) continue;
            Assert.False(type == typeof(object), $"{root.Name} has a field of type object: it could hold anything");
            if (type.IsArray) pending.Push(type.GetElementType()!);
            foreach (Type argument in type.IsGenericType ? type.GetGenericArguments() : Type.EmptyTypes) pending.Push(argument);
            if (type.IsAbstract || type.IsInterface)
            {
                foreach (Type sub in generatorTypes.Where(t => !t.IsAbstract && type.IsAssignableFrom(t))) pending.Push(sub);
            }
            for (Type? t = type; t is not null && t != typeof(object); t = t.BaseType)
            {
                foreach (FieldInfo field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    pending.Push(field.FieldType);
                }
            }
        }
        return seen;
    }

    /// <summary>Walks a step output's object graph: no Compilation, ISymbol, SyntaxNode or Location inside.</summary>
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
        foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            if (field.FieldType.IsPointer) continue;
            Visit(field.GetValue(value), step, seen, depth + 1);
        }
    }

    private static readonly string[] AllSteps = typeof(TrackingNames).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (string)f.GetValue(null)!).ToArray();

    /// <summary>Every tracked step, and only those, with the run reasons of its outputs in order.</summary>
    private static void AssertSteps(GeneratorRunResult run, Dictionary<string, string> expected)
    {
        Assert.Equal(AllSteps.OrderBy(s => s), expected.Keys.OrderBy(s => s));
        var actual = AllSteps.ToDictionary(s => s, s => Reasons(run, s));
        string Table(Func<string, string> of) => string.Join("\n", AllSteps.Select(s => $"{s} = {of(s)}"));
        Assert.True(AllSteps.All(s => actual[s] == expected[s]), $"expected:\n{Table(s => expected[s])}\n\nactual:\n{Table(s => actual[s])}");
    }

    private static string Reasons(GeneratorRunResult run, string step)
    {
        if (!run.TrackedSteps.TryGetValue(step, out var runs)) return "(not run)";
        return string.Join(" ", runs.SelectMany(r => r.Outputs).Select(o => o.Reason switch
        {
            IncrementalStepRunReason.Cached => "C",
            IncrementalStepRunReason.Unchanged => "U",
            IncrementalStepRunReason.Modified => "M",
            IncrementalStepRunReason.New => "N",
            IncrementalStepRunReason.Removed => "R",
            _ => o.Reason.ToString(),
        }));
    }

    private static GeneratorRunResult Run(ref GeneratorDriver driver, Compilation compilation)
    {
        driver = driver.RunGenerators(compilation);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        Assert.Null(result.Exception);
        return result;
    }

    private static void AssertSameSources(GeneratorRunResult first, GeneratorRunResult second) =>
        Assert.Equal(first.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())), second.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())));

    private static string Source(GeneratorRunResult run, string hintNameStart) =>
        run.GeneratedSources.Single(s => s.HintName.StartsWith(hintNameStart, StringComparison.Ordinal)).SourceText.ToString();

    /// <summary>The generated condition: from the Evaluate method to the end of the class.</summary>
    private static string Evaluate(string source) => source[source.IndexOf("Evaluate(", StringComparison.Ordinal)..];

    private static int Line(GeneratorRunResult run, string id) =>
        run.Diagnostics.Single(d => d.Id == id).Location.GetLineSpan().StartLinePosition.Line;
}
