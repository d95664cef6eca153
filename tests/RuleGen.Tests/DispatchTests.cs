using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using RuleGen.Runtime;
using Xunit;

namespace RuleGen.Tests;

/// <summary>
/// The dispatch index skips rules by the value of one field; it must never skip a rule that would fire. Each rule here
/// is run in a rule set with the others (indexed) and alone (a single rule is never indexed), over events that probe
/// the key: exact values, prefixes ("Delete*" and STARTS_WITH), ORs of both, case-insensitive keys, multivalued fields
/// under any-value (KQL, EQL) and NULL-if-multivalued (ES|QL) semantics.
/// </summary>
public class DispatchTests
{
    private static readonly (string Id, string Header, string Query)[] RulesUnderTest =
    {
        ("kql-prefix", "language: kuery\ntype: query\n", "event.action:Delete*"),
        ("kql-or", "language: kuery\ntype: query\n", "event.action:(DeleteFunction or DeleteFunction20*)"),
        ("kql-exact", "language: kuery\ntype: query\n", "event.action:CreateUser and event.provider:iam.amazonaws.com"),
        ("eql-insensitive", "language: eql\ntype: eql\n", "any where event.action : \"createaccesskey\""),
        ("eql-starts", "language: eql\ntype: eql\n", "any where startsWith(event.action, \"Put\")"),
        ("esql-starts", "", "from logs-*\n| where STARTS_WITH(event.action, \"Attach\")"),
        ("esql-like", "", "from logs-*\n| where event.action LIKE \"Detach*\""),
    };

    private static readonly string[] Events =
    {
        """{"event":{"action":"DeleteTrail"}}""",
        """{"event":{"action":"Delete"}}""",
        """{"event":{"action":"Delet"}}""",
        """{"event":{"action":"deleteTrail"}}""",
        """{"event":{"action":["GetObject","DeleteObject"]}}""",
        """{"event":{"action":"DeleteFunction"}}""",
        """{"event":{"action":"DeleteFunction20150331"}}""",
        """{"event":{"action":"CreateUser","provider":"iam.amazonaws.com"}}""",
        """{"event":{"action":["CreateUser","X"],"provider":"iam.amazonaws.com"}}""",
        """{"event":{"action":"CREATEACCESSKEY"}}""",
        """{"event":{"action":["x","CreateAccessKey"]}}""",
        """{"event":{"action":"PutBucketPolicy"}}""",
        """{"event":{"action":"AttachUserPolicy"}}""",
        """{"event":{"action":["AttachUserPolicy","X"]}}""",
        """{"event":{"action":"DetachRolePolicy"}}""",
        """{"event":{"action":"ListBuckets"}}""",
        """{"event":{}}""",
        """{}""",
    };

    private static RuleSet Build(IEnumerable<(string Id, string Header, string Query)> rules, string ns)
    {
        var files = rules.Select(r => new InMemoryRuleFile($"/repo/rules/{r.Id}.yml", r.Header + RuleYaml.With(r.Query, name: r.Id, id: r.Id)));
        var run = GeneratorHarness.Run(files, ns);
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        return GeneratorHarness.Load(run, ns);
    }

    private static HashSet<string> Fired(RuleSet rules, string json)
    {
        var fired = new HashSet<string>(StringComparer.Ordinal);
        new Scanner(rules).ScanDocument(Encoding.UTF8.GetBytes(json), new DocumentPosition("t", 1), InputFormat.NdJson, m => fired.Add(m.Rule.Metadata.RuleId), p => Assert.Fail(p));
        return fired;
    }

    [Fact]
    public void TheIndexedRuleSetFiresExactlyAsEachRuleAlone()
    {
        RuleSet together = Build(RulesUnderTest, "Dispatch.Together");
        Assert.All(together.Rules, r => Assert.NotNull(r.Dispatch));
        var alone = RulesUnderTest.Select((r, i) => Build(new[] { r }, "Dispatch.Alone" + i)).ToList();
        int fired = 0;
        foreach (string json in Events)
        {
            var expected = new HashSet<string>(alone.SelectMany(set => Fired(set, json)), StringComparer.Ordinal);
            fired += expected.Count;
            Assert.True(expected.SetEquals(Fired(together, json)), $"{json}: alone {string.Join(",", expected)}, together {string.Join(",", Fired(together, json))}");
        }
        Assert.True(fired >= 12, $"only {fired} matches: the comparison proves little");
    }

    [Fact]
    public void PrefixPatternsBecomePrefixKeys()
    {
        RuleSet together = Build(RulesUnderTest, "Dispatch.Keys");
        DispatchKey Key(string id) => together.Rules.Single(r => r.Metadata.RuleId == id).Dispatch!;
        Assert.Equal(new[] { "Delete" }, Key("kql-prefix").Prefixes);
        Assert.Equal(new[] { "DeleteFunction" }, Key("kql-or").Values);
        Assert.Equal(new[] { "DeleteFunction20" }, Key("kql-or").Prefixes);
        Assert.True(Key("eql-insensitive").IgnoreCase);
        Assert.Equal(new[] { "Attach" }, Key("esql-starts").Prefixes);
    }
}
