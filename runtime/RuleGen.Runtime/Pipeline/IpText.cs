using System;
using System.Net;
using System.Net.Sockets;

namespace RuleGen.Runtime.Pipeline;

/// <summary>
/// IP addresses as ES|QL's <c>ip</c> type holds them: any IPv4 or IPv6 text parses, and the value is kept in one
/// canonical text (IPv4 dotted; IPv6 as .NET writes it, RFC 5952; an IPv4-mapped IPv6 address as its IPv4 form,
/// as Elasticsearch's InetAddresses does), so equal addresses are equal. The order is Elasticsearch's: the 16-byte
/// IPv6 form of each address, byte by byte.
/// </summary>
public static class IpText
{
    public static bool TryCanonical(string text, out string canonical)
    {
        canonical = string.Empty;
        if (!TryParse(text, out IPAddress? address)) return false;
        canonical = address!.ToString();
        return true;
    }

    /// <summary>An address written as IPv4 (four dotted decimals) or IPv6; no zone ids, no short IPv4 forms ("1.2").</summary>
    public static bool TryParse(string text, out IPAddress? address)
    {
        address = null;
        if (text.Length == 0 || text.IndexOf('%') >= 0) return false;
        bool v6 = text.IndexOf(':') >= 0;
        if (!v6 && CountDots(text) != 3) return false;
        if (!IPAddress.TryParse(text, out IPAddress? parsed)) return false;
        if (parsed.AddressFamily == AddressFamily.InterNetworkV6 && parsed.IsIPv4MappedToIPv6) parsed = parsed.MapToIPv4();
        address = parsed;
        return true;
    }

    public static byte[] Bytes16(IPAddress address) =>
        (address.AddressFamily == AddressFamily.InterNetwork ? address.MapToIPv6() : address).GetAddressBytes();

    public static int Compare(string a, string b)
    {
        if (!TryParse(a, out IPAddress? x) || !TryParse(b, out IPAddress? y)) return string.CompareOrdinal(a, b);
        return Bytes16(x!).AsSpan().SequenceCompareTo(Bytes16(y!));
    }

    private static int CountDots(string text)
    {
        int dots = 0;
        foreach (char c in text) if (c == '.') dots++;
        return dots;
    }
}

/// <summary>Strings in the order of their UTF-8 bytes (Lucene's BytesRef order, ES|QL's keyword order), without encoding them.</summary>
public static class Utf8Order
{
    /// <summary>UTF-16 code-unit order differs from UTF-8 byte order only for surrogates against U+E000–U+FFFF: fixed up here.</summary>
    public static int Compare(string a, string b)
    {
        int n = Math.Min(a.Length, b.Length);
        for (int i = 0; i < n; i++)
        {
            char x = a[i], y = b[i];
            if (x == y) continue;
            return Fix(x).CompareTo(Fix(y));
        }
        return a.Length.CompareTo(b.Length);
    }

    // Surrogates (U+D800–U+DFFF) encode code points above U+FFFF, which sort after every BMP character in UTF-8.
    private static int Fix(char c) => c >= '\uD800' && c <= '\uDFFF' ? c + 0x2000 : c >= '\uE000' ? c - 0x800 : c;

    public static readonly System.Collections.Generic.IComparer<string> Comparer = System.Collections.Generic.Comparer<string>.Create(Compare);
}

/// <summary>
/// Versions as Elasticsearch's version field orders them (semantic versioning): the dotted numeric parts by number,
/// a release after its pre-releases (1.0.0-beta &lt; 1.0.0), pre-release parts numeric before alphanumeric; text that
/// is not a version sorts after every version, by its bytes.
/// </summary>
public static class VersionOrder
{
    public static int Compare(string a, string b)
    {
        Split(a, out string[] mainA, out string? preA);
        Split(b, out string[] mainB, out string? preB);
        int n = Math.Max(mainA.Length, mainB.Length);
        for (int i = 0; i < n; i++)
        {
            string x = i < mainA.Length ? mainA[i] : "0", y = i < mainB.Length ? mainB[i] : "0";
            int c = Part(x, y);
            if (c != 0) return c;
        }
        if (preA is null || preB is null) return preA is null ? (preB is null ? 0 : 1) : -1;
        string[] pa = preA.Split('.'), pb = preB.Split('.');
        for (int i = 0; i < Math.Min(pa.Length, pb.Length); i++)
        {
            int c = Part(pa[i], pb[i]);
            if (c != 0) return c;
        }
        return pa.Length.CompareTo(pb.Length);
    }

    private static void Split(string version, out string[] main, out string? pre)
    {
        int plus = version.IndexOf('+');
        if (plus >= 0) version = version.Substring(0, plus);
        int dash = version.IndexOf('-');
        pre = dash >= 0 ? version.Substring(dash + 1) : null;
        main = (dash >= 0 ? version.Substring(0, dash) : version).Split('.');
    }

    private static int Part(string x, string y)
    {
        bool nx = long.TryParse(x, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long a);
        bool ny = long.TryParse(y, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long b);
        if (nx && ny) return a.CompareTo(b);
        if (nx != ny) return nx ? -1 : 1;
        return string.CompareOrdinal(x, y);
    }
}
