using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace RuleGen.Generator.Languages.Kql
{
    /// <summary>
    /// A KQL value (always text: Kibana's grammar makes every unquoted value a string but null, true and false)
    /// as a number field reads it: Elasticsearch parses it as Java's Double.parseDouble does for the decimal-part
    /// check and as a long or double for the term (NumberFieldMapper). RuleGen takes the plain decimal forms
    /// (sign, digits, fraction, exponent); hexadecimal floats, "Infinity" and suffixes such as "1f" are refused.
    /// </summary>
    internal static class KqlNumbers
    {
        private static readonly Regex Decimal = new(@"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$", RegexOptions.CultureInvariant);

        public static bool TryParse(string text, out double number)
        {
            number = 0;
            return Decimal.IsMatch(text)
                && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number)
                && !double.IsInfinity(number);
        }

        /// <summary>Whether an integral value fits the integer type (out of range: the term query matches nothing).</summary>
        public static bool InRange(string type, double value) => type switch
        {
            "byte" => value >= sbyte.MinValue && value <= sbyte.MaxValue,
            "short" => value >= short.MinValue && value <= short.MaxValue,
            "integer" => value >= int.MinValue && value <= int.MaxValue,
            "unsigned_long" => value >= 0 && value < 18446744073709551616.0,
            _ => value >= -9223372036854775808.0 && value < 9223372036854775808.0,
        };

        /// <summary>An integral value as digits, exactly when the text has at most 28 significant digits.</summary>
        public static string Integer(string text, double value) =>
            decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal exact)
                ? decimal.Truncate(exact).ToString(CultureInfo.InvariantCulture)
                : value.ToString("R", CultureInfo.InvariantCulture);

        /// <summary>A value as the runtime reads numbers (round-trip text).</summary>
        public static string Canonical(double value) => value.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A KQL value as an ip field's term query reads it (IpFieldMapper: an address, or a CIDR block when it holds a
    /// '/'), strictly as Elasticsearch's InetAddresses.forString does: IPv4 as four decimal octets without leading
    /// zeros, IPv6 in its text forms, no zone index.
    /// </summary>
    internal static class KqlIps
    {
        /// <summary>The block to match, IPv4-mapped IPv6 written as IPv4 (Elasticsearch stores both alike); null if invalid.</summary>
        public static string? Block(string text)
        {
            int slash = text.IndexOf('/');
            string address = slash < 0 ? text : text.Substring(0, slash);
            IPAddress? ip = Parse(address);
            if (ip is null) return null;
            int max = ip.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32;
            int prefix = max;
            if (slash >= 0)
            {
                string bits = text.Substring(slash + 1);
                if (bits.Length == 0 || bits.Length > 3 || !int.TryParse(bits, NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > max) return null;
            }
            if (ip.AddressFamily == AddressFamily.InterNetworkV6 && IsIpv4Mapped(ip) && prefix >= 96)
            {
                byte[] bytes = ip.GetAddressBytes();
                ip = new IPAddress(new[] { bytes[12], bytes[13], bytes[14], bytes[15] });
                prefix -= 96;
            }
            return ip + "/" + prefix.ToString(CultureInfo.InvariantCulture);
        }

        private static bool IsIpv4Mapped(IPAddress ip)
        {
            byte[] b = ip.GetAddressBytes();
            for (int i = 0; i < 10; i++)
            {
                if (b[i] != 0) return false;
            }
            return b[10] == 0xFF && b[11] == 0xFF;
        }

        private static IPAddress? Parse(string text)
        {
            if (text.IndexOf(':') >= 0)
            {
                if (text.IndexOf('%') >= 0 || text.IndexOf('[') >= 0) return null;
                return IPAddress.TryParse(text, out IPAddress? v6) && v6.AddressFamily == AddressFamily.InterNetworkV6 ? v6 : null;
            }
            string[] octets = text.Split('.');
            if (octets.Length != 4) return null;
            var bytes = new byte[4];
            for (int i = 0; i < 4; i++)
            {
                string o = octets[i];
                if (o.Length == 0 || o.Length > 3 || (o.Length > 1 && o[0] == '0')) return null;
                foreach (char c in o)
                {
                    if (c < '0' || c > '9') return null;
                }
                int value = int.Parse(o, CultureInfo.InvariantCulture);
                if (value > 255) return null;
                bytes[i] = (byte)value;
            }
            return new IPAddress(bytes);
        }
    }
}
