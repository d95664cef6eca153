using System;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using RuleGen.Generator.Languages.Sigma;
using RuleGen.Generator.Languages.Sigma.Values;
using Xunit;

namespace RuleGen.Tests.Sigma;

/// <summary>Properties of the build-time value work for Sigma's modifiers (Languages/Sigma/Values).</summary>
public class SigmaValuePropertyTests
{
    [Fact]
    public void Base64offset_finds_a_value_wherever_it_sits_in_base64_text()
    {
        // The point of base64offset (spec appendix "Encoding"): one of the three cut encodings is inside the Base64
        // of any text that holds the value, whatever comes before and after it.
        Gen<string> ascii = Gen.String[Gen.Char[' ', '~'], 0, 6];
        Gen.Select(ascii, Gen.String[Gen.Char[' ', '~'], 2, 10], ascii)
            .Sample((before, value, after) =>
            {
                string escaped = value.Replace("\\", "\\\\").Replace("*", "\\*").Replace("?", "\\?");
                var patterns = SigmaValueEncodings.Expand(escaped, new[] { SigmaModifier.Base64Offset });
                string text = Convert.ToBase64String(Encoding.UTF8.GetBytes(before + value + after));
                return patterns.Count is >= 1 and <= 3 && patterns.Any(p => text.Contains(Unescape(p), StringComparison.Ordinal));
            });
    }

    [Fact]
    public void Base64_is_the_standard_encoding_of_the_text()
    {
        Gen.String[Gen.Char['a', 'z'], 1, 12].Sample(value =>
            SigmaValueEncodings.Expand(value, new[] { SigmaModifier.Base64 }).Single() == Convert.ToBase64String(Encoding.UTF8.GetBytes(value)));
    }

    [Fact]
    public void A_pattern_in_the_specs_basic_subset_translates_to_itself()
    {
        // The appendix's metacharacters (. ^ $ * + ? {n,m} [a-z] [^a-z] | ()) mean the same in PCRE and .NET: the
        // translation only adds the flags prefix, and the .NET regex matches what the pattern says.
        Gen<string> atom = Gen.OneOf(
            Gen.Char["abcxyz019 -_:/"].Select(c => c.ToString()),
            Gen.Const("."), Gen.Const("[a-c]"), Gen.Const("[^0-9]"), Gen.Const("(ab|c)"));
        Gen<string> quantifier = Gen.OneOf(Gen.Const(""), Gen.Const("*"), Gen.Const("+"), Gen.Const("?"), Gen.Const("{1,2}"), Gen.Const("*?"));
        Gen<string> body = Gen.Select(atom, quantifier, (a, q) => a + q).Array[1, 6].Select(parts => string.Concat(parts));
        Gen<string> pattern = Gen.Select(body, Gen.Bool, Gen.Bool, (b, start, end) => (start ? "^" : "") + b + (end ? "$" : ""));
        pattern.Sample(p =>
        {
            SigmaRegex.Translation translation = SigmaRegex.Translate(p, ignoreCase: false, multiLine: false, dotAll: false);
            return translation.Pattern == "(?-s)" + p && !translation.Backtracking;
        });
    }

    [Fact]
    public void Translated_regexes_match_like_the_untranslated_ones_on_the_basic_subset()
    {
        Gen<string> value = Gen.String[Gen.Char["abc019 \n"], 0, 8];
        Gen<string> pattern = Gen.OneOf(Gen.Const("a+b"), Gen.Const("^a.c$"), Gen.Const("[0-9]{2}"), Gen.Const("(a|b)c"), Gen.Const("^$"));
        Gen.Select(pattern, value).Sample((p, v) =>
        {
            var translated = new Regex(SigmaRegex.Translate(p, false, false, false).Pattern, RegexOptions.CultureInvariant | RegexOptions.Singleline | RegexOptions.NonBacktracking);
            return translated.IsMatch(v) == new Regex(p, RegexOptions.CultureInvariant).IsMatch(v);
        });
    }

    [Fact]
    public void Any_pattern_text_translates_or_is_a_located_translation_error_never_another_exception()
    {
        Gen.String[Gen.Char["\\()[]{}?*+|^$.:=!<>'PQEpxoghkvRN0123456789,-#aA}"], 0, 16].Sample(p =>
        {
            try
            {
                SigmaRegex.Translate(p, ignoreCase: true, multiLine: true, dotAll: false);
            }
            catch (RuleGen.Generator.Languages.LuceneRegex.TranslationException)
            {
            }
        }, iter: 5000);
    }

    [Fact]
    public void Windash_keeps_every_other_character_and_varies_each_starting_dash_five_ways()
    {
        var patterns = SigmaValueEncodings.Expand(" -a /b", new[] { SigmaModifier.Windash });
        Assert.Equal(25, patterns.Count);
        Assert.Contains(" \u2014a \u2013b", patterns);
        Assert.All(patterns, p => Assert.Equal(6, p.Length));
    }

    private static string Unescape(string canonical)
    {
        var result = new StringBuilder();
        for (int i = 0; i < canonical.Length; i++)
        {
            if (canonical[i] == '\\' && i + 1 < canonical.Length) i++;
            result.Append(canonical[i]);
        }
        return result.ToString();
    }
}
