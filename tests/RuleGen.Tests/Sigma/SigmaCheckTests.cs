using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using RuleGen.Generator;
using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Model;
using Xunit;

namespace RuleGen.Tests.Sigma;

/// <summary>
/// The build-time checks of Sigma rules (issue 9, "Checked at build time"): one bad rule per diagnostic, each at its
/// YAML line and column, and the ATT&amp;CK tags of SigmaHQ's AWS rules as Elastic threat.
/// </summary>
public class SigmaCheckTests
{
    private const string Head =
        "title: Test Sigma rule\nid: 5f0e1a2b-0000-4000-8000-000000000001\nstatus: test\nauthor: RuleGen\nlevel: medium\n" +
        "logsource:\n  product: aws\n  service: cloudtrail\n";

    private const string Detection = "detection:\n  sel:\n    eventName: DeleteBucket\n  condition: sel\n";

    private static CompiledRuleFile Compile(string text) =>
        RuleCompiler.Compile(new RuleSourceFile("/repo/rules/sigma.yml", text), CancellationToken.None);

    /// <summary>The one diagnostic of the id, as "line:column" (1-based, as an editor shows it).</summary>
    private static (string At, string Message, bool IsError) Single(CompiledRuleFile file, string id)
    {
        DiagnosticInfo info = Assert.Single(file.Diagnostics, d => d.Id == id);
        Diagnostic d = info.ToDiagnostic();
        var start = d.Location.GetLineSpan().StartLinePosition;
        return ($"{start.Line + 1}:{start.Character + 1}", d.GetMessage(), d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void A_missing_title_is_the_spec_s_mandatory_key_an_error()
    {
        var file = Compile(Head.Replace("title: Test Sigma rule\n", "") + Detection);
        var (at, message, error) = Single(file, "RG0004");
        Assert.Equal("1:1", at);
        Assert.Contains("'title'", message);
        Assert.True(error);
        Assert.Null(file.Rule);
    }

    [Theory]
    [InlineData("level: medium", "level: severe", "5:8", "'level' is 'severe'")]
    [InlineData("level: medium", "level: hihg", "5:8", "did you mean 'high'?")]
    [InlineData("status: test", "status: production", "3:9", "'status' is 'production'")]
    public void A_level_or_status_outside_the_spec_s_list_is_an_error_at_the_value(string from, string to, string expectedAt, string expected)
    {
        var file = Compile(Head.Replace(from, to) + Detection);
        var (at, message, error) = Single(file, "RG0015");
        Assert.Equal(expectedAt, at);
        Assert.Contains(expected, message);
        Assert.True(error);
    }

    [Fact]
    public void Levels_and_statuses_are_read_case_insensitively_as_pySigma_does()
    {
        var file = Compile(Head.Replace("level: medium", "level: High").Replace("status: test", "status: Stable") + Detection);
        Assert.DoesNotContain(file.Diagnostics, d => d.Id == "RG0015");
        Assert.Equal("high", file.Rule!.Metadata.Severity);
        Assert.Equal("stable", file.Rule.Metadata.Status);
    }

    [Fact]
    public void An_id_that_is_not_a_UUID_is_a_warning_the_spec_says_should()
    {
        var file = Compile(Head.Replace("5f0e1a2b-0000-4000-8000-000000000001", "aws-delete-bucket") + Detection);
        var (at, message, error) = Single(file, "RG0016");
        Assert.Equal("2:5", at);
        Assert.Contains("'aws-delete-bucket'", message);
        Assert.False(error);
        Assert.NotNull(file.Rule);
    }

    [Fact]
    public void A_search_identifier_no_condition_uses_is_a_warning_at_its_name()
    {
        var file = Compile(Head + "detection:\n  sel:\n    eventName: DeleteBucket\n  filter:\n    userIdentity.type: Root\n  condition: sel\n");
        var (at, message, error) = Single(file, "RG0070");
        Assert.Equal("12:3", at);
        Assert.Contains("'filter'", message);
        Assert.False(error);
    }

    [Theory]
    [InlineData("1 of sel*")]
    [InlineData("all of them")]
    [InlineData("sel and not filter")]
    public void Patterns_and_them_count_as_uses(string condition)
    {
        var file = Compile(Head + $"detection:\n  sel:\n    eventName: DeleteBucket\n  sel2:\n    eventName: PutBucketPolicy\n  filter:\n    userIdentity.type: Root\n  condition: {condition}\n");
        var unused = file.Diagnostics.Where(d => d.Id == "RG0070").Select(d => d.ToDiagnostic().GetMessage()).ToList();
        // "1 of sel*" leaves filter out; "sel and not filter" leaves sel2 out; them uses every name.
        var expected = condition switch { "1 of sel*" => new[] { "filter" }, "sel and not filter" => new[] { "sel2" }, _ => new string[0] };
        Assert.Equal(expected.Select(n => $"'{n}'"), unused.Select(m => m.Substring(m.IndexOf('\''), m.IndexOf('\'', m.IndexOf('\'') + 1) - m.IndexOf('\'') + 1)));
    }

    [Fact]
    public void Them_leaves_out_underscore_names_so_an_underscore_search_only_them_would_match_is_unused()
    {
        var file = Compile(Head + "detection:\n  sel:\n    eventName: DeleteBucket\n  _filter:\n    userIdentity.type: Root\n  condition: 1 of them\n");
        Assert.Equal("12:3", Single(file, "RG0070").At);
    }

    [Fact]
    public void An_undefined_identifier_is_an_error_at_the_word_with_did_you_mean()
    {
        var file = Compile(Head + "detection:\n  selection:\n    eventName: DeleteBucket\n  condition: selction\n");
        var (at, message, error) = Single(file, "RG0025");
        Assert.Equal("12:14", at);
        Assert.Contains("did you mean 'selection'?", message);
        Assert.True(error);
    }

    [Fact]
    public void A_field_raw_CloudTrail_never_writes_is_a_warning_with_did_you_mean_and_the_rule_compiles()
    {
        var file = Compile(Head + "detection:\n  sel:\n    eventName: DeleteBucket\n    eventSorce: s3.amazonaws.com\n  condition: sel\n");
        var (at, message, error) = Single(file, "RG0071");
        Assert.Equal("12:5", at);
        Assert.Contains("did you mean 'eventSource'?", message);
        Assert.False(error);
        Assert.DoesNotContain(file.Diagnostics, d => d.Id == "RG0050");
        Assert.NotNull(file.Rule);
    }

    [Fact]
    public void A_fields_entry_the_schema_lacks_is_the_same_warning_at_the_entry()
    {
        var file = Compile(Head + "fields:\n  - awsRegion\n  - sourceIPAdress\n" + Detection);
        var (at, message, error) = Single(file, "RG0071");
        Assert.Equal("11:5", at);
        Assert.Contains("did you mean 'sourceIPAddress'?", message);
        Assert.False(error);
    }

    [Fact]
    public void Other_languages_keep_an_unknown_field_an_error()
    {
        string esql = "rule_id: 5f0e1a2b-0000-4000-8000-000000000002\nname: Test\ndescription: x\nseverity: low\nrisk_score: 21\n" +
            "query: |\n  from logs-aws.cloudtrail-* | where event.acton == \"x\"\n";
        var file = Compile(esql);
        Assert.True(Single(file, "RG0050").IsError);
        Assert.DoesNotContain(file.Diagnostics, d => d.Id == "RG0071");
    }

    [Fact]
    public void A_value_that_is_a_field_of_the_schema_asks_for_fieldref()
    {
        var file = Compile(Head + "detection:\n  sel:\n    userIdentity.arn|contains: responseElements.accessKey.userName\n  condition: sel\n");
        var (at, message, error) = Single(file, "RG0072");
        Assert.Equal("11:32", at);
        Assert.Contains("did you mean 'userIdentity.arn|contains|fieldref'?", message);
        Assert.False(error);
        // A dotted value that names no field (a host name) is no field reference.
        Assert.DoesNotContain(Compile(Head + "detection:\n  sel:\n    eventSource: s3.amazonaws.com\n  condition: sel\n").Diagnostics, d => d.Id == "RG0072");
    }

    [Theory]
    [InlineData("eventName|contains: '*Bucket'", "11:25", "'contains' already matches anywhere")]
    [InlineData("eventName|contains: 'Bucket*'", "11:25", "at the end is redundant")]
    [InlineData("eventName|startswith: 'Delete*'", "11:27", "'startswith' already allows anything after")]
    [InlineData("eventName|endswith: '*Bucket'", "11:25", "'endswith' already allows anything before")]
    [InlineData("eventName: '*Bucket*'", "11:5", "'eventName|contains'")]
    [InlineData("eventName: 'Delete*'", "11:5", "'eventName|startswith'")]
    [InlineData("eventName: '*Bucket'", "11:5", "'eventName|endswith'")]
    [InlineData("eventName: 'Delete**Bucket'", "11:16", "two '*' in a row")]
    public void Wildcards_that_a_modifier_already_says_are_warnings(string item, string expectedAt, string expected)
    {
        var file = Compile(Head + $"detection:\n  sel:\n    {item}\n  condition: sel\n");
        var (at, message, error) = Single(file, "RG0073");
        Assert.Equal(expectedAt, at);
        Assert.Contains(expected, message);
        Assert.False(error);
    }

    [Theory]
    [InlineData("eventName|contains: 'Del*Bucket'")] // an inner wildcard is a pattern, not a modifier in disguise
    [InlineData("eventName: 'Del*Bucket*'")]
    [InlineData("eventName: '\\*Bucket\\*'")] // escaped: literal stars
    [InlineData("eventName: '*'")] // pySigma leaves a lone '*' alone
    [InlineData("eventName|contains: '*'")] // SigmaHQ: any value
    [InlineData("eventName:\n      - '*Bucket*'\n      - DeleteBucket")] // not every value
    public void Wildcards_that_mean_something_else_are_not_reported(string item) =>
        Assert.DoesNotContain(Compile(Head + $"detection:\n  sel:\n    {item}\n  condition: sel\n").Diagnostics, d => d.Id == "RG0073");

    [Fact]
    public void ATTACK_tags_become_Elastic_threat_with_catalogue_names_and_references()
    {
        var file = Compile(Head + "tags:\n  - attack.persistence\n  - attack.t1098\n  - attack.t1098.001\n  - attack.g0016\n  - attack.s0002\n  - cve.2021-44228\n  - detection.threat-hunting\n" + Detection);
        Assert.DoesNotContain(file.Diagnostics, d => d.Id.StartsWith("RG003"));
        ThreatModel threat = Assert.Single(file.Rule!.Metadata.Threat);
        Assert.Equal(("TA0003", "Persistence", "https://attack.mitre.org/tactics/TA0003/"), (threat.Tactic.Id, threat.Tactic.Name, threat.Tactic.Reference));
        TechniqueModel technique = Assert.Single(threat.Techniques);
        Assert.Equal(("T1098", "Account Manipulation"), (technique.Technique.Id, technique.Technique.Name));
        AttackRef sub = Assert.Single(technique.Subtechniques);
        Assert.Equal(("T1098.001", "Additional Cloud Credentials", "https://attack.mitre.org/techniques/T1098/001/"), (sub.Id, sub.Name, sub.Reference));
        // Every tag stays a tag, groups and software included.
        Assert.Equal(7, file.Rule.Metadata.Tags.Count);
    }

    [Fact]
    public void A_technique_without_its_tactic_in_the_tags_gets_the_catalogue_s_tactics()
    {
        // T1078.004 Cloud Accounts: initial-access, persistence, privilege-escalation, defense-evasion in ATT&CK 18.1.
        var file = Compile(Head + "tags:\n  - attack.impact\n  - attack.t1078.004\n" + Detection);
        var tactics = file.Rule!.Metadata.Threat.Select(t => t.Tactic.Id + ":" + string.Join(",", t.Techniques.Select(x => x.Technique.Id + "/" + string.Join("/", x.Subtechniques.Select(s => s.Id))))).ToList();
        Assert.Equal(new[] { "TA0040:", "TA0001:T1078/T1078.004", "TA0003:T1078/T1078.004", "TA0004:T1078/T1078.004", "TA0005:T1078/T1078.004" }, tactics);
    }

    [Theory]
    [InlineData("attack.stealth", "ATT&CK v19 tactic", "mapped to TA0005 Defense Evasion")]
    [InlineData("attack.defense-impairment", "ATT&CK v19 tactic", "mapped to TA0005 Defense Evasion")]
    [InlineData("attack.defense_impairment", "ATT&CK v19 tactic", "mapped to TA0005 Defense Evasion")]
    [InlineData("attack.t1685", "is not in ATT&CK Enterprise 18.1", "left out of threat")]
    [InlineData("attack.persistance", "is not in ATT&CK Enterprise 18.1", "did you mean 'attack.persistence'?")]
    public void Tags_newer_than_the_catalogue_are_warnings_naming_its_version(string tag, string expected, string detail)
    {
        var file = Compile(Head + $"tags:\n  - {tag}\n" + Detection);
        var (at, message, error) = Single(file, "RG0037");
        Assert.Equal("10:5", at);
        Assert.Contains(expected, message);
        Assert.Contains(detail, message);
        Assert.False(error);
        Assert.NotNull(file.Rule);
        Assert.Equal(detail.StartsWith("mapped") ? new[] { "TA0005" } : new string[0], file.Rule!.Metadata.Threat.Select(t => t.Tactic.Id));
    }

    [Fact]
    public void Tactics_with_underscores_deprecated_and_revoked_techniques()
    {
        var file = Compile(Head + "tags:\n  - attack.privilege_escalation\n  - attack.t1043\n  - attack.t1086\n" + Detection);
        // Deprecated: RG0033 and still mapped (under its own tactic, command-and-control); revoked: RG0037 naming the replacement.
        Assert.Equal("11:5", Single(file, "RG0033").At);
        var (at, message, _) = Single(file, "RG0037");
        Assert.Equal("12:5", at);
        Assert.Contains("revoked by T1059.001", message);
        Assert.Equal(new[] { "TA0004:", "TA0011:T1043" },
            file.Rule!.Metadata.Threat.Select(t => t.Tactic.Id + ":" + string.Join(",", t.Techniques.Select(x => x.Technique.Id))));
    }

    [Fact]
    public void The_AWS_corpus_tags_map_to_threat_as_pinned()
    {
        // Real SigmaHQ tags (Data/corpus/sigma-aws, DRL 1.1): v19 tactics and techniques included.
        var golden = new StringBuilder();
        foreach (string path in Directory.GetFiles(Repository.Data("corpus", "sigma-aws"), "*.yml").OrderBy(f => f, System.StringComparer.Ordinal))
        {
            CompiledRuleFile file = Compile(File.ReadAllText(path));
            if (file.Rule is null) continue;
            golden.Append(Path.GetFileName(path)).Append(": ").AppendLine(string.Join(" ", file.Rule.Metadata.Tags));
            foreach (ThreatModel threat in file.Rule.Metadata.Threat)
            {
                golden.Append("  ").Append(threat.Tactic.Id).Append(' ').Append(threat.Tactic.Name).Append(':');
                foreach (TechniqueModel t in threat.Techniques)
                    golden.Append(' ').Append(t.Technique.Id).Append(string.Concat(t.Subtechniques.Select(s => "+" + s.Id)));
                golden.AppendLine();
            }
            foreach (DiagnosticInfo d in file.Diagnostics.Where(d => !d.IsError))
            {
                Diagnostic diagnostic = d.ToDiagnostic();
                var start = diagnostic.Location.GetLineSpan().StartLinePosition;
                golden.Append("  ").Append(d.Id).Append(' ').Append(start.Line + 1).Append(':').Append(start.Character + 1).Append(' ').AppendLine(diagnostic.GetMessage());
            }
        }
        Snapshot.Match("Sigma.aws-corpus-threat", golden.ToString());
        // The pins a reader can check by eye: aws_update_login_profile (persistence + T1098 under it).
        string text = golden.ToString();
        Assert.Contains("TA0003 Persistence: T1098", text);
    }
}

/// <summary>A Sigma rule's alert end to end: generator, scanner over a raw CloudTrail record, alert writer.</summary>
public class SigmaAlertTests
{
    private const string Rule =
        "title: S3 Bucket Deleted\nid: 5f0e1a2b-0000-4000-8000-000000000009\nstatus: experimental\n" +
        "author: Jane Doe, John Roe\nlevel: high\nreferences:\n  - https://example.org/delete-bucket\n" +
        "falsepositives:\n  - Cleanup jobs\ntags:\n  - attack.impact\n  - attack.t1485\n" +
        "logsource:\n  product: aws\n  service: cloudtrail\n" +
        "detection:\n  sel:\n    eventSource: s3.amazonaws.com\n    eventName: DeleteBucket\n  condition: sel\n";

    private const string Event =
        """{"eventSource":"s3.amazonaws.com","eventName":"DeleteBucket","awsRegion":"eu-west-1","userIdentity":{"type":"Root"}}""";

    private static System.Text.Json.JsonElement Alert(string rule)
    {
        var run = GeneratorHarness.Run(new InMemoryRuleFile("/repo/rules/sigma.yml", rule));
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.DoesNotContain(run.CompileDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var output = new MemoryStream();
        using (var writer = new RuleGen.Runtime.AlertWriter(output))
        {
            new RuleGen.Runtime.Scanner(GeneratorHarness.Load(run, "Test.Rules")).ScanDocument(Encoding.UTF8.GetBytes(Event),
                new RuleGen.Runtime.DocumentPosition("t", 1), RuleGen.Runtime.InputFormat.NdJson, writer.Write, p => Assert.Fail(p));
        }
        string line = Assert.Single(Encoding.UTF8.GetString(output.ToArray()).Split('\n', System.StringSplitOptions.RemoveEmptyEntries));
        return System.Text.Json.JsonDocument.Parse(line).RootElement.Clone();
    }

    private static string[] Strings(System.Text.Json.JsonElement alert, string name) =>
        alert.GetProperty(name).EnumerateArray().Select(e => e.GetString()!).ToArray();

    [Fact]
    public void The_alert_carries_the_Sigma_metadata_and_the_fields_the_detection_reads()
    {
        var alert = Alert(Rule);
        Assert.Equal("5f0e1a2b-0000-4000-8000-000000000009", alert.GetProperty("kibana.alert.rule.rule_id").GetString());
        Assert.Equal("S3 Bucket Deleted", alert.GetProperty("kibana.alert.rule.name").GetString());
        Assert.Equal("high", alert.GetProperty("kibana.alert.severity").GetString());
        Assert.Equal(73, alert.GetProperty("kibana.alert.risk_score").GetInt32());
        // DRL 1.1: the author is kept in every alert; the spec separates several authors with commas.
        Assert.Equal(new[] { "Jane Doe", "John Roe" }, Strings(alert, "kibana.alert.rule.author"));
        Assert.Equal(new[] { "Cleanup jobs" }, Strings(alert, "kibana.alert.rule.false_positives"));
        Assert.Equal(new[] { "https://example.org/delete-bucket" }, Strings(alert, "kibana.alert.rule.references"));
        Assert.Equal("experimental", alert.GetProperty("rulegen.rule.status").GetString());
        var threat = Assert.Single(alert.GetProperty("kibana.alert.rule.threat").EnumerateArray());
        Assert.Equal("TA0040", threat.GetProperty("tactic").GetProperty("id").GetString());
        Assert.Equal("T1485", Assert.Single(threat.GetProperty("technique").EnumerateArray()).GetProperty("id").GetString());
        // Matched fields: what the detection reads, not the whole event.
        Assert.Equal("s3.amazonaws.com", alert.GetProperty("eventSource").GetString());
        Assert.Equal("DeleteBucket", alert.GetProperty("eventName").GetString());
        Assert.False(alert.TryGetProperty("awsRegion", out _));
        Assert.False(alert.TryGetProperty("userIdentity.type", out _));
    }

    [Fact]
    public void Sigma_s_fields_key_chooses_the_kept_fields()
    {
        var alert = Alert(Rule.Replace("logsource:", "fields:\n  - awsRegion\n  - userIdentity.type\nlogsource:"));
        Assert.Equal("eu-west-1", alert.GetProperty("awsRegion").GetString());
        Assert.Equal("Root", alert.GetProperty("userIdentity.type").GetString());
        Assert.False(alert.TryGetProperty("eventName", out _));
    }
}
