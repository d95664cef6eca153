using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using RuleGen.Runtime;
using Xunit;

namespace RuleGen.Tests.Sigma;

/// <summary>
/// Sigma value tests on whole objects and keyword searches (issue 9): a test on an object holds when any scalar value
/// below it matches (keys are not values), a keyword is a substring of any scalar value of the event, and over a raw
/// CloudTrail record that is the record's own values, never what the normaliser added (docs/semantics.md, "Sigma").
/// Events are real records from Data/real (Invictus, Panther's tests, Elastic's pipeline tests); where no real record
/// of an API exists, a real record with its name, source and elements changed, marked MADE below.
/// </summary>
public class SigmaObjectTests
{
    private static readonly ConcurrentDictionary<string, RuleGen.Runtime.RuleSet> Compiled = new();

    private static RuleGen.Runtime.RuleSet Compile(string ruleText) => Compiled.GetOrAdd(ruleText, text =>
    {
        var run = GeneratorHarness.Run(new InMemoryRuleFile("/repo/tests/sigma.yml", text));
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.DoesNotContain(run.CompileDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        return GeneratorHarness.Load(run, "Test.Rules");
    });

    private static string SigmaHq(string name) => File.ReadAllText(Repository.Data("corpus", "sigma-aws", name + ".yml"));

    private static string Rule(string detection) =>
        "title: Test Sigma rule\nid: 5f0e1a2b-0000-4000-8000-000000000002\nstatus: test\ndescription: A test.\nauthor: RuleGen\n" +
        "level: medium\nlogsource:\n  product: aws\n  service: cloudtrail\ndetection:\n" + detection;

    private static bool Fires(string ruleText, JsonNode record) => Fires(ruleText, record.ToJsonString());

    private static bool Fires(string ruleText, string json, bool prefilter = true)
    {
        bool fired = false;
        new Scanner(Compile(ruleText), new ScanOptions { Prefilter = prefilter })
            .ScanDocument(Encoding.UTF8.GetBytes(json), new DocumentPosition("t", 1), InputFormat.NdJson, _ => fired = true, p => Assert.Fail(p));
        // The prefilter rules events out by the literals a subtree test needs: it must never change a verdict.
        if (prefilter) Assert.Equal(fired, Fires(ruleText, json, prefilter: false));
        return fired;
    }

    /// <summary>The first real raw record of the Invictus dataset with this event name (and, optionally, this text).</summary>
    private static JsonObject Invictus(string eventName, string? holding = null)
    {
        foreach (string file in Directory.GetFiles(Repository.Data("real", "invictus-aws-dataset", "CloudTrail"), "*.json").OrderBy(f => f, System.StringComparer.Ordinal))
        {
            foreach (string line in File.ReadLines(file).Where(l => l.Trim().Length > 0))
            {
                foreach (JsonNode? record in JsonNode.Parse(line)!["Records"]!.AsArray())
                {
                    if ((string?)record!["eventName"] == eventName && (holding is null || record.ToJsonString().Contains(holding)))
                    {
                        return (JsonObject)record.DeepClone();
                    }
                }
            }
        }
        throw new Xunit.Sdk.XunitException($"no {eventName} record in the Invictus dataset");
    }

    /// <summary>Panther's test events for a rule (real-shaped CloudTrail), by test name.</summary>
    private static JsonObject Panther(string file, string test) =>
        (JsonObject)File.ReadLines(Repository.Data("real", "panther-tests", file + ".ndjson")).Select(l => JsonNode.Parse(l)!)
            .Single(n => (string?)n["name"] == test)["event"]!.DeepClone();

    [Fact]
    public void Disable_bucket_versioning_fires_on_Suspended_below_requestParameters()
    {
        string rule = SigmaHq("aws_disable_bucket_versioning");
        // requestParameters.VersioningConfiguration.Status, two levels below the object the rule tests.
        Assert.True(Fires(rule, Panther("aws_s3_suspend_versioning", "Versioning Suspended Successfully")));
        Assert.False(Fires(rule, Panther("aws_s3_suspend_versioning", "Versioning Disabled Successfully")));
        Assert.False(Fires(rule, Panther("aws_s3_suspend_versioning", "Versioning Enabled")));
        Assert.False(Fires(rule, Panther("aws_s3_suspend_versioning", "Non-S3 Event"))); // requestParameters is {}
        // Suspended as a key, not a value, is no match.
        JsonObject keyOnly = Panther("aws_s3_suspend_versioning", "Versioning Enabled");
        keyOnly["requestParameters"]!["Suspended"] = true;
        Assert.False(Fires(rule, keyOnly));
    }

    [Fact]
    public void Ec2_vm_export_failure_is_ruled_out_by_Failure_anywhere_in_responseElements()
    {
        string rule = SigmaHq("aws_ec2_vm_export_failure");
        // MADE: a real Invictus record turned into a CreateInstanceExportTask call (no real one is in the data).
        JsonObject export = Invictus("PutRolePolicy");
        export["eventSource"] = "ec2.amazonaws.com";
        export["eventName"] = "CreateInstanceExportTask";
        export["responseElements"] = JsonNode.Parse("""{"exportTask":{"exportTaskId":"export-i-0a1b2c3d","state":"active","instanceExport":{"instanceId":"i-0a1b2c3d"},"exportToS3":{"diskImageFormat":"vmdk","s3Bucket":"exfil-bucket"}}}""");
        // The rule's shape: an export call that no filter rules out (no error, no Failure in the response) fires.
        Assert.True(Fires(rule, export));
        JsonObject failed = (JsonObject)export.DeepClone();
        failed["responseElements"]!["exportTask"]!["statusMessage"] = "Failure: the instance cannot be exported";
        Assert.False(Fires(rule, failed));
        // Failure as a key, not a value, rules nothing out.
        JsonObject keyOnly = (JsonObject)export.DeepClone();
        keyOnly["responseElements"]!["exportTask"]!["Failure"] = JsonNode.Parse("{}");
        Assert.True(Fires(rule, keyOnly));
        JsonObject error = (JsonObject)export.DeepClone();
        error["errorCode"] = "AccessDenied";
        Assert.False(Fires(rule, error));
    }

    [Fact]
    public void S3_browser_templated_policy_needs_every_part_inside_the_policyDocument_string()
    {
        string rule = SigmaHq("aws_iam_s3browser_templated_s3_bucket_policy_creation");
        // MADE from a real Invictus PutRolePolicy: S3 Browser's PutUserPolicy with its template bucket name left in.
        JsonObject put = Invictus("PutRolePolicy");
        put["eventName"] = "PutUserPolicy";
        put["userAgent"] = "S3 Browser 9.5.5 https://s3browser.com";
        put["requestParameters"] = new JsonObject
        {
            ["userName"] = "s3-user",
            ["policyName"] = "s3-policy",
            ["policyDocument"] = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::<YOUR-BUCKET-NAME>/*"]}]}""",
        };
        Assert.True(Fires(rule, put));
        // |all: one part missing (the real bucket name instead of the template) is a near miss.
        JsonObject named = (JsonObject)put.DeepClone();
        named["requestParameters"]!["policyDocument"] = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::corp-data/*"]}]}""";
        Assert.False(Fires(rule, named));
        // The real record itself (a role policy, no S3 Browser) does not fire.
        Assert.False(Fires(rule, Invictus("PutRolePolicy")));
    }

    private static readonly string Contains = Rule("  sel:\n    requestParameters|contains: '{0}'\n  condition: sel\n");

    [Theory]
    // A real Invictus PutBucketPolicy: bucketPolicy.Statement is an array of objects holding arrays of strings.
    [InlineData("arn:aws:iam::193672423079:root", true)] // Statement[0].Principal.AWS
    [InlineData("s3:GetBucketLocation", true)] // Statement[0].Action[1]
    [InlineData("2012-10-17", true)] // bucketPolicy.Version
    [InlineData("Principal", false)] // a key, not a value
    [InlineData("bucketPolicy", false)] // a key of requestParameters itself
    [InlineData("PutBucketPolicy", false)] // a value of the record, not below requestParameters
    public void A_test_on_an_object_reads_every_value_below_it_at_any_depth_and_no_key(string part, bool fires) =>
        Assert.Equal(fires, Fires(Contains.Replace("{0}", part), Invictus("PutBucketPolicy", "193672423079")));

    [Theory]
    [InlineData("""{"requestParameters":{"a":[{"b":[{"c":"deep-Value"}]}]}}""", true)]
    [InlineData("""{"requestParameters.a":{"b":"deep-value"}}""", true)] // dotted spelling of the object's key
    [InlineData("""{"requestParameters":{"a.b":"deep-value"}}""", true)]
    [InlineData("""{"requestParameters":{"n":[1,true,"deep-value\u0021"]}}""", true)] // an escaped string
    [InlineData("""{"requestParameters":{"deep-value":1}}""", false)] // keys are not values
    [InlineData("""{"requestParameters":"deep-value"}""", true)] // a scalar is its own only value
    [InlineData("""{"requestParameters":null}""", false)]
    [InlineData("""{"other":{"x":"deep-value"}}""", false)]
    public void Nested_dotted_and_mixed_spellings_reach_the_subtree(string body, bool fires)
    {
        // An eventSource makes it a raw CloudTrail record, as the rule's log source says.
        string json = "{\"eventSource\":\"s3.amazonaws.com\"," + body.Substring(1);
        Assert.Equal(fires, Fires(Contains.Replace("{0}", "deep-value"), json));
    }

    [Theory]
    [InlineData("{0}: v2012", true)]
    [InlineData("{0}: 30", true)] // a number below the object is its text
    [InlineData("{0}|lt: 25", true)] // numeric modifiers: any number below the object
    [InlineData("{0}|lt: 5", false)]
    public void Other_leaves_over_an_object_test_any_value(string item, bool fires) =>
        Assert.Equal(fires, Fires(Rule("  sel:\n    " + item.Replace("{0}", "requestParameters") + "\n  condition: sel\n"),
            """{"eventSource":"s3.amazonaws.com","requestParameters":{"bucketPolicy":{"Version":"v2012"},"limits":{"port":22,"counts":[30,40]}}}"""));

    private static readonly string Keywords = Rule("  keywords:\n    - '{0}'\n  condition: keywords\n");

    [Theory]
    [InlineData("Bob", true)] // requestParameters.userName
    [InlineData("EXAMPLE_KEY_ID", true)] // responseElements.accessKey.accessKeyId
    [InlineData("example_key_id", true)] // case-insensitive, as every Sigma value
    [InlineData("createaccess", true)] // a substring of eventName
    [InlineData("accessKeyId", false)] // a key only
    [InlineData("userName=Bob", false)] // only in the Java map string the normaliser adds (aws.cloudtrail.request_parameters)
    [InlineData("success", false)] // only in event.outcome, which the normaliser derives
    public void A_keyword_search_over_a_raw_record_reads_the_records_own_values(string keyword, bool fires) =>
        Assert.Equal(fires, Fires(Keywords.Replace("{0}", keyword), File.ReadAllText(Repository.Data("raw-cloudtrail", "test-create-access-key-json.log")).Trim()));

    [Theory]
    [InlineData("Bob", true)]
    [InlineData("userName=Bob", true)] // aws.cloudtrail.request_parameters is in Elastic's document
    [InlineData("success", true)] // event.outcome is a value of Elastic's document
    [InlineData("NotInTheDocument", false)]
    public void A_keyword_search_over_an_ECS_document_reads_all_of_its_values(string keyword, bool fires)
    {
        // Elastic's own pipeline output for the same raw record (its test's expected document).
        JsonNode expected = JsonNode.Parse(File.ReadAllText(Repository.Data("real", "elastic-integrations-aws-cloudtrail-ecs", "test-create-access-key-json.log-expected.json")))!["expected"]![0]!;
        Assert.Equal(fires, Fires(Keywords.Replace("{0}", keyword), expected));
    }

    [Theory]
    [InlineData("  keywords:\n    '|all':\n      - CreateAccessKey\n      - Bob\n  condition: keywords\n", true)]
    [InlineData("  keywords:\n    '|all':\n      - CreateAccessKey\n      - Carol\n  condition: keywords\n", false)]
    [InlineData("  keywords:\n    - Carol\n    - Bob\n  condition: keywords\n", true)]
    [InlineData("  keywords:\n    - 'Create*Key'\n  condition: keywords\n", true)] // the spec's wildcards
    [InlineData("  keywords:\n    '|cased':\n      - createaccesskey\n  condition: keywords\n", false)]
    [InlineData("  sel:\n    eventName: CreateAccessKey\n  keywords:\n    - Bob\n  condition: sel and not keywords\n", false)]
    public void Keyword_lists_OR_all_ANDs_and_keywords_combine_with_fields(string detection, bool fires) =>
        Assert.Equal(fires, Fires(Rule(detection), File.ReadAllText(Repository.Data("raw-cloudtrail", "test-create-access-key-json.log")).Trim()));

    [Fact]
    public void A_keyword_string_transformation_is_located_not_supported_yet()
    {
        // The reader allows all, cased and the string transformations on keywords (RG0025 for others); the
        // transformations are not supported yet.
        var run = GeneratorHarness.Run(new InMemoryRuleFile("/repo/tests/sigma.yml", Rule("  keywords:\n    '|base64':\n      - 'CreateAccessKey'\n  condition: keywords\n")));
        Diagnostic error = Assert.Single(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("RG0023", error.Id);
        Assert.Contains("'base64'", error.GetMessage());
        Assert.Equal(11, error.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void Gathering_subtrees_allocates_nothing_in_steady_state()
    {
        // As AllocationTests, for a rule that gathers the whole document and an object: ECS events (raw ones are
        // normalised through JsonDocument), nested, with arrays, escapes and non-ASCII values (Linköping: every
        // value is case folded), parsed in full (no prefilter).
        var rules = Compile(Rule("  keywords:\n    - 'NoSuchValueAnywhere'\n  sel:\n    requestParameters|contains: 'NoSuch'\n  condition: keywords or sel\n"));
        byte[][] events = new[] { "test-console-login-json.log-expected.ndjson", "test-send-command-all-json.log-expected.ndjson", "test-get-secret-value-json.log-expected.ndjson" }
            .SelectMany(f => File.ReadAllLines(Repository.Data("ecs-cloudtrail", f))).Where(l => l.Length > 0)
            .Append("""{"requestParameters":{"a":[{"b":"x\u0041"},{"c":[1,true,null]}]},"requestParameters.d":"y"}""")
            .Select(Encoding.UTF8.GetBytes).ToArray();
        var scanner = new Scanner(rules, new ScanOptions { Prefilter = false, Threads = 1 });
        int matches = 0;
        var position = new DocumentPosition("t", 1, 1);
        void ScanAll()
        {
            foreach (byte[] e in events) scanner.ScanDocument(e, position, InputFormat.NdJson, _ => matches++, p => throw new System.InvalidOperationException(p));
        }
        for (int warm = 0; warm < 50; warm++) ScanAll();
        long before = System.GC.GetAllocatedBytesForCurrentThread();
        for (int round = 0; round < 200; round++) ScanAll();
        Assert.Equal(0, System.GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(0, matches);
    }

    [Fact]
    public void A_subtree_is_never_a_dispatch_key()
    {
        // An equality on a field is a dispatch key; the same equality on a whole object is not (its values are no field).
        static string Generated(string detection) => string.Concat(GeneratorHarness.Run(new InMemoryRuleFile("/repo/tests/sigma.yml", Rule(detection)))
            .Run.Results.Single().GeneratedSources.Select(g => g.SourceText.ToString()));
        Assert.Contains("s_dispatch = new", Generated("  sel:\n    requestParameters.bucketName: Suspended\n  condition: sel\n"));
        Assert.Contains("s_dispatch = null", Generated("  sel:\n    requestParameters: Suspended\n  condition: sel\n"));
        Assert.Contains("s_dispatch = null", Generated("  keywords:\n    - Suspended\n  condition: keywords\n"));
    }

    [Theory]
    [InlineData("", false)] // the whole document: a raw record's own values (EventEvaluator gathers them from its bytes)
    [InlineData("requestParameters", false)] // copied verbatim by the normaliser
    [InlineData("aws.cloudtrail.flattened", false)]
    [InlineData("aws.cloudtrail", true)] // request_parameters (the Java map string) and management_event are derived
    [InlineData("aws", true)]
    [InlineData("event", true)] // event.outcome, event.kind
    [InlineData("user_agent", true)] // the parsed user agent
    [InlineData("aws.cloudtrail.console_login.additional_eventdata", true)]
    public void A_subtree_gives_prefilter_literals_only_when_no_derived_field_lies_below_it(string path, bool derived) =>
        Assert.Equal(derived, RuleGen.Generator.Planning.FieldTraits.HoldsDerivedOrConstant(path));

    [Fact]
    public void Subtree_tests_give_the_prefilter_their_literals()
    {
        // A rule with only a keyword still rules events out from their bytes (RequiredLiterals reads the subtree).
        var run = GeneratorHarness.Run(new InMemoryRuleFile("/repo/tests/sigma.yml", Rule("  keywords:\n    - 'stratus-red-team'\n  condition: keywords\n")));
        string generated = string.Concat(run.Run.Results.Single().GeneratedSources.Select(g => g.SourceText.ToString()));
        Assert.Contains("stratus-red-team", generated);
        Assert.Contains("\"**\"", generated);
        var scanner = new Scanner(Compile(Rule("  keywords:\n    - 'stratus-red-team'\n  condition: keywords\n")));
        scanner.ScanDocument(Encoding.UTF8.GetBytes("""{"eventSource":"s3.amazonaws.com","eventName":"ListBuckets"}"""), new DocumentPosition("t", 1), InputFormat.NdJson, _ => Assert.Fail("fired"), p => Assert.Fail(p));
        Assert.Equal(1, scanner.Statistics.Skipped);
    }
}
