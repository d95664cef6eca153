using System;
using System.Collections.Generic;
using System.Linq;
using RuleGen.Generator.Model;

using RuleGen.Generator.Ir;

namespace RuleGen.Generator.Planning
{
    /// <summary>
    /// Finds a top-level conjunct <c>field == "literal"</c> or <c>field IN ("a", "b")</c>: the runtime indexes rules by
    /// it, so an event is evaluated only by the rules whose key matches its value of that field, and scan cost barely
    /// grows with the number of rules. Fields with rare values (event.action) are preferred, stream constants
    /// (data_stream.dataset, event.dataset) taken last: every event of the stream has their value. Sound for every leaf
    /// semantics: the runtime looks up each value of a multivalued field (an any-value leaf may match any one; a
    /// NULL-if-multivalued leaf matches none, so reaching it costs only an evaluation), folds case for
    /// case-insensitive keys, and compares the value's JSON text, which equals the literal whenever the leaf holds
    /// (a typed string literal is only ever equal to that text; as-string comparison is that text).
    /// </summary>
    internal static class DispatchKeys
    {
        /// <summary>Fields one rule may be indexed by at once (a raw and an ECS spelling of one field, say).</summary>
        private const int MaximumChain = 4;

        public static DispatchKey? Of(Pred condition)
        {
            IEnumerable<Pred> conjuncts = condition.Unwrap() is AndPred and ? and.Operands : new[] { condition };
            return Best(conjuncts.Select(c => Key(c.Unwrap())));
        }

        /// <summary>The key of a conjunction: its most selective conjunct's (one holding is enough to need it).</summary>
        private static DispatchKey? Best(IEnumerable<DispatchKey?> keys) => keys.Where(k => k is not null)
            .OrderBy(k => k!.Chain().Max(c => FieldTraits.Selectivity(c.Field))).ThenBy(k => k!.OrElse is null ? 0 : 1)
            .ThenBy(k => k!.Prefixes.Count > 0 ? 1 : 0).ThenBy(k => k!.Values.Count + k!.Prefixes.Count)
            .FirstOrDefault();

        private static DispatchKey? Key(Pred pred)
        {
            switch (pred)
            {
                case ComparePred { Op: CompareOp.Equal, Right: LiteralExpr { Kind: LiteralKind.String } literal } compare when FieldTraits.ValuesOf(compare.Left) is FieldExpr field:
                    return Key(field, compare.Semantics, new[] { literal.Text }, Array.Empty<string>());
                case InPred @in when FieldTraits.ValuesOf(@in.Value) is FieldExpr field && @in.List.All(v => v is LiteralExpr { Kind: LiteralKind.String or LiteralKind.Null }):
                    return Key(field, @in.Semantics, @in.List.OfType<LiteralExpr>().Where(l => l.Kind == LiteralKind.String).Select(l => l.Text), Array.Empty<string>());
                case LikePred like when FieldTraits.ValuesOf(like.Value) is FieldExpr field && like.Patterns.All(p => Prefix(p) is not null):
                    // "Delete*": every value that matches starts with "Delete".
                    return Key(field, like.Semantics, Array.Empty<string>(), like.Patterns.Select(p => Prefix(p)!));
                case SubstringPred { Place: SubstringPlace.Start, Part: LiteralExpr { Kind: LiteralKind.String, Text.Length: > 0 } part } starts when FieldTraits.ValuesOf(starts.Value) is FieldExpr field:
                    return Key(field, starts.Semantics, Array.Empty<string>(), new[] { part.Text });
                case AndPred and:
                    // Inside an OR (a guarded branch): the branch holds only when its best conjunct's key does.
                    return Best(and.Operands.Select(o => Key(o.Unwrap())));
                case OrPred or:
                {
                    // field == "a" OR field LIKE "b*": one key on that field when every operand has one (same case
                    // mode); operands keyed on different fields give a chain of keys, one per field (any reaches).
                    var keys = or.Operands.Select(o => Key(o.Unwrap())).ToList();
                    if (keys.Count == 0 || keys.Any(k => k is null)) return null;
                    var merged = keys.SelectMany(k => k!.Chain()).GroupBy(k => (k.Field, k.IgnoreCase))
                        .Select(g => new DispatchKey(g.Key.Field, g.SelectMany(k => k.Values).Distinct().ToEquatableArray(), g.Key.IgnoreCase,
                            g.SelectMany(k => k.Prefixes).Distinct().ToEquatableArray()))
                        .ToList();
                    // Every extra field is one more lookup per event: a chain longer than a few is not worth it.
                    if (merged.Count > MaximumChain) return null;
                    DispatchKey? chain = null;
                    for (int i = merged.Count - 1; i >= 0; i--) chain = merged[i] with { OrElse = chain };
                    return chain;
                }
                default:
                    return null;
            }
        }

        private static DispatchKey? Key(FieldExpr field, LeafSemantics semantics, IEnumerable<string> values, IEnumerable<string> prefixes)
        {
            var exact = values.Distinct().ToEquatableArray();
            var starts = prefixes.Distinct().ToEquatableArray();
            return exact.Count + starts.Count == 0 ? null : new DispatchKey(field.Name, exact, semantics.IgnoresCase, starts);
        }

        /// <summary>The fixed start of a canonical pattern that is a prefix and one trailing <c>*</c> ("Delete*"), else null.</summary>
        private static string? Prefix(string pattern)
        {
            if (pattern.Length < 2 || pattern[pattern.Length - 1] != '*') return null;
            var prefix = new System.Text.StringBuilder();
            for (int i = 0; i < pattern.Length - 1; i++)
            {
                char c = pattern[i];
                if (c == '\\' && i + 1 < pattern.Length - 1) c = pattern[++i];
                else if (c is '*' or '?' or '\\') return null;
                prefix.Append(c);
            }
            return prefix.Length == 0 ? null : prefix.ToString();
        }
    }
}
