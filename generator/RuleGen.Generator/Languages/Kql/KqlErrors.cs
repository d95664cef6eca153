using System.Text;

namespace RuleGen.Generator.Languages.Kql
{
    /// <summary>
    /// The syntax errors of <see cref="KqlParser"/>: what was expected, what was found, at the offending token (length 0
    /// at the end of the query), with a hint where the usual mistake is known.
    /// </summary>
    internal static class KqlErrors
    {
        private const string EscapeList = @"\\ \( \) \: \< \> \"" \* \{ \} \t \r \n \uXXXX \and \or \not";

        /// <summary>No literal at <paramref name="at"/> where a query had to start (after <paramref name="after"/>, null at the start).</summary>
        public static KqlSyntaxException ExpectedQuery(KqlLexer lexer, int at, string? after)
        {
            string expected = after is null ? "expected a query" : $"expected a query after {after}";
            if (at >= lexer.Text.Length) return new KqlSyntaxException($"{expected}, found the end of the query", at, 0);
            if (lexer.Text[at] == '\\') return InvalidEscape(lexer, at);
            if (lexer.IsNotKeywordAt(at))
            {
                // Only after NOT: the grammar's Not takes a SubQuery, never another NOT.
                return new KqlSyntaxException($"{expected}, found NOT: KQL has no 'not not'; write 'not (not …)'", at, 3);
            }
            return new KqlSyntaxException($"{expected}, found {Describe(lexer, at)}{Hint(lexer.Text[at])}", at, lexer.TokenLengthAt(at));
        }

        /// <summary>No literal at <paramref name="at"/> where a value had to be (after ':', a range sign, or inside a list).</summary>
        public static KqlSyntaxException ExpectedValue(KqlLexer lexer, int at, string after, bool listAllowed)
        {
            string expected = $"expected a value after {after}";
            if (at >= lexer.Text.Length) return new KqlSyntaxException($"{expected}, found the end of the query", at, 0);
            if (lexer.Text[at] == '\\') return InvalidEscape(lexer, at);
            if (lexer.IsNotKeywordAt(at))
            {
                string advice = after switch
                {
                    "NOT" => "KQL has no 'not not'; write 'not (not …)'",
                    "':'" => "to negate, write 'not field:value' or 'field:(not value)'; to match the word, quote it",
                    _ => "to match the word, quote it",
                };
                return new KqlSyntaxException($"{expected}, found NOT: {advice}", at, 3);
            }
            char c = lexer.Text[at];
            string hint = !listAllowed && c == '(' ? " (a range compares with one value, not a list)" : Hint(c);
            return new KqlSyntaxException($"{expected}, found {Describe(lexer, at)}{hint}", at, lexer.TokenLengthAt(at));
        }

        /// <summary>
        /// After a whole query, at the lexer's position (whitespace skipped), something other than AND, OR and
        /// <paramref name="closer"/> (')' or '}' of the opener at <paramref name="open"/>; null: the end of the query).
        /// </summary>
        public static KqlSyntaxException AfterQuery(KqlLexer lexer, char? closer, int open)
        {
            string text = lexer.Text;
            int at = lexer.Position;
            if (at >= text.Length)
            {
                // Only inside parentheses or braces: at the top, the end is what was expected.
                char opener = closer == ')' ? '(' : '{';
                return new KqlSyntaxException($"'{opener}' is never closed: expected '{closer}'", open, 1);
            }
            char c = text[at];
            if (c == '\\') return InvalidEscape(lexer, at);
            string end = closer is char close ? $"'{close}'" : "the end of the query";
            if (closer is null && c is ')' or '}')
            {
                return new KqlSyntaxException($"'{c}' has no matching '{(c == ')' ? '(' : '{')}'", at, 1);
            }

            int length = lexer.TokenLengthAt(at);
            foreach (string keyword in new[] { "and", "or" })
            {
                if (length != keyword.Length || !lexer.WordAt(at, keyword)) continue;
                // The grammar's Or and And are Space+ 'or'i Space+: this one is glued to what stands before or after it.
                string name = keyword.ToUpperInvariant();
                bool spaceBefore = at > 0 && KqlLexer.IsSpace(text[at - 1]);
                string message = !spaceBefore ? $"{name} needs whitespace before it"
                    : at + length >= text.Length ? $"{name} ends the query: expected a query after it"
                    : $"{name} needs whitespace after it";
                return new KqlSyntaxException(message, at, length);
            }
            if (lexer.IsNotKeywordAt(at))
            {
                return new KqlSyntaxException("expected AND or OR before NOT", at, 3);
            }
            return new KqlSyntaxException($"expected AND, OR or {end}, found {Describe(lexer, at)}{Hint(c)}", at, length);
        }

        /// <summary>A backslash at <paramref name="at"/> that starts no escape of an unquoted literal.</summary>
        public static KqlSyntaxException InvalidEscape(KqlLexer lexer, int at)
        {
            string text = lexer.Text;
            if (at + 1 >= text.Length)
            {
                return new KqlSyntaxException(@"a '\' at the end of the query escapes nothing; write '\\' for a backslash", at, 1);
            }
            char next = text[at + 1];
            if (next == 'u')
            {
                return new KqlSyntaxException(@"'\u' must be followed by four hex digits", at, System.Math.Min(6, text.Length - at));
            }
            return new KqlSyntaxException(
                $@"'\{Printable(next.ToString())}' is not a KQL escape; write '\\' for a backslash (escapes: {EscapeList})", at, 2);
        }

        private static string Describe(KqlLexer lexer, int at)
        {
            int length = lexer.TokenLengthAt(at);
            return length == 0 ? "the end of the query" : $"'{Printable(lexer.TextAt(at, length))}'";
        }

        private static string Hint(char c) => c switch
        {
            ':' or '<' or '>' => $" (escape a '{c}' inside a value as '\\{c}', or quote the value)",
            '{' => " (a nested query is written field:{ … })",
            _ => string.Empty,
        };

        /// <summary>The text with control characters shown as escapes, for a message.</summary>
        private static string Printable(string text)
        {
            var builder = new StringBuilder(text.Length);
            foreach (char c in text)
            {
                if (c < ' ' || c == '\u007f') builder.Append("\\u").Append(((int)c).ToString("x4"));
                else builder.Append(c);
            }
            return builder.ToString();
        }
    }
}
