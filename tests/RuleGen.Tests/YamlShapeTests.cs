using System;
using System.Diagnostics;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace RuleGen.Tests;

/// <summary>
/// Issue 7, YAML that used to break the generator: an alias bomb in a test event (30 s and 4 GB before an
/// out-of-memory RG9999) is RG0061 at the alias in well under a second; a list or mapping used as a key (an
/// RG9999) is RG0005 at the key. Modest aliases still work.
/// </summary>
public class YamlShapeTests
{
    private const string Query = "from logs-*\n| where event.action == \"A\"";

    private static GeneratorHarness.Result Build(string tests) =>
        SmallStack.Run(() => GeneratorHarness.Run(new InMemoryRuleFile("/repo/rules/bad.yml", RuleYaml.With(Query) + tests)));

    private static void AssertAt(Diagnostic d, string tests, string text)
    {
        var span = d.Location.GetLineSpan();
        Assert.Equal(RuleYaml.PositionOf(RuleYaml.With(Query) + tests, text), (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
    }

    [Fact]
    public void ABillionLaughsIsALimitErrorAtTheAliasInWellUnderASecond()
    {
        string tests = "tests:\n  - name: laughs\n    expect: no_match\n    event:\n      l0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
        for (int i = 1; i <= 9; i++) tests += $"      l{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n";
        var clock = Stopwatch.StartNew();
        GeneratorHarness.Result result = Build(tests);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}"); // about 0.05 s; the bound is for a loaded machine
        Diagnostic d = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("RG0061", d.Id);
        Assert.Contains("Aliases (*name) expand to too many YAML nodes (limit 10000)", d.GetMessage(), StringComparison.Ordinal);
        // l1 and l2 add 110 and 1,110 nodes; each *a2 adds 1,111: the eighth on l3 passes 10,000.
        var span = d.Location.GetLineSpan();
        string yaml = RuleYaml.With(Query) + tests;
        Assert.Equal((RuleYaml.PositionOf(yaml, "l3:").Line, "      l3: &a3 [".Length + 7 * "*a2, ".Length + 1), (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
    }

    [Fact]
    public void ModestAliasesAreExpandedInTestEvents()
    {
        string tests = "tests:\n  - name: shared\n    expect: match\n    event: &e {event: {action: A}}\n  - name: again\n    expect: match\n    event: *e\n";
        GeneratorHarness.Result result = Build(tests);
        Assert.Empty(result.GeneratorDiagnostics);
        Runtime.RuleSet rules = GeneratorHarness.Load(result);
        Assert.All(rules.Rules.Single().Metadata.Tests, t => Assert.Equal("{\"event\":{\"action\":\"A\"}}", t.EventJson));
    }

    [Theory]
    [InlineData("? [a, b]\n      : 1", "[a, b]")]
    [InlineData("? {a: 1}\n      : 1", "{a: 1}")]
    [InlineData("[a]: 1", "[a]")]
    public void AListOrMappingAsAKeyInATestEventIsAnErrorAtTheKey(string entry, string at)
    {
        string tests = "tests:\n  - name: complex\n    expect: match\n    event:\n      " + entry + "\n";
        Diagnostic d = Assert.Single(Build(tests).GeneratorDiagnostics);
        Assert.Equal("RG0005", d.Id);
        Assert.Contains("not a list or a mapping", d.GetMessage(), StringComparison.Ordinal);
        AssertAt(d, tests, at);
    }

    [Theory]
    [InlineData("&a {x: *a}")]
    [InlineData("{x: &a [1, [*a]]}")]
    public void AnAliasInsideTheNodeItNamesIsAnErrorNotAnEndlessEvent(string @event)
    {
        string tests = "tests:\n  - name: cycle\n    expect: match\n    event: " + @event + "\n";
        Diagnostic d = Assert.Single(Build(tests).GeneratorDiagnostics);
        Assert.Equal("RG0001", d.Id);
        Assert.Contains("cycle", d.GetMessage(), StringComparison.Ordinal);
        AssertAt(d, tests, "*a");
    }

    [Fact]
    public void AnAliasOfAMappingAsAKeyIsAnError()
    {
        string tests = "tests:\n  - name: complex\n    expect: match\n    event:\n      a: &m {x: 1}\n      ? *m\n      : 2\n";
        Diagnostic d = Assert.Single(Build(tests).GeneratorDiagnostics);
        Assert.Equal("RG0005", d.Id);
        AssertAt(d, tests, "*m");
    }
}
