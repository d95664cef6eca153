using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Tomlyn;
using Tomlyn.Model;

namespace RuleGen.Tests.Eql;

/// <summary>
/// The real EQL queries the tests run: Elasticsearch's spec suite (Data/eql-spec, TOML) and the EQL rules of
/// Elastic's AWS pack (Data/eql/aws-pack-queries.json); each file's MANIFEST or header names its source and licence.
/// </summary>
public static class EqlCorpus
{
    public sealed record Query(string Source, string Name, string Text)
    {
        public override string ToString() => $"{Source}: {Name}";
    }

    /// <summary>The [[queries]] of one spec file, in file order; the obsolete file's entries have no names.</summary>
    public static IReadOnlyList<Query> Spec(string file)
    {
        var document = TomlSerializer.Deserialize<TomlTable>(File.ReadAllText(Repository.Data("eql-spec", file)))!;
        var queries = (TomlTableArray)document["queries"];
        return queries.Select((entry, i) => new Query(
            file,
            entry.TryGetValue("name", out object? name) ? (string)name : $"#{i + 1}",
            (string)entry["query"])).ToList();
    }

    /// <summary>The spec files written in today's syntax: every one of their queries must parse.</summary>
    public static IReadOnlyList<Query> CurrentSpec { get; } = Spec("test_queries.toml").Concat(Spec("additional_test_queries.toml")).ToList();

    public static IReadOnlyList<Query> AwsPack { get; } = LoadAwsPack();

    private static IReadOnlyList<Query> LoadAwsPack()
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Repository.Data("eql", "aws-pack-queries.json")));
        return document.RootElement.GetProperty("queries").EnumerateArray()
            .Select(q => new Query("aws-pack", q.GetProperty("file").GetString()!, q.GetProperty("query").GetString()!))
            .ToList();
    }
}
