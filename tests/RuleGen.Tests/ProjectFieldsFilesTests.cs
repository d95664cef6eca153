using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using RuleGen.Generator.Binding;
using RuleGen.Generator.Model;
using Xunit;

namespace RuleGen.Tests;

/// <summary>
/// The repository's fields files (fields/*.yml, copied from Elastic's integration and Kibana field definitions) type
/// what the ES|QL rules read: an unmapped field would read as keyword and break AVG, &gt;= 47 and boolean tests.
/// </summary>
public class ProjectFieldsFilesTests
{
    private static readonly string[] FieldsFiles = Directory.GetFiles(Repository.Path("fields"), "*.yml");

    private static FieldSchema Schema(string source, List<string> problems) =>
        FieldSchema.For(new[] { source }, FieldsFiles.Select(f => new ProjectFieldsFile(f, File.ReadAllText(f))).ToEquatableArray(), problems);

    [Theory]
    [InlineData("logs-aws_bedrock.invocation-*", "gen_ai.usage.prompt_tokens", "integer")]
    [InlineData("logs-aws_bedrock.invocation-*", "gen_ai.usage.completion_tokens", "integer")]
    [InlineData("logs-aws_bedrock.invocation-*", "gen_ai.compliance.violation_detected", "boolean")]
    [InlineData("logs-aws_bedrock.invocation-*", "gen_ai.compliance.violation_code", "keyword")]
    [InlineData("logs-aws_bedrock.invocation-*", "gen_ai.policy.confidence", "keyword")]
    [InlineData("logs-aws_bedrock.invocation-*", "gen_ai.request.model.id", "keyword")]
    [InlineData("logs-aws_bedrock.invocation-*", "gen_ai.prompt", "text")]
    [InlineData("logs-aws_bedrock.invocation-*", "gen_ai.completion", "text")]
    [InlineData("logs-aws_bedrock.invocation-*", "gen_ai.request.temperature", "double")] // ECS 9.4's, not the integration's float
    [InlineData("logs-aws_bedrock_agentcore.runtime_application_logs-*", "aws.bedrock_agentcore.request_payload.prompt", "text")]
    [InlineData("logs-aws_bedrock_agentcore.runtime_application_logs-*", "aws.bedrock_agentcore.operation", "keyword")]
    [InlineData(".alerts-security.*", "kibana.alert.risk_score", "float")]
    [InlineData(".alerts-security.*", "kibana.alert.rule.tags", "keyword")]
    [InlineData("logs-kubernetes.audit_logs-*", "kubernetes.audit.objectRef.resource", "keyword")]
    public void FieldsHaveElasticsTypes(string source, string field, string type)
    {
        var problems = new List<string>();
        FieldInfo? info = Schema(source, problems).Find(field);
        Assert.Empty(problems);
        Assert.Equal(type, info?.Type);
    }

    /// <summary>Every project fields file is layered under every rule: a constant (event.dataset) would hold for all data streams.</summary>
    [Fact]
    public void NoFieldsFileDeclaresAConstant()
    {
        var problems = new List<string>();
        FieldSchema schema = Schema("logs-aws.cloudtrail-*", problems);
        Assert.Empty(problems);
        Assert.Equal("aws.cloudtrail", schema.Find("event.dataset")?.Constant);
        foreach (string file in FieldsFiles)
        {
            var one = FieldSchema.For(new[] { "logs-x.y-*" }, new[] { new ProjectFieldsFile(file, File.ReadAllText(file)) }.ToEquatableArray(), problems);
            Assert.All(one.AllNames.Select(n => one.Find(n)!).Where(f => f.Constant is not null), f => Assert.Fail($"{Path.GetFileName(file)} declares the constant {f.Name}"));
        }
    }

    private static Diagnostic[] Errors(string query)
    {
        var files = FieldsFiles.Select(f => new InMemoryRuleFile("/repo/fields/" + Path.GetFileName(f), File.ReadAllText(f)))
            .Prepend(new InMemoryRuleFile("/repo/rules/r.yml", RuleYaml.With(query)));
        return GeneratorHarness.Run(files, "FieldsFiles.Rules").GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
    }

    [Fact]
    public void TokenCountsAverage() =>
        Assert.Empty(Errors("from logs-aws_bedrock.invocation-*\n| where user.id is not null\n| stats Esql.avg = avg(gen_ai.usage.completion_tokens), Esql.max = max(gen_ai.usage.prompt_tokens) by user.id\n| where Esql.avg > 5000"));

    [Fact]
    public void AlertRiskScoresCompareWithNumbers() =>
        Assert.Empty(Errors("from .alerts-security.* metadata _id\n| where kibana.alert.workflow_status == \"open\"\n| where kibana.alert.risk_score >= 47"));

    [Fact]
    public void TheViolationFlagIsABoolean() =>
        Assert.Empty(Errors("from logs-aws_bedrock.invocation-*\n| where gen_ai.compliance.violation_detected\n| stats Esql.count = count(*) by user.id"));
}
