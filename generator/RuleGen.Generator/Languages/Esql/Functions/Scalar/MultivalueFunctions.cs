using System.Collections.Generic;
using RuleGen.Generator.Languages.Esql.Types;
using static RuleGen.Generator.Languages.Esql.Functions.Signatures;

namespace RuleGen.Generator.Languages.Esql.Functions.Scalar
{
    /// <summary>
    /// ES|QL's multivalue functions (reference: functions-operators/mv-functions; kibana/definition/functions/mv_*.json).
    /// Elasticsearch has no MV_JOIN: MV_CONCAT is the delimiter join. MV_SORT's order must be a constant
    /// (Elasticsearch folds it at planning).
    /// </summary>
    internal static class MultivalueFunctions
    {
        public static readonly ScalarFunction[] All =
        {
            new("MV_COUNT", 1, 1, Returns(EsqlDataType.Integer, Any), "EsqlFunctions.MvCount"),
            new("MV_DEDUPE", 1, 1, ReturnsFirst(Any), "EsqlFunctions.MvDedupe"),
            new("MV_FIRST", 1, 1, ReturnsFirst(Any), "EsqlFunctions.MvFirst"),
            new("MV_LAST", 1, 1, ReturnsFirst(Any), "EsqlFunctions.MvLast"),
            new("MV_MAX", 1, 1, ReturnsFirst(Any), "EsqlFunctions.MvMax"),
            new("MV_MIN", 1, 1, ReturnsFirst(Any), "EsqlFunctions.MvMin"),
            new("MV_SUM", 1, 1, ReturnsFirst(Numbers), "EsqlFunctions.MvSum"),
            new("MV_AVG", 1, 1, Returns(EsqlDataType.Double, Numbers), "EsqlFunctions.MvAvg"),
            new("MV_MEDIAN", 1, 1, ReturnsFirst(Numbers), "EsqlFunctions.MvMedian"),
            new("MV_MEDIAN_ABSOLUTE_DEVIATION", 1, 1, ReturnsFirst(Numbers), "EsqlFunctions.MvMedianAbsoluteDeviation"),
            new("MV_PERCENTILE", 2, 2, ReturnsFirst(Numbers, Numbers), "EsqlFunctions.MvPercentile"),
            new("MV_CONCAT", 2, 2, Returns(EsqlDataType.Keyword, Strings, Strings), "EsqlFunctions.MvConcat"),
            new("MV_SORT", 1, 2, ReturnsFirst(Any, Strings), "EsqlFunctions.MvSort", Constants: new[] { 1 }),
            new("MV_SLICE", 2, 3, ReturnsFirst(Any, new[] { EsqlDataType.Integer }, new[] { EsqlDataType.Integer }), "EsqlFunctions.MvSlice"),
            new("MV_CONTAINS", 2, 2, SameTypes(EsqlDataType.Boolean), "EsqlFunctions.MvContains"),
            new("MV_APPEND", 2, 2, SameTypes(null), "EsqlFunctions.MvAppend"),
            new("MV_ZIP", 2, 3, Returns(EsqlDataType.Keyword, Strings, Strings, Strings), "EsqlFunctions.MvZip"),
            new("MV_INTERSECTION", 2, 2, SameTypes(null), "EsqlFunctions.MvIntersection"),
            new("MV_UNION", 2, 2, SameTypes(null), "EsqlFunctions.MvUnion"),
        };

        /// <summary>Both arguments of one value type (NULL aside); the result is <paramref name="result"/>, or that common type.</summary>
        private static System.Func<IReadOnlyList<EsqlDataType>, SignatureResult> SameTypes(EsqlDataType? result) => types =>
        {
            SignatureResult? wrong = CheckArguments(types, new[] { Any });
            if (wrong is SignatureResult error) return error;
            SignatureResult common = Common(types);
            return common.IsError || result is null ? common : SignatureResult.Of(result.Value);
        };
    }
}
