using System.Collections.Generic;

namespace RuleGen.Generator.Languages.Kql
{
    // The KQL syntax tree, the shape of Kibana's kuery grammar (grammar.peggy in @kbn/es-query) before any binding:
    // no field types, no meaning given to values yet. Every node knows where it came from in the query text
    // (Start, Length), so a binder can point at the exact token. A node's span covers the parentheses around its
    // operands, not the parentheses around itself: in "(a:1) and b:2" the AND starts at the '('.

    internal abstract class KqlNode : SyntaxNode
    {
        protected KqlNode(int start, int length) : base(start, length)
        {
        }
    }

    /// <summary>A parsed query. <see cref="Expression"/> is null for an empty (or all-whitespace) query, which Kibana
    /// reads as "match every document" (<c>is(*, *)</c>).</summary>
    internal sealed class KqlQuery
    {
        public KqlQuery(string text, KqlExpression? expression)
        {
            Text = text;
            Expression = expression;
        }

        public string Text { get; }

        public KqlExpression? Expression { get; }
    }

    internal enum KqlLogicalOperator { And, Or }

    // ---- Queries (what stands between AND, OR, NOT and parentheses) ----

    internal abstract class KqlExpression : KqlNode
    {
        protected KqlExpression(int start, int length) : base(start, length) { }
    }

    /// <summary>
    /// <c>a or b or c</c> (or <c>and</c>) as one node with every operand, as Kibana builds it: a chain of 10,000 terms
    /// is a flat list, so no pass recurses once per term. Parentheses make a nested node.
    /// </summary>
    internal sealed class KqlLogicalExpression : KqlExpression
    {
        public KqlLogicalExpression(KqlLogicalOperator op, IReadOnlyList<KqlExpression> operands, int start, int end)
            : base(start, end - start)
        {
            Operator = op;
            Operands = operands;
        }

        public KqlLogicalOperator Operator { get; }

        public IReadOnlyList<KqlExpression> Operands { get; }
    }

    /// <summary><c>not query</c>; <see cref="KqlNode.Start"/> is the NOT keyword.</summary>
    internal sealed class KqlNotExpression : KqlExpression
    {
        public KqlNotExpression(KqlExpression operand, int start, int end) : base(start, end - start) => Operand = operand;

        public KqlExpression Operand { get; }
    }

    /// <summary>
    /// <c>field:value</c>, <c>field:(value list)</c>, or a value alone (free text: <see cref="Field"/> is null, and
    /// <see cref="Value"/> is always a <see cref="KqlLiteral"/>; Kibana searches it in every field).
    /// Kibana's <c>is(field, value)</c>; <c>field:*</c> is its exists query (<see cref="KqlLiteral.IsLoneWildcard"/>).
    /// </summary>
    internal sealed class KqlMatchExpression : KqlExpression
    {
        public KqlMatchExpression(KqlLiteral? field, KqlValueExpression value, int colonStart, int start, int end)
            : base(start, end - start)
        {
            Field = field;
            Value = value;
            ColonStart = colonStart;
        }

        public KqlLiteral? Field { get; }

        public KqlValueExpression Value { get; }

        /// <summary>The offset of the ':', -1 for free text.</summary>
        public int ColonStart { get; }
    }

    internal enum KqlRangeOperator { Less, LessOrEqual, Greater, GreaterOrEqual }

    /// <summary><c>field &lt; value</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c> (Kibana's <c>range</c>); the value may be quoted.</summary>
    internal sealed class KqlRangeExpression : KqlExpression
    {
        public KqlRangeExpression(KqlLiteral field, KqlRangeOperator op, int operatorStart, KqlLiteral value)
            : base(field.Start, value.End - field.Start)
        {
            Field = field;
            Operator = op;
            OperatorStart = operatorStart;
            Value = value;
        }

        public KqlLiteral Field { get; }

        public KqlRangeOperator Operator { get; }

        public int OperatorStart { get; }

        /// <summary>The operator's length: 1 or 2.</summary>
        public int OperatorLength => Operator is KqlRangeOperator.LessOrEqual or KqlRangeOperator.GreaterOrEqual ? 2 : 1;

        public KqlLiteral Value { get; }
    }

    /// <summary><c>path:{ query }</c>: a query over the objects of a nested field (Kibana's <c>nested</c>).</summary>
    internal sealed class KqlNestedExpression : KqlExpression
    {
        public KqlNestedExpression(KqlLiteral path, KqlExpression query, int end) : base(path.Start, end - path.Start)
        {
            Path = path;
            Query = query;
        }

        public KqlLiteral Path { get; }

        public KqlExpression Query { get; }
    }

    // ---- Values (the right of "field:", where a parenthesised list may combine values) ----

    internal abstract class KqlValueExpression : KqlNode
    {
        protected KqlValueExpression(int start, int length) : base(start, length) { }
    }

    /// <summary><c>field:(a or b or c)</c> (or <c>and</c>): Kibana applies the field to every value.</summary>
    internal sealed class KqlValueLogical : KqlValueExpression
    {
        public KqlValueLogical(KqlLogicalOperator op, IReadOnlyList<KqlValueExpression> operands, int start, int end)
            : base(start, end - start)
        {
            Operator = op;
            Operands = operands;
        }

        public KqlLogicalOperator Operator { get; }

        public IReadOnlyList<KqlValueExpression> Operands { get; }
    }

    /// <summary><c>field:(not a)</c>; <see cref="KqlNode.Start"/> is the NOT keyword.</summary>
    internal sealed class KqlValueNot : KqlValueExpression
    {
        public KqlValueNot(KqlValueExpression operand, int start, int end) : base(start, end - start) => Operand = operand;

        public KqlValueExpression Operand { get; }
    }

    /// <summary>What an unquoted literal means by itself: Kibana reads the exact words null, true and false as
    /// those values (quoted, or in other case, they are text).</summary>
    internal enum KqlLiteralKind { Text, Null, True, False }

    /// <summary>
    /// A field name or a value, quoted (<c>"a b"</c>) or not (<c>a\:b*</c>). <see cref="Value"/> is the text with
    /// escapes resolved (and, unquoted, the surrounding whitespace trimmed, as Kibana does); <see cref="Raw"/> is the
    /// text as written. In <see cref="Value"/> a '*' is a wildcard only where <see cref="WildcardIndexes"/> says so:
    /// an escaped <c>\*</c> and every '*' of a quoted string are literal stars. '?' is never a wildcard in KQL:
    /// Kibana escapes it before building the Elasticsearch wildcard or query_string query (escapeQueryString in
    /// @kbn/es-query's node_types/wildcard.ts), so it stays a plain character here.
    /// </summary>
    internal sealed class KqlLiteral : KqlValueExpression
    {
        private static readonly int[] NoWildcards = new int[0];

        public KqlLiteral(string raw, string value, bool quoted, IReadOnlyList<int>? wildcardIndexes, int start, int length)
            : base(start, length)
        {
            Raw = raw;
            Value = value;
            IsQuoted = quoted;
            WildcardIndexes = wildcardIndexes ?? NoWildcards;
            Kind = quoted ? KqlLiteralKind.Text : value switch
            {
                "null" => KqlLiteralKind.Null,
                "true" => KqlLiteralKind.True,
                "false" => KqlLiteralKind.False,
                _ => KqlLiteralKind.Text,
            };
        }

        /// <summary>The source text: quotes and escapes included.</summary>
        public string Raw { get; }

        /// <summary>The text meant: escapes resolved, unquoted text trimmed.</summary>
        public string Value { get; }

        public bool IsQuoted { get; }

        /// <summary>Indexes into <see cref="Value"/> of the unescaped '*' of an unquoted literal, in order.</summary>
        public IReadOnlyList<int> WildcardIndexes { get; }

        public bool HasWildcard => WildcardIndexes.Count > 0;

        /// <summary>Exactly one unescaped '*': as a value, Kibana's exists query; as a field, every field.</summary>
        public bool IsLoneWildcard => Value.Length == 1 && WildcardIndexes.Count == 1;

        public KqlLiteralKind Kind { get; }
    }
}
