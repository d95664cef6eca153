using System.Collections.Generic;

namespace RuleGen.Generator.Languages.Eql
{
    // The EQL syntax tree, shaped by Elasticsearch's EqlBase.g4 and nothing more: no types, no field lookup, no
    // folding (a binder does that). Every node has Start/Length offsets into the query text, so a later step can point
    // at the exact construct; literals keep the text as written next to the value; operators keep their '~'.
    // Types are prefixed with Eql so that a pass can use this namespace and the ES|QL tree's together.

    internal abstract class EqlNode : SyntaxNode
    {
        protected EqlNode(int start, int length) : base(start, length)
        {
        }
    }

    /// <summary>A whole statement: one query (event, sequence, sample or join) and its pipes.</summary>
    internal sealed class EqlQuery : EqlNode
    {
        public EqlQuery(EqlQueryBody body, IReadOnlyList<EqlPipe> pipes, int end) : base(body.Start, end - body.Start)
        {
            Body = body;
            Pipes = pipes;
        }

        public EqlQueryBody Body { get; }

        public IReadOnlyList<EqlPipe> Pipes { get; }
    }

    internal abstract class EqlQueryBody : EqlNode
    {
        protected EqlQueryBody(int start, int length) : base(start, length) { }
    }

    /// <summary><c>process where …</c>: a single-event query.</summary>
    internal sealed class EqlEventQuery : EqlQueryBody
    {
        public EqlEventQuery(EqlEventFilter filter) : base(filter.Start, filter.Length) => Filter = filter;

        public EqlEventFilter Filter { get; }
    }

    /// <summary><c>category where condition</c>, alone or inside a stage's brackets.</summary>
    internal sealed class EqlEventFilter : EqlNode
    {
        public EqlEventFilter(EqlEventCategory category, EqlExpression condition)
            : base(category.Start, condition.End - category.Start)
        {
            Category = category;
            Condition = condition;
        }

        public EqlEventCategory Category { get; }

        public EqlExpression Condition { get; }
    }

    internal enum EqlCategoryForm
    {
        /// <summary><c>any</c>: every event, whatever its category.</summary>
        Any,
        /// <summary><c>process</c></summary>
        Name,
        /// <summary><c>"my-category"</c> or <c>"""my-category"""</c></summary>
        String,
    }

    internal sealed class EqlEventCategory : EqlNode
    {
        public EqlEventCategory(EqlCategoryForm form, string name, string raw, int start) : base(start, raw.Length)
        {
            Form = form;
            Name = name;
            Raw = raw;
        }

        public EqlCategoryForm Form { get; }

        public bool IsAny => Form == EqlCategoryForm.Any;

        /// <summary>The category value (a string's unescaped value); "any" for <see cref="EqlCategoryForm.Any"/>.</summary>
        public string Name { get; }

        /// <summary>As written, quotes included.</summary>
        public string Raw { get; }
    }

    /// <summary>
    /// <c>sequence [by keys] [with maxspan=…] stage+ [until stage]</c>. The grammar allows one stage; Elasticsearch's
    /// rules on stage counts, missing stages and maxspan are the binder's.
    /// </summary>
    internal sealed class EqlSequence : EqlQueryBody
    {
        public EqlSequence(IReadOnlyList<EqlExpression> by, EqlMaxSpan? maxSpan, IReadOnlyList<EqlStage> stages, EqlStage? until, int start, int end)
            : base(start, end - start)
        {
            By = by;
            MaxSpan = maxSpan;
            Stages = stages;
            Until = until;
        }

        /// <summary>The join keys every stage shares (<c>sequence by a, b</c>); empty when absent.</summary>
        public IReadOnlyList<EqlExpression> By { get; }

        public EqlMaxSpan? MaxSpan { get; }

        public IReadOnlyList<EqlStage> Stages { get; }

        public EqlStage? Until { get; }
    }

    /// <summary><c>sample [by keys] stage+</c>: events sharing join keys, in any order.</summary>
    internal sealed class EqlSample : EqlQueryBody
    {
        public EqlSample(IReadOnlyList<EqlExpression> by, IReadOnlyList<EqlStage> stages, int start, int end) : base(start, end - start)
        {
            By = by;
            Stages = stages;
        }

        public IReadOnlyList<EqlExpression> By { get; }

        public IReadOnlyList<EqlStage> Stages { get; }
    }

    /// <summary><c>join [by keys] stage stage+ [until stage]</c>: in the grammar, refused by Elasticsearch's planner.</summary>
    internal sealed class EqlJoin : EqlQueryBody
    {
        public EqlJoin(IReadOnlyList<EqlExpression> by, IReadOnlyList<EqlStage> stages, EqlStage? until, int start, int end) : base(start, end - start)
        {
            By = by;
            Stages = stages;
            Until = until;
        }

        public IReadOnlyList<EqlExpression> By { get; }

        public IReadOnlyList<EqlStage> Stages { get; }

        public EqlStage? Until { get; }
    }

    /// <summary><c>[category where condition] [by keys] [with runs=n]</c>, or <c>![…]</c> for an event that must not occur.</summary>
    internal sealed class EqlStage : EqlNode
    {
        public EqlStage(EqlEventFilter filter, bool isMissing, IReadOnlyList<EqlExpression> by, EqlRuns? runs, int start, int end)
            : base(start, end - start)
        {
            Filter = filter;
            IsMissing = isMissing;
            By = by;
            Runs = runs;
        }

        public EqlEventFilter Filter { get; }

        /// <summary>Written <c>![…]</c>.</summary>
        public bool IsMissing { get; }

        /// <summary>This stage's own join keys, after the shared ones; empty when absent.</summary>
        public IReadOnlyList<EqlExpression> By { get; }

        /// <summary>Sequence stages only.</summary>
        public EqlRuns? Runs { get; }
    }

    /// <summary><c>with maxspan=15m</c>: a positive whole number and a unit (ms, s, m, h, d), as Elasticsearch checks them.</summary>
    internal sealed class EqlMaxSpan : EqlNode
    {
        public EqlMaxSpan(string number, string unit, long milliseconds, int start, int end) : base(start, end - start)
        {
            Number = number;
            Unit = unit;
            Milliseconds = milliseconds;
        }

        /// <summary>The number as written.</summary>
        public string Number { get; }

        public string Unit { get; }

        public long Milliseconds { get; }
    }

    /// <summary><c>with runs=3</c>: the stage repeated, 1 to 100 times.</summary>
    internal sealed class EqlRuns : EqlNode
    {
        public EqlRuns(int count, int start, int end) : base(start, end - start) => Count = count;

        public int Count { get; }
    }

    /// <summary><c>| head 5</c>: a pipe name known to EQL and its arguments (any expressions; the binder checks them).</summary>
    internal sealed class EqlPipe : EqlNode
    {
        public EqlPipe(string name, int nameStart, IReadOnlyList<EqlExpression> arguments, int start, int end) : base(start, end - start)
        {
            Name = name;
            NameStart = nameStart;
            Arguments = arguments;
        }

        public string Name { get; }

        public int NameStart { get; }

        public int NameLength => Name.Length;

        public IReadOnlyList<EqlExpression> Arguments { get; }
    }

    internal abstract class EqlExpression : EqlNode
    {
        protected EqlExpression(int start, int length) : base(start, length) { }
    }

    internal enum EqlLogicalOperator { And, Or }

    /// <summary>
    /// <c>a and b and c</c> (or <c>or</c>) as one node with every operand, so a 10,000-term chain is a flat list and no
    /// pass recurses once per term. <c>and</c> binds tighter than <c>or</c>.
    /// </summary>
    internal sealed class EqlLogicalExpression : EqlExpression
    {
        public EqlLogicalExpression(EqlLogicalOperator op, IReadOnlyList<EqlExpression> operands)
            : base(operands[0].Start, operands[operands.Count - 1].End - operands[0].Start)
        {
            Operator = op;
            Operands = operands;
        }

        public EqlLogicalOperator Operator { get; }

        public IReadOnlyList<EqlExpression> Operands { get; }
    }

    /// <summary><c>not condition</c>; binds tighter than and/or, looser than comparisons.</summary>
    internal sealed class EqlNotExpression : EqlExpression
    {
        public EqlNotExpression(EqlExpression operand, int start) : base(start, operand.End - start) => Operand = operand;

        public EqlExpression Operand { get; }
    }

    internal enum EqlComparisonOperator { Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual }

    /// <summary><c>a == b</c>: one comparison between two operands; comparisons do not chain.</summary>
    internal sealed class EqlComparisonExpression : EqlExpression
    {
        public EqlComparisonExpression(EqlComparisonOperator op, EqlExpression left, EqlExpression right, int operatorStart, int operatorLength)
            : base(left.Start, right.End - left.Start)
        {
            Operator = op;
            Left = left;
            Right = right;
            OperatorStart = operatorStart;
            OperatorLength = operatorLength;
        }

        public EqlComparisonOperator Operator { get; }

        public EqlExpression Left { get; }

        public EqlExpression Right { get; }

        public int OperatorStart { get; }

        public int OperatorLength { get; }
    }

    /// <summary><c>value [not] in (e1, e2, …)</c> or <c>in~</c>: the list holds any expressions.</summary>
    internal sealed class EqlInExpression : EqlExpression
    {
        public EqlInExpression(EqlExpression value, IReadOnlyList<EqlExpression> list, bool negated, bool caseInsensitive, int operatorStart, int operatorLength, int end)
            : base(value.Start, end - value.Start)
        {
            Value = value;
            List = list;
            Negated = negated;
            CaseInsensitive = caseInsensitive;
            OperatorStart = operatorStart;
            OperatorLength = operatorLength;
        }

        public EqlExpression Value { get; }

        public IReadOnlyList<EqlExpression> List { get; }

        public bool Negated { get; }

        /// <summary>Written <c>in~</c>.</summary>
        public bool CaseInsensitive { get; }

        /// <summary>From <c>not</c> (when negated) to the end of <c>in</c>/<c>in~</c>.</summary>
        public int OperatorStart { get; }

        public int OperatorLength { get; }
    }

    internal enum EqlPatternOperator
    {
        /// <summary><c>:</c>, case-insensitive equality with * and ? wildcards (Elasticsearch: the same as like~).</summary>
        Colon,
        Like,
        Regex,
    }

    /// <summary>
    /// <c>value : "a*"</c>, <c>value like~ ("a*", "b?")</c>, <c>value regex "…"</c>: the patterns are constants (the
    /// grammar allows no other expression there). EQL has no <c>not like</c>; negation is <c>not value like …</c>.
    /// </summary>
    internal sealed class EqlPatternExpression : EqlExpression
    {
        public EqlPatternExpression(EqlExpression value, EqlPatternOperator op, bool caseInsensitive, IReadOnlyList<EqlLiteral> patterns, bool isList,
            int operatorStart, int operatorLength, int end)
            : base(value.Start, end - value.Start)
        {
            Value = value;
            Operator = op;
            CaseInsensitive = caseInsensitive;
            Patterns = patterns;
            IsList = isList;
            OperatorStart = operatorStart;
            OperatorLength = operatorLength;
        }

        public EqlExpression Value { get; }

        public EqlPatternOperator Operator { get; }

        /// <summary>Written with <c>~</c> (<c>like~</c>, <c>regex~</c>); always true for <c>:</c>.</summary>
        public bool CaseInsensitive { get; }

        public IReadOnlyList<EqlLiteral> Patterns { get; }

        /// <summary>Written as a parenthesised list, even of one pattern.</summary>
        public bool IsList { get; }

        public int OperatorStart { get; }

        public int OperatorLength { get; }
    }

    internal enum EqlArithmeticOperator { Add, Subtract, Multiply, Divide, Modulo }

    /// <summary>
    /// <c>a - b + c</c> or <c>a * b / c</c>: operands of one precedence level, left to right (Operators[i] sits
    /// between Operands[i] and Operands[i + 1]), flat for the same reason as <see cref="EqlLogicalExpression"/>. A
    /// multiplicative chain is an operand of an additive one.
    /// </summary>
    internal sealed class EqlArithmeticExpression : EqlExpression
    {
        public EqlArithmeticExpression(IReadOnlyList<EqlExpression> operands, IReadOnlyList<EqlArithmeticOperator> operators)
            : base(operands[0].Start, operands[operands.Count - 1].End - operands[0].Start)
        {
            Operands = operands;
            Operators = operators;
        }

        public IReadOnlyList<EqlExpression> Operands { get; }

        public IReadOnlyList<EqlArithmeticOperator> Operators { get; }
    }

    internal enum EqlUnaryOperator { Minus, Plus }

    /// <summary><c>-x</c> or <c>+x</c>; <c>-5</c> is a minus over the literal 5, as in the grammar (folding is the binder's).</summary>
    internal sealed class EqlUnaryExpression : EqlExpression
    {
        public EqlUnaryExpression(EqlUnaryOperator op, EqlExpression operand, int start) : base(start, operand.End - start)
        {
            Operator = op;
            Operand = operand;
        }

        public EqlUnaryOperator Operator { get; }

        public EqlExpression Operand { get; }
    }

    /// <summary><c>startsWith(a, "x")</c> or <c>startsWith~(a, "x")</c>; any name the grammar allows (the binder knows the functions).</summary>
    internal sealed class EqlFunctionCall : EqlExpression
    {
        public EqlFunctionCall(string name, bool caseInsensitive, IReadOnlyList<EqlExpression> arguments, int start, int end)
            : base(start, end - start)
        {
            Name = name;
            CaseInsensitive = caseInsensitive;
            Arguments = arguments;
        }

        /// <summary>The name without <c>~</c>.</summary>
        public string Name { get; }

        /// <summary>Written <c>name~(…)</c>.</summary>
        public bool CaseInsensitive { get; }

        /// <summary>The name as written, <c>~</c> included.</summary>
        public int NameLength => Name.Length + (CaseInsensitive ? 1 : 0);

        public IReadOnlyList<EqlExpression> Arguments { get; }
    }

    /// <summary>One part of a dotted field name: <c>process</c> or <c>`my-field`</c>.</summary>
    internal sealed class EqlNameSegment : EqlNode
    {
        public EqlNameSegment(string name, string raw, int start) : base(start, raw.Length)
        {
            Name = name;
            Raw = raw;
        }

        /// <summary>Without back-quotes, <c>``</c> unescaped.</summary>
        public string Name { get; }

        public string Raw { get; }

        public bool IsQuoted => Raw.Length > 0 && Raw[0] == '`';
    }

    /// <summary><c>process.name</c>, <c>`my-field`.x</c>, <c>?user.id</c> (optional: null when the field is not mapped).</summary>
    internal sealed class EqlFieldReference : EqlExpression
    {
        public EqlFieldReference(string name, IReadOnlyList<EqlNameSegment> segments, bool optional, int start)
            : base(start, segments[segments.Count - 1].End - start)
        {
            Name = name;
            Segments = segments;
            Optional = optional;
        }

        /// <summary>The segments' names joined with dots, as Elasticsearch resolves the field.</summary>
        public string Name { get; }

        public IReadOnlyList<EqlNameSegment> Segments { get; }

        /// <summary>Written <c>?field</c>.</summary>
        public bool Optional { get; }
    }

    internal enum EqlLiteralKind { String, Integer, Decimal, Boolean, Null }

    internal sealed class EqlLiteral : EqlExpression
    {
        public EqlLiteral(EqlLiteralKind kind, string value, string raw, int start, bool isRawString = false) : base(start, raw.Length)
        {
            Kind = kind;
            Value = value;
            Raw = raw;
            IsRawString = isRawString;
        }

        public EqlLiteralKind Kind { get; }

        /// <summary>Strings: the unescaped value; numbers: the digits as written; "true", "false", "null".</summary>
        public string Value { get; }

        /// <summary>As written in the query, quotes and escapes included.</summary>
        public string Raw { get; }

        /// <summary>A <c>"""…"""</c> string: its value is its text, backslashes included.</summary>
        public bool IsRawString { get; }
    }
}
