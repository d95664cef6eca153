using System.Linq;
using RuleGen.Generator.Limits;
using RuleGen.Generator.Model;

using RuleGen.Generator.Ir;

namespace RuleGen.Generator.Planning
{
    /// <summary>
    /// Orders the operands of AND and OR cheapest and most selective first, so the generated code's short circuit
    /// stops early: equality on a field with rare values (event.action) before one with common values
    /// (event.provider, event.outcome), plain byte comparisons before case conversion, regexes last. Safe because
    /// ES|QL's AND and OR are commutative, also with NULL, and evaluation has no side effects. The order is stable
    /// among equals, so the generated code still follows the query where cost does not decide.
    /// </summary>
    internal static class Ordering
    {
        public static Pred CheapestFirst(Pred pred) => CheapestFirst(pred, DepthGuard.ForQueryTree());

        private static Pred CheapestFirst(Pred pred, DepthGuard guard)
        {
            using DepthGuard.Level level = guard.Enter();
            return pred switch
            {
                SourcedPred s => s with { Inner = CheapestFirst(s.Inner, guard) },
                AndPred and => new AndPred(Sort(and.Operands, guard)),
                OrPred or => new OrPred(Sort(or.Operands, guard)),
                NotPred not => new NotPred(CheapestFirst(not.Operand, guard)),
                _ => pred,
            };
        }

        private static EquatableArray<Pred> Sort(EquatableArray<Pred> operands, DepthGuard guard) =>
            operands.Select(p => CheapestFirst(p, guard)).Select((p, i) => (Pred: p, Index: i, Cost: Cost(p, guard)))
                .OrderBy(x => x.Cost).ThenBy(x => x.Index).Select(x => x.Pred).ToEquatableArray();

        /// <summary>A rough cost rank: 0 cheap and selective … 5 expensive.</summary>
        private static int Cost(Pred pred, DepthGuard guard)
        {
            using DepthGuard.Level level = guard.Enter();
            switch (pred)
            {
                case SourcedPred s:
                    return Cost(s.Inner, guard);
                case ConstPred:
                case DocumentFormPred:
                    return 0;
                case AndPred and:
                    return and.Operands.Max(p => Cost(p, guard));
                case OrPred or:
                    return or.Operands.Max(p => Cost(p, guard));
                case NotPred not:
                    return Cost(not.Operand, guard);
                case RegexPred:
                    return 5;
                case CidrPred:
                    return 4;
            }
            // A subtree leaf tries every value below an object (or in the whole event): tested after everything else.
            if (Values(pred).Any(v => v is SubtreeExpr)) return 6;
            if (Values(pred).Any(v => v is CaseExpr)) return 4;
            int selectivity = FieldTraits.FieldOf(pred) is string field ? FieldTraits.Selectivity(field) : 0;
            // A stream constant (data_stream.dataset == "aws.cloudtrail") holds for nearly every event: tested last.
            if (selectivity == 2) return 5;
            bool common = selectivity == 1;
            return pred switch
            {
                ComparePred { Op: CompareOp.Equal or CompareOp.NotEqual, Right: LiteralExpr } or InPred or SubstringPred or MvContainsPred => common ? 2 : 1,
                IsNullPred => 2,
                _ => 3,
            };
        }

        private static ValueExpr[] Values(Pred pred) => pred switch
        {
            ComparePred c => new[] { c.Left, c.Right },
            InPred i => i.List.Prepend(i.Value).ToArray(),
            IsNullPred n => new[] { n.Value },
            LikePred l => new[] { l.Value },
            SubstringPred a => new[] { a.Value, a.Part },
            MvContainsPred m => new[] { m.Superset, m.Subset },
            ValuePred v => new[] { v.Value },
            _ => new ValueExpr[0],
        };
    }
}
