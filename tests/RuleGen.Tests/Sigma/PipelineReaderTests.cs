using System;
using System.Linq;
using CsCheck;
using RuleGen.Generator.Languages.Sigma.Fields;
using Xunit;

namespace RuleGen.Tests.Sigma;

/// <summary>
/// pySigma processing-pipeline files read into the model. The examples are pySigma's own: its docs
/// (SigmaHQ/pySigma docs/Processing_Pipelines.rst), its test files (tests/files/pipeline.yml) and the SigmaHQ
/// documentation's pipeline page (the transformation_demo and "Fixing the field naming mess" examples).
/// Every refusal must be at the line and column of what it refuses.
/// </summary>
public class PipelineReaderTests
{
    private static readonly SigmaRuleFacts Proxy = new("proxy", null, null, Array.Empty<string>());
    private static readonly SigmaRuleFacts Windows = new("process_creation", "windows", null, new[] { "attack.execution" });

    private static SigmaPipeline Read(string yaml)
    {
        PipelineReadResult result = PipelineReader.Read("pipeline.yml", yaml);
        Assert.True(result.Errors.IsEmpty, string.Join("\n", result.Errors.Select(e => e.Location + ": " + e.Message)));
        return result.Pipeline!;
    }

    /// <summary>The one error reading gives, checked to be at the 0-based line of <paramref name="at"/> and the column where it starts.</summary>
    private static PipelineError OneErrorAt(string yaml, string at)
    {
        PipelineReadResult result = PipelineReader.Read("pipeline.yml", yaml);
        Assert.Null(result.Pipeline);
        PipelineError error = Assert.Single(result.Errors);
        string[] lines = yaml.Replace("\r\n", "\n").Split('\n');
        int line = Array.FindIndex(lines, l => l.Contains(at, StringComparison.Ordinal));
        Assert.True(line >= 0, "test bug: " + at);
        Assert.Equal((line, lines[line].IndexOf(at, StringComparison.Ordinal)), (error.Location.LineSpan.Start.Line, error.Location.LineSpan.Start.Character));
        return error;
    }

    [Fact]
    public void FieldNameMappingWithALogsourceCondition_SigmaDocs()
    {
        SigmaPipeline p = Read("""
            name: transformation_demo
            priority: 100
            transformations:
              - id: useragent_mapping
                type: field_name_mapping
                mapping:
                  c-useragent: useragent
                  cs-host: hostname
                  c-ip: ip
                rule_conditions:
                  - type: logsource
                    category: proxy
            """);
        Assert.Equal(("transformation_demo", 100), (p.Name, p.Priority));
        PipelineItem item = Assert.Single(p.Items);
        Assert.Equal("useragent_mapping", item.Id);
        var mapping = Assert.IsType<FieldNameMapping>(item.Transformation);
        Assert.Equal(new[] { "c-useragent", "cs-host", "c-ip" }, mapping.Entries.Select(e => e.Source));
        Assert.Equal(new LogsourceCondition("proxy", null, null, item.RuleConditions.Conditions[0].Location), Assert.Single(item.RuleConditions.Conditions));
        Assert.Equal(3, item.Location.LineSpan.Start.Line); // "- id: useragent_mapping"
        Assert.Equal(new[] { "useragent" }, FieldNameMapper.Apply(p, "c-useragent", Proxy));
        Assert.Equal(new[] { "c-useragent" }, FieldNameMapper.Apply(p, "c-useragent", Windows));
        Assert.Equal(new[] { "unlisted" }, FieldNameMapper.Apply(p, "unlisted", Proxy));
    }

    [Fact]
    public void OneToManyMappingIsAnOrOfTheTargets_PySigmaDocs()
    {
        SigmaPipeline p = Read("""
            transformations:
              - type: field_name_mapping
                mapping:
                  EventID: EventCode
                  CommandLine:
                    - command_line
                    - cmdline
            """);
        Assert.Equal(0, p.Priority);
        Assert.Equal(new[] { "EventCode" }, FieldNameMapper.Apply(p, "EventID", Windows));
        Assert.Equal(new[] { "command_line", "cmdline" }, FieldNameMapper.Apply(p, "CommandLine", Windows));
    }

    [Fact]
    public void LaterItemsMapEveryAlternativeAgain()
    {
        SigmaPipeline p = Read("""
            transformations:
              - type: field_name_mapping
                mapping: {CommandLine: [command_line, cmdline]}
              - type: field_name_prefix_mapping
                mapping: {cmd: process.cmd}
              - type: field_name_mapping
                mapping: {process.cmdline: command_line}
            """);
        // cmdline → process.cmdline → command_line, already there: one alternative left of each.
        Assert.Equal(new[] { "command_line" }, FieldNameMapper.Apply(p, "CommandLine", Windows));
    }

    [Fact]
    public void PrefixMappingTakesTheFirstListedPrefixAndKeepsTheRest_SigmaDocs()
    {
        SigmaPipeline p = Read("""
            name: transformation_demo
            priority: 100
            transformations:
              - id: integritylevel_prefix_mapping
                type: field_name_prefix_mapping
                mapping:
                  win.: proc.
                  win.x.: never.
                rule_conditions:
                  - type: logsource
                    product: windows
            """);
        Assert.Equal(new[] { "proc.Image" }, FieldNameMapper.Apply(p, "win.Image", Windows));
        Assert.Equal(new[] { "proc.x.y" }, FieldNameMapper.Apply(p, "win.x.y", Windows));
        Assert.Equal(new[] { "Image" }, FieldNameMapper.Apply(p, "Image", Windows));
        Assert.Equal(new[] { "win.Image" }, FieldNameMapper.Apply(p, "win.Image", Proxy));
    }

    [Fact]
    public void CloudTrailToEcsAsAUserWouldWriteIt()
    {
        SigmaPipeline p = Read("""
            name: cloudtrail to ecs
            priority: 10
            transformations:
              - type: field_name_mapping
                mapping:
                  eventName: event.action
                  eventSource: event.provider
                rule_conditions:
                  - type: logsource
                    product: aws
                    service: cloudtrail
              - type: field_name_prefix_mapping
                mapping:
                  requestParameters.: aws.cloudtrail.flattened.request_parameters.
                rule_conditions:
                  - type: logsource
                    product: aws
            """);
        var aws = new SigmaRuleFacts(null, "aws", "cloudtrail", Array.Empty<string>());
        Assert.Equal(new[] { "event.action" }, FieldNameMapper.Apply(p, "eventName", aws));
        Assert.Equal(new[] { "aws.cloudtrail.flattened.request_parameters.userName" }, FieldNameMapper.Apply(p, "requestParameters.userName", aws));
        // The shipped table agrees with the hand-written pipeline.
        Assert.Equal(CloudTrailEcsFieldMap.Embedded.Map("requestParameters.userName").Select(t => t.EcsField), FieldNameMapper.Apply(p, "requestParameters.userName", aws));
    }

    [Fact]
    public void RuleConditionsJoinWithTheOperatorAndNegation_AsPySigmaDefinesThem()
    {
        const string items = """
            transformations:
              - type: field_name_mapping
                mapping: {a: b}
                rule_conditions:
                  - type: logsource
                    product: windows
                  - type: tag
                    tag: attack.execution
            """;
        SigmaPipeline and = Read(items);
        SigmaPipeline or = Read(items + "\n    rule_cond_op: or");
        SigmaPipeline notOr = Read(items + "\n    rule_cond_op: or\n    rule_cond_not: true");
        var windowsUntagged = Windows with { Tags = Array.Empty<string>() };
        Assert.Equal(new[] { "b" }, FieldNameMapper.Apply(and, "a", Windows));
        Assert.Equal(new[] { "a" }, FieldNameMapper.Apply(and, "a", windowsUntagged));
        Assert.Equal(new[] { "b" }, FieldNameMapper.Apply(or, "a", windowsUntagged));
        Assert.Equal(new[] { "a" }, FieldNameMapper.Apply(or, "a", Proxy));
        Assert.Equal(new[] { "b" }, FieldNameMapper.Apply(notOr, "a", Proxy));
        Assert.Equal(new[] { "a" }, FieldNameMapper.Apply(notOr, "a", windowsUntagged));
        // No conditions: always applies, negated or not (pipeline.py: `not self.rule_conditions or cond_result`).
        SigmaPipeline empty = Read("transformations:\n  - type: field_name_mapping\n    mapping: {a: b}\n    rule_conditions: []\n    rule_cond_not: true");
        Assert.Equal(new[] { "b" }, FieldNameMapper.Apply(empty, "a", Proxy));
    }

    [Fact]
    public void FieldNameConditionsIncludeExcludeNegateAndRegex()
    {
        SigmaPipeline include = Read("transformations:\n  - type: field_name_prefix_mapping\n    mapping: {'': x.}\n    field_name_conditions:\n      - type: include_fields\n        fields: [A, B]");
        Assert.Equal(new[] { "x.A" }, FieldNameMapper.Apply(include, "A", Proxy));
        Assert.Equal(new[] { "C" }, FieldNameMapper.Apply(include, "C", Proxy));
        SigmaPipeline negated = Read("transformations:\n  - type: field_name_prefix_mapping\n    mapping: {'': x.}\n    field_name_cond_not: true\n    field_name_conditions:\n      - type: include_fields\n        fields: [A]");
        Assert.Equal(new[] { "A" }, FieldNameMapper.Apply(negated, "A", Proxy));
        Assert.Equal(new[] { "x.C" }, FieldNameMapper.Apply(negated, "C", Proxy));
        SigmaPipeline exclude = Read("transformations:\n  - type: field_name_prefix_mapping\n    mapping: {'': x.}\n    field_name_conditions:\n      - type: exclude_fields\n        fields: [A]");
        Assert.Equal(new[] { "A" }, FieldNameMapper.Apply(exclude, "A", Proxy));
        // mode re: Python's re.match anchors at the start only.
        SigmaPipeline regex = Read("transformations:\n  - type: field_name_prefix_mapping\n    mapping: {'': x.}\n    field_name_conditions:\n      - type: include_fields\n        mode: re\n        fields: ['user.*']");
        Assert.Equal(new[] { "x.userName" }, FieldNameMapper.Apply(regex, "userName", Proxy));
        Assert.Equal(new[] { "theuser" }, FieldNameMapper.Apply(regex, "theuser", Proxy));
    }

    [Fact]
    public void TheOtherSupportedTransformationsReadWithTheirParameters_SigmaDocs()
    {
        SigmaPipeline p = Read("""
            name: value_placeholder_pipeline
            vars:
              administrator_name:
                - "Administrator"
                - "Admin"
              single: one
            transformations:
              - type: value_placeholders
                include:
                  - "administrator_name"
              - id: index_condition
                type: add_condition
                conditions:
                  index: winevent
                  level: [1, ~]
                negated: true
                rule_conditions:
                  - type: logsource
                    product: windows
              - id: change_logsource
                type: change_logsource
                category: security
              - id: hashes_drop_sysmon-specific-field
                type: drop_detection_item
                field_name_conditions:
                  - type: include_fields
                    fields:
                      - Hashes
            """);
        Assert.Equal(new[] { "Administrator", "Admin" }, p.Variables[0].Values);
        Assert.Equal(new[] { "one" }, p.Variables[1].Values);
        Assert.Equal(new[] { "administrator_name" }, Assert.IsType<ValuePlaceholders>(p.Items[0].Transformation).Include);
        var add = Assert.IsType<AddCondition>(p.Items[1].Transformation);
        Assert.True(add.Negated);
        Assert.False(add.Template);
        Assert.Equal(new[] { "index", "level" }, add.Conditions.Select(c => c.Field));
        Assert.Equal(new string?[] { "1", null }, add.Conditions[1].Values.Select(v => v.Text));
        Assert.Equal(new ChangeLogsource("security", null, null, p.Items[2].Transformation.Location), p.Items[2].Transformation);
        Assert.IsType<DropDetectionItem>(p.Items[3].Transformation);
        Assert.Equal(new[] { "Hashes" }, Assert.IsType<FieldListCondition>(p.Items[3].FieldNameConditions.Conditions[0]).Fields);
        // Field-name transformations leave names alone for other types.
        Assert.Equal(new[] { "Hashes" }, FieldNameMapper.Apply(p, "Hashes", Windows));
    }

    [Fact]
    public void EveryUnsupportedTransformationTypeIsAnErrorAtItsType_SigmaDocsNamingMess()
    {
        const string yaml = """
            name: Fixing the field naming mess
            priority: 30
            transformations:
              - id: image_fail_path
                type: detection_item_failure
                message: Image must only contain file name without any further path components.
              - id: image_file_only
                type: replace_string
                regex: "^\\*\\\\([^\\\\]+)$"
                replacement: "\\1"
              - id: field_mapping
                type: field_name_mapping
                mapping:
                  EventID:
                    - event_id
                    - evtid
              - id: windows_field_prefix
                type: field_name_prefix
                prefix: "win."
                field_name_cond_not: true
                field_name_conditions:
                  - type: processing_item_applied
                    processing_item_id: field_mapping
            """;
        PipelineReadResult result = PipelineReader.Read("p.yml", yaml);
        Assert.Null(result.Pipeline);
        Assert.Equal(new[] { (4, 10), (7, 10), (17, 10) }, result.Errors.Select(e => (e.Location.LineSpan.Start.Line, e.Location.LineSpan.Start.Character)));
        Assert.Contains("'detection_item_failure' is not supported", result.Errors[0].Message);
        Assert.Contains("'field_name_prefix'", result.Errors[2].Message);
    }

    [Fact]
    public void PySigmaTestFileWithASuffixTransformationIsRefusedAtTheType() =>
        // pySigma tests/files/pipeline.yml
        OneErrorAt("name: Test\npriority: 10\ntransformations:\n  - id: test\n    type: field_name_suffix\n    suffix: .test", "field_name_suffix");

    [Theory]
    [InlineData("transformations:\n  - type: field_name_mapping\n    mapping: {a: b}\n    mappings: {c: d}", "mappings")]
    [InlineData("transformations:\n  - type: field_name_mapping\n    mapping: {a: b}\n    rule_conditions:\n      - type: processing_item_applied\n        processing_item_id: x", "processing_item_applied")]
    [InlineData("transformations:\n  - type: field_name_mapping\n    mapping: {a: b}\n    rule_cond_op: xor", "xor")]
    [InlineData("transformations:\n  - type: field_name_mapping\n    mapping: {a: b}\n    rule_cond_expr: cond1", "cond1")]
    [InlineData("transformations:\n  - type: field_name_mapping\n    mapping: {a: b}\n    detection_item_conditions:\n      - type: match_string", "- type: match_string")]
    [InlineData("transformations:\n  - type: field_name_mapping\n    mapping: {a: b}\n    field_name_conditions:\n      - type: include_fields\n        mode: re\n        fields: ['(']", "['(']")]
    [InlineData("transformations:\n  - type: field_name_mapping\n    mapping: {a: b}\n    field_name_conditions:\n      - type: include_fields\n        mode: glob\n        fields: [x]", "glob")]
    [InlineData("transformations:\n  - type: field_name_mapping\n    mapping: {a: {b: c}}", "{b: c}")]
    [InlineData("transformations:\n  - type: field_name_mapping\n    mapping: [a, b]", "[a, b]")]
    [InlineData("transformations:\n  - type: value_placeholders\n    include: [a]\n    exclude: [b]", "[b]")]
    [InlineData("transformations:\n  - type: add_condition\n    conditions: {a: b}\n    negated: maybe", "maybe")]
    [InlineData("transformations:\n  - mapping: {a: b}", "mapping")]
    [InlineData("priority: high\ntransformations: []", "high")]
    [InlineData("name: x\npostprocessing:\n  - type: template", "- type: template")]
    [InlineData("name: x\nfinalizers: []", "[]")]
    [InlineData("name: x\ntransformations: {a: b}", "{a: b}")]
    [InlineData("name: x\nname: y", "name: y")]
    [InlineData("name: x\n- a", "- a")]
    public void EveryProblemIsAnErrorAtItsPlace(string yaml, string at) => OneErrorAt(yaml, at);

    [Fact]
    public void AFileThatIsNotAMappingIsAnErrorAtTheTop() =>
        Assert.Equal(0, Assert.Single(PipelineReader.Read("p.yml", "- a\n- b").Errors).Location.LineSpan.Start.Line);

    /// <summary>Read catches what escapes as a last resort; reaching that fallback means a bug of the reader.</summary>
    [Fact]
    public void ReadingNeverFallsBackOnAnException() =>
        Gen.OneOf(Gen.String[Gen.Char["abc:-[]{}'\"\n #&*!|>%@`"], 0, 80], Gen.Const("transformations:\n  - type: field_name_mapping\n    mapping:\n      a: [b, {c: d}]\n    rule_conditions:\n      - type: tag\n        tag: [x]"))
            .Sample(text => PipelineReader.Read("p.yml", text).Errors.All(e => !e.Message.StartsWith("the pipeline could not be read", StringComparison.Ordinal)));
}
