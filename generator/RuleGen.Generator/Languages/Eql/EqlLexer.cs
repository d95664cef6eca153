using System;
using System.Globalization;
using System.Text;

namespace RuleGen.Generator.Languages.Eql
{
    /// <summary>
    /// Splits EQL text into tokens on demand, following the lexer rules of Elasticsearch's EqlBase.g4: white space is
    /// only space, tab, CR and LF; <c>//</c> and (nesting) <c>/* */</c> comments; identifiers are ASCII letters, digits,
    /// <c>_</c> and a leading <c>@</c> (dots are separate tokens); keywords are lowercase. Strings are checked here:
    /// the escapes EQL allows, <c>\u{…}</c> code points, raw <c>"""…"""</c> strings, and the obsolete single-quoted and
    /// <c>?"…"</c> forms, which Elasticsearch lexes and then refuses, are located errors naming the replacement.
    /// </summary>
    internal sealed class EqlLexer
    {
        private readonly string _text;
        private int _position;

        public EqlLexer(string text) => _text = text;

        public EqlToken Next()
        {
            SkipTrivia();
            if (_position >= _text.Length) return new EqlToken(EqlTokenKind.End, string.Empty, _text.Length);
            int start = _position;
            char c = _text[_position];

            if (c == '"') return ReadString(start);
            if (c == '\'') throw ObsoleteString(start, start + 1, '\'', "Use double quotes [\"] to define string literals, not single quotes [']");
            if (c == '?' && Peek(1) is '"' or '\'')
            {
                char quote = Peek(1);
                throw ObsoleteString(start, start + 2, quote, $"Use triple double quotes [\"\"\"] to define unescaped string literals, not [?{quote}]");
            }
            if (c == '`') return ReadQuotedIdentifier(start);
            if (IsDigit(c) || (c == '.' && IsDigit(Peek(1)))) return ReadNumber(start);
            if (IsLetter(c) || c == '_' || c == '@') return ReadWord(start);
            return ReadSymbol(start, c);
        }

        private char Peek(int offset) => _position + offset < _text.Length ? _text[_position + offset] : '\0';

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        private static bool IsLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

        private static bool IsHexDigit(char c) => IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

        private void SkipTrivia()
        {
            while (_position < _text.Length)
            {
                char c = _text[_position];
                if (c is ' ' or '\t' or '\r' or '\n')
                {
                    _position++;
                }
                else if (c == '/' && Peek(1) == '/')
                {
                    while (_position < _text.Length && _text[_position] is not ('\r' or '\n')) _position++;
                }
                else if (c == '/' && Peek(1) == '*')
                {
                    SkipBlockComment();
                }
                else
                {
                    break;
                }
            }
        }

        /// <summary><c>/* … */</c>; in EQL block comments nest, so <c>/* a /* b */ c */</c> is one comment.</summary>
        private void SkipBlockComment()
        {
            int start = _position;
            int depth = 0;
            while (_position < _text.Length)
            {
                if (_text[_position] == '/' && Peek(1) == '*')
                {
                    depth++;
                    _position += 2;
                }
                else if (_text[_position] == '*' && Peek(1) == '/')
                {
                    depth--;
                    _position += 2;
                    if (depth == 0) return;
                }
                else
                {
                    _position++;
                }
            }
            throw new EqlSyntaxException("unterminated /* comment", start, 2);
        }

        private EqlToken ReadWord(int start)
        {
            _position++;
            while (_position < _text.Length && (IsLetter(_text[_position]) || IsDigit(_text[_position]) || _text[_position] == '_')) _position++;
            // A name that starts with a letter may end with '~': a case-insensitive function (startsWith~). in~, like~
            // and regex~ are keywords: the grammar lists them first, and a lexer picks the first rule of equal length.
            if (IsLetter(_text[start]) && _position < _text.Length && _text[_position] == '~')
            {
                _position++;
                string tilde = _text.Substring(start, _position - start);
                EqlTokenKind insensitive = tilde switch
                {
                    "in~" => EqlTokenKind.InInsensitive,
                    "like~" => EqlTokenKind.LikeInsensitive,
                    "regex~" => EqlTokenKind.RegexInsensitive,
                    _ => EqlTokenKind.TildeIdentifier,
                };
                return new EqlToken(insensitive, tilde, start);
            }
            string word = _text.Substring(start, _position - start);
            return new EqlToken(KeywordOf(word), word, start);
        }

        private static EqlTokenKind KeywordOf(string word) => word switch
        {
            "and" => EqlTokenKind.And,
            "any" => EqlTokenKind.Any,
            "by" => EqlTokenKind.By,
            "false" => EqlTokenKind.False,
            "in" => EqlTokenKind.In,
            "join" => EqlTokenKind.Join,
            "like" => EqlTokenKind.Like,
            "maxspan" => EqlTokenKind.Maxspan,
            "not" => EqlTokenKind.Not,
            "null" => EqlTokenKind.Null,
            "of" => EqlTokenKind.Of,
            "or" => EqlTokenKind.Or,
            "regex" => EqlTokenKind.Regex,
            "sample" => EqlTokenKind.Sample,
            "sequence" => EqlTokenKind.Sequence,
            "true" => EqlTokenKind.True,
            "until" => EqlTokenKind.Until,
            "where" => EqlTokenKind.Where,
            "with" => EqlTokenKind.With,
            _ => EqlTokenKind.Identifier,
        };

        /// <summary>
        /// INTEGER_VALUE (<c>12</c>) or DECIMAL_VALUE (<c>1.5</c>, <c>1.</c>, <c>.5</c>, <c>1e3</c>, <c>1.5E-3</c>). Letters
        /// right after a number are a separate token, as the maxspan unit in <c>5m</c> is.
        /// </summary>
        private EqlToken ReadNumber(int start)
        {
            bool isDecimal = false;
            while (_position < _text.Length && IsDigit(_text[_position])) _position++;
            if (_position < _text.Length && _text[_position] == '.')
            {
                isDecimal = true;
                _position++;
                while (_position < _text.Length && IsDigit(_text[_position])) _position++;
            }
            if (_position < _text.Length && _text[_position] is 'e' or 'E')
            {
                int exponent = _position + 1;
                if (exponent < _text.Length && _text[exponent] is '+' or '-') exponent++;
                if (exponent < _text.Length && IsDigit(_text[exponent]))
                {
                    isDecimal = true;
                    _position = exponent;
                    while (_position < _text.Length && IsDigit(_text[_position])) _position++;
                }
            }
            return new EqlToken(isDecimal ? EqlTokenKind.Decimal : EqlTokenKind.Integer, _text.Substring(start, _position - start), start);
        }

        private EqlToken ReadSymbol(int start, char c)
        {
            char next = Peek(1);
            EqlTokenKind kind;
            int length = 2;
            switch (c)
            {
                case '=' when next == '=': kind = EqlTokenKind.Equal; break;
                case '!' when next == '=': kind = EqlTokenKind.NotEqual; break;
                case '!' when next == '[': kind = EqlTokenKind.MissingEventOpen; break;
                case '<' when next == '=': kind = EqlTokenKind.LessOrEqual; break;
                case '>' when next == '=': kind = EqlTokenKind.GreaterOrEqual; break;
                default:
                    length = 1;
                    kind = c switch
                    {
                        ':' => EqlTokenKind.Colon,
                        '=' => EqlTokenKind.Assign,
                        '<' => EqlTokenKind.Less,
                        '>' => EqlTokenKind.Greater,
                        '+' => EqlTokenKind.Plus,
                        '-' => EqlTokenKind.Minus,
                        '*' => EqlTokenKind.Asterisk,
                        '/' => EqlTokenKind.Slash,
                        '%' => EqlTokenKind.Percent,
                        '.' => EqlTokenKind.Dot,
                        ',' => EqlTokenKind.Comma,
                        '[' => EqlTokenKind.LeftBracket,
                        ']' => EqlTokenKind.RightBracket,
                        '(' => EqlTokenKind.LeftParen,
                        ')' => EqlTokenKind.RightParen,
                        '|' => EqlTokenKind.Pipe,
                        '?' => EqlTokenKind.Question,
                        _ => throw UnexpectedCharacter(start, c),
                    };
                    break;
            }
            _position = start + length;
            return new EqlToken(kind, _text.Substring(start, length), start);
        }

        private EqlSyntaxException UnexpectedCharacter(int start, char c)
        {
            string hint = c switch
            {
                '!' => " ('!' only starts '!=' or '![', a missing event)",
                '~' => " ('~' follows a function name, in, like or regex directly: startsWith~(…), in~)",
                '&' or '^' => " (EQL writes 'and')",
                _ => string.Empty,
            };
            // A surrogate pair is one character to the reader: point at both halves.
            int length = char.IsHighSurrogate(c) && start + 1 < _text.Length && char.IsLowSurrogate(_text[start + 1]) ? 2 : 1;
            return new EqlSyntaxException($"unexpected character {Describe(_text.Substring(start, length))}{hint}", start, length);
        }

        private static string Describe(string character)
        {
            char c = character[0];
            if (character.Length == 1 && (char.IsControl(c) || char.IsWhiteSpace(c) || char.IsSurrogate(c)))
            {
                return $"U+{(int)c:X4}";
            }
            return $"'{character}'";
        }

        /// <summary>
        /// A regular <c>"…"</c> string (STRING_ESCAPE, UNICODE_ESCAPE, UNESCAPED_CHARS of EqlBase.g4) or a raw
        /// <c>"""…"""</c> one. Neither may span lines.
        /// </summary>
        private EqlToken ReadString(int start)
        {
            if (string.CompareOrdinal(_text, start, "\"\"\"", 0, 3) == 0) return ReadRawString(start);

            var value = new StringBuilder();
            _position = start + 1;
            while (true)
            {
                if (_position >= _text.Length || _text[_position] is '\r' or '\n')
                {
                    throw new EqlSyntaxException("unterminated string (a string ends on the line it starts; write a line break as \\n)", start, 1);
                }
                char c = _text[_position];
                if (c == '"')
                {
                    _position++;
                    break;
                }
                if (c != '\\')
                {
                    value.Append(c);
                    _position++;
                    continue;
                }
                char escaped = Peek(1);
                switch (escaped)
                {
                    case 'b': value.Append('\b'); break;
                    case 't': value.Append('\t'); break;
                    case 'n': value.Append('\n'); break;
                    case 'f': value.Append('\f'); break;
                    case 'r': value.Append('\r'); break;
                    case '"': value.Append('"'); break;
                    case '\'': value.Append('\''); break;
                    case '\\': value.Append('\\'); break;
                    case 'u':
                        ReadUnicodeEscape(value);
                        continue;
                    default:
                        if (_position + 1 >= _text.Length || escaped is '\r' or '\n')
                        {
                            throw new EqlSyntaxException("unterminated string (a string ends on the line it starts; write a line break as \\n)", start, 1);
                        }
                        throw new EqlSyntaxException(
                            $"invalid escape '\\{escaped}' in a string (EQL allows \\t \\n \\r \\\" \\\\ \\b \\f \\' and \\u{{hex}}; write a backslash as \\\\, or use \"\"\"…\"\"\" for raw text)",
                            _position, 2);
                }
                _position += 2;
            }
            return new EqlToken(EqlTokenKind.String, _text.Substring(start, _position - start), start, value.ToString());
        }

        /// <summary>
        /// <c>\u{XXXXXXXX}</c>: 2 to 8 hex digits, a Unicode scalar value (not above U+10FFFF, not a surrogate). The
        /// messages are Elasticsearch's (ExpressionTests in x-pack/plugin/eql).
        /// </summary>
        private void ReadUnicodeEscape(StringBuilder value)
        {
            int escapeStart = _position;
            int digitsStart = _position + 3;
            if (Peek(2) != '{' || !IsHexDigit(Peek(3)))
            {
                int bad = Peek(2) != '{' ? _position + 2 : _position + 3;
                throw new EqlSyntaxException("invalid unicode escape: write \\u{XXXX} with 2 to 8 hex digits in braces", escapeStart, Math.Min(bad + 1, _text.Length) - escapeStart);
            }
            int end = digitsStart;
            while (end < _text.Length && IsHexDigit(_text[end])) end++;
            if (end >= _text.Length || _text[end] != '}')
            {
                throw new EqlSyntaxException("invalid unicode escape: write \\u{XXXX} with 2 to 8 hex digits in braces", escapeStart, Math.Min(end + 1, _text.Length) - escapeStart);
            }
            string digits = _text.Substring(digitsStart, end - digitsStart);
            string escape = _text.Substring(escapeStart, end + 1 - escapeStart);
            if (digits.Length < 2 || digits.Length > 8)
            {
                throw new EqlSyntaxException($"Unicode sequence should use [2-8] hex digits, [{escape}] has [{digits.Length}]", escapeStart, escape.Length);
            }
            long code = long.Parse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            if (code > 0x10FFFF)
            {
                throw new EqlSyntaxException($"Invalid unicode character code [{digits}]", escapeStart, escape.Length);
            }
            if (code >= 0xD800 && code <= 0xDFFF)
            {
                throw new EqlSyntaxException($"Invalid unicode character code, [{digits}] is a surrogate code", escapeStart, escape.Length);
            }
            value.Append(char.ConvertFromUtf32((int)code));
            _position = end + 1;
        }

        /// <summary>
        /// <c>"""…"""</c>: the text up to the first <c>"""</c> taken as it is, and up to two more quotes after it belong
        /// to the string (<c>"""a""""</c> is <c>a"</c>), as the grammar's <c>'"""' (~[\r\n])*? '"""' '"'? '"'?</c> says.
        /// </summary>
        private EqlToken ReadRawString(int start)
        {
            int close = start + 3;
            while (true)
            {
                if (close + 2 >= _text.Length || _text[close] is '\r' or '\n')
                {
                    throw new EqlSyntaxException("unterminated \"\"\" string (a raw string ends on the line it starts)", start, 3);
                }
                if (_text[close] == '"' && _text[close + 1] == '"' && _text[close + 2] == '"') break;
                close++;
            }
            int end = close + 3;
            for (int extra = 0; extra < 2 && end < _text.Length && _text[end] == '"'; extra++) end++;
            _position = end;
            string text = _text.Substring(start, end - start);
            return new EqlToken(EqlTokenKind.String, text, start, text.Substring(3, text.Length - 6), isRawString: true);
        }

        /// <summary>
        /// <c>`name`</c> with <c>``</c> for a back-quote. Like ANTLR's longest match, <c>`a`` b</c> is the name
        /// <c>a</c> followed by a stray back-quote, not an unterminated name: the token ends at the last place it could.
        /// </summary>
        private EqlToken ReadQuotedIdentifier(int start)
        {
            var value = new StringBuilder();
            int position = start + 1;
            // Where the token would end had the last `` been a closing back-quote and the start of the next token.
            int lastEnd = -1;
            int valueAtLastEnd = 0;
            while (true)
            {
                if (position >= _text.Length)
                {
                    if (lastEnd < 0) throw new EqlSyntaxException("unterminated `quoted` name (write a back-quote inside it as ``)", start, 1);
                    position = lastEnd;
                    value.Length = valueAtLastEnd;
                    break;
                }
                char c = _text[position];
                if (c == '`')
                {
                    if (position + 1 < _text.Length && _text[position + 1] == '`')
                    {
                        lastEnd = position + 1;
                        valueAtLastEnd = value.Length;
                        value.Append('`');
                        position += 2;
                        continue;
                    }
                    position++;
                    break;
                }
                value.Append(c);
                position++;
            }
            _position = position;
            return new EqlToken(EqlTokenKind.QuotedIdentifier, _text.Substring(start, position - start), start, value.ToString());
        }

        /// <summary>An obsolete single-quoted or <c>?"…"</c> string: the error covers it to its closing quote (or line end).</summary>
        private EqlSyntaxException ObsoleteString(int start, int contentStart, char quote, string message)
        {
            int end = contentStart;
            while (end < _text.Length && _text[end] != quote && _text[end] is not ('\r' or '\n'))
            {
                end += _text[end] == '\\' && end + 1 < _text.Length && _text[end + 1] is not ('\r' or '\n') ? 2 : 1;
            }
            if (end < _text.Length && _text[end] == quote) end++;
            return new EqlSyntaxException(message, start, Math.Min(end, _text.Length) - start);
        }
    }
}
