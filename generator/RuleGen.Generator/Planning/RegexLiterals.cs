using System.Text;

namespace RuleGen.Generator.Planning
{
    /// <summary>
    /// The longest run of characters every match of a .NET regex must contain, for the prefilter
    /// (<see cref="RequiredLiterals"/>): Sigma's <c>userIdentity.arn|re: '.+:assumed-role/aws:.+'</c> needs
    /// ":assumed-role" and "aws:" in the event. Conservative by construction: only the pattern's top level is read
    /// (a group, class, escape class or anchor ends a run), a top-level alternation gives nothing, a quantifier that
    /// allows zero takes back the character before it, and inline options other than one leading group give nothing.
    /// Characters the caller cannot look for in raw JSON bytes end a run too (<paramref name="eligible"/>).
    /// </summary>
    internal static class RegexLiterals
    {
        /// <summary>The longest required run (null when there is none), and whether the pattern itself ignores case.</summary>
        public static string? LongestRun(string pattern, System.Func<char, bool> eligible, out bool ignoresCase)
        {
            ignoresCase = false;
            string body = pattern;
            // Sigma's translations start with one options group, (?i-s) say; other inline options could change case
            // half-way, so they give nothing.
            if (body.StartsWith("(?", System.StringComparison.Ordinal) && OptionsGroupEnd(body, 2) is int end)
            {
                string options = body.Substring(2, end - 2);
                int minus = options.IndexOf('-');
                ignoresCase = (minus < 0 ? options : options.Substring(0, minus)).IndexOf('i') >= 0;
                body = body.Substring(end + 1);
            }
            // Lucene's and ES|QL's translations wrap the whole pattern: \A(?:…)\z.
            if (body.StartsWith("\\A(?:", System.StringComparison.Ordinal) && body.EndsWith(")\\z", System.StringComparison.Ordinal)
                && GroupEnd(body, 2) == body.Length - 3)
            {
                body = body.Substring(5, body.Length - 8);
            }
            return Scan(body, eligible);
        }

        private static string? Scan(string body, System.Func<char, bool> eligible)
        {
            string longest = string.Empty;
            var run = new StringBuilder();
            void Close()
            {
                if (run.Length > longest.Length) longest = run.ToString();
                run.Clear();
            }
            for (int i = 0; i < body.Length; i++)
            {
                char c = body[i];
                switch (c)
                {
                    case '|':
                        return null;
                    case '(':
                        if (i + 2 < body.Length && body[i + 1] == '?' && IsOptionChar(body[i + 2])) return null;
                        Close();
                        int close = GroupEnd(body, i);
                        if (close < 0) return null;
                        i = close;
                        break;
                    case '[':
                        Close();
                        int classEnd = ClassEnd(body, i);
                        if (classEnd < 0) return null;
                        i = classEnd;
                        break;
                    case '.':
                    case '^':
                    case '$':
                        Close();
                        break;
                    case '*':
                    case '?':
                        // The character before may be absent: it leaves the run.
                        if (run.Length > 0) run.Length--;
                        Close();
                        break;
                    case '+':
                        Close();
                        break;
                    case '{':
                        if (Quantifier(body, i, out int min, out int quantifierEnd))
                        {
                            if (min == 0 && run.Length > 0) run.Length--;
                            Close();
                            i = quantifierEnd;
                        }
                        else
                        {
                            Append('{');
                        }
                        break;
                    case '\\':
                        if (i + 1 >= body.Length) return null;
                        char escaped = body[++i];
                        // \d, \w, \b, \x41, \p{L}, \k<name>, \1: a class, an anchor, a code or a reference, never
                        // itself, and its argument is no literal either; only an escaped symbol is itself.
                        if (char.IsLetterOrDigit(escaped))
                        {
                            Close();
                            i = EscapeEnd(body, i);
                            if (i < 0) return null;
                        }
                        else
                        {
                            Append(escaped);
                        }
                        break;
                    default:
                        Append(c);
                        break;
                }
            }
            Close();
            return longest.Length == 0 ? null : longest;

            void Append(char ch)
            {
                if (eligible(ch)) run.Append(ch);
                else Close();
            }
        }

        /// <summary>
        /// The last index of an escape whose letter or digit is at <paramref name="at"/>: its argument included
        /// (\x41, \u0041, \cA, \p{L}, \k&lt;name&gt;, \k'name', \12, \012); -1 when the argument is cut off.
        /// </summary>
        private static int EscapeEnd(string pattern, int at)
        {
            char letter = pattern[at];
            int Fixed(int count) => at + count < pattern.Length ? at + count : -1;
            int Until(char close)
            {
                int end = pattern.IndexOf(close, at + 2);
                return end < 0 ? -1 : end;
            }
            switch (letter)
            {
                case 'x': return Fixed(2);
                case 'u': return Fixed(4);
                case 'c': return Fixed(1);
                case 'p':
                case 'P':
                    return at + 1 < pattern.Length && pattern[at + 1] == '{' ? Until('}') : Fixed(1);
                case 'k':
                    if (at + 1 >= pattern.Length) return -1;
                    return pattern[at + 1] switch { '<' => Until('>'), '\'' => Until('\''), '{' => Until('}'), _ => at };
                default:
                    if (!char.IsDigit(letter)) return at;
                    int i = at;
                    while (i + 1 < pattern.Length && char.IsDigit(pattern[i + 1])) i++;
                    return i;
            }
        }

        private static bool IsOptionChar(char c) => c is 'i' or 'm' or 's' or 'x' or 'n' or '-';

        /// <summary>The index of the ')' of an options group "(?imsx-imsx)" starting at 0, or null.</summary>
        private static int? OptionsGroupEnd(string pattern, int from)
        {
            for (int i = from; i < pattern.Length; i++)
            {
                if (pattern[i] == ')') return i > from ? i : null;
                if (!IsOptionChar(pattern[i])) return null;
            }
            return null;
        }

        /// <summary>The index of the ')' closing the group that opens at <paramref name="open"/>, or -1.</summary>
        private static int GroupEnd(string pattern, int open)
        {
            int depth = 0;
            for (int i = open; i < pattern.Length; i++)
            {
                char c = pattern[i];
                if (c == '\\') { i++; continue; }
                if (c == '[')
                {
                    i = ClassEnd(pattern, i);
                    if (i < 0) return -1;
                    continue;
                }
                if (c == '(') depth++;
                else if (c == ')' && --depth == 0) return i;
            }
            return -1;
        }

        /// <summary>The index of the ']' closing the class that opens at <paramref name="open"/> (a leading ']' or '^]' is literal), or -1.</summary>
        private static int ClassEnd(string pattern, int open)
        {
            int i = open + 1;
            if (i < pattern.Length && pattern[i] == '^') i++;
            if (i < pattern.Length && pattern[i] == ']') i++;
            for (; i < pattern.Length; i++)
            {
                char c = pattern[i];
                if (c == '\\') { i++; continue; }
                // A nested class subtraction [a-z-[aeiou]] closes with its own ']'.
                if (c == '[')
                {
                    int inner = ClassEnd(pattern, i);
                    if (inner < 0) return -1;
                    i = inner;
                    continue;
                }
                if (c == ']') return i;
            }
            return -1;
        }

        /// <summary>Whether a quantifier {n}, {n,} or {n,m} starts at <paramref name="at"/> (.NET reads any other '{' as itself).</summary>
        private static bool Quantifier(string pattern, int at, out int min, out int end)
        {
            min = 0;
            end = at;
            int i = at + 1, start = i;
            while (i < pattern.Length && char.IsDigit(pattern[i])) i++;
            if (i == start || i >= pattern.Length || !int.TryParse(pattern.Substring(start, i - start), out min)) return false;
            if (pattern[i] == ',')
            {
                i++;
                while (i < pattern.Length && char.IsDigit(pattern[i])) i++;
            }
            if (i >= pattern.Length || pattern[i] != '}') return false;
            end = i;
            return true;
        }
    }
}
