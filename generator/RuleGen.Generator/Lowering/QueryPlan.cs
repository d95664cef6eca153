using RuleGen.Generator.Model;

namespace RuleGen.Generator.Lowering
{
    /// <summary>
    /// What a rule's query compiles to: the fields it reads (slot order), its condition, the columns it keeps, the
    /// sources it names, and the literals an event must contain to match (null: none known). Language-independent.
    /// </summary>
    internal sealed record QueryPlan(
        string Language,
        string QueryText,
        EquatableArray<string> Sources,
        EquatableArray<string> MetadataFields,
        EquatableArray<string> Fields,
        Pred Condition,
        EquatableArray<string> Keep,
        EquatableArray<string>? RequiredLiterals,
        DispatchKey? Dispatch);
}
