using System;
using System.Collections.Generic;
using System.Linq;

using RuleGen.Generator.Ir;
using RuleGen.Generator.Planning;

namespace RuleGen.Generator.Languages.Esql
{
    internal enum FunctionKind { ToLower, ToUpper, StartsWith, EndsWith, CidrMatch, MvContains, Kql }

    /// <summary>A function RuleGen compiles, with its arity (MaxArguments -1: any number).</summary>
    internal sealed record FunctionInfo(string Name, FunctionKind Kind, int MinArguments, int MaxArguments, bool IsPredicate)
    {
        public string ArityText => MaxArguments < 0 ? $"at least {MinArguments}" : MinArguments == MaxArguments ? MinArguments.ToString() : $"{MinArguments} to {MaxArguments}";
    }

    /// <summary>
    /// ES|QL functions by name: the ones RuleGen compiles, and the rest of ES|QL's library, so that a real function
    /// outside the subset is "not supported yet" while a misspelling is "unknown" with a suggestion.
    /// </summary>
    internal static class EsqlFunctions
    {
        private static readonly FunctionInfo[] Supported =
        {
            new("TO_LOWER", FunctionKind.ToLower, 1, 1, IsPredicate: false),
            new("TO_UPPER", FunctionKind.ToUpper, 1, 1, IsPredicate: false),
            new("STARTS_WITH", FunctionKind.StartsWith, 2, 2, IsPredicate: true),
            new("ENDS_WITH", FunctionKind.EndsWith, 2, 2, IsPredicate: true),
            new("CIDR_MATCH", FunctionKind.CidrMatch, 2, -1, IsPredicate: true),
            new("MV_CONTAINS", FunctionKind.MvContains, 2, 2, IsPredicate: true),
            new("KQL", FunctionKind.Kql, 1, 1, IsPredicate: true),
        };

        /// <summary>ES|QL's other functions (elastic/elasticsearch docs, functions-operators reference).</summary>
        private static readonly string[] OtherEsqlFunctions =
        {
            "ABS", "ACOS", "ASIN", "ATAN", "ATAN2", "AVG", "BIT_LENGTH", "BUCKET", "BYTE_LENGTH", "CASE", "CATEGORIZE", "CBRT",
            "CEIL", "CONCAT", "CONTAINS", "COS", "COSH", "COUNT", "COUNT_DISTINCT", "COALESCE", "DATE_DIFF", "DATE_EXTRACT",
            "DATE_FORMAT", "DATE_PARSE", "DATE_TRUNC", "E", "EXP", "FIRST", "FLOOR", "FROM_BASE64", "GREATEST", "HASH", "HYPOT",
            "IP_PREFIX", "JSON_EXTRACT", "LAST", "LEAST", "LEFT", "LENGTH", "LOCATE", "LOG", "LOG10", "LTRIM", "MATCH",
            "MATCH_PHRASE", "MAX", "MD5", "MEDIAN", "MEDIAN_ABSOLUTE_DEVIATION", "MIN", "MV_APPEND", "MV_AVG", "MV_CONCAT",
            "MV_COUNT", "MV_DEDUPE", "MV_FIRST", "MV_INTERSECTION", "MV_LAST", "MV_MAX", "MV_MEDIAN", "MV_MIN",
            "MV_PERCENTILE", "MV_SLICE", "MV_SORT", "MV_SUM", "MV_ZIP", "NOW", "PERCENTILE", "PI", "POW", "QSTR", "REPEAT",
            "REPLACE", "REVERSE", "RIGHT", "ROUND", "RTRIM", "SHA1", "SHA256", "SIGNUM", "SIN", "SINH", "SPACE", "SPLIT",
            "SQRT", "ST_CENTROID_AGG", "ST_CONTAINS", "ST_DISJOINT", "ST_DISTANCE", "ST_ENVELOPE", "ST_EXTENT_AGG",
            "ST_INTERSECTS", "ST_WITHIN", "ST_X", "ST_XMAX", "ST_XMIN", "ST_Y", "ST_YMAX", "ST_YMIN", "STD_DEV", "SUBSTRING",
            "SUM", "TAN", "TANH", "TAU", "TERM", "TO_BASE64", "TO_BOOLEAN", "TO_CARTESIANPOINT", "TO_CARTESIANSHAPE",
            "TO_DATE_NANOS", "TO_DATEPERIOD", "TO_DATETIME", "TO_DEGREES", "TO_DOUBLE", "TO_GEOPOINT", "TO_GEOSHAPE",
            "TO_INTEGER", "TO_IP", "TO_LONG", "TO_RADIANS", "TO_STRING", "TO_TIMEDURATION", "TO_UNSIGNED_LONG", "TO_VERSION",
            "TOP", "TRIM", "URL_DECODE", "URL_ENCODE", "URL_ENCODE_COMPONENT", "VALUES", "WEIGHTED_AVG",
        };

        private static readonly Dictionary<string, FunctionInfo> ByName =
            Supported.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);

        private static readonly HashSet<string> Others = new(OtherEsqlFunctions, StringComparer.OrdinalIgnoreCase);

        public static IEnumerable<string> AllNames => Supported.Select(f => f.Name).Concat(OtherEsqlFunctions);

        public static FunctionInfo? Find(string name) => ByName.TryGetValue(name, out FunctionInfo? info) ? info : null;

        public static bool IsOtherEsqlFunction(string name) => Others.Contains(name);
    }
}
