using System;
using System.Collections.Generic;
using System.Linq;
using RuleGen.Generator.Binding;
using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Ir;
using RuleGen.Generator.Limits;
using RuleGen.Generator.Model;
using RuleGen.Generator.Planning;

namespace RuleGen.Generator.Languages.Kql
{
    /// <summary>
    /// Binds a KQL query (Kibana's kuery language, as a query rule's <c>query</c>) into the predicate IR, meaning what
    /// Kibana's detection engine makes of it: @kbn/es-query turns each node into the query DSL (is, range, exists,
    /// nested, not, and, or; kuery/functions/*.ts) with the index's fields loaded, and Elasticsearch runs that on the
    /// fields' mapping types. Every leaf has <see cref="LeafSemantics.QueryDsl"/> semantics; what each field type
    /// does with a value is <see cref="KqlLeaves"/>, which fields a name reads is <see cref="KqlFieldResolver"/>.
    /// docs/kql.md lists every decision with its source. Problems are located at their token; binding goes on so
    /// one build shows them all.
    /// </summary>
    internal sealed class KqlBinder
    {
        private readonly QuerySource _source;
        private readonly DiagnosticBag _diagnostics;
        private readonly PlanBuilder _plan;
        private readonly KqlFieldResolver _fields;
        private readonly KqlLeaves _leaves;
        private readonly DepthGuard _nesting = DepthGuard.ForQueryTree();

        private KqlBinder(QuerySource source, DiagnosticBag diagnostics, PlanBuilder plan)
        {
            _source = source;
            _diagnostics = diagnostics;
            _plan = plan;
            _fields = new KqlFieldResolver(plan);
            _leaves = new KqlLeaves(plan);
        }

        /// <summary>The plan of a KQL query, or null when it does not parse; <paramref name="schema"/> is the schema its fields were checked against.</summary>
        public static QueryPlan? Bind(QuerySource source, DiagnosticBag diagnostics, out FieldSchema? schema)
        {
            schema = null;
            KqlQuery query;
            try
            {
                query = KqlParser.Parse(source.Text);
            }
            catch (KqlSyntaxException e)
            {
                // "The end of the query" is where the last token ends, not past the newline a YAML block adds.
                int start = e.Length == 0 ? Math.Min(e.Start, source.Text.TrimEnd().Length) : e.Start;
                if (e.NotSupported) diagnostics.Add(DiagnosticCatalog.NotSupportedYet, source.Positions.At(start, e.Length), e.Message);
                else diagnostics.Add(DiagnosticCatalog.KqlSyntaxError, source.Positions.At(start, e.Length), e.Message);
                return null;
            }
            catch (LimitExceededException e)
            {
                diagnostics.Add(e, source.Positions.At(e.Start, e.Length));
                return null;
            }

            var problems = new List<string>();
            // No index: Kibana reads the default security indices (securitySolution:defaultIndex, logs-* among them),
            // for which RuleGen has no complete schema, so unknown fields are warnings.
            FieldSchema? fieldSchema = FieldSchema.For(source.SchemaName, source.IndexPatterns, source.ProjectFields, problems);
            var plan = new PlanBuilder(diagnostics, fieldSchema, source.IndexPatterns.Count == 0 ? "the default index (the rule has no index)" : "this rule's index");
            foreach (string problem in problems) diagnostics.Add(DiagnosticCatalog.InvalidArgument, source.Positions.At(0, 1), "fields file", problem);
            try
            {
                QueryPlan result = new KqlBinder(source, diagnostics, plan).Bind(query);
                schema = fieldSchema;
                return result;
            }
            catch (LimitExceededException e)
            {
                diagnostics.Add(e, source.Positions.At(Math.Max(0, e.Start), e.Start < 0 ? 1 : e.Length));
                return null;
            }
        }

        private QueryPlan Bind(KqlQuery query)
        {
            var conjuncts = new List<(Pred, LocationInfo)>();
            if (query.Expression is not null)
            {
                foreach (KqlExpression conjunct in Conjuncts(query.Expression))
                {
                    conjuncts.Add((new SourcedPred(Condition(conjunct, null), SourceText(conjunct)), At(conjunct)));
                }
            }
            conjuncts.AddRange(KqlFilters.Bind(_source, _plan, _diagnostics));
            return _plan.Build("kuery", _source.Text, _source.IndexPatterns, EquatableArray<string>.Empty, conjuncts, new EquatableArray<string>(new[] { "*" }));
        }

        /// <summary>One Kibana filter, as KQL text (<see cref="KqlFilters"/>), bound into another rule's plan; null when it cannot be.</summary>
        internal static Pred? BindFilter(QuerySource filter, PlanBuilder plan, DiagnosticBag diagnostics)
        {
            try
            {
                KqlQuery query = KqlParser.Parse(filter.Text);
                return query.Expression is null ? null : new KqlBinder(filter, diagnostics, plan).Condition(query.Expression, null);
            }
            catch (KqlSyntaxException e)
            {
                diagnostics.Add(DiagnosticCatalog.InvalidArgument, filter.Positions.At(0, 1), "filters", $"the filter reads as the KQL {filter.Text}, which does not parse: {e.Message}");
                return null;
            }
            catch (LimitExceededException e)
            {
                diagnostics.Add(e, filter.Positions.At(0, 1));
                return null;
            }
        }

        /// <summary>
        /// A KQL query inside another language's query (ES|QL's <c>KQL("…")</c>), bound into that rule's plan with KQL's
        /// own semantics (the query DSL's: any value matches, a missing field is FALSE, never NULL), errors at their
        /// place in the literal; null when it does not parse.
        /// </summary>
        internal static Pred? BindEmbedded(QuerySource source, PlanBuilder plan, DiagnosticBag diagnostics)
        {
            try
            {
                KqlQuery query = KqlParser.Parse(source.Text);
                return query.Expression is null ? new ConstPred(TriValue.True) : new KqlBinder(source, diagnostics, plan).Condition(query.Expression, null);
            }
            catch (KqlSyntaxException e)
            {
                if (e.NotSupported) diagnostics.Add(DiagnosticCatalog.NotSupportedYet, source.Positions.At(e.Start, e.Length), e.Message);
                else diagnostics.Add(DiagnosticCatalog.KqlSyntaxError, source.Positions.At(e.Start, e.Length), e.Message);
                return null;
            }
            catch (LimitExceededException e)
            {
                diagnostics.Add(e, source.Positions.At(Math.Max(0, e.Start), Math.Max(1, e.Length)));
                return null;
            }
        }

        private static IEnumerable<KqlExpression> Conjuncts(KqlExpression expression) =>
            Languages.Conjuncts.Of(expression, e => e is KqlLogicalExpression { Operator: KqlLogicalOperator.And } and ? and.Operands : null);

        /// <summary>A query node inside the nested query of <paramref name="nestedPath"/> (null: at the top).</summary>
        private Pred Condition(KqlExpression expression, string? nestedPath)
        {
            using DepthGuard.Level level = _nesting.Enter(expression.Start, expression.Length);
            switch (expression)
            {
                case KqlLogicalExpression logical:
                {
                    if (logical.Operator == KqlLogicalOperator.And && nestedPath is not null)
                    {
                        NotInNested(expression, "AND", nestedPath);
                        return Error;
                    }
                    var operands = logical.Operands.Select(o => Condition(o, nestedPath)).ToList();
                    return logical.Operator == KqlLogicalOperator.And ? Folding.And(operands) : AnyOf(operands);
                }
                case KqlNotExpression not:
                    if (nestedPath is not null)
                    {
                        NotInNested(expression, "NOT", nestedPath);
                        return Error;
                    }
                    return Not(Condition(not.Operand, nestedPath));
                case KqlNestedExpression nested:
                    return Nested(nested, nestedPath);
                case KqlRangeExpression range:
                    return Range(range, nestedPath);
                case KqlMatchExpression match:
                    return Match(match, nestedPath);
                default:
                    _diagnostics.Add(DiagnosticCatalog.NotSupportedYet, At(expression), "This KQL expression");
                    return Error;
            }
        }

        /// <summary>What a condition binds to after an error: the rule is not emitted anyway.</summary>
        private static Pred Error => new ConstPred(TriValue.Null);

        /// <summary>
        /// <c>path:{ query }</c>: Elasticsearch's nested query (nested.ts), true when one object of the nested array
        /// satisfies the query. RuleGen reads nested objects as their dotted fields (it has no nested mapping); for a
        /// query of leaves joined by OR that is the same answer, so only those compile; AND and NOT inside, which would
        /// need the conditions to hold in one object, are "not supported yet".
        /// </summary>
        private Pred Nested(KqlNestedExpression nested, string? outerPath)
        {
            if (nested.Path.HasWildcard || nested.Path.Kind == KqlLiteralKind.Null)
            {
                _diagnostics.Add(DiagnosticCatalog.TypeMismatch, At(nested.Path), $"'{nested.Path.Raw}' is not a nested path (a nested query names one nested field)");
                return Error;
            }
            string path = outerPath is null ? nested.Path.Value : outerPath + "." + nested.Path.Value;
            if (_plan.Schema is FieldSchema schema && schema.Find(path) is not { Type: "nested" })
            {
                // Elasticsearch's nested query needs a nested mapping at the path (and Kibana checks the fields inside).
                string type = schema.Find(path)?.Type is string t ? $"is {t}" : $"is not in the schema ({schema.Description})";
                _diagnostics.Add(DiagnosticCatalog.TypeMismatch, At(nested.Path), $"{path} {type}, not nested: a nested query (path:{{…}}) needs a nested field");
                return Error;
            }
            return Condition(nested.Query, path);
        }

        private void NotInNested(KqlExpression expression, string what, string path) =>
            _diagnostics.Add(DiagnosticCatalog.NotSupportedYet, At(expression),
                $"{what} inside the nested query of {path} (its conditions must hold in one nested object; RuleGen reads nested objects as dotted fields, where OR is exact)");

        private Pred Range(KqlRangeExpression range, string? nestedPath)
        {
            LocationInfo fieldAt = At(range.Field);
            if (range.Field.Kind == KqlLiteralKind.Null)
            {
                FreeText(range.Field);
                return Error;
            }
            IReadOnlyList<KqlField>? fields = _fields.Resolve(range.Field, nestedPath, fieldAt, _diagnostics);
            if (fields is null) return Error;
            CompareOp op = range.Operator switch
            {
                KqlRangeOperator.Less => CompareOp.Less,
                KqlRangeOperator.LessOrEqual => CompareOp.LessOrEqual,
                KqlRangeOperator.Greater => CompareOp.Greater,
                _ => CompareOp.GreaterOrEqual,
            };
            LocationInfo valueAt = At(range.Value);
            return OverFields(fields, range.Field, (field, bag) => _leaves.Range(field, op, range.Value, valueAt, bag), valueAt);
        }

        private Pred Match(KqlMatchExpression match, string? nestedPath)
        {
            if (match.Field is null || match.Field.Kind == KqlLiteralKind.Null)
            {
                // A value alone: Kibana searches it in every field (multi_match, lenient); `null:x` is the same.
                FreeText(match.Field ?? (KqlLiteral)match.Value);
                return Error;
            }
            if (match.Field.IsLoneWildcard && match.Value is KqlLiteral { IsLoneWildcard: true })
            {
                return new ConstPred(TriValue.True); // *:* is match_all (is.ts)
            }
            IReadOnlyList<KqlField>? fields = _fields.Resolve(match.Field, nestedPath, At(match.Field), _diagnostics);
            if (fields is null) return Error;
            return Values(match.Value, fields, match.Field, nestedPath);
        }

        private void FreeText(KqlLiteral literal) =>
            _diagnostics.Add(DiagnosticCatalog.NotSupportedYet, At(literal),
                "Free text (a value with no field: Kibana searches every field for it with a multi_match query); name the field, as field:value");

        /// <summary><c>field:(a or b and not c)</c>: the field applied to every value (the grammar's ListOfValues).</summary>
        private Pred Values(KqlValueExpression value, IReadOnlyList<KqlField> fields, KqlLiteral fieldName, string? nestedPath)
        {
            using DepthGuard.Level level = _nesting.Enter(value.Start, value.Length);
            switch (value)
            {
                case KqlValueLogical logical:
                {
                    if (logical.Operator == KqlLogicalOperator.And && nestedPath is not null)
                    {
                        _diagnostics.Add(DiagnosticCatalog.NotSupportedYet, At(value),
                            $"AND inside the nested query of {nestedPath} (its conditions must hold in one nested object; RuleGen reads nested objects as dotted fields, where OR is exact)");
                        return Error;
                    }
                    var operands = logical.Operands.Select(o => Values(o, fields, fieldName, nestedPath)).ToList();
                    return logical.Operator == KqlLogicalOperator.And ? Folding.And(operands) : AnyOf(operands);
                }
                case KqlValueNot not:
                    if (nestedPath is not null)
                    {
                        _diagnostics.Add(DiagnosticCatalog.NotSupportedYet, At(value),
                            $"NOT inside the nested query of {nestedPath} (its conditions must hold in one nested object; RuleGen reads nested objects as dotted fields, where OR is exact)");
                        return Error;
                    }
                    return Not(Values(not.Operand, fields, fieldName, nestedPath));
                case KqlLiteral literal:
                {
                    LocationInfo valueAt = At(literal);
                    if (literal.IsLoneWildcard) return OverFields(fields, fieldName, (field, bag) => _leaves.Exists(field, valueAt, bag), valueAt);
                    return OverFields(fields, fieldName, (field, bag) => _leaves.Match(field, literal, valueAt, bag), valueAt);
                }
                default:
                    _diagnostics.Add(DiagnosticCatalog.NotSupportedYet, At(value), "This KQL value");
                    return Error;
            }
        }

        /// <summary>
        /// One leaf per field a name reads, ORed (Kibana's bool should over getFields). For a name with wildcards, a
        /// field whose type cannot take the value is left out (RuleGen's choice: Elasticsearch would fail the whole
        /// search, see docs/kql.md); when none can, the first field's problem is the error.
        /// </summary>
        private Pred OverFields(IReadOnlyList<KqlField> fields, KqlLiteral fieldName, Func<KqlField, DiagnosticBag, Pred?> leaf, LocationInfo valueAt)
        {
            if (!fieldName.HasWildcard) return leaf(fields[0], _diagnostics) ?? Error;
            var leaves = new List<Pred>();
            DiagnosticBag? firstProblem = null;
            foreach (KqlField field in fields)
            {
                var bag = new DiagnosticBag();
                Pred? pred = leaf(field, bag);
                if (pred is not null && !bag.HasErrors)
                {
                    foreach (DiagnosticInfo warning in bag.ToEquatableArray()) _diagnostics.Add(warning);
                    leaves.Add(pred);
                }
                else
                {
                    firstProblem ??= bag;
                }
            }
            if (leaves.Count > 0) return AnyOf(leaves);
            _diagnostics.Add(DiagnosticCatalog.TypeMismatch, valueAt,
                $"No field matching {fieldName.Raw} can be compared with this value: "
                + (firstProblem?.ToEquatableArray().FirstOrDefault()?.ToDiagnostic().GetMessage(System.Globalization.CultureInfo.InvariantCulture) ?? "no field"));
            return Error;
        }

        /// <summary>OR, with equalities of one field to strings merged into one IN (a set lookup, and a dispatch key).</summary>
        private static Pred AnyOf(IReadOnlyList<Pred> operands)
        {
            Pred or = Folding.Or(operands);
            if (or is not OrPred either) return or;
            var merged = new List<Pred>();
            // Per field and semantics: the string literals, and where the first equality stands (the set replaces it).
            var sets = new Dictionary<(FieldExpr, LeafSemantics), (int At, List<ValueExpr> Literals)>();
            foreach (Pred operand in either.Operands)
            {
                if (operand is ComparePred { Op: CompareOp.Equal, Left: FieldExpr field, Right: LiteralExpr { Kind: LiteralKind.String } literal } compare)
                {
                    var key = (field, compare.Semantics);
                    if (!sets.TryGetValue(key, out var set))
                    {
                        sets[key] = set = (merged.Count, new List<ValueExpr>());
                        merged.Add(operand);
                    }
                    set.Literals.Add(literal);
                    continue;
                }
                merged.Add(operand);
            }
            foreach (var entry in sets)
            {
                // Only the first equality's place: other leaves on the field (ranges) stay as they are.
                var (field, semantics) = entry.Key;
                var (at, literals) = entry.Value;
                if (literals.Count > 1) merged[at] = new InPred(field, literals.Distinct().ToEquatableArray(), semantics);
            }
            return merged.Count == 1 ? merged[0] : new OrPred(merged.ToEquatableArray());
        }

        /// <summary>NOT, with the exists test turned around rather than wrapped (it is never NULL).</summary>
        private static Pred Not(Pred operand) => operand.Unwrap() is IsNullPred isNull
            ? isNull with { Negated = !isNull.Negated }
            : Folding.Not(operand);

        private LocationInfo At(KqlNode node) => _source.Positions.At(node.Start, node.Length);

        /// <summary>One line of query text for the comment above the generated condition.</summary>
        private string SourceText(KqlNode node) =>
            string.Join(" ", _source.Text.Substring(node.Start, node.Length).Split(new[] { ' ', '\t', '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries));
    }
}
