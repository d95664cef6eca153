using System.Collections.Generic;

namespace RuleGen.Generator.Languages.Esql
{
    // The processing commands of an ES|QL query after FROM, in order. Each keeps its position (the command's keyword to
    // its last token), so the binder reports at it and the emitter shows its text above the code that does it.

    internal abstract class EsqlCommand : EsqlNode
    {
        protected EsqlCommand(string name, int start, int length) : base(start, length) => Name = name;

        /// <summary>The command's keyword as ES|QL documents it: WHERE, EVAL, STATS, …</summary>
        public string Name { get; }
    }

    internal sealed class WhereCommand : EsqlCommand
    {
        public WhereCommand(EsqlExpression condition, int start) : base("WHERE", start, condition.End - start) => Condition = condition;

        public EsqlExpression Condition { get; }
    }

    /// <summary><c>name = expression</c>, or a bare expression (its column is named by its text); EVAL and STATS … BY.</summary>
    internal sealed class Assignment : EsqlNode
    {
        public Assignment(NamedItem? target, EsqlExpression value) : base(target?.Start ?? value.Start, value.End - (target?.Start ?? value.Start))
        {
            Target = target;
            Value = value;
        }

        public NamedItem? Target { get; }

        public EsqlExpression Value { get; }
    }

    internal sealed class EvalCommand : EsqlCommand
    {
        public EvalCommand(IReadOnlyList<Assignment> assignments, int start, int end) : base("EVAL", start, end - start) => Assignments = assignments;

        public IReadOnlyList<Assignment> Assignments { get; }
    }

    /// <summary>One aggregate of STATS: <c>[name =] AGG(…) [WHERE condition]</c>.</summary>
    internal sealed class StatsItem : EsqlNode
    {
        public StatsItem(Assignment value, EsqlExpression? filter) : base(value.Start, (filter?.End ?? value.End) - value.Start)
        {
            Value = value;
            Filter = filter;
        }

        public Assignment Value { get; }

        public EsqlExpression? Filter { get; }
    }

    internal sealed class StatsCommand : EsqlCommand
    {
        public StatsCommand(IReadOnlyList<StatsItem> aggregates, IReadOnlyList<Assignment> groups, int start, int end) : base("STATS", start, end - start)
        {
            Aggregates = aggregates;
            Groups = groups;
        }

        public IReadOnlyList<StatsItem> Aggregates { get; }

        public IReadOnlyList<Assignment> Groups { get; }
    }

    internal sealed class SortKey : EsqlNode
    {
        public SortKey(EsqlExpression value, bool descending, bool? nullsFirst, int end) : base(value.Start, end - value.Start)
        {
            Value = value;
            Descending = descending;
            NullsFirst = nullsFirst;
        }

        public EsqlExpression Value { get; }

        public bool Descending { get; }

        /// <summary>As written; null: ES|QL's default (NULLs last ascending, first descending).</summary>
        public bool? NullsFirst { get; }
    }

    internal sealed class SortCommand : EsqlCommand
    {
        public SortCommand(IReadOnlyList<SortKey> keys, int start, int end) : base("SORT", start, end - start) => Keys = keys;

        public IReadOnlyList<SortKey> Keys { get; }
    }

    internal sealed class LimitCommand : EsqlCommand
    {
        public LimitCommand(int count, int start, int end) : base("LIMIT", start, end - start) => Count = count;

        public int Count { get; }
    }

    /// <summary>KEEP or DROP: column names and patterns.</summary>
    internal sealed class ColumnsCommand : EsqlCommand
    {
        public ColumnsCommand(string name, IReadOnlyList<NamedItem> columns, int start, int end) : base(name, start, end - start) => Columns = columns;

        public IReadOnlyList<NamedItem> Columns { get; }

        public bool IsKeep => Name == "KEEP";
    }

    internal sealed class RenameCommand : EsqlCommand
    {
        public RenameCommand(IReadOnlyList<(NamedItem Old, NamedItem New)> pairs, int start, int end) : base("RENAME", start, end - start) => Pairs = pairs;

        public IReadOnlyList<(NamedItem Old, NamedItem New)> Pairs { get; }
    }

    internal sealed class MvExpandCommand : EsqlCommand
    {
        public MvExpandCommand(NamedItem column, int start) : base("MV_EXPAND", start, column.End - start) => Column = column;

        public NamedItem Column { get; }
    }

    /// <summary>DISSECT or GROK: the input expression and the pattern (a string literal), DISSECT's APPEND_SEPARATOR.</summary>
    internal sealed class PatternCommand : EsqlCommand
    {
        public PatternCommand(string name, EsqlExpression input, LiteralExpression pattern, LiteralExpression? appendSeparator, int start, int end)
            : base(name, start, end - start)
        {
            Input = input;
            Pattern = pattern;
            AppendSeparator = appendSeparator;
        }

        public EsqlExpression Input { get; }

        public LiteralExpression Pattern { get; }

        public LiteralExpression? AppendSeparator { get; }

        public bool IsGrok => Name == "GROK";
    }

    internal enum ArithmeticOperator { Add, Subtract, Multiply, Divide, Modulo }

    internal sealed class ArithmeticExpression : EsqlExpression
    {
        public ArithmeticExpression(ArithmeticOperator op, EsqlExpression left, EsqlExpression right, int operatorStart)
            : base(left.Start, right.End - left.Start)
        {
            Operator = op;
            Left = left;
            Right = right;
            OperatorStart = operatorStart;
        }

        public ArithmeticOperator Operator { get; }

        public EsqlExpression Left { get; }

        public EsqlExpression Right { get; }

        public int OperatorStart { get; }
    }

    internal sealed class NegateExpression : EsqlExpression
    {
        public NegateExpression(EsqlExpression operand, int start) : base(start, operand.End - start) => Operand = operand;

        public EsqlExpression Operand { get; }
    }

    /// <summary><c>value::type</c>.</summary>
    internal sealed class CastExpression : EsqlExpression
    {
        public CastExpression(EsqlExpression value, string typeName, int typeStart, int end) : base(value.Start, end - value.Start)
        {
            Value = value;
            TypeName = typeName;
            TypeStart = typeStart;
        }

        public EsqlExpression Value { get; }

        public string TypeName { get; }

        public int TypeStart { get; }
    }

    /// <summary>A time span literal: <c>1 hour</c>, <c>7 days</c>, <c>10 minutes</c>.</summary>
    internal sealed class TimeSpanExpression : EsqlExpression
    {
        public TimeSpanExpression(long amount, string unit, int start, int length) : base(start, length)
        {
            Amount = amount;
            Unit = unit;
        }

        public long Amount { get; }

        /// <summary>The unit as written, lower-cased.</summary>
        public string Unit { get; }
    }

    /// <summary>The <c>*</c> of <c>COUNT(*)</c>.</summary>
    internal sealed class StarExpression : EsqlExpression
    {
        public StarExpression(int start) : base(start, 1) { }
    }
}
