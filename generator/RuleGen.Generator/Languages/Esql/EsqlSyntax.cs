using System.Collections.Generic;

using RuleGen.Generator.Ir;
using RuleGen.Generator.Planning;

namespace RuleGen.Generator.Languages.Esql
{
    // The ES|QL syntax tree. Every node remembers where it came from in the query text (Start, Length), so later
    // steps can point at the exact token. The tree lives only inside one rule's compile step; it is never cached.

    internal abstract class EsqlNode : SyntaxNode
    {
        protected EsqlNode(int start, int length) : base(start, length)
        {
        }
    }

    internal sealed class EsqlQuery
    {
        public EsqlQuery(FromCommand from, IReadOnlyList<EsqlCommand> commands)
        {
            From = from;
            Commands = commands;
        }

        public FromCommand From { get; }

        /// <summary>The processing commands after FROM, in order.</summary>
        public IReadOnlyList<EsqlCommand> Commands { get; }
    }

    internal sealed class NamedItem : EsqlNode
    {
        public NamedItem(string name, int start, int length) : base(start, length) => Name = name;

        public string Name { get; }
    }

    internal sealed class FromCommand : EsqlNode
    {
        public FromCommand(IReadOnlyList<NamedItem> sources, IReadOnlyList<NamedItem> metadata, int start, int length)
            : base(start, length)
        {
            Sources = sources;
            Metadata = metadata;
        }

        public IReadOnlyList<NamedItem> Sources { get; }

        public IReadOnlyList<NamedItem> Metadata { get; }
    }

    internal abstract class EsqlExpression : EsqlNode
    {
        protected EsqlExpression(int start, int length) : base(start, length) { }
    }

    internal enum LogicalOperator { And, Or }

    /// <summary>
    /// <c>a OR b OR c</c> (or AND) as one node with every operand: a chain of 10,000 terms is a flat list, so no pass
    /// recurses once per term.
    /// </summary>
    internal sealed class LogicalExpression : EsqlExpression
    {
        public LogicalExpression(LogicalOperator op, IReadOnlyList<EsqlExpression> operands)
            : base(operands[0].Start, operands[operands.Count - 1].End - operands[0].Start)
        {
            Operator = op;
            Operands = operands;
        }

        public LogicalOperator Operator { get; }

        public IReadOnlyList<EsqlExpression> Operands { get; }
    }

    internal sealed class NotExpression : EsqlExpression
    {
        public NotExpression(EsqlExpression operand, int start) : base(start, operand.End - start) => Operand = operand;

        public EsqlExpression Operand { get; }
    }

    internal enum ComparisonOperator { Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual }

    internal sealed class ComparisonExpression : EsqlExpression
    {
        public ComparisonExpression(ComparisonOperator op, EsqlExpression left, EsqlExpression right, int operatorStart)
            : base(left.Start, right.End - left.Start)
        {
            Operator = op;
            Left = left;
            Right = right;
            OperatorStart = operatorStart;
        }

        public ComparisonOperator Operator { get; }

        public EsqlExpression Left { get; }

        public EsqlExpression Right { get; }

        public int OperatorStart { get; }
    }

    internal sealed class InExpression : EsqlExpression
    {
        public InExpression(EsqlExpression value, IReadOnlyList<EsqlExpression> list, bool negated, int end)
            : base(value.Start, end - value.Start)
        {
            Value = value;
            List = list;
            Negated = negated;
        }

        public EsqlExpression Value { get; }

        public IReadOnlyList<EsqlExpression> List { get; }

        public bool Negated { get; }
    }

    internal sealed class IsNullExpression : EsqlExpression
    {
        public IsNullExpression(EsqlExpression value, bool negated, int end) : base(value.Start, end - value.Start)
        {
            Value = value;
            Negated = negated;
        }

        public EsqlExpression Value { get; }

        public bool Negated { get; }
    }

    /// <summary><c>value [NOT] LIKE pattern</c>, <c>value [NOT] RLIKE pattern</c>, or the list forms.</summary>
    internal sealed class PatternExpression : EsqlExpression
    {
        public PatternExpression(EsqlExpression value, IReadOnlyList<EsqlExpression> patterns, bool regex, bool negated, int end)
            : base(value.Start, end - value.Start)
        {
            Value = value;
            Patterns = patterns;
            IsRegex = regex;
            Negated = negated;
        }

        public EsqlExpression Value { get; }

        public IReadOnlyList<EsqlExpression> Patterns { get; }

        public bool IsRegex { get; }

        public bool Negated { get; }
    }

    internal sealed class FunctionCall : EsqlExpression
    {
        public FunctionCall(string name, int nameLength, IReadOnlyList<EsqlExpression> arguments, int start, int end)
            : base(start, end - start)
        {
            Name = name;
            NameLength = nameLength;
            Arguments = arguments;
        }

        public string Name { get; }

        public int NameLength { get; }

        public IReadOnlyList<EsqlExpression> Arguments { get; }
    }

    internal sealed class FieldReference : EsqlExpression
    {
        public FieldReference(string name, int start, int length) : base(start, length) => Name = name;

        public string Name { get; }
    }


    internal sealed class LiteralExpression : EsqlExpression
    {
        public LiteralExpression(LiteralKind kind, string value, int start, int length) : base(start, length)
        {
            Kind = kind;
            Value = value;
        }

        public LiteralKind Kind { get; }

        /// <summary>The literal's value: unescaped text for strings, the digits for numbers, "true"/"false".</summary>
        public string Value { get; }
    }

    /// <summary>A construct the parser recognised but the compiler does not support yet (arithmetic, casts, …).</summary>
    internal sealed class UnsupportedExpression : EsqlExpression
    {
        public UnsupportedExpression(string what, int start, int length) : base(start, length) => What = what;

        public string What { get; }
    }
}
