namespace RuleGen.Generator.Model
{
    /// <summary>An ATT&amp;CK tactic, technique or sub-technique as the rule names it.</summary>
    internal sealed record AttackRef(string Id, string Name, string Reference);

    internal sealed record TechniqueModel(AttackRef Technique, EquatableArray<AttackRef> Subtechniques);

    internal sealed record ThreatModel(string Framework, AttackRef Tactic, EquatableArray<TechniqueModel> Techniques);

    /// <summary>An example event that the rule must (or must not) match; run by the rule tests.</summary>
    internal sealed record RuleTestModel(string Name, bool ExpectMatch, string EventJson);

    /// <summary>
    /// Everything in a rule file except the query: the keys of Elastic's <c>[rule]</c> table, with Elastic's defaults.
    /// <c>Language</c> and <c>Type</c> are as written (or defaulted); <c>Search</c> holds the keys that say which
    /// events the rule reads and how it turns them into alerts (index, filters, new_terms, threshold, suppression).
    /// <c>Status</c> is a Sigma rule's <c>status</c> (stable, test, …), null for other rules; alerts carry it as
    /// <c>rulegen.rule.status</c>.
    /// </summary>
    internal sealed record RuleMetadataModel(
        string RuleId,
        string Name,
        string Description,
        string Language,
        string Severity,
        int RiskScore,
        string Interval,
        string From,
        int MaxSignals,
        int Version,
        EquatableArray<string> Authors,
        string? License,
        EquatableArray<string> Tags,
        EquatableArray<string> References,
        EquatableArray<string> FalsePositives,
        string? Note,
        string? Setup,
        string? TimestampOverride,
        EquatableArray<string> InvestigationFields,
        EquatableArray<ThreatModel> Threat,
        EquatableArray<RuleTestModel> Tests,
        string? Schema = null,
        string Type = "esql",
        string? BuildingBlockType = null,
        RuleSearchModel? Search = null,
        string? Status = null);
}
