using System.IO;
using System.Linq;
using System.Text;
using Xunit;

namespace RuleGen.Tests.Sigma;

/// <summary>The 40 SigmaHQ AWS CloudTrail rules (Data/corpus/sigma-aws, DRL 1.1) read without a problem.</summary>
public class SigmaCorpusTests
{
    private static string[] Files() =>
        Directory.GetFiles(Repository.Data("corpus", "sigma-aws"), "*.yml").OrderBy(f => f, System.StringComparer.Ordinal).ToArray();

    [Fact]
    public void Every_AWS_rule_reads_without_problems_and_matches_its_golden_detection()
    {
        string[] files = Files();
        Assert.Equal(40, files.Length);
        var golden = new StringBuilder();
        foreach (string file in files)
        {
            var (rule, problems) = SigmaTestSupport.Read(File.ReadAllText(file), Path.GetFileName(file));
            Assert.True(problems.Count == 0, Path.GetFileName(file) + ": " + string.Join("; ", problems.Select(SigmaTestSupport.Describe)));
            Assert.NotNull(rule.Title);
            Assert.NotNull(rule.Author); // DRL 1.1: the author field must be kept with the rule
            Assert.Equal("aws", rule.LogSource.Product);
            Assert.NotEmpty(rule.Searches);
            Assert.All(rule.Conditions, c => Assert.NotNull(c.Parsed));
            golden.Append(Path.GetFileName(file)).Append(" — ").Append(rule.Title).Append(" [").Append(rule.Level).AppendLine("]");
            golden.Append(SigmaTestSupport.Compact(rule));
        }
        Snapshot.Match("Sigma.aws-corpus", golden.ToString());
    }
}
