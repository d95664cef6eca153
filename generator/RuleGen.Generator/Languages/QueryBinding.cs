using RuleGen.Generator.Binding;
using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Ir;

namespace RuleGen.Generator.Languages
{
    /// <summary>
    /// The one place that knows which front end binds which language. Every front end parses its own syntax and binds
    /// it into the shared IR through <see cref="Planning.PlanBuilder"/>; nothing after this switch asks the language.
    /// </summary>
    internal static class QueryBinding
    {
        /// <summary>The plan of a query, or null when it could not be bound (the diagnostics say why).</summary>
        public static QueryPlan? Bind(string language, QuerySource source, DiagnosticBag diagnostics, LocationInfo languageLocation, out FieldSchema? schema)
        {
            schema = null;
            switch (language)
            {
                case "esql":
                    return Esql.EsqlBinder.Bind(source.Text, source.Positions, diagnostics, source.ProjectFields, source.SchemaName, out schema);
                case "kuery":
                    return Kql.KqlBinder.Bind(source, diagnostics, out schema);
                case "eql":
                    return Eql.EqlBinder.Bind(source, diagnostics, out schema);
                case "sigma":
                    return Sigma.SigmaBinder.Bind(source, diagnostics, out schema);
                case "lucene":
                    // The rule reader has said it is not supported yet, at the language key (NotYetCompiled.Lucene).
                    return null;
                default:
                    diagnostics.Add(DiagnosticCatalog.UnsupportedLanguage, languageLocation, language);
                    return null;
            }
        }
    }
}
