using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Model;

namespace RuleGen.Generator.Parsing
{
    /// <summary>Positions of the values of one ATT&amp;CK reference (tactic, technique or sub-technique).</summary>
    internal sealed class AttackRefLocations
    {
        public AttackRefLocations(LocationInfo entry, LocationInfo? id, LocationInfo? name, LocationInfo? reference)
        {
            Entry = entry;
            Id = id;
            Name = name;
            Reference = reference;
        }

        public LocationInfo Entry { get; }
        public LocationInfo? Id { get; }
        public LocationInfo? Name { get; }
        public LocationInfo? Reference { get; }
    }

    /// <summary>Positions of every ATT&amp;CK reference in a rule file, keyed by the parsed reference object.</summary>
    internal sealed class ThreatLocations : System.Collections.Generic.Dictionary<AttackRef, AttackRefLocations>
    {
        public ThreatLocations() : base(ReferenceEqualityComparer.Instance) { }

        private sealed class ReferenceEqualityComparer : System.Collections.Generic.IEqualityComparer<AttackRef>
        {
            public static readonly ReferenceEqualityComparer Instance = new();
            public bool Equals(AttackRef? x, AttackRef? y) => ReferenceEquals(x, y);
            public int GetHashCode(AttackRef obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
        }
    }

    /// <summary>
    /// A field name that a key of the rule mentions (new_terms, threshold, alert_suppression, filters, EQL's
    /// overrides, timestamp_override), where it is written, for the schema checks of the front ends.
    /// <c>Key</c> says which key, as a path: <c>threshold.cardinality.field</c>, <c>filters.query.match_phrase</c>.
    /// </summary>
    internal sealed record KeyFieldReference(string Field, string Key, LocationInfo Location);

    /// <summary>
    /// A rule file after YAML parsing: its metadata, its query (in any language, as written) with a way back to file
    /// positions, and the positions later checks need. Never cached (it holds YAML nodes); the models in
    /// <see cref="Metadata"/> are the values that are.
    /// </summary>
    internal sealed class ParsedRule
    {
        public ParsedRule(RuleMetadataModel metadata, string query, ScalarPositions queryPositions, LocationInfo queryLocation,
            LocationInfo? ruleIdLocation, LocationInfo? nameLocation, ThreatLocations threatLocations,
            System.Collections.Generic.IReadOnlyList<YamlDotNet.RepresentationModel.YamlMappingNode> testEvents)
        {
            TestEvents = testEvents;
            Metadata = metadata;
            Query = query;
            QueryPositions = queryPositions;
            QueryLocation = queryLocation;
            RuleIdLocation = ruleIdLocation;
            NameLocation = nameLocation;
            ThreatLocations = threatLocations;
        }

        public LocationInfo? RuleIdLocation { get; }

        public LocationInfo? NameLocation { get; }

        /// <summary>Where each ATT&amp;CK reference's id, name and reference URL are written.</summary>
        public ThreatLocations ThreatLocations { get; }

        public RuleMetadataModel Metadata { get; }

        /// <summary>The events of the rule's tests, as YAML, for checks that need their positions (never cached).</summary>
        public System.Collections.Generic.IReadOnlyList<YamlDotNet.RepresentationModel.YamlMappingNode> TestEvents { get; }

        public string Query { get; }

        public ScalarPositions QueryPositions { get; }

        public LocationInfo QueryLocation { get; }

        /// <summary>The query's language; the reader does not choose a front end, the compiler does.</summary>
        public QueryLanguage Language { get; init; } = QueryLanguage.Esql;

        /// <summary>Elastic's rule type (custom query, EQL, ES|QL, threshold, new terms).</summary>
        public ElasticRuleType RuleType { get; init; } = ElasticRuleType.Esql;

        /// <summary>Where <c>language</c> and <c>type</c> are written; null when the rule leaves them to their default.</summary>
        public LocationInfo? LanguageLocation { get; init; }

        public LocationInfo? TypeLocation { get; init; }

        /// <summary>Index patterns, filters, EQL overrides, new_terms, threshold, suppression (also in <see cref="Metadata"/>).</summary>
        public RuleSearchModel Search { get; init; } = RuleSearchModel.None;

        /// <summary>The <c>index</c> patterns (empty for ES|QL, whose sources are in FROM).</summary>
        public EquatableArray<string> Index => Search.Index;

        /// <summary>Where each of <see cref="Index"/> is written, in the same order.</summary>
        public System.Collections.Generic.IReadOnlyList<LocationInfo> IndexLocations { get; init; } = System.Array.Empty<LocationInfo>();

        /// <summary>A Sigma rule's syntax model (its query is the detection, not <see cref="Query"/>); null for other languages.</summary>
        public Languages.Sigma.SigmaRule? Sigma { get; init; }

        /// <summary>A Sigma rule's <c>name</c> (correlation rules may refer to it by that name); null when it has none.</summary>
        public string? SigmaName { get; init; }

        /// <summary>Every field name the rule's keys mention (not its query), in file order.</summary>
        public System.Collections.Generic.IReadOnlyList<KeyFieldReference> FieldReferences { get; init; } = System.Array.Empty<KeyFieldReference>();
    }
}
