using System.Collections.Generic;
using System.IO;
using System.Linq;
using RuleGen.Cli.Import;

namespace RuleGen.Tests.Fuzzing;

/// <summary>A real rule file to mutate.</summary>
public sealed record FuzzSeed(string Name, string Text);

/// <summary>
/// One front end under fuzzing: its seed rules and the tokens of its syntax, which the mutators sprinkle in.
/// Language-neutral: every front end compiles through RuleCompiler from a rule file, so a KQL, EQL or Sigma front end
/// joins by adding a target here (its seed corpus and its tokens); the mutators and properties stay as they are.
/// </summary>
public sealed record FuzzTarget(string Language, IReadOnlyList<FuzzSeed> Seeds, IReadOnlyList<string> Tokens)
{
    /// <summary>Tokens of the YAML every rule file is written in.</summary>
    public static readonly string[] YamlTokens =
    {
        ":", ": ", "- ", "? ", "&a ", "*a", "&b [*a, *a, *a]", "&c {x: *c}", "!!str ", "!!map ", "{", "}", "[", "]", "|", "|-", ">", "#", "'", "\"",
        "---\n", "...\n", "\t", "\n", "  ", "%YAML 1.2\n", "<<: *a", "null", "~", "tests:\n  - name: x\n    expect: match\n    event: ",
        "{eventSource: s, eventTime: 5}", "expect: no_match", "name: ", "query: |\n  ", "\\u0000", "\"\\x00\"", "? [a, b]\n: 1",
        "\\u2028", "\\u2029", "\\x85", "\\L", "\\P", "\\N", "\\0", "\\r", "\\t", "\\ud800",
    };

    /// <summary>Tokens of ES|QL.</summary>
    public static readonly string[] EsqlTokens =
    {
        "from ", "logs-*", " metadata _id", "| where ", "| keep ", "| eval ", "| stats ", " and ", " or ", " not ", "(", ")", "==", "!=",
        "<", ">=", " like ", " rlike ", " in (", " is null", " is not null", "\"", "\"\"\"", "`", "TO_LOWER(", "TO_UPPER(", "STARTS_WITH(",
        "ENDS_WITH(", "CIDR_MATCH(", "MV_CONTAINS(", "null", "true", "false", "1e999", "-", "*", "?", ",", "::", "//", "/*", "*/",
        "event.action", "@timestamp", "source.ip", "\"*\"", "\"\\\\\"", "\"[a-z\"", "\"10.0.0.0/33\"", "999999999999999999999", ".5",
    };

    /// <summary>ES|QL rules: the repository's rules and Elastic's AWS ES|QL corpus, imported from TOML.</summary>
    public static FuzzTarget Esql { get; } = new("esql", EsqlSeeds(), EsqlTokens.Concat(YamlTokens).ToArray());

    /// <summary>Every front end; KQL, EQL and Sigma join here.</summary>
    public static IReadOnlyList<FuzzTarget> All { get; } = new[] { Esql };

    private static IReadOnlyList<FuzzSeed> EsqlSeeds()
    {
        var seeds = Directory.GetFiles(Repository.Path("rules"), "*.yml").OrderBy(f => f, System.StringComparer.Ordinal)
            .Select(f => new FuzzSeed("rules/" + Path.GetFileName(f), File.ReadAllText(f))).ToList();
        string corpus = Repository.Data("corpus", "elastic-esql-aws");
        foreach (string toml in Directory.GetFiles(corpus, "*.toml", SearchOption.AllDirectories).OrderBy(f => f, System.StringComparer.Ordinal))
        {
            string relative = Path.GetRelativePath(corpus, toml);
            seeds.Add(new FuzzSeed("corpus/" + relative, ElasticRuleImporter.Convert(File.ReadAllText(toml), relative)));
        }
        return seeds;
    }
}
