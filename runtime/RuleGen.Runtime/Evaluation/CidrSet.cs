using System;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RuleGen.Runtime;

/// <summary>The CIDR blocks of a CIDR_MATCH call, parsed once.</summary>
public sealed class CidrSet
{
    private readonly (byte[] Network, int PrefixBits)[] _blocks;

    public CidrSet(params string[] blocks)
    {
        _blocks = new (byte[], int)[blocks.Length];
        for (int i = 0; i < blocks.Length; i++)
        {
            string block = blocks[i];
            int slash = block.IndexOf('/');
            IPAddress address = IPAddress.Parse(slash < 0 ? block : block[..slash]);
            byte[] bytes = address.GetAddressBytes();
            int bits = slash < 0 ? bytes.Length * 8 : int.Parse(block[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            _blocks[i] = (bytes, bits);
        }
    }

    /// <summary>False when <paramref name="text"/> is not an IP address; otherwise whether any block contains it.</summary>
    public bool TryMatch(ReadOnlySpan<byte> text, out bool match)
    {
        match = false;
        Span<char> chars = stackalloc char[64];
        if (text.Length > chars.Length) return false;
        int count = Encoding.UTF8.GetChars(text, chars);
        // IPAddress.TryParse also takes "1" or "10.1" (legacy inet_aton forms); an ip field never holds those.
        if (chars[..count].IndexOf(':') < 0 && chars[..count].Count('.') != 3) return false;
        if (!IPAddress.TryParse(chars[..count], out IPAddress? address)) return false;
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out int length);
        bytes = bytes[..length];
        foreach ((byte[] network, int prefixBits) in _blocks)
        {
            if (network.Length == length && InBlock(bytes, network, prefixBits))
            {
                match = true;
                return true;
            }
        }
        return true;
    }

    private static bool InBlock(ReadOnlySpan<byte> address, ReadOnlySpan<byte> network, int prefixBits)
    {
        int fullBytes = prefixBits / 8;
        if (!address[..fullBytes].SequenceEqual(network[..fullBytes])) return false;
        int remaining = prefixBits % 8;
        if (remaining == 0) return true;
        int mask = 0xFF << (8 - remaining) & 0xFF;
        return (address[fullBytes] & mask) == (network[fullBytes] & mask);
    }
}
