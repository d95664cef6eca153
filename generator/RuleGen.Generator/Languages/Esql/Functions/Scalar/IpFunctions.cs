using RuleGen.Generator.Languages.Esql.Types;
using static RuleGen.Generator.Languages.Esql.Functions.Signatures;

namespace RuleGen.Generator.Languages.Esql.Functions.Scalar
{
    /// <summary>ES|QL's IP functions (reference: functions-operators/ip-functions). CIDR_MATCH's blocks may be any keyword expressions.</summary>
    internal static class IpFunctions
    {
        public static readonly ScalarFunction[] All =
        {
            new("CIDR_MATCH", 2, -1, Returns(EsqlDataType.Boolean, Ips, Strings), "EsqlFunctions.CidrMatch", Varargs: true),
            new("IP_PREFIX", 3, 3, Returns(EsqlDataType.Ip, Ips, Integers, Integers), "EsqlFunctions.IpPrefix"),
        };
    }
}
