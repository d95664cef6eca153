using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using RuleGen.Runtime;
using Xunit;

namespace RuleGen.Tests.Kql;

/// <summary>
/// KQL rules end to end: YAML rule files (language kuery, an index) through the generator, compiled, loaded and run
/// over events; each case says which events Elasticsearch would return for the query Kibana's detection engine
/// builds, and why (the reference is in the case). All cases compile in one generator run.
/// </summary>
public class KqlRuleTests
{
    public sealed record Case(string Name, string Query, string Index, (string Event, bool Fires)[] Events);

    private const string CloudTrail = "logs-aws.cloudtrail-*";

    private static string Long(char c, int n) => new(c, n);

    private static string UserAgent(string value) => "{\"user_agent\":{\"original\":\"" + value + "\"}}";

    public static readonly Case[] Cases =
    {
        // Keywords: term and wildcard queries, exact and case-sensitive (is.ts; get_query_filter.ts sets no caseInsensitive).
        new("keyword term", "event.action:CreateUser", CloudTrail, new[]
        {
            ("""{"event":{"action":"CreateUser"}}""", true), ("""{"event":{"action":"createuser"}}""", false), ("""{"event":{"action":["X","CreateUser"]}}""", true), ("{}", false),
        }),
        new("must_not matches a missing field", "not event.action:CreateUser", CloudTrail, new[]
        {
            ("{}", true), ("""{"event":{"action":"CreateUser"}}""", false), ("""{"event":{"action":["CreateUser","X"]}}""", false), ("""{"event":{"action":"X"}}""", true),
        }),
        new("value list", "event.action:(CreateUser or DeleteUser) and not user.name:(root or admin)", CloudTrail, new[]
        {
            ("""{"event":{"action":"DeleteUser"},"user":{"name":"alice"}}""", true), ("""{"event":{"action":"DeleteUser"},"user":{"name":"admin"}}""", false),
            ("""{"event":{"action":"DeleteUser"}}""", true), ("""{"event":{"action":"PutUser"}}""", false),
        }),
        new("a value list with and, or and not", "user.name:(a or b and not c)", CloudTrail, new[]
        {
            ("""{"user":{"name":"a"}}""", true), ("""{"user":{"name":"b"}}""", true), ("""{"user":{"name":["b","c"]}}""", false), ("""{"user":{"name":["a","c"]}}""", true),
        }),
        new("and binds tighter than or", "event.action:A or event.action:B and user.name:x", CloudTrail, new[]
        {
            ("""{"event":{"action":"A"}}""", true), ("""{"event":{"action":"B"}}""", false), ("""{"event":{"action":"B"},"user":{"name":"x"}}""", true),
        }),
        new("wildcard is case-sensitive", "user_agent.original:*Terraform*", CloudTrail, new[]
        {
            ("""{"user_agent":{"original":"APN/1.0 HashiCorp/1.0 Terraform/1.5.0"}}""", true), ("""{"user_agent":{"original":"terraform/1.5"}}""", false),
        }),
        new("escaped star and question mark are literal", """user.name:a\*b?""", CloudTrail, new[]
        {
            ("""{"user":{"name":"a*b?"}}""", true), ("""{"user":{"name":"axb?"}}""", false), ("""{"user":{"name":"a*bc"}}""", false),
        }),
        new("quoted value is a phrase, not a pattern", "user.name:\"a*\"", CloudTrail, new[]
        {
            ("""{"user":{"name":"a*"}}""", true), ("""{"user":{"name":"ab"}}""", false),
        }),
        new("values on a keyword are text", "user.id:1 or user.name:1.0 or user.domain:true", CloudTrail, new[]
        {
            ("""{"user":{"id":1}}""", true), ("""{"user":{"id":"1"}}""", true), ("""{"user":{"id":1.0}}""", false), ("""{"user":{"name":1}}""", false),
            ("""{"user":{"name":"1.0"}}""", true), ("""{"user":{"domain":true}}""", true),
        }),
        new("exists", "aws.cloudtrail.user_identity.access_key_id:*", CloudTrail, new[]
        {
            ("""{"aws":{"cloudtrail":{"user_identity":{"access_key_id":"ASIA"}}}}""", true), ("""{"aws":{"cloudtrail":{"user_identity":{"access_key_id":""}}}}""", true),
            ("""{"aws":{"cloudtrail":{"user_identity":{"access_key_id":null}}}}""", false), ("{}", false),
        }),
        new("keyword range in byte order", "user.name >= m", CloudTrail, new[]
        {
            ("""{"user":{"name":"mallory"}}""", true), ("""{"user":{"name":"Zed"}}""", false), ("""{"user":{"name":"10"}}""", false),
        }),

        // ignore_above (ECS keywords 1024; request_parameters 8191 in the integration): a longer string is not indexed.
        new("ignore_above hides long strings from wildcards", "user_agent.original:*x*", CloudTrail, new[]
        {
            (UserAgent(Long('x', 1024)), true), (UserAgent(Long('x', 1025)), false),
            ("{\"user_agent\":{\"original\":[\"" + Long('x', 1025) + "\",\"x\"]}}", true),
        }),
        new("ignore_above hides long strings from exists", "user_agent.original:*", CloudTrail, new[]
        {
            (UserAgent(Long('é', 1024)), true), (UserAgent(Long('é', 1025)), false),
            (UserAgent(string.Concat(Enumerable.Repeat("😀", 512))), true),
            (UserAgent(string.Concat(Enumerable.Repeat("😀", 513))), false),
        }),
        new("ignore_above of request_parameters is 8191", "aws.cloudtrail.request_parameters:*", CloudTrail, new[]
        {
            ("{\"aws\":{\"cloudtrail\":{\"request_parameters\":\"" + Long('p', 8191) + "\"}}}", true), ("{\"aws\":{\"cloudtrail\":{\"request_parameters\":\"" + Long('p', 8192) + "\"}}}", false),
        }),
        new("a term longer than ignore_above matches nothing", $"user_agent.original:{Long('x', 1025)} or event.action:A", CloudTrail, new[]
        {
            (UserAgent(Long('x', 1025)), false), ("""{"event":{"action":"A"}}""", true),
        }),

        // Numbers: the value is converted to the field's type first (NumberFieldMapper).
        new("port as a number", "source.port:22", CloudTrail, new[] { ("""{"source":{"port":22}}""", true), ("""{"source":{"port":23}}""", false), ("""{"source":{"port":"22"}}""", true) }),
        new("quoted port is the same number", "source.port:\"22\"", CloudTrail, new[] { ("""{"source":{"port":22}}""", true) }),
        new("22.0 is 22 on a long", "source.port:22.0", CloudTrail, new[] { ("""{"source":{"port":22}}""", true) }),
        new("a decimal part matches no long", "source.port:22.5 or event.action:A", CloudTrail, new[] { ("""{"source":{"port":22}}""", false), ("""{"event":{"action":"A"}}""", true) }),
        new("numeric range", "source.port < 1024 and source.as.number >= 16509", CloudTrail, new[]
        {
            ("""{"source":{"port":443,"as":{"number":16509}}}""", true), ("""{"source":{"port":1024,"as":{"number":16509}}}""", false), ("""{"source":{"port":80,"as":{"number":9}}}""", false),
        }),

        // IPs: term on an address or a CIDR block, compared by value (IpFieldMapper).
        new("cidr block", "source.ip:10.0.0.0/8", CloudTrail, new[] { ("""{"source":{"ip":"10.1.2.3"}}""", true), ("""{"source":{"ip":"11.0.0.1"}}""", false) }),
        new("ipv6 by value", "source.ip:\"::1\"", CloudTrail, new[] { ("""{"source":{"ip":"0:0:0:0:0:0:0:1"}}""", true), ("""{"source":{"ip":"::2"}}""", false) }),
        new("ipv4-mapped address is the ipv4 address", "source.ip:\"::ffff:10.0.0.1\"", CloudTrail, new[] { ("""{"source":{"ip":"10.0.0.1"}}""", true) }),

        // Booleans.
        new("boolean", "aws.cloudtrail.console_login.additional_eventdata.mfa_used:false", CloudTrail, new[]
        {
            ("""{"aws":{"cloudtrail":{"console_login":{"additional_eventdata":{"mfa_used":false}}}}}""", true),
            ("""{"aws":{"cloudtrail":{"console_login":{"additional_eventdata":{"mfa_used":true}}}}}""", false),
        }),

        // Dates: a range gte/lte the value (is.ts), bounds rounded as DateFieldMapper rounds them, UTC ('Zulu').
        new("a date matches its whole day", "@timestamp:2024-12-02", CloudTrail, new[]
        {
            ("""{"@timestamp":"2024-12-02T00:00:00.000Z"}""", true), ("""{"@timestamp":"2024-12-02T23:59:59.999Z"}""", true), ("""{"@timestamp":"2024-12-03T00:00:00Z"}""", false),
            ("""{"@timestamp":"2024-12-02T23:30:00-01:00"}""", false), ("""{"@timestamp":1733097600000}""", true),
        }),
        new("gt rounds up, lt rounds down", "@timestamp > 2024-12-02 or @timestamp < 2024-12-01", CloudTrail, new[]
        {
            ("""{"@timestamp":"2024-12-02T12:00:00Z"}""", false), ("""{"@timestamp":"2024-12-03T00:00:00Z"}""", true), ("""{"@timestamp":"2024-12-01T00:00:00Z"}""", false),
            ("""{"@timestamp":"2024-11-30T23:59:59.999Z"}""", true),
        }),
        new("a year rounds up to its first day", "@timestamp <= 2024", CloudTrail, new[]
        {
            ("""{"@timestamp":"2024-01-01T23:59:59.999Z"}""", true), ("""{"@timestamp":"2024-06-01T00:00:00Z"}""", false),
        }),

        // Flattened keys: compared as the strings the flattened field indexed.
        new("flattened key as text", "aws.cloudtrail.flattened.request_parameters.fromPort:22", CloudTrail, new[]
        {
            ("""{"aws":{"cloudtrail":{"flattened":{"request_parameters":{"fromPort":22}}}}}""", true),
            ("""{"aws":{"cloudtrail":{"flattened":{"request_parameters":{"fromPort":"22"}}}}}""", true),
            ("""{"aws":{"cloudtrail":{"flattened":{"request_parameters":{"fromPort":22.0}}}}}""", false),
        }),
        new("flattened range is string order", "aws.cloudtrail.flattened.request_parameters.fromPort > 3", CloudTrail, new[]
        {
            ("""{"aws":{"cloudtrail":{"flattened":{"request_parameters":{"fromPort":22}}}}}""", false),
            ("""{"aws":{"cloudtrail":{"flattened":{"request_parameters":{"fromPort":4}}}}}""", true),
        }),

        // Field names with wildcards: every matching field whose type takes the value.
        new("wildcard field name", "aws.cloudtrail.user_identity.*:Root", CloudTrail, new[]
        {
            ("""{"aws":{"cloudtrail":{"user_identity":{"type":"Root"}}}}""", true), ("""{"aws":{"cloudtrail":{"user_identity":{"arn":"Root"}}}}""", true),
            ("""{"aws":{"cloudtrail":{"user_identity":{"type":"IAMUser"}}}}""", false),
        }),
        new("wildcard field name over types", "source.*:10.0.0.0/8", CloudTrail, new[]
        {
            ("""{"source":{"ip":"10.2.3.4"}}""", true), ("""{"source":{"address":"10.0.0.0/8"}}""", true), ("""{"source":{"port":10}}""", false),
        }),

        // Nested: read as the dotted fields, exact for one condition or ORed ones.
        new("nested group", "threat.enrichments:{ matched.atomic:evil.example or matched.field:dns.question.name }", "logs-*", new[]
        {
            ("""{"threat":{"enrichments":[{"matched":{"atomic":"x"}},{"matched":{"atomic":"evil.example"}}]}}""", true),
            ("""{"threat":{"enrichments":[{"matched":{"field":"dns.question.name"}}]}}""", true),
            ("""{"threat":{"enrichments":[{"matched":{"atomic":"x"}}]}}""", false),
        }),

        // Rules with no schema for their index read unknown fields as keywords (ecs@mappings).
        new("unmapped field on logs-*", "custom.flag:on and custom.level >= 3", "logs-*", new[]
        {
            ("""{"custom":{"flag":"on","level":"5"}}""", true), ("""{"custom":{"flag":"on","level":"10"}}""", false),
        }),
        new("*:* matches everything", "*:*", CloudTrail, new[] { ("{}", true) }),
    };

    private static string RuleFile(Case c, int i) =>
        $"language: kuery\ntype: query\nindex:\n  - \"{c.Index}\"\n" + RuleYaml.With(c.Query, name: $"Kql case {i}", id: $"kql-{i}");

    private static readonly Lazy<RuleSet> Rules = new(() =>
    {
        var files = Cases.Select((c, i) => new InMemoryRuleFile($"/repo/rules/kql{i}.yml", RuleFile(c, i))).ToList();
        var run = GeneratorHarness.Run(files, "Kql.Rules");
        var errors = run.GeneratorDiagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        return GeneratorHarness.Load(run, "Kql.Rules");
    });

    public static TheoryData<string> Names() => new(Cases.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void TheRuleFiresWhereElasticsearchWouldReturnTheEvent(string name)
    {
        int index = Array.FindIndex(Cases, c => c.Name == name);
        var scanner = new Scanner(Rules.Value.Select(new[] { $"kql-{index}" }, out _));
        foreach (var (json, fires) in Cases[index].Events)
        {
            bool fired = false;
            scanner.ScanDocument(Encoding.UTF8.GetBytes(json), new DocumentPosition("t", 1), InputFormat.NdJson, _ => fired = true, p => Assert.Fail(p));
            Assert.True(fires == fired, $"{Cases[index].Query} over {(json.Length > 200 ? json[..200] + "…" : json)}: expected {(fires ? "a match" : "no match")}");
        }
    }

    [Fact]
    public void UnmappedFieldsOnAnIndexWithoutSchemaAreWarnings()
    {
        int index = Array.FindIndex(Cases, c => c.Name == "unmapped field on logs-*");
        var run = GeneratorHarness.Run(new InMemoryRuleFile("/repo/rules/u.yml", RuleFile(Cases[index], index)));
        Assert.Equal(new[] { "RG0051", "RG0051" }, run.GeneratorDiagnostics.Select(d => d.Id));
    }

    [Fact]
    public void TheIndexIsTheRulesSources()
    {
        RuleMetadata metadata = Rules.Value.Select(new[] { "kql-0" }, out _).Rules.Single().Metadata;
        Assert.Equal(new[] { CloudTrail }, metadata.Sources);
    }

    [Fact]
    public void AValueListBecomesOneSetAndADispatchKey()
    {
        var run = GeneratorHarness.Run(new InMemoryRuleFile("/repo/rules/list.yml",
            "language: kuery\ntype: query\nindex: [logs-aws.cloudtrail-*]\n" + RuleYaml.With("event.action:(CreateUser or DeleteUser or PutUserPolicy)")));
        Assert.Empty(run.GeneratorDiagnostics);
        string source = run.Source("TestRule");
        Assert.Contains("new global::RuleGen.Runtime.LiteralSet(containsNull: false, \"CreateUser\", \"DeleteUser\", \"PutUserPolicy\")", source, StringComparison.Ordinal);
        Assert.Contains("\"event.action\"", source, StringComparison.Ordinal);
    }

    [Fact]
    public void TheGeneratedCodeOfAKqlRuleIsPinned()
    {
        // Leaves as runtime calls: a set for the value list, IgnoreAbove under the wildcards (the prefilter reads
        // through it), a CIDR set for the ip, DatesWithin for the date, the KQL text above each conjunct.
        string yaml = "language: kuery\ntype: query\nindex: [logs-aws.cloudtrail-*]\n" + RuleYaml.With("""
            event.provider:iam.amazonaws.com and event.action:(CreateUser or DeleteUser)
              and not user_agent.original:(*Terraform* or *terraform*) and source.ip:10.0.0.0/8
              and @timestamp >= 2024-01-01 and source.port:22
            """, name: "Kql golden");
        var run = GeneratorHarness.Run(new InMemoryRuleFile("/repo/rules/golden.yml", yaml));
        Assert.Empty(run.GeneratorDiagnostics);
        Snapshot.Match("Kql.golden.g.cs", run.Source("KqlGolden"));
        GeneratorHarness.Load(run);
    }
}
