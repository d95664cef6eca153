using System;
using System.Globalization;

namespace RuleGen.Cli;

/// <summary>
/// Sizes as a user types them (<c>--max-event-size</c>): a number of bytes with an optional unit, in GNU
/// coreutils' convention: K, M, G and KiB, MiB, GiB are powers of 1024; KB, MB, GB are powers of 1000; B is bytes.
/// Units are case-insensitive.
/// </summary>
internal static class ByteSize
{
    private static readonly (string Unit, long Factor)[] Units =
    {
        ("KIB", 1L << 10), ("MIB", 1L << 20), ("GIB", 1L << 30),
        ("KB", 1_000), ("MB", 1_000_000), ("GB", 1_000_000_000),
        ("K", 1L << 10), ("M", 1L << 20), ("G", 1L << 30),
        ("B", 1),
    };

    public static bool TryParse(string text, out long bytes)
    {
        bytes = 0;
        ReadOnlySpan<char> s = text.AsSpan().Trim();
        int digits = 0;
        while (digits < s.Length && char.IsAsciiDigit(s[digits])) digits++;
        if (digits == 0 || !long.TryParse(s[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out long number)) return false;
        ReadOnlySpan<char> unit = s[digits..].TrimStart();
        long factor = unit.IsEmpty ? 1 : 0;
        foreach ((string name, long value) in Units)
        {
            if (unit.Equals(name, StringComparison.OrdinalIgnoreCase)) factor = value;
        }
        if (factor == 0) return false;
        if (number > long.MaxValue / factor) return false;
        bytes = number * factor;
        return true;
    }
}
