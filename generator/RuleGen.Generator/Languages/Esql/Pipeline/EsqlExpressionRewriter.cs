using System;
using System.Linq;
using RuleGen.Generator.Limits;

namespace RuleGen.Generator.Languages.Esql.Pipeline
{
    /// <summary>
    /// A copy of an expression with some function calls replaced (STATS hides the aggregates inside an expression
    /// behind columns). Recursion goes through a <see cref="DepthGuard"/>: past the nesting limit it throws
    /// <see cref="LimitExceededException"/>, which the caller reports.
    /// </summary>
    internal static class EsqlExpressionRewriter
    {
        /// <summary><paramref name="replace"/> gives a call's replacement, or null to keep it (and rewrite inside it).</summary>
        public static EsqlExpression Replace(EsqlExpression expression, Func<FunctionCall, EsqlExpression?> replace) =>
            Replace(expression, replace, DepthGuard.ForQueryTree());

        private static EsqlExpression Replace(EsqlExpression e, Func<FunctionCall, EsqlExpression?> replace, DepthGuard depth)
        {
            using DepthGuard.Level level = depth.Enter(e.Start, e.Length);
            EsqlExpression R(EsqlExpression x) => Replace(x, replace, depth);
            switch (e)
            {
                case FunctionCall call:
                    return replace(call) ?? new FunctionCall(call.Name, call.NameLength, call.Arguments.Select(R).ToList(), call.Start, call.End);
                case ArithmeticExpression a:
                    return new ArithmeticExpression(a.Operator, R(a.Left), R(a.Right), a.OperatorStart);
                case NegateExpression n:
                    return new NegateExpression(R(n.Operand), n.Start);
                case CastExpression c:
                    return new CastExpression(R(c.Value), c.TypeName, c.TypeStart, c.End);
                case ComparisonExpression c:
                    return new ComparisonExpression(c.Operator, R(c.Left), R(c.Right), c.OperatorStart);
                case LogicalExpression l:
                    return new LogicalExpression(l.Operator, l.Operands.Select(R).ToList());
                case NotExpression n:
                    return new NotExpression(R(n.Operand), n.Start);
                case InExpression i:
                    return new InExpression(R(i.Value), i.List.Select(R).ToList(), i.Negated, i.End);
                case IsNullExpression n:
                    return new IsNullExpression(R(n.Value), n.Negated, n.End);
                case PatternExpression p:
                    return new PatternExpression(R(p.Value), p.Patterns, p.IsRegex, p.Negated, p.End);
                default:
                    return e;
            }
        }
    }
}
