using System;
using System.Collections.Generic;
using System.Text;

namespace RuleGen.Runtime;

/// <summary>
/// An ES|QL LIKE pattern: <c>*</c> is any run of characters, <c>?</c> exactly one character (a Unicode code point),
/// a backslash escapes the next character, and the pattern must match the whole value — case-sensitively, or, when
/// built with ignoreCase, with both sides folded as <see cref="CaseFold"/> does. Every front end writes its
/// language's wildcards in this one syntax. Common shapes (exact, prefix*, *suffix, *infix*) take a vectorised fast path.
/// </summary>
public sealed class WildcardPattern
{
    private enum Shape { Exact, Prefix, Suffix, Contains, General }

    private readonly Shape _shape;
    private readonly byte[] _literal = Array.Empty<byte>();
    // General shape: the pattern as tokens; a literal token is its UTF-8 bytes, '*' and '?' are wildcards.
    private readonly List<(char Kind, byte[] Bytes)> _tokens = new();

    private readonly bool _ignoreCase;

    public WildcardPattern(string pattern, bool ignoreCase = false)
    {
        Pattern = pattern;
        _ignoreCase = ignoreCase;
        if (ignoreCase) pattern = CaseFold.Fold(pattern);
        var literal = new StringBuilder();
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                literal.Append(pattern[++i]);
            }
            else if (c is '*' or '?')
            {
                Flush(literal);
                if (!(c == '*' && _tokens.Count > 0 && _tokens[^1].Kind == '*')) _tokens.Add((c, Array.Empty<byte>()));
            }
            else
            {
                literal.Append(c);
            }
        }
        Flush(literal);

        _shape = Shape.General;
        if (_tokens.Count == 0)
        {
            _shape = Shape.Exact;
        }
        else if (_tokens.TrueForAll(t => t.Kind != '?'))
        {
            bool literalFirst = _tokens[0].Kind == 'L', literalLast = _tokens[^1].Kind == 'L';
            if (_tokens.Count == 1 && literalFirst) { _shape = Shape.Exact; _literal = _tokens[0].Bytes; }
            else if (_tokens.Count == 1) { _shape = Shape.Contains; }
            else if (_tokens.Count == 2 && literalFirst) { _shape = Shape.Prefix; _literal = _tokens[0].Bytes; }
            else if (_tokens.Count == 2) { _shape = Shape.Suffix; _literal = _tokens[1].Bytes; }
            else if (_tokens.Count == 3 && !literalFirst && !literalLast) { _shape = Shape.Contains; _literal = _tokens[1].Bytes; }
        }
    }

    public string Pattern { get; }

    public bool IsMatch(ReadOnlySpan<byte> value) => MatchFolded(_ignoreCase ? CaseFold.Fold(value) : value);

    private bool MatchFolded(ReadOnlySpan<byte> value) => _shape switch
    {
        Shape.Exact => value.SequenceEqual(_literal),
        Shape.Prefix => value.StartsWith(_literal),
        Shape.Suffix => value.EndsWith(_literal),
        Shape.Contains => _literal.Length == 0 || value.IndexOf(_literal) >= 0,
        _ => MatchGeneral(value),
    };

    private void Flush(StringBuilder literal)
    {
        if (literal.Length == 0) return;
        _tokens.Add(('L', Encoding.UTF8.GetBytes(literal.ToString())));
        literal.Clear();
    }

    /// <summary>Greedy match with one backtrack point at the last '*' (linear for patterns without '?').</summary>
    private bool MatchGeneral(ReadOnlySpan<byte> value)
    {
        int token = 0, position = 0;
        int starToken = -1, starPosition = 0;
        while (true)
        {
            if (token < _tokens.Count)
            {
                (char kind, byte[] bytes) = _tokens[token];
                if (kind == '*')
                {
                    starToken = token++;
                    starPosition = position;
                    continue;
                }
                if (kind == '?' && position < value.Length)
                {
                    position += CodePointLength(value[position]);
                    token++;
                    continue;
                }
                if (kind == 'L' && value.Slice(position).StartsWith(bytes))
                {
                    position += bytes.Length;
                    token++;
                    continue;
                }
            }
            else if (position >= value.Length)
            {
                return true;
            }
            if (starToken < 0 || starPosition >= value.Length) return false;
            // Let the last '*' swallow one more character and retry from just after it.
            starPosition += CodePointLength(value[starPosition]);
            position = starPosition;
            token = starToken + 1;
        }
    }

    private static int CodePointLength(byte lead) => lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;

    public override string ToString() => _ignoreCase ? Pattern + " (ignoring case)" : Pattern;
}
