using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using RuleGen.Cli.Import;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace RuleGen.Tests.Kql;

/// <summary>
/// Every KQL rule of Elastic's AWS pack (Data/corpus/elastic-aws-all, detection-rules @ 14cf530f, Elastic License
/// 2.0), imported from its TOML with the CLI's importer and built: its query binds with no error and no warning,
/// whatever the rule's type. new_terms and threshold rules share the KQL query; what they need beyond it (state
/// across events, alert suppression) is reported outside the query, as "not supported yet". ElasticPackTests and
/// docs/elastic-corpus.md cover the whole pack rule by rule; Kql/import_aws_pack.sh imports the KQL rules into a
/// folder with the rulegen command, to read their YAML.
/// </summary>
public class KqlAwsPackTests
{
    private static readonly string Corpus = Repository.Data("corpus", "elastic-aws-all");

    public static IEnumerable<object[]> Rules() =>
        Directory.GetFiles(Corpus, "*.toml", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal)
            .Where(f => File.ReadAllText(f).Contains("language = \"kuery\"", StringComparison.Ordinal))
            .Select(f => new object[] { Path.GetRelativePath(Corpus, f).Replace('\\', '/') });

    private sealed record Built(string Type, IReadOnlyList<Diagnostic> All, IReadOnlyList<Diagnostic> InQuery);

    private static readonly Lazy<IReadOnlyDictionary<string, Built>> Results = new(BuildAll);

    private static IReadOnlyDictionary<string, Built> BuildAll()
    {
        var yamls = Rules().Select(r => (string)r[0]).ToDictionary(r => r, r => ElasticRuleImporter.Convert(File.ReadAllText(Path.Combine(Corpus, r)), r));
        var diagnostics = new Dictionary<string, List<Diagnostic>>(StringComparer.Ordinal);
        // Deprecated rules in a rule set of their own: some share a name with the rule that replaced them (an RG0043 warning that is not the rule's own).
        foreach (var set in yamls.GroupBy(y => y.Key.StartsWith("_deprecated/", StringComparison.Ordinal)))
        {
            var run = GeneratorHarness.Run(GeneratorHarness.RepositoryFields().Concat(set.Select(y => new InMemoryRuleFile(YamlPath(y.Key), y.Value))), "KqlPack.Rules");
            foreach (var group in run.GeneratorDiagnostics.GroupBy(d => d.Location.GetLineSpan().Path)) diagnostics[group.Key] = group.ToList();
        }
        return yamls.ToDictionary(y => y.Key, y =>
        {
            var root = (YamlMappingNode)Load(y.Value).Documents[0].RootNode;
            YamlNode query = root.Children[new YamlScalarNode("query")];
            // A block scalar ends at the start of the next key's line.
            int first = (int)query.Start.Line, last = (int)(query.End.Column == 1 ? query.End.Line - 1 : query.End.Line);
            var all = diagnostics.TryGetValue(YamlPath(y.Key), out var d) ? d : new List<Diagnostic>();
            var inQuery = all.Where(x => x.Location.GetLineSpan().StartLinePosition.Line + 1 is int line && line >= first && line <= last).ToList();
            return new Built(((YamlScalarNode)root.Children[new YamlScalarNode("type")]).Value!, all, inQuery);
        }, StringComparer.Ordinal);
    }

    private static string YamlPath(string relative) => "/corpus/" + relative.Replace(".toml", ".yml");

    private static YamlStream Load(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream;
    }

    [Fact]
    public void ThePackHoldsTheKqlRulesOfEveryType()
    {
        var types = Results.Value.Values.GroupBy(b => b.Type).ToDictionary(g => g.Key, g => g.Count());
        // 156 KQL rules, 13 of them deprecated (Data/kql/aws-pack-queries.json holds the same queries).
        Assert.Equal(new Dictionary<string, int> { ["new_terms"] = 49, ["query"] = 102, ["threshold"] = 5 }, types);
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void EveryQueryBindsWithNoDiagnostic(string relative)
    {
        Built built = Results.Value[relative];
        Assert.True(built.InQuery.Count == 0, $"{relative}: {string.Join("; ", built.InQuery)}");
        // Outside the query, only what the rule needs beyond it is not supported yet: a stateful type, suppression.
        Assert.All(built.All, d =>
        {
            Assert.True(d.Id is "RG0023" or "RG0014", $"{relative}: {d}");
            Assert.Contains("not supported yet", d.GetMessage(), StringComparison.Ordinal);
        });
        // Threshold and new_terms rules compile (docs/threshold.md, docs/new-terms.md); none of the pack's suppresses.
        if (built.Type is "threshold" or "new_terms") Assert.Empty(built.All);
    }
}
