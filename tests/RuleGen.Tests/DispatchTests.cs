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

    /// <summary>Sigma CloudTrail rules are bound on raw and ECS names: a chain of keys (eventName, or else event.action).</summary>
    private static string Sigma(string id, string selection) =>
        $"title: {id}\nid: {id}\nlogsource:\n  product: aws\n  service: cloudtrail\ndetection:\n  sel:\n{selection}  condition: sel\n";

    private static readonly (string Id, string Yaml)[] SigmaRules =
    {
        ("sigma-exact", Sigma("sigma-exact", "    eventName: CreateUser\n")),
        ("sigma-list", Sigma("sigma-list", "    eventName:\n      - DeleteTrail\n      - StopLogging\n")),
        ("sigma-prefix", Sigma("sigma-prefix", "    eventName|startswith: Put\n")),
    };

    private static readonly string[] SigmaEvents =
    {
        """{"eventSource":"iam.amazonaws.com","eventName":"CreateUser","eventTime":"2024-01-01T00:00:00Z"}""",
        """{"eventSource":"iam.amazonaws.com","eventName":"createuser","eventTime":"2024-01-01T00:00:00Z"}""",
        """{"eventSource":"cloudtrail.amazonaws.com","eventName":"StopLogging","eventTime":"2024-01-01T00:00:00Z"}""",
        """{"eventSource":"s3.amazonaws.com","eventName":"PutBucketPolicy","eventTime":"2024-01-01T00:00:00Z"}""",
        """{"eventSource":"s3.amazonaws.com","eventName":"GetObject","eventTime":"2024-01-01T00:00:00Z"}""",
        """{"@timestamp":"2024-01-01T00:00:00Z","event":{"action":"CreateUser","provider":"iam.amazonaws.com"},"aws":{"cloudtrail":{"event_version":"1.08"}}}""",
        """{"@timestamp":"2024-01-01T00:00:00Z","event":{"action":"DeleteTrail"},"aws":{"cloudtrail":{"event_version":"1.08"}}}""",
        """{"@timestamp":"2024-01-01T00:00:00Z","event":{"action":"putbucketacl"},"aws":{"cloudtrail":{"event_version":"1.08"}}}""",
        """{"@timestamp":"2024-01-01T00:00:00Z","event":{"action":"ListBuckets"},"aws":{"cloudtrail":{"event_version":"1.08"}}}""",
        """{"eventName":"CreateUser"}""",
    };

    [Fact]
    public void SigmaRulesKeyedOnBothFormsFireExactlyAsEachRuleAlone()
    {
        RuleSet BuildSigma(IEnumerable<(string Id, string Yaml)> rules, string ns)
        {
            var run = GeneratorHarness.Run(rules.Select(r => new InMemoryRuleFile($"/repo/rules/{r.Id}.yml", r.Yaml)), ns);
            Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
            return GeneratorHarness.Load(run, ns);
        }
        RuleSet together = BuildSigma(SigmaRules, "Dispatch.SigmaTogether");
        Assert.All(together.Rules, r => Assert.NotNull(r.Dispatch?.OrElse));
        var alone = SigmaRules.Select((r, i) => BuildSigma(new[] { r }, "Dispatch.SigmaAlone" + i)).ToList();
        int fired = 0;
        foreach (string json in SigmaEvents)
        {
            var expected = new HashSet<string>(alone.SelectMany(set => Fired(set, json)), StringComparer.Ordinal);
            fired += expected.Count;
            Assert.True(expected.SetEquals(Fired(together, json)), $"{json}: alone {string.Join(",", expected)}, together {string.Join(",", Fired(together, json))}");
        }
        Assert.True(fired >= 7, $"only {fired} matches: the comparison proves little");
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
