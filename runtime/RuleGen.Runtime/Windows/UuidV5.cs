using System;
using System.Security.Cryptography;
using System.Text;

namespace RuleGen.Runtime.Windows;

/// <summary>RFC 4122 name-based UUID, version 5 (SHA-1), as the <c>uuid</c> package's <c>v5</c> that Kibana calls.</summary>
public static class UuidV5
{
    public static string Create(string name, Guid namespaceId)
    {
        byte[] ns = namespaceId.ToByteArray();
        // Guid stores its first three groups little-endian; the RFC hashes the namespace in network order.
        Array.Reverse(ns, 0, 4);
        Array.Reverse(ns, 4, 2);
        Array.Reverse(ns, 6, 2);
        byte[] nameBytes = Encoding.UTF8.GetBytes(name);
        byte[] input = new byte[ns.Length + nameBytes.Length];
        Buffer.BlockCopy(ns, 0, input, 0, ns.Length);
        Buffer.BlockCopy(nameBytes, 0, input, ns.Length, nameBytes.Length);
        byte[] hash = SHA1.HashData(input);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        var sb = new StringBuilder(36);
        for (int i = 0; i < 16; i++)
        {
            if (i is 4 or 6 or 8 or 10) sb.Append('-');
            sb.Append(hash[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }
}
