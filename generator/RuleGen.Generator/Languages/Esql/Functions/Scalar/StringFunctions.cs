using RuleGen.Generator.Languages.Esql.Types;
using static RuleGen.Generator.Languages.Esql.Functions.Signatures;

namespace RuleGen.Generator.Languages.Esql.Functions.Scalar
{
    /// <summary>ES|QL's string functions (reference: functions-operators/string-functions).</summary>
    internal static class StringFunctions
    {
        public static readonly ScalarFunction[] All =
        {
            new("CONCAT", 2, -1, Returns(EsqlDataType.Keyword, Strings), "EsqlFunctions.Concat", Varargs: true),
            new("LENGTH", 1, 1, Returns(EsqlDataType.Integer, Strings), "EsqlFunctions.Length"),
            new("TO_LOWER", 1, 1, Returns(EsqlDataType.Keyword, Strings), "EsqlFunctions.ToLower"),
            new("TO_UPPER", 1, 1, Returns(EsqlDataType.Keyword, Strings), "EsqlFunctions.ToUpper"),
        };
    }
}
