using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using RuleGen.Generator.Languages.Eql;
using RuleGen.Runtime;
using RuleGen.Runtime.Sequences;
using Tomlyn;
using Tomlyn.Model;
using Xunit;

namespace RuleGen.Tests.Eql;

/// <summary>
/// Elastic's one AWS sequence rule (Data/corpus/elastic-aws-all, discovery_bedrock_model_recon_and_invocation_via_long_term_key,
/// Elastic License 2.0): its two stages compile with the repository's fields files as single-event EQL rules, and
/// the sequence matcher joins them by access key within maxspan=15m, on made ECS documents. The generator does not
/// emit the sequence itself yet (RG0023; docs/eql-sequences.md).
/// </summary>
public class EqlAwsSequenceRuleTests
{
    private const string RuleFile = "discovery_bedrock_model_recon_and_invocation_via_long_term_key.toml";
    private const string Header = "language: eql\ntype: eql\nindex:\n  - logs-aws.cloudtrail-*\n";

    private static string Event(string at, string action, string key) => new JsonObject
    {
        ["@timestamp"] = at,
        ["data_stream"] = new JsonObject { ["dataset"] = "aws.cloudtrail" },
        ["event"] = new JsonObject { ["provider"] = "bedrock.amazonaws.com", ["action"] = action, ["outcome"] = "success" },
        ["aws"] = new JsonObject { ["cloudtrail"] = new JsonObject { ["user_identity"] = new JsonObject { ["access_key_id"] = key } } },
    }.ToJsonString();

    [Fact]
    public void TheStagesCompileAndTheSequenceIsFoundWithinFifteenMinutes()
    {
        var toml = TomlSerializer.Deserialize<TomlTable>(File.ReadAllText(Repository.Data("corpus", "elastic-aws-all", RuleFile)))!;
        string query = (string)((TomlTable)toml["rule"])["query"];
        var sequence = Assert.IsType<EqlSequence>(EqlParser.Parse(query).Body);
        Assert.Equal(15 * 60_000L, sequence.MaxSpan!.Milliseconds);
        string keyField = Assert.IsType<EqlFieldReference>(Assert.Single(sequence.By)).Name;
        Assert.Equal("aws.cloudtrail.user_identity.access_key_id", keyField);
        Assert.All(sequence.Stages, s => Assert.Empty(s.By));

        var files = GeneratorHarness.RepositoryFields().Concat(sequence.Stages.Select((s, i) => new InMemoryRuleFile(
            $"/repo/rules/stage{i}.yml", Header + RuleYaml.With(query.Substring(s.Filter.Start, s.Filter.Length), name: $"Stage {i}", id: $"stage-{i}")))).ToList();
        var run = GeneratorHarness.Run(files, "EqlAwsSequence.Rules");
        var errors = run.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var scanner = new Scanner(GeneratorHarness.Load(run, "EqlAwsSequence.Rules"));

        string[] events =
        {
            Event("2026-01-01T10:00:00.000Z", "ListFoundationModels", "AKIAEXAMPLE1"),  // 0: recon with a long-term key
            Event("2026-01-01T10:15:00.000Z", "InvokeModel", "AKIAEXAMPLE1"),           // 1: exactly 15 min later: found
            Event("2026-01-01T11:00:00.000Z", "ListFoundationModels", "AKIAEXAMPLE2"),  // 2
            Event("2026-01-01T11:15:00.001Z", "Converse", "AKIAEXAMPLE2"),              // 3: 1 ms too late
            Event("2026-01-01T12:00:00.000Z", "ListFoundationModels", "ASIATEMPORARY"), // 4: a temporary key: not stage 1
            Event("2026-01-01T12:01:00.000Z", "InvokeModel", "ASIATEMPORARY"),          // 5
            Event("2026-01-01T12:02:00.000Z", "ListFoundationModels", "AKIAEXAMPLE3"),  // 6: another key's recon ...
            Event("2026-01-01T12:03:00.000Z", "InvokeModel", "AKIAEXAMPLE4"),           // 7: ... does not join this one
        };
        var input = new List<SequenceEvent<int>>();
        for (int n = 0; n < events.Length; n++)
        {
            var stages = new HashSet<string>(StringComparer.Ordinal);
            scanner.ScanDocument(Encoding.UTF8.GetBytes(events[n]), new DocumentPosition("made", n + 1), InputFormat.NdJson, m => stages.Add(m.Rule.Metadata.RuleId), p => Assert.Fail(p));
            JsonNode document = JsonNode.Parse(events[n])!;
            var key = new SequenceKey(new[] { document["aws"]!["cloudtrail"]!["user_identity"]!["access_key_id"]!.ToJsonString() });
            long ms = DateTimeOffset.Parse((string)document["@timestamp"]!, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
            input.Add(new SequenceEvent<int>(new SequenceOrdinal(ms, null, n),
                new[] { stages.Contains("stage-0") ? key : null, stages.Contains("stage-1") ? key : null }, null, n));
        }
        Assert.Equal(new[] { true, false, true, false, false, false, true, false }, input.Select(e => e.StageKeys[0] is not null));
        Assert.Equal(new[] { false, true, false, true, false, true, false, true }, input.Select(e => e.StageKeys[1] is not null));

        var (found, stats) = WholeInputSequenceSearch.Run(new SequencePlan(2, sequence.MaxSpan.Milliseconds), input);
        Assert.Equal(new[] { "0,1" }, found.Select(s => string.Join(",", s)));
        Assert.Equal(1, stats.Evicted + stats.RejectedByMaxSpan);
    }
}
