using System.IO;
using System.IO.Hashing;

namespace RuleGen.Runtime;

/// <summary>
/// Reads the rest of a gzip member header (RFC 1952, 2.3) after its two magic bytes, checking what can be checked:
/// the compression method, the reserved flag bits, and the header CRC when FHCRC is set. The optional fields
/// (FEXTRA, FNAME, FCOMMENT) are skipped byte by byte, never stored, so a header of any length takes no memory.
/// </summary>
internal static class GzipHeader
{
    private const byte FlagHeaderCrc = 0x02;
    private const byte FlagExtra = 0x04;
    private const byte FlagName = 0x08;
    private const byte FlagComment = 0x10;
    private const byte FlagReserved = 0xE0;

    /// <summary>Reads member <paramref name="member"/>'s header from CM on; throws <see cref="InputFaultException"/>.</summary>
    public static void ReadAfterMagic(DeflateFeed input, int member)
    {
        var crc = new Crc32();
        crc.Append([0x1F, 0x8B]);
        byte method = Next(input, member, crc);
        if (method != 8) throw new InputFaultException($"gzip member {member}: unknown compression method {method} (only 8, deflate, exists)");
        byte flags = Next(input, member, crc);
        // A reader must reject reserved bits (RFC 1952): they may mean fields it does not know how to skip.
        if ((flags & FlagReserved) != 0) throw new InputFaultException($"gzip member {member}: reserved header flags are set (damaged header)");
        for (int i = 0; i < 6; i++) Next(input, member, crc); // MTIME, XFL, OS: nothing to check
        if ((flags & FlagExtra) != 0)
        {
            int length = Next(input, member, crc) | (Next(input, member, crc) << 8);
            for (int i = 0; i < length; i++) Next(input, member, crc);
        }
        if ((flags & FlagName) != 0) SkipZeroTerminated(input, member, crc);
        if ((flags & FlagComment) != 0) SkipZeroTerminated(input, member, crc);
        if ((flags & FlagHeaderCrc) != 0)
        {
            // The stored value is the low 16 bits of the CRC-32 of every header byte before it.
            uint expected = crc.GetCurrentHashAsUInt32() & 0xFFFF;
            int stored = Next(input, member, null) | (Next(input, member, null) << 8);
            if (stored != expected) throw new InputFaultException($"gzip member {member}: header CRC mismatch (damaged header)");
        }
    }

    private static void SkipZeroTerminated(DeflateFeed input, int member, Crc32 crc)
    {
        while (Next(input, member, crc) != 0) { }
    }

    private static byte Next(DeflateFeed input, int member, Crc32? crc)
    {
        if (!input.TryReadByte(out byte b)) throw new InputFaultException($"gzip member {member} is truncated (the file ends inside its header)");
        crc?.Append([b]);
        return b;
    }
}
