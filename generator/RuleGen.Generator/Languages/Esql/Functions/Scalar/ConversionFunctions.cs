using RuleGen.Generator.Languages.Esql.Types;
using static RuleGen.Generator.Languages.Esql.Functions.Signatures;

namespace RuleGen.Generator.Languages.Esql.Functions.Scalar
{
    /// <summary>
    /// ES|QL's type conversion functions (reference: functions-operators/type-conversion-functions), with their
    /// short aliases (TO_STR, TO_INT, TO_DBL, TO_BOOL, TO_DT, TO_VER). Each accepts the input types of the
    /// reference's "supported types" table that RuleGen has. TO_UNSIGNED_LONG is left out: RuleGen has no
    /// unsigned_long type.
    /// </summary>
    internal static class ConversionFunctions
    {
        private static readonly EsqlDataType[] ToNumberInputs =
        {
            EsqlDataType.Boolean, EsqlDataType.Datetime, EsqlDataType.Double, EsqlDataType.Integer, EsqlDataType.Keyword, EsqlDataType.Long,
        };

        private static readonly EsqlDataType[] ToBooleanInputs = { EsqlDataType.Boolean, EsqlDataType.Double, EsqlDataType.Integer, EsqlDataType.Keyword, EsqlDataType.Long };

        private static readonly EsqlDataType[] ToDatetimeInputs = { EsqlDataType.Datetime, EsqlDataType.Double, EsqlDataType.Integer, EsqlDataType.Keyword, EsqlDataType.Long };

        private static readonly EsqlDataType[] ToIpInputs = { EsqlDataType.Ip, EsqlDataType.Keyword };

        private static readonly EsqlDataType[] ToVersionInputs = { EsqlDataType.Version, EsqlDataType.Keyword };

        public static readonly ScalarFunction[] All =
        {
            new("TO_STRING", 1, 1, Returns(EsqlDataType.Keyword, Any), "EsqlFunctions.ToString"),
            new("TO_STR", 1, 1, Returns(EsqlDataType.Keyword, Any), "EsqlFunctions.ToString"),
            new("TO_INTEGER", 1, 1, Returns(EsqlDataType.Integer, ToNumberInputs), "EsqlFunctions.ToInteger"),
            new("TO_INT", 1, 1, Returns(EsqlDataType.Integer, ToNumberInputs), "EsqlFunctions.ToInteger"),
            new("TO_LONG", 1, 1, Returns(EsqlDataType.Long, ToNumberInputs), "EsqlFunctions.ToLong"),
            new("TO_DOUBLE", 1, 1, Returns(EsqlDataType.Double, ToNumberInputs), "EsqlFunctions.ToDouble"),
            new("TO_DBL", 1, 1, Returns(EsqlDataType.Double, ToNumberInputs), "EsqlFunctions.ToDouble"),
            new("TO_BOOLEAN", 1, 1, Returns(EsqlDataType.Boolean, ToBooleanInputs), "EsqlFunctions.ToBoolean"),
            new("TO_BOOL", 1, 1, Returns(EsqlDataType.Boolean, ToBooleanInputs), "EsqlFunctions.ToBoolean"),
            new("TO_DATETIME", 1, 1, Returns(EsqlDataType.Datetime, ToDatetimeInputs), "EsqlFunctions.ToDatetime"),
            new("TO_DT", 1, 1, Returns(EsqlDataType.Datetime, ToDatetimeInputs), "EsqlFunctions.ToDatetime"),
            new("TO_IP", 1, 1, Returns(EsqlDataType.Ip, ToIpInputs), "EsqlFunctions.ToIp"),
            new("TO_VERSION", 1, 1, Returns(EsqlDataType.Version, ToVersionInputs), "EsqlFunctions.ToVersion"),
            new("TO_VER", 1, 1, Returns(EsqlDataType.Version, ToVersionInputs), "EsqlFunctions.ToVersion"),
        };
    }
}
