using System.Collections.Generic;
using System.Linq;
using RuleGen.Generator.Binding;
using RuleGen.Generator.Ir;
using RuleGen.Generator.Ir.Pipeline;
using RuleGen.Generator.Languages.Esql.Types;
using RuleGen.Generator.Model;

namespace RuleGen.Generator.Emitting
{
    /// <summary>
    /// Types a rule's KEEP columns from the schema the rule was bound against, for its alert record: keyword and text
    /// families are strings, integer types long, floating types double, then boolean, ip and date; anything else (an
    /// unknown field, no schema, object-valued types, unsigned_long, which a long cannot hold) stays JSON. The runtime's
    /// <c>AlertValues</c> reads each kind as Elasticsearch would index it.
    /// </summary>
    internal static class AlertColumns
    {
        public static EquatableArray<AlertColumn> Of(EquatableArray<string> keep, FieldSchema? schema)
        {
            var columns = new List<AlertColumn>();
            var seen = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (string column in keep)
            {
                // Wildcard entries have no property of their own: their columns are in Match.Columns.
                if (column.IndexOf('*') >= 0 || !seen.Add(column)) continue;
                FieldInfo? field = schema?.Find(column);
                AlertValueKind kind = field is null ? AlertValueKind.Json : KindOf(field.Type);
                columns.Add(new AlertColumn(column, kind, kind != AlertValueKind.Json && field!.IsArray));
            }
            return columns.ToEquatableArray();
        }

        /// <summary>
        /// The alert record's columns for a plan: its KEEP columns; with a pipeline, the columns the pipeline makes too,
        /// typed from their ES|QL types (an aggregated row has only those).
        /// </summary>
        public static EquatableArray<AlertColumn> Of(QueryPlan plan, FieldSchema? schema)
        {
            if (plan.Pipeline is not PipelinePlan pipeline) return Of(plan.Keep, schema);
            var made = pipeline.Output.Select(c => new AlertColumn(c.Name, KindOf(c.Type), c.MayBeMulti && KindOf(c.Type) != AlertValueKind.Json)).ToList();
            if (pipeline.Aggregating) return made.ToEquatableArray();
            var names = new HashSet<string>(made.Select(c => c.Column), System.StringComparer.Ordinal);
            return Of(plan.Keep, schema).Where(c => !names.Contains(c.Column)).Concat(made).ToEquatableArray();
        }

        /// <summary>The record type of a column the pipeline made.</summary>
        public static AlertValueKind KindOf(EsqlDataType type) => type switch
        {
            EsqlDataType.Keyword or EsqlDataType.Version => AlertValueKind.String,
            EsqlDataType.Integer or EsqlDataType.Long => AlertValueKind.Long,
            EsqlDataType.Double => AlertValueKind.Double,
            EsqlDataType.Boolean => AlertValueKind.Boolean,
            EsqlDataType.Ip => AlertValueKind.Ip,
            EsqlDataType.Datetime => AlertValueKind.Date,
            _ => AlertValueKind.Json,
        };

        public static AlertValueKind KindOf(string schemaType) => schemaType switch
        {
            "keyword" or "constant_keyword" or "wildcard" or "text" or "match_only_text" => AlertValueKind.String,
            "long" or "integer" or "short" or "byte" => AlertValueKind.Long,
            "double" or "float" or "half_float" or "scaled_float" => AlertValueKind.Double,
            "boolean" => AlertValueKind.Boolean,
            "ip" => AlertValueKind.Ip,
            "date" or "date_nanos" => AlertValueKind.Date,
            _ => AlertValueKind.Json,
        };

        /// <summary>The property's C# type.</summary>
        public static string TypeOf(AlertColumn column)
        {
            string element = column.Kind switch
            {
                AlertValueKind.String => "string",
                AlertValueKind.Long => "long",
                AlertValueKind.Double => "double",
                AlertValueKind.Boolean => "bool",
                AlertValueKind.Ip => "global::System.Net.IPAddress",
                AlertValueKind.Date => "global::System.DateTimeOffset",
                _ => "global::System.Text.Json.JsonElement",
            };
            return column.IsArray ? $"global::System.Collections.Generic.IReadOnlyList<{element}>?" : element + "?";
        }

        /// <summary>The expression that reads the column from <c>match</c>.</summary>
        public static string ReadOf(AlertColumn column)
        {
            string read = $"match.Column({CSharp.String(column.Column)})";
            if (column.Kind == AlertValueKind.Json) return read;
            string method = column.Kind.ToString() + (column.IsArray ? "s" : "");
            return $"{CSharp.Runtime}.AlertValues.{method}({read})";
        }
    }
}
