using System.Collections.Generic;
using System.Linq;
using System.Text;
using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Ir;
using RuleGen.Generator.Model;
using RuleGen.Generator.Parsing;
using RuleGen.Generator.Planning;

namespace RuleGen.Generator.Languages.Kql
{
    /// <summary>
    /// Kibana filters (the filter bar's query DSL) bound as the KQL that Kibana's own filter pills stand for: "is" is
    /// <c>field:"value"</c> (a match_phrase on a keyword is a term query, which is what KQL's quoted value gives),
    /// "is one of" is <c>field:("a" or "b")</c>, "is between" a pair of ranges, "exists" <c>field:*</c>, a negated pill
    /// <c>not (…)</c>. Binding them through the KQL binder gives filters exactly KQL's semantics (query DSL leaves,
    /// typed values, flattened and ignore_above handling) with no second copy; every problem is reported at the
    /// filter's field in the rule file. Used by every language whose rules take filters (KQL and EQL rules).
    /// </summary>
    internal static class KqlFilters
    {
        public static List<(Pred Pred, LocationInfo Location)> Bind(QuerySource source, PlanBuilder plan, DiagnosticBag diagnostics)
        {
            var conjuncts = new List<(Pred, LocationInfo)>();
            foreach (var (filter, location) in source.Filters)
            {
                string text = ToKql(filter);
                var filterSource = new QuerySource(text, ScalarPositions.Fixed(location), source.IndexPatterns, source.SchemaName, source.ProjectFields);
                Pred? pred = KqlBinder.BindFilter(filterSource, plan, diagnostics);
                if (pred is not null) conjuncts.Add((new SourcedPred(pred, "filter: " + text), location));
            }
            return conjuncts;
        }

        /// <summary>The KQL a filter pill stands for.</summary>
        public static string ToKql(KibanaFilterModel filter)
        {
            string field = Field(filter.Field);
            string condition = filter.Kind switch
            {
                KibanaFilterKind.Exists => field + ":*",
                KibanaFilterKind.AnyOfPhrases => field + ":(" + string.Join(" or ", filter.Values.Select(Value)) + ")",
                KibanaFilterKind.Range => Range(field, filter.Range!),
                _ => field + ":" + Value(filter.Values[0]),
            };
            return filter.Negate ? "not (" + condition + ")" : condition;
        }

        private static string Range(string field, FilterRangeModel range)
        {
            var bounds = new List<string>();
            if (range.Gt is not null) bounds.Add(field + " > " + Value(range.Gt));
            if (range.Gte is not null) bounds.Add(field + " >= " + Value(range.Gte));
            if (range.Lt is not null) bounds.Add(field + " < " + Value(range.Lt));
            if (range.Lte is not null) bounds.Add(field + " <= " + Value(range.Lte));
            return bounds.Count == 1 ? bounds[0] : "(" + string.Join(" and ", bounds) + ")";
        }

        /// <summary>A value: numbers and booleans as written (the binder types them), strings quoted (no wildcards).</summary>
        private static string Value(FilterValue value) =>
            value.Type == FilterValueType.String ? "\"" + value.Text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"" : value.Text;

        /// <summary>A field name as an unquoted KQL literal: the grammar's special characters and whitespace escaped.</summary>
        private static string Field(string name)
        {
            var text = new StringBuilder(name.Length);
            foreach (char c in name)
            {
                if ("\\():<>\"*{} \t\r\n".IndexOf(c) >= 0) text.Append('\\');
                text.Append(c);
            }
            return text.ToString();
        }
    }
}
