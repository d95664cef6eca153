using System;
using System.Text;

using RuleGen.Generator.Ir;
using RuleGen.Generator.Planning;

namespace RuleGen.Generator.Languages.Esql
{
    internal enum TokenKind { Identifier, String, Number, Symbol, End }

    internal readonly struct Token
    {
        public Token(TokenKind kind, string text, int start, int length, string? value = null)
        {
            Kind = kind;
            Text = text;
            Start = start;
            Length = length;
            Value = value ?? text;
        }

        public TokenKind Kind { get; }

        /// <summary>The token as written.</summary>
        public string Text { get; }

        /// <summary>Strings: the unescaped value; identifiers: the name without back-quotes.</summary>
        public string Value { get; }

        public int Start { get; }

        public int Length { get; }

        public bool IsKeyword(string keyword) => Kind == TokenKind.Identifier && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);

        public bool IsSymbol(string symbol) => Kind == TokenKind.Symbol && Text == symbol;

        public override string ToString() => Kind == TokenKind.End ? "the end of the query" : $"'{Text}'";
    }

    /// <summary>A syntax error at a place in the query text.</summary>
    internal class EsqlSyntaxException : QuerySyntaxException
    {
        public EsqlSyntaxException(string message, int start, int length, bool notSupported = false) : base(message, start, length, notSupported)
        {
        }
    }

    /// <summary>A command ES|QL has that a rule cannot run here; the message says why (RG0091).</summary>
    internal sealed class EsqlCommandNotSupportedException : EsqlSyntaxException
    {
        public EsqlCommandNotSupportedException(string why, int start, int length) : base(why, start, length, notSupported: true)
        {
        }
    }

    /// <summary>
    /// Splits ES|QL text into tokens on demand. The parser asks for a different token shape in FROM (index patterns
    /// such as <c>logs-aws.cloudtrail*</c>) and KEEP (column patterns such as <c>source.geo.*</c>).
    /// </summary>
    internal sealed class EsqlLexer
    {
        private readonly string _text;
        private int _position;

        public EsqlLexer(string text) => _text = text;

        public int Position => _position;

        public Token Next(bool columnPattern = false)
        {
            SkipTrivia();
            if (_position >= _text.Length) return new Token(TokenKind.End, string.Empty, _text.Length, 0);
            int start = _position;
            char c = _text[_position];

            if (c == '"') return ReadString(start);
            if (c == '`') return ReadName(start, columnPattern);
            if (char.IsDigit(c)) return ReadNumber(start);
            if (IsIdentifierStart(c) || (columnPattern && c == '*')) return ReadName(start, columnPattern);

            foreach (string symbol in Symbols)
            {
                if (string.CompareOrdinal(_text, _position, symbol, 0, symbol.Length) == 0)
                {
                    _position += symbol.Length;
                    return new Token(TokenKind.Symbol, symbol, start, symbol.Length);
                }
            }
            throw new EsqlSyntaxException($"unexpected character '{c}'", start, 1);
        }

        /// <summary>Reads one index pattern of FROM: everything up to white space, a comma or a pipe.</summary>
        public Token NextSourcePattern()
        {
            SkipTrivia();
            if (_position >= _text.Length) return new Token(TokenKind.End, string.Empty, _text.Length, 0);
            if (_text[_position] == '"') return ReadString(_position);
            int start = _position;
            while (_position < _text.Length && !char.IsWhiteSpace(_text[_position]) && _text[_position] is not (',' or '|')
                && string.CompareOrdinal(_text, _position, "//", 0, 2) != 0)
            {
                _position++;
            }
            if (_position == start)
            {
                return Next();
            }
            string pattern = _text.Substring(start, _position - start);
            return new Token(TokenKind.Identifier, pattern, start, pattern.Length);
        }

        public Token Peek(bool columnPattern = false)
        {
            int saved = _position;
            try
            {
                return Next(columnPattern);
            }
            finally
            {
                _position = saved;
            }
        }

        /// <summary>The token after the next one (an EVAL's <c>name =</c> is told from an expression by it).</summary>
        public Token PeekSecond()
        {
            int saved = _position;
            try
            {
                Next();
                return Next();
            }
            finally
            {
                _position = saved;
            }
        }

        public Token PeekSourcePattern()
        {
            int saved = _position;
            try
            {
                return NextSourcePattern();
            }
            finally
            {
                _position = saved;
            }
        }

        // Longest first, so "<=" wins over "<".
        private static readonly string[] Symbols =
        {
            "==", "!=", "<=", ">=", "::", "=~", "<", ">", "(", ")", ",", "|", "+", "-", "*", "/", "%", "=", "?", "[", "]", ":",
        };

        private static bool IsIdentifierStart(char c) => char.IsLetter(c) || c == '_' || c == '@';

        private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c == '_' || c == '@' || c == '.';

        private void SkipTrivia()
        {
            while (_position < _text.Length)
            {
                char c = _text[_position];
                if (char.IsWhiteSpace(c))
                {
                    _position++;
                }
                else if (c == '/' && _position + 1 < _text.Length && _text[_position + 1] == '/')
                {
                    while (_position < _text.Length && _text[_position] != '\n') _position++;
                }
                else if (c == '/' && _position + 1 < _text.Length && _text[_position + 1] == '*')
                {
                    int close = _text.IndexOf("*/", _position + 2, StringComparison.Ordinal);
                    if (close < 0) throw new EsqlSyntaxException("unterminated /* comment", _position, 2);
                    _position = close + 2;
                }
                else
                {
                    break;
                }
            }
        }

        private Token ReadString(int start)
        {
            if (string.CompareOrdinal(_text, start, "\"\"\"", 0, 3) == 0)
            {
                // Triple-quoted strings take their content verbatim: no escapes.
                int close = _text.IndexOf("\"\"\"", start + 3, StringComparison.Ordinal);
                if (close < 0) throw new EsqlSyntaxException("unterminated \"\"\" string", start, 3);
                // A run of more than three quotes closes at its last three ("""a"""" is a" ).
                while (close + 3 < _text.Length && _text[close + 3] == '"') close++;
                _position = close + 3;
                return new Token(TokenKind.String, _text.Substring(start, _position - start), start, _position - start, _text.Substring(start + 3, close - start - 3));
            }

            var value = new StringBuilder();
            _position = start + 1;
            while (true)
            {
                if (_position >= _text.Length || _text[_position] == '\n')
                {
                    throw new EsqlSyntaxException("unterminated string", start, 1);
                }
                char c = _text[_position];
                if (c == '"')
                {
                    _position++;
                    break;
                }
                if (c == '\\')
                {
                    if (_position + 1 >= _text.Length) throw new EsqlSyntaxException("unterminated string", start, 1);
                    char escaped = _text[_position + 1];
                    switch (escaped)
                    {
                        case 'n': value.Append('\n'); break;
                        case 'r': value.Append('\r'); break;
                        case 't': value.Append('\t'); break;
                        case '"': value.Append('"'); break;
                        case '\\': value.Append('\\'); break;
                        default:
                            throw new EsqlSyntaxException($"invalid escape '\\{escaped}' in a string (allowed: \\\\ \\\" \\n \\r \\t; use \"\"\"…\"\"\" for raw text)", _position, 2);
                    }
                    _position += 2;
                    continue;
                }
                value.Append(c);
                _position++;
            }
            return new Token(TokenKind.String, _text.Substring(start, _position - start), start, _position - start, value.ToString());
        }

        /// <summary>
        /// A name: plain and `quoted` segments joined by dots (ES|QL's qualifiedName: <c>source.`as`.organization.name</c>,
        /// <c>network_traffic.amqp.`no-wait`</c>); the token's value is the name with the quotes read.
        /// </summary>
        private Token ReadName(int start, bool columnPattern)
        {
            var value = new StringBuilder();
            _position = start;
            while (true)
            {
                bool quoted = _position < _text.Length && _text[_position] == '`';
                if (quoted)
                {
                    value.Append(ReadQuotedIdentifier(_position).Value);
                }
                else
                {
                    int from = _position;
                    while (_position < _text.Length && (IsIdentifierPart(_text[_position]) || (columnPattern && _text[_position] == '*'))) _position++;
                    value.Append(_text, from, _position - from);
                }
                if (_position < _text.Length && _text[_position] == '`' && value.Length > 0 && value[value.Length - 1] == '.') continue;
                if (quoted && _position + 1 < _text.Length && _text[_position] == '.' && (_text[_position + 1] == '`' || IsIdentifierStart(_text[_position + 1])))
                {
                    value.Append('.');
                    _position++;
                    continue;
                }
                break;
            }
            return new Token(TokenKind.Identifier, _text.Substring(start, _position - start), start, _position - start, value.ToString());
        }

        private Token ReadQuotedIdentifier(int start)
        {
            var value = new StringBuilder();
            _position = start + 1;
            while (true)
            {
                if (_position >= _text.Length) throw new EsqlSyntaxException("unterminated `quoted` name", start, 1);
                char c = _text[_position];
                if (c == '`')
                {
                    if (_position + 1 < _text.Length && _text[_position + 1] == '`')
                    {
                        value.Append('`');
                        _position += 2;
                        continue;
                    }
                    _position++;
                    break;
                }
                value.Append(c);
                _position++;
            }
            return new Token(TokenKind.Identifier, _text.Substring(start, _position - start), start, _position - start, value.ToString());
        }

        private Token ReadNumber(int start)
        {
            while (_position < _text.Length && char.IsDigit(_text[_position])) _position++;
            if (_position + 1 < _text.Length && _text[_position] == '.' && char.IsDigit(_text[_position + 1]))
            {
                _position++;
                while (_position < _text.Length && char.IsDigit(_text[_position])) _position++;
            }
            if (_position < _text.Length && _text[_position] is 'e' or 'E')
            {
                int save = _position;
                _position++;
                if (_position < _text.Length && _text[_position] is '+' or '-') _position++;
                if (_position < _text.Length && char.IsDigit(_text[_position]))
                {
                    while (_position < _text.Length && char.IsDigit(_text[_position])) _position++;
                }
                else
                {
                    _position = save;
                }
            }
            if (_position < _text.Length && IsIdentifierStart(_text[_position]))
            {
                // "5m" in a query is a time span literal (e.g. for DATE_TRUNC); not in the supported subset.
                while (_position < _text.Length && IsIdentifierPart(_text[_position])) _position++;
            }
            string text = _text.Substring(start, _position - start);
            return new Token(TokenKind.Number, text, start, text.Length);
        }
    }
}
