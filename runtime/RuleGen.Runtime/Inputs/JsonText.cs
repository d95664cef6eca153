using System;
using System.Text;
using System.Text.Unicode;

namespace RuleGen.Runtime;

/// <summary>
/// The two text checks every event gets before it is read, whether the prefilter rules it out or not, so a verdict
/// never depends on the prefilter (docs/semantics.md, "Invalid text"):
/// <list type="bullet">
/// <item>Invalid UTF-8 makes the event malformed: RFC 8259 §8.1 requires UTF-8, and Elasticsearch's parser
/// (Jackson) refuses such a document ("Invalid UTF-8 start byte"), so it is never indexed and no rule sees it.</item>
/// <item>A lone surrogate escape (<c>"\ud800"</c>) is text RFC 8259 §8.2 leaves undefined. Elasticsearch accepts
/// it (elastic/elasticsearch#9538, closed as won't fix) and Lucene stores an unpaired surrogate as U+FFFD when it
/// encodes the term, so RuleGen reads the event with each lone surrogate replaced by U+FFFD.</item>
/// </list>
/// </summary>
internal static class JsonText
{
    /// <summary>Null when <paramref name="document"/> is valid UTF-8; otherwise where and what the first bad byte is.</summary>
    public static string? InvalidUtf8(ReadOnlySpan<byte> document)
    {
        if (Utf8.IsValid(document)) return null;
        int offset = 0;
        while (offset < document.Length)
        {
            if (Rune.DecodeFromUtf8(document[offset..], out _, out int consumed) != System.Buffers.OperationStatus.Done) break;
            offset += consumed;
        }
        return $"invalid UTF-8 (byte 0x{document[offset]:X2} at offset {offset})";
    }

    /// <summary>Whether <paramref name="document"/> holds a <c>\u</c> escape of a surrogate that has no partner.</summary>
    public static bool HasLoneSurrogate(ReadOnlySpan<byte> document) => ReplaceLoneSurrogates(document, Span<byte>.Empty);

    /// <summary>
    /// Copies <paramref name="document"/> to <paramref name="target"/> (same length; empty: only look) with every
    /// lone surrogate escape written as <c>\uFFFD</c>, which has the same length; returns whether there was one.
    /// </summary>
    public static bool ReplaceLoneSurrogates(ReadOnlySpan<byte> document, Span<byte> target)
    {
        bool copy = !target.IsEmpty;
        if (copy) document.CopyTo(target);
        bool found = false;
        int i = document.IndexOf((byte)'\\');
        while (i >= 0 && i < document.Length - 1)
        {
            if (document[i + 1] != (byte)'u' || !Hex(document, i + 2, out int unit))
            {
                i = Next(document, i + 2);
                continue;
            }
            if (unit is >= 0xD800 and <= 0xDBFF && i + 11 < document.Length && document[i + 6] == (byte)'\\' && document[i + 7] == (byte)'u'
                && Hex(document, i + 8, out int low) && low is >= 0xDC00 and <= 0xDFFF)
            {
                i = Next(document, i + 12); // a proper pair
                continue;
            }
            if (unit is >= 0xD800 and <= 0xDFFF)
            {
                found = true;
                if (!copy) return true;
                "\\uFFFD"u8.CopyTo(target[i..]);
            }
            i = Next(document, i + 6);
        }
        return found;
    }

    private static int Next(ReadOnlySpan<byte> document, int from)
    {
        if (from >= document.Length) return -1;
        int at = document[from..].IndexOf((byte)'\\');
        return at < 0 ? -1 : from + at;
    }

    private static bool Hex(ReadOnlySpan<byte> text, int start, out int value)
    {
        value = 0;
        if (start + 4 > text.Length) return false;
        for (int k = 0; k < 4; k++)
        {
            int d = HexDigit(text[start + k]);
            if (d < 0) return false;
            value = value * 16 + d;
        }
        return true;
    }

    private static int HexDigit(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
