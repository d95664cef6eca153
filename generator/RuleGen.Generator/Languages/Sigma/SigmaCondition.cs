using System.Collections.Generic;

namespace RuleGen.Generator.Languages.Sigma
{
    /// <summary>
    /// A parsed Sigma condition (sigma-rules-specification.md, "Condition"). Start/Length are offsets in the
    /// condition string, so errors found later (an unknown identifier) can still point at the word.
    /// </summary>
    internal abstract record SigmaCondition(int Start, int Length);

    internal sealed record SigmaIdentifierCondition(string Name, int Start, int Length) : SigmaCondition(Start, Length);

    /// <summary><c>1 of pattern</c> / <c>all of pattern</c>; <see cref="Pattern"/> is null for <c>them</c>.</summary>
    internal sealed record SigmaQuantifiedCondition(bool All, string? Pattern, int Start, int Length) : SigmaCondition(Start, Length);

    internal sealed record SigmaNotCondition(SigmaCondition Operand, int Start, int Length) : SigmaCondition(Start, Length);

    /// <summary>An AND (<see cref="IsAnd"/>) or OR of two or more operands, flattened as written.</summary>
    internal sealed record SigmaBinaryCondition(bool IsAnd, IReadOnlyList<SigmaCondition> Operands, int Start, int Length)
        : SigmaCondition(Start, Length);
}
