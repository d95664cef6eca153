using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;

namespace RuleGen.Generator.Emitting
{
    /// <summary>C# spelling helpers shared by the emitters.</summary>
    internal static class CSharp
    {
        public const string Runtime = "global::RuleGen.Runtime";

        public static string String(string? value) =>
            value is null ? "null" : SymbolDisplay.FormatLiteral(value, quote: true);

        /// <summary>
        /// A UTF-8 literal: <c>"…"u8</c>, or, for text that is not valid UTF-16 (a lone surrogate a query escaped in),
        /// the bytes that the runtime writes for it (U+FFFD, as the scanner reads such an escape), so the generated code
        /// always compiles.
        /// </summary>
        public static string Utf8(string value)
        {
            if (IsValidUtf16(value)) return String(value) + "u8";
            byte[] bytes = new System.Text.UTF8Encoding(false, false).GetBytes(value);
            // Cast straight to a span: Roslyn then reads the constant bytes from the assembly, nothing is allocated per event.
            return "((global::System.ReadOnlySpan<byte>)new byte[] { " + string.Join(", ", bytes.Select(b => "0x" + b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture))) + " })";
        }

        private static bool IsValidUtf16(string value)
        {
            for (int i = 0; i < value.Length; i++)
            {
                if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) i++;
                else if (char.IsSurrogate(value[i])) return false;
            }
            return true;
        }

        public static string StringArray(IEnumerable<string> values)
        {
            string[] items = values.Select(String).ToArray();
            return items.Length == 0 ? "global::System.Array.Empty<string>()" : "new string[] { " + string.Join(", ", items) + " }";
        }
    }
}
