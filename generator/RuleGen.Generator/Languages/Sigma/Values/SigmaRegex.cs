using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace RuleGen.Generator.Languages.Sigma.Values
{
    /// <summary>
    /// A Sigma <c>re</c> value (spec appendix "Regular Expression": PCRE flavour, case-sensitive unless <c>i</c>) as a
    /// .NET pattern. The match is a search, not a whole-value match: the appendix v2.0.1 lists <c>^</c> and <c>$</c>
    /// among the metacharacters a rule writes to anchor (they would mean nothing if the value were always matched
    /// whole), and PCRE's and Python's <c>re.search</c>, which pySigma's backends target, are unanchored.
    /// <para>
    /// What PCRE writes and .NET reads differently is rewritten: <c>(?P&lt;n&gt;…)</c>, <c>(?P=n)</c>, <c>\x{…}</c>,
    /// <c>\o{…}</c>, <c>\h</c>/<c>\H</c>, PCRE's <c>\v</c>/<c>\V</c> (vertical space; .NET's <c>\v</c> is one
    /// character), <c>\R</c>, <c>\N</c>, <c>\Q…\E</c>, POSIX classes <c>[[:alpha:]]</c>, <c>\pL</c> and <c>\p{^L}</c>,
    /// <c>{,n}</c> (PCRE2 10.43 and Python: 0 to n; .NET: literal text), possessive quantifiers (an atomic group), a
    /// <c>[</c> inside a class (literal in PCRE; .NET would read <c>-[…]</c> as subtraction). Constructs .NET has no
    /// equivalent for (recursion, branch reset, <c>\K</c>, verbs, script names in <c>\p{…}</c>, <c>(?U)</c>) are
    /// "not supported"; anything else .NET rejects is an invalid pattern with .NET's message. PCRE's <c>\Z</c>,
    /// <c>\z</c>, <c>\A</c>, <c>\e</c>, atomic groups, lookarounds and backreferences mean the same in .NET.
    /// </para>
    /// </summary>
    internal static class SigmaRegex
    {
        /// <summary>The translation, and whether it needs the backtracking engine (then it runs with a timeout).</summary>
        internal sealed record Translation(string Pattern, bool Backtracking);

        /// <summary>Translates and checks a pattern; throws <see cref="LuceneRegex.TranslationException"/> with an offset into it.</summary>
        public static Translation Translate(string pattern, bool ignoreCase, bool multiLine, bool dotAll)
        {
            var translator = new Translator(pattern);
            string body = translator.Run();
            // The emitter always passes Singleline; inline options at the start set the rule's own flags.
            string options = "(?" + (ignoreCase ? "i" : "") + (multiLine ? "m" : "") + (dotAll ? "s" : "-s") + ")";
            string translated = options + body;
            bool backtracking = translator.Backtracking | Validate(translated);
            return new Translation(translated, backtracking);
        }

        private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.Singleline;

        /// <summary>Compiles the translation as the detector will; true when the automaton engine refuses it.</summary>
        private static bool Validate(string translated)
        {
            try
            {
                _ = new Regex(translated, Options);
            }
            catch (ArgumentException e)
            {
                throw new LuceneRegex.TranslationException(e.Message, 0);
            }
            try
            {
                _ = new Regex(translated, Options | (RegexOptions)1024);
                return false;
            }
            catch (NotSupportedException)
            {
                return true;
            }
            catch (ArgumentOutOfRangeException)
            {
                // A .NET Framework host has no NonBacktracking: the translator's own findings decide.
                return false;
            }
        }

        private static readonly HashSet<string> GeneralCategories = new(StringComparer.Ordinal)
        {
            "L", "Lu", "Ll", "Lt", "Lm", "Lo", "M", "Mn", "Mc", "Me", "N", "Nd", "Nl", "No", "P", "Pc", "Pd", "Ps", "Pe",
            "Pi", "Pf", "Po", "S", "Sm", "Sc", "Sk", "So", "Z", "Zs", "Zl", "Zp", "C", "Cc", "Cf", "Cs", "Co", "Cn",
        };

        /// <summary>POSIX bracket classes as PCRE defines them without UCP (ASCII), as .NET class content.</summary>
        private static readonly Dictionary<string, string> Posix = new(StringComparer.Ordinal)
        {
            ["alpha"] = "a-zA-Z", ["digit"] = "0-9", ["alnum"] = "a-zA-Z0-9", ["upper"] = "A-Z", ["lower"] = "a-z",
            ["space"] = "\\t\\n\\x0B\\f\\r ", ["blank"] = " \\t", ["xdigit"] = "0-9A-Fa-f", ["word"] = "a-zA-Z0-9_",
            ["punct"] = "!-/:-@\\[-`{-~", ["cntrl"] = "\\x00-\\x1F\\x7F", ["print"] = " -~", ["graph"] = "!-~",
            ["ascii"] = "\\x00-\\x7F",
        };

        private const string Horizontal = "\\t\\x20\\xA0\\u1680\\u180E\\u2000-\\u200A\\u202F\\u205F\\u3000";

        private const string Vertical = "\\n\\x0B\\f\\r\\x85\\u2028\\u2029";

        private sealed class Translator
        {
            private readonly string _p;
            private readonly StringBuilder _out = new();
            private readonly Stack<int> _groups = new();
            private int _i;
            private int _atom = -1;

            public Translator(string pattern) => _p = pattern;

            public bool Backtracking { get; private set; }

            public string Run()
            {
                while (_i < _p.Length)
                {
                    char c = _p[_i];
                    int start = _out.Length;
                    switch (c)
                    {
                        case '\\':
                            Escape(start);
                            break;
                        case '[':
                            _out.Append(Class());
                            _atom = start;
                            break;
                        case '(':
                            Group();
                            break;
                        case ')':
                            _i++;
                            _out.Append(')');
                            _atom = _groups.Count > 0 ? _groups.Pop() : -1;
                            break;
                        case '*':
                        case '+':
                        case '?':
                            _i++;
                            _out.Append(c);
                            Suffix();
                            break;
                        case '{':
                            if (!Braces()) Literal("\\{");
                            break;
                        case '|':
                        case '^':
                        case '$':
                            _i++;
                            _out.Append(c);
                            _atom = -1;
                            break;
                        default:
                            _i++;
                            _out.Append(c);
                            _atom = start;
                            break;
                    }
                }
                return _out.ToString();
            }

            private void Literal(string text)
            {
                _atom = _out.Length;
                _out.Append(text);
                _i++;
            }

            private static LuceneRegex.TranslationException NotSupported(string what, int at) =>
                new($"the regex construct {what} is not supported (no .NET equivalent)", at, notSupported: true);

            /// <summary>After a quantifier: lazy <c>?</c> stays, possessive <c>+</c> becomes an atomic group around the atom.</summary>
            private void Suffix()
            {
                if (_i < _p.Length && _p[_i] == '?')
                {
                    _out.Append('?');
                    _i++;
                }
                else if (_i < _p.Length && _p[_i] == '+')
                {
                    _i++;
                    if (_atom < 0) throw new LuceneRegex.TranslationException("a possessive quantifier follows nothing", _i - 1);
                    _out.Insert(_atom, "(?>").Append(')');
                    Backtracking = true;
                }
                _atom = -1;
            }

            /// <summary><c>{n}</c>, <c>{n,}</c>, <c>{n,m}</c>, <c>{,m}</c> as a quantifier; false when the brace is literal text.</summary>
            private bool Braces()
            {
                int close = _p.IndexOf('}', _i);
                if (close < 0) return false;
                string inner = _p.Substring(_i + 1, close - _i - 1);
                int comma = inner.IndexOf(',');
                string low = comma < 0 ? inner : inner.Substring(0, comma);
                string high = comma < 0 ? "" : inner.Substring(comma + 1);
                if (!AllDigits(low) || !AllDigits(high) || inner.IndexOf(',', comma + 1) >= 0 && comma >= 0) return false;
                if (low.Length == 0 && (comma < 0 || high.Length == 0)) return false;
                _out.Append('{').Append(low.Length == 0 ? "0" : low);
                if (comma >= 0) _out.Append(',').Append(high);
                _out.Append('}');
                _i = close + 1;
                Suffix();
                return true;
            }

            private static bool AllDigits(string s)
            {
                foreach (char c in s)
                {
                    if (c < '0' || c > '9') return false;
                }
                return true;
            }

            private void Group()
            {
                int start = _out.Length;
                int at = _i;
                string rest = _p.Substring(_i);
                _groups.Push(start);
                if (rest.StartsWith("(?P<", StringComparison.Ordinal))
                {
                    _out.Append("(?<");
                    _i += 4;
                    return;
                }
                if (rest.StartsWith("(?P=", StringComparison.Ordinal))
                {
                    _groups.Pop();
                    int close = _p.IndexOf(')', _i);
                    if (close < 0) throw new LuceneRegex.TranslationException("unterminated (?P=name)", at);
                    _out.Append("\\k<").Append(_p, _i + 4, close - _i - 4).Append('>');
                    _i = close + 1;
                    _atom = start;
                    Backtracking = true;
                    return;
                }
                if (rest.StartsWith("(?#", StringComparison.Ordinal))
                {
                    _groups.Pop();
                    int close = _p.IndexOf(')', _i);
                    if (close < 0) throw new LuceneRegex.TranslationException("unterminated (?# comment", at);
                    _i = close + 1;
                    return;
                }
                if (rest.StartsWith("(*", StringComparison.Ordinal)) throw NotSupported("(*VERB)", at);
                if (rest.StartsWith("(?", StringComparison.Ordinal) && rest.Length > 2)
                {
                    char k = rest[2];
                    if (k is '=' or '!' or '>' or '(' || rest.StartsWith("(?<=", StringComparison.Ordinal) || rest.StartsWith("(?<!", StringComparison.Ordinal))
                    {
                        Backtracking = true;
                    }
                    else if (k is '|') throw NotSupported("(?| branch reset", at);
                    else if (k is 'R' or '&' or '+' || char.IsDigit(k) || k == '-' && rest.Length > 3 && char.IsDigit(rest[3]) || rest.StartsWith("(?P>", StringComparison.Ordinal))
                        throw NotSupported("recursion or subroutine call", at);
                    else if (k is 'C') throw NotSupported("(?C callout", at);
                    else if (k is not (':' or '<' or '\''))
                    {
                        // Inline flags (?imsx-imsx) or (?imsx-imsx:...): .NET knows i m s x n; PCRE's U and J it does not.
                        int j = 2;
                        while (j < rest.Length && rest[j] is not (')' or ':'))
                        {
                            if (rest[j] is not ('i' or 'm' or 's' or 'x' or 'n' or '-' or '^')) throw NotSupported($"inline flag '{rest[j]}'", at + j);
                            j++;
                        }
                        if (rest.IndexOf('^', 0, j) >= 0) throw NotSupported("inline flag '^'", at);
                        if (j < rest.Length && rest[j] == ')')
                        {
                            _groups.Pop();
                            _out.Append(rest, 0, j + 1);
                            _i += j + 1;
                            _atom = -1;
                            return;
                        }
                    }
                }
                _out.Append('(');
                _i++;
            }

            private void Escape(int start)
            {
                int at = _i;
                if (_i + 1 >= _p.Length) throw new LuceneRegex.TranslationException("a pattern cannot end with a backslash", at);
                char c = _p[_i + 1];
                _i += 2;
                _atom = start;
                switch (c)
                {
                    case 'Q':
                    {
                        int end = _p.IndexOf("\\E", _i, StringComparison.Ordinal);
                        string quoted = end < 0 ? _p.Substring(_i) : _p.Substring(_i, end - _i);
                        _i = end < 0 ? _p.Length : end + 2;
                        _atom = -1;
                        foreach (char q in quoted)
                        {
                            _atom = _out.Length;
                            _out.Append(Regex.Escape(q.ToString()));
                        }
                        return;
                    }
                    case 'E':
                        _atom = -1;
                        return; // a \E without \Q is ignored, as PCRE does
                    case 'A': case 'z': case 'Z': case 'b': case 'B':
                        _out.Append('\\').Append(c);
                        _atom = -1;
                        return;
                    case 'G':
                        _out.Append("\\G");
                        _atom = -1;
                        Backtracking = true;
                        return;
                    case 'K': throw NotSupported("\\K", at);
                    case 'X': throw NotSupported("\\X", at);
                    case 'C': throw NotSupported("\\C", at);
                    case 'h': _out.Append('[').Append(Horizontal).Append(']'); return;
                    case 'H': _out.Append("[^").Append(Horizontal).Append(']'); return;
                    case 'v': _out.Append('[').Append(Vertical).Append(']'); return;
                    case 'V': _out.Append("[^").Append(Vertical).Append(']'); return;
                    case 'N': _out.Append("[^\\n]"); return;
                    case 'R': _out.Append("(?:\\r\\n|[").Append(Vertical).Append("])"); return;
                    case 'x': _out.Append(Hex(at)); return;
                    case 'o': _out.Append(Octal(at)); return;
                    case 'p': case 'P': _out.Append(Property(c == 'P', at, inClass: false)); return;
                    case 'g': case 'k':
                        _out.Append(BackReference(c, at));
                        Backtracking = true;
                        return;
                    default:
                        if (c >= '1' && c <= '9') Backtracking = true;
                        _out.Append('\\').Append(c);
                        return;
                }
            }

            /// <summary><c>\xhh</c> (PCRE: up to two digits) or <c>\x{h…}</c> as .NET's <c>\xhh</c>, <c>\uhhhh</c> or a surrogate pair.</summary>
            private string Hex(int at)
            {
                string digits;
                if (_i < _p.Length && _p[_i] == '{')
                {
                    int close = _p.IndexOf('}', _i);
                    if (close < 0) throw new LuceneRegex.TranslationException("unterminated \\x{", at);
                    digits = _p.Substring(_i + 1, close - _i - 1);
                    _i = close + 1;
                }
                else
                {
                    int n = 0;
                    while (n < 2 && _i + n < _p.Length && Uri.IsHexDigit(_p[_i + n])) n++;
                    digits = _p.Substring(_i, n);
                    _i += n;
                }
                if (digits.Length == 0) digits = "0";
                if (!int.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code)) code = -1;
                return CodePoint(code, at);
            }

            private string Octal(int at)
            {
                if (_i >= _p.Length || _p[_i] != '{') throw new LuceneRegex.TranslationException("\\o must be followed by {digits}", at);
                int close = _p.IndexOf('}', _i);
                if (close < 0) throw new LuceneRegex.TranslationException("unterminated \\o{", at);
                string digits = _p.Substring(_i + 1, close - _i - 1);
                _i = close + 1;
                int code = 0;
                foreach (char d in digits)
                {
                    if (d < '0' || d > '7' || code > 0x10FFFF) throw new LuceneRegex.TranslationException($"invalid octal escape \\o{{{digits}}}", at);
                    code = code * 8 + (d - '0');
                }
                return CodePoint(digits.Length == 0 ? -1 : code, at);
            }

            private static string CodePoint(int code, int at)
            {
                if (code < 0 || code > 0x10FFFF || code >= 0xD800 && code <= 0xDFFF)
                    throw new LuceneRegex.TranslationException("the code point is not a Unicode scalar value", at);
                if (code <= 0xFFFF) return "\\u" + code.ToString("X4", CultureInfo.InvariantCulture);
                string pair = char.ConvertFromUtf32(code);
                return "(?:\\u" + ((int)pair[0]).ToString("X4", CultureInfo.InvariantCulture) + "\\u" + ((int)pair[1]).ToString("X4", CultureInfo.InvariantCulture) + ")";
            }

            /// <summary><c>\pL</c>, <c>\p{Lu}</c>, <c>\p{^L}</c>: general categories only (PCRE's script names are not .NET's block names).</summary>
            private string Property(bool negated, int at, bool inClass)
            {
                string name;
                if (_i < _p.Length && _p[_i] == '{')
                {
                    int close = _p.IndexOf('}', _i);
                    if (close < 0) throw new LuceneRegex.TranslationException("unterminated \\p{", at);
                    name = _p.Substring(_i + 1, close - _i - 1);
                    _i = close + 1;
                }
                else if (_i < _p.Length)
                {
                    name = _p[_i].ToString();
                    _i++;
                }
                else
                {
                    throw new LuceneRegex.TranslationException("\\p needs a property name", at);
                }
                if (name.StartsWith("^", StringComparison.Ordinal))
                {
                    negated = !negated;
                    name = name.Substring(1);
                }
                if (name == "L&") return inClass ? (negated ? throw NotSupported("\\P{L&} in a class", at) : "\\p{Lu}\\p{Ll}\\p{Lt}") : (negated ? "[^\\p{Lu}\\p{Ll}\\p{Lt}]" : "[\\p{Lu}\\p{Ll}\\p{Lt}]");
                if (!GeneralCategories.Contains(name)) throw NotSupported($"\\p{{{name}}} (only Unicode general categories such as \\p{{L}} or \\p{{Nd}})", at);
                return (negated ? "\\P{" : "\\p{") + name + "}";
            }

            /// <summary><c>\g1</c>, <c>\g{1}</c>, <c>\g{name}</c>, <c>\k&lt;n&gt;</c>, <c>\k'n'</c>, <c>\k{n}</c> as .NET backreferences (relative ones are not supported).</summary>
            private string BackReference(char kind, int at)
            {
                string name;
                if (_i < _p.Length && _p[_i] is '{' or '<' or '\'')
                {
                    char close = _p[_i] switch { '{' => '}', '<' => '>', _ => '\'' };
                    int end = _p.IndexOf(close, _i + 1);
                    if (end < 0) throw new LuceneRegex.TranslationException($"unterminated \\{kind} reference", at);
                    name = _p.Substring(_i + 1, end - _i - 1);
                    _i = end + 1;
                }
                else
                {
                    int n = 0;
                    while (_i + n < _p.Length && char.IsDigit(_p[_i + n])) n++;
                    name = _p.Substring(_i, n);
                    _i += n;
                }
                if (name.Length == 0) throw new LuceneRegex.TranslationException($"\\{kind} needs a group number or name", at);
                if (name.StartsWith("-", StringComparison.Ordinal) || name.StartsWith("+", StringComparison.Ordinal)) throw NotSupported("a relative backreference", at);
                return AllDigits(name) ? "\\" + name : "\\k<" + name + ">";
            }

            /// <summary>A code point above U+FFFF is two UTF-16 units in .NET: it cannot be one member of a class.</summary>
            private static string InClass(string codePoint, int at) =>
                codePoint.StartsWith("(?:", StringComparison.Ordinal) ? throw NotSupported("a code point above U+FFFF inside a character class", at) : codePoint;

            /// <summary>A bracket class from <c>[</c> to its <c>]</c>.</summary>
            private string Class()
            {
                int at = _i;
                var result = new StringBuilder("[");
                _i++;
                if (_i < _p.Length && _p[_i] == '^')
                {
                    result.Append('^');
                    _i++;
                }
                if (_i < _p.Length && _p[_i] == ']')
                {
                    result.Append("\\]");
                    _i++;
                }
                while (_i < _p.Length && _p[_i] != ']')
                {
                    char c = _p[_i];
                    if (c == '[' && _i + 1 < _p.Length && _p[_i + 1] == ':')
                    {
                        int close = _p.IndexOf(":]", _i + 2, StringComparison.Ordinal);
                        string name = close < 0 ? "" : _p.Substring(_i + 2, close - _i - 2);
                        if (name.StartsWith("^", StringComparison.Ordinal)) throw NotSupported($"the negated POSIX class [:{name}:]", _i);
                        if (!Posix.TryGetValue(name, out string? content)) throw new LuceneRegex.TranslationException($"unknown POSIX class [:{name}:]", _i);
                        result.Append(content);
                        _i = close + 2;
                    }
                    else if (c == '[')
                    {
                        result.Append("\\[");
                        _i++;
                    }
                    else if (c == '\\' && _i + 1 < _p.Length)
                    {
                        int escape = _i;
                        char e = _p[_i + 1];
                        _i += 2;
                        switch (e)
                        {
                            case 'Q':
                            {
                                int end = _p.IndexOf("\\E", _i, StringComparison.Ordinal);
                                string quoted = end < 0 ? _p.Substring(_i) : _p.Substring(_i, end - _i);
                                _i = end < 0 ? _p.Length : end + 2;
                                foreach (char q in quoted) result.Append(q is '\\' or ']' or '[' or '^' or '-' ? "\\" + q : q.ToString());
                                break;
                            }
                            case 'E': break;
                            case 'h': result.Append(Horizontal); break;
                            case 'v': result.Append(Vertical); break;
                            case 'H': case 'V': case 'R': case 'N': case 'X':
                                throw NotSupported($"\\{e} inside a character class", escape);
                            case 'x': result.Append(InClass(Hex(escape), escape)); break;
                            case 'o': result.Append(InClass(Octal(escape), escape)); break;
                            case 'p': case 'P': result.Append(Property(e == 'P', escape, inClass: true)); break;
                            default: result.Append('\\').Append(e); break;
                        }
                    }
                    else
                    {
                        result.Append(c);
                        _i++;
                    }
                }
                if (_i >= _p.Length) throw new LuceneRegex.TranslationException("unterminated '[' character class", at);
                _i++;
                return result.Append(']').ToString();
            }
        }
    }
}
