using System.Collections.Generic;
using RuleGen.Generator.Languages.Esql.Types;

namespace RuleGen.Generator.Languages.Esql.Functions
{
    /// <summary>
    /// An ES|QL aggregate RuleGen compiles: name, arity, the check that types a call, and the runtime class
    /// (<c>RuleGen.Runtime.Pipeline.Aggregates.{Class}</c>, an <c>EsqlAggregator</c>) one instance of which runs per
    /// group. The first argument is the value fed to it per row; the others (<c>PERCENTILE(x, 95)</c>'s 95,
    /// <c>TOP(x, 3, "desc")</c>'s 3 and "desc") must be constants and are passed to its constructor as EsqlValues.
    /// <c>ClassFor</c>, when set, picks the class from the argument types (SUM of integers is a long, of doubles a double).
    /// </summary>
    internal sealed record AggregateFunction(
        string Name,
        int Min,
        int Max,
        System.Func<IReadOnlyList<EsqlDataType>, SignatureResult> Check,
        string Class,
        System.Func<IReadOnlyList<EsqlDataType>, string>? ClassFor = null)
    {
        public string ArityText => Max < 0 ? $"at least {Min}" : Min == Max ? Min.ToString() : $"{Min} to {Max}";

        public string ClassOf(IReadOnlyList<EsqlDataType> types) => ClassFor?.Invoke(types) ?? Class;
    }
}
