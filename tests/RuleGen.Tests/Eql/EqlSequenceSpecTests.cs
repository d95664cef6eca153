using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using RuleGen.Runtime;
using RuleGen.Runtime.Sequences;
using Xunit;

namespace RuleGen.Tests.Eql;

/// <summary>
/// Elasticsearch's EQL spec sequence queries over the whole of test_data.json, as its EQL search API runs them (one
/// window, ordered by @timestamp then the tiebreaker serial_event_id). Each stage's condition is compiled by the
/// generator as a single-event EQL rule (the existing binder and back end); the runtime's sequence matcher joins the
/// events those rules fire on. The found sequences' serial_event_ids, flattened in order, must equal
/// expected_event_ids, for both random string types, as EqlSpecTests does for single events.
/// </summary>
public class EqlSequenceSpecTests
{
    private sealed record Outcome(IReadOnlyList<string> Errors, IReadOnlyList<long> Found, SequenceStats? Stats);

    private static readonly ConcurrentDictionary<string, Lazy<IReadOnlyList<Outcome>>> Runs = new(StringComparer.Ordinal);

    public static IEnumerable<object[]> Cases() =>
        EqlSpecTests.StringTypes.SelectMany(type => EqlSequenceSpecSuite.Queries.Select((q, i) => new object[] { type, i, q.Name }));

    [Fact]
    public void TheSuiteHasItsSequenceQueries()
    {
        // 39 in test_queries.toml, 6 in additional_test_queries.toml.
        Assert.Equal(45, EqlSequenceSpecSuite.Queries.Count);
        // Every one runs: sequencesOnDifferentEventTypes2 chains two pipes (| head 4 | tail 2), 1 uses events 75273/75304.
        Assert.All(EqlSequenceSpecSuite.Queries, q => Assert.Null(q.NotSupported));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheSequenceIsFoundOnTheExpectedEvents(string stringType, int index, string name)
    {
        EqlSequenceSpecSuite.SequenceQuery query = EqlSequenceSpecSuite.Queries[index];
        Assert.Equal(name, query.Name);
        if (query.NotSupported is not null) return; // pinned by TheSuiteHasItsSequenceQueries
        Outcome outcome = Runs.GetOrAdd(stringType, t => new Lazy<IReadOnlyList<Outcome>>(() => Run(t))).Value[index];
        Assert.True(outcome.Errors.Count == 0, $"{query.Query}\n{string.Join("\n", outcome.Errors)}");
        Assert.True(query.Expected.SequenceEqual(outcome.Found),
            $"{query.Query}\nexpected [{string.Join(", ", query.Expected)}]\nfound    [{string.Join(", ", outcome.Found)}]");
    }

    [Fact]
    public void MaxSpanKeepsTheStateBoundedAndCounted()
    {
        // sequencesOnDifferentEventTypes7 (maxspan=500ms) finds nothing: its candidates are evicted or rejected, and
        // no join key is left holding state at the end that maxspan has made dead.
        int index = EqlSequenceSpecSuite.Queries.ToList().FindIndex(q => q.Name == "sequencesOnDifferentEventTypes7");
        Outcome outcome = Runs.GetOrAdd("keyword", t => new Lazy<IReadOnlyList<Outcome>>(() => Run(t))).Value[index];
        Assert.Empty(outcome.Found);
        SequenceStats stats = outcome.Stats!;
        Assert.True(stats.SequencesStarted > 0);
        Assert.True(stats.Evicted + stats.RejectedByMaxSpan > 0);
        Assert.Equal(0, stats.SequencesCompleted);
    }

    private const string Header = "language: eql\ntype: eql\nindex:\n  - endgame-140\n";

    private static string RuleId(int query, int stage) => stage < 0 ? $"q{query}-until" : $"q{query}-s{stage}";

    private static IReadOnlyList<Outcome> Run(string stringType)
    {
        var queries = EqlSequenceSpecSuite.Queries;
        var files = new List<InMemoryRuleFile> { new("/repo/fields/endgame-140.yml", EqlSpecSuite.FieldsFile(stringType)) };
        for (int i = 0; i < queries.Count; i++)
        {
            if (queries[i].NotSupported is not null) continue;
            var stages = queries[i].Stages.Select((s, j) => (s, j)).ToList();
            if (queries[i].Until is { } until) stages.Add((until, -1));
            foreach (var (stage, j) in stages)
            {
                string id = RuleId(i, j);
                files.Add(new InMemoryRuleFile($"/repo/rules/{id}.yml", Header + RuleYaml.With(stage.Filter, name: "Seq " + id, id: id)));
            }
        }
        var run = GeneratorHarness.Run(files, "EqlSequenceSpec.Rules");
        var errors = run.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var byQuery = errors.ToLookup(d => d.Location.GetLineSpan().Path.Split('/').Last().Split('-')[0]);
        var fired = new Dictionary<string, HashSet<long>>(StringComparer.Ordinal);
        if (errors.Count == 0 || errors.All(e => e.Location.GetLineSpan().Path.Contains("/rules/q", StringComparison.Ordinal)))
        {
            var scanner = new Scanner(GeneratorHarness.Load(run, "EqlSequenceSpec.Rules"));
            foreach (var (_, id, json) in EqlSpecSuite.Events)
            {
                scanner.ScanDocument(json, new DocumentPosition("test_data.json", 1), InputFormat.NdJson,
                    m => (fired.TryGetValue(m.Rule.Metadata.RuleId, out var set) ? set : fired[m.Rule.Metadata.RuleId] = new HashSet<long>()).Add(id),
                    p => Assert.Fail(p));
            }
        }
        var documents = EqlSpecSuite.Events.Select(e => JsonNode.Parse(e.Json)!.AsObject()).ToList();
        return queries.Select((q, i) =>
        {
            var queryErrors = byQuery[$"q{i}"].Select(d => d.ToString()).ToList();
            if (q.NotSupported is not null || queryErrors.Count > 0) return new Outcome(queryErrors, Array.Empty<long>(), null);
            var plan = new SequencePlan(q.Stages.Count, q.MaxSpanMs,
                q.Pipes.Select(p => new SequencePipe(p.Name == "head" ? SequenceLimitEnd.Head : SequenceLimitEnd.Tail, p.Count)).ToList());
            var events = EqlSpecSuite.Events.Select((e, n) => new SequenceEvent<long>(
                new SequenceOrdinal(e.Timestamp, e.Id, n),
                q.Stages.Select((s, j) => Fired(fired, RuleId(i, j), e.Id) ? KeyOf(documents[n], s) : null).ToList(),
                q.Until is { } u && Fired(fired, RuleId(i, -1), e.Id) ? KeyOf(documents[n], u) : null,
                e.Id));
            var (sequences, stats) = WholeInputSequenceSearch.Run(plan, events);
            return new Outcome(queryErrors, sequences.SelectMany(s => s).ToList(), stats);
        }).ToList();
    }

    private static bool Fired(Dictionary<string, HashSet<long>> fired, string rule, long id) => fired.TryGetValue(rule, out var set) && set.Contains(id);

    /// <summary>The stage's join key on this event, each part the field's JSON text; null when a non-optional key field is null or missing.</summary>
    private static SequenceKey? KeyOf(JsonObject document, EqlSequenceSpecSuite.Stage stage)
    {
        var parts = new List<string>();
        foreach (var (field, optional) in stage.Keys)
        {
            JsonNode? value = document;
            foreach (string segment in field.Split('.')) value = (value as JsonObject)?[segment];
            if (value is null && !optional) return null;
            parts.Add(value?.ToJsonString() ?? "null");
        }
        return new SequenceKey(parts);
    }
}
