using System.Collections.Generic;
using System.Linq;

namespace RuleGen.Generator.Languages.Eql
{
    /// <summary>
    /// A sequence's stages, bound like single-event queries although the sequence itself is not emitted yet
    /// (issue 10): each stage's category and condition, the until stage's, and every join key go through the same
    /// binder, so a mistake inside a stage is reported at its position in the same build as the RG0023 at
    /// <c>sequence</c>. The bound predicates are what a sequence plan's per-stage filters will be; the runtime matcher
    /// that joins them is runtime/RuleGen.Runtime/Sequences (docs/eql-sequences.md).
    /// </summary>
    internal sealed partial class EqlBinder
    {
        private void BindStages(EqlSequence sequence)
        {
            foreach (EqlExpression key in sequence.By) Value(key);
            IEnumerable<EqlStage> stages = sequence.Until is null ? sequence.Stages : sequence.Stages.Concat(new[] { sequence.Until });
            foreach (EqlStage stage in stages)
            {
                Category(stage.Filter.Category);
                foreach (EqlExpression conjunct in Conjuncts(stage.Filter.Condition)) Condition(conjunct);
                foreach (EqlExpression key in stage.By) Value(key);
            }
        }
    }
}
