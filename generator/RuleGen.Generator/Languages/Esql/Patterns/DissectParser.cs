using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RuleGen.Generator.Emitting;
using RuleGen.Generator.Limits;

namespace RuleGen.Generator.Languages.Esql.Patterns
{
    /// <summary>How a dissect key uses its value (Elasticsearch's DissectKey modifiers that ES|QL accepts).</summary>
    internal enum DissectKeyKind
    {
        /// <summary><c>%{key}</c>: the value; a second <c>%{key}</c> overwrites it.</summary>
        Simple,
        /// <summary><c>%{}</c>, <c>%{?key}</c>: matched and dropped.</summary>
        Skip,
        /// <summary><c>%{+key}</c>, <c>%{+key/N}</c>, and a plain key whose name another key appends to.</summary>
        Append,
    }

    /// <summary>One key of a dissect pattern and the delimiter that follows it ("" for the last key with none).</summary>
    internal sealed record DissectKeySpec(string Name, DissectKeyKind Kind, int AppendOrder, bool SkipRightPadding, string Delimiter, int Offset);

    /// <summary>A parsed DISSECT pattern: the columns it adds (in pattern order), the runtime construction, or an error.</summary>
    internal sealed record DissectParseResult(
        IReadOnlyList<string> Keys,
        string? ConstructExpression,
        string LeadingDelimiter,
        IReadOnlyList<DissectKeySpec> Parts,
        string AppendSeparator,
        string? Error,
        int ErrorOffset)
    {
        public bool Succeeded => Error is null;

        public static DissectParseResult Failure(string error, int offset) =>
            new(new string[0], null, "", new DissectKeySpec[0], "", error, offset);
    }

    /// <summary>
    /// Parses an ES|QL DISSECT pattern once, at build time, with Elasticsearch's DissectParser rules (libs/dissect:
    /// the leading delimiter is the text before the first <c>%{</c>; each key runs to the first <c>}</c>; its delimiter
    /// is the text up to the next <c>%{</c>, at least one character, or the rest). ES|QL refuses reference keys
    /// (<c>%{*k}</c>/<c>%{&amp;k}</c>: "Reference keys not supported in dissect patterns") and a pattern without a
    /// named key. The runtime DissectPattern gets the parts as constructor data and never sees the pattern text.
    /// </summary>
    internal static class DissectParser
    {
        private const string Runtime = CSharp.Runtime + ".Pipeline.Patterns.";

        public static DissectParseResult Parse(string pattern, string? appendSeparator)
        {
            if (pattern.Length > RuleLimits.RegexLength)
                return DissectParseResult.Failure($"The dissect pattern is too long (limit {RuleLimits.RegexLength} characters)", RuleLimits.RegexLength);
            string separator = appendSeparator ?? "";

            int first = pattern.IndexOf("%{", StringComparison.Ordinal);
            // ES finds the leading delimiter with ^(.*?)%\{ and no DOTALL: a line break before the first key leaves it empty.
            string leading = first < 0 || HasJavaLineTerminator(pattern, first) ? "" : pattern.Substring(0, first);

            var raw = new List<(string Text, int Offset, string Delimiter)>();
            int pos = leading.Length;
            while (true)
            {
                int open = pattern.IndexOf("%{", pos, StringComparison.Ordinal);
                if (open < 0) break;
                int close = pattern.IndexOf('}', open + 2);
                if (close < 0) break;
                string text = pattern.Substring(open + 2, close - open - 2);
                int next = close + 1 < pattern.Length ? pattern.IndexOf("%{", close + 2, StringComparison.Ordinal) : -1;
                string delimiter = next < 0 ? pattern.Substring(close + 1) : pattern.Substring(close + 1, next - close - 1);
                raw.Add((text, open, delimiter));
                if (next < 0) break;
                pos = next;
            }

            var keys = new List<(string Name, char Modifier, int Order, bool Padding, string Delimiter, int Offset)>();
            foreach (var (text, offset, delimiter) in raw)
            {
                string? error = ParseKey(text, out string name, out char modifier, out int order, out bool padding);
                if (error is not null) return DissectParseResult.Failure($"Invalid dissect key [%{{{text}}}]: {error}", offset);
                keys.Add((name, modifier, order, padding, delimiter, offset));
            }

            var named = keys.Where(k => !IsSkip(k.Name, k.Modifier)).Select(k => k.Name).Distinct().ToList();
            if (keys.Count == 0 || named.Count == 0)
                return DissectParseResult.Failure($"Invalid pattern for dissect: [{pattern}]: no key with a name", 0);
            var reference = keys.FirstOrDefault(k => k.Modifier is '*' or '&');
            if (reference.Name is not null)
                return DissectParseResult.Failure($"Reference keys not supported in dissect patterns: [%{{*{reference.Name}}}]", reference.Offset);

            // A plain key whose name another key appends to is an append too; appends without /N keep pattern order
            // before every /N (ES numbers them from -1000 as they are added, in pattern order).
            var appended = new HashSet<string>(keys.Where(k => k.Modifier is '+' or '/').Select(k => k.Name), StringComparer.Ordinal);
            var parts = new List<DissectKeySpec>();
            int implicitOrder = -1000;
            foreach (var k in keys)
            {
                DissectKeyKind kind = IsSkip(k.Name, k.Modifier) ? DissectKeyKind.Skip
                    : k.Modifier is '+' or '/' || appended.Contains(k.Name) ? DissectKeyKind.Append
                    : DissectKeyKind.Simple;
                int order = kind != DissectKeyKind.Append ? 0 : k.Modifier == '/' ? k.Order : implicitOrder++;
                parts.Add(new DissectKeySpec(k.Name, kind, order, k.Padding, k.Delimiter, k.Offset));
            }
            return new DissectParseResult(named, Construct(leading, parts, separator, named), leading, parts, separator, null, -1);
        }

        private static bool IsSkip(string name, char modifier) => modifier == '?' || (modifier == '\0' && name.Length == 0);

        private static bool HasJavaLineTerminator(string text, int end)
        {
            for (int i = 0; i < end; i++)
                if (text[i] is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029') return true;
            return false;
        }

        /// <summary>
        /// One key's modifier and name, as ES's DissectKey reads them: at most one of <c>+ * &amp; ? /</c> (only
        /// <c>+</c> then <c>/</c> may be combined), the name after the modifier, <c>/N</c> the append order, a trailing
        /// <c>-&gt;</c> skips repeated delimiters. Modifier '\0' is none, '/' is append with order.
        /// </summary>
        internal static string? ParseKey(string text, out string name, out char modifier, out int order, out bool padding)
        {
            name = "";
            order = 0;
            padding = false;
            modifier = '\0';
            int first = -1, count = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if ("/+*&?".IndexOf(c) < 0) continue;
                char prior = modifier;
                modifier = c;
                if (++count > 1 && !(prior == '+' && c == '/')) return "multiple modifiers are not allowed";
                if (first < 0) first = i;
            }
            string body;
            switch (modifier)
            {
                case '\0':
                    body = text;
                    break;
                case '/':
                    {
                        // [+](.*?)(/)([0-9]+)(->)? at the end: the '+' is the first modifier character.
                        int plus = text.IndexOf('+');
                        if (plus < 0) return "the key name could not be determined";
                        string rest = text.Substring(plus + 1);
                        if (rest.EndsWith("->", StringComparison.Ordinal)) { padding = true; rest = rest.Substring(0, rest.Length - 2); }
                        int slash = rest.LastIndexOf('/');
                        string digits = slash < 0 ? "" : rest.Substring(slash + 1);
                        if (digits.Length == 0 || digits.Any(ch => ch < '0' || ch > '9')) return "the key name could not be determined";
                        if (!short.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out short position))
                            return "the append order is not a 16-bit number";
                        order = position;
                        name = rest.Substring(0, slash);
                        return name.Length == 0 ? "the key name could not be determined" : null;
                    }
                default:
                    body = text.Substring(first + 1);
                    break;
            }
            if (body.EndsWith("->", StringComparison.Ordinal)) { padding = true; body = body.Substring(0, body.Length - 2); }
            name = body;
            if (name.Length == 0 && modifier is not ('\0' or '?')) return "the key name could not be determined";
            return null;
        }

        private static string Construct(string leading, List<DissectKeySpec> parts, string separator, List<string> keys)
        {
            string Key(DissectKeySpec p) =>
                $"new {Runtime}DissectKey({CSharp.String(p.Name)}, {Runtime}DissectKeyKind.{p.Kind}, "
                + $"{p.AppendOrder.ToString(CultureInfo.InvariantCulture)}, {(p.SkipRightPadding ? "true" : "false")}, {CSharp.String(p.Delimiter)})";
            return $"new {Runtime}DissectPattern({CSharp.String(leading)}, new {Runtime}DissectKey[] {{ {string.Join(", ", parts.Select(Key))} }}, "
                + $"{CSharp.String(separator)}, new string[] {{ {string.Join(", ", keys.Select(CSharp.String))} }})";
        }
    }
}
