using System.Collections.Generic;

namespace RuleGen.Runtime.Correlations;

/// <summary>
/// One rule (or correlation) a correlation refers to, resolved at build time: its rule id, and the fields its matches
/// are read through: per <c>group-by</c> entry the field in this rule's events (the entry itself, or what an alias maps
/// it to for this rule), and the condition's <c>field</c>. A chained correlation's alerts carry their group under the
/// inner correlation's own group-by names, which the outer's fields then name.
/// </summary>
public sealed record CorrelationReference(string RuleId, IReadOnlyList<string> GroupFields, string? ValueField, bool IsCorrelation = false);
