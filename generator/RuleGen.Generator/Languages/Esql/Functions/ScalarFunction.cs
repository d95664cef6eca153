using System.Collections.Generic;
using RuleGen.Generator.Languages.Esql.Types;

namespace RuleGen.Generator.Languages.Esql.Functions
{
    /// <summary>
    /// What a signature check says about one call: the result type, or the argument that is wrong (-1: the call as a
    /// whole) and why, in ES|QL's words ("first argument of [LENGTH(x)] must be [keyword or text], found value [x]
    /// type [long]" becomes "argument 1 must be keyword, found long").
    /// </summary>
    internal readonly struct SignatureResult
    {
        private SignatureResult(EsqlDataType type, int badArgument, string? problem)
        {
            Type = type;
            BadArgument = badArgument;
            Problem = problem;
        }

        public EsqlDataType Type { get; }

        public int BadArgument { get; }

        public string? Problem { get; }

        public bool IsError => Problem is not null;

        public static SignatureResult Of(EsqlDataType type) => new(type, -1, null);

        public static SignatureResult Error(int argument, string problem) => new(EsqlDataType.Null, argument, problem);
    }

    /// <summary>
    /// An ES|QL scalar function RuleGen compiles: its name, arity (Max -1: any number), the check that types a call
    /// from its argument types, and the runtime method that evaluates it (<c>EsqlFunctions.{Method}</c> in
    /// runtime/RuleGen.Runtime/Pipeline/Functions, taking and returning <c>EsqlValue</c>; varargs as an array).
    /// <c>Constants</c>: argument positions that must be constants (folded at build time, such as DATE_FORMAT's
    /// pattern), checked by the binder. <c>UsesNow</c>: the method takes the execution context first (NOW()).
    /// </summary>
    internal sealed record ScalarFunction(
        string Name,
        int Min,
        int Max,
        System.Func<IReadOnlyList<EsqlDataType>, SignatureResult> Check,
        string Method,
        bool Varargs = false,
        bool UsesNow = false,
        int[]? Constants = null)
    {
        public string ArityText => Max < 0 ? $"at least {Min}" : Min == Max ? Min.ToString() : $"{Min} to {Max}";
    }
}
