using System;
using System.Collections.Generic;
using RuleGen.Generator.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RuleGen.Generator.Parsing
{
    /// <summary>
    /// Maps an offset inside a YAML scalar's value (a query, a pattern) back to the file's line and column, so an
    /// ES|QL error points at the offending token in the .yml file, not at the start of the query.
    /// </summary>
    internal sealed class ScalarPositions
    {
        /// <summary>How many file lines ahead a value line is looked for.</summary>
        private const int SearchWindow = 64;

        private readonly SourceLines _lines;
        private readonly List<int> _valueLineStarts = new();
        private readonly List<(int Line, int Character)> _origins = new();

        private readonly LocationInfo? _fixed;
        private readonly ScalarPositions? _outer;
        private readonly int _shift;

        private ScalarPositions(ScalarPositions outer, int shift)
        {
            _lines = null!;
            _outer = outer;
            _shift = shift;
        }

        /// <summary>Positions for text that starts <paramref name="shift"/> characters into this value (a query inside a string literal: KQL() in ES|QL).</summary>
        public ScalarPositions Shifted(int shift) => new(this, shift);

        private ScalarPositions(LocationInfo location)
        {
            _lines = null!;
            _fixed = location;
        }

        /// <summary>
        /// Positions for text that is not in the file as written (a Kibana filter turned into a query): every offset
        /// is the one place the text came from.
        /// </summary>
        public static ScalarPositions Fixed(LocationInfo location) => new(location);

        public ScalarPositions(SourceLines lines, YamlScalarNode node)
        {
            _lines = lines;
            string value = node.Value ?? string.Empty;
            string[] valueLines = value.Split('\n');
            int startLine = (int)node.Start.Line - 1;
            int startChar = (int)node.Start.Column - 1;

            int offset = 0;
            int searchLine = node.Style is ScalarStyle.Literal or ScalarStyle.Folded ? startLine + 1 : startLine;
            for (int i = 0; i < valueLines.Length; i++)
            {
                string valueLine = valueLines[i].TrimEnd('\r');
                _valueLineStarts.Add(offset);
                offset += valueLines[i].Length + 1;

                if (node.Style == ScalarStyle.Literal)
                {
                    // A literal block keeps every line; only the indentation is removed.
                    int fileLine = startLine + 1 + i;
                    int character = 0;
                    if (fileLine < lines.LineCount)
                    {
                        string text = lines.LineText(fileLine);
                        character = valueLine.Length > 0 && text.EndsWith(valueLine, StringComparison.Ordinal)
                            ? text.Length - valueLine.Length
                            : Math.Max(0, text.Length - text.TrimStart().Length);
                    }
                    _origins.Add((fileLine, character));
                    continue;
                }

                if (i == 0 && (node.Start.Line == node.End.Line || node.Style is ScalarStyle.Plain or ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted))
                {
                    int quote = node.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted ? 1 : 0;
                    _origins.Add((startLine, startChar + quote));
                    searchLine = startLine + 1;
                    continue;
                }

                // Folded or multi-line flow scalars: find the line's text in the file, in order.
                (int Line, int Character) found = (searchLine, 0);
                string probe = valueLine.Trim();
                // Within a window: a line whose text is not in the file (escapes) must not scan every line after it.
                for (int fileLine = searchLine; probe.Length > 0 && fileLine < lines.LineCount && fileLine <= node.End.Line && fileLine < searchLine + SearchWindow; fileLine++)
                {
                    int at = lines.LineText(fileLine).IndexOf(probe.Length > 40 ? probe.Substring(0, 40) : probe, StringComparison.Ordinal);
                    if (at >= 0)
                    {
                        found = (fileLine, at - (valueLine.Length - valueLine.TrimStart().Length));
                        searchLine = fileLine + 1;
                        break;
                    }
                }
                _origins.Add(found);
            }
        }

        /// <summary>The location of <paramref name="length"/> characters at <paramref name="offset"/> in the scalar's value.</summary>
        public LocationInfo At(int offset, int length)
        {
            if (_outer is not null) return _outer.At(offset + _shift, length);
            if (_fixed is not null) return _fixed;
            int index = _valueLineStarts.BinarySearch(offset);
            if (index < 0) index = ~index - 1;
            if (index < 0) index = 0;
            (int line, int character) = _origins[index];
            return _lines.At(line, Math.Max(0, character + offset - _valueLineStarts[index]), Math.Max(1, length));
        }
    }
}
