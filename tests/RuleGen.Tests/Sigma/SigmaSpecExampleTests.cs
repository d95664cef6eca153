using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Xunit;

namespace RuleGen.Tests.Sigma;

/// <summary>
/// Every YAML example with a <c>detection</c> in the rules specification (Data/sigma-spec, v2.1) read as it stands.
/// The spec's fragments often leave out <c>condition</c>; that problem is expected and nothing else, except for the
/// example the spec itself calls invalid (null in a list of values).
/// </summary>
public class SigmaSpecExampleTests
{
    [Fact]
    public void The_specification_examples_read_as_the_spec_says()
    {
        string spec = File.ReadAllText(Repository.Data("sigma-spec", "sigma-rules-specification.md")).Replace("\r\n", "\n");
        var blocks = Regex.Matches(spec, "```ya?ml\n(.*?)```", RegexOptions.Singleline).Cast<Match>()
            .Where(m => Regex.IsMatch(m.Groups[1].Value, "^detection:", RegexOptions.Multiline))
            .ToList();
        Assert.Equal(11, blocks.Count);
        var golden = new StringBuilder();
        int invalid = 0;
        foreach (Match block in blocks)
        {
            int line = spec.Take(block.Index).Count(c => c == '\n') + 1;
            string before = spec.Substring(0, block.Index);
            bool saysInvalid = before.TrimEnd().EndsWith("Invalid Example:", System.StringComparison.Ordinal);
            var (rule, problems) = SigmaTestSupport.Read(block.Groups[1].Value, "spec.md");
            var unexpected = problems.Where(p => p.Message != "'detection' needs a 'condition'").ToList();
            if (saysInvalid)
            {
                invalid++;
                Assert.Equal("null cannot be part of a list of values; put it in a selection of its own", Assert.Single(unexpected).Message);
            }
            else
            {
                Assert.True(unexpected.Count == 0, $"example at line {line}: " + string.Join("; ", unexpected.Select(SigmaTestSupport.Describe)));
            }
            golden.Append("example at spec line ").Append(line).AppendLine(saysInvalid ? " (the spec's invalid example)" : "");
            golden.Append(SigmaTestSupport.Compact(rule));
            foreach (var p in problems) golden.Append("  problem ").AppendLine(SigmaTestSupport.Describe(p));
        }
        Assert.Equal(1, invalid);
        Snapshot.Match("Sigma.spec-examples", golden.ToString());
    }
}
