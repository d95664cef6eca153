using System.Linq;
using RuleGen.Generator.Languages.Sigma;
using Xunit;

namespace RuleGen.Tests.Sigma;

/// <summary>Modifier chains of the spec's modifier appendix (v2.1): which are legal, and where an illegal one is reported.</summary>
public class SigmaModifierChainTests
{
    [Theory]
    [InlineData("contains")]
    [InlineData("contains|all")]
    [InlineData("all|contains")]
    [InlineData("startswith|cased")]
    [InlineData("endswith")]
    [InlineData("re")]
    [InlineData("re|i")]
    [InlineData("re|i|m|s")]
    [InlineData("re|s|i")]
    [InlineData("base64")]
    [InlineData("base64|contains")]
    [InlineData("base64offset|contains")]
    [InlineData("utf16le|base64offset|contains")]
    [InlineData("wide|base64offset|contains")]
    [InlineData("utf16|base64|startswith")]
    [InlineData("utf16be|base64offset|contains|all")]
    [InlineData("windash|contains")]
    [InlineData("contains|windash")]
    [InlineData("exists")]
    [InlineData("cased")]
    [InlineData("neq")]
    [InlineData("contains|neq")]
    [InlineData("lt")]
    [InlineData("gte")]
    [InlineData("hour|gte")]
    [InlineData("month|neq")]
    [InlineData("year")]
    [InlineData("cidr")]
    [InlineData("cidr|neq")]
    [InlineData("expand")]
    [InlineData("expand|contains")]
    [InlineData("fieldref")]
    [InlineData("fieldref|neq")]
    [InlineData("fieldref|contains")]
    [InlineData("")]
    public void Legal_chains_are_accepted(string chain)
    {
        var names = chain.Length == 0 ? new string[0] : chain.Split('|');
        Assert.Null(SigmaModifierChain.Validate(names, out var modifiers));
        Assert.Equal(names.Length, modifiers.Count);
        Assert.Equal(names, modifiers.Select(SigmaModifierChain.Name));
    }

    [Theory]
    [InlineData("contians", 0, "unknown Sigma modifier 'contians'; did you mean 'contains'?")]
    [InlineData("contains|startwith", 1, "did you mean 'startswith'?")]
    [InlineData("Contains", 0, "unknown Sigma modifier 'Contains'")]
    [InlineData("contains|", 1, "empty modifier name")]
    [InlineData("contains|contains", 1, "appears twice")]
    [InlineData("re|contains", 1, "'contains' cannot be combined with 're'")]
    [InlineData("contains|re", 1, "'re' cannot be combined with 'contains'")]
    [InlineData("startswith|endswith", 1, "matches in one way only")]
    [InlineData("cidr|contains", 1, "matches in one way only")]
    [InlineData("lt|gt", 1, "matches in one way only")]
    [InlineData("i", 0, "'i' is a sub-modifier of 're'")]
    [InlineData("contains|m", 1, "'m' is a sub-modifier of 're'")]
    [InlineData("s|re", 0, "'s' is a sub-modifier of 're'")]
    [InlineData("base64offset", 0, "needs a later 'contains'")]
    [InlineData("base64offset|startswith", 0, "needs a later 'contains'")]
    [InlineData("contains|base64", 1, "would encode its wildcards")]
    [InlineData("endswith|utf16le", 1, "would encode its wildcards")]
    [InlineData("exists|neq", 1, "'exists' takes a boolean")]
    [InlineData("contains|exists", 1, "'exists' takes a boolean")]
    [InlineData("re|cased", 1, "'cased' applies to plain strings, not to a 're' value")]
    [InlineData("base64|re", 1, "'base64' applies to plain strings, not to a 're' value")]
    [InlineData("windash|re", 1, "'windash' applies to plain strings")]
    [InlineData("gt|cased", 1, "not to a 'gt' value")]
    [InlineData("cidr|expand", 1, "not to a 'cidr' value")]
    [InlineData("hour|minute", 1, "only one time modifier")]
    [InlineData("day|contains", 1, "a time modifier yields a number")]
    [InlineData("fieldref|base64", 1, "'fieldref' names a field: 'base64'")]
    [InlineData("re|fieldref", 1, "'fieldref' names a field: 're'")]
    [InlineData("fieldref|exists", 1, "'exists' takes a boolean")]
    public void Illegal_chains_are_reported_at_the_offending_modifier(string chain, int index, string message)
    {
        var error = SigmaModifierChain.Validate(chain.Split('|'), out _);
        Assert.NotNull(error);
        Assert.Equal(index, error!.Index);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Every_modifier_of_the_appendix_is_known()
    {
        // The appendix lists each modifier as "- `name`:" (sigma-appendix-modifiers.md, v2.1); re's sub-modifiers
        // are indented. Every one must be in the table, and nothing else.
        string text = System.IO.File.ReadAllText(Repository.Data("sigma-spec", "sigma-appendix-modifiers.md"));
        var listed = System.Text.RegularExpressions.Regex.Matches(text, @"^\s*- `([a-z0-9]+)`:", System.Text.RegularExpressions.RegexOptions.Multiline)
            .Cast<System.Text.RegularExpressions.Match>().Select(m => m.Groups[1].Value).Distinct().OrderBy(n => n).ToList();
        Assert.Equal(31, listed.Count);
        Assert.Equal(listed, SigmaModifiers.ByName.Keys.OrderBy(n => n));
    }
}
