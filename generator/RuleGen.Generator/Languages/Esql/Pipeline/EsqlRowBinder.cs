using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Ir;
using RuleGen.Generator.Ir.Pipeline;
using RuleGen.Generator.Languages.Esql.Functions;
using RuleGen.Generator.Languages.Esql.Types;
using RuleGen.Generator.Limits;
using RuleGen.Generator.Model;
using RuleGen.Generator.Parsing;
using static RuleGen.Generator.Emitting.CSharp;

namespace RuleGen.Generator.Languages.Esql.Pipeline
{
    /// <summary>
    /// Binds an ES|QL expression to a typed <see cref="RowExpr"/> over the columns of a scope: every function and
    /// operator checked against its signature at build time, constants typed (a string compared with a date or an IP
    /// is that date or IP, ES|QL's implicit casting), each problem reported at its token. What the expression does at
    /// run time is the runtime method each call names (RuleGen.Runtime.Pipeline).
    /// </summary>
    internal sealed class EsqlRowBinder
    {
        private const string Value = "global::RuleGen.Runtime.Pipeline.EsqlValue";
        private readonly ScalarPositions _positions;
        private readonly DiagnosticBag _diagnostics;
        private readonly Func<string, EsqlNode, bool> _readSource;
        private readonly DepthGuard _nesting = DepthGuard.ForQueryTree();

        /// <param name="readSource">Called when an expression reads an event field first (schema check, field slot); false: report nothing more.</param>
        public EsqlRowBinder(ScalarPositions positions, DiagnosticBag diagnostics, Func<string, EsqlNode, bool> readSource)
        {
            _positions = positions;
            _diagnostics = diagnostics;
            _readSource = readSource;
        }

        /// <summary>Whether any expression bound so far calls NOW() (the pipeline then runs per tick).</summary>
        public bool UsesNow { get; private set; }

        /// <summary>What binding gives after an error: the rule is not emitted anyway.</summary>
        public static RowExpr Error => new ConstantRow(EsqlDataType.Null, Value + ".Null", "null");

        public RowExpr Bind(EsqlExpression expression, EsqlColumnScope scope)
        {
            using DepthGuard.Level level = _nesting.Enter(expression.Start, expression.Length);
            switch (expression)
            {
                case LiteralExpression literal:
                    return Literal(literal);
                case TimeSpanExpression span:
                    return TimeSpan(span);
                case FieldReference field:
                    return Column(field, scope);
                case FunctionCall call:
                    return Call(call, scope);
                case ArithmeticExpression arithmetic:
                    return Arithmetic(arithmetic, scope);
                case NegateExpression negate:
                {
                    RowExpr operand = Bind(negate.Operand, scope);
                    if (!operand.Type.IsNumeric() && operand.Type is not (EsqlDataType.Null or EsqlDataType.Unknown or EsqlDataType.TimeDuration or EsqlDataType.DatePeriod))
                        return Mismatch(negate, $"'-' needs a number or a time span, found [{operand.Type.Name()}]");
                    return Call("EsqlFunctions.Negate", operand.Type, operand);
                }
                case CastExpression cast:
                    return Cast(cast, scope);
                case ComparisonExpression comparison:
                    return Comparison(comparison, scope);
                case LogicalExpression logical:
                {
                    var operands = logical.Operands.Select(o => Condition(o, scope, logical.Operator == LogicalOperator.And ? "AND" : "OR")).ToList();
                    return new CallRow(logical.Operator == LogicalOperator.And ? "EsqlOperators.And" : "EsqlOperators.Or",
                        new[] { Array(operands) }.ToEquatableArray(), EquatableArray<string>.Empty, EsqlDataType.Boolean);
                }
                case NotExpression not:
                    return Call("EsqlOperators.Not", EsqlDataType.Boolean, Condition(not.Operand, scope, "NOT"));
                case IsNullExpression isNull:
                    return Call(isNull.Negated ? "EsqlOperators.IsNotNull" : "EsqlOperators.IsNull", EsqlDataType.Boolean, Bind(isNull.Value, scope));
                case InExpression @in:
                    return In(@in, scope);
                case PatternExpression pattern:
                    return Pattern(pattern, scope);
                case StarExpression star:
                    _diagnostics.Add(DiagnosticCatalog.EsqlSyntaxError, At(star), "'*' stands only in COUNT(*)");
                    return Error;
                case UnsupportedExpression unsupported:
                    _diagnostics.Add(DiagnosticCatalog.NotSupportedYet, At(unsupported), unsupported.What);
                    return Error;
                default:
                    _diagnostics.Add(DiagnosticCatalog.NotSupportedYet, At(expression), "This expression");
                    return Error;
            }
        }

        /// <summary>An expression that must be a condition (boolean, or NULL).</summary>
        public RowExpr Condition(EsqlExpression expression, EsqlColumnScope scope, string where)
        {
            RowExpr bound = Bind(expression, scope);
            if (bound.Type is not (EsqlDataType.Boolean or EsqlDataType.Null or EsqlDataType.Unknown))
            {
                return Mismatch(expression, $"{where} needs a condition (boolean), found [{bound.Type.Name()}]");
            }
            return bound;
        }

        // ----- leaves -----

        private RowExpr Literal(LiteralExpression literal)
        {
            switch (literal.Kind)
            {
                case LiteralKind.String:
                    return new ConstantRow(EsqlDataType.Keyword, $"{Value}.Keyword({String(literal.Value)})", literal.Value);
                case LiteralKind.Boolean:
                    return new ConstantRow(EsqlDataType.Boolean, $"{Value}.{(literal.Value == "true" ? "True" : "False")}", literal.Value);
                case LiteralKind.Null:
                    return Error;
                default:
                    return Number(literal);
            }
        }

        /// <summary>A number literal: integer when it fits 32 bits, long when 64, else double (ES|QL's literal typing).</summary>
        private RowExpr Number(LiteralExpression literal)
        {
            string text = literal.Value;
            if (text.IndexOfAny(new[] { '.', 'e', 'E' }) < 0 && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long whole))
            {
                return whole is >= int.MinValue and <= int.MaxValue
                    ? new ConstantRow(EsqlDataType.Integer, $"{Value}.Integer({whole.ToString(CultureInfo.InvariantCulture)})", text)
                    : new ConstantRow(EsqlDataType.Long, $"{Value}.Long({whole.ToString(CultureInfo.InvariantCulture)}L)", text);
            }
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && !double.IsInfinity(number))
            {
                return new ConstantRow(EsqlDataType.Double, $"{Value}.Double({number.ToString("R", CultureInfo.InvariantCulture)}d)", text);
            }
            _diagnostics.Add(DiagnosticCatalog.InvalidNumber, At(literal), text, "a number ES|QL can hold");
            return Error;
        }

        /// <summary>
        /// <c>1 hour</c> is a time_duration (milliseconds, seconds, minutes, hours); <c>1 day</c> a date_period (days,
        /// weeks, months, quarters, years), as ES|QL's EsqlDataTypeConverter.parseTemporalAmount types them.
        /// </summary>
        private RowExpr TimeSpan(TimeSpanExpression span)
        {
            string text = span.Amount.ToString(CultureInfo.InvariantCulture) + " " + span.Unit;
            long amount = span.Amount;
            long? millis = span.Unit switch
            {
                "millisecond" or "milliseconds" or "ms" => amount,
                "second" or "seconds" or "sec" or "s" => Checked(amount, 1000),
                "minute" or "minutes" or "min" => Checked(amount, 60_000),
                "hour" or "hours" or "h" => Checked(amount, 3_600_000),
                _ => null,
            };
            if (millis is long ms) return new ConstantRow(EsqlDataType.TimeDuration, $"{Value}.TimeDuration({ms.ToString(CultureInfo.InvariantCulture)}L)", text);
            (long months, long days) = span.Unit switch
            {
                "day" or "days" or "d" => (0L, amount),
                "week" or "weeks" or "w" => (0L, amount * 7),
                "month" or "months" or "mo" => (amount, 0L),
                "quarter" or "quarters" or "q" => (amount * 3, 0L),
                _ => (amount * 12, 0L),
            };
            if (months > int.MaxValue || days > int.MaxValue)
            {
                _diagnostics.Add(DiagnosticCatalog.InvalidNumber, At(span), text, "a time span ES|QL can hold");
                return Error;
            }
            return new ConstantRow(EsqlDataType.DatePeriod, $"{Value}.DatePeriod({months.ToString(CultureInfo.InvariantCulture)}, {days.ToString(CultureInfo.InvariantCulture)})", text);
        }

        private static long? Checked(long amount, long factor) => amount <= long.MaxValue / factor ? amount * factor : null;

        private RowExpr Column(FieldReference field, EsqlColumnScope scope)
        {
            ScopeColumn? column = scope.Resolve(field.Name);
            if (column is null)
            {
                string why = scope.HasSourceFields ? "an earlier KEEP, DROP or RENAME removed it" : "after STATS only its aggregates and BY columns exist";
                _diagnostics.Add(DiagnosticCatalog.EsqlUnknownColumn, At(field), field.Name, why);
                return Error;
            }
            if (column.IsSourceField && !_readSource(field.Name, field)) return Error;
            if (column.Type == EsqlDataType.Unsupported)
            {
                _diagnostics.Add(DiagnosticCatalog.TypeMismatch, At(field), $"'{field.Name}' has a type ES|QL cannot compute with here (object, geo, flattened…); it can only be kept");
                return Error;
            }
            return new ColumnRow(column.Index, column.Name, column.Type);
        }

        // ----- calls -----

        private RowExpr Call(FunctionCall call, EsqlColumnScope scope)
        {
            string name = call.Name.ToUpperInvariant();
            LocationInfo nameAt = _positions.At(call.Start, call.NameLength);
            if (name == "CASE") return Case(call, scope);
            if (name == "NOW")
            {
                if (call.Arguments.Count != 0)
                {
                    _diagnostics.Add(DiagnosticCatalog.WrongArgumentCount, nameAt, "NOW", "0", call.Arguments.Count.ToString(CultureInfo.InvariantCulture));
                    return Error;
                }
                UsesNow = true;
                return new CallRow("EsqlFunctions.Now", EquatableArray<RowExpr>.Empty, EquatableArray<string>.Empty, EsqlDataType.Datetime, UsesNow: true);
            }
            if (name == "KQL")
            {
                _diagnostics.Add(DiagnosticCatalog.NotSupportedYet, nameAt, "KQL() after a command that is not WHERE (it is evaluated on the event, before the pipeline: put it in a WHERE right after FROM, as a condition ANDed with the rest)");
                return Error;
            }
            if (EsqlAggregateCatalog.Find(name) is not null)
            {
                _diagnostics.Add(DiagnosticCatalog.TypeMismatch, nameAt, $"{name} is an aggregate: it can only be used in STATS");
                return Error;
            }
            ScalarFunction? function = EsqlScalarCatalog.Find(name);
            if (function is null)
            {
                if (EsqlFunctions.IsOtherEsqlFunction(name)) _diagnostics.Add(DiagnosticCatalog.NotSupportedYet, nameAt, $"The function {name}");
                else _diagnostics.Add(DiagnosticCatalog.UnknownFunction, nameAt, call.Name, DidYouMean.Suffix(name, EsqlScalarCatalog.Names.Concat(EsqlAggregateCatalog.Names), _diagnostics));
                return Error;
            }
            int count = call.Arguments.Count;
            if (count < function.Min || (function.Max >= 0 && count > function.Max))
            {
                _diagnostics.Add(DiagnosticCatalog.WrongArgumentCount, nameAt, function.Name, function.ArityText, count.ToString(CultureInfo.InvariantCulture));
                return Error;
            }
            var arguments = call.Arguments.Select(a => Bind(a, scope)).ToList();
            return Apply(function, arguments, call.Arguments, call);
        }

        /// <summary>A catalogue function applied to bound arguments: the signature checked, constants checked, the call built.</summary>
        public RowExpr Apply(ScalarFunction function, IReadOnlyList<RowExpr> arguments, IReadOnlyList<EsqlNode> argumentNodes, EsqlNode call)
        {
            SignatureResult result = function.Check(arguments.Select(a => a.Type).ToList());
            if (result.IsError)
            {
                EsqlNode at = result.BadArgument >= 0 && result.BadArgument < argumentNodes.Count ? argumentNodes[result.BadArgument] : call;
                string which = result.BadArgument >= 0 ? $"argument {result.BadArgument + 1} of {function.Name} " : $"{function.Name}: ";
                _diagnostics.Add(DiagnosticCatalog.TypeMismatch, At(at), which + result.Problem);
                return Error;
            }
            foreach (int position in function.Constants ?? System.Array.Empty<int>())
            {
                if (position < arguments.Count && arguments[position] is not ConstantRow)
                {
                    _diagnostics.Add(DiagnosticCatalog.InvalidArgument, At(argumentNodes[position]), function.Name, $"argument {position + 1} must be a constant");
                    return Error;
                }
            }
            if (ConstantProblem(function.Name, arguments) is (int index, string problem))
            {
                _diagnostics.Add(DiagnosticCatalog.InvalidArgument, At(argumentNodes[index]), function.Name, problem);
                return Error;
            }
            if (function.UsesNow) UsesNow = true;
            EquatableArray<RowExpr> args = function.Varargs ? new[] { Array(arguments) }.ToEquatableArray() : arguments.ToEquatableArray();
            return new CallRow(function.Method, args, EquatableArray<string>.Empty, result.Type, function.UsesNow);
        }

        /// <summary>
        /// What a constant argument says that its type cannot: DATE_DIFF's unit, DATE_EXTRACT's part, MV_SORT's order,
        /// DATE_FORMAT's and DATE_PARSE's Java pattern (Functions/Scalar/DateConstants.cs, from Elasticsearch's checks).
        /// </summary>
        private static (int, string)? ConstantProblem(string function, IReadOnlyList<RowExpr> arguments)
        {
            string? Text(int i) => i < arguments.Count && arguments[i] is ConstantRow { Type: EsqlDataType.Keyword } c ? c.Display : null;
            for (int i = 0; i < arguments.Count; i++)
            {
                // REPLACE's Java regex, SPLIT's delimiter, HASH's algorithm (Functions/Scalar/ConstantArgumentChecks.cs).
                if (Text(i) is string value && Functions.Scalar.ConstantArgumentChecks.Check(function, i, value) is (int _, string why)) return (i, why);
            }
            string? problem;
            switch (function)
            {
                case "DATE_DIFF" when Text(0) is string unit && (problem = Functions.Scalar.DateConstants.DateDiffUnit(unit)) is not null:
                    return (0, problem);
                case "DATE_EXTRACT" when Text(0) is string part && (problem = Functions.Scalar.DateConstants.DateExtractPart(part)) is not null:
                    return (0, problem);
                case "MV_SORT" when Text(1) is string order && (problem = Functions.Scalar.DateConstants.SortOrder(order)) is not null:
                    return (1, problem);
                case "DATE_FORMAT" or "DATE_PARSE" when arguments.Count == 2 && Text(0) is string pattern && (problem = Functions.Scalar.DateConstants.DatePattern(pattern)) is not null:
                    return (0, problem);
                default:
                    return null;
            }
        }

        /// <summary>CASE(c1, v1, c2, v2, …, [else]): conditions boolean, values of one type (NULL aside).</summary>
        private RowExpr Case(FunctionCall call, EsqlColumnScope scope)
        {
            var args = call.Arguments;
            if (args.Count < 2)
            {
                _diagnostics.Add(DiagnosticCatalog.WrongArgumentCount, _positions.At(call.Start, call.NameLength), "CASE", "at least 2", args.Count.ToString(CultureInfo.InvariantCulture));
                return Error;
            }
            var bound = new List<RowExpr>();
            for (int i = 0; i < args.Count; i++)
            {
                bool isCondition = i % 2 == 0 && i < args.Count - 1;
                bound.Add(isCondition ? Condition(args[i], scope, "a CASE condition") : Bind(args[i], scope));
            }
            var valueTypes = new List<EsqlDataType>();
            for (int i = 1; i < bound.Count; i += 2) valueTypes.Add(bound[i].Type);
            if (bound.Count % 2 == 1) valueTypes.Add(bound[bound.Count - 1].Type);
            SignatureResult common = Signatures.Common(valueTypes);
            if (common.IsError)
            {
                int index = common.BadArgument * 2 + 1;
                if (index >= args.Count) index = args.Count - 1;
                _diagnostics.Add(DiagnosticCatalog.TypeMismatch, At(args[index]), "CASE's values " + common.Problem);
                return Error;
            }
            return new CallRow("EsqlFunctions.Case", new[] { Array(bound) }.ToEquatableArray(), EquatableArray<string>.Empty, common.Type);
        }

        private static readonly Dictionary<string, string> CastFunctions = new(StringComparer.OrdinalIgnoreCase)
        {
            ["boolean"] = "TO_BOOLEAN", ["bool"] = "TO_BOOLEAN",
            ["integer"] = "TO_INTEGER", ["int"] = "TO_INTEGER",
            ["long"] = "TO_LONG",
            ["double"] = "TO_DOUBLE",
            ["keyword"] = "TO_STRING", ["string"] = "TO_STRING", ["text"] = "TO_STRING",
            ["datetime"] = "TO_DATETIME", ["date"] = "TO_DATETIME",
            ["ip"] = "TO_IP",
            ["version"] = "TO_VERSION",
            ["unsigned_long"] = "TO_UNSIGNED_LONG", ["ul"] = "TO_UNSIGNED_LONG",
        };

        /// <summary><c>x::type</c> is the conversion function TO_type (ES|QL's casting operator is defined so).</summary>
        private RowExpr Cast(CastExpression cast, EsqlColumnScope scope)
        {
            RowExpr value = Bind(cast.Value, scope);
            LocationInfo typeAt = _positions.At(cast.TypeStart, cast.End - cast.TypeStart);
            if (!CastFunctions.TryGetValue(cast.TypeName, out string? functionName))
            {
                _diagnostics.Add(DiagnosticCatalog.EsqlSyntaxError, typeAt, $"'{cast.TypeName}' is not a type ES|QL casts to (boolean, integer, long, double, keyword, datetime, ip, version)");
                return Error;
            }
            ScalarFunction? function = EsqlScalarCatalog.Find(functionName);
            if (function is null)
            {
                _diagnostics.Add(DiagnosticCatalog.NotSupportedYet, typeAt, $"The cast to {cast.TypeName} ({functionName})");
                return Error;
            }
            return Apply(function, new[] { value }, new EsqlNode[] { cast.Value }, cast);
        }

        // ----- operators -----

        private RowExpr Arithmetic(ArithmeticExpression arithmetic, EsqlColumnScope scope)
        {
            RowExpr left = Bind(arithmetic.Left, scope), right = Bind(arithmetic.Right, scope);
            string symbol = arithmetic.Operator switch
            {
                ArithmeticOperator.Add => "+",
                ArithmeticOperator.Subtract => "-",
                ArithmeticOperator.Multiply => "*",
                ArithmeticOperator.Divide => "/",
                _ => "%",
            };
            EsqlDataType l = left.Type, r = right.Type;
            bool span(EsqlDataType t) => t is EsqlDataType.TimeDuration or EsqlDataType.DatePeriod;
            if (arithmetic.Operator is ArithmeticOperator.Add or ArithmeticOperator.Subtract)
            {
                // date ± span, span + date: the date moved (calendar-correct for periods, UTC).
                if (l == EsqlDataType.Datetime && (span(r) || r.IsOpen()) || span(l) && r == EsqlDataType.Datetime && arithmetic.Operator == ArithmeticOperator.Add)
                {
                    bool dateLeft = l == EsqlDataType.Datetime;
                    string subtract = arithmetic.Operator == ArithmeticOperator.Subtract ? "true" : "false";
                    return new CallRow("EsqlFunctions.AddSpan", new[] { dateLeft ? left : right, dateLeft ? right : left, new CodeRow(subtract) }.ToEquatableArray(),
                        EquatableArray<string>.Empty, EsqlDataType.Datetime);
                }
            }
            if ((l.IsNumeric() || l.IsOpen()) && (r.IsNumeric() || r.IsOpen()))
            {
                // A field no schema knows makes the result's type known only at run time (a date minus a span, too).
                EsqlDataType type = l == EsqlDataType.Unknown || r == EsqlDataType.Unknown ? EsqlDataType.Unknown
                    : l == EsqlDataType.Null ? r : r == EsqlDataType.Null ? l : EsqlDataTypes.Widen(l, r);
                string method = arithmetic.Operator switch
                {
                    ArithmeticOperator.Add => "EsqlFunctions.Add",
                    ArithmeticOperator.Subtract => "EsqlFunctions.Subtract",
                    ArithmeticOperator.Multiply => "EsqlFunctions.Multiply",
                    ArithmeticOperator.Divide => "EsqlFunctions.Divide",
                    _ => "EsqlFunctions.Modulo",
                };
                return Call(method, type, left, right);
            }
            return Mismatch(arithmetic, $"'{symbol}' cannot combine [{l.Name()}] and [{r.Name()}]");
        }

        private RowExpr Comparison(ComparisonExpression comparison, EsqlColumnScope scope)
        {
            RowExpr left = Bind(comparison.Left, scope), right = Bind(comparison.Right, scope);
            (left, right) = Unify(left, right, comparison.Left, comparison.Right);
            if (!Comparable(left.Type, right.Type))
            {
                return Mismatch(comparison, $"cannot compare [{left.Type.Name()}] with [{right.Type.Name()}]");
            }
            string method = comparison.Operator switch
            {
                ComparisonOperator.Equal => "EsqlOperators.Equal",
                ComparisonOperator.NotEqual => "EsqlOperators.NotEqual",
                ComparisonOperator.Less => "EsqlOperators.Less",
                ComparisonOperator.LessOrEqual => "EsqlOperators.LessOrEqual",
                ComparisonOperator.Greater => "EsqlOperators.Greater",
                _ => "EsqlOperators.GreaterOrEqual",
            };
            return Call(method, EsqlDataType.Boolean, left, right);
        }

        private static bool Comparable(EsqlDataType a, EsqlDataType b) =>
            a.IsOpen() || b.IsOpen() || a == b || a.IsNumeric() && b.IsNumeric();

        /// <summary>
        /// ES|QL's implicit casting: a string constant met by a datetime, ip or version is read as one at build time
        /// (esql-implicit-casting); one that does not read so is an error at the constant.
        /// </summary>
        public (RowExpr, RowExpr) Unify(RowExpr left, RowExpr right, EsqlNode leftNode, EsqlNode rightNode)
        {
            if (left is ConstantRow { Type: EsqlDataType.Keyword } l && right.Type is EsqlDataType.Datetime or EsqlDataType.Ip or EsqlDataType.Version or EsqlDataType.Boolean)
                return (CastConstant(l, right.Type, leftNode), right);
            if (right is ConstantRow { Type: EsqlDataType.Keyword } r && left.Type is EsqlDataType.Datetime or EsqlDataType.Ip or EsqlDataType.Version or EsqlDataType.Boolean)
                return (left, CastConstant(r, left.Type, rightNode));
            // A field no schema knows: the constant is cast at run time to the type the value turns out to have.
            if (left is ConstantRow { Type: EsqlDataType.Keyword } lc && right.Type == EsqlDataType.Unknown)
                return (new CallRow("EsqlOperators.CastLike", new[] { lc, right }.ToEquatableArray(), EquatableArray<string>.Empty, EsqlDataType.Unknown), right);
            if (right is ConstantRow { Type: EsqlDataType.Keyword } rc && left.Type == EsqlDataType.Unknown)
                return (left, new CallRow("EsqlOperators.CastLike", new[] { rc, left }.ToEquatableArray(), EquatableArray<string>.Empty, EsqlDataType.Unknown));
            return (left, right);
        }

        public RowExpr CastConstant(ConstantRow constant, EsqlDataType type, EsqlNode at)
        {
            string text = constant.Display;
            switch (type)
            {
                case EsqlDataType.Datetime:
                    if (Kql.KqlDates.TryParse(text, roundUp: false, out long millis) == Kql.KqlDates.Outcome.Date)
                        return new ConstantRow(EsqlDataType.Datetime, $"{Value}.Datetime({millis.ToString(CultureInfo.InvariantCulture)}L)", constant.Display);
                    _diagnostics.Add(DiagnosticCatalog.TypeMismatch, At(at), $"'{text}' is not a date ES|QL reads (strict_date_optional_time)");
                    return Error;
                case EsqlDataType.Ip:
                    if (EsqlBinder.IsCidr(text) && text.IndexOf('/') < 0)
                        return new ConstantRow(EsqlDataType.Ip, $"{Value}.Ip({String(text)})", constant.Display);
                    _diagnostics.Add(DiagnosticCatalog.TypeMismatch, At(at), $"'{text}' is not an IP address");
                    return Error;
                case EsqlDataType.Boolean:
                    // ES|QL reads a string as a boolean with Boolean.parseBoolean's rule: "true" in any case, else false.
                    bool truth = text.Equals("true", StringComparison.OrdinalIgnoreCase);
                    return new ConstantRow(EsqlDataType.Boolean, $"{Value}.{(truth ? "True" : "False")}", constant.Display);
                default:
                    return new ConstantRow(EsqlDataType.Version, $"{Value}.Version({String(text)})", constant.Display);
            }
        }

        private RowExpr In(InExpression @in, EsqlColumnScope scope)
        {
            RowExpr value = Bind(@in.Value, scope);
            var list = new List<RowExpr>();
            foreach (EsqlExpression item in @in.List)
            {
                RowExpr bound = Bind(item, scope);
                (value, bound) = Unify(value, bound, @in.Value, item);
                if (!Comparable(value.Type, bound.Type))
                {
                    Mismatch(item, $"IN's value is [{value.Type.Name()}] but this item is [{bound.Type.Name()}]");
                    continue;
                }
                list.Add(bound);
            }
            RowExpr test = new CallRow("EsqlOperators.In", new[] { value, Array(list) }.ToEquatableArray(), EquatableArray<string>.Empty, EsqlDataType.Boolean);
            return @in.Negated ? Call("EsqlOperators.Not", EsqlDataType.Boolean, test) : test;
        }

        private RowExpr Pattern(PatternExpression pattern, EsqlColumnScope scope)
        {
            RowExpr value = Bind(pattern.Value, scope);
            string what = pattern.IsRegex ? "RLIKE" : "LIKE";
            if (value.Type is not (EsqlDataType.Keyword or EsqlDataType.Null or EsqlDataType.Unknown)) return Mismatch(pattern.Value, $"{what} needs a string, found [{value.Type.Name()}]");
            var statics = new List<string>();
            foreach (EsqlExpression p in pattern.Patterns)
            {
                if (p is not LiteralExpression { Kind: LiteralKind.String } literal)
                {
                    _diagnostics.Add(DiagnosticCatalog.InvalidPattern, At(p), what, "the pattern must be a string literal");
                    continue;
                }
                if (!pattern.IsRegex)
                {
                    statics.Add($"new {Runtime}.WildcardPattern({String(literal.Value)})");
                    continue;
                }
                try
                {
                    string translated = LuceneRegex.Translate(literal.Value);
                    statics.Add($"new global::System.Text.RegularExpressions.Regex({String(translated)}, global::System.Text.RegularExpressions.RegexOptions.CultureInvariant | global::System.Text.RegularExpressions.RegexOptions.Singleline | global::System.Text.RegularExpressions.RegexOptions.NonBacktracking)");
                }
                catch (LuceneRegex.TranslationException e)
                {
                    if (e.NotSupported) _diagnostics.Add(DiagnosticCatalog.NotSupportedYet, At(literal), e.Message);
                    else _diagnostics.Add(DiagnosticCatalog.InvalidPattern, At(literal), "RLIKE", e.Message);
                }
            }
            RowExpr test = new CallRow(pattern.IsRegex ? "EsqlOperators.RLike" : "EsqlOperators.Like", new[] { value }.ToEquatableArray(), statics.ToEquatableArray(), EsqlDataType.Boolean);
            return pattern.Negated ? Call("EsqlOperators.Not", EsqlDataType.Boolean, test) : test;
        }

        // ----- helpers -----

        private static RowExpr Call(string method, EsqlDataType type, params RowExpr[] arguments) =>
            new CallRow(method, arguments.ToEquatableArray(), EquatableArray<string>.Empty, type);

        /// <summary>Several values passed as one <c>EsqlValue[]</c> argument (varargs).</summary>
        private static RowExpr Array(IEnumerable<RowExpr> items) =>
            new CallRow("new[]", items.ToEquatableArray(), EquatableArray<string>.Empty, EsqlDataType.Null);

        private RowExpr Mismatch(EsqlNode at, string problem)
        {
            _diagnostics.Add(DiagnosticCatalog.TypeMismatch, At(at), problem);
            return Error;
        }

        private LocationInfo At(EsqlNode node) => _positions.At(node.Start, node.Length);
    }
}
