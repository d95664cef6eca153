using System;
using System.Text;

namespace RuleGen.Runtime;

/// <summary>
/// Case folding for case-insensitive leaves: .NET's ordinal ignore-case, i.e. each UTF-16 unit mapped to its
/// invariant upper case, one unit at a time ("straße" does not equal "STRASSE", as in Lucene's per-code-point
/// case-insensitive matching). ASCII text folds in place without decoding. Per-thread buffers: no allocation once warm.
/// </summary>
internal static class CaseFold
{
    [ThreadStatic] private static byte[]? t_first;
    [ThreadStatic] private static byte[]? t_second;

    /// <summary>The folded form of a string known at build time (a pattern, a literal set member).</summary>
    public static string Fold(string text) => text.ToUpperInvariant();

    /// <summary>
    /// <paramref name="text"/> folded, in a per-thread buffer valid until the next call with the same
    /// <paramref name="second"/> flag (two buffers, so two values can be folded at once).
    /// </summary>
    public static ReadOnlySpan<byte> Fold(ReadOnlySpan<byte> text, bool second = false)
    {
        ref byte[]? buffer = ref second ? ref t_second : ref t_first;
        if (Ascii.IsValid(text))
        {
            Span<byte> target = Reserve(ref buffer, text.Length);
            Ascii.ToUpper(text, target, out int written);
            return target.Slice(0, written);
        }
        // Decoded, upper-cased and encoded in per-thread buffers (as string.ToUpperInvariant maps, unit by unit):
        // a keyword search folds every value of an event, names of places and people included.
        ref char[]? chars = ref second ? ref t_secondChars : ref t_firstChars;
        if (chars is null || chars.Length < text.Length * 2) chars = new char[Math.Max(256, text.Length * 2)];
        int decoded = Encoding.UTF8.GetChars(text, chars);
        Span<char> upper = chars.AsSpan(text.Length, decoded);
        ((ReadOnlySpan<char>)chars.AsSpan(0, decoded)).ToUpperInvariant(upper);
        Span<byte> output = Reserve(ref buffer, Encoding.UTF8.GetByteCount(upper));
        int count = Encoding.UTF8.GetBytes(upper, output);
        return output.Slice(0, count);
    }

    [ThreadStatic] private static char[]? t_firstChars;
    [ThreadStatic] private static char[]? t_secondChars;

    public static bool Equal(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        if (Ascii.IsValid(left) && Ascii.IsValid(right)) return Ascii.EqualsIgnoreCase(left, right);
        return Fold(left).SequenceEqual(Fold(right, second: true));
    }

    private static Span<byte> Reserve(ref byte[]? buffer, int length)
    {
        if (buffer is null || buffer.Length < length) buffer = new byte[Math.Max(256, length * 2)];
        return buffer.AsSpan(0, length);
    }
}
