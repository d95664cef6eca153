using System;
using System.Text;

namespace RuleGen.Generator.Emitting
{
    /// <summary>A small indented writer: four spaces per level, no trailing spaces on blank lines, \n line ends.</summary>
    internal sealed class SourceWriter
    {
        private readonly StringBuilder _text = new();
        private int _indent;

        public SourceWriter Line(string line = "")
        {
            if (line.Length > 0) _text.Append(' ', _indent * 4).Append(line);
            _text.Append('\n');
            return this;
        }

        public SourceWriter OpenBlock(string header)
        {
            Line(header);
            Line("{");
            _indent++;
            return this;
        }

        public SourceWriter CloseBlock(string suffix = "")
        {
            _indent--;
            return Line("}" + suffix);
        }

        public SourceWriter Indent()
        {
            _indent++;
            return this;
        }

        public SourceWriter Outdent()
        {
            _indent--;
            return this;
        }

        /// <summary>
        /// Every character C# ends a line at: a comment must be split at each, or the rest of the text after a
        /// U+2028 in a rule's query or description would be code.
        /// </summary>
        private static readonly char[] LineBreaks = { '\n', '\r', '\u0085', '\u2028', '\u2029' };

        /// <summary>Text for inside one comment line: line breaks become spaces.</summary>
        public static string OneLine(string text)
        {
            var line = new StringBuilder(text);
            foreach (char c in LineBreaks) line.Replace(c, ' ');
            return line.ToString();
        }

        /// <summary>Writes text as <c>//</c> comment lines, one per source line.</summary>
        public SourceWriter Comment(string text)
        {
            foreach (string line in text.Replace("\r\n", "\n").Split(LineBreaks))
            {
                Line(line.Length == 0 ? "//" : "// " + line);
            }
            return this;
        }

        /// <summary>Writes text as an XML doc <c>summary</c>.</summary>
        public SourceWriter Summary(string text)
        {
            Line("/// <summary>");
            foreach (string line in text.Replace("\r\n", "\n").Trim().Split(LineBreaks))
            {
                Line("/// " + System.Security.SecurityElement.Escape(line.TrimEnd()));
            }
            return Line("/// </summary>");
        }

        public override string ToString() => _text.ToString();
    }
}
