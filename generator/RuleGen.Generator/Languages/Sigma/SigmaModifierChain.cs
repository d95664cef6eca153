using System.Collections.Generic;
using System.Linq;

namespace RuleGen.Generator.Languages.Sigma
{
    /// <summary>
    /// Checks a chain <c>field|mod1|mod2</c> against the spec's modifier appendix (v2.1). The appendix defines what
    /// each modifier means and which values it applies to; the chain rules below follow from those definitions
    /// (pySigma, the reference implementation, rejects the same chains):
    /// <list type="bullet">
    /// <item>a name not in the appendix is unknown (did-you-mean from the appendix's names);</item>
    /// <item>a modifier twice is an error (nothing in the appendix gives a repeat a meaning);</item>
    /// <item>one way of matching per item: <c>contains</c>/<c>startswith</c>/<c>endswith</c>, <c>re</c>, a numeric
    ///   comparison (<c>lt</c>…<c>gte</c>), <c>cidr</c> and <c>exists</c> exclude each other ("re not with contains");</item>
    /// <item><c>i</c>, <c>m</c>, <c>s</c> are "<c>re</c> sub-modifiers": only after <c>re</c>;</item>
    /// <item><c>exists</c> takes a boolean ("defines that a field has to exist or must not exist"): nothing else;</item>
    /// <item><c>re</c>, numeric, time and <c>cidr</c> values are not plain strings: no string transformation
    ///   (encodings, <c>windash</c>, <c>expand</c>), no <c>cased</c> (a regex is already case-sensitive; use <c>i</c>);</item>
    /// <item>a time modifier ("extracts a numeric value from a date") at most once, followed only by a numeric comparison or <c>neq</c>;</item>
    /// <item><c>base64offset</c> exists for "a value that might appear somewhere in a base64-encoded string": it needs a later <c>contains</c>;</item>
    /// <item>an encoding after <c>contains</c>/<c>startswith</c>/<c>endswith</c> would encode the wildcards those add: encodings come first;</item>
    /// <item><c>fieldref</c> turns the value into a field name: no string transformation, <c>re</c>, numeric, <c>cidr</c> or <c>exists</c>.</item>
    /// </list>
    /// </summary>
    internal static class SigmaModifierChain
    {
        /// <summary>Why a chain is rejected, and at which modifier (index into the names).</summary>
        internal sealed record ChainError(int Index, string Message);

        public static ChainError? Validate(IReadOnlyList<string> names, out IReadOnlyList<SigmaModifier> modifiers)
        {
            var result = new List<SigmaModifier>(names.Count);
            modifiers = result;
            for (int i = 0; i < names.Count; i++)
            {
                string name = names[i];
                if (!SigmaModifiers.ByName.TryGetValue(name, out SigmaModifier modifier))
                {
                    string? closest = Parsing.DidYouMean.Closest(name, SigmaModifiers.ByName.Keys);
                    return new ChainError(i, name.Length == 0
                        ? "empty modifier name between '|'"
                        : $"unknown Sigma modifier '{name}'" + (closest is null ? "" : $"; did you mean '{closest}'?"));
                }
                if (result.Contains(modifier)) return new ChainError(i, $"modifier '{name}' appears twice");
                ChainError? error = Check(modifier, name, i, result);
                if (error is not null) return error;
                result.Add(modifier);
            }
            int offset = result.IndexOf(SigmaModifier.Base64Offset);
            if (offset >= 0 && !result.Skip(offset + 1).Contains(SigmaModifier.Contains))
                return new ChainError(offset, "'base64offset' matches a value inside a base64 string: it needs a later 'contains'");
            return null;
        }

        private static ChainError? Check(SigmaModifier modifier, string name, int index, List<SigmaModifier> before)
        {
            ChainError Error(string message) => new(index, message);

            if (before.Contains(SigmaModifier.Exists)) return Error("'exists' takes a boolean: no other modifier goes with it");
            if (modifier == SigmaModifier.Exists && before.Count > 0) return Error("'exists' takes a boolean: no other modifier goes with it");

            if (SigmaModifiers.IsReFlag(modifier))
                return before.Contains(SigmaModifier.Re) ? null : Error($"'{name}' is a sub-modifier of 're' and must follow it");

            SigmaModifier? kind = MatchKind(modifier);
            SigmaModifier? earlierKind = before.Select(MatchKind).FirstOrDefault(k => k is not null);
            if (kind is not null && earlierKind is not null)
                return Error($"'{name}' cannot be combined with '{Name(before.First(b => MatchKind(b) is not null))}': an item matches in one way only");

            bool valueNotString = before.Any(NotAPlainString) || NotAPlainString(modifier);
            bool stringModifier = SigmaModifiers.IsStringTransform(modifier) || modifier == SigmaModifier.Cased;
            bool stringEarlier = before.Any(b => SigmaModifiers.IsStringTransform(b) || b == SigmaModifier.Cased);
            if (valueNotString && (stringModifier || stringEarlier))
            {
                SigmaModifier typed = NotAPlainString(modifier) ? modifier : before.First(NotAPlainString);
                SigmaModifier other = NotAPlainString(modifier) ? before.First(b => SigmaModifiers.IsStringTransform(b) || b == SigmaModifier.Cased) : modifier;
                return new ChainError(index, $"'{Name(other)}' applies to plain strings, not to a '{Name(typed)}' value");
            }

            if (before.Any(SigmaModifiers.IsTime))
            {
                if (SigmaModifiers.IsTime(modifier)) return Error("only one time modifier per item");
                if (!SigmaModifiers.IsCompare(modifier) && modifier != SigmaModifier.Neq)
                    return Error($"a time modifier yields a number: '{name}' cannot follow it (use lt/lte/gt/gte or neq)");
            }

            if (SigmaModifiers.IsEncoding(modifier) && before.Any(SigmaModifiers.IsStringMatch))
                return Error($"'{name}' after '{Name(before.First(SigmaModifiers.IsStringMatch))}' would encode its wildcards: put the encoding first");

            bool fieldRef = modifier == SigmaModifier.FieldRef || before.Contains(SigmaModifier.FieldRef);
            if (fieldRef)
            {
                SigmaModifier other = modifier == SigmaModifier.FieldRef ? before.FirstOrDefault(NotWithFieldRef) : modifier;
                if (NotWithFieldRef(other) && (modifier != SigmaModifier.FieldRef || before.Any(NotWithFieldRef)))
                    return Error($"'fieldref' names a field: '{Name(other)}' cannot go with it");
            }
            return null;
        }

        /// <summary>The way an item matches, for the one-way rule; null for modifiers that only refine.</summary>
        private static SigmaModifier? MatchKind(SigmaModifier m) =>
            SigmaModifiers.IsStringMatch(m) || m is SigmaModifier.Re or SigmaModifier.Cidr or SigmaModifier.Exists || SigmaModifiers.IsCompare(m)
                ? m : null;

        private static bool NotAPlainString(SigmaModifier m) =>
            m is SigmaModifier.Re or SigmaModifier.Cidr || SigmaModifiers.IsCompare(m) || SigmaModifiers.IsTime(m);

        private static bool NotWithFieldRef(SigmaModifier m) =>
            SigmaModifiers.IsStringTransform(m) || m is SigmaModifier.Re or SigmaModifier.Cidr or SigmaModifier.Exists
            || SigmaModifiers.IsCompare(m) || SigmaModifiers.IsTime(m);

        public static string Name(SigmaModifier m) => SigmaModifiers.ByName.First(p => p.Value == m).Key;
    }
}
