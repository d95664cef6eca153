using System.Collections.Generic;
using System.Linq;
using RuleGen.Generator.Languages.Kql;

namespace RuleGen.Tests.Kql;

/// <summary>The nodes of a KQL tree, for assertions over all of them.</summary>
internal static class KqlWalk
{
    public static IEnumerable<KqlExpression> Expressions(KqlQuery query) =>
        query.Expression is null ? Enumerable.Empty<KqlExpression>() : Expressions(query.Expression);

    public static IEnumerable<KqlExpression> Expressions(KqlExpression expression)
    {
        yield return expression;
        IEnumerable<KqlExpression> children = expression switch
        {
            KqlLogicalExpression l => l.Operands,
            KqlNotExpression n => new[] { n.Operand },
            KqlNestedExpression n => new[] { n.Query },
            _ => Enumerable.Empty<KqlExpression>(),
        };
        foreach (KqlExpression child in children)
        {
            foreach (KqlExpression e in Expressions(child)) yield return e;
        }
    }

    /// <summary>Every node, queries and values, in document order.</summary>
    public static IEnumerable<KqlNode> Nodes(KqlQuery query)
    {
        foreach (KqlExpression e in Expressions(query))
        {
            yield return e;
            switch (e)
            {
                case KqlMatchExpression m:
                    if (m.Field is not null) yield return m.Field;
                    foreach (KqlValueExpression v in Values(m.Value)) yield return v;
                    break;
                case KqlRangeExpression r:
                    yield return r.Field;
                    yield return r.Value;
                    break;
                case KqlNestedExpression n:
                    yield return n.Path;
                    break;
            }
        }
    }

    public static IEnumerable<KqlLiteral> Literals(KqlQuery query) => Nodes(query).OfType<KqlLiteral>();

    public static IEnumerable<KqlLiteral> Fields(KqlQuery query) => Expressions(query).SelectMany(e => e switch
    {
        KqlMatchExpression { Field: not null } m => new[] { m.Field },
        KqlRangeExpression r => new[] { r.Field },
        KqlNestedExpression n => new[] { n.Path },
        _ => System.Array.Empty<KqlLiteral>(),
    });

    public static IEnumerable<KqlValueExpression> Values(KqlValueExpression value)
    {
        yield return value;
        IEnumerable<KqlValueExpression> children = value switch
        {
            KqlValueLogical l => l.Operands,
            KqlValueNot n => new[] { n.Operand },
            _ => Enumerable.Empty<KqlValueExpression>(),
        };
        foreach (KqlValueExpression child in children)
        {
            foreach (KqlValueExpression v in Values(child)) yield return v;
        }
    }
}
