using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using RuleGen.Generator;
using RuleGen.Runtime.Correlations;
using RuleGen.Tests.Correlations;
using Xunit;

namespace RuleGen.Tests.SigmaCollections;

/// <summary>
/// A Sigma file of several YAML documents: every rule or correlation document is its own rule of the set, references
/// between documents work by name or id, the collection actions (global, reset, repeat) merge as pySigma's
/// SigmaCollection does, and every diagnostic is at its own document's line.
/// </summary>
public class SigmaCollectionTests
{
    private const string Namespace = "SigmaCollections.Rules";

    /// <summary>The specification's complete example, its four documents in ONE file as the spec writes it.</summary>
    internal static string SpecExample()
    {
        string spec = File.ReadAllText(Repository.Data("sigma-spec", "sigma-correlation-rules-specification.md"));
        int at = spec.IndexOf("### Failed Logins Followed by Successful Login", StringComparison.Ordinal);
        int start = spec.IndexOf("```yml\n", at, StringComparison.Ordinal) + "```yml\n".Length;
        return spec.Substring(start, spec.IndexOf("```", start, StringComparison.Ordinal) - start);
    }

    private static List<string> Located(GeneratorHarness.Result result) =>
        result.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => $"{d.Id} {Path.GetFileName(d.Location.GetLineSpan().Path)}:{d.Location.GetLineSpan().StartLinePosition.Line + 1}")
            .OrderBy(s => s, StringComparer.Ordinal).ToList();

    [Fact]
    public void TheSpecificationsExampleInOneFileCompilesToFourRules()
    {
        var result = GeneratorHarness.Run(new[] { new InMemoryRuleFile("/repo/rules/spec_example.yml", SpecExample()) }, Namespace);
        Assert.Empty(result.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        var rules = GeneratorHarness.Load(result, Namespace);
        Assert.Equal(new[] { "4d0a2c83-c62c-4ed4-b475-c7e23a9269b8", "53ba33fd-3a50-4468-a5ef-c583635cfa92", "a8418a5a-5fc4-46b5-b23b-6c73beb19d41", "b180ead8-d58f-40b2-ae54-c8940995b9b6" },
            rules.Rules.Select(r => r.Metadata.RuleId).OrderBy(i => i, StringComparer.Ordinal));
        // Four classes, from the four titles; the file's first rule keeps the file's hint, the others get their own.
        var generated = result.Run.Results.Single().GeneratedSources;
        Assert.Equal(4, generated.Count(s => s.HintName != "CompiledRules.g.cs"));
        Assert.Equal(4, generated.Select(s => s.HintName).Where(h => h != "CompiledRules.g.cs").Distinct().Count());
        CorrelationSpec outer = rules.Rules.Select(r => r.Stateful).OfType<CorrelationSpec>().Single(s => s.Type == CorrelationType.TemporalOrdered);
        // References by name, inside the same file: the event_count (a correlation) and the successful-login rule.
        Assert.Equal(new[] { "a8418a5a-5fc4-46b5-b23b-6c73beb19d41", "4d0a2c83-c62c-4ed4-b475-c7e23a9269b8" }, outer.References.Select(r => r.RuleId));
        Assert.True(outer.References[0].IsCorrelation);
        CorrelationSpec inner = rules.Rules.Select(r => r.Stateful).OfType<CorrelationSpec>().Single(s => s.Type == CorrelationType.EventCount);
        Assert.Equal(new[] { "53ba33fd-3a50-4468-a5ef-c583635cfa92" }, inner.References.Select(r => r.RuleId));
    }

    /// <summary>
    /// The spec's example over made-windows-logons.ndjson (MADE; Data/sigma-collections/README.md), derived by hand:
    /// the inner "Multiple failed logons" (event_count, gte 10 in 10m, by User) reaches 10 for alice at 10:00:09 (her
    /// 10 failures 10:00:00 … 10:00:09) and for carol at 10:00:09; never for bob (9) nor dave (at 10:11 his window
    /// [10:01, 10:11] holds the 8 failures 10:01 … 10:08 and the one at 10:11: 9). The chain (temporal_ordered
    /// [multiple_failed_login, successful_login], 10m, by User) is judged at its hits: alice at 10:01:00 has the inner
    /// alert (10:00:09) then her success (10:01:00) in [09:51:00, 10:01:00]: both in order, measure 2 = all, alert.
    /// Carol's success (09:59:00) is before her inner alert: at 10:00:09 the measure is 1, no alert; bob and dave have
    /// no inner alert. No document says generate, so the base rules and the inner correlation write nothing: exactly
    /// one alert, the chain's for alice at 10:01:00.
    /// </summary>
    [Fact]
    public void TheSpecificationsExampleGivesTheAlertsItDescribes()
    {
        var rules = GeneratorHarness.Load(GeneratorHarness.Run(new[] { new InMemoryRuleFile("/repo/rules/spec_example.yml", SpecExample()) }, Namespace), Namespace);
        (JsonElement[] alerts, string summary) = CorrelationScan.Run(new[] { Repository.Data("sigma-collections", "made-windows-logons.ndjson") }, rules);
        JsonElement alert = Assert.Single(alerts);
        Assert.Equal("b180ead8-d58f-40b2-ae54-c8940995b9b6", alert.GetProperty("kibana.alert.rule.rule_id").GetString());
        Assert.Equal("2024-06-16T10:01:00.000Z", alert.GetProperty("@timestamp").GetString());
        Assert.Equal("alice", alert.GetProperty("User").GetString());
        Assert.Equal(2, alert.GetProperty("rulegen.correlation").GetProperty("value").GetDouble());
        // Its hits: the inner alert at 10:00:09 (a signal) and alice's success a-s1.
        string[] ancestors = alert.GetProperty("kibana.alert.ancestors").EnumerateArray().Select(a => a.GetProperty("type").GetString() + ":" + a.GetProperty("timestamp").GetString()).ToArray();
        Assert.Equal(new[] { "signal:2024-06-16T10:00:09.000Z", "event:2024-06-16T10:01:00.000Z" }, ancestors);
        Assert.Contains("1 alert(s)", summary, StringComparison.Ordinal);
    }

    /// <summary>A collection with global, repeat and reset (Sigma 1.0's rule collections, as pySigma reads them).</summary>
    internal const string Collection =
        "action: global\n" +                                        // 1
        "logsource:\n" +                                            // 2
        "    product: aws\n" +                                      // 3
        "    service: cloudtrail\n" +                               // 4
        "detection:\n" +                                            // 5
        "    condition: selection\n" +                              // 6
        "level: medium\n" +                                         // 7
        "---\n" +                                                   // 8
        "title: MD console login failed (MADE)\n" +                 // 9
        "id: 0c9d5a6e-0000-4000-8000-0000000000d1\n" +              // 10
        "level: low\n" +                                            // 11: the global's level wins (pySigma)
        "detection:\n" +                                            // 12
        "    selection:\n" +                                        // 13
        "        eventName: ConsoleLogin\n" +                       // 14
        "        responseElements.ConsoleLogin: Failure\n" +        // 15
        "---\n" +                                                   // 16
        "action: repeat\n" +                                        // 17
        "title: MD console login succeeded (MADE)\n" +              // 18
        "id: 0c9d5a6e-0000-4000-8000-0000000000d2\n" +              // 19
        "detection:\n" +                                            // 20
        "    selection:\n" +                                        // 21
        "        responseElements.ConsoleLogin: Success\n" +        // 22
        "---\n" +                                                   // 23
        "action: reset\n" +                                         // 24
        "---\n" +                                                   // 25
        "title: MD access key created (MADE)\n" +                   // 26
        "id: 0c9d5a6e-0000-4000-8000-0000000000d3\n" +              // 27
        "logsource:\n" +                                            // 28
        "    product: aws\n" +                                      // 29
        "    service: cloudtrail\n" +                               // 30
        "detection:\n" +                                            // 31
        "    selection:\n" +                                        // 32
        "        eventName: CreateAccessKey\n" +                    // 33
        "    condition: selection\n";                               // 34

    /// <summary>
    /// Over the correlation tests' MADE console logins (Data/correlations, README there): 9 events carry
    /// "ConsoleLogin":"Failure" (alice ×2, bob, carol, dave, erin, frank ×3), 2 carry "Success" (alice 10:20, frank
    /// 11:02), and the CreateAccessKey calls are counted from the files by name (a rule of its own after reset).
    /// The global gives both first rules their logsource, condition and level (medium, over the document's low); the
    /// repeat is the failed-login rule with its title, id and ConsoleLogin value replaced (eventName kept).
    /// </summary>
    [Fact]
    public void GlobalRepeatAndResetMergeAsPySigmaDoes()
    {
        var result = GeneratorHarness.Run(new[] { new InMemoryRuleFile("/repo/rules/md_collection.yml", Collection) }, Namespace);
        Assert.Empty(Located(result));
        var rules = GeneratorHarness.Load(result, Namespace);
        Assert.Equal(3, rules.Rules.Count);
        string[] files = { CorrelationScan.Made("made-console-logins-a.ndjson"), CorrelationScan.Made("made-console-logins-b.ndjson") };
        int accessKeys = files.SelectMany(File.ReadLines).Count(l => l.Contains("\"eventName\":\"CreateAccessKey\"", StringComparison.Ordinal));
        Assert.True(accessKeys > 0);
        (JsonElement[] alerts, _) = CorrelationScan.Run(files, rules);
        var byRule = alerts.GroupBy(a => a.GetProperty("kibana.alert.rule.rule_id").GetString()!).ToDictionary(g => g.Key, g => g.ToArray());
        Assert.Equal(9, byRule["0c9d5a6e-0000-4000-8000-0000000000d1"].Length);
        Assert.Equal(2, byRule["0c9d5a6e-0000-4000-8000-0000000000d2"].Length);
        Assert.Equal(accessKeys, byRule["0c9d5a6e-0000-4000-8000-0000000000d3"].Length);
        Assert.Equal("medium", byRule["0c9d5a6e-0000-4000-8000-0000000000d1"][0].GetProperty("kibana.alert.severity").GetString());
        Assert.Equal("medium", byRule["0c9d5a6e-0000-4000-8000-0000000000d2"][0].GetProperty("kibana.alert.severity").GetString());
        // After reset no global: the level is Sigma's default (low).
        Assert.Equal("low", byRule["0c9d5a6e-0000-4000-8000-0000000000d3"][0].GetProperty("kibana.alert.severity").GetString());
        Assert.Equal("MD console login succeeded (MADE)", byRule["0c9d5a6e-0000-4000-8000-0000000000d2"][0].GetProperty("kibana.alert.rule.name").GetString());
    }

    [Fact]
    public void ACorrelationInOneFileReadsARuleOfAnotherFileAndTheReverse()
    {
        // The collection's rules are referenced by id from another file's correlation; that file's own rule is
        // referenced by a correlation inside a collection.
        string correlation = "title: MD failures then key (MADE)\nid: 0c9d5a6e-0000-4000-8000-0000000000e1\ncorrelation:\n    type: temporal\n    rules:\n" +
            "        - 0c9d5a6e-0000-4000-8000-0000000000d1\n        - 0c9d5a6e-0000-4000-8000-0000000000d3\n    group-by: [sourceIPAddress]\n    timespan: 1h\n";
        string second = "title: MD other rule (MADE)\nid: 0c9d5a6e-0000-4000-8000-0000000000f1\nname: other_rule\nlogsource:\n    product: aws\n    service: cloudtrail\n" +
            "detection:\n    selection:\n        eventName: ListBuckets\n    condition: selection\n";
        string inCollection = Collection + "---\ntitle: MD other rule burst (MADE)\nid: 0c9d5a6e-0000-4000-8000-0000000000f2\ncorrelation:\n    type: event_count\n    rules: [other_rule]\n" +
            "    group-by: [sourceIPAddress]\n    timespan: 10m\n    condition: {gte: 2}\n";
        var result = GeneratorHarness.Run(new[]
        {
            new InMemoryRuleFile("/repo/rules/md_collection.yml", inCollection),
            new InMemoryRuleFile("/repo/rules/md_correlation.yml", correlation),
            new InMemoryRuleFile("/repo/rules/md_other.yml", second),
        }, Namespace);
        Assert.Empty(Located(result));
        var rules = GeneratorHarness.Load(result, Namespace);
        var specs = rules.Rules.Select(r => r.Stateful).OfType<CorrelationSpec>().ToList();
        Assert.Equal(new[] { "0c9d5a6e-0000-4000-8000-0000000000d1", "0c9d5a6e-0000-4000-8000-0000000000d3" }, specs.Single(s => s.Type == CorrelationType.Temporal).References.Select(r => r.RuleId));
        Assert.Equal(new[] { "0c9d5a6e-0000-4000-8000-0000000000f1" }, specs.Single(s => s.Type == CorrelationType.EventCount).References.Select(r => r.RuleId));
    }

    [Fact]
    public void BadDocumentsAreLocatedAtTheirOwnLines()
    {
        string text =
            "title: MD good (MADE)\n" +                                 // 1
            "id: 0c9d5a6e-0000-4000-8000-0000000000a1\n" +              // 2
            "logsource: {product: aws, service: cloudtrail}\n" +        // 3
            "detection:\n    selection:\n        eventName: ConsoleLogin\n    condition: selection\n" + // 4-7
            "---\n" +                                                   // 8
            "action: globl\n" +                                         // 9: unknown action
            "---\n" +                                                   // 10
            "title: MD not a rule (MADE)\n" +                           // 11: neither Sigma nor correlation
            "severity: low\n" +                                         // 12
            "---\n" +                                                   // 13
            "title: MD bad condition (MADE)\n" +                        // 14
            "id: 0c9d5a6e-0000-4000-8000-0000000000a2\n" +              // 15
            "logsource: {product: aws, service: cloudtrail}\n" +        // 16
            "detection:\n    selection:\n        eventName: ConsoleLogin\n" + // 17-19
            "    condition: selectoin\n" +                              // 20: an unknown search name
            "---\n" +                                                   // 21
            "- a list\n";                                               // 22
        var result = GeneratorHarness.Run(new[] { new InMemoryRuleFile("/repo/rules/md_bad.yml", text) }, Namespace);
        List<string> located = Located(result);
        Assert.Contains("RG0002 md_bad.yml:11", located);
        Assert.Contains("RG0002 md_bad.yml:22", located);
        Assert.Contains(located, l => l.EndsWith("md_bad.yml:9", StringComparison.Ordinal));
        Assert.Contains(located, l => l.EndsWith("md_bad.yml:20", StringComparison.Ordinal));
        Assert.DoesNotContain(located, l => l.EndsWith("md_bad.yml:1", StringComparison.Ordinal));
        // The good document still compiles (one class), the bad one does not.
        var rules = GeneratorHarness.Load(result, Namespace);
        Assert.Equal(new[] { "0c9d5a6e-0000-4000-8000-0000000000a1" }, rules.Rules.Select(r => r.Metadata.RuleId));
    }

    [Fact]
    public void RepeatWithoutAPreviousDocumentIsLocated()
    {
        string text = "action: repeat\ntitle: x\n---\ntitle: MD good (MADE)\nlogsource: {product: aws, service: cloudtrail}\n" +
            "detection:\n    selection:\n        eventName: ConsoleLogin\n    condition: selection\n";
        List<string> located = Located(GeneratorHarness.Run(new[] { new InMemoryRuleFile("/repo/rules/md_repeat.yml", text) }, Namespace));
        Assert.Equal(new[] { "RG0025 md_repeat.yml:1" }, located);
    }

    [Fact]
    public void AFileOfSeveralDocumentsThatAreNotSigmaIsStillOneRulePerFile()
    {
        string text = "rule_id: a\nname: A\n---\nrule_id: b\nname: B\n";
        List<string> located = Located(GeneratorHarness.Run(new[] { new InMemoryRuleFile("/repo/rules/md_elastic.yml", text) }, Namespace));
        Assert.Contains("RG0002 md_elastic.yml:4", located);
    }

    [Fact]
    public void ClassNamesAreUniqueAndTheFirstRuleKeepsItsNameWhenDocumentsAreAdded()
    {
        string one = "title: MD same title (MADE)\nid: 0c9d5a6e-0000-4000-8000-0000000000b1\nlogsource: {product: aws, service: cloudtrail}\n" +
            "detection:\n    selection:\n        eventName: ConsoleLogin\n    condition: selection\n";
        string two = one + "---\n" + one.Replace("b1\n", "b2\n", StringComparison.Ordinal);
        var single = GeneratorHarness.Run(new[] { new InMemoryRuleFile("/repo/rules/md_same.yml", one) }, Namespace);
        var both = GeneratorHarness.Run(new[] { new InMemoryRuleFile("/repo/rules/md_same.yml", two) }, Namespace);
        string[] hints1 = single.Run.Results.Single().GeneratedSources.Select(s => s.HintName).Where(h => h != "CompiledRules.g.cs").ToArray();
        string[] hints2 = both.Run.Results.Single().GeneratedSources.Select(s => s.HintName).Where(h => h != "CompiledRules.g.cs").OrderBy(h => h, StringComparer.Ordinal).ToArray();
        Assert.Equal(2, hints2.Length);
        Assert.Contains(hints1.Single(), hints2);
        var rules = GeneratorHarness.Load(both, Namespace);
        Assert.Equal(2, rules.Rules.Select(r => r.GetType().Name).Distinct().Count());
    }
}
