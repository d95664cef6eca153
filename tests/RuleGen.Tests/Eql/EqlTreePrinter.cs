using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using RuleGen.Generator.Languages.Eql;

namespace RuleGen.Tests.Eql;

/// <summary>
/// Two views of an EQL syntax tree for tests: <see cref="Print"/>, one node a line with its span and what it holds
/// (the golden files), and <see cref="Show"/>, an expression fully parenthesised (the precedence tables).
/// </summary>
public static class EqlTreePrinter
{
    internal static string Print(EqlQuery query, string text)
    {
        var output = new StringBuilder();
        void Line(int depth, EqlNode node, string what)
        {
            string source = text.Substring(node.Start, node.Length);
            if (source.Length > 60) source = source.Substring(0, 57) + "…";
            output.Append(' ', depth * 2).Append(what).Append("  @").Append(node.Start).Append('+').Append(node.Length)
                .Append("  ").Append(Quote(source)).Append('\n');
        }

        void Expression(int depth, EqlExpression expression)
        {
            switch (expression)
            {
                case EqlLogicalExpression logical:
                    Line(depth, logical, logical.Operator.ToString().ToLowerInvariant());
                    foreach (EqlExpression operand in logical.Operands) Expression(depth + 1, operand);
                    break;
                case EqlNotExpression not:
                    Line(depth, not, "not");
                    Expression(depth + 1, not.Operand);
                    break;
                case EqlComparisonExpression comparison:
                    Line(depth, comparison, $"compare {comparison.Operator} (operator @{comparison.OperatorStart}+{comparison.OperatorLength})");
                    Expression(depth + 1, comparison.Left);
                    Expression(depth + 1, comparison.Right);
                    break;
                case EqlInExpression @in:
                    Line(depth, @in, $"{(@in.Negated ? "not in" : "in")}{(@in.CaseInsensitive ? "~" : "")} (operator @{@in.OperatorStart}+{@in.OperatorLength})");
                    Expression(depth + 1, @in.Value);
                    foreach (EqlExpression item in @in.List) Expression(depth + 1, item);
                    break;
                case EqlPatternExpression pattern:
                    Line(depth, pattern, $"{pattern.Operator}{(pattern.CaseInsensitive ? " case-insensitive" : "")}{(pattern.IsList ? " list" : "")} (operator @{pattern.OperatorStart}+{pattern.OperatorLength})");
                    Expression(depth + 1, pattern.Value);
                    foreach (EqlLiteral literal in pattern.Patterns) Expression(depth + 1, literal);
                    break;
                case EqlArithmeticExpression arithmetic:
                    Line(depth, arithmetic, "arithmetic " + string.Join(" ", arithmetic.Operators));
                    foreach (EqlExpression operand in arithmetic.Operands) Expression(depth + 1, operand);
                    break;
                case EqlUnaryExpression unary:
                    Line(depth, unary, "unary " + unary.Operator);
                    Expression(depth + 1, unary.Operand);
                    break;
                case EqlFunctionCall call:
                    Line(depth, call, $"call {call.Name}{(call.CaseInsensitive ? " case-insensitive" : "")}");
                    foreach (EqlExpression argument in call.Arguments) Expression(depth + 1, argument);
                    break;
                case EqlFieldReference field:
                    Line(depth, field, $"field {Quote(field.Name)}{(field.Optional ? " optional" : "")} segments [{string.Join(", ", field.Segments.Select(s => $"{Quote(s.Name)}@{s.Start}+{s.Length}"))}]");
                    break;
                case EqlLiteral literal:
                    Line(depth, literal, $"{literal.Kind.ToString().ToLowerInvariant()}{(literal.IsRawString ? " raw" : "")} {Quote(literal.Value)}");
                    break;
                default:
                    throw new InvalidOperationException("unknown node " + expression.GetType().Name);
            }
        }

        void Keys(int depth, string what, IReadOnlyList<EqlExpression> keys)
        {
            if (keys.Count == 0) return;
            output.Append(' ', depth * 2).Append(what).Append('\n');
            foreach (EqlExpression key in keys) Expression(depth + 1, key);
        }

        void Filter(int depth, EqlEventFilter filter)
        {
            Line(depth, filter, "filter");
            Line(depth + 1, filter.Category, $"category {filter.Category.Form.ToString().ToLowerInvariant()} {Quote(filter.Category.Name)}");
            Expression(depth + 1, filter.Condition);
        }

        void Stage(int depth, string what, EqlStage stage)
        {
            Line(depth, stage, what + (stage.IsMissing ? " missing" : ""));
            Filter(depth + 1, stage.Filter);
            Keys(depth + 1, "by", stage.By);
            if (stage.Runs is EqlRuns runs) Line(depth + 1, runs, $"runs {runs.Count}");
        }

        Line(0, query, "query");
        switch (query.Body)
        {
            case EqlEventQuery @event:
                Line(1, @event, "event");
                Filter(2, @event.Filter);
                break;
            case EqlSequence sequence:
                Line(1, sequence, "sequence");
                Keys(2, "by", sequence.By);
                if (sequence.MaxSpan is EqlMaxSpan span) Line(2, span, $"maxspan {span.Number}{span.Unit} = {span.Milliseconds} ms");
                foreach (EqlStage stage in sequence.Stages) Stage(2, "stage", stage);
                if (sequence.Until is EqlStage until) Stage(2, "until", until);
                break;
            case EqlSample sample:
                Line(1, sample, "sample");
                Keys(2, "by", sample.By);
                foreach (EqlStage stage in sample.Stages) Stage(2, "stage", stage);
                break;
            case EqlJoin join:
                Line(1, join, "join");
                Keys(2, "by", join.By);
                foreach (EqlStage stage in join.Stages) Stage(2, "stage", stage);
                if (join.Until is EqlStage joinUntil) Stage(2, "until", joinUntil);
                break;
        }
        foreach (EqlPipe pipe in query.Pipes)
        {
            Line(1, pipe, $"pipe {pipe.Name} (name @{pipe.NameStart}+{pipe.NameLength})");
            foreach (EqlExpression argument in pipe.Arguments) Expression(2, argument);
        }
        return output.ToString();
    }

    /// <summary>An expression with a pair of parentheses around every operator node, literals as written.</summary>
    internal static string Show(EqlExpression expression) => expression switch
    {
        EqlLogicalExpression logical => "(" + string.Join(logical.Operator == EqlLogicalOperator.And ? " and " : " or ", logical.Operands.Select(Show)) + ")",
        EqlNotExpression not => $"(not {Show(not.Operand)})",
        EqlComparisonExpression comparison => $"({Show(comparison.Left)} {Symbol(comparison.Operator)} {Show(comparison.Right)})",
        EqlInExpression @in => $"({Show(@in.Value)} {(@in.Negated ? "not " : "")}in{(@in.CaseInsensitive ? "~" : "")} ({string.Join(", ", @in.List.Select(Show))}))",
        EqlPatternExpression pattern => $"({Show(pattern.Value)} {PatternSymbol(pattern)} {(pattern.IsList ? "(" + string.Join(", ", pattern.Patterns.Select(Show)) + ")" : Show(pattern.Patterns[0]))})",
        EqlArithmeticExpression arithmetic => "(" + Show(arithmetic.Operands[0]) + string.Concat(arithmetic.Operators.Select((op, i) => $" {Symbol(op)} {Show(arithmetic.Operands[i + 1])}")) + ")",
        EqlUnaryExpression unary => $"({(unary.Operator == EqlUnaryOperator.Minus ? "-" : "+")}{Show(unary.Operand)})",
        EqlFunctionCall call => $"{call.Name}{(call.CaseInsensitive ? "~" : "")}({string.Join(", ", call.Arguments.Select(Show))})",
        EqlFieldReference field => (field.Optional ? "?" : "") + field.Name,
        EqlLiteral literal => literal.Raw,
        _ => throw new InvalidOperationException("unknown node " + expression.GetType().Name),
    };

    private static string Symbol(EqlComparisonOperator op) => op switch
    {
        EqlComparisonOperator.Equal => "==",
        EqlComparisonOperator.NotEqual => "!=",
        EqlComparisonOperator.Less => "<",
        EqlComparisonOperator.LessOrEqual => "<=",
        EqlComparisonOperator.Greater => ">",
        _ => ">=",
    };

    private static string Symbol(EqlArithmeticOperator op) => op switch
    {
        EqlArithmeticOperator.Add => "+",
        EqlArithmeticOperator.Subtract => "-",
        EqlArithmeticOperator.Multiply => "*",
        EqlArithmeticOperator.Divide => "/",
        _ => "%",
    };

    private static string PatternSymbol(EqlPatternExpression pattern) => pattern.Operator switch
    {
        EqlPatternOperator.Colon => ":",
        EqlPatternOperator.Like => pattern.CaseInsensitive ? "like~" : "like",
        _ => pattern.CaseInsensitive ? "regex~" : "regex",
    };

    /// <summary>A string as a C#-style literal, so tabs, newlines and quotes in values are visible in golden files.</summary>
    private static string Quote(string value)
    {
        var builder = new StringBuilder("\"");
        foreach (char c in value)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }
        return builder.Append('"').ToString();
    }
}
