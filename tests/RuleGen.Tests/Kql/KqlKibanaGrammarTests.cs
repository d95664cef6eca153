using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using RuleGen.Generator.Languages.Kql;
using Xunit;

namespace RuleGen.Tests.Kql;

/// <summary>
/// The parser against Kibana's grammar itself: Data/kql/kibana-grammar-cases.jsonl holds 3,389 random KQL-like
/// queries (half random runs of KQL's pieces, half built in the grammar's shape with random whitespace, escapes and
/// stray pieces) with what grammar.peggy of @kbn/es-query, compiled with peggy, made of each: Kibana's tree, or a
/// syntax error (see Kql/KibanaGrammar/README.md for how they were made). RuleGen must make the same tree of each
/// query Kibana accepts and reject each query Kibana rejects. Error positions may differ: RuleGen points at a '(' that
/// is never closed, where peggy points at the end of the query.
/// </summary>
public class KqlKibanaGrammarTests
{
    public sealed record Case(string Query, string? Kibana, int? Error);

    private static readonly IReadOnlyList<Case> Cases = File.ReadLines(Repository.Data("kql", "kibana-grammar-cases.jsonl"))
        .Select(line =>
        {
            using JsonDocument d = JsonDocument.Parse(line);
            JsonElement e = d.RootElement;
            return new Case(e.GetProperty("query").GetString()!,
                e.TryGetProperty("kibana", out JsonElement tree) ? tree.GetString() : null,
                e.TryGetProperty("error", out JsonElement error) ? error.GetInt32() : null);
        })
        .ToList();

    [Fact]
    public void TheCasesHoldBothVerdicts()
    {
        Assert.Equal(3389, Cases.Count);
        Assert.Equal(1274, Cases.Count(c => c.Kibana is not null));
    }

    [Fact]
    public void EveryQueryKibanaParsesGivesKibanasTree()
    {
        var wrong = new List<string>();
        foreach (Case c in Cases.Where(c => c.Kibana is not null))
        {
            string actual;
            try
            {
                actual = KqlSyntaxPrinter.Kibana(KqlParser.Parse(c.Query));
            }
            catch (KqlSyntaxException e)
            {
                actual = $"error at {e.Start}: {e.Message}";
            }
            if (actual != c.Kibana) wrong.Add($"{JsonSerializer.Serialize(c.Query)}\n  Kibana:  {c.Kibana}\n  RuleGen: {actual}");
        }
        Assert.True(wrong.Count == 0, $"{wrong.Count} queries differ:\n" + string.Join("\n", wrong.Take(10)));
    }

    [Fact]
    public void EveryQueryKibanaRejectsIsASyntaxErrorInsideTheQuery()
    {
        var accepted = new List<string>();
        foreach (Case c in Cases.Where(c => c.Error is not null))
        {
            try
            {
                accepted.Add($"{JsonSerializer.Serialize(c.Query)} parsed as {KqlSyntaxPrinter.Kibana(KqlParser.Parse(c.Query))}");
            }
            catch (KqlSyntaxException e)
            {
                Assert.InRange(e.Start, 0, c.Query.Length);
                Assert.InRange(e.Start + e.Length, e.Start, c.Query.Length);
            }
        }
        Assert.True(accepted.Count == 0, $"{accepted.Count} queries Kibana rejects were accepted:\n" + string.Join("\n", accepted.Take(10)));
    }
}
