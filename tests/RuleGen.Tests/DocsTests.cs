using System.IO;
using System.Linq;
using RuleGen.Generator;
using Xunit;

namespace RuleGen.Tests;

/// <summary>Every diagnostic id has its help page and a line in the release notes, and nothing else does.</summary>
public class DocsTests
{
    [Fact]
    public void EveryDiagnosticHasAHelpPage()
    {
        var ids = typeof(RuleGenGenerator).Assembly.GetType("RuleGen.Generator.Diagnostics.DiagnosticCatalog")!
            .GetFields().Where(f => f.FieldType == typeof(Microsoft.CodeAnalysis.DiagnosticDescriptor))
            .Select(f => ((Microsoft.CodeAnalysis.DiagnosticDescriptor)f.GetValue(null)!).Id).OrderBy(i => i).ToList();
        var pages = Directory.GetFiles(Repository.Path("docs", "diagnostics"), "RG*.md").Select(p => Path.GetFileNameWithoutExtension(p)!).OrderBy(i => i).ToList();
        Assert.Equal(ids, pages);
        string index = File.ReadAllText(Repository.Path("docs", "diagnostics", "README.md"));
        string releases = File.ReadAllText(Repository.Path("generator", "RuleGen.Generator", "AnalyzerReleases.Unshipped.md"));
        Assert.All(ids, id => Assert.Contains($"[{id}]({id}.md)", index, System.StringComparison.Ordinal));
        Assert.All(ids, id => Assert.Contains(id + " |", releases, System.StringComparison.Ordinal));
    }

    [Fact]
    public void EveryDiagnosticIsInTheCatalogueList()
    {
        // Diagnostics are stored by id and found again through DiagnosticCatalog.All: a descriptor missing there
        // would throw inside the generator.
        var catalog = typeof(RuleGenGenerator).Assembly.GetType("RuleGen.Generator.Diagnostics.DiagnosticCatalog")!;
        var ids = catalog.GetFields().Where(f => f.FieldType == typeof(Microsoft.CodeAnalysis.DiagnosticDescriptor))
            .Select(f => ((Microsoft.CodeAnalysis.DiagnosticDescriptor)f.GetValue(null)!).Id).OrderBy(i => i).ToList();
        var listed = ((System.Collections.Generic.IEnumerable<Microsoft.CodeAnalysis.DiagnosticDescriptor>)catalog.GetField("All")!.GetValue(null)!)
            .Select(d => d.Id).OrderBy(i => i).ToList();
        Assert.Equal(ids, listed);
    }
}
