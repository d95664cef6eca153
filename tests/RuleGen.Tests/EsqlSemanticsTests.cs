using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using RuleGen.Runtime;
using Xunit;

namespace RuleGen.Tests;

/// <summary>
/// ES|QL semantics, operator by operator, against every shape a field can have in a document: missing, null,
/// a single value, a multivalue, an empty string, a one-element array, an empty array. Each operator is compiled
/// as a real rule (WHERE op) and as its negation (WHERE NOT (op)): TRUE fires the first, FALSE the second, NULL
/// neither. The table is docs/semantics.md's.
/// </summary>
public class EsqlSemanticsTests
{
    // Columns: the shape of field f in the event.
    private static readonly (string Name, string Json)[] Shapes =
    {
        ("missing", "{}"),
        ("null", "{\"f\":null}"),
        ("single", "{\"f\":\"a\"}"),
        ("multi", "{\"f\":[\"a\",\"b\"]}"),
        ("empty", "{\"f\":\"\"}"),
        ("one-element", "{\"f\":[\"a\"]}"),
        ("empty-array", "{\"f\":[]}"),
    };

    // Rows: operator, then the expected result per shape (T, F, N), in Shapes order.
    private static readonly (string Condition, string Expected)[] Table =
    {
        ("f == \"a\"", "NNTNFTN"),
        ("f != \"a\"", "NNFNTFN"),
        ("f < \"b\"", "NNTNTTN"),
        ("f >= \"b\"", "NNFNFFN"),
        ("f IN (\"a\", \"c\")", "NNTNFTN"),
        ("f IN (\"x\", null)", "NNNNNNN"),
        ("f NOT IN (\"x\")", "NNTNTTN"),
        ("f IS NULL", "TTFFFFT"),
        ("f IS NOT NULL", "FFTTTTF"),
        ("f LIKE \"a*\"", "NNTNFTN"),
        ("f LIKE \"*\"", "NNTNTTN"),
        ("f LIKE \"?\"", "NNTNFTN"),
        ("f NOT LIKE \"a*\"", "NNFNTFN"),
        ("f RLIKE \"a.*\"", "NNTNFTN"),
        ("f RLIKE \"\"", "NNFNTFN"),
        ("TO_LOWER(f) == \"a\"", "NNTNFTN"),
        ("TO_UPPER(f) == \"A\"", "NNTNFTN"),
        ("STARTS_WITH(f, \"a\")", "NNTNFTN"),
        ("ENDS_WITH(f, \"\")", "NNTNTTN"),
        ("MV_CONTAINS(f, \"a\")", "FFTTFTF"),
        ("MV_CONTAINS(f, \"b\")", "FFFTFFF"),
        ("MV_CONTAINS(\"a\", f)", "TTTFFTT"),
        ("NOT f == \"a\"", "NNFNTFN"),
        ("f == \"a\" OR f IS NULL", "TTTNFTT"),
        ("f == \"a\" AND f IS NULL", "NNFFFFN"),
        ("NOT (f == \"a\" OR f == \"b\")", "NNFNTFN"),
        ("NOT (f IS NULL AND f IS NULL)", "FFTTTTF"),
        ("f == \"a\" OR true", "TTTTTTT"),
        ("f == \"a\" AND false", "FFFFFFF"),
    };

    private static readonly Lazy<RuleSet> Rules = new(() =>
    {
        var files = new List<InMemoryRuleFile>();
        for (int i = 0; i < Table.Length; i++)
        {
            files.Add(new InMemoryRuleFile($"/repo/rules/t{i}.yml", RuleYaml.With($"from logs-*\n| where {Table[i].Condition}", name: $"Op{i}", id: $"op-{i}")));
            files.Add(new InMemoryRuleFile($"/repo/rules/n{i}.yml", RuleYaml.With($"from logs-*\n| where NOT ({Table[i].Condition})", name: $"Not{i}", id: $"not-{i}")));
        }
        return GeneratorHarness.Load(GeneratorHarness.Run(files, "Semantics.Rules"), "Semantics.Rules");
    });

    public static IEnumerable<object[]> Rows() => Table.Select((row, i) => new object[] { i, row.Condition });

    [Theory]
    [MemberData(nameof(Rows))]
    public void OperatorFollowsEsql(int row, string condition)
    {
        var scanner = new Scanner(Rules.Value);
        var actual = new StringBuilder();
        foreach (var (_, json) in Shapes)
        {
            var fired = new HashSet<string>();
            scanner.ScanDocument(Encoding.UTF8.GetBytes(json), new DocumentPosition("t", 1), InputFormat.NdJson,
                m => fired.Add(m.Rule.Metadata.RuleId), p => Assert.Fail(p));
            bool t = fired.Contains($"op-{row}"), f = fired.Contains($"not-{row}");
            Assert.False(t && f, "an operator and its negation both fired");
            actual.Append(t ? 'T' : f ? 'F' : 'N');
        }
        Assert.True(Table[row].Expected == actual.ToString(),
            $"{condition}: expected {Table[row].Expected} got {actual} for shapes {string.Join(",", Shapes.Select(s => s.Name))}");
    }

    [Theory]
    [InlineData("{}", 'N')]
    [InlineData("{\"ip\":\"10.1.2.3\"}", 'T')]
    [InlineData("{\"ip\":\"192.168.0.1\"}", 'F')]
    [InlineData("{\"ip\":\"2001:db8::1\"}", 'T')]
    [InlineData("{\"ip\":\"not-an-ip\"}", 'N')]
    [InlineData("{\"ip\":\"10.1\"}", 'N')]
    [InlineData("{\"ip\":[\"10.1.2.3\",\"1.1.1.1\"]}", 'N')]
    public void CidrMatch(string json, char expected)
    {
        var files = new[]
        {
            new InMemoryRuleFile("/repo/rules/c.yml", RuleYaml.With("from logs-*\n| where cidr_match(ip, \"10.0.0.0/8\", \"2001:db8::/32\")", name: "Cidr", id: "c")),
            new InMemoryRuleFile("/repo/rules/nc.yml", RuleYaml.With("from logs-*\n| where not cidr_match(ip, \"10.0.0.0/8\", \"2001:db8::/32\")", name: "NotCidr", id: "nc")),
        };
        var scanner = new Scanner(GeneratorHarness.Load(GeneratorHarness.Run(files, "Cidr.Rules"), "Cidr.Rules"));
        var fired = new List<string>();
        scanner.ScanDocument(Encoding.UTF8.GetBytes(json), new DocumentPosition("t", 1), InputFormat.NdJson, m => fired.Add(m.Rule.Metadata.RuleId), p => Assert.Fail(p));
        Assert.Equal(expected, fired.Contains("c") ? 'T' : fired.Contains("nc") ? 'F' : 'N');
    }

    [Theory]
    // == compares exact bytes: no case folding, no Unicode normalisation, escapes decoded first.
    [InlineData("{\"f\":\"Root\"}", "f == \"Root\"", true)]
    [InlineData("{\"f\":\"root\"}", "f == \"Root\"", false)]
    [InlineData("{\"f\":\"R\\u006fot\"}", "f == \"Root\"", true)]
    [InlineData("{\"f\":\"caf\\u00e9\"}", "f == \"café\"", true)]
    [InlineData("{\"f\":\"cafe\\u0301\"}", "f == \"café\"", false)]
    [InlineData("{\"f\":\"ÉCOLE\"}", "TO_LOWER(f) == \"école\"", true)]
    [InlineData("{\"f\":\"a\\\"b\"}", "f == \"a\\\"b\"", true)]
    [InlineData("{\"f\":\"a*b\"}", "f LIKE \"a\\\\*b\"", true)]
    [InlineData("{\"f\":\"axb\"}", "f LIKE \"a\\\\*b\"", false)]
    [InlineData("{\"f\":\"é\"}", "f LIKE \"?\"", true)]
    [InlineData("{\"f\":\"ab\"}", "f LIKE \"?\"", false)]
    [InlineData("{\"f\":\"a\\nb\"}", "f RLIKE \"a.b\"", true)]
    [InlineData("{\"f\":\"a^b\"}", "f RLIKE \"a^b\"", true)]
    [InlineData("{\"f\":\"x1\"}", "f RLIKE \"x\\\\d\"", true)]
    [InlineData("{\"f\":\"AbC\"}", "f RLIKE \"abc\"", false)]
    [InlineData("{\"f\":\"abc\"}", "f RLIKE \"\"\"a\"b\"c\"\"\"", true)]
    [InlineData("{\"f\":5}", "f == 5", true)]
    [InlineData("{\"f\":5.0}", "f == 5", true)]
    [InlineData("{\"f\":10}", "f > 9", true)]
    [InlineData("{\"f\":\"10\"}", "f > 9", true)]
    [InlineData("{\"f\":true}", "f == true", true)]
    [InlineData("{\"f\":true}", "f", true)]
    [InlineData("{\"f\":false}", "NOT f", true)]
    [InlineData("{\"a\":{\"b\":\"x\"}}", "a.b == \"x\"", true)]
    [InlineData("{\"a.b\":\"x\"}", "a.b == \"x\"", true)]
    [InlineData("{\"a\":{\"b.c\":\"x\"}}", "a.b.c == \"x\"", true)]
    [InlineData("{\"a\\u002eb\":\"x\"}", "a.b == \"x\"", true)]
    [InlineData("{\"a\":{\"b\":{\"c\":1}}}", "a.b == \"x\"", false)]
    // Arrays of objects flatten like Elasticsearch: r[].arn is the multivalue of every object's arn.
    [InlineData("{\"r\":[{\"arn\":\"x\"},{\"arn\":\"y\"}]}", "MV_CONTAINS(r.arn, \"y\")", true)]
    [InlineData("{\"r\":[{\"arn\":\"x\"},{\"arn\":\"y\"}]}", "r.arn == \"x\"", false)]
    [InlineData("{\"r\":[{\"arn\":\"x\"},{\"type\":\"t\"}]}", "r.arn == \"x\"", true)]
    [InlineData("{\"r\":[{\"arn\":[\"a\",\"b\"]},{\"arn\":\"c\"}]}", "MV_CONTAINS(r.arn, \"c\") AND MV_CONTAINS(r.arn, \"a\")", true)]
    [InlineData("{\"r\":[{\"s\":{\"arn\":\"x\"}},{\"s\":{\"arn\":\"y\"}}]}", "MV_CONTAINS(r.s.arn, \"y\")", true)]
    // A field spelt twice is one multivalue of both (Elasticsearch indexes both values).
    [InlineData("{\"r\":[{\"arn\":\"x\"}], \"r.arn\":\"z\"}", "r.arn == \"z\"", false)]
    [InlineData("{\"r\":[{\"arn\":\"x\"}], \"r.arn\":\"z\"}", "MV_CONTAINS(r.arn, \"x\") AND MV_CONTAINS(r.arn, \"z\")", true)]
    [InlineData("{\"a.b\":\"x\",\"a\":{\"b\":\"y\"}}", "MV_CONTAINS(a.b, \"x\") AND MV_CONTAINS(a.b, \"y\")", true)]
    [InlineData("{\"a.b\":\"x\",\"a\":{\"b\":null}}", "a.b == \"x\"", true)]
    public void ValueSemantics(string json, string condition, bool fires)
    {
        var files = new[] { new InMemoryRuleFile("/repo/rules/v.yml", RuleYaml.With($"from logs-*\n| where {condition}", name: "V", id: "v")) };
        var result = GeneratorHarness.Run(files, "Values.Rules");
        // Made-up fields (f, a.b) are not in ECS: a warning, not an error.
        Assert.All(result.GeneratorDiagnostics, d => Assert.Equal("RG0051", d.Id));
        var scanner = new Scanner(GeneratorHarness.Load(result, "Values.Rules"));
        bool fired = false;
        scanner.ScanDocument(Encoding.UTF8.GetBytes(json), new DocumentPosition("t", 1), InputFormat.NdJson, _ => fired = true, p => Assert.Fail(p));
        Assert.Equal(fires, fired);
    }
}
