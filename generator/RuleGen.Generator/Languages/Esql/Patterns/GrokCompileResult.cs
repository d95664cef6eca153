using System.Collections.Generic;
using RuleGen.Generator.Languages.Esql.Types;

namespace RuleGen.Generator.Languages.Esql.Patterns
{
    /// <summary>One column a GROK pattern adds: its name and ES|QL type.</summary>
    internal sealed record GrokCapture(string Name, EsqlDataType Type);

    /// <summary>
    /// A GROK pattern compiled at build time. On success: the .NET regex (unanchored: ES searches, it does not match
    /// the whole value), its named groups <c>g0…gN</c> with the column name and type of each (<see cref="GroupNames"/>,
    /// <see cref="GroupTypes"/>: a name used twice has two groups), and the columns GROK adds (<see cref="Captures"/>:
    /// distinct names sorted by name, as ES|QL orders them). On failure: <see cref="Error"/> and the offset in the
    /// pattern text it is about (the <c>%{</c> of the top-level reference when the fault is inside a built-in pattern).
    /// </summary>
    internal sealed record GrokCompileResult(
        string? DotNetPattern,
        IReadOnlyList<string> GroupNames,
        IReadOnlyList<EsqlDataType> GroupTypes,
        IReadOnlyList<GrokCapture> Captures,
        string? Error,
        int ErrorOffset)
    {
        public bool Succeeded => Error is null;

        public static GrokCompileResult Failure(string error, int offset) =>
            new(null, new string[0], new EsqlDataType[0], new GrokCapture[0], error, offset);
    }
}
