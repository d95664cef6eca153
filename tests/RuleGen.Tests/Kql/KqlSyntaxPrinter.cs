using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using RuleGen.Generator.Languages.Kql;

namespace RuleGen.Tests.Kql;

/// <summary>
/// Prints KQL syntax trees for the tests, four ways:
/// <list type="bullet">
/// <item><see cref="Syntax"/>: the tree as it is, one line, no positions (structural equality);</item>
/// <item><see cref="Kibana"/>: the tree as Kibana's AST would be, field lists distributed
/// (<c>f:(a or b)</c> is <c>(or (is 'f' 'a') (is 'f' 'b'))</c>), Kibana's null and boolean literals as <c>#null</c>,
/// <c>#true</c>, <c>#false</c> (free text has the field <c>#null</c>), to compare with Kibana's own parser;</item>
/// <item><see cref="Tree"/>: indented, with every node's span and raw text (golden files);</item>
/// <item><see cref="ToKql"/>: KQL text that parses back to the same tree.</item>
/// </list>
/// Literals print as <c>"quoted"</c> or <c>'unquoted'</c>; in an unquoted one, <c>*</c> is a wildcard and <c>\*</c> a
/// literal star.
/// </summary>
public static class KqlSyntaxPrinter
{
    internal static string Syntax(KqlQuery query) => query.Expression is null ? "(all)" : Syntax(query.Expression);

    internal static string Syntax(KqlExpression expression) => expression switch
    {
        KqlLogicalExpression l => $"({Name(l.Operator)} {string.Join(" ", l.Operands.Select(Syntax))})",
        KqlNotExpression n => $"(not {Syntax(n.Operand)})",
        KqlMatchExpression m => $"(is {(m.Field is null ? "null" : Show(m.Field))} {Syntax(m.Value)})",
        KqlRangeExpression r => $"(range {Show(r.Field)} {Name(r.Operator)} {Show(r.Value)})",
        KqlNestedExpression n => $"(nested {Show(n.Path)} {Syntax(n.Query)})",
        _ => throw new ArgumentException(expression.GetType().Name),
    };

    internal static string Syntax(KqlValueExpression value) => value switch
    {
        KqlValueLogical l => $"({Name(l.Operator)} {string.Join(" ", l.Operands.Select(Syntax))})",
        KqlValueNot n => $"(not {Syntax(n.Operand)})",
        KqlLiteral literal => Show(literal),
        _ => throw new ArgumentException(value.GetType().Name),
    };

    /// <summary>Kibana's AST: <c>fromKueryExpression('  ')</c> is <c>is(*, *)</c>, value lists are distributed.</summary>
    internal static string Kibana(KqlQuery query) => query.Expression is null ? "(is '*' '*')" : Kibana(query.Expression);

    private static string Kibana(KqlExpression expression) => expression switch
    {
        KqlLogicalExpression l => $"({Name(l.Operator)} {string.Join(" ", l.Operands.Select(Kibana))})",
        KqlNotExpression n => $"(not {Kibana(n.Operand)})",
        KqlMatchExpression m => Distribute(m.Field is null ? "#null" : KibanaLiteral(m.Field), m.Value),
        KqlRangeExpression r => $"(range {KibanaLiteral(r.Field)} {Name(r.Operator)} {KibanaLiteral(r.Value)})",
        KqlNestedExpression n => $"(nested {KibanaLiteral(n.Path)} {Kibana(n.Query)})",
        _ => throw new ArgumentException(expression.GetType().Name),
    };

    private static string Distribute(string field, KqlValueExpression value) => value switch
    {
        KqlValueLogical l => $"({Name(l.Operator)} {string.Join(" ", l.Operands.Select(o => Distribute(field, o)))})",
        KqlValueNot n => $"(not {Distribute(field, n.Operand)})",
        KqlLiteral literal => $"(is {field} {KibanaLiteral(literal)})",
        _ => throw new ArgumentException(value.GetType().Name),
    };

    /// <summary>Kibana's literal node: null, true and false are JavaScript values there (#null, #true, #false).</summary>
    private static string KibanaLiteral(KqlLiteral literal) => literal.Kind switch
    {
        KqlLiteralKind.Null => "#null",
        KqlLiteralKind.True => "#true",
        KqlLiteralKind.False => "#false",
        _ => Show(literal),
    };

    /// <summary>Indented, one node a line, with spans (<c>start..end</c>) and the raw text of literals.</summary>
    internal static string Tree(KqlQuery query)
    {
        var builder = new StringBuilder();
        if (query.Expression is null) builder.Append("(empty: match all)\n");
        else Tree(builder, query.Expression, 0);
        return builder.ToString();
    }

    private static void Tree(StringBuilder b, KqlExpression expression, int depth)
    {
        string indent = new(' ', 2 * depth);
        switch (expression)
        {
            case KqlLogicalExpression l:
                b.Append(indent).Append(Name(l.Operator)).Append(' ').Append(Span(l)).Append('\n');
                foreach (KqlExpression operand in l.Operands) Tree(b, operand, depth + 1);
                break;
            case KqlNotExpression n:
                b.Append(indent).Append("not ").Append(Span(n)).Append('\n');
                Tree(b, n.Operand, depth + 1);
                break;
            case KqlMatchExpression m:
                b.Append(indent).Append(m.Field is null ? "text " : "is ").Append(Span(m));
                if (m.Field is not null) b.Append(" colon ").Append(m.ColonStart);
                b.Append('\n');
                if (m.Field is not null) Literal(b, "field", m.Field, depth + 1);
                Value(b, m.Value, depth + 1);
                break;
            case KqlRangeExpression r:
                b.Append(indent).Append("range ").Append(Name(r.Operator)).Append(' ').Append(Span(r))
                    .Append(" operator ").Append(r.OperatorStart).Append('+').Append(r.OperatorLength).Append('\n');
                Literal(b, "field", r.Field, depth + 1);
                Literal(b, "value", r.Value, depth + 1);
                break;
            case KqlNestedExpression n:
                b.Append(indent).Append("nested ").Append(Span(n)).Append('\n');
                Literal(b, "path", n.Path, depth + 1);
                Tree(b, n.Query, depth + 1);
                break;
            default:
                throw new ArgumentException(expression.GetType().Name);
        }
    }

    private static void Value(StringBuilder b, KqlValueExpression value, int depth)
    {
        string indent = new(' ', 2 * depth);
        switch (value)
        {
            case KqlValueLogical l:
                b.Append(indent).Append("values ").Append(Name(l.Operator)).Append(' ').Append(Span(l)).Append('\n');
                foreach (KqlValueExpression operand in l.Operands) Value(b, operand, depth + 1);
                break;
            case KqlValueNot n:
                b.Append(indent).Append("values not ").Append(Span(n)).Append('\n');
                Value(b, n.Operand, depth + 1);
                break;
            case KqlLiteral literal:
                Literal(b, "value", literal, depth);
                break;
            default:
                throw new ArgumentException(value.GetType().Name);
        }
    }

    private static void Literal(StringBuilder b, string role, KqlLiteral literal, int depth)
    {
        b.Append(new string(' ', 2 * depth)).Append(role).Append(' ').Append(Show(literal)).Append(' ').Append(Span(literal));
        if (literal.Kind != KqlLiteralKind.Text) b.Append(" kind ").Append(literal.Kind.ToString().ToLowerInvariant());
        if (literal.HasWildcard) b.Append(" wildcards [").Append(string.Join(",", literal.WildcardIndexes)).Append(']');
        if (literal.Raw != Plain(literal)) b.Append(" raw `").Append(RawText(literal.Raw)).Append('`');
        b.Append('\n');
    }

    /// <summary>The literal as written when it needs no escape: then the tree does not repeat its raw text.</summary>
    private static string Plain(KqlLiteral literal) => literal.IsQuoted ? "\"" + literal.Value + "\"" : literal.Value;

    /// <summary>Raw text as written, backslashes included; only line breaks and control characters are shown escaped.</summary>
    private static string RawText(string raw)
    {
        var b = new StringBuilder();
        foreach (char c in raw)
        {
            if (c == '\\') b.Append(c);
            else AppendEscaped(b, c, '`');
        }
        return b.ToString();
    }

    private static string Span(KqlNode node) => $"{node.Start}..{node.End}";

    private static string Name(KqlLogicalOperator op) => op == KqlLogicalOperator.And ? "and" : "or";

    private static string Name(KqlRangeOperator op) => op switch
    {
        KqlRangeOperator.Less => "lt",
        KqlRangeOperator.LessOrEqual => "lte",
        KqlRangeOperator.Greater => "gt",
        _ => "gte",
    };

    /// <summary><c>"quoted"</c>, or <c>'unquoted'</c> with <c>*</c> for a wildcard and <c>\*</c> for a literal star.</summary>
    internal static string Show(KqlLiteral literal)
    {
        if (literal.IsQuoted) return Quote(literal.Value, '"');
        var wildcards = new HashSet<int>(literal.WildcardIndexes);
        var b = new StringBuilder("'");
        for (int i = 0; i < literal.Value.Length; i++)
        {
            char c = literal.Value[i];
            if (c == '*') b.Append(wildcards.Contains(i) ? "*" : "\\*");
            else AppendEscaped(b, c, '\'');
        }
        return b.Append('\'').ToString();
    }

    private static string Quote(string text, char quote)
    {
        var b = new StringBuilder().Append(quote);
        foreach (char c in text) AppendEscaped(b, c, quote);
        return b.Append(quote).ToString();
    }

    private static void AppendEscaped(StringBuilder b, char c, char quote)
    {
        switch (c)
        {
            case '\\': b.Append("\\\\"); break;
            case '\t': b.Append("\\t"); break;
            case '\n': b.Append("\\n"); break;
            case '\r': b.Append("\\r"); break;
            default:
                if (c == quote) b.Append('\\').Append(c);
                else if (c < ' ' || c == '\u00A0' || char.IsSurrogate(c) || (c >= '\u2000' && c <= '\u200F') || c >= '\uFFF0' || c == '\uFEFF')
                    b.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                else b.Append(c);
                break;
        }
    }

    // ---- Back to KQL ----

    /// <summary>KQL text for the tree: parsing it gives the same <see cref="Syntax"/> (the property tests hold it to that).</summary>
    internal static string ToKql(KqlQuery query) => query.Expression is null ? "" : ToKql(query.Expression);

    internal static string ToKql(KqlExpression expression) => expression switch
    {
        KqlLogicalExpression l => string.Join(l.Operator == KqlLogicalOperator.And ? " and " : " or ",
            l.Operands.Select(o => o is KqlLogicalExpression ? $"({ToKql(o)})" : ToKql(o))),
        // Not takes a SubQuery: a chain or another NOT needs parentheses.
        KqlNotExpression n => "not " + (n.Operand is KqlLogicalExpression or KqlNotExpression ? $"({ToKql(n.Operand)})" : ToKql(n.Operand)),
        KqlMatchExpression { Field: null } m => Literal((KqlLiteral)m.Value),
        KqlMatchExpression m => Literal(m.Field!) + ":" + (m.Value is KqlLiteral v ? Literal(v) : $"({ValueKql(m.Value)})"),
        KqlRangeExpression r => $"{Literal(r.Field)} {Sign(r.Operator)} {Literal(r.Value)}",
        KqlNestedExpression n => $"{Literal(n.Path)}:{{ {ToKql(n.Query)} }}",
        _ => throw new ArgumentException(expression.GetType().Name),
    };

    private static string ValueKql(KqlValueExpression value) => value switch
    {
        KqlValueLogical l => string.Join(l.Operator == KqlLogicalOperator.And ? " and " : " or ",
            l.Operands.Select(o => o is KqlValueLogical ? $"({ValueKql(o)})" : ValueKql(o))),
        KqlValueNot n => "not " + (n.Operand is KqlLiteral v ? Literal(v) : $"({ValueKql(n.Operand)})"),
        KqlLiteral literal => Literal(literal),
        _ => throw new ArgumentException(value.GetType().Name),
    };

    private static string Sign(KqlRangeOperator op) => op switch
    {
        KqlRangeOperator.Less => "<",
        KqlRangeOperator.LessOrEqual => "<=",
        KqlRangeOperator.Greater => ">",
        _ => ">=",
    };

    /// <summary>A literal as KQL: quoted, escaping '\' and '"'; or unquoted, escaping what the grammar would read otherwise.</summary>
    internal static string Literal(KqlLiteral literal)
    {
        if (literal.IsQuoted)
        {
            var q = new StringBuilder("\"");
            foreach (char c in literal.Value) q.Append(c is '\\' or '"' ? "\\" + c : c.ToString());
            return q.Append('"').ToString();
        }
        string v = literal.Value;
        // An unquoted value trimmed to nothing: an escaped tab is trimmed to nothing again.
        if (v.Length == 0) return "\\t";
        var wildcards = new HashSet<int>(literal.WildcardIndexes);
        var b = new StringBuilder();
        for (int i = 0; i < v.Length; i++)
        {
            char c = v[i];
            if (wildcards.Contains(i)) b.Append('*');
            else if (c == '\t') b.Append("\\t");
            else if (c == '\r') b.Append("\\r");
            else if (c == '\n') b.Append("\\n");
            else if (KqlLexer.IsSpecial(c)) b.Append('\\').Append(c);
            else if (KeywordAt(v, i, "or") || KeywordAt(v, i, "and"))
            {
                // " or " would end the value: \or is the keyword's text.
                b.Append('\\');
                b.Append(c);
            }
            else if (WordAt(v, i, "not") && (i + 3 == v.Length || KqlLexer.IsSpace(v[i + 3])))
            {
                // "not " ends a value wherever it stands, and \not is read as \n + "ot": write the n as \u006e.
                b.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else b.Append(c);
        }
        return b.ToString();
    }

    /// <summary>"or" / "and" at <paramref name="i"/> after whitespace (or at the start), the way Keyword would see it.</summary>
    private static bool KeywordAt(string v, int i, string word) => (i == 0 || KqlLexer.IsSpace(v[i - 1])) && WordAt(v, i, word);

    private static bool WordAt(string v, int i, string word) =>
        i + word.Length <= v.Length && string.Compare(v, i, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0
        && v.Substring(i, word.Length).All(char.IsAsciiLetter);
}
