using System.Collections.Generic;
using RuleGen.Generator.Languages.Esql.Types;
using static RuleGen.Generator.Languages.Esql.Functions.Signatures;

namespace RuleGen.Generator.Languages.Esql.Functions.Scalar
{
    /// <summary>
    /// ES|QL's conditional functions (reference: functions-operators/conditional-functions-and-expressions). CASE is
    /// typed by the binder; its runtime method is EsqlFunctions.Case.
    /// </summary>
    internal static class ConditionalFunctions
    {
        /// <summary>The types GREATEST and LEAST compare (Greatest.java's supported types; text is keyword).</summary>
        private static readonly EsqlDataType[] Comparable =
        {
            EsqlDataType.Boolean, EsqlDataType.Datetime, EsqlDataType.Double, EsqlDataType.Integer, EsqlDataType.Ip,
            EsqlDataType.Keyword, EsqlDataType.Long, EsqlDataType.Version,
        };

        public static readonly ScalarFunction[] All =
        {
            new("COALESCE", 1, -1, types => Common(types), "EsqlFunctions.Coalesce", Varargs: true),
            new("GREATEST", 1, -1, ComparableCommon, "EsqlFunctions.Greatest", Varargs: true),
            new("LEAST", 1, -1, ComparableCommon, "EsqlFunctions.Least", Varargs: true),
        };

        private static SignatureResult ComparableCommon(IReadOnlyList<EsqlDataType> types) =>
            CheckArguments(types, new[] { Comparable }) ?? Common(types);
    }
}
