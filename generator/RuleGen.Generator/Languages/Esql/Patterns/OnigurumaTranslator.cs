using System.Collections.Generic;
using System.Globalization;
using System.Text;
using RuleGen.Generator.Languages.Esql.Types;

namespace RuleGen.Generator.Languages.Esql.Patterns
{
    /// <summary>
    /// Second half of GROK compilation: rewrites an expanded grok pattern, written in Oniguruma's Ruby syntax (what
    /// Elasticsearch's joni runs), into .NET regex syntax with the same meaning. Every named group becomes
    /// <c>g0…gN</c> (grok names such as <c>Esql.model_id</c> or <c>[process][name]</c> are not .NET group names) and its
    /// column name and type are recorded in order; unnamed groups do not capture (the regex is built with
    /// ExplicitCapture). What changes on the way:
    /// <list type="bullet">
    /// <item><c>\h</c>/<c>\H</c> (hex digit in Oniguruma) → <c>[0-9a-fA-F]</c>/<c>[^0-9a-fA-F]</c>.</item>
    /// <item>POSIX brackets <c>[[:alnum:]]</c> etc. inside a class → their ASCII ranges.</item>
    /// <item>Possessive <c>*+</c>, <c>++</c>, <c>?+</c> → an atomic group around the quantified atom.</item>
    /// <item>Inline option <c>m</c> (Ruby: dot matches newline) → .NET <c>s</c>; <c>^</c>/<c>$</c> are line anchors in
    /// Ruby, so the runtime builds the regex with Multiline.</item>
    /// <item><c>{,n}</c> → <c>{0,n}</c>; <c>\x{HHHH}</c> → <c>\uHHHH</c>; <c>\k&lt;name&gt;</c> → the first group of that name.</item>
    /// </list>
    /// Constructs with no .NET equivalent (<c>\K</c>, <c>\R</c>, <c>\X</c>, <c>\g&lt;…&gt;</c>, numbered backreferences,
    /// absent operator <c>(?~…)</c>, conditionals, class intersection <c>&amp;&amp;</c>, negated nested classes) are errors at
    /// their offset.
    /// </summary>
    internal sealed class OnigurumaTranslator
    {
        private readonly string _text;
        private readonly IReadOnlyList<int> _offsets;
        private readonly IReadOnlyList<GrokCapture> _grokCaptures;
        private readonly StringBuilder _out = new();
        private readonly Stack<int> _groupStarts = new();
        private int _atomStart = -1;
        private int _i;

        public OnigurumaTranslator(string text, IReadOnlyList<int> offsets, IReadOnlyList<GrokCapture> grokCaptures)
        {
            _text = text;
            _offsets = offsets;
            _grokCaptures = grokCaptures;
        }

        public List<string> GroupNames { get; } = new();

        public List<EsqlDataType> GroupTypes { get; } = new();

        public string Translate()
        {
            while (_i < _text.Length)
            {
                char c = _text[_i];
                switch (c)
                {
                    case '\\':
                        _atomStart = _out.Length;
                        Escape(inClass: false);
                        break;
                    case '[':
                        _atomStart = _out.Length;
                        CharClass();
                        break;
                    case '(':
                        OpenGroup();
                        break;
                    case ')':
                        if (_groupStarts.Count == 0) throw Error("unmatched ')'");
                        _out.Append(')');
                        _atomStart = _groupStarts.Pop();
                        _i++;
                        break;
                    case '*':
                    case '+':
                    case '?':
                        Quantifier(c);
                        break;
                    case '{':
                        Interval();
                        break;
                    default:
                        _atomStart = _out.Length;
                        _out.Append(c);
                        _i++;
                        break;
                }
            }
            if (_groupStarts.Count > 0) throw new GrokException("end pattern with unmatched parenthesis", Offset(_text.Length - 1));
            return _out.ToString();
        }

        private int Offset(int at) => _offsets.Count == 0 ? 0 : _offsets[at < 0 ? 0 : at >= _offsets.Count ? _offsets.Count - 1 : at];

        private GrokException Error(string message) => new(message, Offset(_i));

        private void Quantifier(char c)
        {
            _out.Append(c);
            _i++;
            if (_i < _text.Length && _text[_i] == '+' && _atomStart >= 0)
            {
                // Possessive (Ruby syntax: *+ ++ ?+): the atom, matched greedily and never given back.
                _out.Insert(_atomStart, "(?>");
                _out.Append(')');
                _i++;
            }
            else if (_i < _text.Length && _text[_i] == '?')
            {
                _out.Append('?');
                _i++;
            }
        }

        private void Interval()
        {
            int close = _text.IndexOf('}', _i);
            string body = close < 0 ? "" : _text.Substring(_i + 1, close - _i - 1);
            if (close < 0 || !IsInterval(body))
            {
                // Not an interval: a literal brace, in both syntaxes.
                _atomStart = _out.Length;
                _out.Append("\\{");
                _i++;
                return;
            }
            _out.Append('{').Append(body.StartsWith(",") ? "0" + body : body).Append('}');
            _i = close + 1;
            if (_i < _text.Length && _text[_i] == '?') { _out.Append('?'); _i++; }
        }

        private static bool IsInterval(string body)
        {
            if (body.Length == 0) return false;
            int comma = body.IndexOf(',');
            if (comma < 0) return AllDigits(body);
            string low = body.Substring(0, comma), high = body.Substring(comma + 1);
            return (low.Length > 0 || high.Length > 0) && (low.Length == 0 || AllDigits(low)) && (high.Length == 0 || AllDigits(high));
        }

        private static bool AllDigits(string s)
        {
            foreach (char c in s) if (c < '0' || c > '9') return false;
            return s.Length > 0;
        }

        private void OpenGroup()
        {
            _groupStarts.Push(_out.Length);
            if (_i + 1 >= _text.Length || _text[_i + 1] != '?')
            {
                _out.Append('(');
                _i++;
                return;
            }
            char kind = _i + 2 < _text.Length ? _text[_i + 2] : '\0';
            switch (kind)
            {
                case ':':
                case '=':
                case '!':
                case '>':
                    _out.Append("(?").Append(kind);
                    _i += 3;
                    return;
                case '#':
                    {
                        int end = _text.IndexOf(')', _i);
                        if (end < 0) throw Error("end pattern in group");
                        _groupStarts.Pop();
                        _i = end + 1;
                        return;
                    }
                case '<':
                    {
                        char next = _i + 3 < _text.Length ? _text[_i + 3] : '\0';
                        if (next == '=' || next == '!')
                        {
                            _out.Append("(?<").Append(next);
                            _i += 4;
                            return;
                        }
                        NamedGroup('>');
                        return;
                    }
                case '\'':
                    NamedGroup('\'');
                    return;
                case '~':
                    throw Error("the absent operator (?~…) has no .NET equivalent");
                case '(':
                    throw Error("conditional groups (?(…)…) are not supported");
                default:
                    InlineOptions();
                    return;
            }
        }

        private void NamedGroup(char close)
        {
            int start = _i + 3;
            int end = _text.IndexOf(close, start);
            if (end <= start) throw Error("invalid group name <>");
            string name = _text.Substring(start, end - start);
            if (name[0] == GrokExpander.CaptureMarker)
            {
                GrokCapture capture = _grokCaptures[int.Parse(name.Substring(1), CultureInfo.InvariantCulture)];
                GroupNames.Add(capture.Name);
                GroupTypes.Add(capture.Type);
            }
            else
            {
                // A raw named group in the pattern: Elasticsearch extracts it as a string.
                if (name.IndexOf(')') >= 0 || name.IndexOf('(') >= 0) throw Error("invalid group name <" + name + ">");
                GroupNames.Add(name);
                GroupTypes.Add(EsqlDataType.Keyword);
            }
            _out.Append("(?<g").Append((GroupNames.Count - 1).ToString(CultureInfo.InvariantCulture)).Append('>');
            _i = end + 1;
        }

        private void InlineOptions()
        {
            // (?imx-imx) or (?imx-imx:…). Ruby's m is "dot matches newline", .NET's s.
            int j = _i + 2;
            var options = new StringBuilder();
            while (j < _text.Length && "imx-".IndexOf(_text[j]) >= 0)
            {
                options.Append(_text[j] == 'm' ? 's' : _text[j]);
                j++;
            }
            if (j >= _text.Length || (_text[j] != ')' && _text[j] != ':') || options.Length == 0)
                throw Error("undefined group option");
            _out.Append("(?").Append(options).Append(_text[j]);
            if (_text[j] == ')') _groupStarts.Pop();
            _i = j + 1;
        }

        private void Escape(bool inClass)
        {
            if (_i + 1 >= _text.Length) throw Error("end pattern at escape");
            char e = _text[_i + 1];
            switch (e)
            {
                case 'h':
                    _out.Append(inClass ? "0-9a-fA-F" : "[0-9a-fA-F]");
                    _i += 2;
                    return;
                case 'H':
                    if (inClass) throw Error("\\H inside a character class is not supported");
                    _out.Append("[^0-9a-fA-F]");
                    _i += 2;
                    return;
                case 'K':
                case 'R':
                case 'X':
                case 'N':
                case 'O':
                case 'y':
                case 'Y':
                    throw Error("\\" + e + " has no .NET equivalent");
                case 'g':
                    throw Error("subexpression calls (\\g<…>) are not supported");
                case 'k':
                    BackReference();
                    return;
                case 'x':
                    if (_i + 2 < _text.Length && _text[_i + 2] == '{')
                    {
                        int end = _text.IndexOf('}', _i + 3);
                        string hex = end < 0 ? "" : _text.Substring(_i + 3, end - _i - 3);
                        if (hex.Length == 0 || hex.Length > 4 || !IsHex(hex)) throw Error("invalid code point \\x{" + hex + "}");
                        _out.Append("\\u").Append(hex.PadLeft(4, '0'));
                        _i = end + 1;
                        return;
                    }
                    break;
                default:
                    if (e >= '1' && e <= '9' && !inClass) throw Error("numbered backreferences are not supported (groups are renumbered)");
                    break;
            }
            _out.Append('\\').Append(e);
            _i += 2;
        }

        private void BackReference()
        {
            if (_i + 2 >= _text.Length || _text[_i + 2] != '<') throw Error("invalid backreference");
            int end = _text.IndexOf('>', _i + 3);
            if (end < 0) throw Error("invalid backreference");
            string name = _text.Substring(_i + 3, end - _i - 3);
            int group = GroupNames.IndexOf(name);
            if (group < 0) throw Error("undefined name <" + name + "> reference");
            _out.Append("\\k<g").Append(group.ToString(CultureInfo.InvariantCulture)).Append('>');
            _i = end + 1;
        }

        private static bool IsHex(string s)
        {
            foreach (char c in s) if (!System.Uri.IsHexDigit(c)) return false;
            return true;
        }

        private void CharClass() => CharClass(nested: false);

        /// <summary>
        /// A bracket class. Oniguruma lets a class hold classes (<c>[[[:alnum:]]_%]</c>, UNIXPATH): a nested one that is
        /// not negated is a union, written into the outer class without its brackets.
        /// </summary>
        private void CharClass(bool nested)
        {
            _i++;
            bool negated = _i < _text.Length && _text[_i] == '^';
            if (negated && nested) throw Error("negated nested character classes are not supported");
            if (!nested) _out.Append('[');
            if (negated) { _out.Append('^'); _i++; }
            // A ']' right after '[' or '[^' is a literal in both syntaxes.
            if (_i < _text.Length && _text[_i] == ']') { _out.Append("\\]"); _i++; }
            while (true)
            {
                if (_i >= _text.Length) throw Error("premature end of char-class");
                char c = _text[_i];
                if (c == ']')
                {
                    if (!nested) _out.Append(']');
                    _i++;
                    return;
                }
                if (c == '\\') { Escape(inClass: true); continue; }
                if (c == '[')
                {
                    string? posix = Posix();
                    if (posix is not null) _out.Append(posix);
                    else CharClass(nested: true);
                    continue;
                }
                if (c == '&' && _i + 1 < _text.Length && _text[_i + 1] == '&') throw Error("character class intersection (&&) is not supported");
                _out.Append(c);
                _i++;
            }
        }

        /// <summary>A POSIX bracket (<c>[:alnum:]</c>) at the cursor, as .NET class ranges; null when there is none.</summary>
        private string? Posix()
        {
            if (_i + 1 >= _text.Length || _text[_i + 1] != ':') return null;
            int end = _text.IndexOf(":]", _i + 2, System.StringComparison.Ordinal);
            if (end < 0) return null;
            string name = _text.Substring(_i + 2, end - _i - 2);
            bool negated = name.StartsWith("^");
            if (negated) throw Error("negated POSIX brackets are not supported");
            string? ranges = name switch
            {
                "alnum" => "a-zA-Z0-9",
                "alpha" => "a-zA-Z",
                "digit" => "0-9",
                "xdigit" => "0-9a-fA-F",
                "upper" => "A-Z",
                "lower" => "a-z",
                "space" => "\\s",
                "blank" => " \\t",
                "punct" => "!-/:-@\\[-`{-~",
                "word" => "\\w",
                "cntrl" => "\\x00-\\x1f\\x7f",
                "print" => "\\x20-\\x7e",
                "graph" => "\\x21-\\x7e",
                "ascii" => "\\x00-\\x7f",
                _ => null,
            };
            if (ranges is null) throw Error("invalid POSIX bracket type [:" + name + ":]");
            _i = end + 2;
            return ranges;
        }
    }
}
