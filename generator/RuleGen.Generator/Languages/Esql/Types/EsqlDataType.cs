namespace RuleGen.Generator.Languages.Esql.Types
{
    /// <summary>
    /// ES|QL's data types as the binder checks them; the same list as the runtime's <c>RuleGen.Runtime.Pipeline.EsqlType</c>
    /// (the emitter writes the member by name). <c>text</c> binds as <see cref="Keyword"/>, as every ES|QL function
    /// returns keyword for it. <see cref="Unsupported"/>: a field of a type ES|QL cannot read in a rule (geo, object,
    /// flattened root, …): it may be kept, not computed with.
    /// </summary>
    internal enum EsqlDataType
    {
        Null,
        Boolean,
        Integer,
        Long,
        Double,
        Keyword,
        Datetime,
        Ip,
        Version,
        TimeDuration,
        DatePeriod,
        Unsupported,

        /// <summary>
        /// A field no schema knows (a data stream RuleGen has no fields for, RG0051): its type is the JSON the event holds
        /// (number, string, boolean), read per value at run time, and every signature accepts it at build time, as the
        /// user's cluster would have mapped it. A fields file gives it its real type.
        /// </summary>
        Unknown,
    }

    internal static class EsqlDataTypes
    {
        /// <summary>The type ES|QL gives a field of this Elasticsearch mapping type.</summary>
        public static EsqlDataType FromMapping(string? mappingType) => mappingType switch
        {
            "keyword" or "constant_keyword" or "wildcard" or "text" or "match_only_text" => EsqlDataType.Keyword,
            "long" => EsqlDataType.Long,
            "integer" or "short" or "byte" => EsqlDataType.Integer,
            "double" or "float" or "half_float" or "scaled_float" => EsqlDataType.Double,
            "boolean" => EsqlDataType.Boolean,
            "date" or "date_nanos" => EsqlDataType.Datetime,
            "ip" => EsqlDataType.Ip,
            "version" => EsqlDataType.Version,
            null => EsqlDataType.Unknown,
            _ => EsqlDataType.Unsupported,
        };

        public static bool IsNumeric(this EsqlDataType type) => type is EsqlDataType.Integer or EsqlDataType.Long or EsqlDataType.Double;

        public static bool IsString(this EsqlDataType type) => type == EsqlDataType.Keyword;

        /// <summary>The type's name as ES|QL's error messages and documentation write it.</summary>
        public static string Name(this EsqlDataType type) => type switch
        {
            EsqlDataType.TimeDuration => "time_duration",
            EsqlDataType.DatePeriod => "date_period",
            _ => type.ToString().ToLowerInvariant(),
        };

        /// <summary>The wider of two numeric types (integer &lt; long &lt; double), as arithmetic and comparisons widen.</summary>
        public static EsqlDataType Widen(EsqlDataType a, EsqlDataType b) =>
            a == EsqlDataType.Double || b == EsqlDataType.Double ? EsqlDataType.Double
            : a == EsqlDataType.Long || b == EsqlDataType.Long ? EsqlDataType.Long
            : EsqlDataType.Integer;

        /// <summary>Whether the type is fixed only at run time (NULL, or a field no schema knows): any signature accepts it.</summary>
        public static bool IsOpen(this EsqlDataType type) => type is EsqlDataType.Null or EsqlDataType.Unknown;

        /// <summary>Whether a value of <paramref name="actual"/> may stand where <paramref name="wanted"/> is asked (NULL stands anywhere).</summary>
        public static bool Accepts(this EsqlDataType wanted, EsqlDataType actual) =>
            actual.IsOpen() || wanted == actual || wanted == EsqlDataType.Double && actual.IsNumeric() || wanted == EsqlDataType.Long && actual == EsqlDataType.Integer;
    }
}
