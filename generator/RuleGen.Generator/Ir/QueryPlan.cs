using RuleGen.Generator.Model;

namespace RuleGen.Generator.Ir
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
        EquatableArray<RequiredLiteral>? RequiredLiterals,
        DispatchKey? Dispatch)
    {
        /// <summary>An EQL sequence's stages, keys and maxspan (null for every other rule): Condition is then the OR of the stages.</summary>
        public SequenceModel? Sequence { get; init; }

        /// <summary>An ES|QL query's commands after its filter (null when the query is only WHERE and one KEEP).</summary>
        public Pipeline.PipelinePlan? Pipeline { get; init; }
    }

    /// <summary>Text an event's bytes must contain (ASCII case folded when <c>IgnoreCase</c>) for the rule to match.</summary>
    internal sealed record RequiredLiteral(string Text, bool IgnoreCase)
    {
        /// <summary>Whether every event holding <paramref name="other"/> also holds this literal.</summary>
        public bool Covers(RequiredLiteral other) =>
            (IgnoreCase || !other.IgnoreCase)
            && other.Text.IndexOf(Text, IgnoreCase ? System.StringComparison.OrdinalIgnoreCase : System.StringComparison.Ordinal) >= 0;
    }

    /// <summary>
    /// A field and the values one of which it must hold for the rule to be TRUE (any of its values, when multivalued;
    /// ASCII-and-Unicode case folded when <c>IgnoreCase</c>): the runtime indexes rules by it.
    /// </summary>
    internal sealed record DispatchKey(string Field, EquatableArray<string> Values, bool IgnoreCase, EquatableArray<string> Prefixes = default, DispatchKey? OrElse = null)
    {
        /// <summary>Values the field's value may start with (a <c>"Delete*"</c> pattern), besides the exact ones.</summary>
        public EquatableArray<string> Prefixes { get; } = Prefixes.Count == 0 ? EquatableArray<string>.Empty : Prefixes;

        /// <summary>
        /// Another key that also reaches the rule (an OR whose branches are keyed on different fields: a Sigma rule's
        /// raw branch on eventName, its ECS branch on event.action). The rule is reached when any key of the chain holds.
        /// </summary>
        public DispatchKey? OrElse { get; init; } = OrElse;

        /// <summary>This key and every <see cref="OrElse"/> after it.</summary>
        public System.Collections.Generic.IEnumerable<DispatchKey> Chain()
        {
            for (DispatchKey? key = this; key is not null; key = key.OrElse) yield return key;
        }
    }
}
