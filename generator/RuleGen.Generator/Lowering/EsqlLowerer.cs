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
using RuleGen.Generator.Parsing.Esql;

namespace RuleGen.Generator.Lowering
{
    /// <summary>
    /// Binds an ES|QL syntax tree (functions, argument counts, literal patterns) and lowers it to the predicate IR,
    /// folding constants. Every problem is reported at its token; lowering goes on so one build shows them all.
    /// </summary>
    internal sealed class EsqlLowerer
    {
        private readonly string _text;
        private readonly ScalarPositions _positions;
        private readonly DiagnosticBag _diagnostics;
        private readonly List<string> _fields = new();
        private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);
        private readonly Dictionary<string, EsqlNode> _firstUse = new(StringComparer.Ordinal);
        private readonly EquatableArray<ProjectFieldsFile> _projectFields;
        private readonly string _schemaName;
        private FieldSchema? _schema;
        private readonly DepthGuard _nesting = DepthGuard.ForQueryTree();

        private EsqlLowerer(string text, ScalarPositions positions, DiagnosticBag diagnostics, EquatableArray<ProjectFieldsFile> projectFields, string schemaName)
        {
            _schemaName = schemaName;
            _text = text;
            _positions = positions;
            _diagnostics = diagnostics;
            _projectFields = projectFields;
        }

        public static QueryPlan? Lower(string text, ScalarPositions positions, DiagnosticBag diagnostics) =>
            Lower(text, positions, diagnostics, EquatableArray<ProjectFieldsFile>.Empty, "ecs", out _);

        /// <summary>Lowers a query; <paramref name="schema"/> is the schema its fields were checked against (null: none, or no plan).</summary>
        public static QueryPlan? Lower(string text, ScalarPositions positions, DiagnosticBag diagnostics, EquatableArray<ProjectFieldsFile> projectFields, string schemaName, out FieldSchema? schema)
        {
            schema = null;
            EsqlQuery query;
            try
            {
                query = EsqlParser.Parse(text);
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
                var lowerer = new EsqlLowerer(text, positions, diagnostics, projectFields, schemaName);
                QueryPlan plan = lowerer.Lower(query);
                schema = lowerer._schema;
                return plan;
            }
            catch (LimitExceededException e)
            {
                // A pass over the tree went too deep: at the node where it stopped, or at the query's start.
                diagnostics.Add(e, positions.At(Math.Max(0, e.Start), e.Start < 0 ? 4 : e.Length));
                return null;
            }
        }

        private QueryPlan Lower(EsqlQuery query)
        {
            var problems = new List<string>();
            _schema = FieldSchema.For(_schemaName, query.From.Sources.Select(s => s.Name), _projectFields, problems);
            foreach (string problem in problems) _diagnostics.Add(DiagnosticCatalog.InvalidArgument, At(query.From), "fields file", problem);
            foreach (NamedItem metadata in query.From.Metadata)
            {
                if (metadata.Name is not ("_id" or "_version" or "_index" or "_ignored" or "_index_mode" or "_score" or "_source" or "_size"))
                {
                    _diagnostics.Add(DiagnosticCatalog.EsqlSyntaxError, At(metadata), $"'{metadata.Name}' is not a metadata field (_id, _version, _index, …)");
                }
            }

            var conjuncts = new List<Pred>();
            var located = new List<(Pred, EsqlNode)>();
            foreach (EsqlExpression where in query.Where)
            {
                foreach (EsqlExpression conjunct in Conjuncts(where))
                {
                    Pred lowered = Condition(conjunct);
                    conjuncts.Add(new SourcedPred(lowered, SourceText(conjunct)));
                    located.Add((lowered, conjunct));
                }
            }
            Pred condition = Ordering.CheapestFirst(Folding.And(conjuncts));
            CheckFields(query);
            NeverTrue.Check(located, _diagnostics, At);

            var keep = query.Keep?.Columns.Select(c => c.Name).ToEquatableArray() ?? new EquatableArray<string>(new[] { "*" });
            return new QueryPlan(
                "esql",
                _text,
                query.From.Sources.Select(s => s.Name).ToEquatableArray(),
                query.From.Metadata.Select(m => m.Name).ToEquatableArray(),
                _fields.ToEquatableArray(),
                condition,
                keep,
                RequiredLiterals.Of(condition),
                DispatchKeys.Of(condition));
        }

        /// <summary>The top-level conjuncts of a WHERE, ANDs inside parentheses included, in order (no recursion).</summary>
        private static IEnumerable<EsqlExpression> Conjuncts(EsqlExpression expression)
        {
            var pending = new Stack<EsqlExpression>();
            pending.Push(expression);
            while (pending.Count > 0)
            {
                EsqlExpression next = pending.Pop();
                if (next is LogicalExpression { Operator: LogicalOperator.And } and)
                {
                    for (int i = and.Operands.Count - 1; i >= 0; i--) pending.Push(and.Operands[i]);
                }
                else
                {
                    yield return next;
                }
            }
        }

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
                    CheckComparison(comparison);
                    return Folding.Compare(Map(comparison.Operator), Value(comparison.Left), Value(comparison.Right));
                case InExpression @in:
                {
                    WarnIfArray(@in.Value, "IN");
                    ValueExpr value = Value(@in.Value);
                    var list = @in.List.Select(Value).ToEquatableArray();
                    Pred inPred = Folding.In(value, list);
                    return @in.Negated ? Folding.Not(inPred) : inPred;
                }
                case IsNullExpression isNull:
                    return Folding.IsNull(Value(isNull.Value), isNull.Negated);
                case PatternExpression pattern:
                {
                    RequireString(pattern.Value, pattern.IsRegex ? "RLIKE" : "LIKE");
                    Pred match = pattern.IsRegex ? Regex(pattern) : Like(pattern);
                    return pattern.Negated ? Folding.Not(match) : match;
                }
                case FunctionCall call:
                {
                    FunctionInfo? function = Resolve(call);
                    if (function is null) return Error;
                    if (!function.IsPredicate)
                    {
                        return new ValuePred(Value(call));
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
                    return new ValuePred(Value(field));
                case UnsupportedExpression unsupported:
                    _diagnostics.Add(DiagnosticCatalog.NotSupportedYet, At(unsupported), unsupported.What);
                    return Error;
                default:
                    _diagnostics.Add(DiagnosticCatalog.NotSupportedYet, At(expression), "This expression");
                    return Error;
            }
        }

        /// <summary>What a condition lowers to after an error: the rule is not emitted anyway.</summary>
        private static Pred Error => new ConstPred(TriValue.Null);

        private Pred PredicateCall(FunctionInfo function, FunctionCall call)
        {
            var args = call.Arguments;
            switch (function.Kind)
            {
                case FunctionKind.StartsWith:
                case FunctionKind.EndsWith:
                    RequireString(args[0], function.Name);
                    return Folding.Affix(Value(args[0]), Value(args[1]), function.Kind == FunctionKind.EndsWith);
                case FunctionKind.MvContains:
                    return new MvContainsPred(Value(args[0]), Value(args[1]));
                case FunctionKind.CidrMatch:
                {
                    if (FieldOf(args[0]) is ({ } info, var node) && info.Type != "ip")
                    {
                        _diagnostics.Add(DiagnosticCatalog.TypeMismatch, At(node), $"CIDR_MATCH needs an ip, but {info.Name} is {info.Type}" + (info.Name == "source.address" ? " (source.ip is the ip)" : ""));
                    }
                    WarnIfArray(args[0], "CIDR_MATCH");
                    ValueExpr ip = Value(args[0]);
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
                    return new CidrPred(ip, blocks.ToEquatableArray());
                }
                default:
                    return Error;
            }
        }

        private static bool IsCidr(string block)
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
            return new LikePred(value, patterns.ToEquatableArray());
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
            return new RegexPred(value, patterns.ToEquatableArray(), translated.ToEquatableArray());
        }

        private ValueExpr Value(EsqlExpression expression)
        {
            using DepthGuard.Level level = _nesting.Enter(expression.Start, expression.Length);
            switch (expression)
            {
                case LiteralExpression literal:
                    return new LiteralExpr(literal.Kind, literal.Value);
                case FieldReference field:
                    if (!_firstUse.ContainsKey(field.Name)) _firstUse[field.Name] = field;
                    return Field(field.Name);
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
            FunctionInfo? function = FunctionCatalog.Find(call.Name);
            LocationInfo nameLocation = _positions.At(call.Start, call.NameLength);
            if (function is null)
            {
                if (FunctionCatalog.IsOtherEsqlFunction(call.Name))
                {
                    _diagnostics.Add(DiagnosticCatalog.NotSupportedYet, nameLocation, $"The function {call.Name.ToUpperInvariant()}");
                }
                else
                {
                    _diagnostics.Add(DiagnosticCatalog.UnknownFunction, nameLocation, call.Name, DidYouMean.Suffix(call.Name.ToUpperInvariant(), FunctionCatalog.AllNames, _diagnostics));
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

        /// <summary>Every field the query reads or keeps must be in the schema; KEEP patterns must match some field.</summary>
        private void CheckFields(EsqlQuery query)
        {
            if (_schema is null) return;
            foreach (KeyValuePair<string, EsqlNode> use in _firstUse) CheckField(use.Key, use.Value);
            foreach (NamedItem column in query.Keep?.Columns ?? (IReadOnlyList<NamedItem>)Array.Empty<NamedItem>())
            {
                if (column.Name.IndexOf('*') >= 0)
                {
                    if (!_schema.AnyMatches(column.Name)) Unknown(column.Name, column);
                }
                else if (!_firstUse.ContainsKey(column.Name) && query.From.Metadata.All(m => m.Name != column.Name))
                {
                    CheckField(column.Name, column);
                }
            }
        }

        private void CheckField(string name, EsqlNode node)
        {
            if (_schema!.Find(name) is null) Unknown(name, node);
        }

        private void Unknown(string name, EsqlNode node)
        {
            if (_schema is null) return;
            string suggestion = name.IndexOf('*') >= 0 ? string.Empty : DidYouMean.Suffix(name, _schema.AllNames, _diagnostics);
            if (_schema.IsComplete) _diagnostics.Add(DiagnosticCatalog.UnknownField, At(node), name, _schema.Description, suggestion);
            else _diagnostics.Add(DiagnosticCatalog.FieldNotInEcs, At(node), name, _schema.Description, "this FROM", suggestion);
        }

        /// <summary>The schema's type of a field the expression reads directly (or through TO_LOWER/TO_UPPER).</summary>
        private (FieldInfo? Info, EsqlNode Node) FieldOf(EsqlExpression expression)
        {
            // TO_LOWER(TO_UPPER(…)) chains: a loop, not a recursion.
            while (expression is FunctionCall { Arguments.Count: 1 } c
                && (c.Name.Equals("to_lower", StringComparison.OrdinalIgnoreCase) || c.Name.Equals("to_upper", StringComparison.OrdinalIgnoreCase)))
            {
                expression = c.Arguments[0];
            }
            return expression is FieldReference f ? (_schema?.Find(f.Name), f) : (null, expression);
        }

        /// <summary>A string operation (LIKE, RLIKE, STARTS_WITH, TO_LOWER, …) on a field that is not a string.</summary>
        private void RequireString(EsqlExpression value, string operation)
        {
            var (info, node) = FieldOf(value);
            if (info is not null && !info.IsString && info.Type != "ip" && info.Type != "date")
            {
                _diagnostics.Add(DiagnosticCatalog.TypeMismatch, At(node), $"{operation} needs a string, but {info.Name} is {info.Type}");
            }
            WarnIfArray(value, operation);
        }

        private void WarnIfArray(EsqlExpression value, string operation)
        {
            var (info, node) = FieldOf(value);
            if (info is { IsArray: true }) _diagnostics.Add(DiagnosticCatalog.MultivaluedField, At(node), info.Name, operation);
        }

        /// <summary>A field compared with a literal of another type (a keyword with a number, a long with a string, …).</summary>
        private void CheckComparison(ComparisonExpression comparison)
        {
            EsqlExpression field = comparison.Left is LiteralExpression ? comparison.Right : comparison.Left;
            EsqlExpression other = ReferenceEquals(field, comparison.Left) ? comparison.Right : comparison.Left;
            var (info, node) = FieldOf(field);
            if (comparison.Operator is ComparisonOperator.Equal or ComparisonOperator.NotEqual) WarnIfArray(field, comparison.Operator == ComparisonOperator.Equal ? "==" : "!=");
            if (info is null || other is not LiteralExpression literal || literal.Kind == LiteralKind.Null) return;
            if (info.Constant is string constant && comparison.Operator == ComparisonOperator.Equal && literal.Kind == LiteralKind.String && literal.Value != constant)
            {
                // A constant_keyword of the data stream: every event has this one value.
                _diagnostics.Add(DiagnosticCatalog.NeverTrue, At(literal), $"{info.Name} is always \"{constant}\" in {_schema!.Description}");
            }
            string? problem = (info, literal.Kind) switch
            {
                ({ IsNumeric: true }, LiteralKind.String) => "a string",
                ({ IsString: true }, LiteralKind.Number) => "a number",
                ({ IsString: true }, LiteralKind.Boolean) => "a boolean",
                ({ Type: "boolean" }, LiteralKind.String or LiteralKind.Number) => literal.Kind == LiteralKind.String ? "a string" : "a number",
                ({ Type: "ip" }, LiteralKind.String) when !System.Net.IPAddress.TryParse(literal.Value, out _) => "a string that is not an IP address",
                ({ Type: "ip" }, LiteralKind.Number) => "a number",
                ({ Type: "date" }, LiteralKind.String) when !DateTimeOffset.TryParse(literal.Value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _) => "a string that is not a date",
                _ => null,
            };
            if (problem is not null)
            {
                _diagnostics.Add(DiagnosticCatalog.TypeMismatch, At(literal), $"{info.Name} is {info.Type} and cannot be compared with {problem} ({literal.Value})");
            }
        }

        private FieldExpr Field(string name)
        {
            if (!_slots.TryGetValue(name, out int slot))
            {
                _slots[name] = slot = _fields.Count;
                _fields.Add(name);
            }
            return new FieldExpr(name, slot);
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
