using System.Collections.Generic;
using YamlDotNet.Core;

namespace RuleGen.Cli.Import;

/// <summary>
/// Chooses how a string is written so that every YAML reader gives the same string back. The escaping is
/// YamlDotNet's emitter's; this only asks for a style, and the emitter falls back to quotes whenever its own
/// analysis says the style cannot hold the text (indicators, trailing spaces, lines of spaces). Proven by the
/// round-trip property over generated strings (ImporterRoundTripTests).
/// </summary>
public static class YamlScalarStyles
{
    /// <summary>Plain words that YAML 1.1 readers (and YAML 1.2's core schema) take as a boolean or null, not a string.</summary>
    private static readonly HashSet<string> NotStrings = new(System.StringComparer.Ordinal)
    {
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
        "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL",
    };

    public static ScalarStyle For(string value)
    {
        if (IsPlainSafe(value)) return ScalarStyle.Plain;
        if (IsLiteralSafe(value)) return ScalarStyle.Literal;
        return ScalarStyle.DoubleQuoted;
    }

    /// <summary>
    /// Plain only for text no reader can take for something else: it starts with an ASCII letter (so it is not a
    /// number, a date, <c>~</c>, <c>.inf</c> or an indicator), it is printable ASCII without tabs (the emitter does
    /// not see a trailing tab, and readers trim it), no word in it starts with an indicator, and it is not a boolean
    /// or null word.
    /// </summary>
    private static bool IsPlainSafe(string value)
    {
        if (value.Length == 0 || !(value[0] is >= 'a' and <= 'z' or >= 'A' and <= 'Z') || NotStrings.Contains(value)) return false;
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (c is < ' ' or > '~') return false;
            // An indicator that starts a word: YamlDotNet's reader takes "a *b: c" for an alias, though its emitter
            // writes it plain (found by the round-trip property); the others are kept out of plain text alike.
            if (c == ' ' && i + 1 < value.Length && IndicatorsAfterSpace.IndexOf(value[i + 1]) >= 0) return false;
        }
        return true;
    }

    private const string IndicatorsAfterSpace = "*&!|>'\"%@`#{}[],";

    /// <summary>
    /// A literal block (<c>|</c>) for multi-line text, which keeps lines and positions readable. A block scalar
    /// turns every line break into LF and holds printable characters only, so it is asked for only when every break
    /// is LF and every character is YAML-printable: no CR, NEL, LS, PS, BOM, C0/C1 controls but tab, or lone surrogate,
    /// and some text besides the breaks, and no line of only blanks.
    /// </summary>
    private static bool IsLiteralSafe(string value)
    {
        // Text that is only line breaks is not a block: the emitter writes "\n" as an empty block, which reads as "".
        if (value.IndexOf('\n') < 0 || value.Trim('\n').Length == 0) return false;
        // A line of only blanks is indentation to a reader ("  \n" fails to read back as a block): quoted instead.
        foreach (string line in value.Split('\n'))
        {
            if (line.Length > 0 && line.Trim(' ', '\t').Length == 0) return false;
        }
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (c is '\n' or '\t' or >= ' ' and <= '~') continue;
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }
            bool printable = c is >= '\u00A0' and <= '\uD7FF' or >= '\uE000' and <= '\uFFFD';
            if (!printable || c is '\u2028' or '\u2029' or '\uFEFF') return false;
        }
        return true;
    }
}
