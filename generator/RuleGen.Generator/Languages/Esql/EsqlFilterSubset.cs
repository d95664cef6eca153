using System;
using System.Collections.Generic;
using System.Linq;
using RuleGen.Generator.Limits;

namespace RuleGen.Generator.Languages.Esql
{
    /// <summary>
    /// Which ES|QL conditions the predicate IR says exactly (the filter before the pipeline: prefilter and dispatch
    /// work on it): AND, OR, NOT, comparisons, IN, IS NULL, LIKE and RLIKE with literal patterns, STARTS_WITH,
    /// ENDS_WITH, CIDR_MATCH, MV_CONTAINS, over fields, literals and TO_LOWER/TO_UPPER of them. Anything else
    /// (arithmetic, casts, other functions, NOW()) is evaluated by the pipeline over typed rows.
    /// </summary>
    internal static class EsqlFilterSubset
    {
        public static bool Covers(EsqlExpression expression)
        {
            var depth = DepthGuard.ForQueryTree();
            try
            {
                return Condition(expression, depth);
            }
            catch (LimitExceededException)
            {
                // Too deep to check here: the pipeline binder reports the depth at the node.
                return false;
            }
        }

        private static bool Condition(EsqlExpression e, DepthGuard depth)
        {
            using DepthGuard.Level level = depth.Enter(e.Start, e.Length);
            switch (e)
            {
                case LogicalExpression logical:
                    foreach (EsqlExpression operand in logical.Operands) if (!Condition(operand, depth)) return false;
                    return true;
                case NotExpression not:
                    return Condition(not.Operand, depth);
                case ComparisonExpression c:
                    return Value(c.Left, depth) && Value(c.Right, depth) && !(c.Left is LiteralExpression && c.Right is LiteralExpression);
                case InExpression @in:
                    if (!Value(@in.Value, depth)) return false;
                    foreach (EsqlExpression item in @in.List) if (item is not LiteralExpression) return false;
                    return true;
                case IsNullExpression isNull:
                    return Value(isNull.Value, depth);
                case PatternExpression pattern:
                    if (!Value(pattern.Value, depth)) return false;
                    foreach (EsqlExpression p in pattern.Patterns) if (p is not LiteralExpression { Kind: Ir.LiteralKind.String }) return false;
                    return true;
                case FunctionCall call when Is(call, "STARTS_WITH") || Is(call, "ENDS_WITH"):
                    return call.Arguments.Count == 2 && Value(call.Arguments[0], depth) && call.Arguments[1] is LiteralExpression;
                case FunctionCall call when Is(call, "CIDR_MATCH"):
                    if (call.Arguments.Count < 2 || call.Arguments[0] is not FieldReference) return false;
                    for (int i = 1; i < call.Arguments.Count; i++) if (call.Arguments[i] is not LiteralExpression { Kind: Ir.LiteralKind.String }) return false;
                    return true;
                case FunctionCall call when Is(call, "KQL"):
                    return call.Arguments.Count == 1 && call.Arguments[0] is LiteralExpression { Kind: Ir.LiteralKind.String };
                case FunctionCall call when Is(call, "MV_CONTAINS"):
                    return call.Arguments.Count == 2 && Value(call.Arguments[0], depth) && Value(call.Arguments[1], depth);
                case FieldReference:
                    return true;
                case LiteralExpression { Kind: Ir.LiteralKind.Boolean or Ir.LiteralKind.Null }:
                    return true;
                default:
                    return false;
            }
        }

        private static bool Value(EsqlExpression e, DepthGuard depth)
        {
            using DepthGuard.Level level = depth.Enter(e.Start, e.Length);
            return e switch
            {
                FieldReference => true,
                LiteralExpression => true,
                FunctionCall call when (Is(call, "TO_LOWER") || Is(call, "TO_UPPER")) && call.Arguments.Count == 1 => Value(call.Arguments[0], depth),
                _ => false,
            };
        }

        /// <summary>The field names an expression reads (a KQL() literal's fields are not counted: KQL reads the event).</summary>
        public static HashSet<string> FieldsOf(EsqlExpression expression)
        {
            var fields = new HashSet<string>(StringComparer.Ordinal);
            var pending = new Stack<EsqlExpression>();
            pending.Push(expression);
            while (pending.Count > 0)
            {
                switch (pending.Pop())
                {
                    case FieldReference field: fields.Add(field.Name); break;
                    case LogicalExpression l: foreach (EsqlExpression o in l.Operands) pending.Push(o); break;
                    case NotExpression n: pending.Push(n.Operand); break;
                    case ComparisonExpression c: pending.Push(c.Left); pending.Push(c.Right); break;
                    case InExpression i: pending.Push(i.Value); foreach (EsqlExpression o in i.List) pending.Push(o); break;
                    case IsNullExpression n: pending.Push(n.Value); break;
                    case PatternExpression p: pending.Push(p.Value); break;
                    case FunctionCall call when !Is(call, "KQL"): foreach (EsqlExpression a in call.Arguments) pending.Push(a); break;
                }
            }
            return fields;
        }

        /// <summary>
        /// Adds to <paramref name="touched"/> the names a command defines or changes; false when no filter may move
        /// past it (STATS, LIMIT, KEEP, DROP, RENAME).
        /// </summary>
        public static bool NoteChanges(EsqlCommand command, HashSet<string> touched)
        {
            switch (command)
            {
                case EvalCommand eval:
                    foreach (Assignment a in eval.Assignments) touched.Add(a.Target?.Name ?? "\u0000");
                    // An unnamed EVAL column is named by its text, which no field name equals in practice; still, stop.
                    return eval.Assignments.All(a => a.Target is not null);
                case MvExpandCommand expand:
                    touched.Add(expand.Column.Name);
                    return true;
                case PatternCommand pattern:
                {
                    var compiled = Pipeline.EsqlPatterns.Compile(pattern);
                    foreach (var (name, _) in compiled.Keys) touched.Add(name);
                    return compiled.Error is null;
                }
                case SortCommand:
                    return true;
                default:
                    return false;
            }
        }

        private static bool Is(FunctionCall call, string name) => call.Name.Equals(name, StringComparison.OrdinalIgnoreCase);
    }
}
