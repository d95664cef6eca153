using System.Collections.Generic;

namespace RuleGen.Generator.Languages.Sigma
{
    internal enum SigmaTokenKind { Word, Number, LeftParen, RightParen, Pipe, Other, End }

    internal readonly record struct SigmaToken(SigmaTokenKind Kind, string Text, int Start)
    {
        public int Length => Text.Length;

        /// <summary>A keyword test; Sigma keywords are lower case (pySigma's grammar matches them as written).</summary>
        public bool Is(string keyword) => Kind == SigmaTokenKind.Word && Text == keyword;
    }

    /// <summary>
    /// Splits a condition into words, numbers, parentheses and the legacy pipe. A word is what a search identifier
    /// or an identifier pattern can be: letters, digits, <c>_</c>, <c>-</c>, <c>.</c> and the pattern wildcard <c>*</c>.
    /// </summary>
    internal static class SigmaConditionLexer
    {
        public static List<SigmaToken> Tokenize(string text)
        {
            var tokens = new List<SigmaToken>();
            int i = 0;
            while (i < text.Length)
            {
                char c = text[i];
                if (char.IsWhiteSpace(c)) { i++; continue; }
                int start = i;
                if (c == '(') { tokens.Add(new SigmaToken(SigmaTokenKind.LeftParen, "(", i++)); continue; }
                if (c == ')') { tokens.Add(new SigmaToken(SigmaTokenKind.RightParen, ")", i++)); continue; }
                if (c == '|') { tokens.Add(new SigmaToken(SigmaTokenKind.Pipe, "|", i++)); continue; }
                if (IsWordChar(c))
                {
                    while (i < text.Length && IsWordChar(text[i])) i++;
                    string word = text.Substring(start, i - start);
                    bool number = true;
                    foreach (char d in word) number &= d is >= '0' and <= '9';
                    tokens.Add(new SigmaToken(number ? SigmaTokenKind.Number : SigmaTokenKind.Word, word, start));
                    continue;
                }
                tokens.Add(new SigmaToken(SigmaTokenKind.Other, c.ToString(), i++));
            }
            tokens.Add(new SigmaToken(SigmaTokenKind.End, "", text.Length));
            return tokens;
        }

        private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '-' or '.' or '*';
    }
}
