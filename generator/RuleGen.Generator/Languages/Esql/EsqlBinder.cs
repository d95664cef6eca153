using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using RuleGen.Generator.Binding;
using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Limits;
using RuleGen.Generator.Model;
using RuleGen.Generator.Parsing;
using RuleGen.Generator.Languages.Esql;

using RuleGen.Generator.Ir;
using RuleGen.Generator.Planning;

namespace RuleGen.Generator.Languages.Esql
{
    /// <summary>
    /// Binds an ES|QL syntax tree (functions, argument counts, literal patterns) into the predicate IR with ES|QL's
    /// leaf semantics (<see cref="LeafSemantics.Esql"/>), folding constants; the shared <see cref="PlanBuilder"/> does
    /// slots, schema checks and the plan. Every problem is reported at its token; binding goes on so one build shows
    /// them all.
    /// </summary>
    internal sealed class EsqlBinder
    {
        private static readonly LeafSemantics Semantics = LeafSemantics.Esql;
        private readonly string _text;
        private readonly ScalarPositions _positions;
        private readonly DiagnosticBag _diagnostics;
        private readonly EquatableArray<ProjectFieldsFile> _projectFields;
        private readonly string _schemaName;
        private PlanBuilder _plan = null!;
        private EquatableArray<string> _sources = EquatableArray<string>.Empty;
        private readonly DepthGuard _nesting = DepthGuard.ForQueryTree();

        private EsqlBinder(string text, ScalarPositions positions, DiagnosticBag diagnostics, EquatableArray<ProjectFieldsFile> projectFields, string schemaName)
        {
            _schemaName = schemaName;
            _text = text;
            _positions = positions;
            _diagnostics = diagnostics;
            _projectFields = projectFields;
        }

        public static QueryPlan? Bind(string text, ScalarPositions positions, DiagnosticBag diagnostics) =>
            Bind(text, positions, diagnostics, EquatableArray<ProjectFieldsFile>.Empty, "ecs", out _);

        /// <summary>Lowers a query; <paramref name="schema"/> is the schema its fields were checked against (null: none, or no plan).</summary>
        public static QueryPlan? Bind(string text, ScalarPositions positions, DiagnosticBag diagnostics, EquatableArray<ProjectFieldsFile> projectFields, string schemaName, out FieldSchema? schema)
        {
            schema = null;
            EsqlQuery query;
            try
            {
                query = EsqlParser.Parse(text);
            }
            catch (EsqlCommandNotSupportedException e)
            {
                diagnostics.Add(DiagnosticCatalog.EsqlCommandNotSupported, positions.At(e.Start, e.Length), e.Message);
                return null;
            }
            catch (EsqlSyntaxException e)
            {
                if (e.NotSupported) diagnostics.Add(DiagnosticCatalog.NotSupportedYet, positions.At(e.Start, e.Length), e.Message);
                else diagnostics.Add(DiagnosticCatalog.EsqlSyntaxError, positions.At(e.Start, e.Length), e.Message);
                return null;
            }
            catch (LimitExceededException e)
            {
                diagnostics.Add(e, positions.At(e.Start, e.Length));
                return null;
            }
            try
            {
                var binder = new EsqlBinder(text, positions, diagnostics, projectFields, schemaName);
                QueryPlan plan = binder.Bind(query);
                schema = binder._plan.Schema;
                return plan;
            }
            catch (LimitExceededException e)
            {
                // A pass over the tree went too deep: at the node where it stopped, or at the query's start.
                diagnostics.Add(e, positions.At(Math.Max(0, e.Start), e.Start < 0 ? 4 : e.Length));
                return null;
            }
        }

        private QueryPlan Bind(EsqlQuery query)
        {
            var problems = new List<string>();
            _sources = query.From.Sources.Select(s => s.Name).ToEquatableArray();
            _plan = new PlanBuilder(_diagnostics, FieldSchema.For(_schemaName, query.From.Sources.Select(s => s.Name), _projectFields, problems), "this FROM");
            foreach (string problem in problems) _diagnostics.Add(DiagnosticCatalog.InvalidArgument, At(query.From), "fields file", problem);
            foreach (NamedItem metadata in query.From.Metadata)
            {
                if (metadata.Name is not ("_id" or "_version" or "_index" or "_ignored" or "_index_mode" or "_score" or "_source" or "_size"))
                {
                    _diagnostics.Add(DiagnosticCatalog.EsqlSyntaxError, At(metadata), $"'{metadata.Name}' is not a metadata field (_id, _version, _index, …)");
                }
            }

            // The leading WHEREs are the rule's filter, in the predicate IR (prefilter, dispatch); a conjunct the IR cannot
            // say (arithmetic, casts, functions of values, NOW()) runs first in the pipeline instead: a row passes WHERE
            // a AND b exactly when it passes both, wherever each is tested.
            var conjuncts = new List<(Pred, LocationInfo)>();
            var rowConjuncts = new List<EsqlExpression>();
            int next = 0;
            for (; next < query.Commands.Count && query.Commands[next] is WhereCommand where; next++)
            {
                foreach (EsqlExpression conjunct in Conjuncts(where.Condition))
                {
                    if (EsqlFilterSubset.Covers(conjunct)) conjuncts.Add((new SourcedPred(Condition(conjunct), SourceText(conjunct)), At(conjunct)));
                    else rowConjuncts.Add(conjunct);
                }
            }
            conjuncts.Insert(0, (new SourcedPred(FromIndex(query.From), "FROM " + string.Join(", ", query.From.Sources.Select(x => x.Name))), At(query.From)));
            var rest = query.Commands.Skip(next).ToList();
            var keepCommands = rest.OfType<ColumnsCommand>().Where(c => c.IsKeep).ToList();
            // A query of WHEREs and one KEEP needs no pipeline: the filter decides, KEEP picks the alert's columns.
            bool simple = rowConjuncts.Count == 0 && (rest.Count == 0 || rest.Count == 1 && rest[0] is ColumnsCommand { IsKeep: true });
            if (simple)
            {
                foreach (NamedItem column in keepCommands.SelectMany(k => k.Columns))
                {
                    if (query.From.Metadata.All(m => m.Name != column.Name)) _plan.CheckNamedField(column.Name, At(column));
                }
                var keep = keepCommands.Count == 1 ? keepCommands[0].Columns.Select(c => c.Name).ToEquatableArray() : new EquatableArray<string>(new[] { "*" });
                return _plan.Build("esql", _text, query.From.Sources.Select(s => s.Name).ToEquatableArray(), query.From.Metadata.Select(m => m.Name).ToEquatableArray(), conjuncts, keep);
            }

            var metadataNames = new HashSet<string>(query.From.Metadata.Select(m => m.Name), StringComparer.Ordinal);
            var pipeline = new Pipeline.EsqlPipelineBinder(_text, _positions, _diagnostics,
                name => metadataNames.Contains(name) ? (name == "_version" ? Types.EsqlDataType.Long : Types.EsqlDataType.Keyword) : Types.EsqlDataTypes.FromMapping(_plan.Info(name)?.Type),
                (name, node) => _plan.Field(name, At(node), optional: metadataNames.Contains(name)).Slot,
                SourceText);
            foreach (EsqlExpression conjunct in rowConjuncts) pipeline.AddLeadingWhere(conjunct);
            // A later WHERE's conjunct that reads only event fields no command before it changed goes to the filter too,
            // as Elasticsearch pushes such filters down to Lucene: prefilter and dispatch then skip most events, and a
            // rule that waits for its tick keeps a row only for the events its filter passes. Not past STATS or LIMIT
            // (they change which rows exist), nor KEEP, DROP or RENAME (a name they hide must stay an error).
            var touched = new HashSet<string>(StringComparer.Ordinal);
            bool pushing = true;
            foreach (EsqlCommand command in rest)
            {
                if (pushing && command is WhereCommand later)
                {
                    var remaining = new List<EsqlExpression>();
                    foreach (EsqlExpression conjunct in Conjuncts(later.Condition))
                    {
                        if (EsqlFilterSubset.Covers(conjunct) && EsqlFilterSubset.FieldsOf(conjunct).All(f => !touched.Contains(f)))
                            conjuncts.Add((new SourcedPred(Condition(conjunct), SourceText(conjunct)), At(conjunct)));
                        else remaining.Add(conjunct);
                    }
                    pipeline.AddWhere(later, remaining);
                    continue;
                }
                pushing &= EsqlFilterSubset.NoteChanges(command, touched);
                pipeline.Add(command);
            }
            Ir.Pipeline.PipelinePlan steps = pipeline.Build();
            // The alert's event columns (a rule without STATS): KeepProjection picks them by the last KEEP; the pipeline's own
            // columns are written over them. An aggregating rule's alert is only its row.
            EquatableArray<string> eventKeep = steps.Aggregating ? EquatableArray<string>.Empty : steps.SourceKeep;
            QueryPlan plan = _plan.Build("esql", _text, query.From.Sources.Select(s => s.Name).ToEquatableArray(), query.From.Metadata.Select(m => m.Name).ToEquatableArray(), conjuncts, eventKeep);
            return plan with { Pipeline = steps };
        }

        /// <summary>FROM's index patterns as a filter on the event's data stream (a remote cluster's <c>cluster:</c> prefix dropped).</summary>
        private Pred FromIndex(FromCommand from)
        {
            LocationInfo at = At(from);
            var patterns = from.Sources.Select(s => s.Name.IndexOf(':') is int colon and >= 0 ? s.Name.Substring(colon + 1) : s.Name).ToEquatableArray();
            if (patterns.Any(p => p == "*")) return new ConstPred(TriValue.True);
            return new SourceIndexPred(patterns, _plan.Field("data_stream.type", at, optional: true), _plan.Field("data_stream.dataset", at, optional: true),
                _plan.Field("data_stream.namespace", at, optional: true));
        }

        private static IEnumerable<EsqlExpression> Conjuncts(EsqlExpression expression) =>
            Languages.Conjuncts.Of(expression, e => e is LogicalExpression { Operator: LogicalOperator.And } and ? and.Operands : null);

        private Pred Condition(EsqlExpression expression)
        {
            using DepthGuard.Level level = _nesting.Enter(expression.Start, expression.Length);
            switch (expression)
            {
                case LogicalExpression logical:
                    var operands = logical.Operands.Select(Condition).ToList();
                    return logical.Operator == LogicalOperator.And ? Folding.And(operands) : Folding.Or(operands);
                case NotExpression not:
                    return Folding.Not(Condition(not.Operand));
                case ComparisonExpression comparison:
                {
                    ValueExpr left = Value(comparison.Left), right = Value(comparison.Right);
                    left = ImplicitBoolean(left, right);
                    right = ImplicitBoolean(right, left);
                    CompareOp op = Map(comparison.Operator);
                    if (right is LiteralExpr rightLiteral && left is not LiteralExpr)
                    {
                        _plan.CheckComparison(left, op, rightLiteral, Semantics, FieldAt(comparison.Left), At(comparison.Right));
                    }
                    else if (left is LiteralExpr leftLiteral && right is not LiteralExpr)
                    {
                        _plan.CheckComparison(right, op, leftLiteral, Semantics, FieldAt(comparison.Right), At(comparison.Left));
                    }
                    else if (op is CompareOp.Equal or CompareOp.NotEqual)
                    {
                        _plan.WarnIfMultivalued(left, op == CompareOp.Equal ? "==" : "!=", Semantics, FieldAt(comparison.Left));
                    }
                    return Folding.Compare(op, left, right, Semantics);
                }
                case InExpression @in:
                {
                    ValueExpr value = Value(@in.Value);
                    _plan.WarnIfMultivalued(value, "IN", Semantics, FieldAt(@in.Value));
                    var list = @in.List.Select(Value).Select(item => ImplicitBoolean(item, value)).ToEquatableArray();
                    Pred inPred = Folding.In(value, list, Semantics);
                    return @in.Negated ? Folding.Not(inPred) : inPred;
                }
                case IsNullExpression isNull:
                    return Folding.IsNull(Value(isNull.Value), isNull.Negated);
                case PatternExpression pattern:
                {
                    _plan.RequireString(Value(pattern.Value), pattern.IsRegex ? "RLIKE" : "LIKE", Semantics, FieldAt(pattern.Value));
                    Pred match = pattern.IsRegex ? Regex(pattern) : Like(pattern);
                    return pattern.Negated ? Folding.Not(match) : match;
                }
                case FunctionCall call:
                {
                    FunctionInfo? function = Resolve(call);
                    if (function is null) return Error;
                    if (!function.IsPredicate)
                    {
                        return new ValuePred(Value(call), Semantics);
                    }
                    return PredicateCall(function, call);
                }
                case LiteralExpression { Kind: LiteralKind.Boolean } literal:
                    return new ConstPred(literal.Value == "true" ? TriValue.True : TriValue.False);
                case LiteralExpression { Kind: LiteralKind.Null }:
                    return new ConstPred(TriValue.Null);
                case LiteralExpression literal:
                    _diagnostics.Add(DiagnosticCatalog.InvalidArgument, At(literal), "WHERE", $"a {literal.Kind.ToString().ToLowerInvariant()} literal is not a condition");
                    return Error;
                case FieldReference field:
                    return new ValuePred(Value(field), Semantics);
                case UnsupportedExpression unsupported:
                    _diagnostics.Add(DiagnosticCatalog.NotSupportedYet, At(unsupported), unsupported.What);
                    return Error;
                default:
                    _diagnostics.Add(DiagnosticCatalog.NotSupportedYet, At(expression), "This expression");
                    return Error;
            }
        }

        /// <summary>
        /// ES|QL's implicit casting of a string literal met by a boolean field (esql-implicit-casting: BOOLEAN, operators):
        /// the literal is the boolean Boolean.parseBoolean reads, "true" in any case, anything else false.
        /// </summary>
        private ValueExpr ImplicitBoolean(ValueExpr literal, ValueExpr other) =>
            literal is LiteralExpr { Kind: LiteralKind.String } text && _plan.Info(other)?.Type == "boolean"
                ? new LiteralExpr(LiteralKind.Boolean, text.Text.Equals("true", StringComparison.OrdinalIgnoreCase) ? "true" : "false")
                : literal;

        /// <summary>What a condition lowers to after an error: the rule is not emitted anyway.</summary>
        private static Pred Error => new ConstPred(TriValue.Null);

        private Pred PredicateCall(FunctionInfo function, FunctionCall call)
        {
            var args = call.Arguments;
            switch (function.Kind)
            {
                case FunctionKind.StartsWith:
                case FunctionKind.EndsWith:
                {
                    ValueExpr value = Value(args[0]);
                    _plan.RequireString(value, function.Name, Semantics, FieldAt(args[0]));
                    return Folding.Substring(value, Value(args[1]), function.Kind == FunctionKind.EndsWith ? SubstringPlace.End : SubstringPlace.Start, Semantics);
                }
                case FunctionKind.MvContains:
                    return new MvContainsPred(Value(args[0]), Value(args[1]));
                case FunctionKind.Kql:
                {
                    if (args[0] is not LiteralExpression { Kind: LiteralKind.String } literal)
                    {
                        _diagnostics.Add(DiagnosticCatalog.InvalidArgument, At(args[0]), "KQL", "the query must be a string literal");
                        return Error;
                    }
                    // The KQL text starts after the literal's opening quote(s); verbatim for """…""", escapes read for "…".
                    int quote = _text.Substring(literal.Start).StartsWith("\"\"\"", StringComparison.Ordinal) ? 3 : 1;
                    var kql = new QuerySource(literal.Value, _positions.Shifted(literal.Start + quote), _sources, _schemaName, _projectFields);
                    return Kql.KqlBinder.BindEmbedded(kql, _plan, _diagnostics) ?? Error;
                }
                case FunctionKind.CidrMatch:
                {
                    ValueExpr ip = Value(args[0]);
                    _plan.RequireIp(ip, "CIDR_MATCH", Semantics, FieldAt(args[0]));
                    var blocks = new List<string>();
                    foreach (EsqlExpression block in args.Skip(1))
                    {
                        if (block is not LiteralExpression { Kind: LiteralKind.String } literal)
                        {
                            _diagnostics.Add(DiagnosticCatalog.InvalidArgument, At(block), "CIDR_MATCH", "the blocks must be string literals such as \"10.0.0.0/8\"");
                            continue;
                        }
                        if (!IsCidr(literal.Value))
                        {
                            _diagnostics.Add(DiagnosticCatalog.InvalidArgument, At(block), "CIDR_MATCH", $"'{literal.Value}' is not an IPv4 or IPv6 CIDR block");
                            continue;
                        }
                        blocks.Add(literal.Value);
                    }
                    return new CidrPred(ip, blocks.ToEquatableArray(), Semantics);
                }
                default:
                    return Error;
            }
        }

        /// <summary>An IPv4 or IPv6 address or CIDR block (also EQL cidrMatch's check).</summary>
        internal static bool IsCidr(string block)
        {
            int slash = block.IndexOf('/');
            string address = slash < 0 ? block : block.Substring(0, slash);
            if (!IPAddress.TryParse(address, out IPAddress? ip) || address.IndexOf(':') < 0 && address.Count(c => c == '.') != 3) return false;
            if (slash < 0) return true;
            int max = ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 128 : 32;
            return int.TryParse(block.Substring(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int prefix) && prefix <= max;
        }

        private Pred Like(PatternExpression pattern)
        {
            ValueExpr value = Value(pattern.Value);
            var patterns = new List<string>();
            foreach (EsqlExpression p in pattern.Patterns)
            {
                if (p is not LiteralExpression { Kind: LiteralKind.String } literal)
                {
                    _diagnostics.Add(DiagnosticCatalog.InvalidPattern, At(p), "LIKE", "the pattern must be a string literal");
                    continue;
                }
                if (literal.Value.EndsWith("\\", StringComparison.Ordinal) && CountTrailingBackslashes(literal.Value) % 2 == 1)
                {
                    _diagnostics.Add(DiagnosticCatalog.InvalidPattern, At(literal), "LIKE", "a trailing '\\' escapes nothing");
                    continue;
                }
                patterns.Add(literal.Value);
            }
            return new LikePred(value, patterns.ToEquatableArray(), Semantics);
        }

        private static int CountTrailingBackslashes(string s)
        {
            int count = 0;
            for (int i = s.Length - 1; i >= 0 && s[i] == '\\'; i--) count++;
            return count;
        }

        private Pred Regex(PatternExpression pattern)
        {
            ValueExpr value = Value(pattern.Value);
            var patterns = new List<string>();
            var translated = new List<string>();
            foreach (EsqlExpression p in pattern.Patterns)
            {
                if (p is not LiteralExpression { Kind: LiteralKind.String } literal)
                {
                    _diagnostics.Add(DiagnosticCatalog.InvalidPattern, At(p), "RLIKE", "the pattern must be a string literal");
                    continue;
                }
                if (literal.Value.Length > RuleLimits.RegexLength)
                {
                    _diagnostics.Add(LimitExceededException.Size("An RLIKE pattern has too many characters", RuleLimits.RegexLength, literal.Start, literal.Length), At(literal));
                    continue;
                }
                try
                {
                    translated.Add(LuceneRegex.Translate(literal.Value));
                    patterns.Add(literal.Value);
                }
                catch (LuceneRegex.TranslationException e)
                {
                    // Point inside the literal when the literal is written verbatim (""" or no escapes).
                    int quote = _text.Substring(literal.Start).StartsWith("\"\"\"", StringComparison.Ordinal) ? 3 : 1;
                    int offset = literal.Start + quote + e.Offset;
                    if (offset >= literal.End) offset = literal.Start;
                    if (e.NotSupported) _diagnostics.Add(DiagnosticCatalog.NotSupportedYet, _positions.At(offset, 1), e.Message);
                    else _diagnostics.Add(DiagnosticCatalog.InvalidPattern, _positions.At(offset, 1), "RLIKE", e.Message);
                }
            }
            return new RegexPred(value, patterns.ToEquatableArray(), translated.ToEquatableArray(), Semantics);
        }

        private ValueExpr Value(EsqlExpression expression)
        {
            using DepthGuard.Level level = _nesting.Enter(expression.Start, expression.Length);
            switch (expression)
            {
                case LiteralExpression literal:
                    return new LiteralExpr(literal.Kind, literal.Value);
                case FieldReference field:
                    return _plan.Field(field.Name, At(field));
                case FunctionCall call:
                {
                    FunctionInfo? function = Resolve(call);
                    if (function is null) return ErrorValue;
                    if (function.Kind is FunctionKind.ToLower or FunctionKind.ToUpper)
                    {
                        return Folding.Case(function.Kind == FunctionKind.ToUpper, Value(call.Arguments[0]));
                    }
                    _diagnostics.Add(DiagnosticCatalog.NotSupportedYet, At(call), $"Using {function.Name} as a value (it is a condition)");
                    return ErrorValue;
                }
                case UnsupportedExpression unsupported:
                    _diagnostics.Add(DiagnosticCatalog.NotSupportedYet, At(unsupported), unsupported.What);
                    return ErrorValue;
                default:
                    _diagnostics.Add(DiagnosticCatalog.NotSupportedYet, At(expression), "A condition used as a value");
                    return ErrorValue;
            }
        }

        private static ValueExpr ErrorValue => new LiteralExpr(LiteralKind.Null, "null");

        private FunctionInfo? Resolve(FunctionCall call)
        {
            FunctionInfo? function = EsqlFunctions.Find(call.Name);
            LocationInfo nameLocation = _positions.At(call.Start, call.NameLength);
            if (function is null)
            {
                if (EsqlFunctions.IsOtherEsqlFunction(call.Name))
                {
                    _diagnostics.Add(DiagnosticCatalog.NotSupportedYet, nameLocation, $"The function {call.Name.ToUpperInvariant()}");
                }
                else
                {
                    _diagnostics.Add(DiagnosticCatalog.UnknownFunction, nameLocation, call.Name, DidYouMean.Suffix(call.Name.ToUpperInvariant(), EsqlFunctions.AllNames, _diagnostics));
                }
                return null;
            }
            int count = call.Arguments.Count;
            if (count < function.MinArguments || (function.MaxArguments >= 0 && count > function.MaxArguments))
            {
                _diagnostics.Add(DiagnosticCatalog.WrongArgumentCount, nameLocation, function.Name, function.ArityText, count.ToString(CultureInfo.InvariantCulture));
                return null;
            }
            foreach (EsqlExpression argument in call.Arguments)
            {
                if (argument is UnsupportedExpression unsupported)
                {
                    _diagnostics.Add(DiagnosticCatalog.NotSupportedYet, At(unsupported), unsupported.What);
                    return null;
                }
            }
            return function;
        }

        /// <summary>Where to point for a problem with the field an expression reads (through TO_LOWER/TO_UPPER).</summary>
        private LocationInfo FieldAt(EsqlExpression expression)
        {
            // TO_LOWER(TO_UPPER(…)) chains: a loop, not a recursion.
            while (expression is FunctionCall { Arguments.Count: 1 } c
                && (c.Name.Equals("to_lower", StringComparison.OrdinalIgnoreCase) || c.Name.Equals("to_upper", StringComparison.OrdinalIgnoreCase)))
            {
                expression = c.Arguments[0];
            }
            return At(expression);
        }

        private static CompareOp Map(ComparisonOperator op) => op switch
        {
            ComparisonOperator.Equal => CompareOp.Equal,
            ComparisonOperator.NotEqual => CompareOp.NotEqual,
            ComparisonOperator.Less => CompareOp.Less,
            ComparisonOperator.LessOrEqual => CompareOp.LessOrEqual,
            ComparisonOperator.Greater => CompareOp.Greater,
            _ => CompareOp.GreaterOrEqual,
        };

        private LocationInfo At(EsqlNode node) => _positions.At(node.Start, node.Length);

        private string SourceText(EsqlNode node)
        {
            // One line of query text for the comment above the generated condition; comments inside are dropped.
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
