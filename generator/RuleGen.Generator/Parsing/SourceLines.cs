using Microsoft.CodeAnalysis.Text;
using RuleGen.Generator.Diagnostics;

namespace RuleGen.Generator.Parsing
{
    /// <summary>
    /// Turns YAML marks and character offsets into <see cref="LocationInfo"/>s. Positions are computed from the
    /// file's lines, not from YamlDotNet's running index, so a BOM or CRLF line ends cannot shift them.
    /// </summary>
    internal sealed class SourceLines
    {
        private readonly SourceText _text;

        public SourceLines(string path, string text)
        {
            Path = path;
            _text = SourceText.From(text);
        }

        public string Path { get; }

        public int LineCount => _text.Lines.Count;

        public string LineText(int line) => _text.Lines[line].ToString();

        /// <summary>A location from a 0-based line and character, spanning <paramref name="length"/> characters on that line.</summary>
        public LocationInfo At(int line, int character, int length = 1)
        {
            if (line < 0) { line = 0; character = 0; }
            if (line >= _text.Lines.Count) { line = _text.Lines.Count - 1; character = 0; }
            TextLine textLine = _text.Lines[line];
            int lineLength = textLine.End - textLine.Start;
            if (character > lineLength) character = lineLength;
            if (character < 0) character = 0;
            if (length < 0) length = 0;
            if (character + length > lineLength) length = lineLength - character;
            int start = textLine.Start + character;
            return new LocationInfo(
                Path,
                new TextSpan(start, length),
                new LinePositionSpan(new LinePosition(line, character), new LinePosition(line, character + length)));
        }

        /// <summary>A location from YamlDotNet's 1-based line/column mark.</summary>
        public LocationInfo AtMark(long line, long column, int length = 1) => At((int)line - 1, (int)column - 1, length);

        public LocationInfo FileStart => At(0, 0, 0);

        /// <summary>A YAML node's location: its first line, <paramref name="length"/> characters (0: the node, if on one line).</summary>
        public LocationInfo Of(YamlDotNet.RepresentationModel.YamlNode node, int length = 0)
        {
            if (length == 0 && node.Start.Line == node.End.Line) length = (int)(node.End.Column - node.Start.Column);
            return AtMark(node.Start.Line, node.Start.Column, System.Math.Max(1, length));
        }
    }
}
