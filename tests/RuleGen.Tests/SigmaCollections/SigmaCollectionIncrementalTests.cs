using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using RuleGen.Generator;
using Xunit;
using static RuleGen.Tests.Correlations.CorrelationDiagnosticTests;

namespace RuleGen.Tests.SigmaCollections;

/// <summary>
/// A collection file is one input: an edit to one of its documents reads that file again (its rules are compiled
/// again and all but the edited one come out equal, U), and every other file's rules stay cached (C); an edit to
/// another file leaves every rule of the collection cached.
/// </summary>
public class SigmaCollectionIncrementalTests
{
    private readonly InMemoryRuleFile[] _inputs =
    {
        new("/repo/rules/spec_example.yml", SigmaCollectionTests.SpecExample()),
        FailedLogin(),
    };

    private (GeneratorDriver Driver, GeneratorRunResult Run) Start()
    {
        GeneratorDriver driver = GeneratorHarness.CreateDriver(_inputs);
        driver = driver.RunGenerators(GeneratorHarness.EmptyCompilation());
        return (driver, driver.GetRunResult().Results.Single());
    }

    private GeneratorRunResult Edit(GeneratorDriver driver, int index, InMemoryRuleFile replacement)
    {
        driver = driver.ReplaceAdditionalText(_inputs[index], replacement);
        driver = driver.RunGenerators(GeneratorHarness.EmptyCompilation());
        return driver.GetRunResult().Results.Single();
    }

    private static string Source(GeneratorRunResult run, string start) =>
        run.GeneratedSources.Single(s => s.HintName.StartsWith(start, StringComparison.Ordinal)).SourceText.ToString();

    private static string Reasons(GeneratorRunResult run, string step) =>
        string.Join(" ", run.TrackedSteps[step].SelectMany(r => r.Outputs).Select(o => o.Reason.ToString()[0]).OrderBy(c => c));

    [Fact]
    public void AnEditToOneDocumentRecompilesThatFilesRulesOnly()
    {
        var (driver, first) = Start();
        string edited = SigmaCollectionTests.SpecExample().Replace("gte: 10", "gte: 11", StringComparison.Ordinal);
        GeneratorRunResult second = Edit(driver, 0, new InMemoryRuleFile("/repo/rules/spec_example.yml", edited));
        // The file's input changed, the other file's did not.
        Assert.Equal("C M", Reasons(second, TrackingNames.RuleInputs));
        // The other file's rule cached; of the collection's four rules, the edited correlation is modified, three equal.
        Assert.Equal("C M U U U", Reasons(second, TrackingNames.CompiledRules));
        Assert.NotEqual(Source(first, "MultipleFailedLogons."), Source(second, "MultipleFailedLogons."));
        Assert.Contains("within 600s: gte 11", Source(second, "MultipleFailedLogons."), StringComparison.Ordinal);
        Assert.Equal(Source(first, "SingleFailedLogin."), Source(second, "SingleFailedLogin."));
        Assert.Equal(Source(first, "SuccessfulLogin."), Source(second, "SuccessfulLogin."));
        Assert.Equal(Source(first, "FailedLoginMade."), Source(second, "FailedLoginMade."));
    }

    [Fact]
    public void AnEditToAnotherFileLeavesTheCollectionCached()
    {
        var (driver, _) = Start();
        GeneratorRunResult second = Edit(driver, 1, FailedLogin(name: "failed_login_2"));
        Assert.Equal("C M", Reasons(second, TrackingNames.RuleInputs));
        Assert.Equal("C C C C M", Reasons(second, TrackingNames.CompiledRules));
    }
}
