using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace RuleGen.Runtime.Correlations;

/// <summary>One criterion of a correlation's <c>condition</c>: <c>gt|gte|lt|lte|eq|neq</c> and its number.</summary>
public readonly record struct CorrelationBound(string Operator, double Value)
{
    public bool Holds(double measured) => Operator switch
    {
        "gt" => measured > Value,
        "gte" => measured >= Value,
        "lt" => measured < Value,
        "lte" => measured <= Value,
        "eq" => measured == Value,
        "neq" => measured != Value,
        _ => throw new InvalidOperationException($"Unknown correlation operator '{Operator}'."),
    };

    public override string ToString() => Operator + " " + Value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>
/// A correlation's condition: its criteria ANDed (the spec: two keys make a range, "gt: 100, lte: 200").
/// </summary>
public sealed class CorrelationCondition
{
    public CorrelationCondition(IReadOnlyList<CorrelationBound> bounds)
    {
        if (bounds.Count == 0) throw new ArgumentException("A condition has at least one criterion.", nameof(bounds));
        Bounds = bounds;
    }

    public IReadOnlyList<CorrelationBound> Bounds { get; }

    public bool Holds(double measured) => Bounds.All(b => b.Holds(measured));

    /// <summary>The temporal types' default when the rule gives none: every referenced rule must have matched.</summary>
    public static CorrelationCondition AllOf(int rules) => new(new[] { new CorrelationBound("gte", rules) });

    public override string ToString() => string.Join(" and ", Bounds);
}
