using System.IO;
using System.Linq;
using Xunit;

namespace RuleGen.Tests.Sigma;

/// <summary>
/// rules/sigma holds SigmaHQ's rules as SigmaHQ wrote them (the Detection Rule License asks for the author field, and
/// an edited copy would not be SigmaHQ's rule): each byte for byte the corpus copy, each with a tests file holding at
/// least one MADE match and one MADE near miss.
/// </summary>
public class SigmaRulesFolderTests
{
    private static string[] Rules() =>
        Directory.GetFiles(Repository.Path("rules", "sigma"), "*.yml").Where(f => !f.EndsWith(".tests.yml", System.StringComparison.Ordinal))
            .OrderBy(f => f, System.StringComparer.Ordinal).ToArray();

    [Fact]
    public void Every_rule_is_SigmaHQs_file_unchanged()
    {
        string[] rules = Rules();
        Assert.Equal(40, rules.Length);
        foreach (string rule in rules)
        {
            byte[] corpus = File.ReadAllBytes(Repository.Data("corpus", "sigma-aws", Path.GetFileName(rule)));
            Assert.True(corpus.SequenceEqual(File.ReadAllBytes(rule)), Path.GetFileName(rule) + " differs from SigmaHQ's");
        }
    }

    [Fact]
    public void Every_rule_has_MADE_matches_and_near_misses_beside_it()
    {
        foreach (string rule in Rules())
        {
            string sidecar = Path.ChangeExtension(rule, null) + ".tests.yml";
            Assert.True(File.Exists(sidecar), Path.GetFileName(rule) + " has no tests file");
            var tests = new YamlDotNet.Serialization.Deserializer().Deserialize<TestsFile>(File.ReadAllText(sidecar));
            Assert.Contains(tests.Tests, t => t.Expect == "match");
            Assert.Contains(tests.Tests, t => t.Expect == "no_match");
            Assert.All(tests.Tests, t => Assert.StartsWith("MADE: ", t.Name, System.StringComparison.Ordinal));
        }
    }

    public sealed class TestsFile
    {
        [YamlDotNet.Serialization.YamlMember(Alias = "tests")]
        public Example[] Tests { get; set; } = System.Array.Empty<Example>();
    }

    public sealed class Example
    {
        [YamlDotNet.Serialization.YamlMember(Alias = "name")]
        public string Name { get; set; } = "";

        [YamlDotNet.Serialization.YamlMember(Alias = "expect")]
        public string Expect { get; set; } = "";

        [YamlDotNet.Serialization.YamlMember(Alias = "event")]
        public object? Event { get; set; }
    }
}
