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
                if (filter.Range?.Format is string format && !KnownDateFormats.Contains(format))
                {
                    diagnostics.Add(DiagnosticCatalog.NotSupportedYet, location,
                        $"A range filter with format '{format}' (RuleGen reads {string.Join(", ", KnownDateFormats)})");
                    continue;
                }
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

        /// <summary>The range formats a filter may name: epoch numbers become ISO dates, ISO formats are what KQL reads.</summary>
        private static readonly string[] KnownDateFormats = { "epoch_millis", "epoch_second", "strict_date_optional_time", "date_optional_time", "strict_date_time", "date_time" };

        private static string Range(string field, FilterRangeModel range)
        {
            var bounds = new List<string>();
            if (range.Gt is not null) bounds.Add(field + " > " + Bound(range.Gt, range.Format));
            if (range.Gte is not null) bounds.Add(field + " >= " + Bound(range.Gte, range.Format));
            if (range.Lt is not null) bounds.Add(field + " < " + Bound(range.Lt, range.Format));
            if (range.Lte is not null) bounds.Add(field + " <= " + Bound(range.Lte, range.Format));
            return bounds.Count == 1 ? bounds[0] : "(" + string.Join(" and ", bounds) + ")";
        }

        /// <summary>A bound in the range's format: epoch_millis / epoch_second numbers written as the UTC instant they are.</summary>
        private static string Bound(FilterValue value, string? format)
        {
            if (format is "epoch_millis" or "epoch_second"
                && long.TryParse(value.Text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out long number))
            {
                var instant = format == "epoch_second" ? System.DateTimeOffset.FromUnixTimeSeconds(number) : System.DateTimeOffset.FromUnixTimeMilliseconds(number);
                return "\"" + instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture) + "\"";
            }
            return Value(value);
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
