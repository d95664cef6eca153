using System.Collections.Generic;
using System.Linq;
using RuleGen.Generator.Diagnostics;

namespace RuleGen.Generator.Languages.Sigma.Checks
{
    /// <summary>
    /// Wildcards that say what a modifier says (RG0073, warnings: the rule means the same either way). Mirrors the
    /// pySigma value validators that make sense at build time: a <c>contains</c>/<c>startswith</c>/<c>endswith</c>
    /// value carrying its own leading or trailing <c>*</c> (redundant, or a sign the pattern is not what was meant);
    /// <c>wildcards_instead_of_modifiers</c> (every value of an unmodified item is <c>*x*</c>, <c>*x</c> or <c>x*</c>
    /// with no other wildcard); <c>double_wildcard</c> (<c>**</c>). Escaped <c>\*</c> is no wildcard (spec "Escape
    /// Character", <see cref="SigmaPattern"/>).
    /// </summary>
    internal static class SigmaWildcardChecks
    {
        public static void Check(SigmaRule rule, DiagnosticBag diagnostics)
        {
            foreach (SigmaSearch search in rule.Searches)
            {
                foreach (IReadOnlyList<SigmaFieldItem> map in search.Maps)
                {
                    foreach (SigmaFieldItem item in map) CheckItem(item, diagnostics);
                }
            }
        }

        private static void CheckItem(SigmaFieldItem item, DiagnosticBag diagnostics)
        {
            var modifiers = new HashSet<SigmaModifier>(item.Modifiers.Select(m => m.Modifier));
            // Regexes, numbers, CIDRs, encodings, field references and placeholders give '*' another meaning or none.
            if (modifiers.Any(m => m is not (SigmaModifier.All or SigmaModifier.Cased or SigmaModifier.Neq or SigmaModifier.Windash) && !SigmaModifiers.IsStringMatch(m))) return;
            var values = item.Values.Where(v => !v.IsNull).Select(v => (Value: v, Stars: Stars(v.Text))).ToList();
            // A lone '*' (SigmaHQ writes "contains: '*'" for "has any value") is left alone, as pySigma does.
            foreach (var (value, stars) in values.Where(v => v.Value.Text.Length > 1))
            {
                bool leading = stars.Leading, trailing = stars.Trailing;
                string? redundant =
                    modifiers.Contains(SigmaModifier.Contains) && (leading || trailing) ? "'contains' already matches anywhere in the value"
                    : modifiers.Contains(SigmaModifier.StartsWith) && trailing ? "'startswith' already allows anything after the value"
                    : modifiers.Contains(SigmaModifier.EndsWith) && leading ? "'endswith' already allows anything before the value"
                    : null;
                if (redundant is not null)
                {
                    diagnostics.Add(DiagnosticCatalog.WildcardInsteadOfModifier, value.Location,
                        $"'{value.Text}': {redundant}, so its own '*' at the {(leading && trailing ? "start and end" : leading ? "start" : "end")} is redundant; remove it (or the modifier, if the '*' was meant)");
                }
                if (stars.Double) diagnostics.Add(DiagnosticCatalog.WildcardInsteadOfModifier, value.Location, $"'{value.Text}' has two '*' in a row; one matches the same");
            }
            if (modifiers.Any(SigmaModifiers.IsStringMatch) || values.Count == 0 || values.Any(v => v.Value.Text.Length < 2 || v.Stars.Inner)) return;
            string? modifier = values.All(v => v.Stars.Leading && v.Stars.Trailing) ? "contains"
                : values.All(v => v.Stars.Leading && !v.Stars.Trailing) ? "endswith"
                : values.All(v => v.Stars.Trailing && !v.Stars.Leading) ? "startswith"
                : null;
            if (modifier is not null)
            {
                diagnostics.Add(DiagnosticCatalog.WildcardInsteadOfModifier, item.Location,
                    $"'{KeyText(item)}' matches with '*' where the '{modifier}' modifier says it: write '{KeyText(item)}|{modifier}' and drop the value's '*'");
            }
        }

        private static string KeyText(SigmaFieldItem item) => item.Field + string.Concat(item.Modifiers.Select(m => "|" + m.Name));

        /// <summary>Where a value has unescaped wildcards: first character, last, in between, and any <c>**</c>.</summary>
        private static (bool Leading, bool Trailing, bool Inner, bool Double) Stars(string text)
        {
            var wild = new List<(int Index, char Char)>();
            int length = 0;
            for (int i = 0; i < text.Length; i++, length++)
            {
                char c = text[i];
                if (c == '\\' && i + 1 < text.Length && text[i + 1] is '*' or '?' or '\\') i++;
                else if (c is '*' or '?') wild.Add((length, c));
            }
            bool leading = wild.Any(w => w.Index == 0 && w.Char == '*');
            bool trailing = wild.Any(w => w.Index == length - 1 && w.Char == '*');
            bool inner = wild.Any(w => !(w.Char == '*' && (w.Index == 0 || w.Index == length - 1)));
            bool twice = wild.Zip(wild.Skip(1), (a, b) => a.Char == '*' && b.Char == '*' && b.Index == a.Index + 1).Any(x => x);
            return (leading && length > 0, trailing && length > 0, inner, twice);
        }
    }
}
