using RuleGen.Generator.Languages.Esql.Types;
using static RuleGen.Generator.Languages.Esql.Functions.Signatures;

namespace RuleGen.Generator.Languages.Esql.Functions.Scalar
{
    /// <summary>
    /// ES|QL's encoding, hashing and JSON string functions (reference: functions-operators/string-functions):
    /// base64, URL encoding, digests as lowercase hex, and JSON_EXTRACT (9.4 preview; 4 Elastic rules use it).
    /// </summary>
    internal static class EncodingFunctions
    {
        public static readonly ScalarFunction[] All =
        {
            new("TO_BASE64", 1, 1, Returns(EsqlDataType.Keyword, Strings), "EsqlFunctions.ToBase64"),
            new("FROM_BASE64", 1, 1, Returns(EsqlDataType.Keyword, Strings), "EsqlFunctions.FromBase64"),
            new("URL_ENCODE", 1, 1, Returns(EsqlDataType.Keyword, Strings), "EsqlFunctions.UrlEncode"),
            new("URL_ENCODE_COMPONENT", 1, 1, Returns(EsqlDataType.Keyword, Strings), "EsqlFunctions.UrlEncodeComponent"),
            new("URL_DECODE", 1, 1, Returns(EsqlDataType.Keyword, Strings), "EsqlFunctions.UrlDecode"),
            new("MD5", 1, 1, Returns(EsqlDataType.Keyword, Strings), "EsqlFunctions.Md5"),
            new("SHA1", 1, 1, Returns(EsqlDataType.Keyword, Strings), "EsqlFunctions.Sha1"),
            new("SHA256", 1, 1, Returns(EsqlDataType.Keyword, Strings), "EsqlFunctions.Sha256"),
            new("HASH", 2, 2, Returns(EsqlDataType.Keyword, Strings), "EsqlFunctions.Hash"),
            new("JSON_EXTRACT", 2, 2, Returns(EsqlDataType.Keyword, Strings), "EsqlFunctions.JsonExtract"),
        };
    }
}
