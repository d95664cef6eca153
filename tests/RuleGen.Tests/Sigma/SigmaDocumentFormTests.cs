using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using RuleGen.Runtime;
using Xunit;

namespace RuleGen.Tests.Sigma;

/// <summary>
/// One Sigma CloudTrail rule over both kinds of logs (issue 9, "Fields: one rule, both kinds of logs"): the same
/// rule over a real raw record (Data/raw-cloudtrail) and over the ECS document Elastic's own pipeline made of it
/// (Data/ecs-cloudtrail, the integration's pipeline-test outputs) gives the same verdict, except where a mapping
/// loss explains it, with its RG0080 warning at the field.
/// </summary>
public class SigmaDocumentFormTests
{
    private static string Rule(string detection) =>
        "title: Both forms\nid: 5f0e1a2b-0000-4000-8000-0000000000f1\nstatus: test\ndescription: A test.\nauthor: RuleGen\n" +
        "level: medium\nlogsource:\n  product: aws\n  service: cloudtrail\ndetection:\n" + detection;

    /// <summary>Every pair of Data: (file, raw record, Elastic's ECS document of it), the first record of each file.</summary>
    public static IEnumerable<object[]> Pairs()
    {
        foreach (string raw in Directory.GetFiles(Repository.Data("raw-cloudtrail"), "*.log").OrderBy(f => f, StringComparer.Ordinal))
        {
            string name = Path.GetFileName(raw);
            string[] rawLines = File.ReadAllLines(raw);
            string[] ecsLines = File.ReadAllLines(Repository.Data("ecs-cloudtrail", name + "-expected.ndjson"));
            int at = Enumerable.Range(0, Math.Min(rawLines.Length, ecsLines.Length)).First(i => rawLines[i].Length > 0 && ecsLines[i].Length > 0);
            yield return new object[] { name, rawLines[at], ecsLines[at] };
        }
    }

    /// <summary>(fired on the raw record, fired on the ECS document), after checking the rule compiles.</summary>
    private static (bool Raw, bool Ecs) Verdicts(GeneratorHarness.Result run, string raw, string ecs)
    {
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var scanner = new Scanner(GeneratorHarness.Load(run, "Test.Rules"));
        bool Fires(string json)
        {
            bool fired = false;
            scanner.ScanDocument(Encoding.UTF8.GetBytes(json), new DocumentPosition("t", 1), InputFormat.NdJson, _ => fired = true, p => Assert.Fail(p));
            return fired;
        }
        return (Fires(raw), Fires(ecs));
    }

    private static GeneratorHarness.Result Run(string detection) => GeneratorHarness.Run(new InMemoryRuleFile("/repo/rules/both.yml", Rule(detection)));

    private static string Quoted(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    [Theory]
    [MemberData(nameof(Pairs))]
    public void TheSameRuleGivesTheSameVerdictOnARealRawRecordAndOnElasticsEcsDocumentOfIt(string file, string raw, string ecs)
    {
        using JsonDocument record = JsonDocument.Parse(raw);
        JsonElement root = record.RootElement;
        string Text(string name) => root.GetProperty(name).GetString()!;
        string identity = root.GetProperty("userIdentity").GetProperty("type").GetString()!;
        string detection =
            $"  selection:\n    eventSource: {Quoted(Text("eventSource"))}\n    eventName: {Quoted(Text("eventName"))}\n" +
            $"    awsRegion: {Quoted(Text("awsRegion"))}\n    userIdentity.type: {Quoted(identity)}\n" +
            "  near_miss:\n    eventName: NotThisEvent\n  condition: selection and not near_miss\n";
        Assert.True(Verdicts(Run(detection), raw, ecs) == (true, true), file + ": the rule must fire on both forms");

        string missing = detection.Replace("NotThisEvent", Text("eventName"), StringComparison.Ordinal);
        Assert.True(Verdicts(Run(missing), raw, ecs) == (false, false), file + ": the near miss must fire on neither form");
    }

    [Fact]
    public void RequestParameterMembersAndIdentityFieldsAgreeOnTheCreateUserRecord()
    {
        var (_, raw, ecs) = Pair("test-create-user-json.log");
        var run = Run("  sel:\n    eventName: CreateUser\n    requestParameters.userName: bob\n    userIdentity.arn|endswith: ':user/Alice'\n    userIdentity.userName: Alice\n  condition: sel\n");
        Assert.Equal((true, true), Verdicts(run, raw, ecs));
        Assert.Equal((false, false), Verdicts(Run("  sel:\n    eventName: CreateUser\n    requestParameters.userName: Carol\n  condition: sel\n"), raw, ecs));
    }

    [Fact]
    public void TheGeneratedCodeReadsIfRawElseEcs()
    {
        var run = Run("  sel:\n    eventName: CreateUser\n  condition: sel\n");
        string source = run.Source("BothForms.");
        // Slot 0 is the raw name, slot 1 the ECS name; the raw side reads e[0], the ECS side e[1].
        Assert.True(source.IndexOf("\"eventName\"", StringComparison.Ordinal) < source.IndexOf("\"event.action\"", StringComparison.Ordinal), source);
        int test = source.IndexOf("(global::RuleGen.Runtime.DocumentForm.Raw == e.Form", StringComparison.Ordinal);
        Assert.True(test > 0, source);
        int question = source.IndexOf("? (", test, StringComparison.Ordinal), colon = source.IndexOf(": (", test, StringComparison.Ordinal);
        Assert.True(question > 0 && colon > question, source);
        Assert.Contains("e[0]", source[question..colon]);
        Assert.DoesNotContain("e[1]", source[question..colon]);
        Assert.Contains("e[1]", source[colon..]);
        // Both sides keep the rule indexed: by eventName on raw records, by event.action on ECS documents.
        Assert.Contains("s_dispatch = new global::RuleGen.Runtime.DispatchKey(0, ignoreCase: true, \"CreateUser\") { OrElse = new global::RuleGen.Runtime.DispatchKey(1, ignoreCase: true, \"CreateUser\") }", source);
        Assert.Contains("// or whose event.action is one of these (ignoring case) reach this rule.", source);
    }

    [Fact]
    public void ADateTheIntegrationRewritesDiffersAndTheWarningSaysWhy()
    {
        // eventTime 2014-03-24T21:11:59Z becomes @timestamp 2014-03-24T21:11:59.000Z: the raw text no longer matches.
        var (_, raw, ecs) = Pair("test-create-user-json.log");
        var run = Run("  sel:\n    eventName: CreateUser\n    eventTime: '2014-03-24T21:11:59Z'\n  condition: sel\n");
        Assert.Equal((true, false), Verdicts(run, raw, ecs));
        Diagnostic warning = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "RG0080");
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Contains("'eventTime' is tested at '@timestamp'", warning.GetMessage());
        Assert.Contains("date-reformat", warning.GetMessage());
        Assert.Equal(12, warning.Location.GetLineSpan().StartLinePosition.Line); // "    eventTime: …"
    }

    [Fact]
    public void AnEmptyStringTestIsWarnedAboutBecauseTheIntegrationDropsEmpties()
    {
        var run = Run("  sel:\n    eventName: CreateUser\n  filter:\n    errorCode: ''\n  condition: sel and not filter\n");
        Assert.Contains(run.GeneratorDiagnostics, d => d.Id == "RG0080" && d.GetMessage().Contains("empties-dropped", StringComparison.Ordinal));
        // Raw: errorCode "" is there and the filter holds; ECS: the pipeline dropped it, the filter does not.
        string raw = """{"eventSource":"iam.amazonaws.com","eventName":"CreateUser","errorCode":""}""";
        string ecs = """{"event":{"action":"CreateUser","provider":"iam.amazonaws.com"},"aws":{"cloudtrail":{"event_version":"1.08"}}}""";
        Assert.Equal((false, true), Verdicts(run, raw, ecs));
    }

    [Theory]
    [InlineData("errorCode|contains: '*'")] // SigmaHQ's aws_ec2_vm_export_failure filter
    [InlineData("errorCode: '*'")]
    [InlineData("errorCode|re: '^.*$'")]
    public void AValueAnEmptyStringPassesIsWarnedAboutToo(string test)
    {
        var run = Run("  sel:\n    eventName: CreateUser\n  filter:\n    " + test + "\n  condition: sel and not filter\n");
        Assert.Contains(run.GeneratorDiagnostics, d => d.Id == "RG0080" && d.GetMessage().Contains("an empty string passes", StringComparison.Ordinal));
        // Raw: errorCode "" passes the filter, so no alert; ECS: the pipeline dropped it, the filter fails, an alert.
        string raw = """{"eventSource":"iam.amazonaws.com","eventName":"CreateUser","errorCode":""}""";
        string ecs = """{"event":{"action":"CreateUser","provider":"iam.amazonaws.com"},"aws":{"cloudtrail":{"event_version":"1.08"}}}""";
        Assert.Equal((false, true), Verdicts(run, raw, ecs));
    }

    [Theory]
    [InlineData("errorCode|contains: 'Denied'")]
    [InlineData("errorCode|re: 'Denied'")]
    [InlineData("errorCode|contains: '*Denied'")]
    public void AValueAnEmptyStringFailsIsNotWarnedAbout(string test)
    {
        var run = Run("  sel:\n    eventName: CreateUser\n  filter:\n    " + test + "\n  condition: sel and not filter\n");
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "RG0080");
    }

    [Fact]
    public void ARawFieldWithNoEcsPlaceIsFalseOnEcsWithAWarning()
    {
        var (_, raw, ecs) = Pair("test-create-user-json.log");
        var run = Run("  sel:\n    eventName: CreateUser\n    vpcEndpointAccountId|exists: false\n  condition: sel\n");
        Diagnostic warning = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "RG0080");
        Assert.Contains("has no field", warning.GetMessage());
        Assert.Contains("this test is false", warning.GetMessage());
        // Raw: the record has no web identity, so exists: false holds; ECS cannot tell, and the test is false.
        Assert.Equal((true, false), Verdicts(run, raw, ecs));
    }

    [Fact]
    public void AMergedFieldIsWarnedAbout()
    {
        var run = Run("  sel:\n    userIdentity.userName: Alice\n  condition: sel\n");
        Assert.Contains(run.GeneratorDiagnostics, d => d.Id == "RG0080" && d.GetMessage().Contains("'user.name'", StringComparison.Ordinal) && d.GetMessage().Contains("merged", StringComparison.Ordinal));
    }

    [Fact]
    public void ARuleOfAnotherLogSourceIsBoundOnceOnItsOwnNames()
    {
        string rule = Rule("  sel:\n    eventName: CreateUser\n  condition: sel\n").Replace("service: cloudtrail", "service: s3", StringComparison.Ordinal);
        var run = GeneratorHarness.Run(new InMemoryRuleFile("/repo/rules/s3.yml", rule));
        Assert.DoesNotContain("DocumentForm", run.Source("BothForms."));
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "RG0080");
    }

    /// <summary>
    /// SigmaHQ's 40 AWS rules (Data/corpus/sigma-aws, DRL 1.1) as a user drops them in, over every real pair: the
    /// rules that fire on a raw record fire on Elastic's ECS document of it, and the other way round.
    /// </summary>
    [Fact]
    public void SigmaHqsAwsRulesFireAlikeOnEveryRealPair()
    {
        var files = Directory.GetFiles(Repository.Data("corpus", "sigma-aws"), "*.yml").OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => new InMemoryRuleFile("/repo/rules/sigma/" + Path.GetFileName(f), File.ReadAllText(f))).ToList();
        var run = GeneratorHarness.Run(files, "Test.Rules");
        var scanner = new Scanner(GeneratorHarness.Load(run, "Test.Rules"));
        List<string> Fired(string json)
        {
            var names = new List<string>();
            scanner.ScanDocument(Encoding.UTF8.GetBytes(json), new DocumentPosition("t", 1), InputFormat.NdJson, m => names.Add(m.Rule.Metadata.Name), p => Assert.Fail(p));
            return names.OrderBy(n => n, StringComparer.Ordinal).ToList();
        }
        int fired = 0;
        foreach (object[] pair in Pairs())
        {
            List<string> raw = Fired((string)pair[1]);
            Assert.True(raw.SequenceEqual(Fired((string)pair[2])), $"{pair[0]}: raw fired [{string.Join(", ", raw)}], ECS [{string.Join(", ", Fired((string)pair[2]))}]");
            fired += raw.Count;
        }
        // Not vacuous: some SigmaHQ rules fire on Elastic's real records (CreateAccessKey, UpdateAssumeRolePolicy, …).
        Assert.True(fired > 0);
    }

    private static (string File, string Raw, string Ecs) Pair(string file)
    {
        object[] pair = Pairs().Single(p => (string)p[0] == file);
        return ((string)pair[0], (string)pair[1], (string)pair[2]);
    }
}
