using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using RuleGen.Runtime;
using Xunit;

namespace RuleGen.Tests.Eql;

/// <summary>
/// Elasticsearch's own EQL spec tests, run as RuleGen rules: every single-event query without pipes of
/// test_queries.toml and additional_test_queries.toml becomes an EQL rule over index endgame-140, the mapping becomes
/// the project's fields file (once with keyword, once with wildcard as the random string type, as Elasticsearch's
/// loader picks either), and the rule must fire on exactly the expected events, in Elasticsearch's hit order
/// (@timestamp, then serial_event_id).
/// </summary>
public class EqlSpecTests
{
    public static readonly string[] StringTypes = { "keyword", "wildcard" };

    private sealed record Outcome(IReadOnlyList<string> Errors, IReadOnlyList<long> Fired);

    private static readonly ConcurrentDictionary<string, Lazy<IReadOnlyList<Outcome>>> Runs = new(StringComparer.Ordinal);

    public static IEnumerable<object[]> Cases() =>
        StringTypes.SelectMany(type => EqlSpecSuite.SingleEventQueries.Select((q, i) => new object[] { type, i, q.Name }));

    [Fact]
    public void TheSuiteHasItsSingleEventQueries()
    {
        // 245 + 61 queries in the two files; these are the ones without sequence, sample, join or pipe.
        Assert.Equal(143, EqlSpecSuite.SingleEventQueries.Count);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheRuleFiresOnTheExpectedEvents(string stringType, int index, string name)
    {
        EqlSpecSuite.SpecQuery query = EqlSpecSuite.SingleEventQueries[index];
        Assert.Equal(name, query.Name);
        Outcome outcome = Runs.GetOrAdd(stringType, t => new Lazy<IReadOnlyList<Outcome>>(() => Run(t))).Value[index];
        Assert.True(outcome.Errors.Count == 0, $"{query.Query}\n{string.Join("\n", outcome.Errors)}");
        Assert.True(query.Expected.SequenceEqual(outcome.Fired),
            $"{query.Query}\nexpected [{string.Join(", ", query.Expected)}]\nfired    [{string.Join(", ", outcome.Fired)}]");
    }

    private const string Header = "language: eql\ntype: eql\nindex:\n  - endgame-140\n";

    private static IReadOnlyList<Outcome> Run(string stringType)
    {
        var queries = EqlSpecSuite.SingleEventQueries;
        var files = new List<InMemoryRuleFile> { new("/repo/fields/endgame-140.yml", EqlSpecSuite.FieldsFile(stringType)) };
        for (int i = 0; i < queries.Count; i++)
        {
            files.Add(new InMemoryRuleFile($"/repo/rules/spec{i}.yml", Header + RuleYaml.With(queries[i].Query, name: $"Spec{i}", id: $"spec-{i}")));
        }
        var run = GeneratorHarness.Run(files, "EqlSpec.Rules");
        var errors = run.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var byFile = errors.ToLookup(d => d.Location.GetLineSpan().Path);
        var fired = queries.Select(_ => new List<(long Timestamp, long Id)>()).ToList();
        if (errors.Count == 0 || errors.All(e => e.Location.GetLineSpan().Path.Contains("/rules/spec", StringComparison.Ordinal)))
        {
            RuleGen.Runtime.RuleSet rules = GeneratorHarness.Load(run, "EqlSpec.Rules");
            var scanner = new Scanner(rules);
            foreach (var (timestamp, id, json) in EqlSpecSuite.Events)
            {
                scanner.ScanDocument(json, new DocumentPosition("test_data.json", 1), InputFormat.NdJson,
                    m => fired[int.Parse(m.Rule.Metadata.RuleId["spec-".Length..], System.Globalization.CultureInfo.InvariantCulture)].Add((timestamp, id)),
                    p => Assert.Fail(p));
            }
        }
        return queries.Select((q, i) => new Outcome(
            byFile[$"/repo/rules/spec{i}.yml"].Select(d => d.ToString()).ToList(),
            fired[i].OrderBy(f => f.Timestamp).ThenBy(f => f.Id).Select(f => f.Id).ToList())).ToList();
    }
}
