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

    /// <summary>Tokens of KQL (Kibana's grammar: operators, escapes, wildcards, ranges, nested groups, value lists).</summary>
    public static readonly string[] KqlTokens =
    {
        " and ", " or ", " not ", "not ", "(", ")", ":", ": ", ":*", "*", "\\", "\\:", "\\*", "\\(", "\"", "\\\"", "{", "}", " < ", " <= ", " > ", " >= ",
        "event.action", "source.ip", "source.port", "@timestamp", "aws.cloudtrail.flattened.request_parameters.x", "message", "aws.*",
        "10.0.0.0/8", "::1", "true", "false", "null", "22", "abc", "now-1d", "2024-01-01", "\\u0041", "\\t", "é", "*.text",
    };

    /// <summary>Tokens of EQL (Elasticsearch's grammar: categories, operators, ~ variants, functions, strings).</summary>
    public static readonly string[] EqlTokens =
    {
        "any where ", "iam where ", "process where ", " and ", " or ", " not ", "(", ")", " == ", " != ", " : ", " < ", " >= ", " in (", " in~ (",
        " not in (", " like ", " like~ ", " regex ", " regex~ ", "\"", "\"\"\"", "`", "?", "~", "startsWith(", "endsWith(", "stringContains(",
        "wildcard(", "cidrMatch(", "length(", "substring(", "indexOf(", "concat(", "number(", "string(", "between(", "add(", "+", "-", "*",
        "/", "%", "null", "true", "false", ",", "\\u{41}", "\\*", "sequence by ", "[", "]", " | head 1", " with maxspan=5m",
        "event.action", "source.ip", "user.name", "1e999", "9223372036854775808",
    };

    /// <summary>
    /// Tokens of Sigma (spec v2.1): the condition grammar (operators, `1 of`/`all of`, `them`, wildcards over
    /// identifiers, parentheses, legacy aggregations), field modifiers and their chains, and the values the spec gives
    /// meaning (wildcards, escapes, null, empty strings, YAML 1.1 words).
    /// </summary>
    public static readonly string[] SigmaTokens =
    {
        " and ", " or ", "not ", " not ", "(", ")", "1 of ", "all of ", "them", "selection*", "filter_*", "sel*", "_hidden", "selection",
        "condition: ", "condition:\n    - ", "| count() by eventName > 5", "| near a", "timeframe: 5m", "detection:\n  ", "logsource:\n  ",
        "|contains", "|startswith", "|endswith", "|all", "|re", "|re|i", "|cidr", "|exists", "|cased", "|neq", "|gt", "|lte", "|fieldref",
        "|base64", "|base64offset|contains", "|utf16le", "|windash", "|expand", "|contains|all", "|bogus", "|",
        "eventName", "userIdentity.type", "requestParameters", "requestParameters.x.y", "errorCode", "'*'", "'?'", "\\*", "\\", "null", "''",
        "No", "yes", "on", "0x1f", "10.0.0.0/33", "'(?<n>a)'", "[", "]", "- ", "title: ", "id: ", "level: critical", "status: test", "tags:\n  - attack.t1098",
    };

    /// <summary>ES|QL rules: the repository's ES|QL rules and Elastic's AWS ES|QL corpus, imported from TOML.</summary>
    public static FuzzTarget Esql { get; } = new("esql", SeedsOf("esql", "elastic-esql-aws"), EsqlTokens.Concat(YamlTokens).ToArray());

    /// <summary>KQL rules: the repository's (Elastic's AWS query rules, imported).</summary>
    public static FuzzTarget Kql { get; } = new("kuery", SeedsOf("kuery", null), KqlTokens.Concat(YamlTokens).ToArray());

    /// <summary>EQL rules: the repository's (Elastic's AWS single-event EQL rules, imported).</summary>
    public static FuzzTarget Eql { get; } = new("eql", SeedsOf("eql", null), EqlTokens.Concat(YamlTokens).ToArray());

    /// <summary>Sigma rules: SigmaHQ's AWS CloudTrail rules as they are (the 40 of the corpus, also those not compiled yet).</summary>
    public static FuzzTarget Sigma { get; } = new("sigma", SigmaSeeds(), SigmaTokens.Concat(YamlTokens).ToArray());

    /// <summary>Every front end.</summary>
    public static IReadOnlyList<FuzzTarget> All { get; } = new[] { Esql, Kql, Eql, Sigma };

    private static IReadOnlyList<FuzzSeed> SigmaSeeds() =>
        Directory.GetFiles(Repository.Data("corpus", "sigma-aws"), "*.yml").OrderBy(f => f, System.StringComparer.Ordinal)
            .Select(f => new FuzzSeed("corpus/sigma-aws/" + Path.GetFileName(f), File.ReadAllText(f))).ToList();

    private static IReadOnlyList<FuzzSeed> SeedsOf(string language, string? corpusFolder)
    {
        var seeds = Repository.RuleFiles().OrderBy(f => f, System.StringComparer.Ordinal)
            .Select(f => (File: f, Text: File.ReadAllText(f)))
            .Where(r => LanguageOf(r.Text) == language)
            .Select(r => new FuzzSeed("rules/" + Path.GetRelativePath(Repository.Path("rules"), r.File).Replace('\\', '/'), r.Text)).ToList();
        if (corpusFolder is null) return seeds;
        string corpus = Repository.Data("corpus", corpusFolder);
        foreach (string toml in Directory.GetFiles(corpus, "*.toml", SearchOption.AllDirectories).OrderBy(f => f, System.StringComparer.Ordinal))
        {
            string relative = Path.GetRelativePath(corpus, toml);
            seeds.Add(new FuzzSeed("corpus/" + relative, ElasticRuleImporter.Convert(File.ReadAllText(toml), relative)));
        }
        return seeds;
    }

    /// <summary>The rule file's language key (ES|QL when it has none, as the reader defaults); Sigma files by their own keys.</summary>
    private static string LanguageOf(string yaml)
    {
        string[] lines = yaml.Split('\n');
        if (lines.Any(l => l.StartsWith("logsource:", System.StringComparison.Ordinal)) && lines.Any(l => l.StartsWith("detection:", System.StringComparison.Ordinal))) return "sigma";
        string? line = yaml.Split('\n').FirstOrDefault(l => l.StartsWith("language:", System.StringComparison.Ordinal));
        return line is null ? "esql" : line.Substring("language:".Length).Trim().Trim('"');
    }
}
