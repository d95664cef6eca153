using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RuleGen.Generator.Limits;
using RuleGen.Generator.Ir;
using RuleGen.Generator.Planning;
using RuleGen.Generator.Languages.Esql;
using static RuleGen.Generator.Emitting.CSharp;

namespace RuleGen.Generator.Emitting
{
    /// <summary>
    /// Writes a predicate tree as one C# expression over <c>Tri</c>, whose <c>&amp;&amp;</c>, <c>||</c> and <c>!</c>
    /// are three-valued AND, OR and NOT (SQL's and ES|QL's) (short-circuiting on FALSE and TRUE). Patterns, regexes and literal
    /// sets become static fields, built once.
    /// </summary>
    internal sealed class ConditionEmitter
    {
        private readonly List<(string Name, string Initializer, string Declaration, string Comment)> _statics = new();
        private readonly Dictionary<string, string> _staticByInitializer = new(System.StringComparer.Ordinal);
        private readonly Dictionary<string, int> _staticCountByPrefix = new(System.StringComparer.Ordinal);
        private readonly DepthGuard _nesting = DepthGuard.ForQueryTree();

        /// <summary>Static fields the condition needs: (declaration, comment). Equal initializers share one field.</summary>
        public IEnumerable<(string Declaration, string Comment)> Statics => _statics.Select(s => (s.Declaration, s.Comment));

        public void Write(SourceWriter writer, Pred pred, string suffix)
        {
            using DepthGuard.Level level = _nesting.Enter();
            switch (pred)
            {
                case OrPred either when DocumentFormSwitch.Split(either, out Pred raw, out Pred ecs):
                    writer.Comment("if raw CloudTrail (or a document of no known form): the rule's own names; else (an ECS document): Elastic's names");
                    writer.Line("(" + DocumentFormSwitch.RawTest);
                    writer.Indent();
                    writer.Line("? (");
                    writer.Indent();
                    Write(writer, raw, string.Empty);
                    writer.Outdent();
                    writer.Line(")");
                    writer.Line(": (");
                    writer.Indent();
                    Write(writer, ecs, string.Empty);
                    writer.Outdent();
                    writer.Line(")");
                    writer.Outdent();
                    writer.Line(")" + suffix);
                    return;
                case AndPred and:
                    WriteList(writer, and.Operands, "&&", suffix);
                    return;
                case OrPred or:
                    writer.Line("(");
                    writer.Indent();
                    WriteList(writer, or.Operands, "||", string.Empty);
                    writer.Outdent();
                    writer.Line(")" + suffix);
                    return;
                case SourcedPred sourced:
                    writer.Comment(sourced.Source);
                    Write(writer, sourced.Inner, suffix);
                    return;
                case NotPred { Operand: var operand } when operand.Unwrap() is AndPred or OrPred:
                    writer.Line("!(");
                    writer.Indent();
                    Write(writer, operand, string.Empty);
                    writer.Outdent();
                    writer.Line(")" + suffix);
                    return;
                default:
                    writer.Line(Expression(pred) + suffix);
                    return;
            }
        }

        /// <summary>
        /// Writes operands joined by <paramref name="op"/>, the operator leading each operand's first code line
        /// (after its comment), so every condition reads as one line of the query.
        /// </summary>
        private void WriteList(SourceWriter writer, IReadOnlyList<Pred> operands, string op, string suffix)
        {
            for (int i = 0; i < operands.Count; i++)
            {
                var operand = new SourceWriter();
                Write(operand, operands[i], i == operands.Count - 1 ? suffix : string.Empty);
                bool prefixed = i == 0;
                foreach (string line in operand.ToString().TrimEnd('\n').Split('\n'))
                {
                    if (!prefixed && !line.TrimStart().StartsWith("//", System.StringComparison.Ordinal))
                    {
                        writer.Line(op + " " + line);
                        prefixed = true;
                    }
                    else
                    {
                        writer.Line(line);
                    }
                }
            }
        }

        /// <summary>The predicate as a single-line expression.</summary>
        public string Expression(Pred pred)
        {
            using DepthGuard.Level level = _nesting.Enter();
            switch (pred)
            {
                case SourcedPred sourced:
                    return Expression(sourced.Inner);
                case AndPred and:
                    return "(" + string.Join(" && ", and.Operands.Select(Expression)) + ")";
                case OrPred either when DocumentFormSwitch.Split(either, out Pred raw, out Pred ecs):
                    return "(" + DocumentFormSwitch.RawTest + " ? " + Expression(raw) + " : " + Expression(ecs) + ")";
                case OrPred or:
                    return "(" + string.Join(" || ", or.Operands.Select(Expression)) + ")";
                case DocumentFormPred form:
                    return $"{Runtime}.Tri.From(e.Form == {Runtime}.DocumentForm.{form.Form})";
                case NotPred not:
                    return "!" + Expression(not.Operand);
                case ConstPred c:
                    return $"{Runtime}.Tri.{c.Value}";
                case ComparePred compare:
                    return Leaf(compare.Semantics, compare.Op.ToString(), Options(compare.Semantics), compare.Left, compare.Right);
                case InPred @in:
                    return In(@in);
                case IsNullPred isNull:
                    return $"{Runtime}.Esql.{(isNull.Negated ? "IsNotNull" : "IsNull")}({Value(isNull.Value)})";
                case LikePred like:
                {
                    string ignoreCase = like.Semantics.IgnoresCase ? ", ignoreCase: true" : "";
                    string comment = like.Semantics.IgnoresCase ? ", ignoring case" : "";
                    var patterns = like.Patterns.Select(p => ($"new {Runtime}.WildcardPattern({String(p)}{ignoreCase})", $"LIKE {String(p)}{comment}")).ToList();
                    return PatternLeaf(like.Semantics, "Like", like.Value, $"{Runtime}.WildcardPattern", "s_like", patterns);
                }
                case RegexPred regex:
                {
                    string ignoreCase = regex.Semantics.IgnoresCase ? IgnoreCaseOption : "";
                    string comment = regex.Semantics.IgnoresCase ? ", ignoring case" : "";
                    string options = regex.Backtracking ? $"{BacktrackingRegexOptions}{ignoreCase}, {Runtime}.RegexLimits.MatchTimeout" : RegexOptions + ignoreCase;
                    var patterns = regex.Patterns.Select((p, i) => (
                        $"new global::System.Text.RegularExpressions.Regex({String(regex.DotNetPatterns[i])}, {options})",
                        $"regex {String(p)} ({regex.Dialect} syntax, translated{(regex.Backtracking ? ", backtracking with a timeout" : "")}){comment}")).ToList();
                    return PatternLeaf(regex.Semantics, "RLike", regex.Value, "global::System.Text.RegularExpressions.Regex", "s_regex", patterns);
                }
                case SubstringPred substring:
                    string method = substring.Place switch { SubstringPlace.Start => "StartsWith", SubstringPlace.End => "EndsWith", _ => "Contains" };
                    return Leaf(substring.Semantics, method, Options(substring.Semantics), substring.Value, substring.Part);
                case CidrPred cidr:
                    string blocks = string.Join(", ", cidr.Blocks.Select(String));
                    return Leaf(cidr.Semantics, "CidrMatch", null, cidr.Value, Static($"{Runtime}.CidrSet", "s_cidr", $"new {Runtime}.CidrSet({blocks})", "CIDR " + blocks));
                case MvContainsPred mv:
                    return $"{Runtime}.Esql.MvContains({Value(mv.Superset)}, {Value(mv.Subset)})";
                case SourceIndexPred index:
                {
                    string patterns = string.Join(", ", index.Patterns.Select(String));
                    string set = Static($"{Runtime}.IndexPatterns", "s_index", $"new {Runtime}.IndexPatterns({patterns})", "FROM " + string.Join(", ", index.Patterns));
                    return $"{set}.Holds({Value(index.Type)}, {Value(index.Dataset)}, {Value(index.Namespace)})";
                }
                case ValuePred value:
                    return Leaf(value.Semantics, "IsTrue", null, value.Value);
                default:
                    return $"{Runtime}.Tri.Null";
            }
        }

        /// <summary>
        /// A leaf as a call of the operator family its semantics choose: <c>Esql.*</c> (NULL if multivalued, NULL if
        /// missing) or <c>AnyValue.*</c> (any value matches, FALSE if missing). The two other combinations wrap one of
        /// these: <c>.OrFalse()</c> turns ES|QL's NULL into FALSE; <c>Tri.NullIf</c> gives NULL for a missing field.
        /// </summary>
        private string Leaf(LeafSemantics semantics, string op, string? options, ValueExpr value, params object[] operands)
        {
            string family = semantics.Multivalue == MultivalueMode.NullIfMultivalued ? "Esql" : "AnyValue";
            IEnumerable<string> arguments = new[] { Value(value) }.Concat(operands.Select(o => o as string ?? Value((ValueExpr)o)));
            if (options is not null) arguments = arguments.Append(options);
            string call = $"{Runtime}.{family}.{op}({string.Join(", ", arguments)})";
            if (semantics.Multivalue == MultivalueMode.NullIfMultivalued && semantics.Missing == MissingMode.False) return call + ".OrFalse()";
            if (semantics.Multivalue == MultivalueMode.AnyValue && semantics.Missing == MissingMode.Null) return $"{Runtime}.Tri.NullIf({Value(value)}.IsNull, {call})";
            return call;
        }

        /// <summary>
        /// A leaf over a list of patterns: one static per pattern, OR-ed, when the list is short (the code reads as the
        /// query); one static array and one call when it is long, so that thousands of patterns do not make one C#
        /// expression too deep for the compiler.
        /// </summary>
        private string PatternLeaf(LeafSemantics semantics, string op, ValueExpr value, string type, string prefix, IReadOnlyList<(string Initializer, string Comment)> patterns)
        {
            if (patterns.Count <= MaximumInlinePatterns)
            {
                return AnyOf(patterns.Select(p => Leaf(semantics, op, null, value, Static(type, prefix, p.Initializer, p.Comment))));
            }
            string array = Static(type + "[]", prefix + "s", "new " + type + "[]\n        {\n            " + string.Join(",\n            ", patterns.Select(p => p.Initializer)) + ",\n        }",
                $"{patterns.Count} patterns, any of which matches: {string.Join(", ", patterns.Take(3).Select(p => p.Comment))}, …");
            return Leaf(semantics, op, null, value, array);
        }

        private const int MaximumInlinePatterns = 8;

        /// <summary>The runtime's match options for a leaf, or null for the default (exact, typed).</summary>
        private static string? Options(LeafSemantics semantics)
        {
            var flags = new List<string>();
            if (semantics.IgnoresCase) flags.Add($"{Runtime}.MatchOptions.IgnoreCase");
            if (semantics.Comparison == ComparisonMode.AsString) flags.Add($"{Runtime}.MatchOptions.AsString");
            return flags.Count == 0 ? null : string.Join(" | ", flags);
        }

        private const string IgnoreCaseOption = " | global::System.Text.RegularExpressions.RegexOptions.IgnoreCase";

        private const string BacktrackingRegexOptions =
            "global::System.Text.RegularExpressions.RegexOptions.CultureInvariant | global::System.Text.RegularExpressions.RegexOptions.Singleline";

        private const string RegexOptions =
            "global::System.Text.RegularExpressions.RegexOptions.CultureInvariant | global::System.Text.RegularExpressions.RegexOptions.Singleline | global::System.Text.RegularExpressions.RegexOptions.NonBacktracking";

        private static string AnyOf(IEnumerable<string> parts)
        {
            var list = parts.ToList();
            return list.Count == 1 ? list[0] : "(" + string.Join(" || ", list) + ")";
        }

        private string In(InPred @in)
        {
            if (@in.List.All(v => v is LiteralExpr { Kind: LiteralKind.String or LiteralKind.Null }))
            {
                bool containsNull = @in.List.Any(v => v is LiteralExpr { Kind: LiteralKind.Null });
                var strings = @in.List.OfType<LiteralExpr>().Where(l => l.Kind == LiteralKind.String).Select(l => String(l.Text)).ToList();
                string values = string.Concat(strings.Select(v => ", " + v));
                bool ignoreCase = @in.Semantics.IgnoresCase;
                string set = Static($"{Runtime}.LiteralSet", "s_set",
                    $"new {Runtime}.LiteralSet(containsNull: {(containsNull ? "true" : "false")}{(ignoreCase ? ", ignoreCase: true" : "")}{values})",
                    "IN (" + string.Join(", ", strings.Concat(containsNull ? new[] { "null" } : new string[0])) + ")" + (ignoreCase ? ", ignoring case" : ""));
                return Leaf(@in.Semantics, "In", null, @in.Value, set);
            }
            // Mixed lists: v IN (a, b) is v == a OR v == b, NULLs included.
            return AnyOf(@in.List.Select(item => Leaf(@in.Semantics, "Equal", Options(@in.Semantics), @in.Value, item)));
        }

        private string Static(string type, string prefix, string initializer, string comment)
        {
            if (_staticByInitializer.TryGetValue(initializer, out string? existing)) return existing;
            _staticCountByPrefix.TryGetValue(prefix, out int count);
            _staticCountByPrefix[prefix] = count + 1;
            string name = prefix + count.ToString(CultureInfo.InvariantCulture);
            _staticByInitializer[initializer] = name;
            _statics.Add((name, initializer, $"private static readonly {type} {name} = {initializer};", comment));
            return name;
        }

        /// <summary>A value as C#; TO_LOWER(TO_UPPER(…)) chains are unwound in a loop, not by recursion.</summary>
        public static string Value(ValueExpr value)
        {
            var cases = new List<bool>();
            while (value is CaseExpr c)
            {
                cases.Add(c.Upper);
                value = c.Operand;
            }
            string code = value switch
            {
                FieldExpr field => $"e[{field.Slot}]",
                SubtreeExpr subtree => $"e[{subtree.Slot}]",
                LiteralExpr { Kind: LiteralKind.String } s => $"{Runtime}.FieldValue.String({Utf8(s.Text)})",
                LiteralExpr { Kind: LiteralKind.Number } n => $"{Runtime}.FieldValue.Number({Utf8(n.Text)})",
                LiteralExpr { Kind: LiteralKind.Boolean } b => $"{Runtime}.FieldValue.Boolean({b.Text})",
                CallExpr call => $"{Runtime}.Functions.{call.Function}(e{string.Concat(call.Arguments.Select(a => ", " + Value(a)))})",
                _ => $"default({Runtime}.FieldValue)",
            };
            for (int i = cases.Count - 1; i >= 0; i--) code = $"e.{(cases[i] ? "ToUpper" : "ToLower")}({code})";
            return code;
        }
    }
}
