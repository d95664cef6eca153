using RuleGen.Generator.Model;

namespace RuleGen.Generator.Ir
{
    /// <summary>
    /// The stateful half of an EQL sequence rule, beside its plan's condition (the OR of every stage's and the until
    /// stage's condition, which is the per-event filter): each written stage's own condition, from the same IR, its
    /// join keys (<c>sequence by</c> then the stage's <c>by</c>) and <c>runs</c>; the until stage; maxspan. The
    /// runtime's SequenceSpec is emitted from it, and each stage's condition as one test of the generated StageMask.
    /// </summary>
    internal sealed record SequenceModel(EquatableArray<SequenceStageModel> Stages, SequenceStageModel? Until, long? MaxSpanMs, string? MaxSpanText)
    {
        /// <summary>A stage mask is a ulong: bit i is stage i, the bit after the last stage the until stage.</summary>
        public const int MaxWrittenStages = 63;

        /// <summary>The runtime matcher's bound on stages once runs are expanded (SequencePlan.MaxStages).</summary>
        public const int MaxExpandedStages = 256;
    }

    /// <summary>One written stage: its condition (category and conditions), its text for the generated comment, keys, runs.</summary>
    internal sealed record SequenceStageModel(Pred Condition, string Source, EquatableArray<SequenceKeyModel> Keys, int Runs);

    /// <summary>A join key: the field read, and whether it was written <c>?field</c> (a missing value still joins, as null).</summary>
    internal sealed record SequenceKeyModel(string Field, bool Optional);
}
