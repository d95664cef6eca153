using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using RuleGen.Generator;
using Xunit;
using static RuleGen.Tests.Correlations.CorrelationDiagnosticTests;

namespace RuleGen.Tests.Correlations;

/// <summary>
/// An edit recompiles what it must: a correlation's condition re-emits the correlation only; its group-by also
/// re-emits the referenced rule (it keeps the new field) and nothing else; an edit to a rule no correlation reads
/// leaves the correlation and the referenced rule as they were, their steps cached.
/// </summary>
public class CorrelationIncrementalTests
{
    private const string Body = "    type: event_count\n    rules:\n        - failed_login\n    group-by:\n        - sourceIPAddress\n    timespan: 10m\n    condition:\n        gte: 3\n";

    private static InMemoryRuleFile[] Inputs() => new[] { FailedLogin(), Success(), Correlation(Body) };

    private readonly InMemoryRuleFile[] _inputs = Inputs();

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
        // Sorted: the driver may list a replaced file at another place.
        string.Join(" ", run.TrackedSteps[step].SelectMany(r => r.Outputs).Select(o => o.Reason.ToString()[0]).OrderBy(c => c));

    [Fact]
    public void ACorrelationsConditionReEmitsOnlyTheCorrelation()
    {
        var (driver, first) = Start();
        GeneratorRunResult second = Edit(driver, 2, Correlation(Body.Replace("gte: 3", "gte: 4")));
        Assert.Equal(Source(first, "FailedLoginMade."), Source(second, "FailedLoginMade."));
        Assert.Equal(Source(first, "LoginMade."), Source(second, "LoginMade."));
        Assert.NotEqual(Source(first, "CorrelationMade."), Source(second, "CorrelationMade."));
        Assert.Contains("CorrelationBound(\"gte\", 4D)", Source(second, "CorrelationMade."), StringComparison.Ordinal);
        // The two rules are not compiled again; the table re-runs and is equal (the references did not change).
        Assert.Equal("C C M", Reasons(second, TrackingNames.CompiledRules));
        Assert.Equal("U", Reasons(second, TrackingNames.CorrelationTable));
        Assert.Equal("C C M", Reasons(second, TrackingNames.CorrelatedRules));
    }

    [Fact]
    public void ACorrelationsGroupByReEmitsTheReferencedRuleWhichKeepsTheField()
    {
        var (driver, first) = Start();
        GeneratorRunResult second = Edit(driver, 2, Correlation(Body.Replace("- sourceIPAddress", "- userIdentity.arn")));
        Assert.Contains("\"sourceIPAddress\"", Source(first, "FailedLoginMade."), StringComparison.Ordinal);
        Assert.Contains("\"userIdentity.arn\"", Source(second, "FailedLoginMade."), StringComparison.Ordinal);
        Assert.DoesNotContain("\"userIdentity.arn\"", Source(second, "LoginMade."), StringComparison.Ordinal);
        Assert.Equal(Source(first, "LoginMade."), Source(second, "LoginMade."));
        Assert.Equal("M", Reasons(second, TrackingNames.CorrelationTable));
    }

    [Fact]
    public void AnEditToARuleNoCorrelationReadsLeavesTheCorrelationAlone()
    {
        var (driver, first) = Start();
        GeneratorRunResult second = Edit(driver, 1, new InMemoryRuleFile("/repo/rules/success.yml", Success().GetText()!.ToString().Replace("Success\n", "Success\n        eventSource: signin.amazonaws.com\n", StringComparison.Ordinal)));
        Assert.NotEqual(Source(first, "LoginMade."), Source(second, "LoginMade."));
        Assert.Equal(Source(first, "CorrelationMade."), Source(second, "CorrelationMade."));
        Assert.Equal(Source(first, "FailedLoginMade."), Source(second, "FailedLoginMade."));
        Assert.Equal("C", Reasons(second, TrackingNames.CorrelationTable));
    }
}
