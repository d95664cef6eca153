using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace RuleGen.Tests;

/// <summary>The code generated for every rule in rules/, pinned as golden files, and compiled against the runtime.</summary>
public class GoldenFileTests
{
    public static IEnumerable<object[]> RuleFiles() =>
        Directory.GetFiles(Repository.Path("rules"), "*.yml").OrderBy(f => f).Select(f => new object[] { Path.GetFileName(f) });

    [Theory]
    [MemberData(nameof(RuleFiles))]
    public void GeneratedCodeMatchesItsSnapshot(string file)
    {
        var result = GeneratorHarness.Run(GeneratorHarness.RepositoryFields().Append(new InMemoryRuleFile("rules/" + file, File.ReadAllText(Repository.Path("rules", file)))), "RuleGen.Rules");
        Assert.Empty(result.GeneratorDiagnostics);
        var source = result.Run.Results.Single().GeneratedSources.Single(s => s.HintName != "CompiledRules.g.cs");
        Snapshot.Match(Path.GetFileNameWithoutExtension(file) + ".g.cs", source.SourceText.ToString());
    }

    [Fact]
    public void RuleSetMatchesItsSnapshotAndEverythingCompiles()
    {
        var files = Directory.GetFiles(Repository.Path("rules"), "*.yml").OrderBy(f => f)
            .Select(f => new InMemoryRuleFile("rules/" + Path.GetFileName(f), File.ReadAllText(f))).ToArray();
        var result = GeneratorHarness.Run(files.Concat(GeneratorHarness.RepositoryFields()), "RuleGen.Rules");
        Assert.Empty(result.GeneratorDiagnostics);
        Snapshot.Match("CompiledRules.g.cs", result.Source("CompiledRules"));
        var rules = GeneratorHarness.Load(result, "RuleGen.Rules");
        Assert.Equal(files.Length, rules.Rules.Count);
        // Generated code is warning-free too (nullable, obsolete, …): a consumer with TreatWarningsAsErrors must build.
        Assert.Empty(result.CompileDiagnostics.Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning));
    }
}
