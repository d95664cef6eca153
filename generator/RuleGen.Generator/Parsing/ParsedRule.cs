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

    /// <summary>A rule file after YAML parsing: its metadata, and its query with a way back to file positions.</summary>
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
    }
}
