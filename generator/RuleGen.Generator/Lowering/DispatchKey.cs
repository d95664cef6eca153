using System.Collections.Generic;
using System.Linq;
using RuleGen.Generator.Model;
using RuleGen.Generator.Parsing.Esql;

namespace RuleGen.Generator.Lowering
{
    /// <summary>A field and the values it must hold (exactly, as a single value) for the rule to be TRUE.</summary>
    internal sealed record DispatchKey(string Field, EquatableArray<string> Values);

    /// <summary>
    /// Finds a top-level conjunct <c>field == "literal"</c> or <c>field IN ("a", "b")</c>: the runtime indexes rules by
    /// it, so an event is evaluated only by the rules whose key matches its value of that field, and scan cost barely
    /// grows with the number of rules. Fields with rare values (event.action) are preferred.
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
                case ComparePred { Op: CompareOp.Equal, Left: FieldExpr field, Right: LiteralExpr { Kind: LiteralKind.String } literal }:
                    return new DispatchKey(field.Name, new EquatableArray<string>(new[] { literal.Text }));
                case InPred { Value: FieldExpr field } @in when @in.List.All(v => v is LiteralExpr { Kind: LiteralKind.String or LiteralKind.Null }):
                    var values = @in.List.OfType<LiteralExpr>().Where(l => l.Kind == LiteralKind.String).Select(l => l.Text).Distinct().ToList();
                    return values.Count == 0 ? null : new DispatchKey(field.Name, values.ToEquatableArray());
                default:
                    return null;
            }
        }

    }
}
