using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using RuleGen.Generator.Languages.Eql;
using Tomlyn;
using Tomlyn.Model;

namespace RuleGen.Tests.Eql;

/// <summary>
/// The sequence queries of Elasticsearch's EQL spec files, taken apart into what the sequence runtime needs: each
/// stage's <c>category where condition</c> text (a single-event query the existing binder compiles), its join key
/// fields (<c>sequence by</c> first, then the stage's own), <c>with runs=n</c> expanded, the until stage, maxspan and
/// a head/tail pipe. A query this cannot take apart carries the reason instead (it must never run with a wrong shape).
/// </summary>
public static class EqlSequenceSpecSuite
{
    public sealed record Stage(string Filter, IReadOnlyList<(string Field, bool Optional)> Keys);

    public sealed record SequenceQuery(
        string File, string Name, string Query, IReadOnlyList<long> Expected,
        IReadOnlyList<Stage> Stages, Stage? Until, long? MaxSpanMs, IReadOnlyList<(string Name, int Count)> Pipes, string? NotSupported);

    /// <summary>Every <c>sequence</c> query of today's spec files, in file order.</summary>
    public static IReadOnlyList<SequenceQuery> Queries { get; } = Load();

    private static IReadOnlyList<SequenceQuery> Load()
    {
        var ids = EqlSpecSuite.Events.Select(e => e.Id).ToHashSet();
        var queries = new List<SequenceQuery>();
        foreach (string file in new[] { "test_queries.toml", "additional_test_queries.toml" })
        {
            var document = TomlSerializer.Deserialize<TomlTable>(File.ReadAllText(Repository.Data("eql-spec", file)))!;
            foreach (TomlTable entry in (TomlTableArray)document["queries"])
            {
                string text = (string)entry["query"];
                EqlQuery tree = EqlParser.Parse(text);
                if (tree.Body is not EqlSequence sequence) continue;
                var expected = ((TomlArray)entry["expected_event_ids"]).Select(Convert.ToInt64).ToList();
                queries.Add(Describe(file, (string)entry["name"], text, expected, tree, sequence, ids));
            }
        }
        return queries;
    }

    private static SequenceQuery Describe(string file, string name, string text, List<long> expected, EqlQuery tree, EqlSequence sequence, HashSet<long> ids)
    {
        string? notSupported = null;
        var shared = sequence.By.Select(k => Key(k, ref notSupported)).ToList();
        var stages = new List<Stage>();
        foreach (EqlStage stage in sequence.Stages)
        {
            if (stage.IsMissing) notSupported ??= $"not supported yet: the missing-event stage ![…] at offset {stage.Start}";
            var described = new Stage(text.Substring(stage.Filter.Start, stage.Filter.Length), shared.Concat(stage.By.Select(k => Key(k, ref notSupported))).ToList());
            for (int run = 0; run < (stage.Runs?.Count ?? 1); run++) stages.Add(described);
        }
        Stage? until = sequence.Until is { } u
            ? new Stage(text.Substring(u.Filter.Start, u.Filter.Length), shared.Concat(u.By.Select(k => Key(k, ref notSupported))).ToList())
            : null;
        var pipes = new List<(string, int)>();
        foreach (EqlPipe p in tree.Pipes)
        {
            if (p.Name is not ("head" or "tail") || p.Arguments is not [EqlLiteral { Kind: EqlLiteralKind.Integer } n])
            {
                notSupported ??= $"not supported yet: the pipe | {p.Name} at offset {p.NameStart}";
                continue;
            }
            pipes.Add((p.Name, int.Parse(n.Value, System.Globalization.CultureInfo.InvariantCulture)));
        }
        if (expected.Where(id => !ids.Contains(id)).Select(id => (long?)id).FirstOrDefault() is { } missing)
        {
            notSupported ??= $"the expected event {missing} is not in test_data.json (the query was written for another data set)";
        }
        return new SequenceQuery(file, name, text, expected, stages, until, sequence.MaxSpan?.Milliseconds, pipes, notSupported);
    }

    private static (string, bool) Key(EqlExpression key, ref string? notSupported)
    {
        if (key is EqlFieldReference field) return (field.Name, field.Optional);
        notSupported ??= $"not supported yet: a join key that is not a field, at offset {key.Start}";
        return ("", false);
    }
}
