using System;
using System.Collections.Generic;
using System.Text;

namespace RuleGen.Generator.Languages.Kql
{
    /// <summary>
    /// The terminals of Kibana's kuery grammar (grammar.peggy in @kbn/es-query), read at the position the parser is
    /// at. KQL has no separate token stream: whether " or " ends a value depends on where it stands, so the parser
    /// asks for the piece it expects (a literal, an operator, a range sign) and the lexer reads it from the text.
    /// The rule names in comments are the grammar's.
    /// </summary>
    internal sealed class KqlLexer
    {
        private readonly string _text;

        public KqlLexer(string text) => _text = text;

        public string Text => _text;

        public int Position { get; set; }

        public bool AtEnd => Position >= _text.Length;

        /// <summary>The character at <see cref="Position"/>; only when not <see cref="AtEnd"/>.</summary>
        public char Current => _text[Position];

        /// <summary>Space: <c>[\ \t\r\n\u00A0]</c>, the only whitespace between the grammar's pieces.</summary>
        public static bool IsSpace(char c) => c is ' ' or '\t' or '\r' or '\n' or '\u00A0';

        /// <summary>SpecialCharacter: <c>[\\():&lt;&gt;"*{}]</c>, what an unquoted literal holds only escaped ('*' unescaped is a wildcard).</summary>
        public static bool IsSpecial(char c) => c is '\\' or '(' or ')' or ':' or '<' or '>' or '"' or '*' or '{' or '}';

        /// <summary>Space*.</summary>
        public void SkipSpaces()
        {
            while (Position < _text.Length && IsSpace(_text[Position])) Position++;
        }

        /// <summary>
        /// Or / And: <c>Space+ 'or'i Space+</c> (or 'and'i). Consumes it and returns the keyword's offset, or returns -1
        /// and does not move.
        /// </summary>
        public int TryBinaryOperator(string keyword)
        {
            int i = Position;
            while (i < _text.Length && IsSpace(_text[i])) i++;
            if (i == Position || !WordAt(i, keyword) || !SpaceAt(i + keyword.Length)) return -1;
            Position = i + keyword.Length;
            SkipSpaces();
            return i;
        }

        /// <summary>Not: <c>'not'i Space+</c>. Consumes it and returns the keyword's offset, or returns -1.</summary>
        public int TryNot()
        {
            int start = Position;
            if (!WordAt(start, "not") || !SpaceAt(start + 3)) return -1;
            Position = start + 3;
            SkipSpaces();
            return start;
        }

        /// <summary>RangeOperator: <c>&lt;=</c>, <c>&gt;=</c>, <c>&lt;</c>, <c>&gt;</c> (longest first). Consumes it, or returns null.</summary>
        public KqlRangeOperator? TryRangeOperator()
        {
            if (AtEnd || Current is not ('<' or '>')) return null;
            bool less = Current == '<';
            bool orEqual = Position + 1 < _text.Length && _text[Position + 1] == '=';
            Position += orEqual ? 2 : 1;
            return less
                ? orEqual ? KqlRangeOperator.LessOrEqual : KqlRangeOperator.Less
                : orEqual ? KqlRangeOperator.GreaterOrEqual : KqlRangeOperator.Greater;
        }

        /// <summary>
        /// Keyword, the look-ahead that ends an unquoted literal: <c>Space 'or'i Space</c>, <c>Space 'and'i Space</c> or
        /// <c>'not'i Space</c>. So "a or b" is two values, "a  or" (no space after) is one, and "cannot x" stops at "not ".
        /// </summary>
        public bool IsKeywordAt(int i)
        {
            if (SpaceAt(i) && ((WordAt(i + 1, "or") && SpaceAt(i + 3)) || (WordAt(i + 1, "and") && SpaceAt(i + 4)))) return true;
            return IsNotKeywordAt(i);
        }

        /// <summary><c>'not'i Space</c> at <paramref name="i"/>.</summary>
        public bool IsNotKeywordAt(int i) => WordAt(i, "not") && SpaceAt(i + 3);

        /// <summary>
        /// <paramref name="word"/> (lower-case ASCII) at <paramref name="i"/>, in any case: peggy's <c>'or'i</c> compares
        /// the input lower-cased by JavaScript, where only the ASCII letters lower-case to these.
        /// </summary>
        public bool WordAt(int i, string word)
        {
            if (i < 0 || i + word.Length > _text.Length) return false;
            for (int k = 0; k < word.Length; k++)
            {
                char c = _text[i + k];
                if (c != word[k] && c != (char)(word[k] - 32)) return false;
            }
            return true;
        }

        private bool SpaceAt(int i) => i < _text.Length && IsSpace(_text[i]);

        /// <summary>
        /// Literal: <c>QuotedString / UnquotedLiteral</c>. Returns null (without moving) when no literal starts here; the
        /// caller knows what it expected. An unterminated quoted string is an error at its opening quote.
        /// </summary>
        public KqlLiteral? TryReadLiteral()
        {
            if (AtEnd) return null;
            return Current == '"' ? ReadQuoted() : TryReadUnquoted();
        }

        /// <summary>
        /// QuotedString: <c>'"' QuotedCharacter* '"'</c>. QuotedCharacter is EscapedWhitespace (<c>\t \r \n</c>),
        /// EscapedUnicodeSequence (<c>\uXXXX</c>), <c>\\</c> or <c>\"</c>, or any other character but '"': raw line
        /// breaks are allowed, a backslash before anything else is itself, and '*' is a plain star.
        /// </summary>
        private KqlLiteral ReadQuoted()
        {
            int start = Position;
            var value = new StringBuilder();
            int i = start + 1;
            while (true)
            {
                if (i >= _text.Length) throw new KqlSyntaxException("unterminated quoted string: the closing '\"' is missing", start, 1);
                char c = _text[i];
                if (c == '"') break;
                if (c == '\\' && i + 1 < _text.Length)
                {
                    char next = _text[i + 1];
                    if (EscapedWhitespace(next) is char whitespace)
                    {
                        value.Append(whitespace);
                        i += 2;
                        continue;
                    }
                    if (UnicodeEscapeAt(i) is char unicode)
                    {
                        value.Append(unicode);
                        i += 6;
                        continue;
                    }
                    if (next is '\\' or '"')
                    {
                        value.Append(next);
                        i += 2;
                        continue;
                    }
                }
                value.Append(c);
                i++;
            }
            Position = i + 1;
            return new KqlLiteral(_text.Substring(start, Position - start), value.ToString(), quoted: true, null, start, Position - start);
        }

        /// <summary>
        /// UnquotedLiteral: <c>UnquotedCharacter+</c>, then trimmed as Kibana trims it (JavaScript's String.trim, on the
        /// unescaped text). UnquotedCharacter, in the grammar's order: EscapedWhitespace, EscapedSpecialCharacter
        /// (<c>\</c> and a SpecialCharacter), EscapedUnicodeSequence, EscapedKeyword (<c>\or \and \not</c>, any case),
        /// Wildcard (<c>*</c>), or any character that is neither special nor the start of a Keyword. The order matters:
        /// <c>\not</c> is a line break and "ot", since EscapedWhitespace comes first. Spaces belong to the literal
        /// ("foo bar" is one value).
        /// </summary>
        private KqlLiteral? TryReadUnquoted()
        {
            int start = Position;
            var value = new StringBuilder();
            var sourceStarts = new List<int>();
            var sourceEnds = new List<int>();
            var wildcards = new List<int>();
            int i = start;
            while (i < _text.Length)
            {
                char c = _text[i];
                int width;
                char produced;
                if (c == '\\')
                {
                    // Not an escape the grammar knows: the literal ends before the backslash, which nothing can follow.
                    if (!TryEscape(i, out produced, out width, out string? keyword)) break;
                    if (keyword is not null)
                    {
                        foreach (char k in keyword) Add(k, i, i + width);
                        i += width;
                        continue;
                    }
                }
                else if (c == '*')
                {
                    wildcards.Add(value.Length);
                    produced = '*';
                    width = 1;
                }
                else if (IsSpecial(c) || IsKeywordAt(i))
                {
                    break;
                }
                else
                {
                    produced = c;
                    width = 1;
                }
                Add(produced, i, i + width);
                i += width;
            }
            if (i == start) return null;
            Position = i;

            int first = 0;
            while (first < value.Length && IsTrimmed(value, first)) first++;
            int last = value.Length - 1;
            while (last >= first && IsTrimmed(value, last)) last--;
            if (first > last)
            {
                // Only whitespace (escaped, or spaces the grammar does not skip): the value is empty.
                return new KqlLiteral(_text.Substring(start, i - start), string.Empty, quoted: false, null, start, i - start);
            }
            var kept = new List<int>(wildcards.Count);
            foreach (int w in wildcards)
            {
                if (w >= first && w <= last) kept.Add(w - first);
            }
            int spanStart = sourceStarts[first];
            int spanEnd = sourceEnds[last];
            return new KqlLiteral(
                _text.Substring(spanStart, spanEnd - spanStart), value.ToString(first, last - first + 1), quoted: false, kept, spanStart, spanEnd - spanStart);

            void Add(char ch, int from, int to)
            {
                value.Append(ch);
                sourceStarts.Add(from);
                sourceEnds.Add(to);
            }
        }

        // A wildcard is '*' in the value, never whitespace: trimming cannot remove one.
        private static bool IsTrimmed(StringBuilder value, int index) => IsJavaScriptWhitespace(value[index]);

        /// <summary>
        /// The escapes of an unquoted literal at the backslash at <paramref name="i"/>. An escaped keyword yields its text
        /// as written (peggy returns the matched input of <c>'or'i</c>), the others one character.
        /// </summary>
        private bool TryEscape(int i, out char produced, out int width, out string? keyword)
        {
            produced = '\0';
            width = 2;
            keyword = null;
            if (i + 1 >= _text.Length) return false;
            char next = _text[i + 1];
            if (EscapedWhitespace(next) is char whitespace)
            {
                produced = whitespace;
                return true;
            }
            if (IsSpecial(next))
            {
                produced = next;
                return true;
            }
            if (UnicodeEscapeAt(i) is char unicode)
            {
                produced = unicode;
                width = 6;
                return true;
            }
            foreach (string word in EscapableKeywords)
            {
                if (WordAt(i + 1, word))
                {
                    keyword = _text.Substring(i + 1, word.Length);
                    width = 1 + word.Length;
                    return true;
                }
            }
            return false;
        }

        private static readonly string[] EscapableKeywords = { "or", "and", "not" };

        /// <summary>EscapedWhitespace: <c>\t</c>, <c>\r</c>, <c>\n</c> (lower case only).</summary>
        private static char? EscapedWhitespace(char afterBackslash) => afterBackslash switch
        {
            't' => '\t',
            'r' => '\r',
            'n' => '\n',
            _ => null,
        };

        /// <summary>EscapedUnicodeSequence: <c>\u</c> (lower case) and four hex digits, one UTF-16 unit as String.fromCharCode makes it.</summary>
        public char? UnicodeEscapeAt(int backslash)
        {
            if (backslash + 6 > _text.Length || _text[backslash + 1] != 'u') return null;
            int code = 0;
            for (int k = backslash + 2; k < backslash + 6; k++)
            {
                int digit = HexValue(_text[k]);
                if (digit < 0) return null;
                code = code * 16 + digit;
            }
            return (char)code;
        }

        private static int HexValue(char c) => c switch
        {
            >= '0' and <= '9' => c - '0',
            >= 'a' and <= 'f' => c - 'a' + 10,
            >= 'A' and <= 'F' => c - 'A' + 10,
            _ => -1,
        };

        /// <summary>
        /// What JavaScript's String.prototype.trim removes (ECMAScript WhiteSpace and LineTerminator): Kibana trims
        /// unquoted literals with it. Not char.IsWhiteSpace, which differs (U+0085 yes, U+FEFF no).
        /// </summary>
        public static bool IsJavaScriptWhitespace(char c) =>
            c is '\t' or '\n' or '\v' or '\f' or '\r' or ' ' or '\u00A0' or '\u1680' or (>= '\u2000' and <= '\u200A')
                or '\u2028' or '\u2029' or '\u202F' or '\u205F' or '\u3000' or '\uFEFF';

        /// <summary>
        /// The length of the token at <paramref name="i"/> for an error's underline: 0 at the end, a keyword, one
        /// special or space character, or a run of other characters.
        /// </summary>
        public int TokenLengthAt(int i)
        {
            if (i >= _text.Length) return 0;
            char c = _text[i];
            if (IsSpecial(c) || IsSpace(c)) return 1;
            int end = i;
            while (end < _text.Length && !IsSpecial(_text[end]) && !IsSpace(_text[end])) end++;
            return Math.Min(end - i, 40);
        }

        public string TextAt(int i, int length) => _text.Substring(i, length);
    }
}
