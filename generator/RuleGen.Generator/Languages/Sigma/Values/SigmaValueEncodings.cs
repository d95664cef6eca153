using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace RuleGen.Generator.Languages.Sigma.Values
{
    /// <summary>
    /// Sigma's value-transforming modifiers (appendix "String Modifiers", "Encoding"), applied at build time in the
    /// order the chain names them, as pySigma's sigma/modifiers.py applies them: one value becomes one or more
    /// patterns (an OR). Wildcards stay wildcards through <c>windash</c> and the UTF-16 encodings; base64 of a value
    /// with wildcards is an error (pySigma: "Base64 encoding of strings with wildcards is not allowed").
    /// <list type="bullet">
    /// <item><c>windash</c>: every <c>-</c> or <c>/</c> at the start of a word (pySigma's regex <c>\B[-/]\b</c>, so
    ///   <c>-param-name</c> varies its first dash only) becomes each of <c>-</c>, <c>/</c>, en dash, em dash and
    ///   horizontal bar, in all combinations;</item>
    /// <item><c>utf16le</c>/<c>wide</c>, <c>utf16be</c>: each character as its two UTF-16 bytes (a NUL after or before
    ///   it), ASCII only as in pySigma; <c>utf16</c>: a byte order mark, then little-endian; before <c>base64</c> the
    ///   mark is the bytes FF FE;</item>
    /// <item><c>base64</c>: the value's bytes (UTF-8, or the UTF-16 bytes made before) in standard Base64, padded;</item>
    /// <item><c>base64offset</c>: the three encodings of the bytes shifted by zero, one and two bytes, with the
    ///   characters the shift or the unknown neighbours change cut off (pySigma's start offsets 0, 2, 3 and end
    ///   offsets none, -3, -2 chosen by (length + shift) mod 3), so each is found inside a longer Base64 text.</item>
    /// </list>
    /// </summary>
    internal static class SigmaValueEncodings
    {
        /// <summary>The most patterns one value may expand into (windash multiplies by five per dash).</summary>
        public const int MaxExpansions = 3125;

        public sealed class EncodingException : Exception
        {
            public EncodingException(string message) : base(message)
            {
            }
        }

        /// <summary>A piece of a value: literal text, or one wildcard (<c>*</c> or <c>?</c>).</summary>
        private readonly struct Part
        {
            public Part(string text, bool wildcard)
            {
                Text = text;
                IsWildcard = wildcard;
            }

            public string Text { get; }

            public bool IsWildcard { get; }
        }

        /// <summary>Whether the chain transforms values (then <see cref="Expand"/> gives more than the plain pattern).</summary>
        public static bool Transforms(IEnumerable<SigmaModifier> chain) => chain.Any(m => SigmaModifiers.IsEncoding(m) || m == SigmaModifier.Windash);

        /// <summary>The value's canonical patterns (docs/architecture.md syntax) after the chain's transformations.</summary>
        public static IReadOnlyList<string> Expand(string sigma, IReadOnlyList<SigmaModifier> chain)
        {
            var values = new List<List<Part>> { Parse(sigma) };
            bool utf16Bom = false;
            foreach (SigmaModifier modifier in chain)
            {
                switch (modifier)
                {
                    case SigmaModifier.Windash:
                        values = values.SelectMany(Windash).ToList();
                        break;
                    case SigmaModifier.Utf16Le:
                    case SigmaModifier.Wide:
                        values = values.Select(v => Utf16(v, bigEndian: false, ModifierName(modifier))).ToList();
                        break;
                    case SigmaModifier.Utf16Be:
                        values = values.Select(v => Utf16(v, bigEndian: true, "utf16be")).ToList();
                        break;
                    case SigmaModifier.Utf16:
                        values = values.Select(v => new[] { new Part("\uFEFF", false) }.Concat(Utf16(v, bigEndian: false, "utf16")).ToList()).ToList();
                        utf16Bom = true;
                        break;
                    case SigmaModifier.Base64:
                        values = values.Select(v => Literal(Convert.ToBase64String(Bytes(v, utf16Bom)))).ToList();
                        break;
                    case SigmaModifier.Base64Offset:
                        values = values.SelectMany(v => Base64Offsets(Bytes(v, utf16Bom)).Select(Literal)).ToList();
                        break;
                }
                if (values.Count > MaxExpansions) throw new EncodingException($"the value expands into more than {MaxExpansions} patterns");
            }
            return values.Select(Canonical).Distinct(StringComparer.Ordinal).ToList();
        }

        /// <summary>True when a canonical pattern has an unescaped <c>*</c> or <c>?</c>.</summary>
        public static bool HasWildcards(string canonical)
        {
            for (int i = 0; i < canonical.Length; i++)
            {
                if (canonical[i] == '\\') i++;
                else if (canonical[i] is '*' or '?') return true;
            }
            return false;
        }

        private static string ModifierName(SigmaModifier m) => SigmaModifierChain.Name(m);

        /// <summary>Sigma's escapes (spec "Escape Character"): <c>\*</c>, <c>\?</c>, <c>\\</c> are literal; any other backslash is itself.</summary>
        private static List<Part> Parse(string sigma)
        {
            var parts = new List<Part>();
            var text = new StringBuilder();
            for (int i = 0; i < sigma.Length; i++)
            {
                char c = sigma[i];
                if (c == '\\' && i + 1 < sigma.Length && sigma[i + 1] is '*' or '?' or '\\')
                {
                    text.Append(sigma[++i]);
                }
                else if (c is '*' or '?')
                {
                    if (text.Length > 0) parts.Add(new Part(text.ToString(), false));
                    text.Clear();
                    parts.Add(new Part(c.ToString(), true));
                }
                else
                {
                    text.Append(c);
                }
            }
            if (text.Length > 0) parts.Add(new Part(text.ToString(), false));
            return parts;
        }

        private static List<Part> Literal(string text) => new() { new Part(text, false) };

        private static string Canonical(List<Part> parts)
        {
            var result = new StringBuilder();
            foreach (Part part in parts)
            {
                if (part.IsWildcard)
                {
                    result.Append(part.Text);
                    continue;
                }
                foreach (char c in part.Text)
                {
                    if (c is '*' or '?' or '\\') result.Append('\\');
                    result.Append(c);
                }
            }
            return result.ToString();
        }

        private static readonly Regex WindashPlace = new(@"\B[-/]\b", RegexOptions.CultureInvariant);

        private static readonly string[] Dashes = { "-", "/", "\u2013", "\u2014", "\u2015" };

        private static IEnumerable<List<Part>> Windash(List<Part> value)
        {
            IEnumerable<List<Part>> results = new[] { new List<Part>() };
            foreach (Part part in value)
            {
                IReadOnlyList<string> variants = part.IsWildcard ? new[] { part.Text } : WindashVariants(part.Text);
                results = results.SelectMany(r => variants.Select(v => new List<Part>(r) { new Part(v, part.IsWildcard) })).ToList();
                if (results.Count() > MaxExpansions) throw new EncodingException($"the value expands into more than {MaxExpansions} patterns");
            }
            return results;
        }

        private static IReadOnlyList<string> WindashVariants(string text)
        {
            var results = new List<string> { "" };
            int last = 0;
            foreach (Match match in WindashPlace.Matches(text))
            {
                string between = text.Substring(last, match.Index - last);
                results = results.SelectMany(r => Dashes.Select(d => r + between + d)).ToList();
                if (results.Count > MaxExpansions) throw new EncodingException($"the value expands into more than {MaxExpansions} patterns");
                last = match.Index + 1;
            }
            string tail = text.Substring(last);
            return results.Select(r => r + tail).ToList();
        }

        private static List<Part> Utf16(List<Part> value, bool bigEndian, string modifier)
        {
            var result = new List<Part>(value.Count);
            foreach (Part part in value)
            {
                if (part.IsWildcard || part.Text == "\uFEFF")
                {
                    result.Add(part);
                    continue;
                }
                var text = new StringBuilder(part.Text.Length * 2);
                foreach (char c in part.Text)
                {
                    if (c > 0x7F) throw new EncodingException($"'{modifier}' applies to ASCII text only (as pySigma), and the value has '{c}'");
                    if (bigEndian) text.Append('\0').Append(c);
                    else text.Append(c).Append('\0');
                }
                result.Add(new Part(text.ToString(), false));
            }
            return result;
        }

        /// <summary>The bytes base64 encodes: the text's UTF-8 (UTF-16 encodings made only bytes below 0x80), the BOM as FF FE.</summary>
        private static byte[] Bytes(List<Part> value, bool utf16Bom)
        {
            if (value.Any(p => p.IsWildcard)) throw new EncodingException("Base64 encoding of a value with wildcards is not allowed (pySigma); use contains around the encoded value");
            string text = string.Concat(value.Select(p => p.Text));
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            if (utf16Bom && text.StartsWith("\uFEFF", StringComparison.Ordinal))
            {
                bytes = new byte[] { 0xFF, 0xFE }.Concat(bytes.Skip(3)).ToArray();
            }
            return bytes;
        }

        private static readonly int[] StartOffsets = { 0, 2, 3 };

        private static readonly int[] EndOffsets = { 0, -3, -2 };

        private static IEnumerable<string> Base64Offsets(byte[] data)
        {
            for (int shift = 0; shift < 3; shift++)
            {
                byte[] shifted = new byte[shift + data.Length];
                for (int k = 0; k < shift; k++) shifted[k] = (byte)' ';
                Array.Copy(data, 0, shifted, shift, data.Length);
                string encoded = Convert.ToBase64String(shifted);
                int start = StartOffsets[shift];
                int end = encoded.Length + EndOffsets[(data.Length + shift) % 3];
                // pySigma's slice would be empty for a one-byte value: a pattern that matches everything, so refuse.
                if (end <= start) throw new EncodingException("the value is too short for 'base64offset' (one of its encodings would be empty and match anything)");
                yield return encoded.Substring(start, end - start);
            }
        }
    }
}
