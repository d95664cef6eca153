using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using RuleGen.Runtime;
using Xunit;

namespace RuleGen.Tests;

/// <summary>
/// A rule's alert record is typed from the schema: keyword → string, long → long, double → double, boolean → bool,
/// ip → IPAddress, date → DateTimeOffset, array fields → lists, the rest JSON. Real ECS events from Elastic's
/// CloudTrail pipeline tests read typed; made events with values of the wrong JSON type (MADE, below) never throw.
/// </summary>
public class AlertTypeTests
{
    private const string Keep = "@timestamp, event.created, event.category, event.action, source.ip, source.as.number, aws.cloudtrail.read_only, aws.cloudtrail.console_login.additional_eventdata.mfa_used";

    private static RuleSet Rules(string query, string @namespace, params InMemoryRuleFile[] fields)
    {
        var result = GeneratorHarness.Run(fields.Append(new InMemoryRuleFile("/repo/rules/typed.yml", RuleYaml.With(query, name: "Typed", id: "typed-1"))), @namespace);
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        return GeneratorHarness.Load(result, @namespace);
    }

    /// <summary>The generated record for a match, and its properties by KEEP column name (tests may reflect; the runtime does not).</summary>
    private static object Alert(RuleMatch match) =>
        match.Rule.GetType().GetMethod("ToAlert", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, new object[] { match })!;

    private static object? Get(object alert, string property) => alert.GetType().GetProperty(property)!.GetValue(alert);

    private static Type TypeOf(RuleSet rules, string property) =>
        rules.Rules[0].GetType().GetNestedType("Alert")!.GetProperty(property)!.PropertyType;

    [Fact]
    public void PropertiesTakeTheSchemasTypes()
    {
        RuleSet rules = Rules($"from logs-aws.cloudtrail-* metadata _id, _version\n| where event.action == \"ConsoleLogin\"\n| keep {Keep}, _id, _version, aws.cloudtrail.flattened.request_parameters", "Typed.Types");
        Assert.Equal(typeof(DateTimeOffset?), TypeOf(rules, "Timestamp"));
        Assert.Equal(typeof(DateTimeOffset?), TypeOf(rules, "EventCreated"));
        Assert.Equal(typeof(IReadOnlyList<string>), TypeOf(rules, "EventCategory"));
        Assert.Equal(typeof(string), TypeOf(rules, "EventAction"));
        Assert.Equal(typeof(IPAddress), TypeOf(rules, "SourceIp"));
        Assert.Equal(typeof(long?), TypeOf(rules, "SourceAsNumber"));
        Assert.Equal(typeof(bool?), TypeOf(rules, "AwsCloudtrailReadOnly"));
        Assert.Equal(typeof(string), TypeOf(rules, "Id"));
        Assert.Equal(typeof(long?), TypeOf(rules, "Version"));
        // flattened is object-valued: the JSON as written.
        Assert.Equal(typeof(JsonElement?), TypeOf(rules, "AwsCloudtrailFlattenedRequestParameters"));
    }

    [Fact]
    public void RealEcsEventsReadTyped()
    {
        RuleSet rules = Rules($"from logs-aws.cloudtrail-*\n| where event.action == \"ConsoleLogin\"\n| keep {Keep}", "Typed.Real");
        byte[] bytes = File.ReadAllBytes(Path.Combine(Repository.Data("ecs-cloudtrail"), "test-console-login-json.log-expected.ndjson"));
        var result = EventFixtures.Scan(rules, "console-login", bytes);
        Assert.Empty(result.Problems);
        Assert.Equal(3, result.Matches.Count);

        object alert = Alert(result.Matches[0]);
        Assert.Equal(new DateTimeOffset(2014, 7, 16, 15, 49, 27, TimeSpan.Zero), Get(alert, "Timestamp"));
        // Nanoseconds in the event; DateTimeOffset keeps 100 ns.
        Assert.Equal(new DateTimeOffset(2021, 11, 11, 1, 2, 3, TimeSpan.Zero).AddTicks(1234567), Get(alert, "EventCreated"));
        Assert.Equal(new[] { "authentication" }, (IReadOnlyList<string>)Get(alert, "EventCategory")!);
        Assert.Equal("ConsoleLogin", Get(alert, "EventAction"));
        Assert.Equal(IPAddress.Parse("89.160.20.156"), Get(alert, "SourceIp"));
        Assert.Equal(29518L, Get(alert, "SourceAsNumber"));
        Assert.Equal(false, Get(alert, "AwsCloudtrailConsoleLoginAdditionalEventdataMfaUsed"));
        Assert.Null(Get(alert, "AwsCloudtrailReadOnly"));
    }

    /// <summary>Over every ECS event of the integration's tests: a column with one value of the right JSON type is never null when typed.</summary>
    [Fact]
    public void EveryRealValueOfTheRightTypeIsRead()
    {
        RuleSet rules = Rules($"from logs-aws.cloudtrail-*\n| where event.provider IS NOT NULL\n| keep {Keep}, event.type, cloud.account.id", "Typed.All");
        int checkedValues = 0;
        foreach (string file in Directory.GetFiles(Repository.Data("ecs-cloudtrail"), "*.ndjson").OrderBy(f => f))
        {
            var result = EventFixtures.Scan(rules, Path.GetFileName(file), File.ReadAllBytes(file));
            Assert.Empty(result.Problems);
            foreach (RuleMatch match in result.Matches)
            {
                object alert = Alert(match);
                foreach (PropertyInfo property in alert.GetType().GetProperties().Where(p => p.Name != "Match"))
                {
                    string column = match.Columns.Select(c => c.Name).Single(c => Generator.Emitting.RuleEmitter.PropertyName(c) == property.Name);
                    if (match.Column(column) is not JsonElement raw) continue;
                    object? typed = property.GetValue(alert);
                    Assert.True(typed is not null, $"{Path.GetFileName(file)}: {column} = {raw.GetRawText()} read as null");
                    Assert.Equal(Expected(raw, property.PropertyType), typed is IReadOnlyList<string> list ? string.Join(",", list) : typed);
                    checkedValues++;
                }
            }
        }
        Assert.True(checkedValues > 100, $"only {checkedValues} values checked");
    }

    /// <summary>What the raw JSON should read as, computed another way (BCL parsers over the JSON text).</summary>
    private static object Expected(JsonElement raw, Type type)
    {
        if (type == typeof(IReadOnlyList<string>)) return raw.ValueKind == JsonValueKind.Array ? string.Join(",", raw.EnumerateArray().Select(e => e.GetString())) : raw.GetString()!;
        if (type == typeof(string)) return raw.GetString()!;
        if (type == typeof(long?)) return raw.GetInt64();
        if (type == typeof(bool?)) return raw.GetBoolean();
        if (type == typeof(IPAddress)) return IPAddress.Parse(raw.GetString()!);
        if (type == typeof(DateTimeOffset?))
        {
            // At most 7 fractional digits for the BCL parser: the 8th and 9th are below DateTimeOffset's resolution.
            string text = raw.GetString()!;
            int dot = text.IndexOf('.');
            if (dot > 0 && text.Length - dot - 2 > 7) text = text[..(dot + 8)] + "Z";
            return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
        }
        throw new ArgumentException("no expectation for " + type);
    }

    // MADE events: each column holds a value of another JSON type than its field's, as dirty logs do.
    private const string WrongTyped = """
        {"event":{"action":"Dirty","category":"authentication","created":"yesterday"},"@timestamp":1733133600000,
         "source":{"ip":"not-an-ip","as":{"number":"29518"}},"aws":{"cloudtrail":{"read_only":"true"}},
         "user":{"name":"bob\ud800"},"host":{"ip":["10.0.0.1",null,["::ffff:10.0.0.2"]]},"related":{"ip":["10.0.0.1","10.1"]},"tags":["x",5,false],
         "made":{"ratio":"0.25","count":12.9,"flag":"","when":"2024-12-02","big":"1e30","words":["a",5,true],"mixed":[1,"x"]}}
        """;

    private static readonly InMemoryRuleFile MadeFields = new("/repo/fields/made.yml", """
        - name: made
          type: group
          fields:
            - {name: ratio, type: double}
            - {name: count, type: long}
            - {name: flag, type: boolean}
            - {name: when, type: date}
            - {name: big, type: long}
            - {name: words, type: keyword}
            - {name: mixed, type: long}
        """);

    [Fact]
    public void WrongTypedValuesAreCoercedAsElasticsearchWouldOrNullNeverAnException()
    {
        RuleSet rules = Rules("from logs-aws.cloudtrail-*\n| where event.action == \"Dirty\"\n| keep @timestamp, event.created, event.category, source.ip, source.as.number, aws.cloudtrail.read_only, user.name, host.ip, related.ip, tags, made.ratio, made.count, made.flag, made.when, made.big, made.words, made.mixed",
            "Typed.Wrong", MadeFields);
        var result = EventFixtures.Scan(rules, "made", Encoding.UTF8.GetBytes(WrongTyped.ReplaceLineEndings("")));
        RuleMatch match = Assert.Single(result.Matches);
        object alert = Alert(match);

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1733133600000), Get(alert, "Timestamp"));   // epoch_millis
        Assert.Null(Get(alert, "EventCreated"));                                                         // not a date
        Assert.Equal("\"yesterday\"", match.Column("event.created")!.Value.GetRawText());                // … still there as written
        Assert.Equal(new[] { "authentication" }, (IReadOnlyList<string>)Get(alert, "EventCategory")!);  // one value of an array field
        Assert.Null(Get(alert, "SourceIp"));
        Assert.Equal("not-an-ip", match.Column("source.ip")!.Value.GetString());
        Assert.Equal(29518L, Get(alert, "SourceAsNumber"));                                              // coerce: a number in a string
        Assert.Equal(true, Get(alert, "AwsCloudtrailReadOnly"));                                         // "true"
        Assert.Equal("bob\uFFFD", Get(alert, "UserName"));                                              // a lone surrogate, as the scanner reads it
        Assert.Equal(0.25, Get(alert, "MadeRatio"));
        Assert.Equal(12L, Get(alert, "MadeCount"));                                                      // coerce: fraction truncated
        Assert.Equal(false, Get(alert, "MadeFlag"));                                                     // "" is false
        Assert.Equal(new DateTimeOffset(2024, 12, 2, 0, 0, 0, TimeSpan.Zero), Get(alert, "MadeWhen"));   // a date alone: midnight UTC
        Assert.Null(Get(alert, "MadeBig"));                                                              // out of range for a long
        Assert.Null(Get(alert, "MadeWords"));                                                            // a multivalue in a single-valued field
        Assert.Null(Get(alert, "MadeMixed"));

        // Array fields: nulls dropped, nested arrays flattened, an IPv4-mapped address read as IPv4; numbers and booleans
        // in a keyword array are their text; one value an ip field refuses ("10.1") and the list is null.
        Assert.Equal(new[] { IPAddress.Parse("10.0.0.1"), IPAddress.Parse("10.0.0.2") }, (IReadOnlyList<IPAddress>)Get(alert, "HostIp")!);
        Assert.Null(Get(alert, "RelatedIp"));
        Assert.Equal(new[] { "x", "5", "false" }, (IReadOnlyList<string>)Get(alert, "Tags")!);
    }

    [Fact]
    public void WithoutASchemaEveryColumnIsJson()
    {
        var result = GeneratorHarness.Run(new[] { new InMemoryRuleFile("/repo/rules/typed.yml", RuleYaml.With("from logs-*\n| where event.action == \"x\"\n| keep source.ip, source.as.number", "risk_score: 73", "risk_score: 73\nschema: none", name: "Typed", id: "typed-1")) }, "Typed.None");
        RuleSet rules = GeneratorHarness.Load(result, "Typed.None");
        Assert.Equal(typeof(JsonElement?), TypeOf(rules, "SourceIp"));
        Assert.Equal(typeof(JsonElement?), TypeOf(rules, "SourceAsNumber"));
    }
}
