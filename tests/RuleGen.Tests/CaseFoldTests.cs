using System.Text;
using CsCheck;
using RuleGen.Runtime;
using Xunit;

namespace RuleGen.Tests;

/// <summary>
/// CaseFold folds non-ASCII text in per-thread buffers (no allocation: keyword searches fold every value of an
/// event); it must fold exactly as string.ToUpperInvariant does, length changes included (ɐ U+0250 is two bytes,
/// its upper case U+2C6F three).
/// </summary>
public class CaseFoldTests
{
    private static string Folded(string text) => Encoding.UTF8.GetString(CaseFold.Fold(Encoding.UTF8.GetBytes(text)));

    [Theory]
    [InlineData("Linköping", "LINKÖPING")]
    [InlineData("ɐ", "Ɐ")]
    [InlineData("straße", "STRAßE")] // no one-to-many mapping, as ordinal ignore-case
    [InlineData("ı", "ı")] // the invariant culture is not Turkish
    public void Non_ASCII_text_folds_unit_by_unit(string text, string expected) => Assert.Equal(expected, Folded(text));

    [Fact]
    public void Folding_agrees_with_ToUpperInvariant() =>
        Gen.OneOf("a", "Z", "\u00e9", "\u00df", "\u0131", "\u0250", "\u0436", "\u4e2d", "\ud83d\ude00", " ").Array[0, 30].Select(string.Concat).Sample(text =>
        {
            Assert.Equal(text.ToUpperInvariant(), Folded(text));
            // Both buffers, one after the other, as Equal uses them.
            Assert.Equal(text.ToUpperInvariant(), Encoding.UTF8.GetString(CaseFold.Fold(Encoding.UTF8.GetBytes(text), second: true)));
        });
}
