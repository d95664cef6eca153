using System;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace RuleGen.Runtime.Pipeline;

public static partial class EsqlFunctions
{
    /// <summary>TO_BASE64(s): the UTF-8 bytes in standard base64 with padding.</summary>
    public static EsqlValue ToBase64(EsqlValue value) => Text(value, out string s) ? EsqlValue.Keyword(System.Convert.ToBase64String(Encoding.UTF8.GetBytes(s))) : EsqlValue.Null;

    /// <summary>
    /// FROM_BASE64(s): the decoded bytes as UTF-8 text. Java's basic decoder: only the base64 alphabet (no
    /// whitespace), padding optional; anything else gives NULL (warned). Bytes that are not UTF-8 become U+FFFD
    /// (Elasticsearch keeps the raw bytes).
    /// </summary>
    public static EsqlValue FromBase64(EsqlValue value)
    {
        if (!Text(value, out string s)) return EsqlValue.Null;
        int end = s.Length;
        int padding = 0;
        while (end > 0 && s[end - 1] == '=' && padding < 2) { end--; padding++; }
        for (int i = 0; i < end; i++)
        {
            char c = s[i];
            if (!(c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '+' or '/')) return EsqlValue.Null;
        }
        if (end % 4 == 1 || padding > 0 && (end + padding) % 4 != 0) return EsqlValue.Null;
        string padded = s.Substring(0, end) + new string('=', (4 - end % 4) % 4);
        try
        {
            return EsqlValue.Keyword(Encoding.UTF8.GetString(System.Convert.FromBase64String(padded)));
        }
        catch (FormatException)
        {
            return EsqlValue.Null;
        }
    }

    /// <summary>URL_ENCODE(s): every UTF-8 byte but ASCII letters, digits and . - _ ~ as %XX; a space as "+" (the reference's URL_ENCODE page).</summary>
    public static EsqlValue UrlEncode(EsqlValue value) => Text(value, out string s) ? EsqlValue.Keyword(PercentEncode(s, "+")) : EsqlValue.Null;

    /// <summary>URL_ENCODE_COMPONENT(s): as URL_ENCODE, a space as "%20".</summary>
    public static EsqlValue UrlEncodeComponent(EsqlValue value) => Text(value, out string s) ? EsqlValue.Keyword(PercentEncode(s, "%20")) : EsqlValue.Null;

    /// <summary>URL_DECODE(s): Java's URLDecoder (UTF-8): "+" is a space, %XX a byte; a malformed escape gives NULL (warned).</summary>
    public static EsqlValue UrlDecode(EsqlValue value)
    {
        if (!Text(value, out string s)) return EsqlValue.Null;
        var text = new StringBuilder(s.Length);
        var bytes = new System.Collections.Generic.List<byte>();
        for (int i = 0; i < s.Length;)
        {
            char c = s[i];
            if (c == '%')
            {
                bytes.Clear();
                while (i < s.Length && s[i] == '%')
                {
                    if (i + 2 >= s.Length || !IsHex(s[i + 1]) || !IsHex(s[i + 2])) return EsqlValue.Null;
                    bytes.Add((byte)(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2])));
                    i += 3;
                }
                text.Append(Encoding.UTF8.GetString(bytes.ToArray()));
                continue;
            }
            text.Append(c == '+' ? ' ' : c);
            i++;
        }
        return EsqlValue.Keyword(text.ToString());
    }

    public static EsqlValue Md5(EsqlValue value) => Text(value, out string s) ? EsqlValue.Keyword(Hex(MD5.HashData(Encoding.UTF8.GetBytes(s)))) : EsqlValue.Null;

    public static EsqlValue Sha1(EsqlValue value) => Text(value, out string s) ? EsqlValue.Keyword(Hex(SHA1.HashData(Encoding.UTF8.GetBytes(s)))) : EsqlValue.Null;

    public static EsqlValue Sha256(EsqlValue value) => Text(value, out string s) ? EsqlValue.Keyword(Hex(SHA256.HashData(Encoding.UTF8.GetBytes(s)))) : EsqlValue.Null;

    /// <summary>
    /// HASH(algorithm, s): the lowercase hex digest of s's UTF-8 bytes. Algorithm names as Java's MessageDigest
    /// takes them, case-insensitively: MD5, SHA-1 (SHA1, SHA), SHA-256, SHA-384, SHA-512, SHA3-256/384/512 where the
    /// platform has them. Another name gives NULL (Elasticsearch: a query error for a constant, a warning otherwise).
    /// </summary>
    public static EsqlValue Hash(EsqlValue algorithm, EsqlValue input)
    {
        if (!Text(algorithm, out string name) || !Text(input, out string s)) return EsqlValue.Null;
        byte[] data = Encoding.UTF8.GetBytes(s);
        byte[]? digest = name.ToUpperInvariant() switch
        {
            "MD5" => MD5.HashData(data),
            "SHA-1" or "SHA1" or "SHA" => SHA1.HashData(data),
            "SHA-256" or "SHA256" => SHA256.HashData(data),
            "SHA-384" or "SHA384" => SHA384.HashData(data),
            "SHA-512" or "SHA512" => SHA512.HashData(data),
            "SHA3-256" when SHA3_256.IsSupported => SHA3_256.HashData(data),
            "SHA3-384" when SHA3_384.IsSupported => SHA3_384.HashData(data),
            "SHA3-512" when SHA3_512.IsSupported => SHA3_512.HashData(data),
            _ => null,
        };
        return digest is null ? EsqlValue.Null : EsqlValue.Keyword(Hex(digest));
    }

    /// <summary>
    /// JSON_EXTRACT(json, path) (9.4, preview): the value at a JSONPath subset path — dots (a.b), brackets (['a.b'],
    /// ["a"], [0]), an optional $ root. A string comes unquoted, a number or boolean as its text, an object or array
    /// as its JSON text; JSON null, invalid JSON, a malformed path, a missing key, an index out of range or a step
    /// through a scalar give NULL (JsonExtract.java). The first of duplicate keys wins (a streaming parser's first match).
    /// </summary>
    public static EsqlValue JsonExtract(EsqlValue json, EsqlValue path)
    {
        if (!Text(json, out string document) || !Text(path, out string pathText)) return EsqlValue.Null;
        if (!JsonPathSubset.TryParse(pathText, out System.Collections.Generic.List<object> segments)) return EsqlValue.Null;
        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(document, new JsonDocumentOptions { MaxDepth = 1000 });
        }
        catch (JsonException)
        {
            return EsqlValue.Null;
        }
        using (parsed)
        {
            JsonElement current = parsed.RootElement;
            foreach (object segment in segments)
            {
                if (segment is string key && current.ValueKind == JsonValueKind.Object)
                {
                    bool found = false;
                    foreach (JsonProperty property in current.EnumerateObject())
                    {
                        if (property.NameEquals(key))
                        {
                            current = property.Value;
                            found = true;
                            break;
                        }
                    }
                    if (!found) return EsqlValue.Null;
                }
                else if (segment is int index && current.ValueKind == JsonValueKind.Array)
                {
                    if (index >= current.GetArrayLength()) return EsqlValue.Null;
                    current = current[index];
                }
                else
                {
                    return EsqlValue.Null;
                }
            }
            return current.ValueKind switch
            {
                JsonValueKind.String => EsqlValue.Keyword(current.GetString()),
                JsonValueKind.True => EsqlValue.Keyword("true"),
                JsonValueKind.False => EsqlValue.Keyword("false"),
                JsonValueKind.Null or JsonValueKind.Undefined => EsqlValue.Null,
                _ => EsqlValue.Keyword(current.GetRawText()),
            };
        }
    }

    private static string PercentEncode(string s, string space)
    {
        var text = new StringBuilder(s.Length + 8);
        foreach (byte b in Encoding.UTF8.GetBytes(s))
        {
            char c = (char)b;
            if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.' or '-' or '_' or '~') text.Append(c);
            else if (c == ' ') text.Append(space);
            else text.Append('%').Append("0123456789ABCDEF"[b >> 4]).Append("0123456789ABCDEF"[b & 15]);
        }
        return text.ToString();
    }

    private static bool IsHex(char c) => c is (>= '0' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F');

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    private static string Hex(byte[] bytes) => System.Convert.ToHexStringLower(bytes);
}

/// <summary>
/// JSON_EXTRACT's path: an optional "$", then keys by dot (a.b; a leading key needs no dot) or bracket (['k'],
/// ["k"], with \ escaping the quote or a backslash), and array indices ([0], spaces allowed inside the brackets).
/// Wildcards, "..", slices, filters and negative indices are refused. Segments: string keys, int indices.
/// </summary>
internal static class JsonPathSubset
{
    public static bool TryParse(string path, out System.Collections.Generic.List<object> segments)
    {
        segments = new System.Collections.Generic.List<object>();
        int i = 0;
        if (path.StartsWith('$')) i = 1;
        bool first = true;
        while (i < path.Length)
        {
            char c = path[i];
            if (c == '[')
            {
                i++;
                while (i < path.Length && path[i] == ' ') i++;
                if (i >= path.Length) return false;
                if (path[i] is '\'' or '"')
                {
                    char quote = path[i++];
                    var key = new StringBuilder();
                    while (i < path.Length && path[i] != quote)
                    {
                        if (path[i] == '\\' && i + 1 < path.Length) i++;
                        key.Append(path[i++]);
                    }
                    if (i >= path.Length) return false;
                    i++;
                    segments.Add(key.ToString());
                }
                else
                {
                    int start = i;
                    while (i < path.Length && path[i] >= '0' && path[i] <= '9') i++;
                    if (i == start || !int.TryParse(path.AsSpan(start, i - start), out int index)) return false;
                    segments.Add(index);
                }
                while (i < path.Length && path[i] == ' ') i++;
                if (i >= path.Length || path[i] != ']') return false;
                i++;
            }
            else
            {
                if (c == '.')
                {
                    if (first && i == 0) return false;
                    i++;
                }
                else if (!first || i != (path.StartsWith('$') ? 1 : 0))
                {
                    return false;
                }
                int start = i;
                while (i < path.Length && path[i] != '.' && path[i] != '[') i++;
                string name = path.Substring(start, i - start);
                if (name.Length == 0 || name == "*") return false;
                segments.Add(name);
            }
            first = false;
        }
        return true;
    }
}
