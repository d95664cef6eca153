using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using RuleGen.Runtime;
using Xunit;

namespace RuleGen.Tests.Esql;

/// <summary>
/// An ES|QL condition is tested by one of two engines: the filter's predicate IR over the event's bytes (a WHERE the
/// IR says exactly) or the pipeline's typed row operators (a WHERE after EVAL). They must agree. Each condition below
/// runs both ways, as <c>WHERE cond</c> and as <c>EVAL c = cond | WHERE c</c>, over every real event of Data/real and
/// Elastic's ECS documents of Data/ecs-cloudtrail, and the two rules must keep the same events.
/// </summary>
public class EsqlTwinTests
{
    public static IEnumerable<object[]> Conditions() => new[]
    {
        "event.action == \"ConsoleLogin\"",
        "event.outcome != \"success\"",
        "NOT event.outcome == \"failure\"",
        "source.ip IS NOT NULL",
        "aws.cloudtrail.user_identity.type IS NULL",
        "aws.cloudtrail.user_identity.type IN (\"Root\", \"IAMUser\")",
        "event.action NOT IN (\"ConsoleLogin\", \"GetCallerIdentity\")",
        "event.action LIKE \"Create*\"",
        "event.action LIKE (\"Get*\", \"*Policy\")",
        "user_agent.original RLIKE \".*aws-cli.*\"",
        "STARTS_WITH(event.provider, \"iam\")",
        "ENDS_WITH(event.action, \"Policy\")",
        "TO_LOWER(event.action) == \"consolelogin\"",
        "TO_UPPER(aws.cloudtrail.user_identity.type) == \"ROOT\"",
        "event.category == \"iam\"",
        "event.type IN (\"info\", \"change\")",
        "aws.cloudtrail.user_identity.arn LIKE \"*root*\" OR event.action == \"GetSecretValue\"",
        "@timestamp > \"2020-01-01T00:00:00Z\"",
        "source.ip == \"10.0.0.1\" OR source.address == \"10.0.0.1\"",
        "aws.cloudtrail.read_only == false",
        "MV_CONTAINS(event.category, \"iam\")",
    }.Select(c => new object[] { c });

    private static readonly Lazy<string[]> Events = new(() =>
        Directory.GetFiles(Repository.Data("real"), "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".json", StringComparison.Ordinal) || f.EndsWith(".ndjson", StringComparison.Ordinal) || f.EndsWith(".log", StringComparison.Ordinal))
            .Concat(Directory.GetFiles(Repository.Data("ecs-cloudtrail"), "*.ndjson"))
            .OrderBy(f => f, StringComparer.Ordinal).ToArray());

    [Theory]
    [MemberData(nameof(Conditions))]
    public void TheFilterAndThePipelineKeepTheSameEvents(string condition)
    {
        RuleSet filter = EsqlPipelineScan.Compile($"FROM logs-aws.cloudtrail-*\n| WHERE {condition}\n| KEEP event.action", schedule: "", @namespace: "Twin.Filter");
        RuleSet pipeline = EsqlPipelineScan.Compile($"FROM logs-aws.cloudtrail-*\n| EVAL twin = {condition}\n| WHERE twin\n| KEEP event.action", schedule: "", @namespace: "Twin.Pipeline");
        Assert.Null(filter.Rules.Single().Pipeline);
        Assert.NotNull(pipeline.Rules.Single().Pipeline);
        string[] kept = Positions(filter), twin = Positions(pipeline);
        Assert.True(kept.SequenceEqual(twin), $"{condition}: the filter keeps {kept.Length} events, the pipeline {twin.Length}; only one of them: {string.Join(", ", kept.Except(twin).Concat(twin.Except(kept)).Take(5))}");
    }

    [Fact]
    public void TheConditionsAreDecidedBothWaysOnTheseEvents()
    {
        // Guard against a vacuous comparison: the events make most conditions keep some events and drop others.
        int both = 0, total = Positions(EsqlPipelineScan.Compile("FROM logs-aws.cloudtrail-*\n| KEEP event.action", schedule: "", @namespace: "Twin.All")).Length;
        foreach (object[] c in Conditions())
        {
            RuleSet filter = EsqlPipelineScan.Compile($"FROM logs-aws.cloudtrail-*\n| WHERE {c[0]}\n| KEEP event.action", schedule: "", @namespace: "Twin.Guard");
            int kept = Positions(filter).Length;
            if (kept > 0 && kept < total) both++;
        }
        Assert.True(both >= 15, $"only {both} conditions split the events");
    }

    private static string[] Positions(RuleSet rules) =>
        InProcessScan.Run(Events.Value, rules, threads: 1).Alerts
            .Select(a => $"{a.GetProperty("rulegen.input.file").GetString()}:{a.GetProperty("rulegen.input.line")}:{(a.TryGetProperty("rulegen.input.record", out var r) ? r.ToString() : "")}")
            .OrderBy(p => p, StringComparer.Ordinal).ToArray();
}
