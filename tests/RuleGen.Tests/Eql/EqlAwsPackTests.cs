using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using RuleGen.Cli.Import;
using Xunit;

namespace RuleGen.Tests.Eql;

/// <summary>
/// Every EQL rule of Elastic's AWS pack (Data/corpus/elastic-aws-all, Elastic License 2.0: 28 rules whose language is
/// eql), imported with `rulegen import elastic` and built with the repository's fields files: all compile with no error,
/// the 27 single-event rules and the one sequence.
/// </summary>
public class EqlAwsPackTests
{
    private static readonly string Corpus = Repository.Data("corpus", "elastic-aws-all");

    public static IEnumerable<object[]> Rules() =>
        Directory.GetFiles(Corpus, "*.toml", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f).Contains("language = \"eql\"", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => new object[] { Path.GetRelativePath(Corpus, f) });

    private static (string Yaml, IReadOnlyList<Diagnostic> Diagnostics) Build(string relative)
    {
        string yaml = ElasticRuleImporter.Convert(File.ReadAllText(Path.Combine(Corpus, relative)), relative);
        var result = GeneratorHarness.Run(GeneratorHarness.RepositoryFields().Append(new InMemoryRuleFile("/corpus/" + relative.Replace(".toml", ".yml"), yaml)), "EqlCorpus.Rules");
        return (yaml, result.GeneratorDiagnostics.ToList());
    }

    [Fact]
    public void ThePackHas28EqlRules() => Assert.Equal(28, Rules().Count());

    [Theory]
    [MemberData(nameof(Rules))]
    public void EveryEqlRuleCompilesTheSequenceIncluded(string relative)
    {
        var (_, diagnostics) = Build(relative);
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, $"{relative}:\n{string.Join("\n", errors)}");
    }
}
