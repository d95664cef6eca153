using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RuleGen.Generator.Model;

using RuleGen.Generator.Ir;

namespace RuleGen.Generator.Planning
{
    /// <summary>
    /// Builds IR nodes and folds what is known at build time: literal comparisons, TO_LOWER of a literal, and
    /// three-valued AND/OR/NOT over constants (FALSE AND x = FALSE, TRUE OR x = TRUE, NOT NULL = NULL). Nodes are
    /// built bottom-up from lowering's guarded recursion; nothing here walks a tree, so it needs no depth guard.
    /// </summary>
    internal static class Folding
    {
        public static Pred And(IEnumerable<Pred> operands) => Junction(operands, isAnd: true);

        public static Pred Or(IEnumerable<Pred> operands) => Junction(operands, isAnd: false);

        /// <summary>
        /// AND or OR of operands, flattened. The absorbing constant (FALSE for AND, TRUE for OR) decides the whole;
        /// the identity (TRUE for AND, FALSE for OR) drops out; NULL stays, once, since it still matters.
        /// </summary>
        private static Pred Junction(IEnumerable<Pred> operands, bool isAnd)
        {
            TriValue absorbing = isAnd ? TriValue.False : TriValue.True;
            var kept = new List<Pred>();
            bool sawNull = false;
            foreach (Pred operand in operands.SelectMany(o => Flatten(o, isAnd)))
            {
                TriValue? constant = ConstOf(operand);
                if (constant == absorbing) return new ConstPred(absorbing);
                if (constant == TriValue.Null) sawNull = true;
                else if (constant is null) kept.Add(operand);
            }
            if (sawNull) kept.Add(new ConstPred(TriValue.Null));
            if (kept.Count == 0) return new ConstPred(isAnd ? TriValue.True : TriValue.False);
            if (kept.Count == 1) return kept[0];
            return isAnd ? new AndPred(kept.ToEquatableArray()) : new OrPred(kept.ToEquatableArray());
        }

        private static IEnumerable<Pred> Flatten(Pred pred, bool isAnd) => pred.Unwrap() switch
        {
            AndPred both when isAnd => both.Operands,
            OrPred either when !isAnd => either.Operands,
            _ => new[] { pred },
        };

        public static Pred Not(Pred operand) => ConstOf(operand) switch
        {
            TriValue.True => new ConstPred(TriValue.False),
            TriValue.False => new ConstPred(TriValue.True),
            TriValue.Null => new ConstPred(TriValue.Null),
            _ => new NotPred(operand),
        };

        public static Pred Compare(CompareOp op, ValueExpr left, ValueExpr right, LeafSemantics semantics)
        {
            if (op == CompareOp.Equal) left = WithoutIgnoreAbove(left, new[] { right });
            if (IsNullLiteral(left) || IsNullLiteral(right)) return NullOperand(semantics);
            if (left is LiteralExpr l && right is LiteralExpr r)
            {
                int? order = CompareLiterals(l, r, semantics);
                if (order is int o) return new ConstPred(Holds(op, o) ? TriValue.True : TriValue.False);
            }
            if (left is LiteralExpr && right is not LiteralExpr)
            {
                // Keep the field on the left, where the generated code reads best.
                return new ComparePred(Flip(op), right, left, semantics);
            }
            return new ComparePred(op, left, right, semantics);
        }

        public static Pred In(ValueExpr value, EquatableArray<ValueExpr> list, LeafSemantics semantics)
        {
            value = WithoutIgnoreAbove(value, list);
            if (IsNullLiteral(value)) return NullOperand(semantics);
            if (value is LiteralExpr)
            {
                return Or(list.Select(item => Compare(CompareOp.Equal, value, item, semantics)).ToList());
            }
            if (!semantics.CanBeNull && list.Any(IsNullLiteral))
            {
                // A NULL in the list can only make the leaf NULL, which these semantics never are: it is FALSE.
                list = list.Where(item => !IsNullLiteral(item)).ToEquatableArray();
                if (list.Count == 0) return new ConstPred(TriValue.False);
            }
            return new InPred(value, list, semantics);
        }

        /// <summary>
        /// <c>IgnoreAbove(f, n) == "x"</c> is <c>f == "x"</c> when every literal is at most n characters: a value equal to
        /// a short literal is short, so dropping long values changes nothing — and the plain field keeps its prefilter
        /// literal, dispatch key and cheap code.
        /// </summary>
        private static ValueExpr WithoutIgnoreAbove(ValueExpr value, IEnumerable<ValueExpr> literals)
        {
            if (value is not CallExpr { Function: FieldTraits.IgnoreAbove, Arguments.Count: 2 } call
                || call.Arguments[1] is not LiteralExpr { Kind: LiteralKind.Number } limitText
                || !int.TryParse(limitText.Text, NumberStyles.None, CultureInfo.InvariantCulture, out int limit))
            {
                return value;
            }
            return literals.All(l => l is LiteralExpr { Kind: LiteralKind.String } s && s.Text.Length <= limit || l is LiteralExpr { Kind: LiteralKind.Null })
                ? call.Arguments[0]
                : value;
        }

        /// <summary>A leaf with a NULL operand: NULL where the semantics know NULL, FALSE where a missing value is FALSE.</summary>
        private static Pred NullOperand(LeafSemantics semantics) =>
            new ConstPred(semantics.Missing == MissingMode.Null ? TriValue.Null : TriValue.False);

        public static Pred IsNull(ValueExpr value, bool negated)
        {
            if (value is LiteralExpr literal)
            {
                bool isNull = literal.Kind == LiteralKind.Null;
                return new ConstPred(isNull != negated ? TriValue.True : TriValue.False);
            }
            return new IsNullPred(value, negated);
        }

        public static Pred Substring(ValueExpr value, ValueExpr part, SubstringPlace place, LeafSemantics semantics)
        {
            if (IsNullLiteral(value) || IsNullLiteral(part)) return NullOperand(semantics);
            if (value is LiteralExpr { Kind: LiteralKind.String } v && part is LiteralExpr { Kind: LiteralKind.String } a)
            {
                StringComparison comparison = semantics.IgnoresCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
                bool holds = place switch
                {
                    SubstringPlace.Start => v.Text.StartsWith(a.Text, comparison),
                    SubstringPlace.End => v.Text.EndsWith(a.Text, comparison),
                    _ => v.Text.IndexOf(a.Text, comparison) >= 0,
                };
                return new ConstPred(holds ? TriValue.True : TriValue.False);
            }
            return new SubstringPred(value, part, place, semantics);
        }

        public static ValueExpr Case(bool upper, ValueExpr operand)
        {
            if (operand is LiteralExpr { Kind: LiteralKind.String } literal)
            {
                return new LiteralExpr(LiteralKind.String, upper ? literal.Text.ToUpperInvariant() : literal.Text.ToLowerInvariant());
            }
            if (operand is LiteralExpr { Kind: LiteralKind.Null }) return operand;
            return new CaseExpr(upper, operand);
        }

        private static TriValue? ConstOf(Pred pred) => pred.Unwrap() is ConstPred c ? c.Value : null;

        private static bool IsNullLiteral(ValueExpr value) => value is LiteralExpr { Kind: LiteralKind.Null };

        private static int? CompareLiterals(LiteralExpr left, LiteralExpr right, LeafSemantics semantics)
        {
            if (semantics.Comparison == ComparisonMode.AsString || semantics.IgnoresCase)
            {
                // Folded only where the answer is plain: equal texts (up to case), else unknown.
                StringComparison comparison = semantics.IgnoresCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
                return string.Equals(left.Text, right.Text, comparison) ? 0 : (int?)null;
            }
            if (left.Kind == LiteralKind.Number && right.Kind == LiteralKind.Number
                && double.TryParse(left.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out double a)
                && double.TryParse(right.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out double b))
            {
                return a.CompareTo(b);
            }
            if (left.Kind == right.Kind && left.Kind is LiteralKind.String or LiteralKind.Boolean)
            {
                // UTF-16 ordinal order equals UTF-8 byte order except around surrogates; compare as UTF-8 to match runtime.
                byte[] x = System.Text.Encoding.UTF8.GetBytes(left.Text), y = System.Text.Encoding.UTF8.GetBytes(right.Text);
                for (int i = 0; i < Math.Min(x.Length, y.Length); i++)
                {
                    if (x[i] != y[i]) return x[i].CompareTo(y[i]);
                }
                return x.Length.CompareTo(y.Length);
            }
            return null;
        }

        private static bool Holds(CompareOp op, int order) => op switch
        {
            CompareOp.Equal => order == 0,
            CompareOp.NotEqual => order != 0,
            CompareOp.Less => order < 0,
            CompareOp.LessOrEqual => order <= 0,
            CompareOp.Greater => order > 0,
            _ => order >= 0,
        };

        private static CompareOp Flip(CompareOp op) => op switch
        {
            CompareOp.Less => CompareOp.Greater,
            CompareOp.LessOrEqual => CompareOp.GreaterOrEqual,
            CompareOp.Greater => CompareOp.Less,
            CompareOp.GreaterOrEqual => CompareOp.LessOrEqual,
            _ => op,
        };
    }
}
