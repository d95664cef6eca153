using System;
using System.Collections.Generic;
using System.Linq;
using RuleGen.Generator.Binding;
using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Ir;
using RuleGen.Generator.Limits;
using RuleGen.Generator.Model;
using RuleGen.Generator.Parsing;
using RuleGen.Generator.Planning;

namespace RuleGen.Generator.Languages.Eql
{
    /// <summary>
    /// Binds a single-event EQL query (<c>category where condition</c>) into the predicate IR with the semantics
    /// Elasticsearch gives it when it translates EQL to the query DSL (x-pack/plugin/eql planner.QueryTranslator):
    /// leaves are <see cref="LeafSemantics.QueryDsl"/> (any value matches, a missing field is FALSE, so <c>!=</c> and
    /// <c>not</c> match events without the field), <c>==</c> is case-sensitive, <c>:</c> and the <c>~</c> forms ignore
    /// case. A sequence binds each stage the same way (EqlBinder.Sequences.cs); samples, joins and pipes are located
    /// "not supported yet" errors. Every problem is
    /// reported at its construct and binding goes on, so one build shows them all. This file: the query's shape and
    /// its conditions; EqlBinder.Values.cs: values, types and functions.
    /// </summary>
    internal sealed partial class EqlBinder
    {
        private static readonly LeafSemantics Semantics = LeafSemantics.QueryDsl;
        private static readonly LeafSemantics Insensitive = LeafSemantics.QueryDsl.WithCase(CaseMode.Insensitive);

        private readonly string _text;
        private readonly QuerySource _source;
        private readonly DiagnosticBag _diagnostics;
        private readonly DepthGuard _nesting = DepthGuard.ForQueryTree();
        private PlanBuilder _plan = null!;

        private EqlBinder(QuerySource source, DiagnosticBag diagnostics)
        {
            _source = source;
            _text = source.Text;
            _diagnostics = diagnostics;
        }

        /// <summary>The plan of an EQL query; <paramref name="schema"/> is the schema its fields were checked against.</summary>
        public static QueryPlan? Bind(QuerySource source, DiagnosticBag diagnostics, out FieldSchema? schema)
        {
            schema = null;
            EqlQuery query;
            try
            {
                query = EqlParser.Parse(source.Text);
            }
            catch (EqlSyntaxException e)
            {
                if (e.NotSupported) diagnostics.Add(DiagnosticCatalog.NotSupportedYet, source.Positions.At(e.Start, e.Length), e.Message);
                else diagnostics.Add(DiagnosticCatalog.EqlSyntaxError, source.Positions.At(e.Start, e.Length), e.Message);
                return null;
            }
            catch (LimitExceededException e)
            {
                diagnostics.Add(e, source.Positions.At(Math.Max(0, e.Start), Math.Max(1, e.Length)));
                return null;
            }
            try
            {
                var binder = new EqlBinder(source, diagnostics);
                QueryPlan? plan = binder.Bind(query);
                schema = binder._plan?.Schema;
                return plan;
            }
            catch (LimitExceededException e)
            {
                diagnostics.Add(e, source.Positions.At(Math.Max(0, e.Start), e.Start < 0 ? 1 : Math.Max(1, e.Length)));
                return null;
            }
        }

        private QueryPlan? Bind(EqlQuery query)
        {
            var problems = new List<string>();
            _plan = new PlanBuilder(_diagnostics, FieldSchema.For(_source.SchemaName, _source.IndexPatterns, _source.ProjectFields, problems), "this rule's index");
            foreach (string problem in problems) _diagnostics.Add(DiagnosticCatalog.InvalidArgument, _source.Positions.At(0, 1), "fields file", problem);

            foreach (EqlPipe pipe in query.Pipes.Take(1))
            {
                _diagnostics.Add(DiagnosticCatalog.NotSupportedYet, _source.Positions.At(pipe.NameStart, pipe.NameLength),
                    NotYetCompiled.EqlPipe(pipe.Name));
            }
            if (query.Body is EqlSequence sequence) return BindSequence(sequence);
            EqlEventFilter? filter = query.Body switch
            {
                EqlEventQuery single => single.Filter,
                EqlSample sample => Stateful("sample", sample, "events sharing join keys, in any order"),
                EqlJoin join => Stateful("join", join, "events sharing join keys"),
                _ => null,
            };
            if (filter is null) return null;

            var conjuncts = new List<(Pred, LocationInfo)>();
            if (Category(filter.Category) is Pred category) conjuncts.Add((new SourcedPred(category, filter.Category.Raw + " where"), At(filter.Category)));
            foreach (EqlExpression conjunct in Conjuncts(filter.Condition))
            {
                conjuncts.Add((new SourcedPred(Condition(conjunct), SourceText(conjunct)), At(conjunct)));
            }
            conjuncts.AddRange(Kql.KqlFilters.Bind(_source, _plan, _diagnostics));
            return _plan.Build("eql", _text, _source.IndexPatterns, EquatableArray<string>.Empty, conjuncts, new EquatableArray<string>(new[] { "*" }));
        }

        private EqlEventFilter? Stateful(string keyword, EqlQueryBody body, string what)
        {
            _diagnostics.Add(DiagnosticCatalog.NotSupportedYet, _source.Positions.At(body.Start, keyword.Length),
                NotYetCompiled.EqlMultiEvent(keyword, what));
            return null;
        }

        /// <summary>
        /// <c>process where</c>: a term query on event.category (or the rule's event_category_override), which holds
        /// when any of the field's values is the category, case-sensitively; <c>any</c> tests nothing.
        /// </summary>
        private Pred? Category(EqlEventCategory category)
        {
            if (category.IsAny) return null;
            string field = _source.EventCategoryOverride ?? "event.category";
            LocationInfo at = At(category);
            FieldExpr value = _plan.Field(field, at);
            var literal = new LiteralExpr(LiteralKind.String, category.Name);
            if (Typed(field) is { } info && TypeOf(info) is not (EqlType.String or EqlType.Unknown))
            {
                _diagnostics.Add(DiagnosticCatalog.TypeMismatch, at, $"the event category is read from {field}, which is {info.Type}, not a string");
            }
            return Folding.Compare(CompareOp.Equal, value, literal, Semantics);
        }

        private static IEnumerable<EqlExpression> Conjuncts(EqlExpression expression) =>
            Languages.Conjuncts.Of(expression, e => e is EqlLogicalExpression { Operator: EqlLogicalOperator.And } and ? and.Operands : null);

        private Pred Condition(EqlExpression expression)
        {
            using DepthGuard.Level level = _nesting.Enter(expression.Start, expression.Length);
            switch (expression)
            {
                case EqlLogicalExpression logical:
                    var operands = logical.Operands.Select(Condition).ToList();
                    return logical.Operator == EqlLogicalOperator.And ? Folding.And(operands) : Folding.Or(operands);
                case EqlNotExpression not:
                    return Folding.Not(Condition(not.Operand));
                case EqlComparisonExpression comparison:
                    return Comparison(comparison);
                case EqlInExpression @in:
                    return In(@in);
                case EqlPatternExpression pattern:
                    return Pattern(pattern);
                case EqlFunctionCall call:
                {
                    EqlFunctionInfo? function = Resolve(call);
                    if (function is null) return Error;
                    if (function.IsPredicate) return PredicateCall(function, call);
                    _diagnostics.Add(DiagnosticCatalog.TypeMismatch, At(call), $"{function.Name}() gives a {Describe(ResultType(function))}, not a condition");
                    return Error;
                }
                case EqlLiteral { Kind: EqlLiteralKind.Boolean } literal:
                    return new ConstPred(literal.Value == "true" ? TriValue.True : TriValue.False);
                case EqlLiteral { Kind: EqlLiteralKind.Null }:
                    // A filter on null keeps nothing (and its negation everything): FALSE in two-valued logic.
                    return new ConstPred(TriValue.False);
                case EqlLiteral literal:
                    _diagnostics.Add(DiagnosticCatalog.TypeMismatch, At(literal), $"the {Describe(LiteralType(literal))} {literal.Raw} is not a condition");
                    return Error;
                case EqlFieldReference reference:
                {
                    Bound field = Value(reference);
                    if (field.Type is not (EqlType.Boolean or EqlType.Unknown or EqlType.Null))
                    {
                        _diagnostics.Add(DiagnosticCatalog.TypeMismatch, At(reference), $"{reference.Name} is {field.TypeName}, not a boolean condition");
                        return Error;
                    }
                    return field.Expr is LiteralExpr ? new ConstPred(TriValue.False) : new ValuePred(field.Expr, Semantics);
                }
                default:
                    _diagnostics.Add(DiagnosticCatalog.TypeMismatch, At(expression), "this value is not a condition (compare it with ==, :, in, like or regex)");
                    return Error;
            }
        }

        /// <summary>What a condition binds to after an error: the rule is not emitted anyway.</summary>
        private static Pred Error => new ConstPred(TriValue.False);

        private Pred Comparison(EqlComparisonExpression comparison)
        {
            // Optimizer.ReplaceNullChecks: x == null is IsNull(x), x != null IsNotNull(x) (an exists query).
            if (comparison.Operator is EqlComparisonOperator.Equal or EqlComparisonOperator.NotEqual
                && (IsNull(comparison.Left) || IsNull(comparison.Right)))
            {
                EqlExpression other = IsNull(comparison.Right) ? comparison.Left : comparison.Right;
                return Folding.IsNull(Value(other).Expr, negated: comparison.Operator == EqlComparisonOperator.NotEqual);
            }
            // BooleanFunctionEqualsElimination: cidrMatch(…) == true is the condition itself, == false its negation.
            if (comparison.Operator is EqlComparisonOperator.Equal or EqlComparisonOperator.NotEqual
                && BooleanAgainstCondition(comparison) is (EqlExpression condition, bool wanted))
            {
                Pred pred = Condition(condition);
                return wanted == (comparison.Operator == EqlComparisonOperator.Equal) ? pred : Folding.Not(pred);
            }

            Bound left = Value(comparison.Left), right = Value(comparison.Right);
            CompareOp op = Map(comparison.Operator);
            string symbol = _text.Substring(comparison.OperatorStart, comparison.OperatorLength);
            CheckCompared(left, right, op, symbol);
            if (op == CompareOp.NotEqual && IsFieldAgainstLiteral(left, right))
            {
                // The query DSL's != is must_not term: it matches events without the field (ExpressionTranslators.BinaryComparisons).
                return Folding.Not(Folding.Compare(CompareOp.Equal, left.Expr, right.Expr, Semantics));
            }
            // Anything else is a script, run per value: != holds when some value differs, and a missing value is FALSE.
            return Folding.Compare(op, left.Expr, right.Expr, Semantics);
        }

        private static bool IsFieldAgainstLiteral(Bound left, Bound right) =>
            IsField(left.Expr) && right.Expr is LiteralExpr || left.Expr is LiteralExpr && IsField(right.Expr);

        /// <summary>A condition function compared with a boolean literal, either way round.</summary>
        private static (EqlExpression, bool)? BooleanAgainstCondition(EqlComparisonExpression comparison)
        {
            static bool IsCondition(EqlExpression e) => e is EqlFunctionCall call && EqlFunctions.Find(call.Name) is { IsPredicate: true };
            if (comparison.Right is EqlLiteral { Kind: EqlLiteralKind.Boolean } r && IsCondition(comparison.Left)) return (comparison.Left, r.Value == "true");
            if (comparison.Left is EqlLiteral { Kind: EqlLiteralKind.Boolean } l && IsCondition(comparison.Right)) return (comparison.Right, l.Value == "true");
            return null;
        }

        private static bool IsNull(EqlExpression expression) => expression is EqlLiteral { Kind: EqlLiteralKind.Null };

        private Pred In(EqlInExpression @in)
        {
            Bound value = Value(@in.Value);
            LeafSemantics semantics = @in.CaseInsensitive ? Insensitive : Semantics;
            var list = new List<ValueExpr>();
            string symbol = _text.Substring(@in.OperatorStart, @in.OperatorLength);
            foreach (EqlExpression item in @in.List)
            {
                Bound bound = Value(item);
                CheckCompared(value, bound, CompareOp.Equal, symbol);
                if (@in.CaseInsensitive) RequireString(bound, symbol);
                list.Add(bound.Expr);
            }
            if (@in.CaseInsensitive) RequireString(value, symbol);
            Pred pred = Folding.In(value.Expr, list.ToEquatableArray(), semantics);
            return @in.Negated ? Folding.Not(pred) : pred;
        }

        /// <summary><c>:</c>, <c>like</c>, <c>like~</c>, <c>regex</c>, <c>regex~</c> against one constant or a list (an OR).</summary>
        private Pred Pattern(EqlPatternExpression pattern)
        {
            Bound value = Value(pattern.Value);
            string symbol = _text.Substring(pattern.OperatorStart, pattern.OperatorLength);
            RequireString(value, symbol);
            LeafSemantics semantics = pattern.CaseInsensitive ? Insensitive : Semantics;
            var patterns = new List<string>();
            foreach (EqlLiteral literal in pattern.Patterns)
            {
                if (literal.Kind != EqlLiteralKind.String)
                {
                    _diagnostics.Add(DiagnosticCatalog.TypeMismatch, At(literal), $"{symbol} compares strings, and {literal.Raw} is a {Describe(LiteralType(literal))}");
                    continue;
                }
                patterns.Add(literal.Value);
            }
            if (pattern.Operator == EqlPatternOperator.Regex) return Regex(pattern, value.Expr, semantics);
            return Wildcards(value.Expr, patterns, semantics);
        }

        /// <summary>
        /// Constants with wildcards become one LIKE leaf; the others are equality (Optimizer.ReplaceWildcards turns
        /// <c>:</c> without * or ? into InsensitiveEquals, ReplaceRegexMatch does the same for a LIKE without
        /// wildcards), which keeps the rule in the dispatch index and the prefilter.
        /// </summary>
        private static Pred Wildcards(ValueExpr value, IReadOnlyList<string> patterns, LeafSemantics semantics)
        {
            var exact = patterns.Where(p => !EqlPatterns.HasWildcard(p)).Select(p => (ValueExpr)new LiteralExpr(LiteralKind.String, p)).ToList();
            var wild = patterns.Where(EqlPatterns.HasWildcard).Select(EqlPatterns.FromLike).ToList();
            var parts = new List<Pred>();
            if (exact.Count == 1) parts.Add(Folding.Compare(CompareOp.Equal, value, exact[0], semantics));
            else if (exact.Count > 1) parts.Add(Folding.In(value, exact.ToEquatableArray(), semantics));
            if (wild.Count > 0) parts.Add(Like(value, wild, semantics));
            return Folding.Or(parts);
        }

        private static Pred Like(ValueExpr value, IReadOnlyList<string> canonicalPatterns, LeafSemantics semantics)
        {
            if (value is LiteralExpr { Kind: LiteralKind.Null }) return new ConstPred(TriValue.False);
            return new LikePred(value, canonicalPatterns.ToEquatableArray(), semantics);
        }

        private Pred Regex(EqlPatternExpression pattern, ValueExpr value, LeafSemantics semantics)
        {
            var patterns = new List<string>();
            var translated = new List<string>();
            foreach (EqlLiteral literal in pattern.Patterns.Where(p => p.Kind == EqlLiteralKind.String))
            {
                if (literal.Value.Length > RuleLimits.RegexLength)
                {
                    _diagnostics.Add(LimitExceededException.Size("A regex pattern has too many characters", RuleLimits.RegexLength, literal.Start, literal.Length), At(literal));
                    continue;
                }
                try
                {
                    translated.Add(LuceneRegex.Translate(literal.Value));
                    patterns.Add(literal.Value);
                }
                catch (LuceneRegex.TranslationException e)
                {
                    // Point inside the literal when it is written verbatim (a """ string, or no escapes before the offset).
                    int quote = literal.IsRawString ? 3 : 1;
                    int offset = literal.Start + quote + e.Offset;
                    if (offset >= literal.End || !literal.IsRawString && literal.Raw.IndexOf('\\') >= 0) offset = literal.Start;
                    if (e.NotSupported) _diagnostics.Add(DiagnosticCatalog.NotSupportedYet, _source.Positions.At(offset, 1), e.Message);
                    else _diagnostics.Add(DiagnosticCatalog.InvalidPattern, _source.Positions.At(offset, 1), "regex", e.Message);
                }
            }
            if (value is LiteralExpr { Kind: LiteralKind.Null } || patterns.Count == 0) return new ConstPred(TriValue.False);
            return new RegexPred(value, patterns.ToEquatableArray(), translated.ToEquatableArray(), semantics);
        }

        private static CompareOp Map(EqlComparisonOperator op) => op switch
        {
            EqlComparisonOperator.Equal => CompareOp.Equal,
            EqlComparisonOperator.NotEqual => CompareOp.NotEqual,
            EqlComparisonOperator.Less => CompareOp.Less,
            EqlComparisonOperator.LessOrEqual => CompareOp.LessOrEqual,
            EqlComparisonOperator.Greater => CompareOp.Greater,
            _ => CompareOp.GreaterOrEqual,
        };

        private LocationInfo At(EqlNode node) => _source.Positions.At(node.Start, Math.Max(1, node.Length));

        /// <summary>One line of query text for the comment above the generated condition; comments are dropped.</summary>
        private string SourceText(EqlNode node)
        {
            string text = _text.Substring(node.Start, node.Length);
            var lines = text.Split('\n').Select(l =>
            {
                int comment = l.IndexOf("//", StringComparison.Ordinal);
                return (comment >= 0 && !l.Substring(0, comment).Contains("\"") ? l.Substring(0, comment) : l).Trim();
            }).Where(l => l.Length > 0);
            return string.Join(" ", lines);
        }
    }
}
