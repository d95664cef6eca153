using System;
using System.Text;
using System.Text.RegularExpressions;

using RuleGen.Generator.Ir;
using RuleGen.Generator.Planning;

namespace RuleGen.Generator.Languages
{
    /// <summary>
    /// Translates an ES|QL RLIKE pattern (Lucene RegExp syntax) into an anchored .NET pattern at build time. Lucene
    /// differs from .NET: the match is always whole-value, <c>^</c> and <c>$</c> are plain characters, a backslash
    /// escapes any character, <c>"…"</c> quotes a literal, and <c>@ &amp; ~ # &lt;n-m&gt;</c> are operators.
    /// </summary>
    internal static class LuceneRegex
    {
        public sealed class TranslationException : Exception
        {
            public TranslationException(string message, int offset, bool notSupported = false) : base(message)
            {
                Offset = offset;
                NotSupported = notSupported;
            }

            public int Offset { get; }

            public bool NotSupported { get; }
        }

        // Lucene compiles a regex to an automaton, which matches in time linear in the value; a backtracking engine
        // can take exponential time on patterns such as (.*a){20} (an event of 31 bytes hung a scan).
        // NonBacktracking is .NET's automaton engine (the generator's own netstandard2.0 Regex lacks the flag, so
        // the value is spelt out; the emitted code names it).
        public const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.Singleline | (RegexOptions)1024;

        /// <summary>Compiles the translation as the detector will (with the automaton engine where the compiler's
        /// runtime has it; a .NET Framework host only checks the syntax).</summary>
        private static void Validate(string translated)
        {
            try
            {
                _ = new Regex(translated, Options);
            }
            catch (ArgumentOutOfRangeException e) when (e.ParamName == "options")
            {
                _ = new Regex(translated, Options & ~(RegexOptions)1024);
            }
        }

        public static string Translate(string pattern)
        {
            var result = new StringBuilder("\\A(?:");
            int i = 0;
            while (i < pattern.Length)
            {
                char c = pattern[i];
                switch (c)
                {
                    case '\\':
                        if (i + 1 >= pattern.Length) throw new TranslationException("a trailing '\\' escapes nothing", i);
                        result.Append(Escape(pattern[i + 1], inClass: false));
                        i += 2;
                        continue;
                    case '"':
                        int close = pattern.IndexOf('"', i + 1);
                        if (close < 0) throw new TranslationException("unterminated \"…\" literal", i);
                        result.Append(Regex.Escape(pattern.Substring(i + 1, close - i - 1)));
                        i = close + 1;
                        continue;
                    case '[':
                        i = TranslateClass(pattern, i, result);
                        continue;
                    case '{':
                        int end = pattern.IndexOf('}', i);
                        if (end < 0 || !Regex.IsMatch(pattern.Substring(i, end - i + 1), "^\\{[0-9]+(,[0-9]*)?\\}$"))
                        {
                            throw new TranslationException("'{' must start a repeat such as {3} or {2,5}", i);
                        }
                        result.Append(pattern, i, end - i + 1);
                        i = end + 1;
                        continue;
                    case '(':
                        if (i + 1 < pattern.Length && pattern[i + 1] == '?') throw new TranslationException("'(?' is not Lucene syntax", i);
                        result.Append("(?:");
                        i++;
                        continue;
                    case ')': case '|': case '*': case '+': case '?': case '.':
                        result.Append(c);
                        i++;
                        continue;
                    case '@': case '&': case '~': case '#': case '<': case '>':
                        throw new TranslationException($"The Lucene regex operator '{c}'", i, notSupported: true);
                    default:
                        result.Append(Literal(c));
                        i++;
                        continue;
                }
            }
            result.Append(")\\z");
            string translated = result.ToString();
            try
            {
                Validate(translated);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException)
            {
                throw new TranslationException(e.Message, 0);
            }
            return translated;
        }

        private static int TranslateClass(string pattern, int start, StringBuilder result)
        {
            int i = start + 1;
            result.Append('[');
            if (i < pattern.Length && pattern[i] == '^')
            {
                result.Append('^');
                i++;
            }
            bool any = false;
            while (i < pattern.Length && (pattern[i] != ']' || !any))
            {
                char c = pattern[i];
                if (c == '\\')
                {
                    if (i + 1 >= pattern.Length) break;
                    result.Append(Escape(pattern[i + 1], inClass: true));
                    i += 2;
                }
                else if (c == '-' && any && i + 1 < pattern.Length && pattern[i + 1] != ']')
                {
                    result.Append('-');
                    i++;
                }
                else
                {
                    result.Append(c is '[' or ']' or '^' or '-' ? "\\" + c : c.ToString());
                    i++;
                }
                any = true;
            }
            if (i >= pattern.Length) throw new TranslationException("unterminated '[' character class", start);
            result.Append(']');
            return i + 1;
        }

        /// <summary>A character that stands for itself.</summary>
        private static string Literal(char c) =>
            char.IsLetterOrDigit(c) || c == '_' ? c.ToString() : "\\" + (c switch { '\n' => "n", '\r' => "r", '\t' => "t", _ => c.ToString() });

        /// <summary>A character after a backslash: \d \w \s (and negations) are classes, anything else is itself.</summary>
        private static string Escape(char c, bool inClass)
        {
            // Lucene 9 knows \d \w \s (and their negations) as classes; every other escaped character is itself.
            switch (c)
            {
                case 'd': return inClass ? "0-9" : "[0-9]";
                case 'D': return "[^0-9]";
                case 'w': return inClass ? "a-zA-Z0-9_" : "[a-zA-Z0-9_]";
                case 'W': return "[^a-zA-Z0-9_]";
                case 's': return inClass ? " \\t\\n\\r\\f\\v" : "[ \\t\\n\\r\\f\\v]";
                case 'S': return "[^ \\t\\n\\r\\f\\v]";
            }
            return Literal(c);
        }
    }
}
