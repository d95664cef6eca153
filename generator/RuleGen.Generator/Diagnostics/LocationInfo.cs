using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace RuleGen.Generator.Diagnostics
{
    /// <summary>
    /// A place in a rule file, as plain values. Pipeline models hold this instead of a Roslyn <see cref="Location"/>,
    /// which would pin the compilation and defeat caching.
    /// </summary>
    internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
    {
        public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

        /// <summary>The top of a file: where a problem found without a position (after the models dropped them) is reported.</summary>
        public static LocationInfo FileStart(string filePath) => new(filePath, default, default);

        /// <summary>Line and column as people count them (1-based).</summary>
        public override string ToString() =>
            $"{FilePath}({LineSpan.Start.Line + 1},{LineSpan.Start.Character + 1})";
    }
}
