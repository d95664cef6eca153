using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using RuleGen.Runtime;
using Xunit;

namespace RuleGen.Tests.Semantics;

/// <summary>
/// The cross-language semantics table (Semantics/leaf-semantics.tsv): for each question, each language's spelling of
/// it is compiled as a real rule and as its negation, and run over every event shape. TRUE fires the rule, FALSE fires
/// the negation, NULL (ES|QL only) neither. The expected letters come from each language's reference; the table in
/// docs/semantics-table.md is generated from the same file.
/// </summary>
public class LeafSemanticsTableTests
{
    public static readonly (string Name, string Json)[] Shapes =
    {
        ("missing", "{}"),
        ("null", "{\"o\":{\"f\":null}}"),
        ("single", "{\"o\":{\"f\":\"a\"}}"),
        ("multi", "{\"o\":{\"f\":[\"a\",\"b\"]}}"),
        ("empty", "{\"o\":{\"f\":\"\"}}"),
        ("empty-array", "{\"o\":{\"f\":[]}}"),
        ("upper", "{\"o\":{\"f\":\"A\"}}"),
        ("star", "{\"o\":{\"f\":\"a*\"}}"),
        ("dotted", "{\"o.f\":\"a\"}"),
        ("both-spellings", "{\"o.f\":\"a\",\"o\":{\"f\":\"b\"}}"),
        ("number", "{\"o\":{\"f\":1}}"),
        ("boolean", "{\"o\":{\"f\":false}}"),
    };

    /// <summary>How each language writes a rule around a condition, and its negation.</summary>
    private static readonly Dictionary<string, (string Header, Func<string, string> Query, Func<string, string> Negated)> Languages = new(StringComparer.Ordinal)
    {
        ["esql"] = ("", c => $"from logs-*\n| where {c}", c => $"from logs-*\n| where NOT ({c})"),
        ["kql"] = ("language: kuery\ntype: query\nindex:\n  - logs-*\n", c => c, c => $"not ({c})"),
        ["eql"] = ("language: eql\ntype: eql\nindex:\n  - logs-*\n", c => $"any where {c}", c => $"any where not ({c})"),
        // Sigma files are built whole by SigmaRule (no RuleGen keys); the entry names the language for the checks.
        ["sigma"] = ("", c => c, c => c),
    };

    /// <summary>A Sigma rule over a log source without a RuleGen schema, whose one search is the row's item.</summary>
    private static string SigmaRule(string item, string title, string id, string condition) =>
        $"title: {title}\nid: {id}\ndescription: Leaf semantics row\nlevel: low\nlogsource:\n  product: test\ndetection:\n  sel:\n    {item}\n  condition: {condition}\n";

    public sealed record Row(int Index, string Question, string Language, string Condition, string Expected, string Why);

    public static IReadOnlyList<Row> Table { get; } = File.ReadAllLines(Repository.Path("tests", "RuleGen.Tests", "Semantics", "leaf-semantics.tsv"))
        .Where(l => l.Length > 0 && !l.StartsWith('#'))
        .Select((l, i) =>
        {
            string[] cells = l.Split('\t');
            Assert.True(cells.Length == 5, $"leaf-semantics.tsv row {i + 1} has {cells.Length} columns, not 5: {l}");
            return new Row(i, cells[0], cells[1], cells[2], cells[3], cells[4]);
        }).ToList();

    private static readonly Lazy<RuleSet> Rules = new(() =>
    {
        var files = new List<InMemoryRuleFile>();
        foreach (Row row in Table)
        {
            if (row.Language == "sigma")
            {
                // A Sigma rule is a whole file of its own keys: the condition is one search item, negated by the condition.
                files.Add(new InMemoryRuleFile($"/repo/rules/t{row.Index}.yml", SigmaRule(row.Condition, $"Row{row.Index}", $"row-{row.Index}", "sel")));
                files.Add(new InMemoryRuleFile($"/repo/rules/n{row.Index}.yml", SigmaRule(row.Condition, $"NotRow{row.Index}", $"not-{row.Index}", "not sel")));
                continue;
            }
            var (header, query, negated) = Languages[row.Language];
            files.Add(new InMemoryRuleFile($"/repo/rules/t{row.Index}.yml", header + RuleYaml.With(query(row.Condition), name: $"Row{row.Index}", id: $"row-{row.Index}")));
            files.Add(new InMemoryRuleFile($"/repo/rules/n{row.Index}.yml", header + RuleYaml.With(negated(row.Condition), name: $"NotRow{row.Index}", id: $"not-{row.Index}")));
        }
        // The shapes' o is an object in the schema, so a Sigma value test on o is a test of the whole object; o.f
        // stays undeclared, as before, for every language.
        files.Add(new InMemoryRuleFile("/repo/fields/leaf-table.yml", "- name: o\n  type: object\n"));
        var run = GeneratorHarness.Run(files, "LeafSemantics.Rules");
        var errors = run.GeneratorDiagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        return GeneratorHarness.Load(run, "LeafSemantics.Rules");
    });

    public static IEnumerable<object[]> Rows() => Table.Select(r => new object[] { r.Index, r.Language, r.Condition });

    [Fact]
    public void EveryRowIsWellFormed()
    {
        Assert.All(Table, row =>
        {
            Assert.True(Languages.ContainsKey(row.Language), $"unknown language '{row.Language}' in row {row.Index}");
            Assert.True(row.Expected.Length == Shapes.Length && row.Expected.All(c => c is 'T' or 'F' or 'N'), $"row {row.Index}: '{row.Expected}' needs {Shapes.Length} letters T/F/N");
            Assert.True(row.Language == "esql" || !row.Expected.Contains('N'), $"row {row.Index}: only ES|QL has NULL");
            Assert.False(string.IsNullOrWhiteSpace(row.Why), $"row {row.Index} says not why");
        });
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void LeafFollowsItsLanguage(int index, string language, string condition)
    {
        Row row = Table[index];
        string actual = Evaluate(index);
        Assert.True(row.Expected == actual, $"{language} {condition}: expected {row.Expected} got {actual} for shapes {string.Join(",", Shapes.Select(s => s.Name))}");
    }

    private static string Evaluate(int index)
    {
        var scanner = new Scanner(Rules.Value);
        var actual = new StringBuilder();
        foreach (var (_, json) in Shapes)
        {
            var fired = new HashSet<string>();
            scanner.ScanDocument(Encoding.UTF8.GetBytes(json), new DocumentPosition("t", 1), InputFormat.NdJson,
                m => fired.Add(m.Rule.Metadata.RuleId), p => Assert.Fail(p));
            bool t = fired.Contains($"row-{index}"), f = fired.Contains($"not-{index}");
            Assert.False(t && f, "a condition and its negation both fired");
            actual.Append(t ? 'T' : f ? 'F' : 'N');
        }
        return actual.ToString();
    }

    [Fact]
    public void TheTableInTheDocsIsCurrent()
    {
        var doc = new StringBuilder();
        doc.Append("# Leaf semantics, language by language\n\n");
        doc.Append("Generated from tests/RuleGen.Tests/Semantics/leaf-semantics.tsv by `LeafSemanticsTableTests` (RULEGEN_ACCEPT_SNAPSHOTS=1\n");
        doc.Append("rewrites it). Each cell: **T** the condition fires, **F** its negation fires, **N** neither (NULL, ES|QL only).\n");
        doc.Append("Every expected letter is tested against the compiled rule.\n\nEvent shapes (field `o.f`):\n\n");
        foreach (var (name, json) in Shapes) doc.Append($"- {name}: `{json}`\n");
        doc.Append("\n| question | language | condition | " + string.Join(" | ", Shapes.Select(s => s.Name)) + " | why |\n");
        doc.Append("|---|---|---|" + string.Concat(Shapes.Select(_ => "---|")) + "---|\n");
        foreach (Row row in Table.OrderBy(r => r.Question, StringComparer.Ordinal).ThenBy(r => r.Index))
        {
            doc.Append($"| {row.Question} | {row.Language} | `{row.Condition.Replace("|", "\\|")}` | {string.Join(" | ", row.Expected.Select(c => c.ToString()))} | {row.Why.Replace("|", "\\|")} |\n");
        }
        string path = Repository.Path("docs", "semantics-table.md");
        if (Environment.GetEnvironmentVariable("RULEGEN_ACCEPT_SNAPSHOTS") == "1") File.WriteAllText(path, doc.ToString());
        Assert.True(File.Exists(path) && File.ReadAllText(path) == doc.ToString(),
            "docs/semantics-table.md is not current; run the tests with RULEGEN_ACCEPT_SNAPSHOTS=1 and review the diff");
    }
}
