using System.Linq;
using System.Text;
using CsCheck;
using RuleGen.Generator.Languages.Sigma;
using Xunit;

namespace RuleGen.Tests.Sigma;

/// <summary>Sigma's wildcard and escape rules (spec "String Wildcard", "Escape Character") into RuleGen's canonical patterns.</summary>
public class SigmaPatternTests
{
    // Sigma text (as the YAML value reads, after YAML's own quoting) → canonical pattern, and whether it has wildcards.
    [Theory]
    [InlineData("abc", "abc", false)]
    [InlineData("", "", false)]
    [InlineData("prog?.exe", "prog?.exe", true)]                          // spec: ? one character
    [InlineData("antivirus_V*.exe", "antivirus_V*.exe", true)]            // spec: * any run
    [InlineData(@"\*", @"\*", false)]                                     // spec: escaped wildcard is plain
    [InlineData(@"\?", @"\?", false)]
    [InlineData(@"C:\Windows\System32", @"C:\\Windows\\System32", false)] // spec: plain backslash as single \
    [InlineData(@"C:\\Windows", @"C:\\Windows", false)]                   // spec: ... or as double \\
    [InlineData(@"\\*", @"\\*", true)]                                    // spec: backslash then wildcard
    [InlineData(@"\\\*", @"\\\*", false)]                                 // spec: three: plain backslash and plain *
    [InlineData(@"\\\", @"\\\\", false)]                                  // spec: three backslashes are two
    [InlineData(@"\\\\", @"\\\\", false)]                                 // spec: four backslashes are two
    [InlineData(@"end\", @"end\\", false)]                                // a trailing backslash is plain
    [InlineData(@"*\cmd.exe", @"*\\cmd.exe", true)]                       // appendix endswith example '*\cmd.exe'
    [InlineData(@"\\example.exe", @"\\example.exe", false)]               // spec list-of-maps example
    [InlineData(@"a\b*c?\*\?", @"a\\b*c?\*\?", true)]
    [InlineData(@"%name%", "%name%", false)]                              // placeholders are literal without expand
    [InlineData("é*ü", "é*ü", true)]
    public void Sigma_values_translate_to_canonical_patterns(string sigma, string canonical, bool wildcards)
    {
        Assert.Equal(canonical, SigmaPattern.ToCanonical(sigma));
        Assert.Equal(wildcards, SigmaPattern.HasWildcards(sigma));
    }

    /// <summary>A pattern as pieces: a literal character or a wildcard, read back from the canonical syntax.</summary>
    private static string Pieces(string canonical)
    {
        var s = new StringBuilder();
        for (int i = 0; i < canonical.Length; i++)
        {
            if (canonical[i] == '\\') s.Append("L").Append(canonical[++i]);
            else if (canonical[i] is '*' or '?') s.Append("W").Append(canonical[i]);
            else s.Append("L").Append(canonical[i]);
        }
        return s.ToString();
    }

    [Fact]
    public void Escaping_every_special_character_keeps_literals_literal_and_wildcards_wild()
    {
        // Pieces: literal characters (including \, * and ?) and wildcards. Written in Sigma by escaping each literal
        // \, * and ?, the translation must read back as exactly those pieces.
        Gen<(bool Wild, char C)> piece = Gen.Frequency(
            (3, Gen.Char["ab\\*?:"].Select(c => (false, c))),
            (1, Gen.OneOf(Gen.Const('*'), Gen.Const('?')).Select(c => (true, c))));
        piece.Array[0, 12].Sample(pieces =>
        {
            string sigma = string.Concat(pieces.Select(p => p.Wild ? p.C.ToString() : p.C is '\\' or '*' or '?' ? "\\" + p.C : p.C.ToString()));
            string expected = string.Concat(pieces.Select(p => (p.Wild ? "W" : "L") + p.C));
            Assert.Equal(expected, Pieces(SigmaPattern.ToCanonical(sigma)));
            Assert.Equal(pieces.Any(p => p.Wild), SigmaPattern.HasWildcards(sigma));
        });
    }

    [Fact]
    public void Any_text_translates_to_the_same_pattern_as_its_fully_escaped_form()
    {
        // Any text at all (stray backslashes included): read back into pieces, written again in Sigma with every
        // literal \, * and ? escaped (the spec's unambiguous spelling), it must translate to the same canonical
        // pattern, and that pattern never ends in a dangling escape.
        Gen.String[Gen.Char["a\\*?x"], 0, 16].Sample(sigma =>
        {
            string canonical = SigmaPattern.ToCanonical(sigma);
            string pieces = Pieces(canonical);
            var escaped = new StringBuilder();
            for (int i = 0; i < pieces.Length; i += 2)
            {
                char c = pieces[i + 1];
                if (pieces[i] == 'L' && c is '\\' or '*' or '?') escaped.Append('\\');
                escaped.Append(c);
            }
            Assert.Equal(canonical, SigmaPattern.ToCanonical(escaped.ToString()));
            Assert.Equal(pieces.Contains("W"), SigmaPattern.HasWildcards(sigma));
        });
    }
}
