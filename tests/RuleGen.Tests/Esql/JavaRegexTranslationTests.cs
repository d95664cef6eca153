using System.Text.RegularExpressions;
using RuleGen.Generator.Languages.Esql.Functions.Scalar;
using Xunit;
using GeneratorTranslator = RuleGen.Generator.Languages.Esql.Functions.Scalar.JavaRegexTranslator;

namespace RuleGen.Tests.Esql;

/// <summary>
/// REPLACE's Java regex → .NET translation (one source compiled into both the generator and the runtime; these
/// tests drive the generator's copy) and the build-time checks of constant arguments.
/// </summary>
public class JavaRegexTranslationTests
{
    [Theory]
    // java.util.regex's \d \w \s are ASCII; .NET's are Unicode.
    [InlineData(@"\d+", "a١23", "a١X")]
    [InlineData(@"\w", "é_", "éX")]
    [InlineData(@"\s", "a\u2003b c", "a\u2003bXc")]
    // '.' stops at every Java line terminator; with (?s) it does not.
    [InlineData(@"a.b", "a\u2028b a-b", "a\u2028b X")]
    [InlineData(@"(?s)a.b", "a\rb", "X")]
    // \Q…\E quotes; \x{…} is a code point; \h is horizontal whitespace; \p{Alpha} is POSIX ASCII.
    [InlineData(@"\Q.*\E", "a.*b", "aXb")]
    [InlineData(@"\x{1F525}", "🔥!", "X!")]
    [InlineData(@"\h", "a\tb", "aXb")]
    [InlineData(@"\p{Alpha}+", "abç1", "Xç1")]
    [InlineData(@"[\d_]+", "a1_2b", "aXb")]
    [InlineData(@"\0101", "A", "X")]
    [InlineData(@"(?<word>[a-z]+)", "ab1", "X1")]
    [InlineData(@"a{2,}", "aaa a", "X a")]
    public void Translated_patterns_match_as_Java_does(string java, string input, string expected)
    {
        Assert.True(GeneratorTranslator.TryTranslate(java, out string dotnet, out _, out string error), error);
        Assert.Equal(expected, new Regex(dotnet, RegexOptions.CultureInvariant).Replace(input, "X"));
    }

    [Theory]
    [InlineData(@"a*+", 2, "possessive")]
    [InlineData(@"[a[b]]", 2, "nested")]
    [InlineData(@"[a-z&&[^m]]", 4, "intersection")]
    [InlineData(@"\p{javaLowerCase}", 0, "property")]
    [InlineData(@"(?x)a b", 2, "flag")]
    [InlineData(@"a{", 1, "repetition")]
    [InlineData(@"[abc", 0, "unclosed")]
    [InlineData(@"\X", 0, "escape")]
    [InlineData(@"(a", 2, "invalid regular expression")]
    public void Untranslatable_patterns_are_located(string java, int offset, string why)
    {
        Assert.False(GeneratorTranslator.TryTranslate(java, out _, out int at, out string error));
        Assert.Equal(offset, at);
        Assert.Contains(why, error);
    }

    [Theory]
    [InlineData("([a-z]+)(\\d+)", "$2-$1", "ab12", "12-ab")]
    [InlineData("([a-z]+)(\\d+)", @"\$1", "ab12", "$1")]
    [InlineData("(?<w>[a-z]+)\\d+", "${w}!", "ab12", "ab!")]
    // Only group 1 exists: "$11" is group 1 then a literal "1" (Java reads digits while they name a group).
    [InlineData("([a-z]+)\\d+", "$11", "ab12", "ab1")]
    public void Replacements_use_Java_syntax(string pattern, string java, string input, string expected)
    {
        var regex = new Regex(pattern);
        string? dotnet = GeneratorTranslator.TranslateReplacement(java, regex);
        Assert.NotNull(dotnet);
        Assert.Equal(expected, regex.Replace(input, dotnet!));
    }

    [Theory]
    [InlineData("$")]
    [InlineData("$x")]
    [InlineData("a\\")]
    [InlineData("$9")]
    [InlineData("${nope}")]
    public void Replacements_Java_rejects_give_null(string java) =>
        Assert.Null(GeneratorTranslator.TranslateReplacement(java, new Regex("(a)")));

    [Theory]
    [InlineData("REPLACE", 1, "a*+", true)]
    [InlineData("replace", 1, "a+", false)]
    [InlineData("REPLACE", 0, "a*+", false)]
    [InlineData("SPLIT", 1, "::", true)]
    [InlineData("SPLIT", 1, "é", true)]
    [InlineData("SPLIT", 1, ",", false)]
    [InlineData("HASH", 0, "whirlpool", true)]
    [InlineData("HASH", 0, "sha-256", false)]
    public void Constant_arguments_Elasticsearch_rejects_at_planning_are_build_errors(string function, int argument, string value, bool rejected) =>
        Assert.Equal(rejected, ConstantArgumentChecks.Check(function, argument, value) is not null);

    [Fact]
    public void The_runtime_compiles_the_same_translation()
    {
        // The runtime's copy of the translator (same source file) is what REPLACE uses per row.
        Assert.Equal("a1X", RuleGen.Runtime.Pipeline.EsqlFunctions.Replace(
            RuleGen.Runtime.Pipeline.EsqlValue.Keyword("a1١"), RuleGen.Runtime.Pipeline.EsqlValue.Keyword(@"(?<=\d)\D"), RuleGen.Runtime.Pipeline.EsqlValue.Keyword("X")).AsString);
    }
}
