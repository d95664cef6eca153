using System;
using System.Collections.Generic;
using System.Globalization;
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
    /// <summary>The types EQL's verifier checks (QL's DataTypes, coarsened to what decides an error).</summary>
    internal enum EqlType { Unknown, Null, String, Number, Boolean, Ip, Date, Other }

    internal sealed partial class EqlBinder
    {
        /// <summary>A bound value: its IR, its type (and the name messages use for it), and where it is written.</summary>
        private sealed class Bound
        {
            public Bound(ValueExpr expr, EqlType type, string typeName, LocationInfo at)
            {
                Expr = expr;
                Type = type;
                TypeName = typeName;
                At = at;
            }

            public ValueExpr Expr { get; }

            public EqlType Type { get; }

            /// <summary>"keyword", "long", "a number": how a message names the type.</summary>
            public string TypeName { get; }

            public LocationInfo At { get; }
        }

        private static readonly LiteralExpr NullLiteral = new(LiteralKind.Null, "null");

        private Bound Value(EqlExpression expression)
        {
            using DepthGuard.Level level = _nesting.Enter(expression.Start, expression.Length);
            LocationInfo at = At(expression);
            switch (expression)
            {
                case EqlLiteral literal:
                    return new Bound(LiteralOf(literal), LiteralType(literal), Describe(LiteralType(literal)), at);
                case EqlFieldReference reference:
                    return Field(reference);
                case EqlUnaryExpression unary:
                {
                    Bound operand = Value(unary.Operand);
                    RequireNumber(operand, unary.Operator == EqlUnaryOperator.Minus ? "-" : "+");
                    if (unary.Operator == EqlUnaryOperator.Plus) return operand;
                    if (operand.Expr is LiteralExpr { Kind: LiteralKind.Number } number)
                    {
                        string negated = number.Text.StartsWith("-", StringComparison.Ordinal) ? number.Text.Substring(1) : "-" + number.Text;
                        return Number(new LiteralExpr(LiteralKind.Number, negated), at);
                    }
                    return Number(operand.Expr is LiteralExpr { Kind: LiteralKind.Null } ? NullLiteral : Call("Negate", operand.Expr), at);
                }
                case EqlArithmeticExpression arithmetic:
                {
                    Bound result = Value(arithmetic.Operands[0]);
                    for (int i = 0; i < arithmetic.Operators.Count; i++)
                    {
                        Bound right = Value(arithmetic.Operands[i + 1]);
                        result = Arithmetic(Symbol(arithmetic.Operators[i]), result, right, _source.Positions.At(arithmetic.Start, arithmetic.Operands[i + 1].End - arithmetic.Start));
                    }
                    return result;
                }
                case EqlFunctionCall call:
                {
                    EqlFunctionInfo? function = Resolve(call);
                    return function is null ? ErrorValue(at) : CallValue(function, call);
                }
                default:
                    _diagnostics.Add(DiagnosticCatalog.NotSupportedYet, at, "A condition used as a value in EQL (compare the values it tests instead)");
                    return ErrorValue(at);
            }
        }

        private static Bound ErrorValue(LocationInfo at) => new(NullLiteral, EqlType.Unknown, "unknown", at);

        private static Bound Number(ValueExpr expr, LocationInfo at) => new(expr, EqlType.Number, "a number", at);

        private static Bound String(ValueExpr expr, LocationInfo at) => new(expr, EqlType.String, "a string", at);

        private static Bound Boolean(ValueExpr expr, LocationInfo at) => new(expr, EqlType.Boolean, "a boolean", at);

        private static CallExpr Call(string function, params ValueExpr[] arguments) => new(function, arguments.ToEquatableArray());

        private static LiteralExpr LiteralOf(EqlLiteral literal) => literal.Kind switch
        {
            EqlLiteralKind.String => new LiteralExpr(LiteralKind.String, literal.Value),
            EqlLiteralKind.Integer or EqlLiteralKind.Decimal => new LiteralExpr(LiteralKind.Number, literal.Value),
            EqlLiteralKind.Boolean => new LiteralExpr(LiteralKind.Boolean, literal.Value),
            _ => NullLiteral,
        };

        private static EqlType LiteralType(EqlLiteral literal) => literal.Kind switch
        {
            EqlLiteralKind.String => EqlType.String,
            EqlLiteralKind.Integer or EqlLiteralKind.Decimal => EqlType.Number,
            EqlLiteralKind.Boolean => EqlType.Boolean,
            _ => EqlType.Null,
        };

        private static string Describe(EqlType type) => type switch
        {
            EqlType.String => "string",
            EqlType.Number => "number",
            EqlType.Boolean => "boolean",
            EqlType.Ip => "ip",
            EqlType.Date => "date",
            EqlType.Null => "null",
            _ => "value",
        };

        /// <summary>
        /// A field of the event. A field missing from a complete schema is an error (Elasticsearch: "Unknown column"),
        /// unless written <c>?field</c>, which Elasticsearch reads as null when the field is not mapped.
        /// </summary>
        private Bound Field(EqlFieldReference reference)
        {
            LocationInfo at = At(reference);
            FieldInfo? info = _plan.Info(reference.Name);
            if (reference.Optional && info is null && _plan.Schema is { IsComplete: true })
            {
                return new Bound(NullLiteral, EqlType.Null, "null", at);
            }
            FieldExpr field = _plan.Field(reference.Name, at, optional: reference.Optional);
            FieldInfo? typed = Typed(reference.Name);
            if (typed is { Type: "text" or "match_only_text", ExactField: null })
            {
                // QL's FieldAttribute.exactAttribute: EQL compares text only through a keyword sub-field.
                _diagnostics.Add(DiagnosticCatalog.TypeMismatch, at,
                    $"{reference.Name} is {typed.Type} with no keyword sub-field: Elasticsearch's EQL cannot compare it (No keyword/multi-field defined exact matches)");
            }
            EqlType type = TypeOf(typed);
            return new Bound(Indexed(field, typed), type, typed is null ? "unknown" : typed.Type, at);
        }

        /// <summary>
        /// A keyword field as Elasticsearch has it: a value longer than the field's ignore_above is neither indexed
        /// nor in doc values, so neither EQL's queries nor its scripts see it (the same IgnoreAbove KQL reads through).
        /// </summary>
        private static ValueExpr Indexed(FieldExpr field, FieldInfo? info)
        {
            if (info is not { Type: "keyword", IgnoreAbove: int limit }) return field;
            return new CallExpr(FieldTraits.IgnoreAbove, new EquatableArray<ValueExpr>(new ValueExpr[]
            {
                field, new LiteralExpr(LiteralKind.Number, limit.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            }));
        }

        /// <summary>A field read, directly or through IgnoreAbove (which only drops values).</summary>
        private static bool IsField(ValueExpr value) => FieldTraits.ValuesOf(value) is not null;

        /// <summary>The schema's entry for a field, through an alias to the field it stands for.</summary>
        private FieldInfo? Typed(string name)
        {
            FieldInfo? info = _plan.Info(name);
            return info is { Type: "alias", AliasPath: string path } ? _plan.Info(path) : info;
        }

        private static EqlType TypeOf(FieldInfo? info) => info?.Type switch
        {
            null => EqlType.Unknown,
            "keyword" or "constant_keyword" or "wildcard" or "flattened" or "version" or "text" or "match_only_text" => EqlType.String,
            "long" or "integer" or "short" or "byte" or "double" or "float" or "half_float" or "scaled_float" or "unsigned_long" => EqlType.Number,
            "boolean" => EqlType.Boolean,
            "ip" => EqlType.Ip,
            "date" or "date_nanos" => EqlType.Date,
            _ => EqlType.Other,
        };

        private static string Symbol(EqlArithmeticOperator op) => op switch
        {
            EqlArithmeticOperator.Add => "+",
            EqlArithmeticOperator.Subtract => "-",
            EqlArithmeticOperator.Multiply => "*",
            EqlArithmeticOperator.Divide => "/",
            _ => "%",
        };

        private static string FunctionOf(string symbol) => symbol switch
        {
            "+" => "Add",
            "-" => "Subtract",
            "*" => "Multiply",
            "/" => "Divide",
            _ => "Modulo",
        };

        /// <summary>Arithmetic, folded when both sides are number literals (QL's ConstantFolding), else computed per event.</summary>
        private Bound Arithmetic(string symbol, Bound left, Bound right, LocationInfo at)
        {
            RequireNumber(left, symbol);
            RequireNumber(right, symbol);
            if (left.Expr is LiteralExpr { Kind: LiteralKind.Null } || right.Expr is LiteralExpr { Kind: LiteralKind.Null }) return Number(NullLiteral, at);
            if (left.Expr is LiteralExpr { Kind: LiteralKind.Number } a && right.Expr is LiteralExpr { Kind: LiteralKind.Number } b)
            {
                return Number(EqlArithmetic.Fold(symbol[0], a.Text, b.Text) is string folded ? new LiteralExpr(LiteralKind.Number, folded) : NullLiteral, at);
            }
            return Number(Call(FunctionOf(symbol), left.Expr, right.Expr), at);
        }

        private EqlFunctionInfo? Resolve(EqlFunctionCall call)
        {
            LocationInfo name = _source.Positions.At(call.Start, call.NameLength);
            EqlFunctionInfo? function = EqlFunctions.Find(call.Name);
            if (function is null)
            {
                _diagnostics.Add(DiagnosticCatalog.UnknownFunction, name, call.Name, DidYouMean.Suffix(call.Name, EqlFunctions.Names, _diagnostics));
                return null;
            }
            int count = call.Arguments.Count;
            if (count < function.Min || function.Max >= 0 && count > function.Max)
            {
                _diagnostics.Add(DiagnosticCatalog.WrongArgumentCount, name, function.Name, function.ArityText, count.ToString(CultureInfo.InvariantCulture));
                return null;
            }
            if (call.CaseInsensitive && !function.CaseAware)
            {
                _diagnostics.Add(DiagnosticCatalog.InvalidArgument, name, function.Name + "~",
                    $"{function.Name} has no case-insensitive form (only between, endsWith, indexOf, startsWith, stringContains and wildcard have one)");
                return null;
            }
            return function;
        }

        private static EqlType ResultType(EqlFunctionInfo function) => function.Kind switch
        {
            EqlFunctionKind.Length or EqlFunctionKind.IndexOf or EqlFunctionKind.Number or EqlFunctionKind.Add or EqlFunctionKind.Subtract
                or EqlFunctionKind.Multiply or EqlFunctionKind.Divide or EqlFunctionKind.Modulo => EqlType.Number,
            EqlFunctionKind.Between or EqlFunctionKind.Concat or EqlFunctionKind.String or EqlFunctionKind.Substring => EqlType.String,
            _ => EqlType.Boolean,
        };

        /// <summary>A function used as a value: a <see cref="CallExpr"/> the runtime's Functions class evaluates.</summary>
        private Bound CallValue(EqlFunctionInfo function, EqlFunctionCall call)
        {
            LocationInfo at = At(call);
            List<Bound> args = call.Arguments.Select(Value).ToList();
            string suffix = call.CaseInsensitive ? "IgnoreCase" : string.Empty;
            switch (function.Kind)
            {
                case EqlFunctionKind.Length:
                    RequireString(args[0], function.Name);
                    return Number(NullIn(args) ? NullLiteral : Call("Length", args[0].Expr), at);
                case EqlFunctionKind.Substring:
                    RequireString(args[0], function.Name);
                    foreach (Bound bound in args.Skip(1)) RequireNumber(bound, function.Name);
                    if (args[0].Expr is LiteralExpr { Kind: LiteralKind.Null }) return String(NullLiteral, at);
                    // substring(s, null) is s (SubstringFunctionProcessor); a null end is the end of s.
                    var bounds = args.Skip(1).TakeWhile(b => b.Expr is not LiteralExpr { Kind: LiteralKind.Null }).Select(b => b.Expr).ToList();
                    return String(bounds.Count == 0 ? args[0].Expr : Call("Substring", new[] { args[0].Expr }.Concat(bounds).ToArray()), at);
                case EqlFunctionKind.IndexOf:
                    RequireString(args[0], function.Name);
                    RequireString(args[1], function.Name);
                    if (args.Count == 3) RequireNumber(args[2], function.Name);
                    if (NullIn(args.Take(2))) return Number(NullLiteral, at);
                    return Number(Call("IndexOf" + suffix, args.Where((b, i) => i < 2 || b.Expr is not LiteralExpr { Kind: LiteralKind.Null }).Select(b => b.Expr).ToArray()), at);
                case EqlFunctionKind.Between:
                {
                    foreach (Bound bound in args.Take(3)) RequireString(bound, function.Name);
                    ValueExpr greedy = new LiteralExpr(LiteralKind.Boolean, "false");
                    if (args.Count == 4)
                    {
                        if (args[3].Expr is LiteralExpr { Kind: LiteralKind.Boolean } flag) greedy = flag;
                        else _diagnostics.Add(DiagnosticCatalog.InvalidArgument, args[3].At, function.Name, "greedy (the fourth argument) must be true or false");
                    }
                    if (NullIn(args.Take(3))) return String(NullLiteral, at);
                    return String(Call("Between" + suffix, args[0].Expr, args[1].Expr, args[2].Expr, greedy), at);
                }
                case EqlFunctionKind.Concat:
                {
                    if (NullIn(args)) return String(NullLiteral, at);
                    if (args.All(a => a.Expr is LiteralExpr { Kind: LiteralKind.String }))
                    {
                        return String(new LiteralExpr(LiteralKind.String, string.Concat(args.Select(a => ((LiteralExpr)a.Expr).Text))), at);
                    }
                    ValueExpr result = args.Count == 1 ? Call("StringOf", args[0].Expr) : args[0].Expr;
                    foreach (Bound next in args.Skip(1)) result = Call("Concat", result, next.Expr);
                    return String(result, at);
                }
                case EqlFunctionKind.String:
                    if (args[0].Expr is LiteralExpr { Kind: LiteralKind.Null }) return String(NullLiteral, at);
                    if (args[0].Expr is LiteralExpr { Kind: LiteralKind.String } s) return String(s, at);
                    return String(Call("StringOf", args[0].Expr), at);
                case EqlFunctionKind.Number:
                    RequireString(args[0], function.Name);
                    if (args.Count == 2) RequireNumber(args[1], function.Name);
                    if (args[0].Expr is LiteralExpr { Kind: LiteralKind.Null }) return Number(NullLiteral, at);
                    return Number(args.Count == 2 && args[1].Expr is not LiteralExpr { Kind: LiteralKind.Null }
                        ? Call("ToNumber", args[0].Expr, args[1].Expr)
                        : Call("ToNumber", args[0].Expr), at);
                case EqlFunctionKind.Add:
                    return Arithmetic("+", args[0], args[1], at);
                case EqlFunctionKind.Subtract:
                    return Arithmetic("-", args[0], args[1], at);
                case EqlFunctionKind.Multiply:
                    return Arithmetic("*", args[0], args[1], at);
                case EqlFunctionKind.Divide:
                    return Arithmetic("/", args[0], args[1], at);
                case EqlFunctionKind.Modulo:
                    return Arithmetic("%", args[0], args[1], at);
                case EqlFunctionKind.StartsWith:
                case EqlFunctionKind.EndsWith:
                case EqlFunctionKind.StringContains:
                    RequireString(args[0], function.Name);
                    RequireString(args[1], function.Name);
                    if (NullIn(args)) return Boolean(NullLiteral, at);
                    return Boolean(Call(function.Kind.ToString() + suffix, args[0].Expr, args[1].Expr), at);
                case EqlFunctionKind.CidrMatch:
                {
                    RequireIp(args[0], function.Name);
                    List<string> blocks = CidrBlocks(args);
                    if (NullIn(args.Take(1)) || blocks.Count == 0) return Boolean(NullLiteral, at);
                    return Boolean(Call("CidrMatch", args[0].Expr, new LiteralExpr(LiteralKind.String, string.Join(",", blocks))), at);
                }
                default:
                    _diagnostics.Add(DiagnosticCatalog.NotSupportedYet, At(call), $"{function.Name}() as a value (use it as a condition)");
                    return ErrorValue(at);
            }
        }

        private static bool NullIn(IEnumerable<Bound> args) => args.Any(a => a.Expr is LiteralExpr { Kind: LiteralKind.Null });

        /// <summary>A condition function: a leaf, translated as Elasticsearch's QueryTranslator does.</summary>
        private Pred PredicateCall(EqlFunctionInfo function, EqlFunctionCall call)
        {
            List<Bound> args = call.Arguments.Select(Value).ToList();
            LeafSemantics semantics = call.CaseInsensitive ? Insensitive : Semantics;
            switch (function.Kind)
            {
                case EqlFunctionKind.StartsWith:
                case EqlFunctionKind.EndsWith:
                case EqlFunctionKind.StringContains:
                {
                    RequireString(args[0], function.Name);
                    RequireString(args[1], function.Name);
                    Bound value = args[0], part = args[1];
                    if (IsField(value.Expr) && part.Expr is LiteralExpr { Kind: LiteralKind.String } constant && function.Kind != EqlFunctionKind.StartsWith)
                    {
                        // A field and a constant: a wildcard query, "*" + constant (+ "*"), the constant not escaped, so a
                        // * or ? in it is a wildcard (QueryTranslator.CaseInsensitiveScalarFunctions). startsWith is a
                        // prefix query, whose constant is literal (ExpressionTranslators.Scalars.doKnownTranslate).
                        string pattern = EqlPatterns.FromWildcardQuery("*", constant.Text, function.Kind == EqlFunctionKind.StringContains ? "*" : string.Empty);
                        return Like(value.Expr, new[] { pattern }, semantics);
                    }
                    SubstringPlace place = function.Kind switch
                    {
                        EqlFunctionKind.StartsWith => SubstringPlace.Start,
                        EqlFunctionKind.EndsWith => SubstringPlace.End,
                        _ => SubstringPlace.Anywhere,
                    };
                    // Otherwise a script: the plain string test, per value.
                    return Folding.Substring(value.Expr, part.Expr, place, semantics);
                }
                case EqlFunctionKind.CidrMatch:
                {
                    RequireIp(args[0], function.Name);
                    List<string> blocks = CidrBlocks(args);
                    if (args[0].Expr is LiteralExpr { Kind: LiteralKind.Null } || blocks.Count == 0) return new ConstPred(TriValue.False);
                    return new CidrPred(args[0].Expr, blocks.ToEquatableArray(), Semantics);
                }
                case EqlFunctionKind.Wildcard:
                {
                    RequireString(args[0], function.Name);
                    var patterns = new List<string>();
                    foreach (Bound pattern in args.Skip(1))
                    {
                        if (pattern.Expr is LiteralExpr { Kind: LiteralKind.String } text) patterns.Add(text.Text);
                        else _diagnostics.Add(DiagnosticCatalog.InvalidArgument, pattern.At, function.Name, "the patterns must be string constants");
                    }
                    return Wildcards(args[0].Expr, patterns, semantics);
                }
                default:
                    return Error;
            }
        }

        /// <summary>cidrMatch's blocks: string constants, each an IPv4 or IPv6 address or CIDR block (CIDRMatch.resolveType).</summary>
        private List<string> CidrBlocks(List<Bound> args)
        {
            var blocks = new List<string>();
            for (int i = 1; i < args.Count; i++)
            {
                if (args[i].Expr is not LiteralExpr { Kind: LiteralKind.String } literal)
                {
                    _diagnostics.Add(DiagnosticCatalog.InvalidArgument, args[i].At, "cidrMatch", "the blocks must be string constants such as \"10.0.0.0/8\"");
                }
                else if (!Esql.EsqlBinder.IsCidr(literal.Text))
                {
                    _diagnostics.Add(DiagnosticCatalog.InvalidArgument, args[i].At, "cidrMatch", $"'{literal.Text}' is not an IPv4 or IPv6 CIDR block");
                }
                else
                {
                    blocks.Add(literal.Text);
                }
            }
            return blocks;
        }

        // ----- type checks (QL TypeResolutions: isStringAndExact, isNumeric, isIPAndExact; BinaryComparison types) -----

        private void RequireString(Bound value, string operation)
        {
            if (value.Type is EqlType.String or EqlType.Unknown or EqlType.Null) return;
            _diagnostics.Add(DiagnosticCatalog.TypeMismatch, value.At, $"{operation} needs a string, but this is {Article(value)}");
        }

        private void RequireNumber(Bound value, string operation)
        {
            if (value.Type is EqlType.Number or EqlType.Unknown or EqlType.Null) return;
            _diagnostics.Add(DiagnosticCatalog.TypeMismatch, value.At, $"{operation} needs a number, but this is {Article(value)}");
        }

        private void RequireIp(Bound value, string operation)
        {
            if (value.Type is EqlType.Ip or EqlType.Unknown or EqlType.Null) return;
            _diagnostics.Add(DiagnosticCatalog.TypeMismatch, value.At, $"{operation} needs an ip, but this is {Article(value)}");
        }

        private static string Article(Bound value) => value.TypeName.StartsWith("a ", StringComparison.Ordinal) || value.TypeName == "unknown" ? value.TypeName : $"a {value.TypeName} field";

        /// <summary>
        /// Two compared values must have compatible types: a field against a literal is PlanBuilder's check (with the
        /// constant_keyword check); anything else is checked here.
        /// </summary>
        private void CheckCompared(Bound left, Bound right, CompareOp op, string symbol)
        {
            if (IsField(left.Expr) && right.Expr is LiteralExpr literal)
            {
                _plan.CheckComparison(left.Expr, op, literal, Semantics, left.At, right.At);
                return;
            }
            if (IsField(right.Expr) && left.Expr is LiteralExpr reversed)
            {
                _plan.CheckComparison(right.Expr, op, reversed, Semantics, right.At, left.At);
                return;
            }
            if (!Compatible(left.Type, right.Type))
            {
                _diagnostics.Add(DiagnosticCatalog.TypeMismatch, right.At, $"{symbol} compares {Article(left)} with {Article(right)}");
            }
        }

        private static bool Compatible(EqlType a, EqlType b)
        {
            if (a is EqlType.Unknown or EqlType.Null || b is EqlType.Unknown or EqlType.Null || a == b) return true;
            bool Pair(EqlType x, EqlType y) => a == x && b == y || a == y && b == x;
            return Pair(EqlType.String, EqlType.Ip) || Pair(EqlType.String, EqlType.Date) || Pair(EqlType.Number, EqlType.Date);
        }
    }
}
