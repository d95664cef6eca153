using System;

namespace RuleGen.Runtime;

/// <summary>
/// Line ends as text editors count them: LF, CRLF and a lone CR each end one line, so files from any platform
/// (old Mac exports included) number their lines the same way.
/// </summary>
internal static class LineEnds
{
    /// <summary>Lines ended inside <paramref name="text"/>. A CR at its very end counts as one line end: pass a
    /// CRLF pair whole (the readers never cut between CR and LF).</summary>
    public static long Count(ReadOnlySpan<byte> text) =>
        text.Count((byte)'\n') + text.Count((byte)'\r') - text.Count("\r\n"u8);

    /// <summary>
    /// The next line end at or after the start of <paramref name="text"/>: its index and its length (1 for LF or a
    /// lone CR, 2 for CRLF), or -1 when there is none. A CR at the very end is ambiguous until the next byte is
    /// known: <paramref name="final"/> says whether more bytes can follow; if they can, -1 is returned.
    /// </summary>
    public static int Next(ReadOnlySpan<byte> text, bool final, out int length)
    {
        length = 0;
        int at = text.IndexOfAny((byte)'\n', (byte)'\r');
        if (at < 0) return -1;
        if (text[at] == (byte)'\n')
        {
            length = 1;
            return at;
        }
        if (at + 1 < text.Length)
        {
            length = text[at + 1] == (byte)'\n' ? 2 : 1;
            return at;
        }
        if (!final) return -1;
        length = 1;
        return at;
    }

    /// <summary>The end (exclusive, after its terminator) of the last whole line in <paramref name="text"/>, or -1.</summary>
    public static int LastEnd(ReadOnlySpan<byte> text, bool final)
    {
        int at = text.LastIndexOfAny((byte)'\n', (byte)'\r');
        if (at < 0) return -1;
        if (text[at] == (byte)'\n') return at + 1;
        // A CR: whole when something follows it (then it is lone); at the very end only if no LF can follow.
        if (at + 1 < text.Length || final) return at + 1;
        // The CR may be the first half of a CRLF: cut before it.
        int before = text[..at].LastIndexOfAny((byte)'\n', (byte)'\r');
        return before < 0 ? -1 : before + 1;
    }
}
