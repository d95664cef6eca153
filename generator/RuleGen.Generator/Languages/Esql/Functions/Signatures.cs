using System.Collections.Generic;
using System.Linq;
using RuleGen.Generator.Languages.Esql.Types;

namespace RuleGen.Generator.Languages.Esql.Functions
{
    /// <summary>Building blocks for the catalogues' signature checks, so each function's line says its types.</summary>
    internal static class Signatures
    {
        public static readonly EsqlDataType[] Strings = { EsqlDataType.Keyword };
        public static readonly EsqlDataType[] Numbers = { EsqlDataType.Integer, EsqlDataType.Long, EsqlDataType.Double };
        public static readonly EsqlDataType[] Integers = { EsqlDataType.Integer, EsqlDataType.Long };
        public static readonly EsqlDataType[] Dates = { EsqlDataType.Datetime };
        public static readonly EsqlDataType[] Booleans = { EsqlDataType.Boolean };
        public static readonly EsqlDataType[] Ips = { EsqlDataType.Ip };

        /// <summary>Every type a value can have (not the time spans).</summary>
        public static readonly EsqlDataType[] Any =
        {
            EsqlDataType.Boolean, EsqlDataType.Integer, EsqlDataType.Long, EsqlDataType.Double, EsqlDataType.Keyword,
            EsqlDataType.Datetime, EsqlDataType.Ip, EsqlDataType.Version,
        };

        /// <summary>Argument i must have one of <paramref name="arguments"/>[i] (the last entry repeats for varargs); the result is fixed.</summary>
        public static System.Func<IReadOnlyList<EsqlDataType>, SignatureResult> Returns(EsqlDataType result, params EsqlDataType[][] arguments) =>
            types => CheckArguments(types, arguments) ?? SignatureResult.Of(result);

        /// <summary>As <see cref="Returns"/>, the result having the first argument's type (MV_MIN, GREATEST…).</summary>
        public static System.Func<IReadOnlyList<EsqlDataType>, SignatureResult> ReturnsFirst(params EsqlDataType[][] arguments) =>
            types => CheckArguments(types, arguments) ?? SignatureResult.Of(types.Count == 0 ? EsqlDataType.Null : types[0]);

        /// <summary>Every argument of one type (NULL aside), which is the result's (COALESCE, GREATEST, MV_APPEND, CASE's values).</summary>
        public static SignatureResult Common(IReadOnlyList<EsqlDataType> types, int first = 0, int step = 1)
        {
            EsqlDataType common = EsqlDataType.Null;
            for (int i = first; i < types.Count; i += step)
            {
                EsqlDataType t = types[i];
                if (t == EsqlDataType.Null) continue;
                if (t == EsqlDataType.Unknown || common == EsqlDataType.Unknown)
                {
                    common = EsqlDataType.Unknown;
                    continue;
                }
                if (common == EsqlDataType.Null) common = t;
                else if (common.IsNumeric() && t.IsNumeric() && common != t)
                    return SignatureResult.Error(i, $"must be [{common.Name()}] like the others, found [{t.Name()}]");
                else if (common != t)
                    return SignatureResult.Error(i, $"must be [{common.Name()}] like the others, found [{t.Name()}]");
            }
            return SignatureResult.Of(common);
        }

        /// <summary>Null when every argument is one of its allowed types; else the error at the first that is not.</summary>
        public static SignatureResult? CheckArguments(IReadOnlyList<EsqlDataType> types, EsqlDataType[][] arguments)
        {
            for (int i = 0; i < types.Count && arguments.Length > 0; i++)
            {
                EsqlDataType[] allowed = arguments[System.Math.Min(i, arguments.Length - 1)];
                if (types[i].IsOpen() || allowed.Contains(types[i])) continue;
                return SignatureResult.Error(i, $"must be [{string.Join(" or ", allowed.Select(t => t.Name()))}], found [{types[i].Name()}]");
            }
            return null;
        }
    }
}
