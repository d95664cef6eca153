using System.Collections.Generic;

namespace RuleGen.Runtime;

public enum Severity { Low, Medium, High, Critical }

/// <summary>An ATT&amp;CK tactic, technique or sub-technique: id, name and reference URL.</summary>
public sealed record AttackReference(string Id, string Name, string Reference);

public sealed record ThreatTechnique(AttackReference Technique, IReadOnlyList<AttackReference> Subtechniques);

/// <summary>One <c>threat</c> entry of a rule: a framework, a tactic and its techniques.</summary>
public sealed record ThreatEntry(string Framework, AttackReference Tactic, IReadOnlyList<ThreatTechnique> Techniques);

/// <summary>An example event from the rule file that the rule must (or must not) match.</summary>
public sealed record RuleTestCase(string Name, bool ExpectMatch, string EventJson);

/// <summary>A rule's metadata, as written in its YAML file (Elastic's <c>[rule]</c> keys, with Elastic's defaults).</summary>
public sealed class RuleMetadata
{
    public RuleMetadata(
        string ruleId, string name, string description, string language, string query, Severity severity, int riskScore,
        string interval, string from, int maxSignals, int version, IReadOnlyList<string> authors, string? license,
        IReadOnlyList<string> tags, IReadOnlyList<string> references, IReadOnlyList<string> falsePositives, string? note,
        string? setup, string? timestampOverride, IReadOnlyList<string> investigationFields, IReadOnlyList<string> sources,
        IReadOnlyList<ThreatEntry> threat, IReadOnlyList<RuleTestCase> tests, string? buildingBlockType = null,
        string? status = null)
    {
        RuleId = ruleId;
        Name = name;
        Description = description;
        Language = language;
        Query = query;
        Severity = severity;
        RiskScore = riskScore;
        Interval = interval;
        From = from;
        MaxSignals = maxSignals;
        Version = version;
        Authors = authors;
        License = license;
        Tags = tags;
        References = references;
        FalsePositives = falsePositives;
        Note = note;
        Setup = setup;
        TimestampOverride = timestampOverride;
        InvestigationFields = investigationFields;
        Sources = sources;
        Threat = threat;
        Tests = tests;
        BuildingBlockType = buildingBlockType;
        Status = status;
    }

    public string RuleId { get; }
    public string Name { get; }
    public string Description { get; }
    public string Language { get; }
    public string Query { get; }
    public Severity Severity { get; }
    public int RiskScore { get; }
    public string Interval { get; }
    public string From { get; }
    public int MaxSignals { get; }
    public int Version { get; }
    public IReadOnlyList<string> Authors { get; }
    public string? License { get; }
    public IReadOnlyList<string> Tags { get; }
    public IReadOnlyList<string> References { get; }
    public IReadOnlyList<string> FalsePositives { get; }
    public string? Note { get; }
    public string? Setup { get; }
    public string? TimestampOverride { get; }
    public IReadOnlyList<string> InvestigationFields { get; }
    /// <summary>The index patterns the query reads (ES|QL FROM).</summary>
    public IReadOnlyList<string> Sources { get; }
    public IReadOnlyList<ThreatEntry> Threat { get; }
    public IReadOnlyList<RuleTestCase> Tests { get; }

    /// <summary>
    /// <c>building_block_type</c>: <c>"default"</c> for a building block rule (its alerts are hidden from Kibana's
    /// alert views by default), null for an ordinary rule. Last and optional so that callers written before it still compile.
    /// </summary>
    public string? BuildingBlockType { get; }

    /// <summary>
    /// A Sigma rule's <c>status</c> (stable, test, experimental, deprecated, unsupported), null for rules that have
    /// none. Kibana's alerts have no field for a rule's maturity, so alerts carry it as <c>rulegen.rule.status</c>.
    /// </summary>
    public string? Status { get; }
}
