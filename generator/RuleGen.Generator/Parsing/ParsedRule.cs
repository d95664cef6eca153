using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Model;

namespace RuleGen.Generator.Parsing
{
    /// <summary>A rule file after YAML parsing: its metadata, and its query with a way back to file positions.</summary>
    internal sealed class ParsedRule
    {
        public ParsedRule(RuleMetadataModel metadata, string query, ScalarPositions queryPositions, LocationInfo queryLocation)
        {
            Metadata = metadata;
            Query = query;
            QueryPositions = queryPositions;
            QueryLocation = queryLocation;
        }

        public RuleMetadataModel Metadata { get; }

        public string Query { get; }

        public ScalarPositions QueryPositions { get; }

        public LocationInfo QueryLocation { get; }
    }
}
