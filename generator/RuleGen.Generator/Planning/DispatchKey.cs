using System.Collections.Generic;
using System.Linq;
using RuleGen.Generator.Model;

using RuleGen.Generator.Ir;

namespace RuleGen.Generator.Planning
{
    /// <summary>
    /// Finds a top-level conjunct <c>field == "literal"</c> or <c>field IN ("a", "b")</c>: the runtime indexes rules by
    /// it, so an event is evaluated only by the rules whose key matches its value of that field, and scan cost barely
    /// grows with the number of rules. Fields with rare values (event.action) are preferred. Sound for every leaf
    /// semantics: the runtime looks up each value of a multivalued field (an any-value leaf may match any one; a
    /// NULL-if-multivalued leaf matches none, so reaching it costs only an evaluation), folds case for
    /// case-insensitive keys, and compares the value's JSON text, which equals the literal whenever the leaf holds
    /// (a typed string literal is only ever equal to that text; as-string comparison is that text).
    /// </summary>
    internal static class DispatchKeys
    {
        public static DispatchKey? Of(Pred condition)
        {
            IEnumerable<Pred> conjuncts = condition.Unwrap() is AndPred and ? and.Operands : new[] { condition };
            return conjuncts.Select(c => Key(c.Unwrap())).Where(k => k is not null)
                .OrderBy(k => FieldTraits.HasCommonValues(k!.Field)).ThenBy(k => k!.Values.Count)
                .FirstOrDefault();
        }

        private static DispatchKey? Key(Pred pred)
        {
            switch (pred)
            {
                case ComparePred { Op: CompareOp.Equal, Left: FieldExpr field, Right: LiteralExpr { Kind: LiteralKind.String } literal } compare:
                    return new DispatchKey(field.Name, new EquatableArray<string>(new[] { literal.Text }), compare.Semantics.IgnoresCase);
                case InPred { Value: FieldExpr field } @in when @in.List.All(v => v is LiteralExpr { Kind: LiteralKind.String or LiteralKind.Null }):
                    var values = @in.List.OfType<LiteralExpr>().Where(l => l.Kind == LiteralKind.String).Select(l => l.Text).Distinct().ToList();
                    return values.Count == 0 ? null : new DispatchKey(field.Name, values.ToEquatableArray(), @in.Semantics.IgnoresCase);
                default:
                    return null;
            }
        }

    }
}
