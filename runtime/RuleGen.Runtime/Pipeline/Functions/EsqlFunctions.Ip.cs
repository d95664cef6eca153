using System;
using System.Globalization;
using System.Net;

namespace RuleGen.Runtime.Pipeline;

public static partial class EsqlFunctions
{
    /// <summary>
    /// CIDR_MATCH(ip, block1, block2, …): whether the address is in any block ("addr/len"). Compared in the 16-byte
    /// IPv6 form Elasticsearch uses (an IPv4 block is its IPv4-mapped ::ffff:a.b.c.d/96+len), so an IPv4 address
    /// matches ::ffff:0:0/96. NULL or multivalued address or block: NULL; a block that is not a CIDR: NULL
    /// (CIDRUtils throws, the evaluator warns).
    /// </summary>
    public static EsqlValue CidrMatch(EsqlValue[] args)
    {
        if (args.Length < 2 || !args[0].IsSingle || !IpText.TryParse(args[0].AsString, out IPAddress? address)) return EsqlValue.Null;
        byte[] ip = IpText.Bytes16(address!);
        bool match = false;
        for (int i = 1; i < args.Length; i++)
        {
            if (!Text(args[i], out string block) || !TryCidr(block, out byte[] network, out int bits)) return EsqlValue.Null;
            match |= InPrefix(ip, network, bits);
        }
        return EsqlValue.Boolean(match);
    }

    /// <summary>
    /// IP_PREFIX(ip, v4_length, v6_length): the address with all but its first bits zeroed (v4_length for an IPv4
    /// address, 0–32; v6_length for IPv6, 0–128). A length out of range gives NULL (IpPrefix.java throws, warned).
    /// </summary>
    public static EsqlValue IpPrefix(EsqlValue ip, EsqlValue v4Length, EsqlValue v6Length)
    {
        if (!ip.IsSingle || !v4Length.IsSingle || !v6Length.IsSingle) return EsqlValue.Null;
        long v4 = v4Length.AsLong, v6 = v6Length.AsLong;
        if (v4 is < 0 or > 32 || v6 is < 0 or > 128 || !IpText.TryParse(ip.AsString, out IPAddress? address)) return EsqlValue.Null;
        byte[] bytes = address!.GetAddressBytes();
        int keep = bytes.Length == 4 ? (int)v4 : (int)v6;
        for (int bit = keep; bit < bytes.Length * 8; bit++) bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        return EsqlValue.Ip(new IPAddress(bytes).ToString());
    }

    private static bool TryCidr(string block, out byte[] network, out int bits)
    {
        network = Array.Empty<byte>();
        bits = 0;
        // A block without "/" is one address (Elasticsearch's CIDRUtils.isInRange: lower = upper = the address).
        int slash = block.IndexOf('/');
        if (slash < 0)
        {
            if (!IpText.TryParse(block, out IPAddress? single)) return false;
            bool singleV4 = single!.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork;
            network = (singleV4 ? single.MapToIPv6() : single).GetAddressBytes();
            bits = 128;
            return true;
        }
        if (!int.TryParse(block.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int length)) return false;
        if (!IPAddress.TryParse(block.AsSpan(0, slash), out IPAddress? address) || block.IndexOf('%') >= 0) return false;
        bool v4 = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork;
        if (v4 && (block.AsSpan(0, slash).Count('.') != 3 || length > 32) || !v4 && length > 128) return false;
        network = (v4 ? address.MapToIPv6() : address).GetAddressBytes();
        bits = v4 ? length + 96 : length;
        return true;
    }

    private static bool InPrefix(byte[] ip, byte[] network, int bits)
    {
        for (int bit = 0; bit < bits; bit++)
        {
            int mask = 0x80 >> (bit % 8);
            if ((ip[bit / 8] & mask) != (network[bit / 8] & mask)) return false;
        }
        return true;
    }
}
