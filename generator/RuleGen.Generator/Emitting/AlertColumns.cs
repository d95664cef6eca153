using System.Collections.Generic;
using System.Linq;
using RuleGen.Generator.Binding;
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
