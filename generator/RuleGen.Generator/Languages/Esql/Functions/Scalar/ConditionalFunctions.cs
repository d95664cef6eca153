using RuleGen.Generator.Languages.Esql.Types;
using static RuleGen.Generator.Languages.Esql.Functions.Signatures;

namespace RuleGen.Generator.Languages.Esql.Functions.Scalar
{
    /// <summary>ES|QL's conditional functions (reference: functions-operators/conditional-functions-and-expressions). CASE is bound by the binder.</summary>
    internal static class ConditionalFunctions
    {
        public static readonly ScalarFunction[] All =
        {
            new("COALESCE", 1, -1, types => Common(types), "EsqlFunctions.Coalesce", Varargs: true),
        };
    }
}
