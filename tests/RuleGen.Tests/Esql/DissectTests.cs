using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Microsoft.CodeAnalysis.CSharp;
using RuleGen.Generator.Languages.Esql.Patterns;
using RuleGen.Runtime.Pipeline;
using RuleGen.Runtime.Pipeline.Patterns;
using Xunit;
using GenKind = RuleGen.Generator.Languages.Esql.Patterns.DissectKeyKind;
using RunKind = RuleGen.Runtime.Pipeline.Patterns.DissectKeyKind;

namespace RuleGen.Tests.Esql;

/// <summary>
/// DISSECT: the build-time parser and the runtime matcher, against Elasticsearch's specification cases
/// (Data/dissect/tests.json), its DissectParserTests cases (Data/dissect/es-dissect-parser-cases.jsonl), ES|QL's own
/// parser rules, and every DISSECT of the AWS ES|QL corpus.
/// </summary>
public class DissectTests
{
    /// <summary>Parse at build time, then build the runtime pattern from the parts, as the emitted code does.</summary>
    private static DissectPattern Runtime(DissectParseResult parsed) =>
        new(parsed.LeadingDelimiter,
            parsed.Parts.Select(p => new DissectKey(p.Name, (RunKind)(int)p.Kind, p.AppendOrder, p.SkipRightPadding, p.Delimiter)).ToArray(),
            parsed.AppendSeparator, parsed.Keys.ToArray());

    /// <summary>null: the pattern is refused; an empty dictionary with Matched=false: no match.</summary>
    private static (bool Parsed, bool Matched, Dictionary<string, string?> Keys) Dissect(string pattern, string input, string separator = "")
    {
        DissectParseResult parsed = DissectParser.Parse(pattern, separator);
        if (!parsed.Succeeded) return (false, false, new());
        DissectPattern dissect = Runtime(parsed);
        var keys = new EsqlValue[dissect.Columns.Length];
        bool matched = dissect.TryMatch(input, keys);
        Assert.Equal(matched, keys.Any(k => !k.IsNull));
        return (true, matched, dissect.Columns.Select((c, i) => (c, keys[i])).ToDictionary(p => p.c, p => p.Item2.IsNull ? null : p.Item2.AsString));
    }

    private static void AssertCase(string name, string pattern, string input, string separator, JsonElement expected, bool refusedByEsql)
    {
        var (parsed, matched, keys) = Dissect(pattern, input, separator);
        if (refusedByEsql || expected.ValueKind == JsonValueKind.String)
        {
            Assert.False(parsed, name + ": ES|QL refuses " + pattern);
            return;
        }
        if (expected.ValueKind == JsonValueKind.Null)
        {
            Assert.False(parsed && matched, name + ": expected no match");
            return;
        }
        Assert.True(parsed, name + ": " + DissectParser.Parse(pattern, separator).Error);
        Assert.True(matched, name + ": expected a match");
        var want = expected.EnumerateObject().ToDictionary(p => p.Name, p => (string?)p.Value.GetString());
        Assert.Equal(want.OrderBy(p => p.Key, StringComparer.Ordinal), keys.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    public static IEnumerable<object[]> SpecificationCases()
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Repository.Data("dissect", "tests.json")));
        foreach (JsonElement c in doc.RootElement.EnumerateArray())
            yield return new object[] { c.GetProperty("name").GetString()!, c.GetRawText() };
    }

    [Theory]
    [MemberData(nameof(SpecificationCases))]
    public void ES_specification_case(string name, string json)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        JsonElement c = doc.RootElement;
        string pattern = c.GetProperty("tok").GetString()!;
        bool fail = c.GetProperty("fail").GetBoolean();
        // ES|QL: "Reference keys not supported in dissect patterns".
        bool reference = pattern.Contains("%{*") || pattern.Contains("%{&");
        JsonElement expected = fail ? default : c.GetProperty("expected");
        if (fail)
        {
            var (parsed, matched, _) = Dissect(pattern, c.GetProperty("msg").GetString()!, c.GetProperty("append").GetString()!);
            Assert.False(parsed && matched, name);
            return;
        }
        AssertCase(name, pattern, c.GetProperty("msg").GetString()!, c.GetProperty("append").GetString()!, expected, reference);
    }

    public static IEnumerable<object[]> ParserTestCases() =>
        File.ReadAllLines(Repository.Data("dissect", "es-dissect-parser-cases.jsonl")).Select((line, i) => new object[] { i + 1, line });

    [Theory]
    [MemberData(nameof(ParserTestCases))]
    public void ES_DissectParserTests_case(int line, string json)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        JsonElement c = doc.RootElement;
        AssertCase($"line {line} ({c.GetProperty("test").GetString()})", c.GetProperty("pattern").GetString()!, c.GetProperty("input").GetString()!,
            c.GetProperty("append").GetString()!, c.GetProperty("expected"), refusedByEsql: false);
    }

    [Fact]
    public void The_data_files_hold_what_the_manifest_says()
    {
        Assert.Equal(31, SpecificationCases().Count());
        Assert.Equal(69, ParserTestCases().Count());
    }

    // ----- ES|QL's parser (LogicalPlanBuilder.visitDissectCommand and its tests) -----

    [Theory]
    [InlineData("", 0)]
    [InlineData(" ", 0)]
    [InlineData("no fields", 0)]
    [InlineData("%{}", 0)]
    [InlineData("%{?a} %{}", 0)]
    public void Patterns_without_a_named_key_are_refused(string pattern, int offset)
    {
        DissectParseResult r = DissectParser.Parse(pattern, null);
        Assert.False(r.Succeeded);
        Assert.StartsWith("Invalid pattern for dissect: [" + pattern + "]", r.Error);
        Assert.Equal(offset, r.ErrorOffset);
    }

    [Fact]
    public void Reference_keys_are_refused_at_the_key()
    {
        DissectParseResult r = DissectParser.Parse("x %{*a}:%{&a}", null);
        Assert.Equal("Reference keys not supported in dissect patterns: [%{*a}]", r.Error);
        Assert.Equal(2, r.ErrorOffset);
    }

    [Theory]
    [InlineData("%{a} %{+/2}", 5, "could not be determined")]
    [InlineData("%{a} %{&+b}", 5, "multiple modifiers")]
    [InlineData("%{a/1}", 0, "could not be determined")]
    [InlineData("%{+a/99999}", 0, "16-bit")]
    [InlineData("%{+}", 0, "could not be determined")]
    public void Bad_keys_are_located_errors(string pattern, int offset, string message)
    {
        DissectParseResult r = DissectParser.Parse(pattern, null);
        Assert.Contains(message, r.Error);
        Assert.Equal(offset, r.ErrorOffset);
    }

    [Fact]
    public void Columns_are_the_named_keys_in_pattern_order_once_each()
    {
        DissectParseResult r = DissectParser.Parse("%{z} %{?s} %{a} %{+z} %{} %{m}", " ");
        Assert.Equal(new[] { "z", "a", "m" }, r.Keys);
        Assert.Equal(new[] { GenKind.Append, GenKind.Skip, GenKind.Simple, GenKind.Append, GenKind.Skip, GenKind.Simple }, r.Parts.Select(p => p.Kind));
    }

    [Fact]
    public void Append_separator_joins_appended_values()
    {
        // ES|QL docs example: DISSECT a """%{date} - %{msg} - %{ip}""" and APPEND_SEPARATOR.
        Assert.Equal("foo::bar", Dissect("%{a} %{+a}", "foo bar", "::").Keys["a"]);
        Assert.Equal("foobar", Dissect("%{a} %{+a}", "foo bar").Keys["a"]);
        Assert.Equal("foobar", Dissect("%{a} %{+a}", "foo bar", null!).Keys["a"]);
    }

    [Fact]
    public void Null_empty_and_multivalued_inputs()
    {
        DissectPattern d = Runtime(DissectParser.Parse("%{k}=%{v}", null));
        var columns = new EsqlValue[2];
        d.Extract(EsqlValue.Null, columns);
        Assert.True(columns.All(c => c.IsNull));
        // The value must be longer than the leading delimiter: "" never matches (ES: inputString.length() > leading).
        d.Extract(EsqlValue.Keyword(""), columns);
        Assert.True(columns.All(c => c.IsNull));
        d.Extract(EsqlValue.Keyword("novalue"), columns);
        Assert.True(columns.All(c => c.IsNull));
        d.Extract(EsqlValue.Keyword("a="), columns);
        Assert.Equal(new[] { EsqlValue.Keyword("a"), EsqlValue.Keyword("") }, columns);
        d.Extract(EsqlValue.Multi(EsqlType.Keyword, new[] { EsqlValue.Keyword("a=1"), EsqlValue.Keyword("x"), EsqlValue.Keyword("b=2") }), columns);
        Assert.Equal(EsqlValue.Multi(EsqlType.Keyword, new[] { EsqlValue.Keyword("a"), EsqlValue.Keyword("b") }), columns[0]);
        Assert.Equal(EsqlValue.Multi(EsqlType.Keyword, new[] { EsqlValue.Keyword("1"), EsqlValue.Keyword("2") }), columns[1]);
    }

    [Fact]
    public void Leading_text_with_a_line_break_is_not_a_leading_delimiter()
    {
        // ES finds the leading delimiter with ^(.*?)%\{, whose '.' stops at line breaks: the text is then dropped.
        Assert.Equal("", DissectParser.Parse("a\nb%{k}", null).LeadingDelimiter);
        Assert.Equal("ab", DissectParser.Parse("ab%{k}", null).LeadingDelimiter);
    }

    // ----- the AWS corpus -----

    private static readonly Dictionary<string, (string Value, Dictionary<string, string> Expected)> CorpusValues = new()
    {
        ["{%{?Esql.aws_cloudtrail_request_parameters_service_code_key}=%{Esql.aws_cloudtrail_request_parameters_service_code}, %{?quota_code_key}=%{Esql.aws_cloudtrail_request_parameters_quota_code}}"] =
            ("{serviceCode=ec2, quotaCode=L-1216C47A}", new() { ["Esql.aws_cloudtrail_request_parameters_service_code"] = "ec2", ["Esql.aws_cloudtrail_request_parameters_quota_code"] = "L-1216C47A" }),
        ["%{}/document/orchestration/%{Esql.process_parent_command_line_ssm_command_id}/%{}"] =
            ("/usr/bin/ssm-document-worker /var/lib/amazon/ssm/i-0abc/document/orchestration/6f3c1b2a-1111-2222-3333-444455556666/awsrunShellScript/0.awsrunShellScript",
             new() { ["Esql.process_parent_command_line_ssm_command_id"] = "6f3c1b2a-1111-2222-3333-444455556666" }),
        ["%{}commandId=%{Esql.aws_cloudtrail_response_elements_ssm_command_id},%{}"] =
            ("{command={commandId=0f1e2d3c-aaaa-bbbb-cccc-ddddeeeeffff, documentName=AWS-RunShellScript, status=Pending}}",
             new() { ["Esql.aws_cloudtrail_response_elements_ssm_command_id"] = "0f1e2d3c-aaaa-bbbb-cccc-ddddeeeeffff" }),
        ["{%{?bucketName}=%{Esql.aws_cloudtrail_request_parameters_target_bucket_name},%{?x-amz-server-side-encryption-aws-kms-key-id}=%{?arn}:%{?aws}:%{?kms}:%{?region}:%{Esql.aws_cloudtrail_request_parameters_kms_key_account_id}:%{?key}/%{Esql.aws_cloudtrail_request_parameters_kms_key_id},%{?Host}=%{?tls.client.server.name},%{?x-amz-server-side-encryption}=%{?server_side_encryption},%{?x-amz-copy-source}=%{?bucket.object.name},%{?key}=%{Esql.aws_cloudtrail_request_parameters_target_object_key}}"] =
            ("{bucketName=victim-bucket, x-amz-server-side-encryption-aws-kms-key-id=arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab, Host=victim-bucket.s3.us-east-1.amazonaws.com, x-amz-server-side-encryption=aws:kms, x-amz-copy-source=victim-bucket/data.csv, key=data.csv}",
             new()
             {
                 ["Esql.aws_cloudtrail_request_parameters_target_bucket_name"] = "victim-bucket",
                 ["Esql.aws_cloudtrail_request_parameters_kms_key_account_id"] = "111122223333",
                 ["Esql.aws_cloudtrail_request_parameters_kms_key_id"] = "1234abcd-12ab-34cd-56ef-1234567890ab",
                 ["Esql.aws_cloudtrail_request_parameters_target_object_key"] = "data.csv",
             }),
        ["%{{?bucket.name.key}=%{Esql.aws_cloudtrail_request_parameters_bucket_name}, %{?host.key}=%{Esql_priv.aws_cloudtrail_request_parameters_host}, %{?bucket.object.location.key}=%{Esql.aws_cloudtrail_request_parameters_bucket_object_location}}"] =
            ("{bucketName=my-site, Host=my-site.s3.amazonaws.com, key=static/js/main.js}",
             new()
             {
                 ["Esql.aws_cloudtrail_request_parameters_bucket_name"] = "my-site",
                 ["Esql_priv.aws_cloudtrail_request_parameters_host"] = "my-site.s3.amazonaws.com",
                 ["Esql.aws_cloudtrail_request_parameters_bucket_object_location"] = "static/js/main.js",
             }),
        ["%{}static/js/%{Esql.aws_cloudtrail_request_parameters_object_key}"] =
            ("static/js/main.js", new() { ["Esql.aws_cloudtrail_request_parameters_object_key"] = "main.js" }),
    };

    public static IEnumerable<object[]> CorpusCommands() =>
        EsqlPatternCorpus.Commands().Where(c => c.Command == "DISSECT").Select(c => new object[] { c.File, c.Pattern });

    [Theory]
    [MemberData(nameof(CorpusCommands))]
    public void Every_corpus_dissect_pattern_parses_and_extracts_from_a_realistic_value(string file, string pattern)
    {
        Assert.True(CorpusValues.TryGetValue(pattern, out var sample), $"{file}: no sample value for {pattern}");
        var (parsed, matched, keys) = Dissect(pattern, sample.Value);
        Assert.True(parsed, DissectParser.Parse(pattern, null).Error);
        Assert.True(matched);
        Assert.Equal(sample.Expected.OrderBy(p => p.Key, StringComparer.Ordinal), keys.OrderBy(p => p.Key, StringComparer.Ordinal)!);
        Assert.False(Dissect(pattern, "{eventName=Other}").Matched && pattern.Contains("/document/"));
    }

    [Fact]
    public void The_corpus_has_the_dissect_commands_we_expect()
    {
        var patterns = EsqlPatternCorpus.Commands().Where(c => c.Command == "DISSECT").Select(c => c.Pattern).Distinct().ToList();
        Assert.Equal(6, patterns.Count);
        Assert.All(CorpusValues.Keys, k => Assert.Contains(k, patterns));
    }

    [Fact]
    public void The_construct_expression_is_one_CSharp_expression_naming_the_runtime_types()
    {
        DissectParseResult r = DissectParser.Parse("x=%{a->} %{+a/2} %{?s}\"%{b}", "\"");
        Assert.True(r.Succeeded, r.Error);
        string code = r.ConstructExpression!;
        var expression = SyntaxFactory.ParseExpression(code);
        Assert.Empty(expression.GetDiagnostics());
        Assert.Equal(code, expression.ToFullString());
        Assert.StartsWith("new global::RuleGen.Runtime.Pipeline.Patterns.DissectPattern(\"x=\", new global::RuleGen.Runtime.Pipeline.Patterns.DissectKey[] {", code);
        Assert.Contains("new global::RuleGen.Runtime.Pipeline.Patterns.DissectKey(\"a\", global::RuleGen.Runtime.Pipeline.Patterns.DissectKeyKind.Append, -1000, true, \" \")", code);
        Assert.EndsWith("\"\\\"\", new string[] { \"a\", \"b\" })", code);
        // The kinds line up by name between the generator and the runtime.
        Assert.Equal(Enum.GetNames(typeof(GenKind)), Enum.GetNames(typeof(RunKind)));
    }
}
