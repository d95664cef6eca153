using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using RuleGen.Runtime;
using Xunit;

namespace RuleGen.Tests.Sigma;

/// <summary>
/// The project's pySigma processing pipelines (AdditionalFiles marked RuleGenSigmaPipeline; the harness marks files
/// under /pipelines/) applied to Sigma rules end to end: every transformation type with its conditions, the
/// <c>expand</c> modifier, and bad pipelines located at their line.
/// </summary>
public class SigmaPipelineTests
{
    private static string Rule(string detection, string logsource = "  product: aws\n  service: cloudtrail\n", string tags = "") =>
        "title: Piped\nid: 5f0e1a2b-0000-4000-8000-0000000000e1\nstatus: test\ndescription: A test.\nauthor: RuleGen\n" + tags +
        "level: medium\nlogsource:\n" + logsource + "detection:\n" + detection;

    private static GeneratorHarness.Result Run(string rule, params string[] pipelines) =>
        GeneratorHarness.Run(new[] { new InMemoryRuleFile("/repo/rules/piped.yml", rule) }
            .Concat(pipelines.Select((p, i) => new InMemoryRuleFile($"/repo/pipelines/p{i}.yml", p))), "Test.Rules");

    private static void AssertCompiles(GeneratorHarness.Result run) =>
        Assert.True(!run.GeneratorDiagnostics.Any(d => d.Severity == DiagnosticSeverity.Error), string.Join("\n", run.GeneratorDiagnostics));

    private static bool Fires(GeneratorHarness.Result run, string json)
    {
        AssertCompiles(run);
        bool fired = false;
        new Scanner(GeneratorHarness.Load(run, "Test.Rules")).ScanDocument(Encoding.UTF8.GetBytes(json), new DocumentPosition("t", 1), InputFormat.NdJson, _ => fired = true, p => Assert.Fail(p));
        return fired;
    }

    private const string CreateUser = """{"eventSource":"iam.amazonaws.com","eventName":"CreateUser","userAgent":"aws-cli/1.3.2","userIdentity":{"type":"IAMUser","userName":"Alice"}}""";
    private const string CreateUserByBob = """{"eventSource":"iam.amazonaws.com","eventName":"CreateUser","userAgent":"Boto3/1.0","userIdentity":{"type":"AssumedRole","sessionContext":{"sessionIssuer":{"userName":"Bob"}}}}""";
    private const string CreateUserOnEc2 = """{"eventSource":"ec2.amazonaws.com","eventName":"CreateUser","userIdentity":{"type":"IAMUser","userName":"Carol"}}""";

    [Fact]
    public void FieldNameMappingRenamesAndAOneToManyMappingIsAnOr()
    {
        const string pipeline = """
            name: names
            transformations:
              - type: field_name_mapping
                mapping:
                  action: eventName
                  who:
                    - userIdentity.userName
                    - userIdentity.sessionContext.sessionIssuer.userName
                rule_conditions:
                  - type: logsource
                    product: aws
            """;
        var run = Run(Rule("  sel:\n    action: CreateUser\n    who:\n      - Alice\n      - Bob\n  condition: sel\n"), pipeline);
        Assert.True(Fires(run, CreateUser));
        Assert.True(Fires(run, CreateUserByBob));
        Assert.False(Fires(run, CreateUserOnEc2));
        // A user mapping replaces the built-in ECS form for the rules it applies to.
        Assert.DoesNotContain("DocumentForm", run.Source("Piped."));
    }

    [Fact]
    public void AMappingWhoseRuleConditionsFailLeavesTheRuleAndItsEcsForm()
    {
        const string pipeline = "transformations:\n  - type: field_name_mapping\n    mapping: {eventName: nothing.here}\n    rule_conditions:\n      - type: logsource\n        product: gcp\n";
        var run = Run(Rule("  sel:\n    eventName: CreateUser\n  condition: sel\n"), pipeline);
        Assert.True(Fires(run, CreateUser));
        Assert.Contains("DocumentForm", run.Source("Piped."));
    }

    [Fact]
    public void PrefixMappingWithFieldNameConditions()
    {
        const string pipeline = """
            transformations:
              - type: field_name_prefix_mapping
                mapping:
                  id.: userIdentity.
                field_name_conditions:
                  - type: exclude_fields
                    fields: [id.ignored]
            """;
        var run = Run(Rule("  sel:\n    eventName: CreateUser\n    id.type: IAMUser\n  condition: sel\n"), pipeline);
        Assert.True(Fires(run, CreateUser));
        Assert.False(Fires(run, CreateUserByBob));
        // The excluded field keeps its name: unknown in the raw CloudTrail schema (for Sigma the warning RG0071).
        var excluded = Run(Rule("  sel:\n    id.ignored: x\n  condition: sel\n"), pipeline);
        Assert.Contains(excluded.GeneratorDiagnostics, d => d.Id == "RG0071" && d.GetMessage().Contains("'id.ignored'", StringComparison.Ordinal));
    }

    [Fact]
    public void AddConditionAndsASearchNegatedOrNot()
    {
        const string only = "transformations:\n  - type: add_condition\n    conditions:\n      eventSource: iam.amazonaws.com\n";
        var run = Run(Rule("  sel:\n    eventName: CreateUser\n  condition: sel\n"), only);
        Assert.True(Fires(run, CreateUser));
        Assert.False(Fires(run, CreateUserOnEc2));

        var negated = Run(Rule("  sel:\n    eventName: CreateUser\n  condition: sel\n"), only + "    negated: true\n");
        Assert.False(Fires(negated, CreateUser));
        Assert.True(Fires(negated, CreateUserOnEc2));
    }

    [Fact]
    public void AddConditionTemplatesTakeTheRulesLogsource()
    {
        // string.Template: $product is the rule's logsource product; a name it does not know stays as written.
        const string pipeline = "transformations:\n  - type: add_condition\n    template: true\n    conditions:\n      userAgent: '${product}-cli*'\n";
        var run = Run(Rule("  sel:\n    eventName: CreateUser\n  condition: sel\n"), pipeline);
        Assert.True(Fires(run, CreateUser));
        Assert.False(Fires(run, CreateUserByBob));
        var logsource = new RuleGen.Generator.Languages.Sigma.SigmaLogSource("aws", "cloudtrail", null);
        Assert.Equal("aws/cloudtrail/$category/$nope $", RuleGen.Generator.Languages.Sigma.Pipelines.SigmaPipelineApplier.Template("$product/${service}/$category/$nope $$", logsource));
    }

    [Fact]
    public void ChangeLogsourceIsSeenByTheRuleConditionsOfLaterItemsInPriorityOrder()
    {
        // Priority 20 runs after priority 10 whatever the file order: the mapping sees product gcp.
        const string later = "priority: 20\ntransformations:\n  - type: field_name_mapping\n    mapping: {action: eventName}\n    rule_conditions:\n      - type: logsource\n        product: gcp\n";
        const string earlier = "priority: 10\ntransformations:\n  - type: change_logsource\n    product: gcp\n";
        var run = Run(Rule("  sel:\n    action: CreateUser\n  condition: sel\n"), later, earlier);
        Assert.True(Fires(run, CreateUser));
        // The rule is no longer an aws/cloudtrail rule: no ECS form.
        Assert.DoesNotContain("DocumentForm", run.Source("Piped."));
    }

    [Fact]
    public void RuleConditionsOnTags()
    {
        const string pipeline = "transformations:\n  - type: add_condition\n    conditions: {eventSource: nothing}\n    rule_conditions:\n      - type: tag\n        tag: attack.t1136\n";
        string detection = "  sel:\n    eventName: CreateUser\n  condition: sel\n";
        Assert.False(Fires(Run(Rule(detection, tags: "tags:\n  - attack.t1136\n"), pipeline), CreateUser));
        Assert.True(Fires(Run(Rule(detection), pipeline), CreateUser));
    }

    [Fact]
    public void DropDetectionItemRemovesTheSelectedItems()
    {
        const string pipeline = "transformations:\n  - type: drop_detection_item\n    field_name_conditions:\n      - type: include_fields\n        fields: [userAgent]\n";
        var run = Run(Rule("  sel:\n    eventName: CreateUser\n    userAgent: never-this\n  condition: sel\n"), pipeline);
        Assert.True(Fires(run, CreateUser));
        Assert.False(Fires(run, """{"eventSource":"iam.amazonaws.com","eventName":"DeleteUser"}"""));
    }

    private const string Admins = "vars:\n  admins: [Alice, Bob]\n  others: [Carol]\ntransformations:\n  - type: value_placeholders\n";

    [Fact]
    public void ExpandReplacesPlaceholdersByThePipelinesValuesOred()
    {
        var run = Run(Rule("  sel:\n    eventName: CreateUser\n    userIdentity.userName|expand: '%admins%'\n  condition: sel\n"), Admins);
        Assert.True(Fires(run, CreateUser));
        Assert.False(Fires(run, CreateUserOnEc2));
        // Inside a longer value, and with wildcards around it.
        var part = Run(Rule("  sel:\n    userAgent|expand: 'aws-%others%*'\n  condition: sel\n"), Admins);
        Assert.True(Fires(part, """{"eventSource":"x","userAgent":"aws-Carol/2"}"""));
        Assert.False(Fires(part, CreateUser));
    }

    [Fact]
    public void WithoutExpandPercentSignsAreText()
    {
        var run = Run(Rule("  sel:\n    userAgent: '%admins%'\n  condition: sel\n"), Admins);
        Assert.True(Fires(run, """{"eventSource":"x","userAgent":"%admins%"}"""));
        Assert.False(Fires(run, """{"eventSource":"x","userAgent":"Alice"}"""));
    }

    [Fact]
    public void AnUnresolvedPlaceholderIsALocatedError()
    {
        string rule = Rule("  sel:\n    userIdentity.userName|expand: '%admins%'\n  condition: sel\n");
        foreach (var run in new[] { Run(rule), Run(rule, Admins + "    include: [others]\n"), Run(rule, Admins + "    exclude: [admins]\n") })
        {
            Diagnostic error = Assert.Single(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
            Assert.Equal("RG0025", error.Id);
            Assert.Contains("%admins%", error.GetMessage());
            Assert.Equal(11, error.Location.GetLineSpan().StartLinePosition.Line);
        }
    }

    [Theory]
    [InlineData("transformations:\n  - type: regex_field_mapping\n    mapping: {a: b}\n", 1, "regex_field_mapping")]
    [InlineData("transformations:\n  - type: field_name_mapping\n    mapping: {a: b}\n    rule_conditions:\n      - type: sometimes\n", 4, "sometimes")]
    [InlineData("transformations:\n  - type: add_condition\n    conditions: {a: b}\n    negated: maybe\n", 3, "maybe")]
    [InlineData("transformations: [\n", 1, "")]
    public void ABadPipelineIsAnErrorAtItsLine(string pipeline, int line, string near)
    {
        var run = Run(Rule("  sel:\n    eventName: CreateUser\n  condition: sel\n"), pipeline);
        Diagnostic error = Assert.Single(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("RG0081", error.Id);
        Assert.Equal("/repo/pipelines/p0.yml", error.Location.GetLineSpan().Path);
        Assert.True(error.Location.GetLineSpan().StartLinePosition.Line <= line, error.ToString());
        if (near.Length > 0) Assert.Equal(line, error.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void AOneToManyMappingThatWouldExplodeIsALocatedLimitError()
    {
        // 13 fields of one map, each mapped to two: 2^13 = 8192 maps, past the limit of 4096.
        string mapping = string.Concat(Enumerable.Range(0, 13).Select(i => $"      f{i}: [eventName, eventType]\n"));
        string items = string.Concat(Enumerable.Range(0, 13).Select(i => $"    f{i}: x\n"));
        var run = Run(Rule("  sel:\n" + items + "  condition: sel\n"), "transformations:\n  - type: field_name_mapping\n    mapping:\n" + mapping);
        Diagnostic error = Assert.Single(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("RG0061", error.Id);
        Assert.Equal("/repo/rules/piped.yml", error.Location.GetLineSpan().Path);
        Assert.Contains("'sel'", error.GetMessage());
    }

    [Fact]
    public void APipelineGivenAsARuleFileSaysHowToMarkIt()
    {
        var run = GeneratorHarness.Run(new InMemoryRuleFile("/repo/rules/mapping.yml", "name: mine\ntransformations:\n  - type: field_name_mapping\n    mapping: {a: b}\n"));
        Diagnostic error = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("RG0081", error.Id);
        Assert.Contains("RuleGenSigmaPipeline", error.GetMessage());
        Assert.Equal(1, error.Location.GetLineSpan().StartLinePosition.Line);
    }
}
