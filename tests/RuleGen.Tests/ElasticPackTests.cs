using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using RuleGen.Cli.Import;
using Xunit;

namespace RuleGen.Tests;

/// <summary>
/// Corpus acceptance over Elastic's whole AWS pack (Data/corpus/elastic-aws-all, detection-rules @ 14cf530f, Elastic
/// License 2.0): every rule imported from its TOML and built in one generator run. A rule of a type and language
/// RuleGen compiles must build with no error; every other one fails only with located "not supported yet" errors
/// that name the construct. docs/elastic-corpus.md is the resulting table, warnings included.
/// </summary>
public class ElasticPackTests
{
    private static readonly string Corpus = Repository.Data("corpus", "elastic-aws-all");

    public sealed record RuleResult(string Relative, string Name, string Type, string Language, string? NotImportable, IReadOnlyList<Diagnostic> Diagnostics)
    {
        public bool Compiles => NotImportable is null && Diagnostics.All(d => d.Severity != DiagnosticSeverity.Error);

        public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error);

        public IEnumerable<Diagnostic> Warnings => Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning);
    }

    private static readonly Lazy<IReadOnlyList<RuleResult>> Results = new(BuildAll);

    private static string[] Files() =>
        Directory.GetFiles(Corpus, "*.toml", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Corpus, f).Replace('\\', '/'))
            .OrderBy(f => f, StringComparer.Ordinal).ToArray();

    private static IReadOnlyList<RuleResult> BuildAll()
    {
        var files = new List<InMemoryRuleFile>();
        var meta = new Dictionary<string, (string Name, string Type, string Language, string? NotImportable)>(StringComparer.Ordinal);
        foreach (string relative in Files())
        {
            string toml = File.ReadAllText(Path.Combine(Corpus, relative));
            string type = Key(toml, "type"), language = Key(toml, "language");
            string name = Key(toml, "name");
            string yamlPath = "/corpus/" + relative.Replace(".toml", ".yml");
            try
            {
                string yaml = ElasticRuleImporter.Convert(toml, relative);
                files.Add(new InMemoryRuleFile(yamlPath, yaml));
                meta[yamlPath] = (name, type, language, null);
            }
            catch (Exception e) when (type == "machine_learning")
            {
                meta[yamlPath] = (name, type, language, e.Message);
            }
        }
        // Deprecated rules are built in a rule set of their own: some share a name with the rule that replaced them,
        // which one rule set warns about (RG0043), and each rule's own diagnostics are what this table reports.
        var byFile = new Dictionary<string, List<Diagnostic>>(StringComparer.Ordinal);
        foreach (var set in files.GroupBy(f => f.Path.StartsWith("/corpus/_deprecated/", StringComparison.Ordinal)))
        {
            var run = GeneratorHarness.Run(GeneratorHarness.RepositoryFields().Concat(set), "Corpus.Rules");
            foreach (var group in run.GeneratorDiagnostics.GroupBy(d => d.Location.GetLineSpan().Path)) byFile[group.Key] = group.ToList();
        }
        return meta.Select(m => new RuleResult(m.Key["/corpus/".Length..].Replace(".yml", ".toml"), m.Value.Name, m.Value.Type, m.Value.Language, m.Value.NotImportable,
                byFile.TryGetValue(m.Key, out var d) ? d : new List<Diagnostic>()))
            .OrderBy(r => r.Relative, StringComparer.Ordinal).ToList();
    }

    /// <summary>A top-level string key of the TOML's [rule] table (enough for type, language and name).</summary>
    private static string Key(string toml, string key)
    {
        var table = Tomlyn.TomlSerializer.Deserialize<Tomlyn.Model.TomlTable>(toml)!;
        return table.TryGetValue("rule", out object? rule) && rule is Tomlyn.Model.TomlTable r && r.TryGetValue(key, out object? value) ? value?.ToString() ?? "" : "";
    }

    /// <summary>
    /// What RuleGen compiles: query, threshold, new_terms and eql rules (sequences included), with or without alert
    /// suppression, and ES|QL rules with every processing command (issue 11).
    /// </summary>
    private static bool ShouldCompile(RuleResult r) => r.Type is "query" or "eql" or "threshold" or "new_terms" or "esql" && r.Language != "lucene";

    private static bool Suppresses(RuleResult r) => File.ReadAllText(Path.Combine(Corpus, r.Relative)).Contains("[rule.alert_suppression]", StringComparison.Ordinal);

    /// <summary>The pack's one EQL sequence compiles, and is the only eql rule whose query is a sequence.</summary>
    [Fact]
    public void TheSequenceRuleCompiles()
    {
        var sequences = Results.Value.Where(r => r.Type == "eql" && File.ReadAllText(Path.Combine(Corpus, r.Relative)).Contains("query = '''\nsequence", StringComparison.Ordinal)).ToList();
        RuleResult only = Assert.Single(sequences);
        Assert.Equal("discovery_bedrock_model_recon_and_invocation_via_long_term_key.toml", only.Relative);
        Assert.True(only.Compiles, string.Join("\n", only.Errors));
    }

    [Fact]
    public void EverySuppressionRuleCompiles()
    {
        List<RuleResult> suppressed = Results.Value.Where(Suppresses).ToList();
        Assert.Equal(4, suppressed.Count);
        Assert.All(suppressed, r => Assert.True(r.Compiles, $"{r.Relative}:\n{string.Join("\n", r.Errors)}"));
        Assert.Equal(1, suppressed.Count(r => r.Type == "query"));
        Assert.Equal(3, suppressed.Count(r => r.Type == "esql"));
    }

    public static IEnumerable<object[]> Rules() => Files().Select(f => new object[] { f });

    [Theory]
    [MemberData(nameof(Rules))]
    public void EveryRuleCompilesOrNamesWhatIsNotSupported(string relative)
    {
        RuleResult result = Results.Value.Single(r => r.Relative == relative);
        if (result.NotImportable is not null)
        {
            Assert.Equal("machine_learning", result.Type);
            return;
        }
        if (ShouldCompile(result)) Assert.True(result.Compiles, $"{relative} ({result.Type}/{result.Language}):\n{string.Join("\n", result.Errors)}");
        Assert.All(result.Errors, d =>
        {
            Assert.True(d.Id is "RG0023" or "RG0014", $"{relative}: {d}");
            Assert.Contains("not supported yet", d.GetMessage(), StringComparison.Ordinal);
            Assert.NotEqual(Location.None, d.Location);
        });
    }

    [Fact]
    public void TheCorpusTableInTheDocsIsCurrent()
    {
        IReadOnlyList<RuleResult> results = Results.Value;
        var doc = new StringBuilder();
        doc.Append("# Elastic's AWS rules in RuleGen\n\n");
        doc.Append("Every rule of Elastic's AWS pack (detection-rules @ 14cf530f, `_deprecated/` included: tests/RuleGen.Tests/Data/corpus/elastic-aws-all),\n");
        doc.Append("imported with `rulegen import elastic` and built in one generator run (`_deprecated/` in another). Generated by `ElasticPackTests`\n");
        doc.Append("(RULEGEN_ACCEPT_SNAPSHOTS=1 rewrites it). A rule either compiles (warnings listed) or fails only with located\n");
        doc.Append("\"not supported yet\" errors, the first of which is named here.\n\n");
        doc.Append("## Summary\n\n| type | language | rules | compile |\n|---|---|---:|---:|\n");
        foreach (var group in results.GroupBy(r => (r.Type, r.Language)).OrderBy(g => g.Key.Type, StringComparer.Ordinal).ThenBy(g => g.Key.Language, StringComparer.Ordinal))
        {
            doc.Append($"| {group.Key.Type} | {group.Key.Language} | {group.Count()} | {group.Count(r => r.Compiles)} |\n");
        }
        doc.Append($"| all | | {results.Count} | {results.Count(r => r.Compiles)} |\n\n");

        var blockers = results.Where(r => !r.Compiles).GroupBy(First).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal);
        doc.Append("## What stops the others\n\n| construct | rules |\n|---|---:|\n");
        foreach (var group in blockers) doc.Append($"| {Cell(group.Key)} | {group.Count()} |\n");

        var warnings = results.SelectMany(r => r.Warnings.Select(w => (r.Relative, Warning: w))).ToList();
        doc.Append($"\n## Warnings left standing ({warnings.Count})\n\n");
        doc.Append("Each is a true statement about the rule as Elastic wrote it; RuleGen compiles it as written.\n\n");
        doc.Append("| rule file | id | line | warning |\n|---|---|---:|---|\n");
        foreach (var (relative, warning) in warnings)
        {
            doc.Append($"| {relative} | {warning.Id} | {warning.Location.GetLineSpan().StartLinePosition.Line + 1} | {Cell(warning.GetMessage())} |\n");
        }

        doc.Append("\n## Every rule\n\n| rule file | name | type | language | status | first construct not supported yet |\n|---|---|---|---|---|---|\n");
        foreach (RuleResult r in results)
        {
            string status = r.NotImportable is not null ? "not importable" : r.Compiles ? (r.Warnings.Any() ? $"compiles ({r.Warnings.Count()} warning(s))" : "compiles") : "not supported yet";
            doc.Append($"| {r.Relative} | {Cell(r.Name)} | {r.Type} | {r.Language} | {status} | {(r.Compiles ? "" : Cell(First(r)))} |\n");
        }

        string path = Repository.Path("docs", "elastic-corpus.md");
        if (Environment.GetEnvironmentVariable("RULEGEN_ACCEPT_SNAPSHOTS") == "1") File.WriteAllText(path, doc.ToString());
        Assert.True(File.Exists(path) && File.ReadAllText(path) == doc.ToString(),
            "docs/elastic-corpus.md is not current; run the tests with RULEGEN_ACCEPT_SNAPSHOTS=1 and review the diff");
    }

    private static string First(RuleResult r) =>
        r.NotImportable is not null ? "machine_learning rules run an ML job, not a query"
        : r.Errors.OrderBy(d => d.Location.GetLineSpan().StartLinePosition).Select(d => d.GetMessage().Replace(" is not supported yet", "")).FirstOrDefault() ?? "";

    private static string Cell(string text) => text.Replace("|", "\\|").Replace("\n", " ");
}
