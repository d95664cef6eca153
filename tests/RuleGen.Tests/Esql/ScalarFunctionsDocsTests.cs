using System.IO;
using System.Linq;
using Xunit;

namespace RuleGen.Tests.Esql;

/// <summary>The semantics pages of part A (docs/esql-functions/*.md) show every row of the table the tests run, as run.</summary>
public class ScalarFunctionsDocsTests
{
    private static readonly string[] Pages = { "strings", "conditional", "conversion", "ip", "encoding" };

    [Fact]
    public void Every_table_row_is_on_a_semantics_page()
    {
        string docs = string.Concat(Pages.Select(p => File.ReadAllText(Repository.Path("docs", "esql-functions", p + ".md"))));
        var missing = ScalarFunctionsTableTests.ReadRows()
            .Select(r => $"| {r.Function} | {r.Shape} | `{r.Arguments.Replace("|", "\\|")}` | `{r.Expected.Replace("|", "\\|")}` | {r.Source.Replace("|", "\\|")} |")
            .Where(line => !docs.Contains(line))
            .ToList();
        Assert.True(missing.Count == 0, "not on the pages (re-render them from the TSV):\n" + string.Join("\n", missing));
    }
}
