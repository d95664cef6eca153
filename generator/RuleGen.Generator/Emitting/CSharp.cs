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

        public static string Utf8(string value) => String(value) + "u8";

        public static string StringArray(IEnumerable<string> values)
        {
            string[] items = values.Select(String).ToArray();
            return items.Length == 0 ? "global::System.Array.Empty<string>()" : "new string[] { " + string.Join(", ", items) + " }";
        }
    }
}
