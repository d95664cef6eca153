using RuleGen.Generator.Binding;
using RuleGen.Generator.Model;
using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Parsing;

namespace RuleGen.Generator.Languages
{
    /// <summary>
    /// What every front end gets to bind one rule's query: the text and the way back to file positions, where the
    /// rule reads from (Elastic's <c>index</c> patterns; ES|QL names its own in FROM), the schema to check fields
    /// against, and the rule keys a language's semantics depend on.
    /// </summary>
    internal sealed class QuerySource
    {
        public QuerySource(string text, ScalarPositions positions, EquatableArray<string> indexPatterns, string schemaName,
            EquatableArray<ProjectFieldsFile> projectFields, string? eventCategoryOverride = null,
            System.Collections.Generic.IReadOnlyList<(KibanaFilterModel Filter, LocationInfo Location)>? filters = null)
        {
            Filters = filters ?? System.Array.Empty<(KibanaFilterModel, LocationInfo)>();
            Text = text;
            Positions = positions;
            IndexPatterns = indexPatterns;
            SchemaName = schemaName;
            ProjectFields = projectFields;
            EventCategoryOverride = eventCategoryOverride;
        }

        public string Text { get; }

        public ScalarPositions Positions { get; }

        /// <summary>The rule's <c>index</c> patterns (empty: the language's default, or none given).</summary>
        public EquatableArray<string> IndexPatterns { get; }

        /// <summary>ecs, raw-cloudtrail or none (<see cref="FieldSchema.Names"/>).</summary>
        public string SchemaName { get; }

        public EquatableArray<ProjectFieldsFile> ProjectFields { get; }

        /// <summary>The rule's Kibana filters, ANDed with its query, each with where it is written.</summary>
        public System.Collections.Generic.IReadOnlyList<(KibanaFilterModel Filter, LocationInfo Location)> Filters { get; }

        /// <summary>Sigma: the rule's detection, read by <see cref="Sigma.SigmaRuleReader"/>.</summary>
        public Sigma.SigmaRule? Sigma { get; init; }

        /// <summary>The rule's <c>from</c> (<c>now-30m</c>): how far each execution looks back, which bounds an EQL sequence (RG0096).</summary>
        public string? From { get; init; }

        /// <summary>Sigma: the project's pySigma processing pipelines (RuleGenSigmaPipeline files), applied before binding.</summary>
        public EquatableArray<Sigma.Fields.SigmaPipeline> SigmaPipelines { get; init; } = EquatableArray<Sigma.Fields.SigmaPipeline>.Empty;

        /// <summary>EQL: the field the category is read from instead of event.category.</summary>
        public string? EventCategoryOverride { get; }
    }
}
