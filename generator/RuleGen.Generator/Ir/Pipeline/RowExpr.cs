using RuleGen.Generator.Languages.Esql.Types;
using RuleGen.Generator.Model;

namespace RuleGen.Generator.Ir.Pipeline
{
    /// <summary>
    /// A value computed for one row of a pipeline (ES|QL's EVAL, a WHERE after EVAL, a STATS argument, a SORT key):
    /// typed at build time, evaluated at run time over <c>RuleGen.Runtime.Pipeline.EsqlValue</c>s with ES|QL's NULL and
    /// multivalue rules, which live in the runtime function each call names. Compares by value (cached models).
    /// </summary>
    internal abstract record RowExpr(EsqlDataType Type);

    /// <summary>Column <c>Column</c> of the current row (a FROM field, or what an earlier command made).</summary>
    internal sealed record ColumnRow(int Column, string Name, EsqlDataType Type) : RowExpr(Type);

    /// <summary>
    /// A constant, written as the runtime constructor call that makes it (<c>EsqlValue.Long(5)</c>); emitted once as a
    /// static field. <c>Display</c> is how the query wrote it.
    /// </summary>
    internal sealed record ConstantRow(EsqlDataType Type, string Construct, string Display) : RowExpr(Type);

    /// <summary>
    /// A call of a runtime method (<c>RuleGen.Runtime.Pipeline.{Method}</c>, e.g. <c>EsqlFunctions.Concat</c>) on the
    /// arguments; <c>Statics</c> are build-time objects passed after them (a compiled LIKE pattern, a regex), each
    /// written as the C# expression that builds it. <c>UsesNow</c>: the method takes the execution's context first
    /// (NOW()).
    /// </summary>
    internal sealed record CallRow(string Method, EquatableArray<RowExpr> Arguments, EquatableArray<string> Statics, EsqlDataType Type, bool UsesNow = false) : RowExpr(Type);
}

namespace RuleGen.Generator.Ir.Pipeline
{
    /// <summary>A plain C# argument of a runtime method that is not a row value (AddSpan's <c>subtract</c> flag).</summary>
    internal sealed record CodeRow(string Code) : RowExpr(Languages.Esql.Types.EsqlDataType.Null);
}
