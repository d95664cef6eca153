using RuleGen.Generator.Languages.Esql.Types;
using static RuleGen.Generator.Languages.Esql.Functions.Signatures;

namespace RuleGen.Generator.Languages.Esql.Functions.Scalar
{
    /// <summary>
    /// ES|QL's string functions (reference: functions-operators/string-functions; docs/esql-functions/strings.md has
    /// every decision). Counts and positions are integers; positions and lengths take integer or long.
    /// REPLACE's pattern and SPLIT's delimiter, when constants, are checked at build time (ConstantArgumentChecks).
    /// </summary>
    internal static class StringFunctions
    {
        public static readonly ScalarFunction[] All =
        {
            new("CONCAT", 2, -1, Returns(EsqlDataType.Keyword, Strings), "EsqlFunctions.Concat", Varargs: true),
            new("LENGTH", 1, 1, Returns(EsqlDataType.Integer, Strings), "EsqlFunctions.Length"),
            new("BIT_LENGTH", 1, 1, Returns(EsqlDataType.Integer, Strings), "EsqlFunctions.BitLength"),
            new("BYTE_LENGTH", 1, 1, Returns(EsqlDataType.Integer, Strings), "EsqlFunctions.ByteLength"),
            new("SUBSTRING", 2, 3, Returns(EsqlDataType.Keyword, Strings, Integers, Integers), "EsqlFunctions.Substring"),
            new("LEFT", 2, 2, Returns(EsqlDataType.Keyword, Strings, Integers), "EsqlFunctions.Left"),
            new("RIGHT", 2, 2, Returns(EsqlDataType.Keyword, Strings, Integers), "EsqlFunctions.Right"),
            new("LOCATE", 2, 3, Returns(EsqlDataType.Integer, Strings, Strings, Integers), "EsqlFunctions.Locate"),
            new("REPLACE", 3, 3, Returns(EsqlDataType.Keyword, Strings), "EsqlFunctions.Replace"),
            new("SPLIT", 2, 2, Returns(EsqlDataType.Keyword, Strings), "EsqlFunctions.Split"),
            new("TRIM", 1, 1, Returns(EsqlDataType.Keyword, Strings), "EsqlFunctions.Trim"),
            new("LTRIM", 1, 1, Returns(EsqlDataType.Keyword, Strings), "EsqlFunctions.LTrim"),
            new("RTRIM", 1, 1, Returns(EsqlDataType.Keyword, Strings), "EsqlFunctions.RTrim"),
            new("REVERSE", 1, 1, Returns(EsqlDataType.Keyword, Strings), "EsqlFunctions.Reverse"),
            new("REPEAT", 2, 2, Returns(EsqlDataType.Keyword, Strings, Integers), "EsqlFunctions.Repeat"),
            new("SPACE", 1, 1, Returns(EsqlDataType.Keyword, Integers), "EsqlFunctions.Space"),
            new("STARTS_WITH", 2, 2, Returns(EsqlDataType.Boolean, Strings), "EsqlFunctions.StartsWith"),
            new("ENDS_WITH", 2, 2, Returns(EsqlDataType.Boolean, Strings), "EsqlFunctions.EndsWith"),
            new("CONTAINS", 2, 2, Returns(EsqlDataType.Boolean, Strings), "EsqlFunctions.Contains"),
            new("TO_LOWER", 1, 1, Returns(EsqlDataType.Keyword, Strings), "EsqlFunctions.ToLower"),
            new("TO_UPPER", 1, 1, Returns(EsqlDataType.Keyword, Strings), "EsqlFunctions.ToUpper"),
        };
    }
}
