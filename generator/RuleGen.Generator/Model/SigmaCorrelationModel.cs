using RuleGen.Generator.Diagnostics;

namespace RuleGen.Generator.Model
{
    /// <summary>One criterion of a correlation's condition (<c>gt|gte|lt|lte|eq|neq</c> and its number).</summary>
    internal sealed record CorrelationBoundModel(string Operator, double Value);

    /// <summary>One entry of <c>aliases</c>: in the events of <c>Rule</c> (as the correlation's <c>rules</c> names it), <c>Alias</c> is <c>Field</c>.</summary>
    internal sealed record CorrelationAliasModel(string Alias, string Rule, string Field);

    /// <summary>
    /// A referenced rule, resolved across the rule set: its rule id, the field read for each group-by entry in its
    /// events (an alias's field for this rule, else the entry), the condition's field, and whether it is a correlation.
    /// </summary>
    internal sealed record ResolvedReferenceModel(string RuleId, EquatableArray<string> GroupFields, string? ValueField, bool IsCorrelation);

    /// <summary>
    /// A Sigma correlation rule's <c>correlation</c> section and <c>generate</c>, as values (no positions): what the
    /// emitter writes as the class's <c>CorrelationSpec</c>. <see cref="Resolved"/> is filled by the rule-set step
    /// (<see cref="Planning.CorrelationResolution"/>), which knows the other rules.
    /// </summary>
    internal sealed record SigmaCorrelationModel(
        string Type,
        EquatableArray<string> Rules,
        EquatableArray<string> GroupBy,
        long TimespanMs,
        EquatableArray<CorrelationBoundModel> Condition,
        string? Field,
        bool Generate,
        EquatableArray<CorrelationAliasModel> Aliases,
        string? Name)
    {
        public EquatableArray<ResolvedReferenceModel> Resolved { get; init; } = EquatableArray<ResolvedReferenceModel>.Empty;

        /// <summary>The field a group-by entry is in the events of the referenced rule written <paramref name="rule"/>.</summary>
        public string FieldFor(string groupBy, string rule)
        {
            foreach (CorrelationAliasModel alias in Aliases)
                if (alias.Alias == groupBy && alias.Rule == rule) return alias.Field;
            return groupBy;
        }
    }

    /// <summary>A reference as written in <c>rules</c>, with its position (for the rule-set checks).</summary>
    internal sealed record CorrelationReferenceSite(string Text, LocationInfo At);

    /// <summary>Where a correlation is and what it refers to, with positions: the input of the cross-file checks.</summary>
    internal sealed record CorrelationSite(string FilePath, string RuleId, string? Name, EquatableArray<CorrelationReferenceSite> References, LocationInfo At);
}
