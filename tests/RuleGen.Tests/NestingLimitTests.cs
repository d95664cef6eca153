using System;
using System.Diagnostics;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace RuleGen.Tests;

/// <summary>
/// Issue 7, deep and long rules: a rule nested deeper than the limits is a located RG0060 at the token where the
/// limit is passed, a rule with too many terms a located RG0061; below the limits it compiles, flat chains included.
/// Everything runs on a 1 MB stack, as in the compiler, where these rules used to overflow it and end the build.
/// </summary>
public class NestingLimitTests
{
    private const string Condition = "event.action == \"A\"";

    private static GeneratorHarness.Result Build(string yaml) =>
        SmallStack.Run(() => GeneratorHarness.Run(new InMemoryRuleFile("/repo/rules/deep.yml", yaml)));

    private static Diagnostic Only(GeneratorHarness.Result result, string id)
    {
        var diagnostics = result.GeneratorDiagnostics.ToList();
        Assert.True(diagnostics.Count == 1 && diagnostics[0].Id == id, $"expected one {id}, got: {string.Join("; ", diagnostics.Take(5))}");
        return diagnostics[0];
    }

    private static (int Line, int Column) Position(Diagnostic d)
    {
        var span = d.Location.GetLineSpan();
        Assert.Equal("/repo/rules/deep.yml", span.Path);
        return (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1);
    }

    private static void AssertCompiles(GeneratorHarness.Result result)
    {
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.DoesNotContain(result.CompileDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Contains(result.Run.Results.Single().GeneratedSources, s => s.HintName.StartsWith("TestRule", StringComparison.Ordinal));
    }

    /// <summary>The query "from logs-* | where " + <paramref name="where"/>, on one line (line 7 of the file, column 3).</summary>
    private static string Rule(string where) => RuleYaml.With("from logs-*\n| where " + where);

    private const int WhereColumn = 11; // "  | where " is 10 characters

    [Fact]
    public void DeepParenthesesAreAnErrorAtTheFirstParenthesisPastTheLimit()
    {
        string where = new string('(', 5000) + Condition + new string(')', 5000);
        Diagnostic d = Only(Build(Rule(where)), "RG0060");
        Assert.Contains("nested too deeply (limit 100)", d.GetMessage(), StringComparison.Ordinal);
        // WHERE opens level 1, each parenthesis one more: the 100th parenthesis (offset 99) opens level 101.
        Assert.Equal((8, WhereColumn + 99), Position(d));
    }

    [Fact]
    public void DeepFunctionCallsAreAnError()
    {
        string where = string.Concat(Enumerable.Repeat("TO_LOWER(", 5000)) + "event.action" + new string(')', 5000) + " == \"a\"";
        Diagnostic d = Only(Build(Rule(where)), "RG0060");
        // At the name of the 100th call, which opens level 101.
        Assert.Equal((8, WhereColumn + 99 * "TO_LOWER(".Length), Position(d));
    }

    [Fact]
    public void ALongNotChainIsAnError() =>
        Only(Build(Rule(string.Concat(Enumerable.Repeat("NOT ", 5000)) + Condition)), "RG0060");

    [Fact]
    public void NestingJustBelowTheLimitCompiles()
    {
        // 100 levels: WHERE, 97 parentheses, NOT and a function call; through every pass, then C#.
        string inner = "NOT TO_LOWER(event.action) == \"a\" OR event.action IN (\"b\", null)";
        AssertCompiles(Build(Rule(new string('(', 97) + inner + new string(')', 97))));
    }

    [Fact]
    public void AFlatOrChainWithinTheLimitCompilesQuickly()
    {
        string where = string.Join(" OR ", Enumerable.Range(0, 4000).Select(i => $"event.action == \"A{i}\""));
        var clock = Stopwatch.StartNew();
        GeneratorHarness.Result result = Build(Rule(where));
        AssertCompiles(result);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }

    [Theory]
    [InlineData("event.action LIKE ({0})", "\"*a{0}*\"")]
    [InlineData("event.action IN ({0})", "\"a{0}\"")]
    [InlineData("event.action NOT IN ({0})", "{0}")]
    public void ListsUpToTheTermLimitCompile(string shape, string item)
    {
        // One source and one field: 9,998 list items make 10,000 terms, the most a query may hold.
        string list = string.Join(", ", Enumerable.Range(0, 9998).Select(i => string.Format(System.Globalization.CultureInfo.InvariantCulture, item, i)));
        AssertCompiles(Build(Rule(string.Format(System.Globalization.CultureInfo.InvariantCulture, shape, list))));
    }

    [Fact]
    public void AnOrChainOfTwentyThousandTermsIsALimitErrorAtTheFirstTermPastIt()
    {
        string where = string.Join(" OR ", Enumerable.Range(0, 20000).Select(i => $"event.action == \"A{i}\""));
        Diagnostic d = Only(Build(Rule(where)), "RG0061");
        Assert.Contains("too many values, fields and columns (limit 10000)", d.GetMessage(), StringComparison.Ordinal);
        // Two terms per comparison, one source: term 10,001 is the literal of comparison 5,000 (0-based 4999).
        Assert.Equal((8, RuleYaml.PositionOf(Rule(where), "\"A4999\"").Column), Position(d));
    }

    /// <summary>Arithmetic nests one node per operator: past the nesting limit a chain is a located limit error, not a stack overflow.</summary>
    [Fact]
    public void ALongArithmeticChainIsALimitErrorNotAStackOverflow()
    {
        Diagnostic d = Only(Build(Rule(string.Join(" + ", Enumerable.Range(0, 3000)) + " == 5")), "RG0061");
        Assert.Contains("arithmetic chain has too many operators (limit 100)", d.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData('[', ']')]
    [InlineData('{', '}')]
    public void DeepYamlInATestEventIsAnErrorAtTheFirstNodePastTheLimit(char open, char close)
    {
        string deep = open == '[' ? new string('[', 100_000) + new string(close, 100_000) : string.Concat(Enumerable.Repeat("{a: ", 100_000)) + "1" + new string(close, 100_000);
        string yaml = Rule(Condition) + "tests:\n  - name: deep\n    expect: match\n    event: {x: " + deep + "}\n";
        Diagnostic d = Only(Build(yaml), "RG0060");
        Assert.Contains("nested too deeply (limit 200)", d.GetMessage(), StringComparison.Ordinal);
        // Levels: the file's mapping, tests, the test, the event, x's value → the deep nodes start at level 5.
        int column = "    event: {x: ".Length + 1 + (200 - 4) * (open == '[' ? 1 : "{a: ".Length);
        Assert.Equal((RuleYaml.PositionOf(yaml, "    event:").Line, column), Position(d));
    }
}
