using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace RuleGen.Tests;

/// <summary>
/// Issue 7: every construct and literal form of the ES|QL subset generates C# that compiles. Each condition below
/// is one rule (schema: none, so that the forms are not stopped by type checks first); all of them are built in
/// one compilation with Roslyn, in memory, and there must be no error at all: not from RuleGen, not from C#.
/// `IN (null)` used to generate <c>new LiteralSet(containsNull: true, )</c>.
/// </summary>
public class LiteralFormsCompileTests
{
    public static readonly string[] Conditions =
    {
        // IN and NOT IN, every literal kind, NULLs, mixed lists
        "event.action IN (null)",
        "event.action NOT IN (null)",
        "event.action IN (null, null)",
        "event.action IN (\"a\", null)",
        "event.action IN (\"a\", \"b\", \"a\")",
        "event.action NOT IN (\"a\", \"b\")",
        "source.port IN (1, 2, 3)",
        "source.port IN (1.5, -2, 1e10, 0.0)",
        "flag IN (true, false)",
        "value IN (\"a\", 1, true, null)",
        "value NOT IN (\"a\", 1, true, null)",
        "TO_LOWER(event.action) IN (\"a\", \"b\")",
        "\"a\" IN (\"a\", \"b\")",
        "null IN (\"a\")",
        "\"a\" IN (event.action, user.name)",
        "event.action IN (user.name, \"x\", null)",
        // strings: empty, escapes, quotes, unicode, raw triple quotes
        "event.action == \"\"",
        "event.action == \"\\\"quoted\\\" and \\\\ backslash\"",
        "event.action == \"tab\\tnew\\nline\\rreturn\"",
        "event.action == \"é ✓ 𝄞 \u200b \u202e \ufeff {0} {{ }} $ \\\\\"",
        "event.action == \"\"\"raw \\ \" text \\n\"\"\"",
        "event.action == \"// not a comment /* nor this */\"",
        "event.action == \"" + new string('x', 5000) + "\"",
        // numbers: huge, tiny, negative, exponents
        "source.port == 123456789012345678901234567890",
        "source.port > 1.7976931348623157e309",
        "source.port < 1e-400",
        "source.port >= -0",
        "source.port <= -9223372036854775809",
        "source.port != 0.000001",
        "1 < 2",
        "2.5 >= 3",
        // booleans and NULL as conditions and values
        "flag",
        "flag == true",
        "flag != false",
        "true",
        "null",
        "event.action == null",
        "event.action IS NULL",
        "event.action IS NOT NULL",
        "NOT event.action IS NULL",
        // LIKE and RLIKE, single and lists, escapes
        "event.action LIKE \"*a?b*\"",
        "event.action LIKE \"\\\\*literal star\"",
        "event.action LIKE \"\"",
        "event.action LIKE (\"a*\", \"*b\", \"?\")",
        "event.action NOT LIKE \"x*\"",
        "event.action NOT LIKE (\"x*\", \"y*\")",
        "event.action RLIKE \"a.*b\"",
        "event.action RLIKE (\"[a-z]+\", \"x|y\", \"\")",
        "event.action NOT RLIKE \".*\\\\.exe\"",
        "event.action RLIKE \"\"\"\\d+\\.\\d+\"\"\"",
        "TO_LOWER(event.action) LIKE \"*ÄÖ*\"",
        // functions
        "TO_LOWER(event.action) == \"abc\"",
        "TO_UPPER(TO_LOWER(event.action)) == \"ABC\"",
        "TO_LOWER(\"ABC\") == \"abc\"",
        "STARTS_WITH(event.action, \"Create\")",
        "ENDS_WITH(event.action, \"\")",
        "STARTS_WITH(event.action, user.name)",
        "MV_CONTAINS(tags, \"a\")",
        "MV_CONTAINS(tags, other)",
        "CIDR_MATCH(source.ip, \"10.0.0.0/8\", \"::1/128\", \"192.168.1.1\")",
        // fields: compared with fields, flipped, quoted names
        "event.action == user.name",
        "\"lit\" == event.action",
        "5 < source.port",
        "`weird field name` == \"a\"",
        "`back``tick` == \"a\"",
        "@timestamp IS NOT NULL",
        // logic: AND, OR, NOT, nesting, constants folded away
        "(event.action == \"a\" OR event.action == \"b\") AND NOT (user.name == \"c\" AND user.name == \"d\")",
        "NOT (event.action == \"a\" OR true)",
        "event.action == \"a\" AND false",
        "event.action == \"a\" OR null",
        "NOT NOT NOT event.action == \"a\"",
        "event.action == \"a\" // a comment\n    AND /* another */ user.name == \"b\"",
    };

    /// <summary>KEEP columns whose property names could clash with the generated Alert record's own members.</summary>
    private const string Keep = "| keep @timestamp, event.action, `alert`, match, columns, `equals`, `to.string`, get_hash_code, a.b, a_b, `c-d`, _id, Esql.x, source.*, `" + "x" + "`";

    [Fact]
    public void EveryConstructAndLiteralFormCompiles()
    {
        var files = new List<InMemoryRuleFile>();
        for (int i = 0; i < Conditions.Length; i++)
        {
            string query = "from logs-* metadata _id\n| where " + Conditions[i] + (i % 2 == 0 ? "\n" + Keep : "");
            string yaml = RuleYaml.With(query, name: $"Form {i}", id: $"00000000-0000-0000-0000-{i:D12}") + "schema: none\n";
            files.Add(new InMemoryRuleFile($"/repo/rules/form{i}.yml", yaml));
        }
        GeneratorHarness.Result result = GeneratorHarness.Run(files, "Test.Rules");

        var ruleErrors = result.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(ruleErrors.Count == 0, string.Join("\n", ruleErrors.Select(d => $"{d} in: {Conditions[FormOf(d)]}")));
        var generated = result.Run.Results.Single().GeneratedSources;
        Assert.Equal(Conditions.Length + 1, generated.Length); // every rule, and the rule set
        var csharpErrors = result.CompileDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(csharpErrors.Count == 0, "generated code does not compile:\n" + string.Join("\n", csharpErrors.Take(20).Select(d => $"{d}\n    {d.Location.SourceTree?.ToString().Split('\n')[d.Location.GetLineSpan().StartLinePosition.Line].Trim()}")));
        GeneratorHarness.Load(result); // and it loads: static initialisers (patterns, sets, regexes) run
    }

    /// <summary>
    /// Characters C# takes as line ends (U+2028, U+2029, U+0085, CR) in every text the generator writes into code or
    /// comments: the query (above each condition), name and description (XML doc), tags, test names and events.
    /// YAML's double-quoted escapes are the only way to write them in a rule.
    /// </summary>
    [Fact]
    public void LineSeparatorsInAnyTextStayInsideTheirLiteralsAndComments()
    {
        const string odd = "a\\u2028b\\u2029c\\u0085d\\re";
        string yaml = $$$"""
            rule_id: 33333333-0000-0000-0000-000000000001
            name: "Odd {{{odd}}}"
            schema: none
            description: "Odd {{{odd}}} description"
            severity: high
            risk_score: 73
            tags: ["{{{odd}}}"]
            note: "{{{odd}}}"
            query: "from logs-*\n| where event.action == \"{{{odd}}}\" OR event.action LIKE \"*{{{odd}}}*\" // {{{odd}}}\n| keep event.action, `x{{{odd}}}y`"
            tests:
              - name: "{{{odd}}}"
                expect: no_match
                event: {event: {action: "{{{odd}}}"}}

            """;
        GeneratorHarness.Result result = GeneratorHarness.Run(new InMemoryRuleFile("/repo/rules/odd.yml", yaml));
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var errors = result.CompileDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(10)));
        Assert.Equal("Odd a\u2028b\u2029c\u0085d\re", GeneratorHarness.Load(result).Rules.Single().Metadata.Name);
    }

    private static int FormOf(Diagnostic d) => int.Parse(System.IO.Path.GetFileNameWithoutExtension(d.Location.GetLineSpan().Path)["form".Length..]);
}
