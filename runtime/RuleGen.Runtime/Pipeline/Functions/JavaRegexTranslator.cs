// One source file compiled twice: into the runtime (REPLACE with a pattern computed per row) and, linked, into the
// generator (REPLACE with a constant pattern, checked at build time with a located error). It is therefore written
// for netstandard2.0 and C# without newer BCL APIs.
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

#if NETSTANDARD2_0
namespace RuleGen.Generator.Languages.Esql.Functions.Scalar
#else
namespace RuleGen.Runtime.Pipeline
#endif
{
    /// <summary>
    /// Translates a java.util.regex pattern (ES|QL REPLACE's regex) into a .NET pattern with the same matches, or
    /// says where it cannot: Java's \d \w \s are ASCII (.NET's are Unicode), its '.' also stops at \r \u0085 \u2028
    /// \u2029, \h \v \R \Q…\E \x{…} and POSIX \p{Alpha} have no .NET spelling; possessive quantifiers, class unions
    /// and intersections ([a[b]], [a&amp;&amp;b]), (?U), (?d), (?x) and \X are refused rather than approximated.
    /// </summary>
    internal static class JavaRegexTranslator
    {
        private const string Ascii_s = @" \t\n\x0B\f\r";
        private const string Ascii_h = @" \t\xA0\u1680\u180E\u2000-\u200A\u202F\u205F\u3000";
        private const string Ascii_v = @"\n\x0B\f\r\x85\u2028\u2029";

        private static readonly Dictionary<string, string> Posix = new Dictionary<string, string>
        {
            ["Lower"] = "a-z", ["Upper"] = "A-Z", ["ASCII"] = @"\x00-\x7F", ["Alpha"] = "a-zA-Z", ["Digit"] = "0-9",
            ["Alnum"] = "a-zA-Z0-9", ["Punct"] = @"!-/:-@\[-`{-~", ["Graph"] = "!-~", ["Print"] = " -~", ["Blank"] = @" \t",
            ["Cntrl"] = @"\x00-\x1F\x7F", ["XDigit"] = "0-9a-fA-F", ["Space"] = Ascii_s,
        };

        private static readonly HashSet<string> Categories = new HashSet<string>
        {
            "L", "Lu", "Ll", "Lt", "Lm", "Lo", "M", "Mn", "Mc", "Me", "N", "Nd", "Nl", "No", "P", "Pc", "Pd", "Ps", "Pe",
            "Pi", "Pf", "Po", "S", "Sm", "Sc", "Sk", "So", "Z", "Zs", "Zl", "Zp", "C", "Cc", "Cf", "Cs", "Co", "Cn",
        };

        /// <summary>The .NET pattern, or false with the 0-based offset in <paramref name="java"/> and the reason.</summary>
        public static bool TryTranslate(string java, out string dotnet, out int errorAt, out string error)
        {
            var state = new Translation(java);
            bool ok = state.Run();
            dotnet = ok ? state.Output.ToString() : "";
            errorAt = state.ErrorAt;
            error = state.Error ?? "";
            if (!ok) return false;
            try
            {
                _ = new Regex(dotnet, RegexOptions.CultureInvariant);
            }
            catch (System.ArgumentException e)
            {
                dotnet = "";
                errorAt = java.Length;
                error = "invalid regular expression: " + e.Message;
                return false;
            }
            return true;
        }

        /// <summary>
        /// Java's replacement syntax (Matcher.appendReplacement) in .NET's: \c is c, $n the group n (more digits while
        /// they name a group), ${name} a named group; null where Java throws (a lone '$', a trailing '\', no such group).
        /// </summary>
        public static string? TranslateReplacement(string java, Regex regex)
        {
            int groups = regex.GetGroupNumbers().Length - 1;
            var text = new StringBuilder(java.Length + 8);
            for (int i = 0; i < java.Length; i++)
            {
                char c = java[i];
                if (c == '\\')
                {
                    if (++i == java.Length) return null;
                    Literal(text, java[i]);
                }
                else if (c == '$')
                {
                    if (++i == java.Length) return null;
                    if (java[i] == '{')
                    {
                        int close = java.IndexOf('}', i);
                        if (close < 0) return null;
                        string name = java.Substring(i + 1, close - i - 1);
                        if (name.Length == 0 || regex.GroupNumberFromName(name) < 0 || !IsAsciiLetter(name[0])) return null;
                        text.Append("${").Append(name).Append('}');
                        i = close;
                    }
                    else if (java[i] >= '0' && java[i] <= '9')
                    {
                        int number = java[i] - '0';
                        if (number > groups) return null;
                        while (i + 1 < java.Length && java[i + 1] >= '0' && java[i + 1] <= '9' && number * 10 + (java[i + 1] - '0') <= groups)
                        {
                            number = number * 10 + (java[++i] - '0');
                        }
                        text.Append("${").Append(number.ToString(CultureInfo.InvariantCulture)).Append('}');
                    }
                    else
                    {
                        return null;
                    }
                }
                else
                {
                    Literal(text, c);
                }
            }
            return text.ToString();
        }

        private static void Literal(StringBuilder text, char c) => text.Append(c == '$' ? "$$" : c.ToString());

        private static bool IsAsciiLetter(char c) => c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';

        private sealed class Translation
        {
            private readonly string _java;
            private readonly bool _dotAll;
            private int _i;

            public Translation(string java)
            {
                _java = java;
                _dotAll = HasInlineDotAll(java);
            }

            public StringBuilder Output { get; } = new StringBuilder();

            public int ErrorAt { get; private set; } = -1;

            public string? Error { get; private set; }

            public bool Run()
            {
                while (_i < _java.Length)
                {
                    if (!Atom()) return false;
                }
                return true;
            }

            private bool Fail(int at, string why)
            {
                ErrorAt = at;
                Error = why;
                return false;
            }

            private bool Atom()
            {
                char c = _java[_i];
                switch (c)
                {
                    case '\\':
                        return Escape(inClass: false);
                    case '[':
                        return CharacterClass();
                    case '.':
                        Output.Append(_dotAll ? "." : @"[^\n\r\u0085\u2028\u2029]");
                        _i++;
                        return true;
                    case '(':
                        return Group();
                    case '*':
                    case '+':
                    case '?':
                        Output.Append(c);
                        _i++;
                        return AfterQuantifier();
                    case '{':
                        return Repetition();
                    default:
                        Output.Append(c);
                        _i++;
                        return true;
                }
            }

            private bool AfterQuantifier()
            {
                if (_i < _java.Length && _java[_i] == '+') return Fail(_i, "possessive quantifiers have no .NET equivalent");
                if (_i < _java.Length && _java[_i] == '?')
                {
                    Output.Append('?');
                    _i++;
                }
                return true;
            }

            // Java rejects a '{' that is not a repetition ("Illegal repetition"); .NET would read it as a literal.
            private bool Repetition()
            {
                int start = _i;
                int j = _i + 1;
                int digits = 0;
                while (j < _java.Length && char.IsDigit(_java[j]) && _java[j] <= '9') { j++; digits++; }
                if (digits == 0) return Fail(start, "illegal repetition");
                if (j < _java.Length && _java[j] == ',')
                {
                    j++;
                    while (j < _java.Length && _java[j] >= '0' && _java[j] <= '9') j++;
                }
                if (j >= _java.Length || _java[j] != '}') return Fail(start, "unclosed counted closure");
                Output.Append(_java, start, j + 1 - start);
                _i = j + 1;
                return AfterQuantifier();
            }

            private bool Group()
            {
                int start = _i;
                if (_i + 1 < _java.Length && _java[_i + 1] == '?')
                {
                    if (_i + 2 >= _java.Length) return Fail(start, "unknown group type");
                    char kind = _java[_i + 2];
                    if (kind == ':' || kind == '=' || kind == '!' || kind == '>')
                    {
                        Output.Append(_java, _i, 3);
                        _i += 3;
                        return true;
                    }
                    if (kind == '<')
                    {
                        if (_i + 3 < _java.Length && (_java[_i + 3] == '=' || _java[_i + 3] == '!'))
                        {
                            Output.Append(_java, _i, 4);
                            _i += 4;
                            return true;
                        }
                        int close = _java.IndexOf('>', _i + 3);
                        if (close < 0 || close == _i + 3 || !IsAsciiLetter(_java[_i + 3])) return Fail(start, "invalid group name");
                        for (int k = _i + 3; k < close; k++)
                        {
                            if (!IsAsciiLetter(_java[k]) && !(_java[k] >= '0' && _java[k] <= '9')) return Fail(k, "invalid group name");
                        }
                        Output.Append(_java, _i, close + 1 - _i);
                        _i = close + 1;
                        return true;
                    }
                    // Inline flags: (?imsu-imsu) or (?imsu-imsu:…).
                    int j = _i + 2;
                    while (j < _java.Length && _java[j] != ')' && _java[j] != ':')
                    {
                        char flag = _java[j];
                        if (flag == 'd' || flag == 'U' || flag == 'x') return Fail(j, $"the inline flag '{flag}' has no .NET equivalent");
                        if (flag != 'i' && flag != 'm' && flag != 's' && flag != 'u' && flag != '-') return Fail(j, "unknown inline modifier");
                        j++;
                    }
                    if (j >= _java.Length) return Fail(start, "unclosed group");
                    // 'u' (Unicode case folding) is what .NET's IgnoreCase does anyway: dropped.
                    string flags = _java.Substring(_i + 2, j - _i - 2).Replace("u", "");
                    if (flags.Length == 0 || flags == "-") Output.Append(_java[j] == ':' ? "(?:" : "");
                    else Output.Append("(?").Append(flags).Append(_java[j]);
                    _i = j + 1;
                    return true;
                }
                Output.Append('(');
                _i++;
                return true;
            }

            private bool CharacterClass()
            {
                int start = _i;
                Output.Append('[');
                _i++;
                if (_i < _java.Length && _java[_i] == '^')
                {
                    Output.Append('^');
                    _i++;
                }
                if (_i < _java.Length && _java[_i] == ']') return Fail(_i, "a ']' first in a class is read differently by Java and .NET");
                while (_i < _java.Length)
                {
                    char c = _java[_i];
                    if (c == ']')
                    {
                        Output.Append(']');
                        _i++;
                        return true;
                    }
                    if (c == '[') return Fail(_i, "nested character classes (unions) have no .NET equivalent");
                    if (c == '&' && _i + 1 < _java.Length && _java[_i + 1] == '&') return Fail(_i, "class intersections have no .NET equivalent");
                    if (c == '\\')
                    {
                        if (!Escape(inClass: true)) return false;
                        continue;
                    }
                    Output.Append(c);
                    _i++;
                }
                return Fail(start, "unclosed character class");
            }

            private bool Escape(bool inClass)
            {
                int start = _i;
                if (_i + 1 >= _java.Length) return Fail(start, "unexpected end of pattern after '\\'");
                char c = _java[_i + 1];
                _i += 2;
                switch (c)
                {
                    case 'd': return Set(inClass, "0-9");
                    case 'w': return Set(inClass, "a-zA-Z_0-9");
                    case 's': return Set(inClass, Ascii_s);
                    case 'h': return Set(inClass, Ascii_h);
                    case 'v': return Set(inClass, Ascii_v);
                    case 'D': return Negated(inClass, start, "0-9");
                    case 'W': return Negated(inClass, start, "a-zA-Z_0-9");
                    case 'S': return Negated(inClass, start, Ascii_s);
                    case 'H': return Negated(inClass, start, Ascii_h);
                    case 'V': return Negated(inClass, start, Ascii_v);
                    case 'R':
                        if (inClass) return Fail(start, @"\R inside a class");
                        Output.Append(@"(?:\r\n|[" + Ascii_v + "])");
                        return true;
                    case 'Q':
                        {
                            int end = _java.IndexOf(@"\E", _i, System.StringComparison.Ordinal);
                            string quoted = end < 0 ? _java.Substring(_i) : _java.Substring(_i, end - _i);
                            foreach (char q in quoted) Output.Append(inClass ? EscapeInClass(q) : Regex.Escape(q.ToString()));
                            _i = end < 0 ? _java.Length : end + 2;
                            return true;
                        }
                    case 'x':
                        return HexEscape(start, inClass);
                    case '0':
                        {
                            int value = 0, digits = 0;
                            while (digits < 3 && _i < _java.Length && _java[_i] >= '0' && _java[_i] <= '7' && value * 8 + (_java[_i] - '0') <= 0xFF)
                            {
                                value = value * 8 + (_java[_i++] - '0');
                                digits++;
                            }
                            if (digits == 0) return Fail(start, "illegal octal escape sequence");
                            Output.Append(@"\u").Append(value.ToString("X4", CultureInfo.InvariantCulture));
                            return true;
                        }
                    case 'p':
                    case 'P':
                        return Property(start, inClass, c == 'P');
                    case 'b':
                    case 'B':
                    case 'A':
                    case 'z':
                    case 'Z':
                    case 'G':
                        if (inClass) return Fail(start, $"\\{c} inside a class");
                        if (c == 'b' && _i < _java.Length && _java[_i] == '{') return Fail(start, @"\b{g} has no .NET equivalent");
                        Output.Append('\\').Append(c);
                        return true;
                    case 't':
                    case 'n':
                    case 'r':
                    case 'f':
                    case 'a':
                    case 'e':
                        Output.Append('\\').Append(c);
                        return true;
                    case 'u':
                    case 'c':
                        Output.Append('\\').Append(c);
                        return true;
                    case 'k':
                        if (inClass) return Fail(start, @"\k inside a class");
                        Output.Append(@"\k");
                        return true;
                    default:
                        if (c >= '1' && c <= '9')
                        {
                            if (inClass) return Fail(start, "a back reference inside a class");
                            Output.Append('\\').Append(c);
                            return true;
                        }
                        if (IsAsciiLetter(c)) return Fail(start, $"\\{c} is not a Java escape RuleGen can translate");
                        Output.Append('\\').Append(c);
                        return true;
                }
            }

            private bool Set(bool inClass, string members)
            {
                Output.Append(inClass ? members : "[" + members + "]");
                return true;
            }

            private bool Negated(bool inClass, int start, string members)
            {
                if (inClass) return Fail(start, "a negated shorthand inside a class has no .NET equivalent");
                Output.Append("[^" + members + "]");
                return true;
            }

            private bool HexEscape(int start, bool inClass)
            {
                if (_i < _java.Length && _java[_i] == '{')
                {
                    int close = _java.IndexOf('}', _i);
                    if (close < 0 || !int.TryParse(_java.Substring(_i + 1, close - _i - 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int cp) || cp > 0x10FFFF)
                    {
                        return Fail(start, "illegal hexadecimal escape sequence");
                    }
                    _i = close + 1;
                    if (cp <= 0xFFFF)
                    {
                        Output.Append(@"\u").Append(cp.ToString("X4", CultureInfo.InvariantCulture));
                        return true;
                    }
                    if (inClass) return Fail(start, "a code point above U+FFFF inside a class has no .NET equivalent");
                    Output.Append("(?:").Append(Regex.Escape(char.ConvertFromUtf32(cp))).Append(')');
                    return true;
                }
                Output.Append(@"\x");
                return true;
            }

            private bool Property(int start, bool inClass, bool negated)
            {
                string name;
                if (_i < _java.Length && _java[_i] == '{')
                {
                    int close = _java.IndexOf('}', _i);
                    if (close < 0) return Fail(start, "unclosed character family");
                    name = _java.Substring(_i + 1, close - _i - 1);
                    _i = close + 1;
                }
                else if (_i < _java.Length)
                {
                    name = _java[_i++].ToString();
                }
                else
                {
                    return Fail(start, "unexpected end of pattern");
                }
                string category = name.StartsWith("Is", System.StringComparison.Ordinal) && Categories.Contains(name.Substring(2)) ? name.Substring(2)
                    : name.StartsWith("general_category=", System.StringComparison.Ordinal) ? name.Substring(17)
                    : name.StartsWith("gc=", System.StringComparison.Ordinal) ? name.Substring(3)
                    : name;
                if (Categories.Contains(category))
                {
                    Output.Append(negated ? @"\P{" : @"\p{").Append(category).Append('}');
                    return true;
                }
                if (Posix.TryGetValue(name, out string? members))
                {
                    if (negated) return negated && inClass ? Fail(start, "a negated POSIX class inside a class has no .NET equivalent") : Negated(false, start, members);
                    return Set(inClass, members);
                }
                return Fail(start, $"the character property {{{name}}} has no .NET equivalent RuleGen knows");
            }

            private static string EscapeInClass(char c) => c == '\\' || c == ']' || c == '[' || c == '^' || c == '-' ? "\\" + c : c.ToString();

            // A (?s) anywhere makes '.' the .NET '.' (which the same inline flag then scopes); without it '.' is Java's.
            private static bool HasInlineDotAll(string java)
            {
                for (int i = java.IndexOf("(?", System.StringComparison.Ordinal); i >= 0; i = java.IndexOf("(?", i + 2, System.StringComparison.Ordinal))
                {
                    for (int j = i + 2; j < java.Length && java[j] != ')' && java[j] != ':' && java[j] != '-'; j++)
                    {
                        if (java[j] == 's') return true;
                        if (!char.IsLetter(java[j])) break;
                    }
                }
                return false;
            }
        }
    }
}
